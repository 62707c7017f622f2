"""Sections 4 and 6 of the dossier: the council's minutes and the data's provenance with its QR
code (`qr_payload`); the evidence index (5) is in `dossier_evidence`.

The minutes print only when the council has met and the details are consistent (the checks are
services/dossier_checks.py's); otherwise the section says what they lack (`minutes_missing`)."""

from __future__ import annotations

import json
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.reports.dossier_text import (
    SECTION_TITLES,
    STANDARD,
    catalogue_line,
    catalogue_version,
    letter_kind,
    period_text,
    total_phrase,
    verdict_text,
)
from assessor_app.reports.layout import (
    TEXT_WIDTH,
    Styles,
    grid_table,
    header_cell,
    heading,
    para,
    title_block,
    two_signatures,
)
from assessor_app.reports.layout_header import (
    AdminHeader,
)
from assessor_app.reports.layout_pages import (
    PageState,
    SectionStart,
)
from assessor_app.reports.model import CouncilMinutes, DossierData, IssuingBody
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, labels, numbers
from assessor_app.texts.documents import in_sentence, place_date

# No number given: the "Số:" line all the same, the number written in by hand when registered.
MINUTES_NUMBER = "/BB-HĐĐG"


def qr_payload(data: DossierData) -> str:
    """The QR code's content: compact JSON, keys sorted, non-ASCII escaped (\\uXXXX) so any reader
    decodes it the same way.

    Keys: bundle_id, manifest_hash, signer, key_fingerprint, review_status, assessment_uid, total,
    recognized (empty strings where not applicable).
    """
    p = data.provenance
    document: dict[str, Any] = {
        "bundle_id": nfc(p.bundle_id),
        "manifest_hash": nfc(p.manifest_hash),
        "signer": nfc(p.signer_name),
        "key_fingerprint": nfc(p.key_fingerprint),
        "review_status": nfc(p.review_status),
        "assessment_uid": nfc(data.assessment_uid),
        "total": data.total,
        "recognized": data.recognized,
    }
    return json.dumps(document, ensure_ascii=True, sort_keys=True, separators=(",", ":"))


def _member_rows(minutes: CouncilMinutes, st: Styles) -> Table:
    rows: list[list[Any]] = [
        [
            header_cell(label, st)
            for label in ("STT", "Họ và tên", "Chức vụ", "Nhiệm vụ trong Hội đồng", "Dự họp")
        ]
    ]
    for index, member in enumerate(minutes.members, start=1):
        rows.append(
            [
                para(str(index), st.cell_center),
                para(member.name, st.cell),
                para(member.position, st.cell),
                para(member.role, st.cell),
                para("Có mặt" if member.present else "Vắng mặt", st.cell_center),
            ]
        )
    return grid_table(rows, [11 * mm, 40 * mm, 56 * mm, 38 * mm, 20 * mm])


# What the dossier says is missing instead of printing minutes that lack it or contradict
# themselves (DossierData.minutes_missing: the details' field names).
_MISSING = {
    "council_held_at": "ngày, giờ họp của Hội đồng (trong năm đánh giá, không sau ngày của tờ trình)",
    "council_ended_at": "giờ kết thúc cuộc họp (sau giờ bắt đầu)",
    "council_place": "địa điểm họp",
    "council_chair": "họ và tên Chủ tịch Hội đồng, người chủ trì cuộc họp và ký biên bản",
    "council_secretary": "họ và tên Thư ký Hội đồng, người ký biên bản",
    "council_members": (
        "thành phần Hội đồng: người ký biên bản phải có mặt, mỗi nhiệm vụ Chủ tịch Hội đồng "
        "và Thư ký chỉ do một người đảm nhận"
    ),
    "council_votes": "kết quả biểu quyết, không vượt quá số thành viên dự họp",
    "council_date_reason": "lý do Hội đồng họp ngoài thời gian đánh giá theo quy định",
}


def _missing_minutes(data: DossierData, st: Styles) -> list[Flowable]:
    """Instead of a minutes page: the section says the dossier has no minutes yet and what they
    lack, so nobody files a biên bản without a meeting date or one that contradicts itself."""
    lacking = [_MISSING[name] for name in data.minutes_missing if name in _MISSING]
    items: list[Flowable] = [
        *heading("Biên bản họp Hội đồng đánh giá (chưa có)", st),
        para(
            f"Hồ sơ chưa có biên bản họp Hội đồng đánh giá {STANDARD} năm {data.year}"
            + (". Biên bản được lập khi có đủ các thông tin sau:" if lacking else "."),
            st.body,
        ),
    ]
    items += [para(f"- {phrase}.", st.body_flush) for phrase in lacking]
    return items


