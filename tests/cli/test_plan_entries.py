"""`plan communes`, `plan budget` and `report yearly` (issue 14, "The plan"): the communes planned
for a year and whether each made it, the plan's budget (the seed plan's 2.5 billion đồng shipped),
and the yearly report with figures computed by hand here, the same as `plan status` prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from assessor_app.domain.audit import AuditEntry
from assessor_app.services import demo, reference_data
from assessor_app.services.workspace import open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.cli.conftest import Runner
from tests.cli.test_report_commands import one_line_error
from tests.integration.test_reports import fill
from tests.unit.reports.fixtures import pdftotext


def flat(text: str) -> str:
    return " ".join(text.split())


def store_entries(home: Path, action: str) -> list[AuditEntry]:
    ws = open_workspace(home, actor="x")
    try:
        with ws.database.reading() as session:
            return [e for e in Repository(session).audit_entries(STORE_CHAIN) if e.action == action]
    finally:
        ws.close()


@pytest.fixture
def province(home: Path) -> Path:
    """Two years: 2026 (the demo's Xã Hữu Liên 06400 recognised, Xã Hữu Lũng 06385 a draft; Xã
    Đoàn Kết 06001 recognised) and 2016 in Thành phố Lạng Sơn (178): Phường Hoàng Văn Thụ 05971
    finalised with one figure (not recognised), Phường Tam Thanh 05974 a draft."""
    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        reference_data.initialise(ws)
        demo.create_demo(ws)
        fill(ws, "06001", 2026)
        fill(ws, "05971", 2016, values={"TC2.1": "49/50"})
        fill(ws, "05974", 2016, values={"TC2.1": "49/50"}, finalise=False)
    finally:
        ws.close()
    return home


def test_the_seed_plans_budget_is_shipped(cli: Runner, home: Path) -> None:
    lines = cli("plan", "budget", "list", "--json").json()
    assert [(x["unit"], x["year"], x["fund"], x["planned"], x["source"]) for x in lines] == [
        ("20", None, "central", 1_200_000_000, "plan"),
        ("20", None, "local", 1_300_000_000, "plan"),
    ]
    text = cli("plan", "budget", "list", lang="vi").out
    assert "1.200.000.000 đồng" in text
    assert "1.300.000.000 đồng" in text


def test_planned_communes_and_whether_each_made_it(cli: Runner, province: Path) -> None:
    done = cli("plan", "communes", "set", "--unit", "20", "--year", "2026", "06001", "06385")
    assert done.code == 0, done.err
    cli("plan", "communes", "set", "--unit", "178", "--year", "2016", "05971", "05974")
    listed = cli("plan", "communes", "list", "--json").json()
    by_year = {(x["unit"], x["year"]): x for x in listed}
    y2026 = by_year[("20", 2026)]
    assert (y2026["planned"], y2026["made_it"]) == (2, 1)
    outcomes = {c["code"]: c["outcome"] for c in y2026["communes"]}
    assert outcomes == {"06001": "recognised", "06385": "no_result"}
    y2016 = by_year[("178", 2016)]
    assert {c["code"]: c["outcome"] for c in y2016["communes"]} == {
        "05971": "not_recognised",
        "05974": "no_result",
    }
    # a commune of another district, and a district after the reform, are refused
    one_line_error(
        cli("plan", "communes", "set", "--unit", "178", "--year", "2016", "06400"),
        "PLAN_COMMUNE_NOT_IN_UNIT",
        3,
    )
    refused = cli("plan", "communes", "set", "--unit", "178", "--year", "2026", "05971")
    assert refused.code != 0
    assert "Traceback" not in refused.err
    entries = store_entries(province, "set_planned_communes")
    assert [e.target for e in entries] == ["plan:20:2026", "plan:178:2016"]
    assert [c["code"] for c in entries[0].new["communes"]] == ["06001", "06385"]


def test_budget_lines_are_entered_and_changed_with_a_reason(cli: Runner, home: Path) -> None:
    added = cli(
        "plan", "budget", "set", "--unit", "20", "--year", "2026", "--fund", "central",
        "--planned", "150000000", "--spent", "120500000", "--note", "Tập huấn",
    )  # fmt: skip
    assert added.code == 0, added.err
    again = ("plan", "budget", "set", "--unit", "20", "--year", "2026", "--fund", "central")
    one_line_error(cli(*again, "--spent", "130000000"), "PLAN_BUDGET_REASON", 3)
    changed = cli(*again, "--spent", "130000000", "--reason", "Quyết toán quý IV", "--json")
    line = next(x for x in changed.json() if x["year"] == 2026)
    assert (line["planned"], line["spent"], line["note"]) == (150_000_000, 130_000_000, "Tập huấn")
    # the plan's own line keeps its source while its planned amount is the plan's
    spent = cli(
        "plan", "budget", "set", "--unit", "20", "--fund", "central", "--spent", "1000000000",
        "--reason", "Tổng hợp cả giai đoạn", "--json",
    ).json()  # fmt: skip
    whole = next(x for x in spent if x["year"] is None and x["fund"] == "central")
    assert (whole["planned"], whole["spent"], whole["source"]) == (
        1_200_000_000,
        1_000_000_000,
        "plan",
    )
    entries = store_entries(home, "set_budget_line")
    assert [e.target for e in entries] == [
        "budget:20:2026:central",
        "budget:20:2026:central",
        "budget:20:plan:central",
    ]
    assert entries[1].reason == "Quyết toán quý IV"
    assert (entries[1].old["spent"], entries[1].new["spent"]) == (120_500_000, 130_000_000)


def test_the_yearly_report_pdf_and_workbook(cli: Runner, province: Path, tmp_path: Path) -> None:
    cli("plan", "communes", "set", "--unit", "20", "--year", "2026", "06001", "06385")
    for fund, planned, spent in (
        ("central", "150000000", "120500000"),
        ("local", "200000000", "180000000"),
    ):
        cli(
            "plan", "budget", "set", "--unit", "20", "--year", "2026", "--fund", fund,
            "--planned", planned, "--spent", spent,
        )  # fmt: skip
    cli(
        "plan",
        "budget",
        "set",
        "--unit",
        "20",
        "--year",
        "2025",
        "--fund",
        "local",
        "--spent",
        "90000000",
    )
    status = cli("plan", "status", "--unit", "20", "--year", "2026", "--json").json()
    out = tmp_path / "báo cáo năm.pdf"
    done = cli("report", "yearly", "--unit", "20", "--year", "2026", "--out", str(out))
    assert done.code == 0, done.err
    text = flat(pdftotext(out))
    # by hand: 65 communes since July 2025; 06400 and 06001 recognised: 2/65 = 3,1 %
    assert status["recognised"] == 2
    assert status["communes"] == 65
    assert (
        "Toàn tỉnh có 65 đơn vị hành chính cấp xã; 2 đơn vị có kết quả đánh giá; 2 đơn vị đạt"
        in text
    )
    assert "bằng 3,1 % tổng số đơn vị" in text
    assert "75 % đến năm 2030 (*)" in text
    # due in 2030: a gap still to close (71,9 points), not a failure yet; the summary's words
    assert "còn thiếu 71,9 điểm phần trăm" in text
    assert "chưa đạt chỉ tiêu" not in text
    assert "xác định 2 đơn vị phấn đấu đạt tiêu chuẩn; 1 đơn vị đã đạt" in text
    assert "Xã Đoàn Kết Đạt" in text
    # the plan's 2.5 billion (1.2 central, 1.3 local), the year's 350 million, 300.5 million spent
    assert "Tổng kinh phí dự kiến thực hiện kế hoạch: 2.500.000.000 đồng" in text
    assert (
        "ngân sách trung ương 1.200.000.000 đồng; ngân sách địa phương 1.300.000.000 đồng" in text
    )
    assert "Kinh phí đã chi các năm trước năm 2026: 90.000.000 đồng" in text
    assert "Tổng cộng 350.000.000 300.500.000" in text
    assert "ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP VÀ LÝ DO" in text
    assert "Xã Hữu Lũng" in text
    assert "Huyện/thành phố" not in text  # no districts since July 2025
    # the report is the province's own to the ministry: nothing is owed TO the province after the
    # reform, so there is no section of reports due
    assert "TIẾN ĐỘ GỬI BÁO CÁO" not in text
    assert "IV. ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP VÀ LÝ DO" in text
    assert "phần mềm" not in text.replace("THỬ PHẦN MỀM", "")  # only the demo banner says it

    book = tmp_path / "báo cáo năm.xlsx"
    assert cli("report", "yearly", "--unit", "20", "--year", "2026", "--out", str(book)).code == 0
    workbook = openpyxl.load_workbook(book)
    result = {row[1]: row[2] for row in workbook["Kết quả"].iter_rows(min_row=4, values_only=True)}
    assert result["Số đơn vị hành chính cấp xã"] == 65
    assert result["Số đơn vị đạt tiêu chuẩn"] == 2
    assert result["Tỷ lệ đạt (%)"] == 3.1
    assert result["Số đơn vị theo kế hoạch đã đạt"] == 1
    budget = list(workbook["Kinh phí"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[2], r[3], r[4]) for r in budget] == [
        ("Cả kế hoạch", "Ngân sách trung ương", 1_200_000_000, None),
        ("Cả kế hoạch", "Ngân sách địa phương", 1_300_000_000, None),
        (2026, "Ngân sách trung ương", 150_000_000, 120_500_000),
        (2026, "Ngân sách địa phương", 200_000_000, 180_000_000),
    ]
    assert "Tiến độ báo cáo" not in workbook.sheetnames


def test_the_deadlines_part_is_printed_only_when_given(province: Path) -> None:
    from datetime import date

    from assessor_app.reports.yearly_model import Deadline
    from assessor_app.services import yearly_data

    ws = open_workspace(province, actor="x")
    try:
        due = [Deadline("Báo cáo của tỉnh gửi Bộ", date(2026, 12, 10))]
        data = yearly_data.yearly_data(ws, "20", 2026, deadlines=due)
    finally:
        ws.close()
    from assessor_app.reports.yearly import render_yearly

    pdf = render_yearly(data)
    path = province / "y.pdf"
    path.write_bytes(pdf)
    text = flat(pdftotext(path))
    assert "IV. TIẾN ĐỘ GỬI BÁO CÁO" in text
    assert "Báo cáo của tỉnh gửi Bộ 10/12/2026 Chưa gửi" in text
    assert "V. ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP" in text


def test_before_the_reform_the_districts_reports_are_due_to_the_province(
    province: Path, tmp_path: Path
) -> None:
    """2016 (QĐ 34): each of the 11 districts owed the province its report by 30 November, a day
    the seed plan states (exact); 2021 (QĐ 06): the same day is a default, marked (*) with a note."""
    from assessor_app.services import yearly_data

    ws = open_workspace(province, actor="test")
    try:
        early = yearly_data.yearly_data(ws, "20", 2016)
        later = yearly_data.yearly_data(ws, "20", 2021)
    finally:
        ws.close()
    assert early.deadlines is not None
    assert len(early.deadlines) == 11
    assert {d.due for d in early.deadlines} == {date(2016, 11, 30)}
    assert all(d.verified for d in early.deadlines)
    assert early.deadlines[0].what.startswith("Ủy ban nhân dân ")
    # the communes left out name their district, the list still having districts (issue 15)
    left_out = [e for e in early.summary.excluded if e.code == "05974"]
    assert left_out
    assert left_out[0].district == "Thành phố Lạng Sơn"
    early_pdf = tmp_path / "2016.pdf"
    early_pdf.write_bytes(yearly_data.render_yearly(early))
    early_text = flat(pdftotext(early_pdf))
    section = early_text[early_text.index("ĐƠN VỊ CHƯA ĐƯỢC TỔNG HỢP VÀ LÝ DO") :]
    assert "STT Mã đơn vị Tên đơn vị Huyện/thành phố Lý do" in section
    assert "05974 Phường Tam Thanh Thành phố Lạng Sơn" in section
    assert later.deadlines is not None
    assert not any(d.verified for d in later.deadlines)
    path = tmp_path / "2021.pdf"
    path.write_bytes(yearly_data.render_yearly(later))
    text = flat(pdftotext(path))
    assert "30/11/2021 (*)" in text
    assert "(*) Thời hạn chưa được đối chiếu với văn bản quy định" in text
