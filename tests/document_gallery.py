"""Every kind of document the app prints, made from real stores the way an office makes them.

Used by tests/integration/test_document_gallery.py (which renders every page to PNG under
test-artifacts/documents/ and reads them as an official would) and by docs/make_document_images.py
(the small page images of docs/reports.md). One store holds a province's year: a commune that
passes with its paperwork, one that fails, a draft, a commune's self-assessment beside the office's
appraisal, a 2016 assessment under QĐ 34 for a district's summary, a recognition decision and a later one
revoking a recognition, two 2021 communes for the province's yearly report before the reform; a second
store is a demo store (its documents carry the DEMO mark).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from assessor_app.services import (
    assessments,
    decision_documents,
    decisions,
    demo,
    dossier_details,
    plan_entries,
    reference_data,
    report_details,
    reports,
    revocations,
    sources,
    yearly_data,
)
from assessor_app.services.dossier_details import CouncilMemberDetails
from assessor_app.services.workspace import Workspace, open_workspace
from tests.integration.test_reports import (
    COMPLETE as PASSING,  # a QĐ 06 assessment that passes
    MANUAL,  # the two indicators the council scores
)

# The day the office prints (a fixed moment: the same data gives the same bytes).
PRINTED = datetime(2026, 12, 5, 9, 0)

# Where the figures come from, as the team enters them next to the figures.
SOURCES = {
    "TC2.1": "Sổ đăng ký khai sinh của UBND xã năm 2026",
    "TC7.1": "Báo cáo của Trạm Y tế xã, tháng 10/2026",
    "TC10.1": "Danh sách trẻ em đến trường của Trường Mầm non Hữu Liên",
}


def _fill(
    ws: Workspace,
    commune: str,
    year: int = 2026,
    kind: str = "team",
    values: dict[str, str] | None = None,
    finalise: bool = True,
    manual: bool = True,
) -> int:
    """An assessment with `values` (default: every figure of one that passes) and, with `manual`,
    the two indicators a council scores by hand (QĐ 06/2019)."""
    created = assessments.create(ws, commune, year, kind=kind)
    for code, text in (values if values is not None else PASSING).items():
        assessments.set_value(ws, created.id, code, text)
    for code, (text, why) in MANUAL.items() if manual else ():
        assessments.set_value(ws, created.id, code, text, why)
    if finalise:
        assessments.finalize(ws, created.id)
    return created.id


def _paperwork(ws: Workspace, assessment_id: int) -> None:
    """The letter and the council's minutes, as a commune would enter them."""
    base = dossier_details.get_details(ws, assessment_id)
    dossier_details.set_details(
        ws,
        assessment_id,
        replace(
            base,
            letter_number="12/TTr-UBND",
            signer_name="Hoàng Văn Thắng",
            letter_date=date(2026, 11, 28),
            council_held_at=datetime(2026, 11, 20, 8, 0),
            council_ended_at=datetime(2026, 11, 20, 11, 15),
            council_chair="Hoàng Văn Thắng",
            council_chair_position="Chủ tịch UBND xã",
            council_secretary="Lộc Thị Hằng",
            council_members=(
                CouncilMemberDetails(
                    "Lương Thị Hoa", "Công chức Văn hóa - Xã hội", "Thường trực Hội đồng"
                ),
                CouncilMemberDetails("Nông Văn Quân", "Trưởng Công an xã"),
                CouncilMemberDetails("Lăng Văn Kiên", "Trạm trưởng Trạm Y tế xã"),
                CouncilMemberDetails(
                    "Triệu Văn Minh", "Hiệu trưởng Trường Tiểu học", present=False
                ),
                CouncilMemberDetails("Lộc Thị Hằng", "Hiệu trưởng Trường Mầm non", "Thư ký"),
            ),
            council_conclusion=(
                "Hội đồng thống nhất đề nghị công nhận xã Hữu Liên đạt chuẩn năm 2026."
            ),
            council_votes_for=5,
            council_votes_against=0,
        ),
    )


def _plan(ws: Workspace) -> None:
    """The province's plan for 2026: three communes to bring to the standard, and its funds."""
    plan_entries.set_planned_communes(ws, "20", 2026, ["06400", "06385", "06001"])
    for fund, planned, spent, note in (
        ("central", 150_000_000, 120_500_000, "Tập huấn cán bộ làm công tác trẻ em"),
        ("local", 200_000_000, 180_000_000, ""),
    ):
        change = plan_entries.BudgetChange("20", 2026, fund, planned, spent, note)
        plan_entries.set_budget_line(ws, change)


