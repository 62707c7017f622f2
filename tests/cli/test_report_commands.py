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
    rows = list(book["Tổng hợp"].iter_rows(min_row=4, values_only=True))
    assert rows == [
        ("06400", "Xã Hữu Liên", "Xã", 855, "Đạt", "Đã hoàn tất, chưa thẩm định"),
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
    ]
    result = cli("report", "target", "--year", "2025", "--percent", "70")
    assert result.code == 0, result.err
    assert "2025     70 %  store" in result.out
    assert cli("report", "targets", "--json").json()[-1] == {
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
    assert "2025" not in cleared.out


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
