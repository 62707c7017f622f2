"""The appraisal report (báo cáo thẩm định) of the appraising body for one or several communes of an
evaluation year: per commune the self-assessed and the appraised points side by side per criterion,
the differences highlighted, and the conclusion with the conditions not met; then the proposal to
the recognising authority. Header, number, place and date, recipients and signature as every
document (`layout`).

`render_appraisal(data)` is pure: the same `AppraisalData` gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.layout import (
    TEXT_WIDTH,
    Styles,
    closing_block,
    grid_table,
    header_cell,
    heading,
    para,
    title_block,
)
from assessor_app.reports.layout_header import AdminHeader
from assessor_app.reports.layout_pages import Banner, PageState, PdfInfo, SectionStart, build_pdf
from assessor_app.reports.model import CatalogueInfo, Letter
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.documents import in_sentence, place_date

STANDARD = "xã, phường, thị trấn phù hợp với trẻ em"
DIFFERENCE_FILL = colors.Color(1.0, 0.9, 0.75)


@dataclass(frozen=True)
class ComparedCriterion:
    """One criterion of a commune: its maximum, the commune's own points and the appraised ones.

    Fields:
        code, title: "TC2", its Vietnamese title.
        max_points: its maximum.
        self_points: the points of the commune's self-assessment; None without one.
        appraised_points: the points found by the appraisal.
    """

    code: str
    title: str
    max_points: int
    self_points: int | None
    appraised_points: int

    @property
    def difference(self) -> int | None:
        """Appraised minus self-assessed; None without a self-assessment."""
        return None if self.self_points is None else self.appraised_points - self.self_points


@dataclass(frozen=True)
class AppraisedCommune:
    """One commune of the report.

    Fields:
        code, name: "06400", "Xã Hữu Liên".
        district: its district for years before the 2025 reform; empty after.
        source_note: where the appraised points come from, as printed ("Điểm thẩm định: kết quả
            thẩm định của …" or, without a review, "… kết quả kiểm tra của đoàn liên ngành (chưa
            có kết quả thẩm định)").
        criteria: the criteria side by side.
        self_total: the self-assessed total; None without a self-assessment.
        appraised_total, max_total: the appraised total, the catalogue's maximum.
        threshold: the minimum total of the commune's category; None if none.
        recognized: the appraised result meets the standard.
        reasons: every condition not met, in Vietnamese.
    """

    code: str
    name: str
    district: str
    source_note: str
    criteria: tuple[ComparedCriterion, ...]
    self_total: int | None
    appraised_total: int
    max_total: int
    threshold: int | None
    recognized: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppraisalData:
    """Everything the appraisal report prints.

    Fields:
        letter: the report's frame: the appraising body, number (…/BC-…), place and date,
            addressee (the recognising authority), recipients, signer.
        year: the evaluation year.
        area: the district or province the communes belong to, as a name ("Huyện Hữu Lũng").
        catalogue: the catalogue the points were computed with (its legal basis is cited; its
            provisional parts drive the banner).
        bases: further legal bases of the regime (Thông tư 25/2014 for QĐ 34 years).
        communes: the communes appraised.
        created: the PDF's creation date.
        demo: the demo store's data: DEMO banner and mark on every page.
    """

    letter: Letter
    year: int
    area: str
    catalogue: CatalogueInfo
    communes: tuple[AppraisedCommune, ...]
    created: datetime
    bases: tuple[str, ...] = ()
    demo: bool = False


def _signed(value: int | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "0"
    sign = "+" if value > 0 else "-"
    return sign + numbers.number(abs(value), PAPER)


def _points(value: int | None) -> str:
    return "—" if value is None else numbers.number(value, PAPER)


def _opening(data: AppraisalData) -> list[str]:
    if data.letter.body:
        return list(data.letter.body)
    issuer = nfc(data.letter.issuer.name).replace("\n", " ")
    bases = "; ".join([data.catalogue.legal_basis, *data.bases])
    count = numbers.number(len(data.communes), PAPER)
    return [
        f"Căn cứ {bases};",
        f"Căn cứ hồ sơ đề nghị công nhận đạt tiêu chuẩn {STANDARD} năm {data.year} của "
        f"{count} đơn vị cấp xã trên địa bàn {in_sentence(data.area)};",
        f"{issuer} đã chủ trì, phối hợp với các ngành liên quan kiểm tra, thẩm định kết quả đạt "
        f"được của từng tiêu chí, chỉ tiêu. Kết quả thẩm định như sau:",
    ]


def _table(commune: AppraisedCommune, st: Styles) -> Flowable:
    header = ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định", "Chênh lệch"]
    rows: list[list[Any]] = [[header_cell(label, st) for label in header]]
    extra: list[tuple[Any, ...]] = []
    for index, item in enumerate(commune.criteria, start=1):
        differs = item.difference not in (None, 0)
        diff_style = st.cell_center_bold if differs else st.cell_center
        rows.append(
            [
                para(str(index), st.cell_center),
                para(f"{item.code}. {item.title}", st.cell),
                para(_points(item.max_points), st.cell_center),
                para(_points(item.self_points), st.cell_center),
                para(_points(item.appraised_points), diff_style),
                para(_signed(item.difference), diff_style),
            ]
        )
        if differs:
            extra.append(("BACKGROUND", (3, index), (5, index), DIFFERENCE_FILL))
    total_diff = (
        None if commune.self_total is None else commune.appraised_total - commune.self_total
    )
    rows.append(
        [
            para("", st.cell),
            para("Tổng số điểm", st.cell_bold),
            para(_points(commune.max_total), st.cell_center_bold),
            para(_points(commune.self_total), st.cell_center_bold),
            para(_points(commune.appraised_total), st.cell_center_bold),
            para(_signed(total_diff), st.cell_center_bold),
        ]
    )
    widths = [10 * mm, 0.0, 18 * mm, 20 * mm, 22 * mm, 20 * mm]
    widths[1] = TEXT_WIDTH - sum(widths)
    last = len(rows) - 1  # the total row never starts a page alone: kept with the three before it
    extra.append(("NOSPLIT", (0, max(1, last - 3)), (-1, last)))
    return grid_table(rows, widths, extra=extra)


def _commune(index: int, commune: AppraisedCommune, year: int, st: Styles) -> list[Flowable]:
    title = f"{index}. {commune.name}"
    if commune.district:
        title += f" ({in_sentence(commune.district)})"
    items: list[Flowable] = [
        *heading(title, st),
        para(commune.source_note, st.note),
        _table(commune, st),
    ]
    differing = [c.code for c in commune.criteria if c.difference not in (None, 0)]
    if commune.self_total is None:
        items.append(para("Chưa có kết quả tự đánh giá của xã để đối chiếu.", st.body))
    elif differing:
        items.append(
            para(
                f"Điểm thẩm định khác điểm tự chấm ở {numbers.number(len(differing), PAPER)} tiêu "
                f"chí: {', '.join(differing)} (tô đậm trong bảng).",
                st.body,
            )
        )
    else:
        items.append(
            para("Điểm thẩm định thống nhất với điểm tự chấm ở tất cả các tiêu chí.", st.body)
        )
    minimum = (
        f" (mức tối thiểu: {numbers.points(commune.threshold, PAPER)})"
        if commune.threshold is not None
        else ""
    )
    total = numbers.points_of(commune.appraised_total, commune.max_total, PAPER)
    if commune.recognized:
        items.append(
            para(
                f"Kết luận: {in_sentence(commune.name)} đạt {total}{minimum}, ĐÁP ỨNG các điều kiện công nhận "
                f"đạt tiêu chuẩn {STANDARD} năm {year}.",
                st.verdict,
            )
        )
    else:
        items.append(
            para(
                f"Kết luận: {in_sentence(commune.name)} đạt {total}{minimum}, CHƯA ĐÁP ỨNG các điều kiện công "
                "nhận, do:",
                st.verdict,
            )
        )
        items += [
            para(f"{number}. {reason}", st.body_flush)
            for number, reason in enumerate(commune.reasons, start=1)
        ]
    return items


def _proposal(data: AppraisalData) -> list[str]:
    met = [c for c in data.communes if c.recognized]
    not_met = [c for c in data.communes if not c.recognized]
    lines = []
    if met:
        names = ", ".join(in_sentence(c.name) for c in met)
        lines.append(
            f"Đủ điều kiện công nhận đạt tiêu chuẩn {STANDARD} năm {data.year}: "
            f"{numbers.number(len(met), PAPER)} đơn vị ({names})."
        )
    if not_met:
        names = ", ".join(in_sentence(c.name) for c in not_met)
        lines.append(
            f"{numbers.number(len(not_met), PAPER)} đơn vị chưa đủ điều kiện công nhận: {names}; "
            "đề nghị các đơn vị xây dựng kế hoạch khắc phục các tiêu chí chưa đạt."
        )
    return lines


def _closing_line(data: AppraisalData) -> str:
    addressee = data.letter.addressee or "cấp có thẩm quyền"
    if any(c.recognized for c in data.communes):
        issuer = nfc(data.letter.issuer.name).replace("\n", " ")
        return (
            f"{issuer} kính trình {addressee} xem xét, quyết định công nhận các đơn vị đủ điều "
            "kiện nêu trên./."
        )
    return f"Kính báo cáo {addressee}./."


def render_appraisal(data: AppraisalData) -> bytes:
    """The appraisal report as PDF bytes (A4, Liberation Serif embedded, deterministic)."""
    letter = data.letter
    summary = f"Kết quả thẩm định xã, phường, thị trấn phù hợp với trẻ em năm {data.year}"

    def story(state: PageState, st: Styles) -> list[Flowable]:
        items: list[Flowable] = [
            SectionStart(state, "bao-cao-tham-dinh", "Báo cáo thẩm định"),
            AdminHeader(letter.issuer, letter.number, place_date(letter.place, letter.date)),
            *title_block("Báo cáo thẩm định", summary, letter.addressee, st),
        ]
        items += [para(paragraph, st.body) for paragraph in _opening(data)]
        items += heading("I. KẾT QUẢ THẨM ĐỊNH TỪNG ĐƠN VỊ", st)
        for index, commune in enumerate(data.communes, start=1):
            items += _commune(index, commune, data.year, st)
        items += heading("II. KẾT LUẬN VÀ ĐỀ NGHỊ", st)
        body = [para(line, st.body) for line in _proposal(data)]
        body.append(para(_closing_line(data), st.body))
        items += body[:-1]
        items.append(closing_block(letter.recipients, letter.signature, st, keep_with=body[-1:]))
        return items

    info = PdfInfo(
        title=f"Báo cáo thẩm định năm {data.year} — {data.area}",
        subject=f"Tiêu chuẩn {STANDARD} — {data.catalogue.code}",
        author=nfc(letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(str(data.year), data.catalogue.code, *(c.code for c in data.communes)),
    )
    banner = Banner(provisional_parts=data.catalogue.provisional_parts, demo=data.demo)
    return build_pdf(story, info, banner)
