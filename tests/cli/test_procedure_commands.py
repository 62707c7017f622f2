"""`procedure list|show|set-actor|set-deadline` and `plan deadlines` (issue 14): the procedure as
data with its statuses, what the province sets (audited, refused without a reason or with a bad
day, each with its code), and what a unit owes."""

from __future__ import annotations

from pathlib import Path

from assessor_app.services.workspace import open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.cli.conftest import Runner
from tests.cli.test_report_commands import one_line_error


def _store_actions(home: Path) -> list[str]:
    ws = open_workspace(home)
    try:
        with ws.database.reading() as session:
            return [e.action for e in Repository(session).audit_entries(STORE_CHAIN)]
    finally:
        ws.close()


def test_procedure_list(cli: Runner) -> None:
    listed = cli("procedure", "list", "--json").json()
    assert [r["code"] for r in listed] == ["QD34-2014", "QD06-2019"]
    assert listed[1]["cycle"]["plan_years"] == [2, 4]
    assert listed[1]["cycle"]["status"] == "secondary"
    assert "Thông tư số 25/2014/TT-BLĐTBXH" in listed[0]["bases"][0]["text"]


def test_procedure_show_before_and_after_the_reform(cli: Runner) -> None:
    before = cli("procedure", "show", "--date", "2025-06-29", "--json").json()
    after = cli("procedure", "show", "--date", "2025-07-01", "--json").json()
    actors = {s["code"]: s["actor"] for s in before["steps"]}
    assert actors["decision"]["name"] == "Chủ tịch Ủy ban nhân dân cấp huyện"
    assert actors["decision"]["status"] == "secondary"
    actors = {s["code"]: s["actor"] for s in after["steps"]}
    assert (actors["appraisal"]["name"], actors["appraisal"]["status"]) == (
        "Sở Y tế",
        "not_verified",
    )
    assert actors["appraisal"]["reason"]
    assert [d["due"] for d in before["deadlines"]] == ["30/11", "10/12"]
    assert [d["level"] for d in after["deadlines"]] == ["province"]
    old = cli("procedure", "show", "--regime", "QD34-2014", "--json").json()
    assert old["deadlines"][0]["status"] == "exact"
    assert "trước ngày 30 tháng 11 hàng năm" in old["deadlines"][0]["source"]


def test_procedure_show_says_what_is_not_verified(cli: Runner) -> None:
    text = cli("procedure", "show", "--date", "2026-01-05", lang="vi").out
    assert "Sở Y tế [chưa xác minh: " in text
    assert "Chủ tịch Ủy ban nhân dân tỉnh [chưa xác minh: " in text


def test_set_actor_and_deadline_audited(cli: Runner, home: Path) -> None:
    result = cli(
        "procedure",
        "set-actor",
        "--regime",
        "QD06-2019",
        "--step",
        "appraisal",
        "--date",
        "2025-07-01",
        "--name",
        "Sở Nội vụ",
        "--reason",
        "Công văn của tỉnh",
        "--json",
    )
    assert result.code == 0, result.err
    assert result.json()["status"] == "province"
    result = cli(
        "procedure",
        "set-deadline",
        "--regime",
        "QD06-2019",
        "--report",
        "province_report",
        "--date",
        "2026-01-01",
        "--day",
        "15/12",
        "--reason",
        "Bộ Y tế yêu cầu",
        "--json",
    )
    assert result.json()["due"] == "15/12"
    shown = cli("procedure", "show", "--date", "2026-01-01", lang="vi").out
    assert "Sở Nội vụ [do tỉnh đặt: Công văn của tỉnh]" in shown
    assert _store_actions(home)[-2:] == ["set_procedure_actor", "set_procedure_deadline"]
    due = cli(
        "plan", "deadlines", "--unit", "20", "--year", "2026", "--today", "2026-12-16", "--json"
    ).json()
    assert (due["due_on"], due["days_left"], due["overdue"], due["status"]) == (
        "2026-12-15",
        -1,
        True,
        "province",
    )


