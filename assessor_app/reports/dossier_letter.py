"""Section 1 of the dossier: the commune's request for recognition (tờ trình, …/TTr-UBND) when it
passes and its council has met, its report of the result (báo cáo, …/BC-UBND) otherwise; a draft (the assessment not
finalised) says the assessment is still under way and claims no result."""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from assessor_app.reports.dossier_text import (
    STANDARD,
    first_title,
    issuer_text,
    legal_bases,
    letter_kind,
    letter_number,
    period_text,
    total_phrase,
)
from assessor_app.reports.layout import (
    Styles,
    closing_block,
    para,
    title_block,
)
from assessor_app.reports.layout_header import AdminHeader
from assessor_app.reports.layout_pages import (
    PageState,
    SectionStart,
)
from assessor_app.reports.model import DossierData
from assessor_app.texts import dates
from assessor_app.texts.documents import in_sentence, place_date


def _grounds(data: DossierData) -> list[str]:
    paragraphs = [f"Căn cứ {act};" for act in legal_bases(data.catalogue)]
    if data.minutes is not None:
        paragraphs.append(
            f"Căn cứ Biên bản họp Hội đồng đánh giá {STANDARD} của "
            f"{in_sentence(data.commune.name)} {dates.document_date(data.minutes.held_at.date())};"
        )
    return paragraphs


def _result(data: DossierData) -> str:
    """What was done and what came of it; a draft claims no completed assessment."""
    commune = in_sentence(data.commune.name)
    assessed = (
        f"việc thực hiện tiêu chuẩn {STANDARD} năm {data.year} (kỳ đánh giá {period_text(data)}) "
        f"theo {len(data.criteria)} tiêu chí của tiêu chuẩn"
    )
    if data.draft:
        return (
            f"{issuer_text(data)} đang tổ chức đánh giá {assessed}; việc đánh giá chưa hoàn tất. "
            f"Theo số liệu đã có đến nay, {commune} {total_phrase(data)}; kết quả này còn có thể "
            "thay đổi."
        )
    return f"{issuer_text(data)} đã tổ chức đánh giá {assessed}. Kết quả: {commune} {total_phrase(data)}."


def _conclusion(data: DossierData, addressee: str) -> str:
    commune = in_sentence(data.commune.name)
    if data.draft:
        return (
            f"Sau khi hoàn tất đánh giá, {issuer_text(data)} sẽ "
            + (f"trình {addressee} xem xét, quyết định công nhận" if data.recognized else "báo cáo")
            + " theo kết quả chính thức."
        )
    if data.recognized and not data.requests_recognition:  # the council has not met yet
        return (
            f"Đối chiếu với các điều kiện công nhận, {commune} đạt tiêu chuẩn {STANDARD}. "
            "Hội đồng đánh giá chưa họp, hồ sơ chưa có biên bản họp Hội đồng đánh giá, nên "
            f"{issuer_text(data)} chưa trình đề nghị công nhận; sau khi Hội đồng đánh giá họp, "
            f"{issuer_text(data)} sẽ trình {addressee} xem xét, quyết định công nhận."
        )
    if data.recognized:
        return (
            f"Đối chiếu với các điều kiện công nhận, {commune} đạt tiêu chuẩn {STANDARD}. "
            f"{issuer_text(data)} kính trình {addressee} xem xét, quyết định công nhận {commune} "
            f"đạt tiêu chuẩn {STANDARD} năm {data.year}."
        )
    return (
        f"Đối chiếu với các điều kiện công nhận, {commune} chưa đạt tiêu chuẩn {STANDARD} "
        f"năm {data.year} ({len(data.reasons)} điều kiện chưa đáp ứng, nêu tại Bảng đánh giá "
        f"kèm theo). {issuer_text(data)} sẽ xây dựng kế hoạch khắc phục các tiêu chí chưa đạt."
    )


def _attached(data: DossierData) -> str:
    attached = ["Bảng đánh giá kết quả thực hiện tiêu chuẩn"]
    if data.explanations:
        attached.append("Báo cáo thuyết minh kết quả và nguồn số liệu")
    if data.minutes is not None:
        attached.append("Biên bản họp Hội đồng đánh giá")
    if data.evidence:
        attached.append("Danh mục minh chứng")
    return f"Hồ sơ kèm theo gồm: {'; '.join(attached)}."


def _closing(data: DossierData, addressee: str) -> str | None:
    if data.draft:  # a draft requests nothing yet: its conclusion says what will follow
        return None
    if data.requests_recognition:
        return f"Kính trình {addressee} xem xét, quyết định./."
    return (
        f"Trên đây là báo cáo kết quả đánh giá {STANDARD} năm {data.year} của "
        f"{in_sentence(data.commune.name)}./."
    )


def _letter_body(data: DossierData) -> list[str]:
    if data.letter.body:
        return list(data.letter.body)
    addressee = data.letter.addressee or "cấp có thẩm quyền"
    closing = _closing(data, addressee)
    return [
        *_grounds(data),
        _result(data),
        _conclusion(data, addressee),
        _attached(data),
        *([closing] if closing else []),
    ]


def _summary_line(data: DossierData) -> str:
    commune = in_sentence(data.commune.name)
    if data.requests_recognition:
        return f"Về việc đề nghị công nhận {commune} đạt tiêu chuẩn {STANDARD} năm {data.year}"
    return f"Kết quả đánh giá {commune} theo tiêu chuẩn {STANDARD} năm {data.year}"


def _recipients(data: DossierData) -> tuple[str, ...]:
    """A tờ trình is addressed ("Kính gửi", then "Như trên" among the recipients); a báo cáo has no
    "Kính gửi": its addressee heads the recipients instead."""
    letter = data.letter
    if data.requests_recognition or not letter.addressee:
        return letter.recipients
    rest = tuple(r for r in letter.recipients if r.strip().rstrip(";.") != "Như trên")
    return (letter.addressee, *rest)


def letter_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    addressee = letter.addressee if data.requests_recognition else ""
    items: list[Flowable] = [
        SectionStart(state, "to-trinh", first_title(data)),
        AdminHeader(
            letter.issuer, letter_number(data), place_date(letter.place, letter.date, letter.dated)
        ),
        *title_block(letter_kind(data), _summary_line(data), addressee, st),
    ]
    body = [para(paragraph, st.body) for paragraph in _letter_body(data)]
    items += body[:-1]
    items.append(closing_block(_recipients(data), letter.signature, st, keep_with=body[-1:]))
    return items