def _window_paragraph(minutes: CouncilMinutes, st: Styles) -> list[Flowable]:
    start, end = minutes.window_start, minutes.window_end
    if start is None or end is None or not minutes.date_reason:
        return []
    reason = minutes.date_reason.rstrip(".")
    return [
        para(
            f"Cuộc họp được tổ chức ngoài thời gian đánh giá theo quy định (từ ngày "
            f"{dates.day(start)} đến ngày {dates.day(end)}) vì: {reason}.",
            st.body,
        )
    ]


def _presiding(minutes: CouncilMinutes, st: Styles) -> list[Flowable]:
    chair = minutes.members[0] if minutes.members else None
    position = f", {chair.position}" if chair is not None and chair.position else ""
    return [
        para(
            f"Chủ trì cuộc họp: {minutes.chair.name}{position}, Chủ tịch Hội đồng.",
            st.body_flush,
        ),
        para(f"Thư ký cuộc họp: {minutes.secretary.name}.", st.body_flush),
    ]


def _attendance(minutes: CouncilMinutes, st: Styles) -> Flowable:
    present = sum(1 for m in minutes.members if m.present)
    absent = [m.name for m in minutes.members if not m.present]
    line = f"Có mặt {present}/{len(minutes.members)} thành viên Hội đồng"
    line += f"; vắng mặt: {', '.join(absent)}." if absent else "."
    return para(line, st.body_flush)


def _vote_line(minutes: CouncilMinutes) -> str:
    """The vote from its counts, against the members present: it cannot claim more."""
    if minutes.votes_for is None and minutes.votes_against is None:
        return ""
    present = sum(1 for m in minutes.members if m.present)
    votes_for = minutes.votes_for or 0
    votes_against = minutes.votes_against or 0
    line = (
        f"Biểu quyết: {votes_for}/{present} thành viên dự họp tán thành, "
        f"{votes_against}/{present} thành viên không tán thành"
    )
    rest = present - votes_for - votes_against
    if rest > 0:
        line += f", {rest}/{present} thành viên không biểu quyết"
    return line + "."


def minutes_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    minutes = data.minutes
    commune = in_sentence(data.commune.name)
    issuer = IssuingBody(name="Hội đồng đánh giá", parent=letter.issuer.name)
    items: list[Flowable] = [PageBreak(), SectionStart(state, "bien-ban", SECTION_TITLES[3])]
    if minutes is None:
        return items + _missing_minutes(data, st)
    held = minutes.held_at
    items += [
        AdminHeader(
            issuer, minutes.number or MINUTES_NUMBER, place_date(letter.place, held.date())
        ),
        *title_block("Biên bản", f"Họp Hội đồng đánh giá {STANDARD} năm {data.year}", "", st),
        para(
            f"Vào hồi {dates.document_time(held)}, {dates.document_date(held.date())}, tại "
            f"{minutes.place}, Hội đồng đánh giá {STANDARD} của {commune} họp để đánh giá kết "
            f"quả thực hiện tiêu chuẩn {STANDARD} năm {data.year} (kỳ đánh giá {period_text(data)}).",
            st.body,
        ),
        *_window_paragraph(minutes, st),
        *heading("I. THÀNH PHẦN", st),
        *_presiding(minutes, st),
        _attendance(minutes, st),
        _member_rows(minutes, st),
        *heading("II. NỘI DUNG", st),
    ]
    items += [para(paragraph, st.body) for paragraph in minutes.content]
    items.append(
        para(
            f"Kết quả đánh giá: {commune} {total_phrase(data)}. {verdict_text(data)}",
            st.body,
        )
    )
    items += [para(f"- {reason}", st.body_flush) for reason in data.reasons]
    items += heading("III. KẾT LUẬN", st)
    if minutes.conclusion:
        items.append(para(minutes.conclusion, st.body))
    vote = _vote_line(minutes)
    if vote:
        items.append(para(vote, st.body))
    end = minutes.ended_at
    when = ""
    if end is not None:
        same_day = end.date() == held.date()
        day = "cùng ngày" if same_day else dates.document_date(end.date())
        when = f" vào hồi {dates.document_time(end)} {day}"
    last = para(
        f"Cuộc họp kết thúc{when}. Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe "
        "và nhất trí thông qua./.",
        st.body,
    )
    items.append(two_signatures(minutes.secretary, minutes.chair, st, keep_with=[last]))
    return items


