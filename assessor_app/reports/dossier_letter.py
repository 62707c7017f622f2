"""Section 1 of the dossier: the commune's request letter (tờ trình), or its report of the result
when the commune is not recognised."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.dossier_text import (
    SECTION_TITLES,
    STANDARD,
    period_text,
    total_phrase,
)
from assessor_app.reports.layout import (
    Styles,
    closing_block,
    para,
    title_block,
)
from assessor_app.reports.layout_header import (
    AdminHeader,
)
from assessor_app.reports.layout_pages import (
    PageState,
    SectionStart,
)
from assessor_app.reports.model import DossierData
from assessor_app.texts import dates
from assessor_app.texts.documents import in_sentence, place_date


def _letter_body(data: DossierData) -> list[str]:
    if data.letter.body:
        return list(data.letter.body)
    issuer = nfc(data.letter.issuer.name).replace("\n", " ")
    commune = in_sentence(data.commune.name)
    addressee = data.letter.addressee or "cấp có thẩm quyền"
    paragraphs = [f"Căn cứ {data.catalogue.legal_basis};"]
    if data.minutes is not None:
        paragraphs.append(
            f"Căn cứ Biên bản họp Hội đồng đánh giá {STANDARD} của {commune} "
            f"{dates.document_date(data.minutes.held_at.date())};"
        )
    paragraphs.append(
        f"{issuer} đã tổ chức đánh giá việc thực hiện tiêu chuẩn {STANDARD} năm {data.year} "
        f"(kỳ đánh giá {period_text(data)}) theo {len(data.criteria)} tiêu chí của bộ tiêu chí "
        f"{data.catalogue.code} (phiên bản {data.catalogue.version}). Kết quả: {commune} "
        f"{total_phrase(data)}."
    )
    if data.recognized:
        paragraphs.append(
            f"Đối chiếu với các điều kiện công nhận, {commune} đạt tiêu chuẩn {STANDARD}. "
            f"{issuer} kính trình {addressee} xem xét, quyết định công nhận {commune} đạt "
            f"tiêu chuẩn {STANDARD} năm {data.year}."
        )
    else:
        paragraphs.append(
            f"Đối chiếu với các điều kiện công nhận, {commune} chưa đạt tiêu chuẩn {STANDARD} "
            f"năm {data.year} ({len(data.reasons)} điều kiện chưa đáp ứng, nêu tại Bảng đánh giá "
            f"kèm theo). {issuer} báo cáo {addressee} kết quả trên và sẽ xây dựng kế hoạch khắc "
            "phục các tiêu chí chưa đạt."
        )
    attached = ["Bảng đánh giá kết quả thực hiện tiêu chuẩn"]
    if data.explanations:
        attached.append("Báo cáo thuyết minh kết quả và nguồn số liệu")
    if data.minutes is not None:
        attached.append("Biên bản họp Hội đồng đánh giá")
    if data.evidence:
        attached.append("Danh mục minh chứng")
    paragraphs.append(f"Hồ sơ kèm theo gồm: {'; '.join(attached)}.")
    if data.recognized:
        paragraphs.append(f"Kính trình {addressee} xem xét, quyết định./.")
    else:
        paragraphs.append(f"Kính báo cáo {addressee}./.")
    return paragraphs


def _summary_line(data: DossierData) -> str:
    commune = in_sentence(data.commune.name)
    if data.recognized:
        return f"Về việc đề nghị công nhận {commune} đạt tiêu chuẩn {STANDARD} năm {data.year}"
    return f"Về kết quả đánh giá {commune} theo tiêu chuẩn {STANDARD} năm {data.year}"


def letter_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    items: list[Flowable] = [
        SectionStart(state, "to-trinh", SECTION_TITLES[0]),
        AdminHeader(letter.issuer, letter.number, place_date(letter.place, letter.date)),
        *title_block("Tờ trình", _summary_line(data), letter.addressee, st),
    ]
    body = [para(paragraph, st.body) for paragraph in _letter_body(data)]
    items += body[:-1]
    items.append(closing_block(letter.recipients, letter.signature, st, keep_with=body[-1:]))
    return items
