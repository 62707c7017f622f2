"""Sections 2 and 3 of the dossier: the assessment table (per criterion and indicator: method and
scale, maximum, figures, points; the total and the verdict) and the explanation of the figures and
their sources (báo cáo thuyết minh)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    PageBreak,
    Spacer,
    Table,
)

from assessor_app.domain.text import nfc
from assessor_app.reports.dossier_text import (
    SECTION_TITLES,
    STANDARD,
    attached_to,
    catalogue_line,
    period_text,
    total_phrase,
    verdict_text,
)
from assessor_app.reports.layout import (
    ROW_FILL,
    Styles,
    closing_block,
    grid_table,
    header_cell,
    markup,
    para,
    text,
    title_block,
)
from assessor_app.reports.layout_header import (
    AdminHeader,
)
from assessor_app.reports.layout_pages import (
    PageState,
    SectionStart,
)
from assessor_app.reports.model import CriterionRow, DossierData, IndicatorLine
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.documents import bound_words, in_sentence, lower_first, place_date


def _scale_markup(line: IndicatorLine) -> str:
    parts = [text(line.method)] if line.method else []
    parts += [text(step.text) + ("*" if step.provisional else "") for step in line.scale]
    return "; ".join(parts)


def _indicator_title(line: IndicatorLine) -> str:
    mark = " (*)" if line.provisional else ""
    return f"{text(line.code)}. {text(line.title)}{mark}"


def _points(points: int | None) -> str:
    return "—" if points is None else numbers.number(points, PAPER)


def _notes_cell(line: IndicatorLine) -> str:
    return "<br/>".join(text(note) for note in line.notes)


# STT, criterion or indicator, maximum, figures, self-assessed points, [appraised points], data
# source, notes. A header's two-syllable words never break ("tự chấm" needs 16 mm in bold).
WIDTHS = (10 * mm, 45 * mm, 13 * mm, 25 * mm, 16 * mm, 29 * mm, 27 * mm)
WIDTHS_APPRAISED = (10 * mm, 40 * mm, 13 * mm, 22 * mm, 16 * mm, 19 * mm, 23 * mm, 22 * mm)
# The total row is kept on one page with this many rows before it (never alone on a page).
KEPT_WITH_TOTAL = 3


class _Rows:
    """The table's rows as they are added, with the shading of the criteria's rows."""

    def __init__(self, data: DossierData, st: Styles) -> None:
        self.st = st
        self.appraised = data.appraised_total is not None
        labels = ["STT", "Tiêu chí, chỉ tiêu", "Điểm tối đa", "Số liệu", "Điểm tự chấm"]
        labels += ["Điểm thẩm định"] if self.appraised else []
        labels += ["Nguồn số liệu", "Ghi chú"]
        self.rows: list[list[Any]] = [[header_cell(label, st) for label in labels]]
        self.extra: list[tuple[Any, ...]] = []

    def add(
        self,
        number: str,
        title: str,
        maximum: int,
        figures: str,
        points: tuple[int | None, int | None],
        remarks: tuple[str, str] = ("", ""),
        bold: bool = False,
    ) -> None:
        st = self.st
        center = st.cell_center_bold if bold else st.cell_center
        own, appraised = points
        row = [
            para(number, center),
            markup(title, st.cell),
            para(numbers.number(maximum, PAPER), center),
            para(bound_words(figures), st.cell),
            para(_points(own), center),
        ]
        if self.appraised:
            row.append(para(_points(appraised), center))
        source, notes = remarks
        row += [markup(source, st.cell), markup(notes, st.cell)]
        self.rows.append(row)

    def shade_last(self) -> None:
        index = len(self.rows) - 1
        self.extra.append(("BACKGROUND", (0, index), (-1, index), ROW_FILL))


def _criterion_rows(table: _Rows, number: int, criterion: CriterionRow) -> None:
    mark = " (*)" if criterion.provisional else ""
    title = f"<b>{text(criterion.code)}. {text(criterion.title)}{mark}</b>"
    if len(criterion.indicators) == 1:
        line = criterion.indicators[0]
        if nfc(line.title) != nfc(criterion.title):
            title += f"<br/>{_indicator_title(line)}"
        title += f"<br/><i>{_scale_markup(line)}</i>"
        points = (line.points, line.appraised)
        remarks = (text(line.source), _notes_cell(line))
        table.add(str(number), title, line.max_points, line.figures, points, remarks)
        return
    first, last = criterion.indicators[0].code, criterion.indicators[-1].code
    title += f"<br/><i>Tổng điểm các chỉ tiêu {text(first)} – {text(last)}</i>"
    points = (criterion.points, criterion.appraised)
    table.add(str(number), title, criterion.max_points, "", points, bold=True)
    table.shade_last()
    for index, line in enumerate(criterion.indicators, start=1):
        cell = f"{_indicator_title(line)}<br/><i>{_scale_markup(line)}</i>"
        points = (line.points, line.appraised)
        remarks = (text(line.source), _notes_cell(line))
        table.add(f"{number}.{index}", cell, line.max_points, line.figures, points, remarks)


def _assessment_table(data: DossierData, st: Styles) -> Table:
    """The table of criteria with its total row and the note on provisional marks, which stay on
    one page with the rows before them; the header row is repeated on every page."""
    table = _Rows(data, st)
    for number, criterion in enumerate(data.criteria, start=1):
        _criterion_rows(table, number, criterion)
    total = (data.total, data.appraised_total)
    table.add("", "", data.max_total, "", total, bold=True)
    table.rows[-1][0] = para("TỔNG CỘNG", st.cell_center_bold)  # over STT and the title
    last = len(table.rows) - 1
    table.shade_last()
    table.extra.append(("SPAN", (0, last), (1, last)))
    legend = _legend(data, st)
    if legend:  # the note on the marks, right under the table's last row, across it
        table.rows.append([legend] + [""] * (len(table.rows[0]) - 1))
        table.extra.append(("SPAN", (0, last + 1), (-1, last + 1)))
    table.extra.append(("NOSPLIT", (0, max(1, last - KEPT_WITH_TOTAL)), (-1, -1)))
    widths = WIDTHS_APPRAISED if table.appraised else WIDTHS
    return grid_table(table.rows, widths, extra=table.extra)


def _verdict(data: DossierData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [
        markup(
            f"Kết quả: {text(in_sentence(data.commune.name))} {text(total_phrase(data))}.",
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
        parts.append(f"loại đơn vị: {lower_first(data.commune.category)}")
    parts.append(f"kỳ đánh giá: {period_text(data)}")
    if data.assessment_kind:
        parts.append(f"hình thức: {lower_first(data.assessment_kind)}")
    return "; ".join(parts) + "."


def table_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    table = _assessment_table(data, st)
    items: list[Flowable] = [
        PageBreak(),
        SectionStart(state, "bang-danh-gia", SECTION_TITLES[1]),
        AdminHeader(letter.issuer, None, place_date(letter.place, letter.date, letter.dated)),
        *title_block(
            "Bảng đánh giá kết quả thực hiện tiêu chuẩn",
            f"{STANDARD[0].upper()}{STANDARD[1:]} năm {data.year} của {in_sentence(data.commune.name)}",
            "",
            st,
        ),
        para(attached_to(data), st.sign_italic),
        Spacer(1, 6),
        para(_unit_line(data), st.body_flush),
        para(catalogue_line(data.catalogue), st.body_flush),
        Spacer(1, 4),
        table,
        closing_block(
            (),
            letter.signature,
            st,
            keep_with=[Spacer(1, 6), *_verdict(data, st)],
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
            header_cell(label, st)
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


def explanations_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
    letter = data.letter
    commune = in_sentence(data.commune.name)
    main, tail = _explanations_table(data, st)
    return [
        PageBreak(),
        SectionStart(state, "thuyet-minh", SECTION_TITLES[2]),
        AdminHeader(letter.issuer, None, place_date(letter.place, letter.date, letter.dated)),
        *title_block(
            "Báo cáo thuyết minh",
            f"Kết quả và nguồn số liệu đánh giá tiêu chuẩn {STANDARD} năm {data.year} của {commune}",
            "",
            st,
        ),
        para(attached_to(data), st.sign_italic),
        Spacer(1, 6),
        para(
            "Báo cáo này thuyết minh số liệu của từng chỉ tiêu trong Bảng đánh giá: tử số, mẫu "
            "số, kết quả tính, nguồn số liệu, và giải trình đối với các chỉ tiêu do Hội đồng "
            f"đánh giá chấm điểm (kỳ đánh giá {period_text(data)}).",
            st.body,
        ),
        *([main] if main is not None else []),
        closing_block((), letter.signature, st, keep_with=[tail]),
    ]
