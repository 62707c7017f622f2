"""The dossier's recurring phrases, shared by its sections (all Vietnamese: a printed document)."""

from __future__ import annotations

from assessor_app.domain.text import nfc
from assessor_app.reports.model import CatalogueInfo, DossierData
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, numbers

STANDARD = "xã, phường, thị trấn phù hợp với trẻ em"

SECTION_TITLES = (
    "Tờ trình đề nghị công nhận",
    "Bảng đánh giá kết quả thực hiện tiêu chuẩn",
    "Báo cáo thuyết minh kết quả và nguồn số liệu",
    "Biên bản họp hội đồng đánh giá",
    "Danh mục minh chứng",
    "Thông tin nguồn gốc dữ liệu",
)


def verdict_text(data: DossierData) -> str:
    if data.recognized:
        return f"{data.commune.name} ĐẠT tiêu chuẩn {STANDARD} năm {data.year}."
    return (
        f"{data.commune.name} CHƯA ĐẠT tiêu chuẩn {STANDARD} năm {data.year}, do chưa đáp ứng "
        "các điều kiện sau:"
    )


def total_phrase(data: DossierData) -> str:
    phrase = f"đạt tổng số {numbers.points_of(data.total, data.max_total, PAPER)}"
    if data.threshold is not None:
        category = (
            f" đối với loại đơn vị “{data.commune.category}”" if data.commune.category else ""
        )
        phrase += f" (mức tối thiểu{category}: {numbers.points(data.threshold, PAPER)})"
    return phrase


def period_text(data: DossierData) -> str:
    return f"từ {dates.day(data.period_start)} đến {dates.day(data.period_end)}"


def attached_to(data: DossierData) -> str:
    number = data.letter.number.strip()
    if not number or number.startswith("/"):
        return f"(Kèm theo Tờ trình của {nfc(data.letter.issuer.name).replace(chr(10), ' ')})"
    return f"(Kèm theo Tờ trình số {number} ngày {dates.day(data.letter.date)})"


def catalogue_line(catalogue: CatalogueInfo) -> str:
    return (
        f"Bộ tiêu chí: {catalogue.code}, phiên bản {catalogue.version} — {catalogue.title}; "
        f"căn cứ {catalogue.legal_basis}."
    )
