"""The dossier's recurring phrases, shared by its sections (all Vietnamese: a printed document)."""

from __future__ import annotations

from assessor_app.domain.text import nfc
from assessor_app.reports.model import CatalogueInfo, DossierData
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, numbers
from assessor_app.texts.documents import in_sentence, version_words

STANDARD = "xã, phường, thị trấn phù hợp với trẻ em"

SECTION_TITLES = (
    "Tờ trình đề nghị công nhận",
    "Bảng đánh giá kết quả thực hiện tiêu chuẩn",
    "Báo cáo thuyết minh kết quả và nguồn số liệu",
    "Biên bản họp hội đồng đánh giá",
    "Danh mục minh chứng",
    "Thông tin nguồn gốc dữ liệu",
)
REPORT_TITLE = "Báo cáo kết quả đánh giá"  # section 1 when the commune is not recognised

# The kind of the first document and the symbol of its number (Nghị định 30/2020, Phụ lục III):
# a commune that passes asks for recognition (tờ trình, TTr), one that fails reports (báo cáo, BC).
REQUEST, REPORT = "Tờ trình", "Báo cáo"
REQUEST_SYMBOL, REPORT_SYMBOL = "TTr", "BC"


def letter_kind(data: DossierData) -> str:
    """ "Tờ trình" when the dossier asks for recognition, else "Báo cáo"."""
    return REQUEST if data.requests_recognition else REPORT


def letter_number(data: DossierData) -> str:
    """The number of section 1 as given, except that a number still to be written in ("/TTr-UBND")
    takes the symbol of the document's kind ("/BC-UBND" for a báo cáo)."""
    number = nfc(data.letter.number).strip()
    symbol, other = (REQUEST_SYMBOL, REPORT_SYMBOL)[:: 1 if data.requests_recognition else -1]
    if number.startswith(f"/{other}-"):
        return f"/{symbol}-{number[len(other) + 2 :]}"
    return number


def first_title(data: DossierData) -> str:
    """The outline's title of section 1."""
    return SECTION_TITLES[0] if data.requests_recognition else REPORT_TITLE


def verdict_text(data: DossierData) -> str:
    draft = "Kết quả tạm thời (việc đánh giá chưa hoàn tất): " if data.draft else ""
    commune = in_sentence(data.commune.name) if draft else data.commune.name
    if data.recognized:
        return f"{draft}{commune} ĐẠT tiêu chuẩn {STANDARD} năm {data.year}."
    return (
        f"{draft}{commune} CHƯA ĐẠT tiêu chuẩn {STANDARD} năm {data.year}, do chưa đáp ứng "
        "các điều kiện sau:"
    )


def total_phrase(data: DossierData) -> str:
    phrase = f"đạt tổng số {numbers.points_of(data.total, data.max_total, PAPER)}"
    if data.threshold is not None:
        category = (
            f" đối với {data.commune.category[:1].lower()}{data.commune.category[1:]}"
            if data.commune.category
            else ""
        )
        phrase += f" (mức tối thiểu{category}: {numbers.points(data.threshold, PAPER)})"
    return phrase


def period_text(data: DossierData) -> str:
    return f"từ {dates.day(data.period_start)} đến {dates.day(data.period_end)}"


def issuer_text(data: DossierData) -> str:
    """The issuing body in a sentence ("Ủy ban nhân dân xã Hữu Liên")."""
    return nfc(data.letter.issuer.name).replace("\n", " ")


def attached_to(data: DossierData) -> str:
    """ "(Kèm theo Tờ trình số 12/TTr-UBND ngày 28/11/2026 của Ủy ban nhân dân xã Hữu Liên)"; the
    number and the date only when they are known."""
    letter = data.letter
    number = letter_number(data)
    parts = [f"Kèm theo {letter_kind(data)}"]
    if number and not number.startswith("/"):
        parts.append(f"số {number}")
        if letter.dated:
            parts.append(f"ngày {dates.day(letter.date)}")
    parts.append(f"của {issuer_text(data)}")
    return f"({' '.join(parts)})"


def legal_bases(catalogue: CatalogueInfo) -> tuple[str, ...]:
    """The acts the assessment rests on: the standard's decision, then (QĐ 34/2014) the circular
    that set its procedure."""
    return tuple(act for act in (catalogue.legal_basis, catalogue.procedure) if act)


def catalogue_line(catalogue: CatalogueInfo) -> str:
    """The catalogue as an official reads it: the standard, the acts, and whether its digitised
    text has provisional parts (the codes and hashes are on the provenance page)."""
    line = f"Bộ tiêu chí áp dụng: tiêu chuẩn {STANDARD} theo {'; '.join(legal_bases(catalogue))}."
    if catalogue.provisional:
        line += (
            " Một số nội dung của bộ tiêu chí là tạm tính, chưa đối chiếu được với văn bản chính "
            "thức (đánh dấu (*) trong bảng)."
        )
    return line


def catalogue_version(catalogue: CatalogueInfo) -> str:
    """ "QD06-2019, phiên bản 2019.1, có nội dung tạm tính": the catalogue's identifiers, with its
    version in words, for the provenance page."""
    return f"{catalogue.code}, {version_words(catalogue.version)}"
