"""The dossier requesting recognition of one commune (hồ sơ đề nghị công nhận), as one PDF.

Sections, each starting on a new page with its own page numbers:

1. Tờ trình đề nghị công nhận — the commune's request letter (or, when the commune is not
   recognised, its report of the result).
2. Bảng đánh giá kết quả thực hiện tiêu chuẩn — per criterion and indicator: how it is computed and
   its scale, maximum, figures entered, points; the total, the verdict and every failed condition.
3. Báo cáo thuyết minh — the figures behind each indicator and their sources.
4. Biên bản họp hội đồng đánh giá — the council's minutes.
5. Danh mục minh chứng — the evidence files with their SHA-256.
6. Thông tin nguồn gốc dữ liệu — bundle, signer, key, review status, the catalogue, and a QR code
   holding them (`qr_payload`).

`render_dossier(data)` is pure: the same `DossierData` gives the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
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
from assessor_app.reports.layout import (
    ROW_FILL,
    TEXT_WIDTH,
    AdminHeader,
    Banner,
    PageState,
    PdfInfo,
    SectionStart,
    Styles,
    build_pdf,
    closing_block,
    grid_table,
    heading,
    markup,
    para,
    text,
    title_block,
    two_signatures,
)
from assessor_app.reports.model import CatalogueInfo, IssuingBody, Letter, Signature
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER
from assessor_app.texts import dates, labels, numbers
from assessor_app.texts.documents import in_sentence, place_date

STANDARD = "xã, phường, thị trấn phù hợp với trẻ em"


@dataclass(frozen=True)
class Commune:
    """The assessed unit.

    Fields:
        code: the statistics office's 5-digit code, as text with its leading zero ("06400").
        name: the full name with its type, as the unit list writes it ("Xã Hữu Liên").
        unit_type: "Xã", "Phường" or "Thị trấn".
        province: "Tỉnh Lạng Sơn".
        district: "Huyện Hữu Lũng" for assessments before 1 July 2025; empty after (no districts).
        category: the unit's category for the recognition thresholds, in words (e.g. "Xã, thị trấn
            thuộc miền núi, hải đảo; xã đặc biệt khó khăn"); empty if not known.
    """

    code: str
    name: str
    unit_type: str
    province: str
    district: str = ""
    category: str = ""

    @property
    def place(self) -> str:
        """ "Xã Hữu Liên, Huyện Hữu Lũng, Tỉnh Lạng Sơn" (the district only when there is one)."""
        return ", ".join(part for part in (self.name, self.district, self.province) if part)


@dataclass(frozen=True)
class ScaleStep:
    """One step of an indicator's scale, e.g. "≥ 98 %: 75 điểm".

    Fields:
        text: the step as printed.
        provisional: the step's value is provisional (marked "*" in the table).
    """

    text: str
    provisional: bool = False


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator (chỉ tiêu) in the assessment table.

    Fields:
        code: "TC2.1".
        title: its Vietnamese title.
        method: how it is computed, e.g. "Tỷ lệ (%) = tử số / mẫu số × 100".
        scale: its scale, step by step (`describe.scale_steps` writes them from the rule).
        max_points: the most it can earn.
        figures: the figures entered, as printed: "49/50 = 98,0 %", "Có", "0 trường hợp",
            "60 điểm — giải trình: …"; "Chưa có số liệu" when none.
        points: the points earned; None when the indicator was not assessed.
        provisional: the indicator itself (its wording or method) is provisional.
    """

    code: str
    title: str
    method: str
    scale: tuple[ScaleStep, ...]
    max_points: int
    figures: str
    points: int | None
    provisional: bool = False


@dataclass(frozen=True)
class CriterionRow:
    """One criterion (tiêu chí) of the assessment table with its indicators.

    Fields:
        code: "TC2".
        title: its Vietnamese title.
        max_points: its maximum.
        points: the points earned (the sum of its indicators').
        indicators: its indicators in catalogue order.
        provisional: some part of the criterion is provisional.
    """

    code: str
    title: str
    max_points: int
    points: int
    indicators: tuple[IndicatorLine, ...]
    provisional: bool = False


