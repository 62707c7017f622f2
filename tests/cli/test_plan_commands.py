"""`plan status` and `plan targets` (issue 14, "The plan"): the figures of a year against the
target in force, hand-computed here, and the same as the year's summary report prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.services import assessments, demo, reference_data
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner
from tests.cli.test_report_commands import one_line_error
from tests.integration.test_reports import COMPLETE, MANUAL


@pytest.fixture
def province(home: Path) -> Path:
    """The demo (Xã Hữu Liên recognised in 2026; Xã Hữu Lũng 2026 and Thị trấn Hữu Lũng 2016 in
    draft) and one more commune recognised in 2026: Xã Đoàn Kết (06001)."""
    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        reference_data.initialise(ws)
        demo.create_demo(ws)
        created = assessments.create(ws, "06001", 2026, kind="team")
        for code, text in COMPLETE.items():
            assessments.set_value(ws, created.id, code, text)
        for code, (text, why) in MANUAL.items():
            assessments.set_value(ws, created.id, code, text, why)
        assessments.finalize(ws, created.id)
    finally:
        ws.close()
    return home


def test_the_province_in_2026_against_the_national_target(cli: Runner, province: Path) -> None:
    status = cli("plan", "status", "--unit", "20", "--year", "2026", "--json").json()
    # 65 communes since 1 July 2025; 2 finalised and recognised; the draft does not count
    assert (status["communes"], status["assessed"], status["recognised"]) == (65, 2, 2)
    assert status["share"] == round(2 * 100 / 65, 4) == 3.0769
    # 2026 answers to the national programme's 75 % by 2030 (secondary), far from met
    assert (status["target"], status["target_year"], status["target_source"]) == (
        75,
        2030,
        "national",
    )
    assert status["met"] is False
    left = {c["code"]: c for c in status["left_out"]}
    assert len(left) == 63
    assert left["06385"]["reason"] == "not_finalised"  # Xã Hữu Lũng: still a draft
    assert "06400" not in left
    assert "06001" not in left


def test_the_provinces_own_target_for_the_year_decides(cli: Runner, province: Path) -> None:
    """A target the province enters for 2026 is the year's measure; targets only rise."""
    refused = cli("plan", "targets", "set", "--year", "2026", "--percent", "3")
    one_line_error(refused, "REPORT_TARGET_NOT_RISING", 3)  # below 2020's 50 %
    assert cli("plan", "targets", "set", "--year", "2026", "--percent", "55").code == 0
    status = cli("plan", "status", "--unit", "20", "--year", "2026", "--json").json()
    assert (status["target"], status["target_year"], status["target_source"]) == (
        55,
        2026,
        "store",  # as `report targets` says it: the province's own, entered here
    )
    assert status["met"] is False  # 3.08 % of 55 %
    listed = cli("plan", "targets", "list", "--json").json()
    assert {"year": 2026, "percent": 55, "source": "store"} in listed
    text = cli("plan", "status", "--unit", "20", "--year", "2026", lang="vi")
    assert text.code == 0, text.err
    assert "3,1 %" in text.out  # 2/65 in Vietnamese figures
    assert "55 %" in text.out


def test_a_district_before_the_reform_against_the_plans_target(cli: Runner, province: Path) -> None:
    """Hữu Lũng (186) in 2016: 26 communes, none finalised; the plan's 50 % by 2020."""
    status = cli("plan", "status", "--unit", "186", "--year", "2016", "--json").json()
    assert (status["communes"], status["assessed"], status["recognised"]) == (26, 0, 0)
    assert status["share"] == 0
    assert (status["target"], status["target_year"], status["target_source"]) == (
        50,
        2020,
        "plan",
    )
    assert status["met"] is False
    assert len(status["left_out"]) == 26


def test_an_unknown_unit_is_a_clear_refusal(cli: Runner, province: Path) -> None:
    one_line_error(cli("plan", "status", "--unit", "99", "--year", "2026"), "REPORT_BAD_UNIT", 3)
