"""The office's dashboard data (services/dashboard.py) on a store over several years: the figures
worked out by hand in tests/dashboard_store.py, and the same as `plan status` and the summary."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import InputError
from assessor_app.paths import data_home
from assessor_app.services import dashboard, plan_status
from assessor_app.services.report_data import summary_data
from assessor_app.services.workspace import Workspace, open_workspace
from tests.dashboard_store import OFFICE_ACTOR, build_office
from tests.store_template import StoreTemplates

TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[Path, dict[str, int], str | None]]:
    """The office built once per back end: its folder, its ids, on a server the kept database."""
    return {}


@pytest.fixture
def office_store(
    built: dict[str, tuple[Path, dict[str, int], str | None]],
    store_backend: str,
    store_templates: StoreTemplates,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
) -> tuple[Path, dict[str, int]]:
    """A copy, for the test, of the office built on the test's back end the first time."""
    server = store_templates.server
    if store_backend not in built:
        folder = tmp_path_factory.mktemp(f"dashboard-{store_backend}")
        ids = build_office(folder / "office", folder / "exchange")
        kept = None if server is None else server.keep(data_home(folder / "office").database)
        built[store_backend] = (folder / "office", ids, kept)
    source, ids, kept = built[store_backend]
    shutil.copytree(source, tmp_path / "office")
    if server is not None and kept is not None:
        server.start_from(data_home(tmp_path / "office").database, kept)
    return tmp_path / "office", ids


@pytest.fixture
def office(office_store: tuple[Path, dict[str, int]]) -> Iterator[Workspace]:
    ws = open_workspace(office_store[0], actor=OFFICE_ACTOR)
    yield ws
    ws.close()