def _qr(payload: str, size: float = 52 * mm) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing = Drawing(
        size,
        size,
        transform=[size / width, 0, 0, size / height, 0, 0],
        initialFontName=fonts.FAMILY,
    )
    drawing.add(widget)
    return drawing


_MANIFEST = "Mã băm bản kê khai gói"


def _letter_date(data: DossierData) -> str:
    """The first document's date, or what is missing when nobody gave it."""
    if data.letter.dated:
        return dates.day(data.letter.date)
    return (
        "Chưa nhập: ngày, tháng để trống trên văn bản để ghi khi ký (nhập ngày trong thông tin "
        "hồ sơ để in sẵn)"
    )


def _provenance_rows(data: DossierData, st: Styles) -> Table:
    p = data.provenance
    imported = dates.day(p.imported) if p.imported else ""
    entries = [
        ("Mã đánh giá", data.assessment_uid),
        ("Đơn vị", f"{data.commune.place} (mã {data.commune.code})"),
        ("Năm đánh giá", f"{data.year} (kỳ {period_text(data)})"),
        ("Tổng điểm", numbers.points_of(data.total, data.max_total, PAPER)),
        ("Kết quả", labels.verdict(data.recognized, PAPER) + (" (tạm thời)" if data.draft else "")),
        ("Tình trạng đánh giá", "Dự thảo: chưa hoàn tất" if data.draft else "Đã hoàn tất"),
        (f"Ngày của {letter_kind(data).lower()}", _letter_date(data)),
        ("Gói dữ liệu", p.bundle_id or "Không có (dữ liệu nhập trên máy này)"),
        (_MANIFEST, p.manifest_hash),
        ("Người ký gói dữ liệu", p.signer_name),
        ("Cơ quan của người ký", p.signer_agency),
        ("Dấu vân tay khóa ký", p.key_fingerprint),
        ("Trạng thái thẩm định", p.review_status),
        ("Ngày nhập dữ liệu", imported),
        ("Ngày lập hồ sơ", dates.day(data.created.date())),
    ]
    small = {_MANIFEST, "Dấu vân tay khóa ký"}
    rows = [
        [
            para(label, st.cell_bold),
            para(value or "—", st.cell_small if label in small else st.cell),
        ]
        for label, value in entries
    ]
    return grid_table(rows, [50 * mm, TEXT_WIDTH - 50 * mm], header_rows=0)


def provenance_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    catalogue = data.catalogue
    payload = qr_payload(data)
    parts = "; ".join(catalogue.provisional_parts) if catalogue.provisional_parts else "không có"
    qr_note = para(
        "Mã QR chứa bản tóm tắt dạng JSON (gói dữ liệu, mã băm bản kê khai, người ký, dấu vân tay "
        "khóa, trạng thái thẩm định, mã đánh giá, tổng điểm, kết quả) để đối chiếu hồ sơ in với "
        "dữ liệu điện tử.",
        st.note,
    )
    qr_table = Table(
        [[_qr(payload), qr_note]],
        colWidths=[60 * mm, TEXT_WIDTH - 60 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.FAMILY),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return [
        PageBreak(),
        SectionStart(state, "nguon-goc", SECTION_TITLES[5]),
        *title_block(
            "Thông tin nguồn gốc dữ liệu",
            f"Hồ sơ của {in_sentence(data.commune.name)} năm {data.year}",
            "",
            st,
        ),
        _provenance_rows(data, st),
        Spacer(1, 8),
        KeepTogether([qr_table]),
        # the catalogue's block moves whole to the next page rather than leave a line alone there
        KeepTogether(
            [
                para("Bộ tiêu chí", st.heading),
                para(catalogue_line(catalogue), st.body_flush),
                para(
                    f"Mã và phiên bản bộ tiêu chí: {catalogue_version(catalogue)}; mã băm nội "
                    f"dung (SHA-256): {catalogue.content_hash or '—'}.",
                    st.plain,
                ),
                para(f"Các phần tạm tính: {parts}.", st.plain),
            ]
        ),
    ]
