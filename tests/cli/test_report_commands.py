"""`report …` and `dossier …` end to end, with good and bad input."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from assessor_app.services import demo, reference_data
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Result, Runner


@pytest.fixture
def demo_home(home: Path) -> list[int]:
    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        reference_data.initialise(ws)
        return demo.create_demo(ws)
    finally:
        ws.close()


def one_line_error(result: Result, code: str, exit_code: int) -> None:
    assert result.code == exit_code, (result.code, result.err)
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("assessor-app: ")
    assert f"[{code}]" in result.err
    assert "Traceback" not in result.err


def test_report_dossier(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    out = tmp_path / "hồ sơ.pdf"
    result = cli("report", "dossier", str(demo_home[0]), "--out", str(out))
    assert result.code == 0, result.err
    assert str(out) in result.out
    assert "dossier set" in result.out  # defaults are used: say how to set them
    assert out.read_bytes().startswith(b"%PDF")
    vietnamese = cli("report", "dossier", str(demo_home[0]), "--out", str(out), lang="vi")
    assert vietnamese.code == 0, vietnamese.err


def test_report_dossier_bad_input(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    one_line_error(
        cli("report", "dossier", "99", "--out", str(tmp_path / "d.pdf")), "ASSESSMENT_NOT_FOUND", 4
    )
    one_line_error(
        cli("report", "dossier", "1", "--out", str(tmp_path / "d.txt")), "REPORT_BAD_FORMAT", 3
    )
    one_line_error(
        cli("report", "dossier", "1", "--out", str(tmp_path / "no" / "d.pdf")),
        "REPORT_WRITE_FAILED",
        6,
    )
    (tmp_path / "folder.pdf").mkdir()
    one_line_error(
        cli("report", "dossier", "1", "--out", str(tmp_path / "folder.pdf")),
        "REPORT_TARGET_IS_FOLDER",
        3,
    )
    assert cli("report", "dossier", "1").code == 2  # --out is required
    assert cli("report", "dossier", "abc", "--out", str(tmp_path / "d.pdf")).code == 2
    assert sorted(os.listdir(tmp_path)) == ["folder.pdf", "home"]


def test_report_summary(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    pdf = tmp_path / "tỉnh.pdf"
    result = cli("report", "summary", "--unit", "20", "--year", "2026", "--out", str(pdf))
    assert result.code == 0, result.err
    assert "1 of 65 communes summarised, 1 recognised; 64 left out" in result.out
    assert "10/12/2026" in result.out
    assert pdf.read_bytes().startswith(b"%PDF")
    book_path = tmp_path / "tỉnh.xlsx"
    result = cli("report", "summary", "--unit", "20", "--year", "2026", "--out", str(book_path))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(book_path)
    rows = list(book["Tổng hợp"].iter_rows(min_row=4, max_row=4, values_only=True))
    assert rows == [
        (1, "06400", "Xã Hữu Liên", "Xã", 855, "Đạt", "Đã hoàn tất, chưa thẩm định"),
    ]
    book.close()
    reviewed = cli(
        "report", "summary", "--unit", "20", "--year", "2026", "--out", str(pdf), "--reviewed-only"
    )
    assert "0 of 65 communes summarised" in reviewed.out
    district = cli(
        "report", "summary", "--unit", "186", "--year", "2016", "--out", str(tmp_path / "h.pdf")
    )
    assert district.code == 0, district.err
    assert "30/11/2016" in district.out


@pytest.mark.parametrize(
    ("unit", "year", "name", "code", "exit_code"),
    [
        ("178", "2026", "x.pdf", "REPORT_NO_DISTRICTS", 3),
        ("999", "2016", "x.pdf", "REPORT_UNKNOWN_DISTRICT", 4),
        ("06400", "2026", "x.pdf", "REPORT_BAD_UNIT", 3),
        ("20", "2026", "x.docx", "REPORT_BAD_FORMAT", 3),
        ("20", "1990", "x.pdf", "YEAR_OUT_OF_RANGE", 3),
    ],
)
def test_report_summary_bad_input(
    cli: Runner,
    demo_home: list[int],
    tmp_path: Path,
    unit: str,
    year: str,
    name: str,
    code: str,
    exit_code: int,
) -> None:
    result = cli("report", "summary", "--unit", unit, "--year", year, "--out", str(tmp_path / name))
    one_line_error(result, code, exit_code)
    assert not (tmp_path / name).exists()


def test_no_districts_after_the_reform_message(
    cli: Runner, demo_home: list[int], tmp_path: Path
) -> None:
    result = cli(
        "report", "summary", "--unit", "178", "--year", "2026", "--out", str(tmp_path / "x.pdf")
    )
    assert "1 July 2025" in result.err
    assert "20" in result.err
    bad_year = cli("report", "summary", "--unit", "20", "--year", "later", "--out", "x.pdf")
    assert bad_year.code == 2


def test_report_targets(cli: Runner, demo_home: list[int]) -> None:
    listing = cli("report", "targets")
    assert listing.code == 0, listing.err
    assert "2015" in listing.out
    assert "plan" in listing.out
    assert cli("report", "targets", "--json").json() == [
        {"year": 2015, "percent": 20.0, "source": "plan"},
        {"year": 2020, "percent": 50.0, "source": "plan"},
        {"year": 2025, "percent": 65.0, "source": "national"},
        {"year": 2030, "percent": 75.0, "source": "national"},
    ]
    result = cli("report", "target", "--year", "2025", "--percent", "70")
    assert result.code == 0, result.err
    assert "2025     70 %  store" in result.out
    assert cli("report", "targets", "--json").json()[2] == {
        "year": 2025,
        "percent": 70.0,
        "source": "store",
    }
    one_line_error(
        cli("report", "target", "--year", "2015", "--percent", "30"), "REPORT_TARGET_PLAN_YEAR", 3
    )
    one_line_error(
        cli("report", "target", "--year", "2026", "--percent", "0"), "REPORT_TARGET_BAD_PERCENT", 3
    )
    one_line_error(
        cli("report", "target", "--year", "2030", "--percent", "60"), "REPORT_TARGET_NOT_RISING", 3
    )
    assert cli("report", "target", "--year", "2026").code == 2  # --percent or --clear
    assert cli("report", "target", "--year", "2026", "--percent", "abc").code == 2
    cleared = cli("report", "target", "--year", "2025", "--clear")
    assert cleared.code == 0
    assert "store" not in cleared.out


def test_report_summary_details_are_kept_for_the_next_print(
    cli: Runner, demo_home: list[int], tmp_path: Path, home: Path
) -> None:
    from tests.unit.reports.fixtures import flat, pdftotext

    causes = tmp_path / "nguyên nhân.txt"
    causes.write_text("Nguồn lực còn hạn chế.\nCán bộ kiêm nhiệm nhiều việc.\n", encoding="utf-8")
    pdf = tmp_path / "bc.pdf"
    first = cli(
        "report", "summary", "--unit", "20", "--year", "2026", "--out", str(pdf),
        "--number", "345/BC-SYT", "--date", "2026-12-08",
        "--signer", "Phó Giám đốc|Đinh Văn Hưng|KT. Giám đốc",
        "--recipient", "Bộ Y tế (Cục Bà mẹ và Trẻ em)", "--recipient", "Lưu: VT",
        "--plan-number", "12/KH-UBND", "--plan-date", "2026-02-01",
        "--plan-title", "thực hiện xây dựng xã, phường phù hợp với trẻ em năm 2026",
        "--general", "Các xã đã tích cực triển khai.",
        "--text-file", f"causes={causes}",
    )  # fmt: skip
    assert first.code == 0, first.err
    assert "drafted from the data" in first.out
    assert "shortcomings" in first.out
    again = tmp_path / "again.pdf"
    second = cli("report", "summary", "--unit", "20", "--year", "2026", "--out", str(again))
    assert second.code == 0, second.err
    text = flat(pdftotext(again))
    assert "Số: 345/BC-SYT" in text
    assert "Lạng Sơn, ngày 08 tháng 12 năm 2026" in text
    assert "KT. GIÁM ĐỐC" in text
    assert "PHÓ GIÁM ĐỐC" in text
    assert "Đinh Văn Hưng" in text
    assert "- Bộ Y tế (Cục Bà mẹ và Trẻ em);" in text
    assert "- Lưu: VT." in text
    assert (
        "Kế hoạch số 12/KH-UBND ngày 01/02/2026 của Ủy ban nhân dân tỉnh Lạng Sơn thực hiện xây "
        "dựng xã, phường phù hợp với trẻ em năm 2026"
    ) in text
    assert "II. ĐÁNH GIÁ CHUNG Các xã đã tích cực triển khai." in text
    assert "2. Nguyên nhân Nguồn lực còn hạn chế. Cán bộ kiêm nhiệm nhiều việc." in text
    # kept per scope and year: another year keeps its defaults
    other = tmp_path / "2016.pdf"
    assert cli("report", "summary", "--unit", "20", "--year", "2016", "--out", str(other)).code == 0
    assert "345/BC-SYT" not in flat(pdftotext(other))
    # audited on the store's chain, once (the second print changed nothing)
    assert report_actions(home) == ["report:20:2026"]


@pytest.mark.parametrize(
    ("options", "code"),
    [
        (["--number", "345"], "REPORT_BAD_NUMBER"),
        (["--date", "2025-10-01"], "REPORT_DATE_BEFORE_YEAR"),
        (["--date", "8/12/2026"], "BAD_DATE"),
        (["--signer", "Giám đốc"], "REPORT_BAD_SIGNER"),
        (["--text-file", "reasons=x.txt"], "REPORT_BAD_TEXT_FILE"),
        (["--text-file", "causes=/nonexistent/x.txt"], "REPORT_TEXT_FILE_UNREADABLE"),
    ],
)
def test_report_summary_bad_details_change_nothing(
    cli: Runner,
    demo_home: list[int],
    tmp_path: Path,
    home: Path,
    options: list[str],
    code: str,
) -> None:
    out = tmp_path / "bc.pdf"
    result = cli("report", "summary", "--unit", "20", "--year", "2026", "--out", str(out), *options)
    one_line_error(result, code, 3)
    assert not out.exists()
    assert report_actions(home) == []
    # a bad file name: refused before the details are stored
    bad = cli(
        "report", "summary", "--unit", "20", "--year", "2026", "--out", "x.docx", "--number", "1/BC"
    )
    one_line_error(bad, "REPORT_BAD_FORMAT", 3)
    assert report_actions(home) == []


def report_actions(home: Path) -> list[str]:
    from assessor_app.storage.repository import Repository

    ws = open_workspace(home, actor="test")
    try:
        with ws.database.reading() as session:
            entries = Repository(session).audit_entries("store")
    finally:
        ws.close()
    return [e.target for e in entries if e.action == "set_report_details"]


def test_dossier_show_and_set(cli: Runner, demo_home: list[int], tmp_path: Path) -> None:
    shown = cli("dossier", "show", "1")
    assert shown.code == 0, shown.err
    assert "letter.number: /TTr-UBND" in shown.out
    assert "nothing saved yet" in shown.out
    document = cli("dossier", "show", "1", "--json").json()
    assert document["stored"] is False
    assert document["letter"]["issuer"] == "Ủy ban nhân dân\nxã Hữu Liên"
    assert document["council"]["held_at"] is None

    result = cli(
        "dossier", "set", "1",
        "--letter-number", "12/TTr-UBND",
        "--letter-date", "2026-11-28",
        "--signer-name", "Hoàng Văn Thắng",
        "--signer-title", "Phó Chủ tịch",
        "--signer-authority", "KT. Chủ tịch",
        "--issuer", "Ủy ban nhân dân\\nxã Hữu Liên",
        "--recipient", "Như trên",
        "--recipient", "Lưu: VT",
        "--council-date", "2026-11-20",
        "--council-time", "08:30",
        "--council-end", "11:15",
        "--council-place", "Hội trường UBND xã",
        "--chair", "Hoàng Văn Thắng",
        "--chair-position", "Phó Chủ tịch UBND xã",
        "--secretary", "Lộc Thị Hằng",
        "--council-member", "Lương Thị Hoa|Công chức Văn hóa - Xã hội|Thường trực Hội đồng",
        "--council-member", "Triệu Văn Minh|Hiệu trưởng|absent",
        "--content", "Thường trực báo cáo kết quả.",
        "--conclusion", "Hội đồng nhất trí đề nghị công nhận.",
        "--votes-for", "3",
        "--votes-against", "0",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Dossier details saved." in result.out
    document = cli("dossier", "show", "1", "--json").json()
    assert document["stored"] is True
    assert document["updated_by"]
    letter, council = document["letter"], document["council"]
    assert letter["number"] == "12/TTr-UBND"
    assert letter["recipients"] == ["Như trên", "Lưu: VT"]
    assert letter["issuer"] == "Ủy ban nhân dân\nxã Hữu Liên"
    assert council["held_at"] == "2026-11-20T08:30"
    assert council["ended_at"] == "2026-11-20T11:15"
    assert council["members"] == [
        {
            "name": "Lương Thị Hoa",
            "position": "Công chức Văn hóa - Xã hội",
            "role": "Thường trực Hội đồng",
            "present": True,
        },
        {
            "name": "Triệu Văn Minh",
            "position": "Hiệu trưởng",
            "role": "Thành viên",
            "present": False,
        },
    ]
    one_line_error(cli("dossier", "set", "1", "--council-time", "14:00"), "DOSSIER_BAD_DATE", 3)
    assert cli("dossier", "set", "1", "--council-time", "09:00").code == 0
    assert cli("dossier", "show", "1", "--json").json()["council"]["held_at"] == "2026-11-20T09:00"

    out = tmp_path / "d.pdf"
    assert cli("report", "dossier", "1", "--out", str(out)).code == 0
    audit = cli("assessment", "audit", "1", "--json").json()
    assert audit["intact"]
    assert audit["entries"][-1]["action"] == "set_dossier_details"

    removed = cli("dossier", "set", "1", "--no-council")
    assert removed.code == 0
    assert cli("dossier", "show", "1", "--json").json()["council"]["held_at"] is None


def test_dossier_bad_input(cli: Runner, demo_home: list[int]) -> None:
    one_line_error(cli("dossier", "show", "99"), "ASSESSMENT_NOT_FOUND", 4)
    one_line_error(cli("dossier", "set", "99", "--signer-name", "A"), "ASSESSMENT_NOT_FOUND", 4)
    one_line_error(
        cli("dossier", "set", "1", "--letter-number", "12/TTr-UBND"), "DOSSIER_FIELD_REQUIRED", 3
    )
    one_line_error(
        cli("dossier", "set", "1", "--signer-name", "A", "--letter-date", "28/11/2026"),
        "BAD_DATE",
        3,
    )
    one_line_error(
        cli(
            "dossier",
            "set",
            "1",
            "--signer-name",
            "A",
            "--council-date",
            "2026-11-20",
            "--council-time",
            "8h",
        ),
        "BAD_TIME",
        3,
    )
    one_line_error(
        cli("dossier", "set", "1", "--signer-name", "A", "--council-end", "11:00"),
        "DOSSIER_COUNCIL_DATE_REQUIRED",
        3,
    )
    one_line_error(
        cli(
            "dossier",
            "set",
            "1",
            "--signer-name",
            "A",
            "--letter-date",
            "2026-11-28",
            "--council-date",
            "2026-11-20",
            "--chair",
            "B",
            "--council-member",
            "only a name",
        ),
        "DOSSIER_BAD_MEMBER",
        3,
    )
    one_line_error(
        cli(
            "dossier",
            "set",
            "1",
            "--signer-name",
            "A",
            "--letter-date",
            "2026-11-28",
            "--council-date",
            "2026-12-01",
            "--chair",
            "B",
        ),
        "DOSSIER_BAD_DATE",
        3,
    )
    one_line_error(
        cli(
            "dossier",
            "set",
            "1",
            "--signer-name",
            "A",
            "--letter-date",
            "2026-11-28",
            "--council-date",
            "2026-11-20",
        ),
        "DOSSIER_FIELD_REQUIRED",
        3,
    )
    assert cli("dossier", "set", "1", "--council-member").code == 2
    assert cli("dossier", "show").code == 2
    assert cli("dossier", "show", "1", "--json").json()["stored"] is False  # nothing was saved