@pytest.fixture
def ids(office_store: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return office_store[1]


def test_recognised_share_by_year_against_the_target(office: Workspace) -> None:
    board = dashboard.dashboard(office, "20", 2023, 2026, today=TODAY)
    assert (board.unit, board.unit_name) == ("20", "Tỉnh Lạng Sơn")
    got = [(s.year, s.units, s.assessed, s.recognised, s.share) for s in board.shares]
    assert got == [
        (2023, 200, 0, 0, Fraction(0)),
        (2024, 200, 3, 2, Fraction(1)),  # 2 of 200 = 1 %
        (2025, 65, 0, 0, Fraction(0)),
        (2026, 65, 4, 3, Fraction(60, 13)),  # 06400, 06385, 06124; 06001's review fails
    ]
    targets = [(s.year, s.target, s.target_year, s.secondary_target, s.met) for s in board.shares]
    assert targets == [
        (2023, 65, 2025, True, False),
        (2024, 65, 2025, True, False),
        (2025, 65, 2025, True, False),
        (2026, 75, 2030, True, False),
    ]
    assert [s.standard for s in board.shares] == ["", "QĐ 06/QĐ-TTg", "", "QĐ 06/QĐ-TTg"]


def test_the_same_figures_as_plan_status_and_the_summary(office: Workspace) -> None:
    board = dashboard.dashboard(office, "20", 2023, 2026, today=TODAY)
    for share in board.shares:
        status = plan_status.plan_status(office, "20", share.year)
        assert (share.units, share.assessed, share.recognised, share.share) == (
            status.communes,
            status.assessed,
            status.recognised,
            status.share,
        )
        assert (share.target, share.target_year, share.met) == (
            status.target,
            status.target_year,
            status.met,
        )
    printed = summary_data(office, "20", 2026).shortfalls
    assert [(s.code, s.not_met, s.below_max) for s in board.shortfalls] == [
        (s.code, s.count, s.below_max) for s in printed
    ]


def test_the_criteria_communes_fall_short_on(office: Workspace) -> None:
    board = dashboard.dashboard(office, "20", 2023, 2026, today=TODAY)
    assert board.shortfall_year == 2026
    first = board.shortfalls[:2]
    assert [(s.code, s.not_met, s.below_max) for s in first] == [("TC11", 1, 4), ("TC12", 1, 4)]
    assert first[0].title_vi == "Trẻ em được thực hiện quyền tham gia của trẻ em"
    assert first[0].title_en == "Children exercise their right to participate"
    assert all(s.not_met == 0 for s in board.shortfalls[2:])


def test_open_follow_up_flags(office: Workspace, ids: dict[str, int]) -> None:
    board = dashboard.dashboard(office, "20", 2023, 2026, today=TODAY)
    # 06040 (2024) has two open flags; 06001's was cleared; 05971's is of 2016, outside the range
    assert len(board.flags) == 1
    flagged = board.flags[0]
    assert (flagged.assessment_id, flagged.commune_code, flagged.year) == (
        ids["06040-2024"],
        "06040",
        2024,
    )
    assert (flagged.kind, flagged.status) == (AssessmentKind.TEAM, AssessmentStatus.DRAFT)
    assert [i.code for i in flagged.indicators] == ["TC2.1", "TC7.1"]
    assert flagged.indicators[0].title_vi.startswith("Tỷ lệ trẻ em")
    wider = dashboard.dashboard(office, "20", 2016, 2024, today=TODAY)
    assert [f.commune_code for f in wider.flags] == ["06040", "05971"]  # newest year first


def test_waiting_on_the_office(office: Workspace, ids: dict[str, int]) -> None:
    board = dashboard.dashboard(office, "20", 2023, 2026, today=TODAY)
    # received on 20/11/2026; 06124's was reviewed; the ones made here were sent by nobody
    assert [(w.assessment_id, w.commune_code, w.year, w.kind) for w in board.waiting] == [
        (ids["06385-received"], "06385", 2026, AssessmentKind.TEAM)
    ]
    assert (board.waiting[0].since, board.waiting[0].days) == (date(2026, 11, 20), 17)


def test_a_district_before_the_reform(office: Workspace, ids: dict[str, int]) -> None:
    """Hữu Lũng (186) in 2023–2024: its 26 communes of the 2020 list hold 06400 and 06385."""
    board = dashboard.dashboard(office, "186", 2023, 2024, today=TODAY)
    got = [(s.year, s.units, s.assessed, s.recognised) for s in board.shares]
    for share in board.shares:
        status = plan_status.plan_status(office, "186", share.year)
        assert (share.units, share.recognised) == (status.communes, status.recognised)
    assert got[1][2:] == (2, 2)
    assert board.flags == ()  # 06040 is not a commune of Hữu Lũng
    with pytest.raises(InputError) as refused:
        dashboard.dashboard(office, "186", 2024, 2026, today=TODAY)
    assert refused.value.code == "REPORT_NO_DISTRICTS"


def test_the_deadlines_are_the_procedures(office: Workspace) -> None:
    """2026: the province owes its yearly report by 10 December (services/deadlines.py); none is
    registered and no decision is recorded, so it is not done, 3 days before its day; of the 65
    communes, 06400, 06001, 06385 and 06124 are assessed: 61 are still missing."""
    [due] = dashboard.dashboard(office, "20", 2026, 2026, today=TODAY).deadlines
    assert (due.unit_name, due.due, due.done, due.days_left) == (
        "Tỉnh Lạng Sơn",
        date(2026, 12, 10),
        False,
        3,
    )
    assert len(due.missing) == 61
    assert "Xã Lộc Bình" in due.missing
    assert "Xã Hữu Lũng" not in due.missing


def test_before_the_reform_each_district_owes_its_report(office: Workspace) -> None:
    """2024 had districts: the province's report by 10/12 and each of the 11 districts' by 30/11."""
    lines = dashboard.dashboard(office, "20", 2024, 2024, today=TODAY).deadlines
    assert len(lines) == 12
    assert lines[0].due == date(2024, 12, 10)
    assert {line.due for line in lines[1:]} == {date(2024, 11, 30)}
    assert all(line.days_left < 0 and not line.done for line in lines)


@pytest.mark.parametrize(
    ("first", "last"), [(2026, 2025), (2014, 2026), (2026, 2040), (1990, 1995)]
)
def test_a_bad_range_of_years_is_refused(office: Workspace, first: int, last: int) -> None:
    with pytest.raises(InputError) as refused:
        dashboard.dashboard(office, "20", first, last, today=TODAY)
    assert refused.value.code in {"DASHBOARD_BAD_YEARS", "YEAR_OUT_OF_RANGE"}, refused.value
