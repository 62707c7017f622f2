"""`decision …` and `report appraisal` end to end, with good and bad input."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Runner
from tests.cli.test_report_commands import demo_home, one_line_error

__all__ = ["demo_home"]  # the fixture, used by name


def test_report_appraisal(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    out = tmp_path / "thẩm định.pdf"
    result = cli("report", "appraisal", "--year", "2026", "--unit", "20", "--out", str(out))
    assert result.code == 0, result.err
    assert str(out) in result.out
    assert out.read_bytes().startswith(b"%PDF")
    one_line_error(
        cli("report", "appraisal", "--year", "2026", "--commune", "99999", "--out", str(out)),
        "APPRAISAL_UNKNOWN_COMMUNE",
        4,
    )


def test_decision_add_list_show_print(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    authority = cli("decision", "authority", "--year", "2026", "--unit", "20")
    assert authority.code == 0, authority.err
    assert "NOT VERIFIED" in authority.out
    before = cli("decision", "authority", "--year", "2016", "--unit", "20", "--json").json()
    assert before["scope"] == "district"
    assert before["status"] == "secondary"

    args = ["decision", "add", "--year", "2026", "--unit", "20", "--signer", "Đoàn Thu Hà"]
    one_line_error(
        cli(*args, "--number", "12 QD", "--date", "2026-12-05"), "DECISION_BAD_NUMBER", 3
    )
    one_line_error(
        cli(*args, "--number", "12/QĐ-UBND", "--date", "2026-10-05"), "DECISION_BAD_DATE", 3
    )
    one_line_error(
        cli(*args, "--number", "12/QĐ-UBND", "--date", "2026-12-05", "--not-recognised", "x"),
        "DECISION_BAD_NOT_RECOGNISED",
        3,
    )
    added = cli(*args, "--number", "12/QĐ-UBND", "--date", "2026-12-05", "--json")
    assert added.code == 0, added.err
    decision = added.json()
    assert decision["number"] == "12/QĐ-UBND"
    assert [c["code"] for c in decision["recognised"]] == ["06400"]
    assert decision["authority_status"] == "not_verified"

    listing = cli("decision", "list", "--year", "2026", "--json").json()
    assert [d["id"] for d in listing] == [decision["id"]]
    shown = cli("decision", "show", str(decision["id"]), lang="vi")
    assert shown.code == 0
    assert "Xã Hữu Liên" in shown.out
    out = tmp_path / "qd.pdf"
    printed = cli("decision", "print", str(decision["id"]), "--out", str(out))
    assert printed.code == 0, printed.err
    assert "not verified" in printed.out
    assert out.read_bytes().startswith(b"%PDF")
    one_line_error(cli("decision", "show", "99"), "DECISION_NOT_FOUND", 4)
