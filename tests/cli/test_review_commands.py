"""`review list|show|start|points|return|appraise|undo` (issue 14, "Appraisal with effects"): the
office's steps from the command line, in JSON and in words, with their refusals and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.services import bundle_import
from tests.cli.conftest import Runner
from tests.cli.test_report_commands import one_line_error
from tests.integration.test_import import OFFICE_PASS, TEAM_PASS, enrol, export, open_site
from tests.integration.test_reports import fill


@pytest.fixture
def submitted(home: Path, tmp_path: Path) -> int:
    """The office's store (`home`) holding a team's finalised check of Xã Hữu Liên, 2026, received
    in a signed bundle: its id there."""
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        enrol(office, team, tmp_path / "cards")
        own = fill(team, "06400", 2026, kind="team")
        result = bundle_import.apply(
            office, export(team, [own], tmp_path / "b.ldbundle"), OFFICE_PASS
        )
        assert result.assessment_ids
        return result.assessment_ids[0]
    finally:
        team.close()
        office.close()


def test_the_office_s_steps_from_the_command_line(cli: Runner, submitted: int) -> None:
    ident = str(submitted)
    [waiting] = cli("review", "list", "--json").json()
    assert (waiting["id"], waiting["state"], waiting["days"]) == (submitted, "submitted", 0)
    words = cli("review", "list", lang="vi")
    assert "Xã Hữu Liên" in words.out
    assert "Đã nộp, chờ thẩm định" in words.out
    assert "0 ngày" in words.out

    one_line_error(cli("review", "appraise", ident), "APPRAISAL_NOT_UNDER_APPRAISAL", 5)
    started = cli("review", "start", ident, "--json").json()
    assert started["state"] == "under_appraisal"
    assert started["differences"] == 0
    assert started["steps"] == ["set_point", "return", "appraise"]

    one_line_error(
        cli("review", "points", ident, "TC2.1", "40/50", "--reason", " "), "REASON_REQUIRED", 3
    )
    one_line_error(
        cli("review", "points", ident, "TC2.1", "abc", "--reason", "Sổ"), "VAL_FORMAT", 3
    )
    changed = cli(
        "review", "points", ident, "TC2.1", "40/50", "--reason", "Sổ ghi 40", "--json"
    ).json()
    [row] = [r for r in changed["indicators"] if r["differs"]]
    assert row["indicator"] == "TC2.1"
    assert row["appraised_value"] == {"numerator": 40, "denominator": 50}

    shown = cli("review", "show", ident, lang="vi").out
    assert "Đang thẩm định" in shown
    assert "1 chỉ tiêu có số liệu thẩm định khác bản nộp." in shown
    assert "Bước tiếp theo: Ghi số liệu thẩm định, Trả lại cho đoàn, Hoàn tất thẩm định" in shown

    one_line_error(
        cli("review", "return", ident, "--comment", "TC2.1 thiếu sổ", "--reason", "Thiếu"),
        "APPRAISAL_BAD_COMMENT",
        3,
    )
    returned = cli(
        "review",
        "return",
        ident,
        "--comment",
        "TC2.1:Bổ sung sổ",
        "--reason",
        "Thiếu hồ sơ",
        "--json",
    ).json()
    assert returned["state"] == "returned"
    assert [r["comments"] for r in returned["indicators"] if r["comments"]] == [["Bổ sung sổ"]]
    assert cli("review", "list", "--json").json() == []
    assert [i["state"] for i in cli("review", "list", "--all", "--json").json()] == ["returned"]
    one_line_error(cli("review", "start", ident), "APPRAISAL_NOT_SUBMITTED", 5)


def test_appraise_locks_and_undo_needs_a_reason(cli: Runner, submitted: int) -> None:
    ident = str(submitted)
    cli("review", "start", ident)
    appraised = cli("review", "appraise", ident, "--json").json()
    assert appraised["state"] == "appraised"
    one_line_error(cli("assessment", "reopen", ident, "--reason", "Sửa"), "APPRAISAL_LOCKED", 5)
    one_line_error(cli("review", "undo", ident, "--reason", ""), "REASON_REQUIRED", 3)
    undone = cli("review", "undo", str(appraised["review_id"]), "--reason", "Nhầm", "--json")
    assert undone.json()["state"] == "under_appraisal"
    assert undone.json()["reason"] == "Nhầm"


def test_an_assessment_made_here_is_not_submitted(cli: Runner, home: Path) -> None:
    office = open_site(home, "Lý Thị Duyệt")
    try:
        own = fill(office, "06400", 2026, kind="team")
    finally:
        office.close()
    one_line_error(cli("review", "show", str(own)), "APPRAISAL_NONE", 5)
    one_line_error(cli("review", "show", "999"), "ASSESSMENT_NOT_FOUND", 4)
    assert cli("review", "list").out.strip() == "Nothing is waiting on this office."