def office_documents(home: Path) -> dict[str, bytes]:
    """The documents of a real (not demo) store, by file name (without ".pdf")."""
    ws = open_workspace(home, actor="Hoàng Văn Thụ")
    try:
        reference_data.ensure_initialised(ws)
        passing = _fill(ws, "06400", finalise=False)
        for code, source in SOURCES.items():
            sources.set_source(ws, passing, code, source)
        assessments.finalize(ws, passing)
        _paperwork(ws, passing)
        partial = {"TC1.1": "yes", "TC2.1": "45/50", "TC7.1": "40/48"}
        failing = _fill(ws, "06385", values=partial)
        draft = _fill(ws, "06040", values={"TC2.1": "49/50"}, finalise=False, manual=False)
        _fill(ws, "06001", kind="self", values={**PASSING, "TC2.1": "50/50"})
        _fill(ws, "06001", kind="review", values={**PASSING, "TC2.1": "40/50"})
        _fill(ws, "05971", year=2016, values={"TC2.1": "49/50"}, manual=False)
        decision = decisions.record_decision(
            ws,
            decisions.DecisionInput(
                year=2026,
                unit="20",
                number="125/QĐ-UBND",
                decided_on=date(2026, 12, 5),
                signer_name="Đoàn Thu Hà",
                appraisal_number="15/BC-SYT",
                appraisal_date=date(2026, 12, 2),
            ),
        )
        for unit, year, number, signer in (
            ("20", 2026, "210/BC-SYT", ("Phó Giám đốc", "Nông Văn Tuấn", "KT. Giám đốc")),
            ("178", 2016, "95/BC-UBND", ("Chủ tịch", "Vy Văn Thành", "TM. Ủy ban nhân dân")),
        ):
            frame = report_details.get_details(ws, unit, year)
            position, name, authority = signer
            report_details.set_details(
                ws,
                unit,
                year,
                replace(
                    frame,
                    number=number,
                    signer_position=position,
                    signer_name=name,
                    signer_authority=authority,
                ),
            )
        # A day after the decision, one recognition is revoked: the reports printed after it say so.
        revocation = revocations.revoke_decision(
            ws,
            revocations.RevocationInput(
                year=2026,
                communes=("06001",),
                number="140/QĐ-UBND",
                decided_on=date(2026, 12, 6),
                signer_name="Đoàn Thu Hà",
                reason="Kết quả kiểm tra lại cho thấy số liệu tiêu chí 2 không đúng thực tế",
            ),
        )
        _plan(ws)
        made = {
            "ho-so-dat-chuan": reports.dossier_bytes(ws, passing, PRINTED),
            "ho-so-khong-dat": reports.dossier_bytes(ws, failing, PRINTED),
            "ho-so-du-thao": reports.dossier_bytes(ws, draft, PRINTED),
            "bao-cao-tong-hop-tinh-2026": reports.summary_bytes(
                ws, "20", 2026, created=datetime(2026, 12, 8, 16, 0)
            ),
            "bao-cao-tong-hop-huyen-2016": reports.summary_bytes(
                ws, "178", 2016, created=datetime(2016, 11, 28, 10, 0)
            ),
            "bao-cao-tham-dinh": decision_documents.appraisal_bytes(
                ws, 2026, unit="20", number="15/BC-SYT", day=date(2026, 12, 2), created=PRINTED
            ),
            "quyet-dinh-cong-nhan": decision_documents.decision_bytes(ws, decision.id, PRINTED),
            "bao-cao-ke-hoach-nam-2026": yearly_data.yearly_bytes(
                ws, "20", 2026, created=datetime(2026, 12, 8, 16, 0)
            ),
        }
        # 2021, a year before the 2025 reform: the province's yearly report rolls it up into the
        # 65 units of July 2025 (made after the documents above: their trends stay as they were).
        _fill(ws, "06529", year=2021)
        _fill(ws, "06544", year=2021, values={"TC2.1": "49/50"}, manual=False)
        made["bao-cao-ke-hoach-nam-2021"] = yearly_data.yearly_bytes(
            ws, "20", 2021, created=datetime(2021, 12, 8, 16, 0)
        )
        made["quyet-dinh-thu-hoi"] = decision_documents.decision_bytes(ws, revocation.id, PRINTED)
        return made
    finally:
        ws.close()


def demo_documents(home: Path) -> dict[str, bytes]:
    """The dossier of a demo store's first assessment."""
    ws = open_workspace(home, actor="Hoàng Văn Thụ")
    try:
        reference_data.ensure_initialised(ws)
        first = demo.create_demo(ws)[0]
        return {"ho-so-demo": reports.dossier_bytes(ws, first, PRINTED)}
    finally:
        ws.close()


def every_document(folder: Path) -> dict[str, bytes]:
    """Both stores' documents (PDF bytes by name), the stores made under `folder`."""
    return {**office_documents(folder / "office"), **demo_documents(folder / "demo")}
