"""`units merges list|confirm|correct` and `plan status --rollup` (issue 14, "Units across the
reform"): the same checks as the screen, one-line errors with their codes, the roll-up checked by
hand on Xã Lộc Bình."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.test_report_commands import one_line_error
from tests.integration.test_reports import fill


@pytest.fixture
def store(home: Path) -> Path:
    """Evaluation year 2021: Thị trấn Lộc Bình recognised; Khánh Xuân finalised short of it."""
    from assessor_app.services import reference_data
    from assessor_app.services.workspace import open_workspace

    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        reference_data.initialise(ws)
        fill(ws, "06529", year=2021)
        fill(ws, "06544", year=2021, values={"TC2.1": "49/50"})
    finally:
        ws.close()
    return home


def test_list_confirm_correct(cli: Runner, store: Path) -> None:
    rows = cli("units", "merges", "list", "--json").json()
    assert len(rows) == 202
    assert all(r["status"] == "unverified" for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["2025-33.1"]["old_code"] == "06529"
    assert by_id["2025-33.1"]["new_name"] == "Xã Lộc Bình"
    assert by_id["2025-27.3"]["old_code"] is None
    assert by_id["2025-27.3"]["same_name_elsewhere"] == ["06286"]

    done = cli(
        "units", "merges", "confirm", "2025-33.1", "--reason", "NQ 1672, khoản 33", lang="vi"
    )
    assert done.code == 0, done.err
    assert "Đã xác nhận" in done.out
    fixed = cli(
        "units", "merges", "correct", "2025-27.3", "--from", "06286", "--reason", "Văn Quan"
    )
    assert fixed.code == 0, fixed.err
    unverified = cli("units", "merges", "list", "--unverified", "--json").json()
    assert len(unverified) == 200
    text = cli("units", "merges", "list", "--search", "loc binh", lang="vi")
    assert (
        "2025-33.1  01/07/2025  06529 Thị trấn Lộc Bình (Lộc Bình) → 06529 Xã Lộc Bình  [Đã xác nhận]"
        in text.out
    )
    assert (
        "2025-33.2  01/07/2025  06544 Xã Khánh Xuân (Lộc Bình) → 06529 Xã Lộc Bình  [Chưa xác minh]"
        in text.out
    )


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (("confirm", "2025-33.1", "--reason", " "), "REASON_REQUIRED", 3),
        (("correct", "2025-33.1", "--reason", "x"), "MERGE_CORRECTION_EMPTY", 3),
        (("correct", "2025-33.1", "--to", "06544", "--reason", "x"), "MERGE_BAD_TARGET", 3),
        (("correct", "2025-33.1", "--from", "1", "--reason", "x"), "MERGE_BAD_OLD_CODE", 3),
        (("confirm", "2025-27.3", "--reason", "x"), "MERGE_ROW_UNRESOLVED", 3),
        (("confirm", "9-9", "--reason", "x"), "MERGE_ROW_NOT_FOUND", 4),
    ],
)
def test_refusals(
    cli: Runner, store: Path, args: tuple[str, ...], code: str, exit_code: int
) -> None:
    one_line_error(cli("units", "merges", *args), code, exit_code)
    assert not [r for r in cli("units", "merges", "list", "--json").json() if r["verified"]]


def test_plan_status_rolled_up(cli: Runner, store: Path) -> None:
    status = cli("plan", "status", "--unit", "20", "--year", "2021", "--rollup", "--json").json()
    assert status["recognised"] == 1  # the historical view: the 200 communes of 2021
    rollup = status["rollup"]
    assert rollup["rule"] == "recognised_share_of_old_communes"
    units = {u["code"]: u for u in rollup["units"]}
    assert len(units) == 65
    loc_binh = units["06529"]
    assert (loc_binh["old_communes"], loc_binh["counted"], loc_binh["recognised"]) == (4, 2, 1)
    assert loc_binh["share"] == 25
    assert loc_binh["verified"] is False
    parts = {p["code"]: p["result"] for p in loc_binh["parts"]}
    assert parts == {
        "06529": "recognised",
        "06544": "not_recognised",
        "06550": "not_counted",
        "06553": "not_counted",
    }
    text = cli("plan", "status", "--unit", "20", "--year", "2021", "--rollup", lang="vi")
    assert text.code == 0, text.err
    assert "06529 Xã Lộc Bình: 1/4 xã cũ đạt chuẩn (25,0 %)" in text.out
    assert "06544 Xã Khánh Xuân: chưa đạt chuẩn [Chưa xác minh]" in text.out
    assert "Đơn vị sau sáp nhập không được coi là đạt chuẩn" in text.out
