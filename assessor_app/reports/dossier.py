"""The dossier requesting recognition of one commune (hồ sơ đề nghị công nhận), as one PDF.

Sections, each starting on a new page with its own page numbers:

1. Tờ trình đề nghị công nhận — the commune's request letter (or, when the commune is not
   recognised, its báo cáo of the result).
2. Bảng đánh giá kết quả thực hiện tiêu chuẩn — per criterion and indicator: how it is computed and
   its scale, maximum, figures entered, points; the total, the verdict and every failed condition.
3. Báo cáo thuyết minh — the figures behind each indicator and their sources.
4. Biên bản họp hội đồng đánh giá — the council's minutes.
5. Danh mục minh chứng — the evidence files with their SHA-256.
6. Thông tin nguồn gốc dữ liệu — bundle, signer, key, review status, the catalogue, and a QR code
   holding them (`qr_payload`).

A draft (`data.draft`: the assessment is not finalised) carries "DỰ THẢO" on every page; demo data
(`data.demo`) the DEMO banner and mark.

`render_dossier(data)` is pure: the same `DossierData` (reports/model.py) gives the same bytes. The
sections are written by `dossier_letter` (1), `dossier_table` (2, 3), `dossier_annexes` (4, 6)
and `dossier_evidence` (5).
"""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.dossier_annexes import minutes_section, provenance_section, qr_payload
from assessor_app.reports.dossier_evidence import evidence_section
from assessor_app.reports.dossier_letter import letter_section
from assessor_app.reports.dossier_table import explanations_section, table_section
from assessor_app.reports.dossier_text import STANDARD
from assessor_app.reports.layout import (
    Styles,
)
from assessor_app.reports.layout_pages import (
    Banner,
    PageState,
    PdfInfo,
    build_pdf,
)
from assessor_app.reports.model import DossierData
from assessor_app.texts.documents import in_sentence

__all__ = ["DossierData", "qr_payload", "render_dossier"]


def render_dossier(data: DossierData) -> bytes:
    """The dossier as PDF bytes (A4, Liberation Serif embedded, deterministic)."""

    def story(state: PageState, st: Styles) -> list[Flowable]:
        return [
            *letter_section(data, state, st),
            *table_section(data, state, st),
            *explanations_section(data, state, st),
            *minutes_section(data, state, st),
            *evidence_section(data, state, st),
            *provenance_section(data, state, st),
        ]

    kind = (
        "Hồ sơ đề nghị công nhận" if data.requests_recognition else "Hồ sơ báo cáo kết quả đánh giá"
    )
    info = PdfInfo(
        title=f"{'Dự thảo — ' if data.draft else ''}{kind} {in_sentence(data.commune.name)} "
        f"năm {data.year}",
        subject=f"Tiêu chuẩn {STANDARD}",
        author=nfc(data.letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(data.commune.code, str(data.year), data.catalogue.code, data.assessment_uid),
    )
    banner = Banner(
        provisional_parts=data.catalogue.provisional_parts, demo=data.demo, draft=data.draft
    )
    return build_pdf(story, info, banner)