@dataclass(frozen=True)
class Explanation:
    """The explanation of one indicator's figures and their source (báo cáo thuyết minh).

    Fields:
        code: the indicator's code ("TC2.1").
        title: its title.
        figures: the result as printed in the table ("49/50 = 98,0 %").
        numerator_label: what the numerator counts (tử số), empty for other kinds of indicator.
        numerator: the numerator entered, None if none.
        denominator_label: what the denominator counts (mẫu số).
        denominator: the denominator entered, None if none.
        source: where the figures come from ("Sổ đăng ký khai sinh của UBND xã, năm 2025–2026").
        comments: the team's comments and justifications, one paragraph each.
    """

    code: str
    title: str
    figures: str
    numerator_label: str = ""
    numerator: int | None = None
    denominator_label: str = ""
    denominator: int | None = None
    source: str = ""
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class CouncilMember:
    """A member of the assessment council.

    Fields:
        name: họ và tên.
        position: chức vụ, e.g. "Phó Chủ tịch UBND xã", "Trạm trưởng Trạm Y tế xã".
        role: nhiệm vụ trong hội đồng: "Chủ tịch Hội đồng", "Thường trực", "Thư ký", "Thành viên".
        present: attended the meeting (absent members are listed as "vắng mặt").
    """

    name: str
    position: str
    role: str
    present: bool = True


