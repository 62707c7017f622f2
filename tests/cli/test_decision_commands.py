"""`decision …` and `report appraisal` end to end, with good and bad input."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Runner
from tests.cli.test_report_commands import demo_home, one_line_error
from tests.unit.reports.fixtures import flat, pdftotext

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


def test_decision_new_revoke_status(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    """The issue's spelling: `decision new … --recognise CODE… [--not CODE…]`, then `revoke`."""
    base = ["--year", "2026", "--unit", "20", "--signer", "Đoàn Thu Hà", "--date", "2026-12-05"]
    one_line_error(
        cli("decision", "new", *base, "--number", "12/QĐ-UBND", "--not", "x"),
        "DECISION_BAD_NOT_RECOGNISED",
        3,
    )
    made = cli("decision", "new", *base, "--number", "12/QĐ-UBND", "--recognise", "06400", "--json")
    assert made.code == 0, made.err
    decision = made.json()
    assert [c["code"] for c in decision["recognised"]] == ["06400"]
    assert decision["kind"] == "recognition"
    status = cli("decision", "status", "--commune", "06400", "--year", "2026", "--json").json()
    assert status["status"] == "recognised"
    assert status["decision"]["number"] == "12/QĐ-UBND"
    assert status["decision"]["decided_on"] == "2026-12-05"

    revoke = [
        "decision", "revoke", "--year", "2026", "--commune", "06400", "--date", "2026-12-06",
        "--signer", "Đoàn Thu Hà", "--reason", "Số liệu không đúng",
    ]  # fmt: skip
    one_line_error(cli(*revoke, "--number", "12/QĐ-UBND"), "DECISION_NUMBER_TAKEN", 3)
    revoked = cli(*revoke, "--number", "13/QĐ-UBND", "--json")
    assert revoked.code == 0, revoked.err
    assert revoked.json()["revokes"]["number"] == "12/QĐ-UBND"
    one_line_error(cli(*revoke, "--number", "14/QĐ-UBND"), "REVOCATION_ALREADY_REVOKED", 5)
    said = cli("decision", "status", "--commune", "06400", "--year", "2026", lang="vi")
    assert said.code == 0, said.err
    assert "13/QĐ-UBND" in said.out
    listing = cli("decision", "list", "--year", "2026")
    assert "13/QĐ-UBND" in listing.out
    out = tmp_path / "thu hồi.pdf"
    printed = cli("decision", "print", str(revoked.json()["id"]), "--out", str(out))
    assert printed.code == 0, printed.err
    assert out.read_bytes().startswith(b"%PDF")
    text = flat(pdftotext(out))
    # neither the basis nor the proposer given: dotted lines to write in by hand
    assert "Căn cứ ……" in text
    assert "Xét đề nghị của ……" in text


def test_decision_revoke_with_proposer_and_basis(
    cli: Runner, demo_home: list[int], tmp_path: Path
) -> None:
    recognised = cli(
        "decision", "new", "--year", "2026", "--unit", "20", "--recognise", "06400",
        "--number", "12/QĐ-UBND", "--date", "2026-12-05", "--signer", "Đoàn Thu Hà",
    )  # fmt: skip
    assert recognised.code == 0, recognised.err
    revoked = cli(
        "decision", "revoke", "--year", "2026", "--commune", "06400", "--date", "2026-12-06",
        "--signer", "Đoàn Thu Hà", "--reason", "Số liệu không đúng", "--number", "13/QĐ-UBND",
        "--proposer", "Giám đốc Sở Y tế",
        "--basis", "Kết luận thanh tra số 05/KL-TTr ngày 01/12/2026 của Thanh tra tỉnh",
        "--json",
    )  # fmt: skip
    assert revoked.code == 0, revoked.err
    assert revoked.json()["proposer"] == "Giám đốc Sở Y tế"
    out = tmp_path / "thu hồi.pdf"
    assert cli("decision", "print", str(revoked.json()["id"]), "--out", str(out)).code == 0
    text = flat(pdftotext(out))
    assert "Căn cứ Kết luận thanh tra số 05/KL-TTr ngày 01/12/2026 của Thanh tra tỉnh;" in text
    assert "Xét đề nghị của Giám đốc Sở Y tế." in text
    assert "……" not in text


def test_commendation_new_list_show(cli: Runner, demo_home: list[int]) -> None:
    args = [
        "commendation", "new", "--year", "2026", "--date", "2026-12-05", "--form", "Bằng khen",
        "--signer", "Đoàn Thu Hà", "--reason", "Có thành tích xuất sắc",
    ]  # fmt: skip
    one_line_error(cli(*args, "--number", "88/QĐ-UBND"), "COMMENDATION_NO_RECIPIENT", 3)
    made = cli(
        *args,
        "--number", "88/QĐ-UBND", "--commune", "06400",
        "--person", "Lý Thị Hoa;Công chức văn hóa - xã hội;Xã Hữu Liên",
        "--json",
    )  # fmt: skip
    assert made.code == 0, made.err
    found = made.json()
    assert found["units"] == [{"code": "06400", "name": "Xã Hữu Liên"}]
    assert found["people"][0]["unit"] == "Xã Hữu Liên"
    listing = cli("commendation", "list", "--year", "2026")
    assert "88/QĐ-UBND" in listing.out
    assert "Lý Thị Hoa" in listing.out
    shown = cli("commendation", "show", str(found["id"]), lang="vi")
    assert shown.code == 0
    assert "Có thành tích xuất sắc" in shown.out
    one_line_error(cli("commendation", "show", "99"), "COMMENDATION_NOT_FOUND", 4)


def test_commendation_print(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    made = cli(
        "commendation", "new", "--year", "2026", "--date", "2026-12-05", "--form", "Bằng khen",
        "--signer", "Đoàn Thu Hà", "--signer-position", "Phó Chủ tịch",
        "--reason", "Có thành tích xuất sắc trong công tác bảo vệ, chăm sóc trẻ em năm 2026.",
        "--number", "88/QĐ-UBND", "--commune", "06400",
        "--person", "Lý Thị Hoa;Công chức văn hóa - xã hội;Xã Hữu Liên", "--json",
    ).json()  # fmt: skip
    out = tmp_path / "khen thưởng.pdf"
    printed = cli("commendation", "print", str(made["id"]), "--out", str(out))
    assert printed.code == 0, printed.err
    text = flat(pdftotext(out))
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text
    assert "Số: 88/QĐ-UBND" in text
    assert "Lạng Sơn, ngày 05 tháng 12 năm 2026" in text
    assert (
        "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác xây dựng "
        "xã, phường, thị trấn phù hợp với trẻ em năm 2026" in text
    )
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    assert "Xét đề nghị của ……" in text  # who proposed it: not known, written in by hand
    assert (
        "Điều 1. Tặng Bằng khen của Ủy ban nhân dân tỉnh Lạng Sơn cho 1 tập thể và 1 cá nhân"
        in text
    )
    assert "Xã Hữu Liên" in text
    assert "Lý Thị Hoa Công chức văn hóa - xã hội, Xã Hữu Liên" in text
    assert "Lý do khen thưởng: Có thành tích xuất sắc trong công tác bảo vệ" in text
    assert "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "KT. CHỦ TỊCH" in text  # a deputy signs for the head
    assert "PHÓ CHỦ TỊCH" in text
    assert "Đoàn Thu Hà" in text
    one_line_error(
        cli("commendation", "print", "99", "--out", str(out)), "COMMENDATION_NOT_FOUND", 4
    )
