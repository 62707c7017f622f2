"""The summary's long tables (every commune, the communes left out) with plain text cells.

A province has up to 226 communes: as one Paragraph per cell, those tables were most of the time the
summary took to draw (each cell parsed as markup, and every remaining row wrapped again at each page
break, when reportlab splits the table). Their cells are short data without markup, so here each is
broken into lines once, greedily by the width of its words in its own font (what a Paragraph does
for plain words), and drawn as plain text lines: the same words, font, size and leading, at a
fraction of the cost. Header cells stay Paragraphs (a handful, in bold, centred).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.platypus import Table  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.reports.layout import TEXT_WIDTH, Styles, grid_table, header_cell
from assessor_app.reports.summary_model import Exclusion
from assessor_app.texts.documents import DISTRICT_COLUMN

SIZE = 10.5  # the cells' size and leading, as layout's cell styles
LEADING = 13
PADDING = 6  # grid_table's left and right padding


@dataclass(frozen=True)
class Column:
    label: str
    width: float
    centred: bool = False


@dataclass(frozen=True)
class Cell:
    value: str
    bold: bool = False


def lines(value: str, width: float, bold: bool = False) -> str:
    """`value` broken into lines that fit `width` (the cell's inner width), joined by newlines."""
    font = fonts.BOLD if bold else fonts.REGULAR
    text = " ".join(nfc(value).split())
    return "\n".join(simpleSplit(text, font, SIZE, width - PADDING)) if text else ""


def text_table(
    columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]], st: Styles
) -> Table:
    """A ruled table: a header of Paragraphs, then rows of plain text cells."""
    header: list[Any] = [header_cell(c.label, st) for c in columns]
    body: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 1), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 1), (-1, -1), SIZE),
        ("LEADING", (0, 1), (-1, -1), LEADING),
    ]
    extra += [
        ("ALIGN", (index, 1), (index, -1), "CENTER")
        for index, column in enumerate(columns)
        if column.centred
    ]
    for row_index, row in enumerate(rows, start=1):
        cells = [cell if isinstance(cell, Cell) else Cell(cell) for cell in row]
        body.append(
            [lines(c.value, col.width, c.bold) for c, col in zip(cells, columns, strict=True)]
        )
        extra += [
            ("FONTNAME", (index, row_index), (index, row_index), fonts.BOLD)
            for index, cell in enumerate(cells)
            if cell.bold
        ]
    return grid_table([header, *body], [c.width for c in columns], extra=extra)


def excluded_table(excluded: Sequence[Exclusion], st: Styles) -> Table:
    """The communes left out and why; with their district when the list still had districts
    (a province before the 2025 reform: "Xã Minh Sơn" alone does not say where it is)."""
    with_district = any(item.district for item in excluded)
    columns = [Column("STT", 10 * mm, centred=True), Column("Mã đơn vị", 20 * mm, centred=True)]
    if with_district:
        columns += [Column("Tên đơn vị", 38 * mm), Column(DISTRICT_COLUMN, 36 * mm)]
    else:
        columns += [Column("Tên đơn vị", 45 * mm)]
    used = sum(c.width for c in columns)
    columns.append(Column("Lý do", TEXT_WIDTH - used))
    rows: list[list[str | Cell]] = []
    for index, item in enumerate(excluded, start=1):
        district = [item.district] if with_district else []
        rows.append([str(index), item.code, item.name, *district, item.reason_text])
    return text_table(columns, rows, st)