@dataclass(frozen=True)
class CouncilMinutes:
    """The minutes of the assessment council's meeting (biên bản họp hội đồng đánh giá).

    Fields:
        held_at: date and time the meeting opened.
        place: where it was held ("Hội trường UBND xã Hữu Liên").
        members: the council's members.
        chair: who signs as chair ("Chủ tịch Hội đồng" and name).
        secretary: who signs as secretary ("Thư ký" and name).
        content: what was discussed, one paragraph each.
        conclusion: the council's conclusion.
        votes: the vote, e.g. "7/7 thành viên có mặt nhất trí (100 %)"; empty if none recorded.
        ended_at: when the meeting closed; None if not recorded.
        number: the minutes' number and symbol ("05/BB-HĐĐG"); empty for none.
    """

    held_at: datetime
    place: str
    members: tuple[CouncilMember, ...]
    chair: Signature
    secretary: Signature
    content: tuple[str, ...] = ()
    conclusion: str = ""
    votes: str = ""
    ended_at: datetime | None = None
    number: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence file.

    Fields:
        file_name: the file's name ("so-khai-sinh-2026.pdf").
        caption: what it shows.
        sha256: SHA-256 of its content, 64 hex digits.
        indicator: the indicator it supports ("TC2.1"), empty for the whole assessment.
    """

    file_name: str
    caption: str
    sha256: str
    indicator: str = ""


@dataclass(frozen=True)
class Provenance:
    """Where the assessment's data came from. Empty text means "not applicable / unknown"
    (e.g. an assessment entered on this machine has no bundle).

    Fields:
        bundle_id: the signed bundle's identifier.
        manifest_hash: SHA-256 of the bundle's manifest (what the signature covers).
        signer_name: the person who signed the bundle.
        signer_agency: their agency.
        key_fingerprint: the fingerprint of the signing key as the app shows it.
        review_status: the review status in words ("Đã thẩm định", "Chờ thẩm định", …).
        imported: when the bundle was imported; None if not imported.
    """

    bundle_id: str = ""
    manifest_hash: str = ""
    signer_name: str = ""
    signer_agency: str = ""
    key_fingerprint: str = ""
    review_status: str = ""
    imported: date | None = None


@dataclass(frozen=True)
class DossierData:
    """Everything the dossier prints.

    Fields:
        commune: the assessed unit.
        year: the evaluation year.
        period_start, period_end: the evaluation period (1/11 of the previous year to 31/10 under
            QĐ 34; two years under QĐ 06).
        catalogue: the catalogue the points were computed with (its provisional parts drive the
            banner).
        letter: the request letter's frame (issuer, number, place, date, addressee, recipients,
            signer); the other sections reuse its issuer, place and signer.
        criteria: the assessment table, one row per criterion.
        total: the total points.
        max_total: the catalogue's maximum (1,000).
        threshold: the minimum total for the commune's category; None if the catalogue has none.
        recognized: the verdict.
        reasons: every failed recognition condition, already rendered in Vietnamese
            (`describe.reason_text`); empty when recognised.
        explanations: the explanations of figures and sources, one per indicator.
        minutes: the council's minutes; None prints a note that there are none.
        evidence: the evidence index.
        provenance: where the data came from.
        assessment_uid: the assessment's stable identifier (in the QR code).
        created: when the dossier was made; the PDF's creation date (so the same data gives the
            same bytes).
        assessment_kind: "Tự đánh giá của xã", "Kiểm tra của đoàn liên ngành", "Thẩm định".
        demo: the data is the demo store's: a DEMO banner and watermark on every page.
    """

    commune: Commune
    year: int
    period_start: date
    period_end: date
    catalogue: CatalogueInfo
    letter: Letter
    criteria: tuple[CriterionRow, ...]
    total: int
    max_total: int
    threshold: int | None
    recognized: bool
    reasons: tuple[str, ...]
    explanations: tuple[Explanation, ...]
    minutes: CouncilMinutes | None
    evidence: tuple[EvidenceItem, ...]
    provenance: Provenance
    assessment_uid: str
    created: datetime
    assessment_kind: str = ""
    demo: bool = False


SECTION_TITLES = (
    "Tờ trình đề nghị công nhận",
    "Bảng đánh giá kết quả thực hiện tiêu chuẩn",
    "Báo cáo thuyết minh kết quả và nguồn số liệu",
    "Biên bản họp hội đồng đánh giá",
    "Danh mục minh chứng",
    "Thông tin nguồn gốc dữ liệu",
)


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


def verdict_text(data: DossierData) -> str:
    if data.recognized:
        return f"{data.commune.name} ĐẠT tiêu chuẩn {STANDARD} năm {data.year}."
    return (
        f"{data.commune.name} CHƯA ĐẠT tiêu chuẩn {STANDARD} năm {data.year}, do chưa đáp ứng "
        "các điều kiện sau:"
    )


def _total_phrase(data: DossierData) -> str:
    phrase = f"đạt tổng số {numbers.points_of(data.total, data.max_total, PAPER)}"
    if data.threshold is not None:
        category = (
            f" đối với loại đơn vị “{data.commune.category}”" if data.commune.category else ""
        )
        phrase += f" (mức tối thiểu{category}: {numbers.points(data.threshold, PAPER)})"
    return phrase


def _period(data: DossierData) -> str:
    return f"từ {dates.day(data.period_start)} đến {dates.day(data.period_end)}"


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
        f"(kỳ đánh giá {_period(data)}) theo {len(data.criteria)} tiêu chí của bộ tiêu chí "
        f"{data.catalogue.code} (phiên bản {data.catalogue.version}). Kết quả: {commune} "
        f"{_total_phrase(data)}."
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


def _letter(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
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


def _attached_to(data: DossierData) -> str:
    number = data.letter.number.strip()
    if not number or number.startswith("/"):
        return f"(Kèm theo Tờ trình của {nfc(data.letter.issuer.name).replace(chr(10), ' ')})"
    return f"(Kèm theo Tờ trình số {number} ngày {dates.day(data.letter.date)})"


def _scale_markup(line: IndicatorLine) -> str:
    parts = [text(line.method)] if line.method else []
    parts += [text(step.text) + ("*" if step.provisional else "") for step in line.scale]
    return "; ".join(parts)


def _indicator_title(line: IndicatorLine) -> str:
    mark = " (*)" if line.provisional else ""
    return f"{text(line.code)}. {text(line.title)}{mark}"


def _points(points: int | None) -> str:
    return "—" if points is None else numbers.number(points, PAPER)


TABLE_WIDTHS = (44 * mm, 60 * mm, 15 * mm, 31 * mm, 15 * mm)


def _assessment_table(data: DossierData, st: Styles) -> tuple[Table, Table]:
    """The table of criteria, and its total row apart (kept on one page with the verdict)."""
    header = [
        para(label, st.cell_center_bold)
        for label in ("Tiêu chí", "Cách tính và thang điểm", "Điểm tối đa", "Số liệu", "Điểm đạt")
    ]
    rows: list[list[Any]] = [header]
    extra: list[tuple[Any, ...]] = []
    for criterion in data.criteria:
        mark = " (*)" if criterion.provisional else ""
        title = f"<b>{text(criterion.code)}. {text(criterion.title)}{mark}</b>"
        if len(criterion.indicators) == 1:
            line = criterion.indicators[0]
            cell = title
            if nfc(line.title) != nfc(criterion.title):
                cell += f"<br/>{_indicator_title(line)}"
            rows.append(
                [
                    markup(cell, st.cell),
                    markup(_scale_markup(line), st.cell),
                    para(numbers.number(line.max_points, PAPER), st.cell_center),
                    para(line.figures, st.cell),
                    para(_points(line.points), st.cell_center_bold),
                ]
            )
            continue
        first, last = criterion.indicators[0].code, criterion.indicators[-1].code
        rows.append(
            [
                markup(title, st.cell),
                markup(f"<i>Tổng điểm các chỉ tiêu {text(first)} – {text(last)}</i>", st.cell),
                para(numbers.number(criterion.max_points, PAPER), st.cell_center_bold),
                para("", st.cell),
                para(numbers.number(criterion.points, PAPER), st.cell_center_bold),
            ]
        )
        extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), ROW_FILL))
        for line in criterion.indicators:
            rows.append(
                [
                    markup(_indicator_title(line), st.cell),
                    markup(_scale_markup(line), st.cell),
                    para(numbers.number(line.max_points, PAPER), st.cell_center),
                    para(line.figures, st.cell),
                    para(_points(line.points), st.cell_center),
                ]
            )
    total = [
        para("TỔNG CỘNG", st.cell_center_bold),
        "",
        para(numbers.number(data.max_total, PAPER), st.cell_center_bold),
        para("", st.cell),
        para(numbers.number(data.total, PAPER), st.cell_center_bold),
    ]
    tail = grid_table(
        [total],
        TABLE_WIDTHS,
        header_rows=0,
        extra=[("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), ROW_FILL)],
    )
    return grid_table(rows, TABLE_WIDTHS, extra=extra), tail


def _verdict(data: DossierData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [
        markup(
            f"Kết quả: {text(data.commune.name)} {text(_total_phrase(data))}.",
            st.body_flush,
        ),
        para(verdict_text(data), st.verdict),
    ]
    for index, reason in enumerate(data.reasons, start=1):
        items.append(para(f"{index}. {reason}", st.body_flush))
    return items


def _legend(data: DossierData, st: Styles) -> list[Flowable]:
    marked = any(c.provisional for c in data.criteria) or any(
        line.provisional or any(step.provisional for step in line.scale)
        for c in data.criteria
        for line in c.indicators
    )
    if not marked:
        return []
    return [
        para(
            "Ghi chú: (*) tiêu chí, chỉ tiêu có nội dung tạm tính; * sau một mức điểm: mức điểm "
            "tạm tính, chưa đối chiếu được với văn bản chính thức. Kết quả chỉ có giá trị chính "
            "thức khi các giá trị tạm tính được thay bằng giá trị trong văn bản chính thức.",
            st.note,
        )
    ]


def _unit_line(data: DossierData) -> str:
    parts = [f"Đơn vị: {data.commune.place} (mã {data.commune.code})"]
    if data.commune.category:
        parts.append(f"loại đơn vị: {data.commune.category}")
    parts.append(f"kỳ đánh giá: {_period(data)}")
    if data.assessment_kind:
        parts.append(f"hình thức: {data.assessment_kind}")
    return "; ".join(parts) + "."


def _catalogue_line(catalogue: CatalogueInfo) -> str:
    return (
        f"Bộ tiêu chí: {catalogue.code}, phiên bản {catalogue.version} — {catalogue.title}; "
        f"căn cứ {catalogue.legal_basis}."
    )


def _table_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    table, total = _assessment_table(data, st)
    items: list[Flowable] = [
        PageBreak(),
        SectionStart(state, "bang-danh-gia", SECTION_TITLES[1]),
        AdminHeader(letter.issuer, None, place_date(letter.place, letter.date)),
        *title_block(
            "Bảng đánh giá kết quả thực hiện tiêu chuẩn",
            f"{STANDARD[0].upper()}{STANDARD[1:]} năm {data.year} của {in_sentence(data.commune.name)}",
            "",
            st,
        ),
        para(_attached_to(data), st.sign_italic),
        Spacer(1, 6),
        para(_unit_line(data), st.body_flush),
        para(_catalogue_line(data.catalogue), st.body_flush),
        Spacer(1, 4),
        table,
        closing_block(
            (),
            letter.signature,
            st,
            keep_with=[total, *_legend(data, st), Spacer(1, 6), *_verdict(data, st)],
        ),
    ]
    return items


EXPLANATION_WIDTHS = (50 * mm, 62 * mm, 53 * mm)


def _explanations_table(data: DossierData, st: Styles) -> tuple[Flowable | None, Flowable]:
    """The table without its last row, and the last row apart (kept with the signature)."""
    if not data.explanations:
        return None, para("Không có thuyết minh bổ sung.", st.body_flush)
    rows: list[list[Any]] = [
        [
            para(label, st.cell_center_bold)
            for label in ("Chỉ tiêu", "Số liệu và cách tính", "Nguồn số liệu, giải trình")
        ]
    ]
    for item in data.explanations:
        figures: list[str] = []
        if item.numerator_label or item.numerator is not None:
            value = "—" if item.numerator is None else numbers.number(item.numerator, PAPER)
            figures.append(f"<i>Tử số</i> — {text(item.numerator_label)}: <b>{value}</b>")
        if item.denominator_label or item.denominator is not None:
            value = "—" if item.denominator is None else numbers.number(item.denominator, PAPER)
            figures.append(f"<i>Mẫu số</i> — {text(item.denominator_label)}: <b>{value}</b>")
        figures.append(f"<i>Kết quả</i>: {text(item.figures)}")
        notes: list[str] = []
        if item.source:
            notes.append(f"<i>Nguồn</i>: {text(item.source)}")
        notes += [text(comment) for comment in item.comments]
        rows.append(
            [
                markup(f"<b>{text(item.code)}</b>. {text(item.title)}", st.cell),
                markup("<br/>".join(figures), st.cell),
                markup("<br/>".join(notes) or "—", st.cell),
            ]
        )
    main = grid_table(rows[:-1], EXPLANATION_WIDTHS) if len(rows) > 2 else None
    last = rows[-1:] if main is not None else rows
    tail = grid_table(last, EXPLANATION_WIDTHS, header_rows=0 if main is not None else 1)
    return main, tail


def _explanations_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    commune = in_sentence(data.commune.name)
    main, tail = _explanations_table(data, st)
    return [
        PageBreak(),
        SectionStart(state, "thuyet-minh", SECTION_TITLES[2]),
        AdminHeader(letter.issuer, None, place_date(letter.place, letter.date)),
        *title_block(
            "Báo cáo thuyết minh",
            f"Kết quả và nguồn số liệu đánh giá tiêu chuẩn {STANDARD} năm {data.year} của {commune}",
            "",
            st,
        ),
        para(_attached_to(data), st.sign_italic),
        Spacer(1, 6),
        para(
            f"Báo cáo này thuyết minh số liệu của từng chỉ tiêu trong Bảng đánh giá: tử số, mẫu "
            f"số, kết quả tính, nguồn số liệu và giải trình của đoàn đánh giá (kỳ đánh giá "
            f"{_period(data)}).",
            st.body,
        ),
        *([main] if main is not None else []),
        closing_block((), letter.signature, st, keep_with=[tail]),
    ]


def _member_rows(minutes: CouncilMinutes, st: Styles) -> Table:
    rows: list[list[Any]] = [
        [
            para(label, st.cell_center_bold)
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


def _minutes_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    minutes = data.minutes
    commune = in_sentence(data.commune.name)
    issuer = IssuingBody(name="Hội đồng đánh giá", parent=letter.issuer.name)
    items: list[Flowable] = [PageBreak(), SectionStart(state, "bien-ban", SECTION_TITLES[3])]
    if minutes is None:
        items += [
            AdminHeader(issuer, None, None),
            *title_block("Biên bản", f"Họp Hội đồng đánh giá {STANDARD} năm {data.year}", "", st),
            para("Dữ liệu của hồ sơ chưa có biên bản họp hội đồng đánh giá.", st.body),
        ]
        return items
    held = minutes.held_at
    present = sum(1 for m in minutes.members if m.present)
    items += [
        AdminHeader(
            issuer, minutes.number or None, place_date(letter.place, minutes.held_at.date())
        ),
        *title_block("Biên bản", f"Họp Hội đồng đánh giá {STANDARD} năm {data.year}", "", st),
        para(
            f"Vào hồi {dates.document_time(held)}, {dates.document_date(held.date())}, tại "
            f"{minutes.place}, Hội đồng đánh giá {STANDARD} của {commune} họp để đánh giá kết "
            f"quả thực hiện tiêu chuẩn {STANDARD} năm {data.year} (kỳ đánh giá {_period(data)}).",
            st.body,
        ),
        *heading("I. THÀNH PHẦN", st),
        para(
            f"Có mặt {present}/{len(minutes.members)} thành viên Hội đồng:",
            st.body_flush,
        ),
        _member_rows(minutes, st),
        *heading("II. NỘI DUNG", st),
    ]
    items += [para(paragraph, st.body) for paragraph in minutes.content]
    items.append(
        para(
            f"Kết quả đánh giá: {commune} {_total_phrase(data)}. {verdict_text(data)}",
            st.body,
        )
    )
    items += [para(f"- {reason}", st.body_flush) for reason in data.reasons]
    items += heading("III. KẾT LUẬN", st)
    if minutes.conclusion:
        items.append(para(minutes.conclusion, st.body))
    if minutes.votes:
        items.append(para(f"Biểu quyết: {minutes.votes}.", st.body))
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


def _hash_cell(sha256: str) -> str:
    value = nfc(sha256).strip().lower()
    return text(value[:32]) + "<br/>" + text(value[32:]) if len(value) > 32 else text(value)


def _evidence_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [
        PageBreak(),
        SectionStart(state, "minh-chung", SECTION_TITLES[4]),
        *title_block(
            "Danh mục minh chứng",
            f"Kèm theo hồ sơ của {in_sentence(data.commune.name)} năm {data.year}",
            "",
            st,
        ),
    ]
    if not data.evidence:
        items.append(para("Hồ sơ không có tệp minh chứng.", st.body))
        return items
    rows: list[list[Any]] = [
        [
            para(label, st.cell_center_bold)
            for label in ("STT", "Tệp minh chứng", "Chỉ tiêu", "Nội dung", "Mã SHA-256")
        ]
    ]
    for index, item in enumerate(data.evidence, start=1):
        rows.append(
            [
                para(str(index), st.cell_center),
                para(item.file_name, st.cell_small),
                para(item.indicator or "Chung", st.cell_center),
                para(item.caption, st.cell),
                markup(_hash_cell(item.sha256), st.cell_hash),
            ]
        )
    items.append(grid_table(rows, [11 * mm, 44 * mm, 16 * mm, 47 * mm, 47 * mm]))
    items.append(
        para(
            "Mã SHA-256 là “dấu vân tay” của nội dung tệp: tệp bị sửa dù chỉ một ký tự sẽ có mã "
            "khác, nên có thể dùng mã này để đối chiếu tệp minh chứng lưu trữ với hồ sơ.",
            st.note,
        )
    )
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


def _provenance_rows(data: DossierData, st: Styles) -> Table:
    p = data.provenance
    imported = dates.day(p.imported) if p.imported else ""
    entries = [
        ("Mã đánh giá", data.assessment_uid),
        ("Đơn vị", f"{data.commune.place} (mã {data.commune.code})"),
        ("Năm đánh giá", f"{data.year} (kỳ {_period(data)})"),
        ("Tổng điểm", numbers.points_of(data.total, data.max_total, PAPER)),
        ("Kết quả", labels.verdict(data.recognized, PAPER)),
        ("Gói dữ liệu", p.bundle_id or "Không có (dữ liệu nhập trên máy này)"),
        ("Mã băm manifest (SHA-256)", p.manifest_hash),
        ("Người ký gói dữ liệu", p.signer_name),
        ("Cơ quan của người ký", p.signer_agency),
        ("Dấu vân tay khóa ký", p.key_fingerprint),
        ("Trạng thái thẩm định", p.review_status),
        ("Ngày nhập dữ liệu", imported),
        ("Ngày lập hồ sơ", dates.day(data.created.date())),
    ]
    small = {"Mã băm manifest (SHA-256)", "Dấu vân tay khóa ký"}
    rows = [
        [
            para(label, st.cell_bold),
            para(value or "—", st.cell_small if label in small else st.cell),
        ]
        for label, value in entries
    ]
    return grid_table(rows, [50 * mm, TEXT_WIDTH - 50 * mm], header_rows=0)


def _provenance_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    catalogue = data.catalogue
    payload = qr_payload(data)
    parts = ", ".join(catalogue.provisional_parts) if catalogue.provisional_parts else "không có"
    qr_note = para(
        "Mã QR chứa bản tóm tắt dạng JSON (gói dữ liệu, mã băm manifest, người ký, dấu vân tay "
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
            "Thông tin nguồn gốc dữ liệu", f"Hồ sơ của {data.commune.name} năm {data.year}", "", st
        ),
        _provenance_rows(data, st),
        Spacer(1, 8),
        KeepTogether([qr_table]),
        *heading("Bộ tiêu chí", st),
        para(_catalogue_line(catalogue), st.body_flush),
        para(f"Mã băm nội dung bộ tiêu chí (SHA-256): {catalogue.content_hash or '—'}.", st.plain),
        para(f"Các phần tạm tính: {parts}.", st.plain),
    ]


def render_dossier(data: DossierData) -> bytes:
    """The dossier as PDF bytes (A4, Liberation Serif embedded, deterministic)."""

    def story(state: PageState, st: Styles) -> list[Flowable]:
        return [
            *_letter(data, state, st),
            *_table_section(data, state, st),
            *_explanations_section(data, state, st),
            *_minutes_section(data, state, st),
            *_evidence_section(data, state, st),
            *_provenance_section(data, state, st),
        ]

    info = PdfInfo(
        title=f"Hồ sơ đề nghị công nhận {in_sentence(data.commune.name)} năm {data.year}",
        subject=f"Tiêu chuẩn {STANDARD} — {data.catalogue.code}",
        author=nfc(data.letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(data.commune.code, str(data.year), data.catalogue.code, data.assessment_uid),
    )
    banner = Banner(provisional_parts=data.catalogue.provisional_parts, demo=data.demo)
    return build_pdf(story, info, banner)
