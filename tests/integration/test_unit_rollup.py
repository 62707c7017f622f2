"""Units across the reform (issue 14): a person confirms or corrects each row of the merge table
(audited on the store chain, refused without a reason or with a code of the wrong list), and a
year's results rolled up into the units of July 2025, checked by hand; historical assessments
keep their commune, name and code."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assessor_app.domain.errors import InputError, NotFoundError
from assessor_app.services import assessments, unit_merges
from assessor_app.services.unit_rollup import PartResult, rollup_of, year_rollup
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_reports import fill


def _store_log(ws: Workspace) -> list[tuple[str, str, object, object, str]]:
    with ws.database.reading() as session:
        return [
            (e.action, e.target, e.old, e.new, e.reason)
            for e in Repository(session).audit_entries(STORE_CHAIN)
            if e.target.startswith("unit_merge:")
        ]


def test_confirm_and_correct_are_audited(workspace: Workspace) -> None:
    ws = workspace
    row = unit_merges.confirm_row(ws, "2025-33.2", "Đối chiếu NQ 1672 Điều 1 khoản 33")
    assert (row.verified, row.old_code, row.new_code) == (True, "06544", "06529")
    fixed = unit_merges.correct_row(ws, "2025-27.3", "Khánh Khê thuộc huyện Văn Quan", old="06286")
    assert (fixed.status.value, fixed.old_code, fixed.new_code) == ("corrected", "06286", "06286")
    assert _store_log(ws) == [
        (
            "confirm_unit_merge",
            "unit_merge:2025-33.2",
            {"status": "unverified", "old_code": "06544", "new_code": "06529"},
            {"status": "confirmed", "old_code": "06544", "new_code": "06529"},
            "Đối chiếu NQ 1672 Điều 1 khoản 33",
        ),
        (
            "correct_unit_merge",
            "unit_merge:2025-27.3",
            {"status": "unverified", "old_code": None, "new_code": "06286"},
            {"status": "corrected", "old_code": "06286", "new_code": "06286"},
            "Khánh Khê thuộc huyện Văn Quan",
        ),
    ]
    unverified = unit_merges.merge_rows(ws, unverified_only=True)
    assert len(unverified) == 200
    # searched without diacritics
    found = unit_merges.merge_rows(ws, text="dong buc")
    assert [r.row.row_id for r in found] == ["2025-33.3"]


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda ws: unit_merges.confirm_row(ws, "2025-33.2", "  "), "REASON_REQUIRED"),
        (lambda ws: unit_merges.correct_row(ws, "2025-33.2", "", to="06529"), "REASON_REQUIRED"),
        (lambda ws: unit_merges.correct_row(ws, "2025-33.2", "x"), "MERGE_CORRECTION_EMPTY"),
        # a code of the list before the reform is not a unit of July 2025
        (lambda ws: unit_merges.correct_row(ws, "2025-33.2", "x", to="06544"), "MERGE_BAD_TARGET"),
        (
            lambda ws: unit_merges.correct_row(ws, "2025-33.2", "x", old="99999"),
            "MERGE_BAD_OLD_CODE",
        ),
        # a row without its commune's code cannot be confirmed as it is
        (lambda ws: unit_merges.confirm_row(ws, "2025-27.3", "x"), "MERGE_ROW_UNRESOLVED"),
        (
            lambda ws: unit_merges.correct_row(ws, "2024-5", "x", old="06454"),
            "MERGE_ROW_UNRESOLVED",
        ),
    ],
)
def test_refused_with_a_code_and_nothing_stored(
    workspace: Workspace, call: object, code: str
) -> None:
    with pytest.raises(InputError) as raised:
        call(workspace)  # type: ignore[operator]
    assert raised.value.code == code
    assert _store_log(workspace) == []
    assert not any(r.verified for r in unit_merges.merge_rows(workspace))


def test_an_unknown_row(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError) as raised:
        unit_merges.confirm_row(workspace, "2025-99.1", "x")
    assert raised.value.code == "MERGE_ROW_NOT_FOUND"


@pytest.fixture
def year_2021(workspace: Workspace) -> dict[str, int]:
    """Evaluation year 2021 (unit list of 2020-2024): in what became Xã Lộc Bình, Thị trấn Lộc
    Bình recognised, Khánh Xuân finalised short of the standard, Đồng Bục a draft, Hữu Khánh not
    assessed; Yên Khoái (into Xã Mẫu Sơn) recognised; Vĩnh Tiến (into Khánh Long in 2024, then Xã
    Đoàn Kết) recognised."""
    ws = workspace
    return {
        "06529": fill(ws, "06529", year=2021),
        "06544": fill(ws, "06544", year=2021, values={"TC2.1": "49/50"}),
        "06553": fill(ws, "06553", year=2021, finalise=False, values={"TC2.1": "49/50"}),
        "06541": fill(ws, "06541", year=2021),
        "06007": fill(ws, "06007", year=2021),
    }


def test_a_years_results_rolled_up_by_hand(workspace: Workspace, year_2021: dict[str, int]) -> None:
    rolled = year_rollup(workspace, 2021)
    units = {u.code: u for u in rolled.units}
    assert len(units) == 65
    loc_binh = units["06529"]
    assert loc_binh.name == "Xã Lộc Bình"
    results = {p.code: (p.name, p.result) for p in loc_binh.parts}
    assert results == {
        "06529": ("Thị trấn Lộc Bình", PartResult.RECOGNISED),
        "06544": ("Xã Khánh Xuân", PartResult.NOT_RECOGNISED),
        "06550": ("Xã Hữu Khánh", PartResult.NOT_COUNTED),
        "06553": ("Xã Đồng Bục", PartResult.NOT_COUNTED),
    }
    # one of its four old communes recognised: 25 %, and the unit is not called recognised
    assert (loc_binh.recognised, loc_binh.counted, loc_binh.share) == (1, 2, Fraction(25))
    assert not loc_binh.verified
    mau_son = units["06541"]
    assert {p.code for p in mau_son.parts} == {"06532", "06541", "06547"}
    assert (mau_son.recognised, len(mau_son.parts)) == (1, 3)
    doan_ket = units["06001"]  # Khánh Long, Đoàn Kết, Cao Minh, and Vĩnh Tiến through Khánh Long
    assert {p.code for p in doan_ket.parts} == {"05998", "06001", "06007", "06010"}
    assert doan_ket.recognised == 1
    unresolved = {p.code for p in rolled.unresolved}
    assert len(unresolved) == 15
    assert {"06454", "06574", "06295", "06301", "06286", "06616"} <= unresolved
    # Bính Xá and Kiên Mộc were split: each counted under both units, marked partial
    assert all(p.partial for p in units["06625"].parts if p.code in {"06622", "06625"})


def test_confirmed_rows_are_no_longer_marked(
    workspace: Workspace, year_2021: dict[str, int]
) -> None:
    for position in range(1, 5):
        unit_merges.confirm_row(workspace, f"2025-33.{position}", "NQ 1672, khoản 33")
    assert year_rollup(workspace, 2021).units[0].code  # smoke: still 65 units
    loc_binh = {u.code: u for u in year_rollup(workspace, 2021).units}["06529"]
    assert loc_binh.verified
    assert rollup_of(workspace, "06550").verified
    assert not rollup_of(workspace, "06541").verified


def test_historical_assessments_keep_their_commune(
    workspace: Workspace, year_2021: dict[str, int]
) -> None:
    before = {code: assessments.summary(workspace, i) for code, i in year_2021.items()}
    unit_merges.correct_row(workspace, "2025-33.2", "thử sửa", to="06541")
    year_rollup(workspace, 2021)
    after = {code: assessments.summary(workspace, i) for code, i in year_2021.items()}
    for code, summary in after.items():
        assert (summary.commune_code, summary.commune_name) == (
            before[code].commune_code,
            before[code].commune_name,
        )
    assert after["06544"].commune_name == "Xã Khánh Xuân"
    # the correction moves Khánh Xuân's result to Mẫu Sơn in the roll-up only
    units = {u.code: u for u in year_rollup(workspace, 2021).units}
    assert "06544" in {p.code for p in units["06541"].parts}
    assert "06544" not in {p.code for p in units["06529"].parts}