def test_unset_actor_and_deadline_bring_back_the_shipped_values(cli: Runner, home: Path) -> None:
    regime = ("--regime", "QD06-2019", "--date", "2026-01-01")
    shipped_actor = cli("procedure", "show", "--date", "2026-01-01", "--json").json()
    cli("procedure", "set-actor", *regime, "--step", "appraisal", "--name", "Sở Nội vụ",
        "--reason", "Công văn của tỉnh")  # fmt: skip
    cli("procedure", "set-deadline", *regime, "--report", "province_report", "--day", "15/12",
        "--reason", "Bộ Y tế yêu cầu")  # fmt: skip
    # without a reason: refused, nothing removed
    one_line_error(
        cli("procedure", "unset-actor", *regime, "--step", "appraisal", "--reason", " "),
        "REASON_REQUIRED",
        3,
    )
    actor = cli("procedure", "unset-actor", *regime, "--step", "appraisal", "--reason",
                "Công văn đã hết hiệu lực", "--json")  # fmt: skip
    assert actor.code == 0, actor.err
    assert actor.json()["name"] == "Sở Y tế"
    assert actor.json()["status"] != "province"
    due = cli("procedure", "unset-deadline", *regime, "--report", "province_report",
              "--reason", "Trở lại thời hạn chung", "--json").json()  # fmt: skip
    assert due["due"] == "10/12"
    assert due["status"] != "province"
    assert cli("procedure", "show", "--date", "2026-01-01", "--json").json() == shipped_actor
    assert _store_actions(home)[-2:] == ["unset_procedure_actor", "unset_procedure_deadline"]
    ws = open_workspace(home)
    try:
        with ws.database.reading() as session:
            last = Repository(session).audit_entries(STORE_CHAIN)[-1]
    finally:
        ws.close()
    assert (last.old, last.new, last.reason) == ("15/12", "10/12", "Trở lại thời hạn chung")
    # nothing left to remove
    one_line_error(
        cli("procedure", "unset-deadline", *regime, "--report", "province_report", "--reason", "x"),
        "PROCEDURE_NOT_SET",
        3,
    )


def test_bad_input_is_one_line_with_its_code(cli: Runner, home: Path) -> None:
    base = ("procedure", "set-deadline", "--regime", "QD06-2019", "--report", "province_report")
    one_line_error(
        cli(*base, "--date", "2026-01-01", "--day", "31/11", "--reason", "x"),
        "PROCEDURE_BAD_DAY",
        3,
    )
    one_line_error(
        cli(*base, "--date", "2026-01-01", "--day", "15/12", "--reason", " "), "REASON_REQUIRED", 3
    )
    one_line_error(
        cli(*base, "--date", "2026-13-01", "--day", "15/12", "--reason", "x"), "BAD_DATE", 3
    )
    one_line_error(
        cli(*base, "--date", "2018-01-01", "--day", "15/12", "--reason", "x"),
        "PROCEDURE_NO_PERIOD",
        3,
    )
    assert "set_procedure_deadline" not in _store_actions(home)


def test_plan_deadlines_name_the_district_of_each_commune(cli: Runner) -> None:
    # a province's year before the reform: "Xã Minh Sơn" alone does not say which district
    due = cli(
        "plan", "deadlines", "--unit", "20", "--year", "2016", "--today", "2016-12-02", "--json"
    ).json()
    assert due["not_assessed"]
    assert all(c["district"] for c in due["not_assessed"])
    first = due["not_assessed"][0]
    text = cli("plan", "deadlines", "--unit", "20", "--year", "2016", "--today", "2016-12-02").out
    assert f"  {first['code']}  {first['name']} — {first['district']}" in text
    # a district's own list, and the province after the reform: no district to name
    own = cli(
        "plan", "deadlines", "--unit", "186", "--year", "2016", "--today", "2016-12-02", "--json"
    ).json()
    assert not any(c["district"] for c in own["not_assessed"])
    after = cli(
        "plan", "deadlines", "--unit", "20", "--year", "2026", "--today", "2026-12-02", "--json"
    ).json()
    assert not any(c["district"] for c in after["not_assessed"])


def test_plan_deadlines_of_a_district(cli: Runner) -> None:
    due = cli(
        "plan", "deadlines", "--unit", "186", "--year", "2016", "--today", "2016-11-25", "--json"
    ).json()
    assert (due["level"], due["regime"], due["due_on"], due["days_left"], due["done"]) == (
        "district",
        "QD34-2014",
        "2016-11-30",
        5,
        False,
    )
    assert len(due["not_assessed"]) == due["communes"] > 0
    text = cli("plan", "deadlines", "--unit", "186", "--year", "2016", "--today", "2016-12-02").out
    assert "overdue by 2 days" in text
