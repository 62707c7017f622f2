"""parse_catalogue: every kind of bad catalogue is refused with its code and a useful message;
content hashes; statuses and provisional parts."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from assessor_app.domain.catalogue import (
    Catalogue,
    ConditionKind,
    CountRule,
    Direction,
    ManualRule,
    RateRule,
    Sector,
    Status,
    UnitCategory,
    YesNoRule,
    weakest,
)
from assessor_app.domain.catalogue_format import content_hash, parse_catalogue
from assessor_app.domain.errors import CatalogueError, InputError
from tests.unit.domain.catalogue_fixtures import (
    CATALOGUE_CODE,
    base_catalogue,
    base_document,
    condition_of,
    criterion_of,
    indicator_of,
    reversed_keys,
    single_indicator_document,
    to_nfd,
)

Doc = dict[str, Any]


def refuse(document: Any) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(document)
    return caught.value


def mutated(change: Callable[[Doc], object]) -> Doc:
    document = base_document()
    change(document)
    return document


# ---------------------------------------------------------------------------------------------
# The base catalogue is read faithfully


def test_base_catalogue_is_read() -> None:
    catalogue = base_catalogue()
    assert catalogue.code == CATALOGUE_CODE
    assert catalogue.version == "1.0"
    assert catalogue.title_en == "Child-friendly commune criteria (test)"
    assert catalogue.legal_basis.number == "06/2019/QĐ-TTg"
    assert catalogue.legal_basis.issued == date(2019, 2, 8)
    assert catalogue.legal_basis.sources == ("https://example.invalid/qd-06-2019",)
    assert catalogue.effective_from == date(2019, 3, 25)
    assert catalogue.effective_to is None
    assert catalogue.max_total == 100
    assert [c.code for c in catalogue.criteria] == ["C1", "C2", "C3"]
    assert [c.sector for c in catalogue.criteria] == [
        Sector.HEALTH,
        Sector.EDUCATION,
        Sector.COMMUNE_COMMITTEE,
    ]
    assert [i.code for i in catalogue.indicators()] == [
        "I1a",
        "I1b",
        "I1c",
        "I2a",
        "I2b",
        "I2c",
        "I3a",
        "I3b",
    ]
    assert {i.code: i.criterion_code for i in catalogue.indicators()}["I2c"] == "C2"
    assert catalogue.indicator("nope") is None
    assert catalogue.criterion("C2") is catalogue.criteria[1]
    assert catalogue.criterion("I2a") is None
    assert len(catalogue.content_hash) == 64
    assert catalogue.status is Status.EXACT


def test_rules_are_read() -> None:
    catalogue = base_catalogue()
    i1a = catalogue.indicator("I1a")
    assert isinstance(i1a.rule, RateRule)
    assert i1a.rule.direction is Direction.HIGHER_IS_BETTER
    assert [(b.threshold, b.inclusive, b.points) for b in i1a.rule.bands] == [
        (Fraction(98), True, 20),
        (Fraction(90), True, 15),
        (Fraction(80), False, 10),
    ]
    assert (i1a.rule.scale, i1a.rule.otherwise_points, i1a.rule.empty_denominator) == (
        100,
        5,
        "error",
    )
    assert i1a.rule.numerator_label_vi == "Số trẻ được tiêm đủ"
    i1b = catalogue.indicator("I1b").rule
    assert isinstance(i1b, RateRule)
    assert i1b.bands[1].inclusive is True  # "inclusive" defaults to true
    assert i1b.otherwise_points == 0
    i1c = catalogue.indicator("I1c").rule
    assert isinstance(i1c, RateRule)
    assert (i1c.direction, i1c.scale, i1c.empty_denominator) == (
        Direction.LOWER_IS_BETTER,
        1000,
        "zero",
    )
    assert catalogue.indicator("I2b").rule == YesNoRule(points_yes=10, points_no=2)
    assert catalogue.indicator("I3b").rule == YesNoRule(points_yes=10, points_no=0)
    i2c = catalogue.indicator("I2c").rule
    assert isinstance(i2c, CountRule)
    assert [(b.max_count, b.points) for b in i2c.bands] == [(0, 10), (2, 6), (5, 3)]
    assert i2c.otherwise_points == 1
    assert isinstance(catalogue.indicator("I3a").rule, ManualRule)
    r1, r2, r3, r4 = catalogue.conditions
    assert r1.kind is ConditionKind.MIN_TOTAL_BY_CATEGORY
    assert r1.thresholds == {
        UnitCategory.WARD_CENTRAL_CITY: 95,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: 85,
        UnitCategory.OTHER: 90,
    }
    assert (r2.kind, r3.kind) == (
        ConditionKind.NO_CRITERION_ZERO,
        ConditionKind.ALL_INDICATORS_ASSESSED,
    )
    assert (r4.kind, r4.criterion, r4.min_points) == (ConditionKind.CRITERION_MIN_POINTS, "C1", 30)


def test_decimal_thresholds_are_exact() -> None:
    document = base_document()
    indicator_of(document, "I1a")["bands"][0]["threshold"] = 97.5
    indicator_of(document, "I1a")["bands"][1]["threshold"] = "89.9"
    rule = parse_catalogue(document).indicator("I1a").rule
    assert isinstance(rule, RateRule)
    assert rule.bands[0].threshold == Fraction(195, 2)
    assert rule.bands[1].threshold == Fraction(899, 10)


def test_text_is_cleaned() -> None:
    document = base_document()
    criterion_of(document, "C1")["title_vi"] = "  Chăm   sóc\tsức khỏe  "
    assert parse_catalogue(document).criteria[0].title_vi == "Chăm sóc sức khỏe"


# ---------------------------------------------------------------------------------------------
# Not a catalogue, unknown version


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"format": "assessor-units", "format_version": 1},
        {**base_document(), "format": "assessor-catalog"},
        [],
        [base_document()],
        "assessor-catalogue",
        None,
        42,
    ],
)
def test_not_a_catalogue(document: Any) -> None:
    err = refuse(document)
    assert err.code == "CAT_FORMAT"
    assert err.params["expected"] == "assessor-catalogue"


@pytest.mark.parametrize("version", [2, 0, "1", None, 1.5])
def test_unknown_format_version(version: Any) -> None:
    document = base_document()
    document["format_version"] = version
    err = refuse(document)
    assert err.code == "CAT_FORMAT_VERSION"
    assert err.params["version"] == version
    assert err.params["supported"] == 1


def test_missing_format_version() -> None:
    document = base_document()
    del document["format_version"]
    assert refuse(document).code == "CAT_FORMAT_VERSION"


def test_catalogue_errors_are_input_errors() -> None:
    err = refuse({})
    assert isinstance(err, InputError)
    assert err.kind == "input"


# ---------------------------------------------------------------------------------------------
# Duplicate codes


@pytest.mark.parametrize(
    ("change", "duplicate"),
    [
        (lambda d: criterion_of(d, "C2").update(code="C1"), "C1"),
        (lambda d: indicator_of(d, "I2b").update(code="I2a"), "I2a"),
        (lambda d: indicator_of(d, "I3a").update(code="I1a"), "I1a"),  # across criteria
        (
            lambda d: indicator_of(d, "I3a").update(code="C3"),
            "C3",
        ),  # indicator named as a criterion
        (lambda d: condition_of(d, "R3").update(id="R2"), "R2"),
    ],
)
def test_duplicate_code(change: Callable[[Doc], object], duplicate: str) -> None:
    err = refuse(mutated(change))
    assert err.code == "CAT_DUPLICATE_CODE"
    assert err.params["code"] == duplicate
    assert f"'{duplicate}'" in str(err)
    assert CATALOGUE_CODE in str(err)


# ---------------------------------------------------------------------------------------------
# Points that do not add up


@pytest.mark.parametrize(
    ("code", "max_points", "indicator_total"),
    [("C1", 45, 40), ("C2", 29, 30), ("C3", 0, 30)],
)
def test_indicators_not_adding_up_to_criterion(
    code: str, max_points: int, indicator_total: int
) -> None:
    err = refuse(mutated(lambda d: criterion_of(d, code).update(max_points=max_points)))
    assert err.code == "CAT_POINTS_SUM"
    assert code in str(err)
    assert err.params["total"] == indicator_total
    assert err.params["max_points"] == max_points


def test_indicator_points_changed_breaks_its_criterion() -> None:
    def change(d: Doc) -> None:
        indicator = indicator_of(d, "I3a")
        indicator["max_points"] = 25

    err = refuse(mutated(change))
    assert err.code == "CAT_POINTS_SUM"
    assert "C3" in str(err)
    assert (err.params["total"], err.params["max_points"]) == (35, 30)


@pytest.mark.parametrize("max_total", [110, 99, 0])
def test_criteria_not_adding_up_to_max_total(max_total: int) -> None:
    err = refuse(mutated(lambda d: d.update(max_total=max_total)))
    assert err.code == "CAT_TOTAL"
    assert err.params["total"] == 100
    assert err.params["max_total"] == max_total
    assert "100" in str(err)


# ---------------------------------------------------------------------------------------------
# Bands


def set_band(code: str, index: int, **fields: Any) -> Callable[[Doc], object]:
    return lambda d: indicator_of(d, code)["bands"][index].update(fields)


@pytest.mark.parametrize(
    ("change", "indicator"),
    [
        # higher is better: thresholds must fall
        (set_band("I1a", 1, threshold=99), "I1a"),  # 98, 99, 80
        (set_band("I1a", 1, threshold=98), "I1a"),  # 98, 98: equal is out of order too
        (set_band("I1a", 2, threshold=95), "I1a"),  # 98, 90, 95
        # lower is better: thresholds must rise
        (set_band("I2a", 1, threshold=1), "I2a"),  # 2, 1
        (set_band("I2a", 1, threshold=2), "I2a"),  # 2, 2
        (set_band("I1c", 0, threshold=25), "I1c"),  # per thousand: 25, 20
        # counts: max_count must rise
        (set_band("I2c", 2, max_count=1), "I2c"),  # 0, 2, 1
        (set_band("I2c", 2, max_count=2), "I2c"),  # 0, 2, 2
        # first count band must be for 0 cases
        (set_band("I2c", 0, max_count=1), "I2c"),
        # threshold above the scale
        (set_band("I1a", 0, threshold=101), "I1a"),
        (set_band("I1c", 1, threshold=1001), "I1c"),
        # points must not rise from one band to the next (otherwise_points included)
        (set_band("I1a", 2, points=16), "I1a"),  # 20, 15, 16
        (lambda d: indicator_of(d, "I1a").update(otherwise_points=11), "I1a"),  # 20, 15, 10, 11
        (set_band("I2c", 2, points=7), "I2c"),  # 10, 6, 7
        (lambda d: indicator_of(d, "I2c").update(otherwise_points=4), "I2c"),  # 10, 6, 3, 4
    ],
)
def test_bands_out_of_order(change: Callable[[Doc], object], indicator: str) -> None:
    err = refuse(mutated(change))
    assert err.code == "CAT_BANDS_ORDER"
    assert indicator in str(err)
    criterion = indicator[:2].replace("I", "C")
    assert criterion in str(err)


def test_rate_out_of_order_params() -> None:
    err = refuse(mutated(set_band("I1a", 2, threshold=95)))
    assert err.params["band"] == 3
    assert err.params["threshold"] == 95.0


def test_equal_points_in_consecutive_bands_are_allowed() -> None:
    document = base_document()
    indicator_of(document, "I2c")["bands"][2]["points"] = 6  # 10, 6, 6, otherwise 1
    indicator_of(document, "I1a")["otherwise_points"] = 10  # 20, 15, 10, otherwise 10
    parse_catalogue(document)


@pytest.mark.parametrize(
    ("change", "indicator"),
    [
        (set_band("I1a", 0, points=25), "I1a"),  # above the maximum
        (set_band("I1a", 0, points=18), "I1a"),  # best band below the maximum
        (set_band("I2a", 0, points=9), "I2a"),
        (set_band("I2c", 0, points=9), "I2c"),  # count
        (set_band("I2c", 0, points=11), "I2c"),
        (lambda d: indicator_of(d, "I1b").update(otherwise_points=11), "I1b"),
        (lambda d: indicator_of(d, "I2b").update(points_no=11), "I2b"),  # yes/no
    ],
)
def test_band_points(change: Callable[[Doc], object], indicator: str) -> None:
    err = refuse(mutated(change))
    assert err.code == "CAT_BAND_POINTS"
    assert indicator in str(err)
    assert "max_points" in err.params


def test_yes_no_points_no_may_equal_the_maximum() -> None:
    document = base_document()
    indicator_of(document, "I2b")["points_no"] = 10
    rule = parse_catalogue(document).indicator("I2b").rule
    assert rule == YesNoRule(points_yes=10, points_no=10)


# ---------------------------------------------------------------------------------------------
# Recognition conditions


def test_unknown_unit_category() -> None:
    def change(d: Doc) -> None:
        condition_of(d, "R1")["thresholds"]["rural"] = {"min_total": 80}

    err = refuse(mutated(change))
    assert err.code == "CAT_CATEGORY"
    assert err.params["category"] == "rural"
    assert "R1" in str(err)
    assert "rural" in str(err)


@pytest.mark.parametrize("category", ["other", "ward_central_city", "mountain_island_difficult"])
def test_category_missing_from_thresholds(category: str) -> None:
    err = refuse(mutated(lambda d: condition_of(d, "R1")["thresholds"].pop(category)))
    assert err.code == "CAT_CATEGORY"
    assert err.params["missing"] == category
    assert "R1" in str(err)


def test_condition_naming_unknown_criterion() -> None:
    err = refuse(mutated(lambda d: condition_of(d, "R4").update(criterion="C9")))
    assert err.code == "CAT_CONDITION"
    assert err.params["criterion"] == "C9"
    assert "C9" in str(err)
    assert "R4" in str(err)


def test_condition_naming_an_indicator_instead_of_a_criterion() -> None:
    err = refuse(mutated(lambda d: condition_of(d, "R4").update(criterion="I1a")))
    assert err.code == "CAT_CONDITION"


def test_condition_min_points_above_max() -> None:
    err = refuse(mutated(lambda d: condition_of(d, "R4").update(min_points=41)))
    assert err.code == "CAT_CONDITION"
    assert err.params == {
        "where": f"{CATALOGUE_CODE} / R4",
        "min_points": 41,
        "criterion": "C1",
        "max_points": 40,
    }
    assert "C1" in str(err)


def test_condition_min_points_equal_to_max_is_allowed() -> None:
    document = base_document()
    condition_of(document, "R4")["min_points"] = 40
    assert parse_catalogue(document).conditions[3].min_points == 40


# ---------------------------------------------------------------------------------------------
# Missing or ill-typed fields, unknown choices


def delete(path: str) -> Callable[[Doc], object]:
    def change(d: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for key in parents:
            node = _step(node, key)
        del node[last]

    return change


def put(path: str, value: Any) -> Callable[[Doc], object]:
    def change(d: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for key in parents:
            node = _step(node, key)
        node[last] = value

    return change


def _step(node: Any, key: str) -> Any:
    if key.startswith("C") and isinstance(node, dict) and "criteria" in node:
        return criterion_of(node, key)
    if key.startswith("I") and isinstance(node, dict) and "indicators" in node:
        return next(i for i in node["indicators"] if i["code"] == key)
    if key.startswith("R") and isinstance(node, dict) and "recognition" in node:
        return condition_of(node, key)
    if isinstance(node, list):
        return node[int(key)]
    return node[key]


@pytest.mark.parametrize(
    ("change", "field", "names"),
    [
        # top level
        (delete("code"), "code", []),
        (put("code", ""), "code", []),
        (put("code", "   "), "code", []),
        (put("code", 7), "code", []),
        (delete("version"), "version", []),
        (delete("title_vi"), "title_vi", []),
        (put("title_en", 5), "title_en", []),
        (delete("max_total"), "max_total", []),
        (put("max_total", "100"), "max_total", []),
        (put("max_total", 100.0), "max_total", []),
        (delete("criteria"), "criteria", []),
        (put("criteria", []), "criteria", []),
        (put("criteria", {"C1": {}}), "criteria", []),
        (delete("recognition"), "recognition", []),
        (put("recognition", []), "recognition", []),
        (delete("effective_from"), "effective_from", []),
        (put("effective_from", "25/03/2019"), "effective_from", []),
        (put("effective_from", "2019-02-30"), "effective_from", []),
        (put("effective_to", "2019-13-01"), "effective_to", []),
        (put("legal_basis.number", ""), "number", ["legal_basis"]),
        (delete("legal_basis.title_vi"), "title_vi", ["legal_basis"]),
        (put("legal_basis.issued", "soon"), "issued", ["legal_basis"]),
        # criterion
        (delete("C2.title_vi"), "title_vi", ["C2"]),
        (delete("C2.max_points"), "max_points", ["C2"]),
        (put("C2.max_points", -30), "max_points", ["C2"]),
        (put("C2.max_points", True), "max_points", ["C2"]),
        (put("C2.indicators", []), "indicators", ["C2"]),
        (delete("C2.sector"), "sector", ["C2"]),
        (put("C2.sector", "army"), "sector", ["C2"]),
        (delete("C2.status"), "status", ["C2"]),
        (put("C2.status", "official"), "status", ["C2"]),
        (put("C2.source", 3), "source", ["C2"]),
        # indicator
        (delete("C2.I2b.title_vi"), "title_vi", ["C2", "I2b"]),
        (delete("C2.I2b.max_points"), "max_points", ["C2", "I2b"]),
        (put("C2.I2b.max_points", "10"), "max_points", ["C2", "I2b"]),
        (delete("C2.I2b.kind"), "kind", ["C2", "I2b"]),
        (put("C2.I2b.kind", "boolean"), "kind", ["C2", "I2b"]),
        (put("C2.I2b.status", "guess"), "status", ["C2", "I2b"]),
        (put("C2.I2b.points_no", -1), "points_no", ["C2", "I2b"]),
        (put("C2.I2b.points_no", 1.5), "points_no", ["C2", "I2b"]),
        (delete("C1.I1a.direction"), "direction", ["C1", "I1a"]),
        (put("C1.I1a.direction", "up"), "direction", ["C1", "I1a"]),
        (put("C1.I1a.empty_denominator", "skip"), "empty_denominator", ["C1", "I1a"]),
        (put("C1.I1a.bands", []), "bands", ["C1", "I1a"]),
        (put("C1.I1a.bands", "98"), "bands", ["C1", "I1a"]),
        (put("C1.I1a.otherwise_points", None), "otherwise_points", ["C1", "I1a"]),
        (put("C1.I1a.numerator_label_vi", ["x"]), "numerator_label_vi", ["C1", "I1a"]),
        (put("C2.I2c.bands", []), "bands", ["C2", "I2c"]),
        (put("C2.I2c.bands.1.max_count", "2"), "max_count", ["C2", "I2c", "band 2"]),
        (put("C2.I2c.bands.1.max_count", -2), "max_count", ["C2", "I2c", "band 2"]),
        (delete("C2.I2c.bands.1.points"), "points", ["C2", "I2c", "band 2"]),
        # rate bands
        (delete("C1.I1a.bands.1.threshold"), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", "abc"), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", "nan"), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", "Infinity"), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", float("inf")), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", True), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", [90]), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.threshold", -5), "threshold", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.inclusive", "yes"), "inclusive", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.points", 7.5), "points", ["C1", "I1a", "band 2"]),
        (put("C1.I1a.bands.1.status", "unsure"), "status", ["C1", "I1a", "band 2"]),
        # conditions
        (delete("R2.id"), "id", []),
        (delete("R2.kind"), "kind", ["R2"]),
        (put("R2.kind", "all_good"), "kind", ["R2"]),
        (delete("R2.status"), "status", ["R2"]),
        (delete("R1.thresholds"), None, ["R1"]),
        (put("R1.thresholds", [95, 85, 90]), None, ["R1"]),
        (put("R1.thresholds.other", 90), None, ["R1", "other"]),
        (put("R1.thresholds.other", {"min_total": "90"}), "min_total", ["R1", "other"]),
        (put("R1.thresholds.other", {"min_total": 90, "status": "?"}), "status", ["R1", "other"]),
        (delete("R4.criterion"), "criterion", ["R4"]),
        (delete("R4.min_points"), "min_points", ["R4"]),
        (put("R4.min_points", -1), "min_points", ["R4"]),
    ],
)
def test_bad_field(change: Callable[[Doc], object], field: str | None, names: list[str]) -> None:
    err = refuse(mutated(change))
    assert err.code == "CAT_FIELD", str(err)
    if field is not None:
        assert err.params["field"] == field
        assert f"'{field}'" in str(err)
    for name in names:
        assert name in str(err)


def test_bad_scale() -> None:
    err = refuse(mutated(put("C1.I1c.scale", 10)))
    assert err.code == "CAT_FIELD"
    assert "I1c" in str(err)


def test_effective_to_before_effective_from() -> None:
    err = refuse(mutated(put("effective_to", "2019-03-24")))
    assert err.code == "CAT_FIELD"
    assert "effective_to" in str(err)


def test_effective_to_on_effective_from_is_allowed() -> None:
    document = mutated(put("effective_to", "2019-03-25"))
    catalogue = parse_catalogue(document)
    assert catalogue.effective_to == date(2019, 3, 25)


@pytest.mark.parametrize("bad", [None, 5, "C1", ["C1"]])
def test_criterion_or_indicator_not_an_object(bad: Any) -> None:
    document = base_document()
    document["criteria"].append(bad)
    err = refuse(document)
    assert err.code == "CAT_FIELD"
    assert "criterion" in str(err)
    document = base_document()
    criterion_of(document, "C3")["indicators"].append(bad)
    err = refuse(document)
    assert err.code == "CAT_FIELD"
    assert "C3" in str(err)


def test_legal_basis_missing() -> None:
    err = refuse(mutated(delete("legal_basis")))
    assert err.code == "CAT_FIELD"
    assert "legal_basis" in str(err)


# ---------------------------------------------------------------------------------------------
# Content hash


def test_content_hash_matches_module_function() -> None:
    document = base_document()
    assert parse_catalogue(document).content_hash == content_hash(document)


def test_content_hash_stable_under_key_order() -> None:
    document = base_document()
    reordered = reversed_keys(document)
    assert list(reordered) != list(document)
    assert content_hash(reordered) == content_hash(document)
    assert parse_catalogue(reordered).content_hash == parse_catalogue(document).content_hash


def test_content_hash_stable_under_nfd() -> None:
    document = base_document()
    decomposed = to_nfd(document)
    assert decomposed["title_vi"] != document["title_vi"]  # really a different byte sequence
    assert unicodedata.normalize("NFC", decomposed["title_vi"]) == document["title_vi"]
    assert content_hash(decomposed) == content_hash(document)
    catalogue = parse_catalogue(decomposed)
    assert catalogue.content_hash == parse_catalogue(document).content_hash
    assert catalogue.title_vi == document["title_vi"]  # stored NFC
    assert catalogue.criteria[0].title_vi == "Chăm sóc sức khỏe trẻ em"


def test_content_hash_stable_under_nfd_and_key_order_together() -> None:
    document = base_document()
    assert content_hash(reversed_keys(to_nfd(document))) == content_hash(document)


@pytest.mark.parametrize(
    "change",
    [
        put("title_vi", "Bộ tiêu chí khác"),
        put("version", "1.1"),
        set_band("I1a", 0, threshold=97),
        set_band("I1a", 0, threshold=98.0),  # 98 and 98.0 are different documents
        set_band("I1b", 1, inclusive=True),  # an explicit default is still a change
        put("C2.I2b.points_no", 3),
        put("R1.thresholds.other.min_total", 91),
        put("C1.note", "Ghi chú"),
    ],
)
def test_content_hash_changes_with_a_value(change: Callable[[Doc], object]) -> None:
    assert content_hash(mutated(change)) != content_hash(base_document())


def test_content_hash_does_not_modify_the_document() -> None:
    document = to_nfd(base_document())
    before = copy.deepcopy(document)
    content_hash(document)
    parse_catalogue(document)
    assert document == before


# ---------------------------------------------------------------------------------------------
# Statuses and provisional parts


def test_status_rank_and_weakest() -> None:
    assert Status.EXACT.rank > Status.SECONDARY.rank > Status.PROVISIONAL.rank
    assert weakest([]) is Status.EXACT
    assert weakest([Status.EXACT, Status.SECONDARY]) is Status.SECONDARY
    assert weakest([Status.SECONDARY, Status.PROVISIONAL, Status.EXACT]) is Status.PROVISIONAL


def test_indicator_inherits_criterion_status() -> None:
    document = base_document()
    criterion_of(document, "C2")["status"] = "secondary"
    indicator_of(document, "I2c")["status"] = "exact"
    catalogue = parse_catalogue(document)
    assert catalogue.indicator("I2a").provenance.status is Status.SECONDARY  # inherited
    assert catalogue.indicator("I2b").provenance.status is Status.SECONDARY
    assert catalogue.indicator("I2c").provenance.status is Status.EXACT  # its own
    assert catalogue.indicator("I1a").provenance.status is Status.EXACT  # other criterion
    assert catalogue.criterion("C2").effective_status is Status.SECONDARY
    assert catalogue.status is Status.SECONDARY
    assert catalogue.provisional_parts() == []


def test_band_inherits_indicator_status() -> None:
    document = base_document()
    indicator_of(document, "I1a")["status"] = "secondary"
    indicator_of(document, "I1a")["bands"][2]["status"] = "exact"
    rule = parse_catalogue(document).indicator("I1a").rule
    assert isinstance(rule, RateRule)
    assert [b.provenance.status for b in rule.bands] == [
        Status.SECONDARY,
        Status.SECONDARY,
        Status.EXACT,
    ]


def test_provisional_criterion_makes_its_indicators_provisional() -> None:
    document = base_document()
    criterion_of(document, "C3")["status"] = "provisional"
    catalogue = parse_catalogue(document)
    assert catalogue.provisional_parts() == ["C3", "I3a", "I3b"]
    assert catalogue.status is Status.PROVISIONAL


@pytest.mark.parametrize(
    ("code", "band", "criterion"),
    [("I1a", 1, "C1"), ("I1c", 0, "C1"), ("I2c", 2, "C2")],
)
def test_provisional_band_makes_indicator_and_criterion_provisional(
    code: str, band: int, criterion: str
) -> None:
    document = base_document()
    indicator_of(document, code)["bands"][band]["status"] = "provisional"
    catalogue = parse_catalogue(document)
    indicator = catalogue.indicator(code)
    assert indicator.provenance.status is Status.EXACT
    assert indicator.effective_status is Status.PROVISIONAL
    assert catalogue.criterion(criterion).effective_status is Status.PROVISIONAL
    assert catalogue.provisional_parts() == [criterion, code]
    siblings = [i for i in catalogue.criterion(criterion).indicators if i.code != code]
    assert all(i.effective_status is Status.EXACT for i in siblings)
    assert catalogue.status is Status.PROVISIONAL


def test_provisional_indicator_status() -> None:
    document = base_document()
    indicator_of(document, "I3b")["status"] = "provisional"
    assert parse_catalogue(document).provisional_parts() == ["C3", "I3b"]


def test_provisional_conditions_and_thresholds() -> None:
    document = base_document()
    condition_of(document, "R1")["thresholds"]["ward_central_city"]["status"] = "provisional"
    condition_of(document, "R3")["status"] = "provisional"
    catalogue = parse_catalogue(document)
    r1, r2, r3, _ = catalogue.conditions
    assert r1.provenance.status is Status.EXACT
    assert r1.threshold_status == {
        UnitCategory.WARD_CENTRAL_CITY: Status.PROVISIONAL,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: Status.EXACT,
        UnitCategory.OTHER: Status.EXACT,
    }
    assert r1.effective_status is Status.PROVISIONAL
    assert r2.effective_status is Status.EXACT
    assert r3.effective_status is Status.PROVISIONAL
    assert catalogue.provisional_parts() == ["R1", "R3"]
    assert catalogue.status is Status.PROVISIONAL


def test_threshold_status_inherits_condition_status() -> None:
    document = base_document()
    condition_of(document, "R1")["status"] = "secondary"
    condition_of(document, "R1")["thresholds"]["other"]["status"] = "exact"
    r1 = parse_catalogue(document).conditions[0]
    assert r1.threshold_status == {
        UnitCategory.WARD_CENTRAL_CITY: Status.SECONDARY,
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: Status.SECONDARY,
        UnitCategory.OTHER: Status.EXACT,
    }
    assert r1.effective_status is Status.SECONDARY


def test_single_indicator_catalogue_status() -> None:
    indicator = {"code": "Q1", "max_points": 5, "kind": "manual"}
    catalogue = parse_catalogue(single_indicator_document(indicator, status="provisional"))
    assert catalogue.provisional_parts() == ["K1", "Q1"]


# ---------------------------------------------------------------------------------------------
# In force


@pytest.mark.parametrize(
    ("day", "in_force"),
    [
        (date(2019, 3, 24), False),
        (date(2019, 3, 25), True),
        (date(2024, 12, 31), True),
        (date(2025, 1, 1), False),
    ],
)
def test_in_force_on(day: date, in_force: bool) -> None:
    catalogue: Catalogue = parse_catalogue(mutated(put("effective_to", "2024-12-31")))
    assert catalogue.in_force_on(day) is in_force


def test_open_ended_catalogue_stays_in_force() -> None:
    assert base_catalogue().in_force_on(date(2099, 1, 1)) is True
