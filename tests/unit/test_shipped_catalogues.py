"""The shipped criteria catalogues (resources/catalogues/*.json).

They must parse, add up, carry the values the research found with the status the research gave
them (exact / secondary), and mark everything else provisional with its reasoning. When the
official annex of a decision is entered, update the lists of known values below with it.
"""

from __future__ import annotations

import copy
import json
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.catalogue import (
    Catalogue,
    Condition,
    ConditionKind,
    CountRule,
    Criterion,
    Direction,
    Indicator,
    ManualRule,
    RateRule,
    Sector,
    Sourced,
    Status,
    UnitCategory,
    YesNoRule,
)
from assessor_app.domain.catalogue_format import content_hash, parse_catalogue
from assessor_app.domain.evaluation import catalogue_for_year
from assessor_app.domain.scoring import score, score_indicator
from assessor_app.domain.values import (
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
)

CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "catalogues"
QD34_FILE = CATALOGUES / "qd34-2014.json"
QD06_FILE = CATALOGUES / "qd06-2019.json"
FILES = [QD34_FILE, QD06_FILE]

EXACT, SECONDARY, PROVISIONAL = Status.EXACT, Status.SECONDARY, Status.PROVISIONAL
HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def load_document(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def qd34() -> Catalogue:
    return parse_catalogue(load_document(QD34_FILE))


@pytest.fixture(scope="module")
def qd06() -> Catalogue:
    return parse_catalogue(load_document(QD06_FILE))


def indicator(catalogue: Catalogue, code: str) -> Indicator:
    found = catalogue.indicator(code)
    assert found is not None, code
    return found


def criterion(catalogue: Catalogue, code: str) -> Criterion:
    found = catalogue.criterion(code)
    assert found is not None, code
    return found


def rate_rule(catalogue: Catalogue, code: str) -> RateRule:
    rule = indicator(catalogue, code).rule
    assert isinstance(rule, RateRule), code
    return rule


def condition(catalogue: Catalogue, kind: ConditionKind) -> Condition:
    matches = [c for c in catalogue.conditions if c.kind is kind]
    assert len(matches) == 1, kind
    return matches[0]


def band_provenances(ind: Indicator) -> list[Sourced]:
    """The provenance of each band of a rate or count rule, best band first."""
    if isinstance(ind.rule, RateRule):
        return [band.provenance for band in ind.rule.bands]
    if isinstance(ind.rule, CountRule):
        return [band.provenance for band in ind.rule.bands]
    return []


def provenances(catalogue: Catalogue) -> list[tuple[str, Sourced]]:
    """Every scored part with its provenance: criteria, indicators, bands, conditions."""
    parts: list[tuple[str, Sourced]] = []
    for crit in catalogue.criteria:
        parts.append((crit.code, crit.provenance))
        for ind in crit.indicators:
            parts.append((ind.code, ind.provenance))
            parts += [
                (f"{ind.code} band {n}", band)
                for n, band in enumerate(band_provenances(ind), start=1)
            ]
    parts += [(cond.id, cond.provenance) for cond in catalogue.conditions]
    return parts


# ------------------------------------------------------------------------------- loading, totals


@pytest.mark.parametrize(
    ("path", "code", "count"), [(QD34_FILE, "QD34-2014", 15), (QD06_FILE, "QD06-2019", 13)]
)
def test_file_loads_with_the_expected_number_of_criteria(path: Path, code: str, count: int) -> None:
    catalogue = parse_catalogue(load_document(path))
    assert catalogue.code == code
    assert len(catalogue.criteria) == count
    assert [c.code for c in catalogue.criteria] == [f"TC{n}" for n in range(1, count + 1)]
    assert catalogue.content_hash == content_hash(load_document(path))


@pytest.mark.parametrize("path", FILES)
def test_points_add_up_to_1000(path: Path) -> None:
    catalogue = parse_catalogue(load_document(path))
    assert catalogue.max_total == 1000
    assert sum(c.max_points for c in catalogue.criteria) == 1000
    for crit in catalogue.criteria:
        assert sum(i.max_points for i in crit.indicators) == crit.max_points, crit.code
        for ind in crit.indicators:
            assert ind.code.startswith(f"{crit.code}."), ind.code


@pytest.mark.parametrize("path", FILES)
def test_file_is_nfc_and_pretty_printed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_legal_basis_and_dates(qd34: Catalogue, qd06: Catalogue) -> None:
    assert qd34.legal_basis.number == "34/2014/QĐ-TTg"
    assert qd34.legal_basis.issued is not None
    assert qd34.legal_basis.issued.isoformat() == "2014-05-30"
    assert (qd34.effective_from.isoformat(), str(qd34.effective_to)) == ("2014-07-15", "2019-01-02")
    assert qd06.legal_basis.number == "06/QĐ-TTg"
    assert qd06.legal_basis.issued is not None
    assert qd06.legal_basis.issued.isoformat() == "2019-01-03"
    assert (qd06.effective_from.isoformat(), qd06.effective_to) == ("2019-01-03", None)
    for catalogue in (qd34, qd06):
        assert catalogue.legal_basis.sources
        assert all(s.strip() for s in catalogue.legal_basis.sources)
        assert "tạm thời" in catalogue.notes_vi
        assert "provisional" in catalogue.version
    assert catalogue_for_year([qd34, qd06], 2018) is qd34
    assert catalogue_for_year([qd34, qd06], 2019) is qd06
    assert catalogue_for_year([qd34, qd06], 2026) is qd06


# -------------------------------------------------------------------------- honesty of the data


@pytest.mark.parametrize("path", FILES)
def test_every_part_is_sourced_or_a_reasoned_placeholder(path: Path) -> None:
    catalogue = parse_catalogue(load_document(path))
    for where, provenance in provenances(catalogue):
        assert provenance.source or (provenance.status is PROVISIONAL and provenance.note), (
            f"{where}: no source, and not a reasoned provisional value"
        )
        if provenance.status is PROVISIONAL:
            assert provenance.note, f"{where}: provisional without the reasoning in 'note'"
    # Threshold entries keep only their status in the model; check their source/note in the file.
    for raw in load_document(path)["recognition"]:
        for category, entry in raw.get("thresholds", {}).items():
            assert entry.get("source") or (
                entry.get("status") == "provisional" and entry.get("note")
            ), f"{raw['id']} / {category}"


# Values the research labelled EXACT or SECONDARY; everything else must be provisional.
KNOWN_CRITERIA = {
    "QD34-2014": {"TC2": SECONDARY, "TC3": SECONDARY},
    "QD06-2019": {"TC1": SECONDARY, "TC6": SECONDARY, "TC7": SECONDARY},
}
KNOWN_INDICATORS = {
    "QD34-2014": {},
    "QD06-2019": {"TC1.1": SECONDARY, "TC1.2": SECONDARY, "TC1.3": SECONDARY},
}
KNOWN_BANDS = {  # (indicator, 1-based band) → status
    "QD34-2014": {
        ("TC2.1", 1): SECONDARY,
        ("TC3.1", 1): SECONDARY,
        ("TC4.1", 1): SECONDARY,
        ("TC7.1", 1): SECONDARY,
        ("TC10.1", 1): SECONDARY,
        ("TC11.1", 1): SECONDARY,
        ("TC12.1", 1): SECONDARY,
    },
    "QD06-2019": {("TC6.1", 1): SECONDARY, ("TC6.2", 1): SECONDARY, ("TC7.1", 1): SECONDARY},
}


@pytest.mark.parametrize("path", FILES)
def test_only_researched_values_are_labelled_known(path: Path) -> None:
    catalogue = parse_catalogue(load_document(path))
    criteria = KNOWN_CRITERIA[catalogue.code]
    indicators = KNOWN_INDICATORS[catalogue.code]
    bands = KNOWN_BANDS[catalogue.code]
    for crit in catalogue.criteria:
        assert crit.provenance.status is criteria.get(crit.code, PROVISIONAL), crit.code
        for ind in crit.indicators:
            assert ind.provenance.status is indicators.get(ind.code, PROVISIONAL), ind.code
            for n, band in enumerate(band_provenances(ind), start=1):
                expected = bands.get((ind.code, n), PROVISIONAL)
                assert band.status is expected, f"{ind.code} band {n}"


def test_qd34_maxima_and_the_five_50_point_criteria(qd34: Catalogue) -> None:
    assert {c.max_points for c in qd34.criteria} == {50, 75}
    fifty = {c.code: c.title_vi for c in qd34.criteria if c.max_points == 50}
    assert sorted(fifty) == ["TC10", "TC12", "TC15", "TC2", "TC8"]
    assert "khai sinh" in fifty["TC2"]
    assert "dưới 01 tuổi được tiêm chủng đầy đủ" in fifty["TC8"]
    assert "khám sức khỏe tổng quát" in fifty["TC10"]
    assert "tốt nghiệp trung học cơ sở" in fifty["TC12"]
    assert "mô hình bảo vệ, chăm sóc trẻ em" in fifty["TC15"]
    assert sum(1 for c in qd34.criteria if c.max_points == 75) == 10


def test_qd34_titles_and_numbering_notes(qd34: Catalogue) -> None:
    titles = {c.code: c.title_vi for c in qd34.criteria}
    assert titles["TC1"] == (
        "Mức độ chỉ đạo, điều hành của cấp ủy đảng, chính quyền địa phương đến công tác bảo vệ, "
        "chăm sóc và giáo dục trẻ em"
    )
    assert titles["TC2"] == "Tỷ lệ trẻ em được khai sinh đúng quy định"
    assert titles["TC3"].startswith("Tỷ lệ trẻ em lao động trong điều kiện nặng nhọc")
    for crit in qd34.criteria[3:]:
        assert "Numbering NOT VERIFIED" in crit.provenance.note, crit.code


def test_qd34_known_top_bands(qd34: Catalogue) -> None:
    expected = {  # indicator: (direction, threshold, inclusive, points)
        "TC2.1": (HIGHER, 98, True, 50),
        "TC3.1": (LOWER, 2, False, 75),
        "TC7.1": (HIGHER, 98, True, 75),
        "TC10.1": (HIGHER, 80, True, 50),
        "TC11.1": (HIGHER, 90, True, 75),
        "TC12.1": (HIGHER, 98, True, 50),
    }
    for code, (direction, threshold, inclusive, points) in expected.items():
        rule = rate_rule(qd34, code)
        top = rule.bands[0]
        assert rule.direction is direction, code
        assert rule.scale == 100, code
        assert top.threshold == threshold, code
        assert (top.inclusive, top.points) == (inclusive, points), code
        assert top.provenance.status is SECONDARY, code
        assert all(b.provenance.status is PROVISIONAL for b in rule.bands[1:]), code
    abuse = indicator(qd34, "TC4.1").rule
    assert isinstance(abuse, CountRule)
    assert (abuse.bands[0].max_count, abuse.bands[0].points) == (0, 75)
    assert abuse.bands[0].provenance.status is SECONDARY
    for code in ("TC5.1", "TC6.1"):  # "tỷ suất": per thousand children, fewer is better
        rule = rate_rule(qd34, code)
        assert (rule.scale, rule.direction) == (1000, LOWER), code
    for code in ("TC13.1", "TC14.1", "TC15.1"):
        assert isinstance(indicator(qd34, code).rule, ManualRule), code
    assert isinstance(indicator(qd34, "TC1.1").rule, YesNoRule)
    assert isinstance(indicator(qd34, "TC1.2").rule, ManualRule)


def test_qd34_recognition(qd34: Catalogue) -> None:
    totals = condition(qd34, ConditionKind.MIN_TOTAL_BY_CATEGORY)
    assert totals.thresholds == {
        UnitCategory.WARD_CENTRAL_CITY: 850,
        UnitCategory.OTHER: 750,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: 650,
    }
    assert totals.threshold_status == {
        UnitCategory.WARD_CENTRAL_CITY: SECONDARY,
        UnitCategory.OTHER: PROVISIONAL,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: PROVISIONAL,
    }
    assert totals.effective_status is PROVISIONAL
    assessed = condition(qd34, ConditionKind.ALL_INDICATORS_ASSESSED)
    assert assessed.provenance.status is PROVISIONAL
    assert assessed.provenance.note
    assert not [c for c in qd34.conditions if c.kind is ConditionKind.NO_CRITERION_ZERO]


QD06_TITLES = [
    "Nguồn lực thực hiện quyền trẻ em",
    "Trẻ em được khai sinh đúng quy định",
    "Trẻ em bị xâm hại",
    "Trẻ em vi phạm pháp luật, nghiện ma túy",
    "Trẻ em bị tai nạn, thương tích",
    "Trẻ em có hoàn cảnh đặc biệt được trợ giúp",
    "Trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin thuộc chương trình tiêm chủng mở rộng",
    "Trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân và thể thấp còi",
    "Trẻ em được khám sức khỏe định kỳ",
    "Trẻ em đến trường, lớp mầm non",
    "Trẻ em được thực hiện quyền tham gia của trẻ em",
    "Hoạt động vui chơi, giải trí, văn hóa, thể dục, thể thao dành cho trẻ em",
    "Mức độ hài lòng của trẻ em và người dân về việc thực hiện quyền trẻ em",
]


def test_qd06_titles_are_the_exact_wording(qd06: Catalogue) -> None:
    assert [c.title_vi for c in qd06.criteria] == QD06_TITLES


def test_qd06_known_points(qd06: Catalogue) -> None:
    maxima = {c.code: c.max_points for c in qd06.criteria}
    assert (maxima["TC1"], maxima["TC6"], maxima["TC7"]) == (100, 125, 50)
    assert maxima["TC9"] == 50
    for code in ("TC2", "TC3", "TC4", "TC5", "TC8", "TC10", "TC11", "TC12", "TC13"):
        assert maxima[code] == 75, code
        assert criterion(qd06, code).provenance.status is PROVISIONAL
    items = {i.code: i for i in criterion(qd06, "TC1").indicators}
    assert {code: i.max_points for code, i in items.items()} == {
        "TC1.1": 50,
        "TC1.2": 15,
        "TC1.3": 15,
        "TC1.4": 20,
    }
    assert all(isinstance(i.rule, YesNoRule) and i.rule.points_no == 0 for i in items.values())
    assert [items[c].provenance.status for c in ("TC1.1", "TC1.2", "TC1.3")] == [SECONDARY] * 3
    assert items["TC1.4"].provenance.status is PROVISIONAL
    helped, plans = rate_rule(qd06, "TC6.1"), rate_rule(qd06, "TC6.2")
    assert (helped.bands[0].threshold, helped.bands[0].points) == (Fraction(95), 50)
    assert (plans.bands[0].threshold, plans.bands[0].points) == (Fraction(100), 75)
    assert plans.bands[0].inclusive  # "100%" is reached at 100 % exactly
    assert (helped.empty_denominator, plans.empty_denominator) == ("max", "max")
    vaccines = rate_rule(qd06, "TC7.1")
    assert (vaccines.bands[0].threshold, vaccines.bands[0].points) == (Fraction(98), 50)
    assert vaccines.bands[0].provenance.status is SECONDARY


def test_qd06_recognition_is_exact(qd06: Catalogue) -> None:
    totals = condition(qd06, ConditionKind.MIN_TOTAL_BY_CATEGORY)
    assert totals.thresholds == {
        UnitCategory.WARD_CENTRAL_CITY: 900,
        UnitCategory.OTHER: 850,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: 800,
    }
    assert totals.effective_status is EXACT
    assert condition(qd06, ConditionKind.NO_CRITERION_ZERO).effective_status is EXACT
    all_met = condition(qd06, ConditionKind.ALL_INDICATORS_ASSESSED)
    assert all_met.provenance.status is SECONDARY
    assert all_met.title_vi.startswith("Đạt đủ 13 tiêu chí")
    assert "interpretation" in all_met.provenance.note


def test_provisional_parts(qd34: Catalogue, qd06: Catalogue) -> None:
    parts34 = qd34.provisional_parts()
    assert set(parts34) >= {f"TC{n}" for n in range(1, 16)} | {"DK1", "DK2"}
    parts06 = qd06.provisional_parts()
    assert set(parts06) >= {"TC1", "TC1.4", "TC2", "TC2.1", "TC6.1", "TC6.2", "TC9", "TC13"}
    assert not set(parts06) & {"TC1.1", "TC1.2", "TC1.3", "DK1", "DK2", "DK3"}
    assert qd34.status is PROVISIONAL
    assert qd06.status is PROVISIONAL


# ------------------------------------------------------------------------- rules fit the measures


SECTORS = {
    "QD34-2014": {
        "TC1": Sector.COMMUNE_COMMITTEE, "TC2": Sector.JUSTICE,
        "TC3": Sector.LABOUR_SOCIAL_AFFAIRS, "TC4": Sector.POLICE, "TC5": Sector.POLICE,
        "TC7": Sector.LABOUR_SOCIAL_AFFAIRS, "TC8": Sector.HEALTH, "TC9": Sector.HEALTH,
        "TC10": Sector.HEALTH, "TC11": Sector.EDUCATION, "TC12": Sector.EDUCATION,
        "TC13": Sector.CULTURE, "TC15": Sector.COMMUNE_COMMITTEE,
    },
    "QD06-2019": {
        "TC1": Sector.COMMUNE_COMMITTEE, "TC2": Sector.JUSTICE, "TC3": Sector.POLICE,
        "TC4": Sector.POLICE, "TC6": Sector.LABOUR_SOCIAL_AFFAIRS, "TC7": Sector.HEALTH,
        "TC8": Sector.HEALTH, "TC9": Sector.HEALTH, "TC10": Sector.EDUCATION,
        "TC12": Sector.CULTURE,
    },
}  # fmt: skip


@pytest.mark.parametrize("path", FILES)
def test_sectors_and_rate_labels(path: Path) -> None:
    catalogue = parse_catalogue(load_document(path))
    for code, sector in SECTORS[catalogue.code].items():
        assert criterion(catalogue, code).sector is sector, code
    for ind in catalogue.indicators():
        assert ind.title_vi, ind.code
        assert ind.title_en, ind.code
        if isinstance(ind.rule, RateRule):
            assert ind.rule.numerator_label_vi, ind.code
            assert ind.rule.denominator_label_vi, ind.code
            assert ind.rule.empty_denominator in ("max", "error"), ind.code
    births = "TC2.1"
    assert rate_rule(catalogue, births).empty_denominator == "error"


# ---------------------------------------------------------------------------- worked examples


def test_worked_example_qd34_single_indicators(qd34: Catalogue) -> None:
    births = indicator(qd34, "TC2.1")
    exactly_98 = score_indicator(births, RateValue(49, 50))  # 49/50 = 98 % exactly
    assert (exactly_98.rate, exactly_98.band, exactly_98.points) == (Fraction(98), 1, 50)
    just_below = score_indicator(births, RateValue(48, 50))  # 96 %: provisional band ≥95 %
    assert (just_below.band, just_below.points) == (2, 40)
    labour = indicator(qd34, "TC3.1")
    assert score_indicator(labour, RateValue(1, 51)).points == 75  # 1.96 % < 2 %
    assert score_indicator(labour, RateValue(1, 50)).points == 60  # 2 % is not "dưới 2%"
    abuse = indicator(qd34, "TC4.1")
    assert [score_indicator(abuse, CountValue(n)).points for n in (0, 1, 2, 3)] == [75, 45, 30, 0]
    law = indicator(qd34, "TC5.1")  # 3 of 2,000 children = 1.5 ‰ → band ≤2 ‰
    assert score_indicator(law, RateValue(3, 2000)).points == 60
    helped = indicator(qd34, "TC7.1")  # no child in special circumstances: nothing to do
    assert score_indicator(helped, RateValue(0, 0)).points == 75


def qd06_commune() -> dict[str, Value]:
    """A commune's figures under QĐ 06, with the points each earns (hand-computed)."""
    return {
        "TC1.1": YesNoValue(True),  # 50
        "TC1.2": YesNoValue(True),  # 15
        "TC1.3": YesNoValue(False),  # 0
        "TC1.4": YesNoValue(True),  # 20            → TC1 = 85
        "TC2.1": RateValue(245, 250),  # 98 %       → 75
        "TC3.1": RateValue(0, 1200),  # 0 ‰         → 75
        "TC4.1": RateValue(2, 1200),  # 1.67 ‰      → 60
        "TC5.1": RateValue(7, 1200),  # 5.83 ‰      → 60
        "TC6.1": RateValue(19, 20),  # 95 %         → 50
        "TC6.2": RateValue(0, 0),  # no case        → 75 → TC6 = 125
        "TC7.1": RateValue(47, 50),  # 94 %         → 30
        "TC8.1": RateValue(30, 250),  # 12 %        → 32
        "TC8.2": RateValue(55, 250),  # 22 %        → 28 → TC8 = 60
        "TC9.1": RateValue(960, 1200),  # 80 %      → 50
        "TC10.1": RateValue(170, 200),  # 85 %      → 60
        "TC11.1": ManualValue(60, "Diễn đàn trẻ em cấp xã tổ chức 2 lần"),  # 60
        "TC12.1": ManualValue(55, "Có điểm vui chơi; thiếu hoạt động thể thao hè"),  # 55
        "TC13.1": RateValue(170, 200),  # 85 %      → 75
    }


def test_worked_example_qd06_whole_commune(qd06: Catalogue) -> None:
    values = qd06_commune()
    mountain = score(qd06, UnitCategory.MOUNTAIN_ISLAND_DIFFICULT, values)
    points = {c.code: c.points for c in mountain.criteria}
    assert points == {
        "TC1": 85, "TC2": 75, "TC3": 75, "TC4": 60, "TC5": 60, "TC6": 125, "TC7": 30,
        "TC8": 60, "TC9": 50, "TC10": 60, "TC11": 60, "TC12": 55, "TC13": 75,
    }  # fmt: skip
    assert mountain.total == 870
    assert mountain.recognized  # 870 ≥ 800, nothing at 0, everything assessed
    assert mountain.catalogue_hash == qd06.content_hash
    assert "TC2" in mountain.provisional
    assert score(qd06, UnitCategory.OTHER, values).recognized  # 870 ≥ 850
    ward = score(qd06, UnitCategory.WARD_CENTRAL_CITY, values)
    assert not ward.recognized
    assert [(r.code, r.params["threshold"]) for r in ward.reasons] == [
        ("R_TOTAL_BELOW_THRESHOLD", 900)
    ]
    assert not ward.reasons[0].provisional  # the 900 threshold is exact


def test_worked_example_qd06_refusals(qd06: Catalogue) -> None:
    values = qd06_commune()
    values["TC7.1"] = RateValue(30, 50)  # 60 %: below every band → TC7 = 0
    zero = score(qd06, UnitCategory.MOUNTAIN_ISLAND_DIFFICULT, values)
    assert zero.total == 840
    assert [r.code for r in zero.reasons] == ["R_CRITERION_AT_ZERO"]
    assert zero.reasons[0].params["criteria"] == "TC7"
    del values["TC12.1"]
    missing = score(qd06, UnitCategory.MOUNTAIN_ISLAND_DIFFICULT, values)
    assert missing.total == 785  # TC12 not assessed: 0 points
    assert [r.code for r in missing.reasons] == [
        "R_NOT_ASSESSED",
        "R_CRITERION_AT_ZERO",
        "R_TOTAL_BELOW_THRESHOLD",
    ]
    assert missing.reasons[0].params["indicators"] == "TC12.1"
    assert missing.reasons[1].params["criteria"] == "TC7, TC12"


# ------------------------------------------------------------- replacing a provisional value


def test_province_replaces_a_provisional_value() -> None:
    """The documented procedure: edit the value, set status exact, cite the source, bump version."""
    original = load_document(QD06_FILE)
    before = parse_catalogue(original)
    edited = copy.deepcopy(original)
    item = edited["criteria"][0]["indicators"][3]
    assert item["code"] == "TC1.4"
    item.update(
        status="exact",
        source="Quyết định số 06/QĐ-TTg, Quy định kèm theo, Điều 2 khoản 2, Tiêu chí 1 mục 4",
        note="Entered from the official annex.",
    )
    edited["version"] = "2019.2-provisional"
    after = parse_catalogue(edited)
    assert "TC1.4" in before.provisional_parts()
    assert "TC1" in before.provisional_parts()
    assert not {"TC1", "TC1.4"} & set(after.provisional_parts())
    assert criterion(after, "TC1").effective_status is SECONDARY
    assert after.content_hash != before.content_hash
    assert parse_catalogue(load_document(QD06_FILE)).content_hash == before.content_hash


def test_content_hash_ignores_key_order_and_unicode_form() -> None:
    document = load_document(QD34_FILE)
    reordered = dict(reversed(list(document.items())))
    decomposed = copy.deepcopy(document)
    decomposed["title_vi"] = unicodedata.normalize("NFD", decomposed["title_vi"])
    assert decomposed["title_vi"] != document["title_vi"]
    assert content_hash(reordered) == content_hash(decomposed) == content_hash(document)


# ------------------------------------------------------------------- the format document's example


def documented_example() -> Any:
    """The JSON block after the `<!-- example: complete -->` marker in docs/catalogue-format.md."""
    doc = Path(__file__).resolve().parents[2] / "docs" / "catalogue-format.md"
    text = doc.read_text(encoding="utf-8").split("<!-- example: complete -->", 1)[1]
    block = text.split("```json", 1)[1].split("```", 1)[0]
    return json.loads(block)


def test_the_documented_example_parses_and_scores_as_described() -> None:
    example = parse_catalogue(documented_example())
    assert example.provisional_parts() == ["TC1", "TC1.1", "TC2", "TC2.4", "DK4"]
    vaccines = indicator(example, "TC1.1")
    assert [score_indicator(vaccines, RateValue(n, 50)).points for n in (49, 47, 44)] == [50, 20, 0]
    abuse = indicator(example, "TC2.1")
    assert [score_indicator(abuse, CountValue(n)).points for n in (0, 1, 2, 3)] == [40, 10, 10, 0]
    injuries = indicator(example, "TC2.2")
    assert score_indicator(injuries, RateValue(3, 2000)).points == 30
    assert score_indicator(injuries, RateValue(4, 2000)).points == 15
    values: dict[str, Value] = {
        "TC1.1": RateValue(49, 50),
        "TC2.1": CountValue(0),
        "TC2.2": RateValue(3, 2000),
        "TC2.3": YesNoValue(True),
        "TC2.4": ManualValue(5, "Một mô hình hoạt động"),
    }
    result = score(example, UnitCategory.MOUNTAIN_ISLAND_DIFFICULT, values)
    assert (result.total, result.recognized) == (145, True)
    assert "DK4" in result.provisional
