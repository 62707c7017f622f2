"""Section 5 of the dossier: the evidence index (danh mục minh chứng), grouped by criterion in the
order of the assessment table, the files of the whole dossier last; file names wrapped only at
safe points, every body row in the same font size."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, PageBreak  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.dossier_text import SECTION_TITLES
from assessor_app.reports.layout import (
    ROW_FILL,
    Styles,
    grid_table,
    header_cell,
    markup,
    para,
    text,
    title_block,
)
from assessor_app.reports.layout_pages import PageState, SectionStart
from assessor_app.reports.model import DossierData, EvidenceItem
from assessor_app.texts.documents import in_sentence

# STT, file, indicator, what it shows, SHA-256 (four lines of 16 hex digits)
WIDTHS = (10 * mm, 45 * mm, 17 * mm, 57 * mm, 36 * mm)
CELL_PADDING = 6  # points: grid_table's left and right padding
CHUNK = 12  # a name part longer than this is cut every CHUNK characters
HASH_LINE = 16
# Where a file name may break: after "_", "-", "." (and inside a long run, every CHUNK characters).
_SAFE_BREAK = re.compile(r"(?<=[_.\-])")
WHOLE_DOSSIER = "Minh chứng chung của hồ sơ"


def name_parts(name: str) -> list[str]:
    """`name` cut after each "_", "-" or "." and every `CHUNK` characters of a longer run."""
    parts: list[str] = []
    for piece in _SAFE_BREAK.split(nfc(name)):
        parts += [piece[i : i + CHUNK] for i in range(0, len(piece), CHUNK)]
    return [part for part in parts if part]


def wrap_name(name: str, width: float, font: str, size: float) -> list[str]:
    """The lines of `name` in a column `width` points wide: as many parts on a line as fit."""
    lines: list[str] = []
    for part in name_parts(name):
        if lines and stringWidth(lines[-1] + part, font, size) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return lines or [""]


def _hash_cell(sha256: str) -> str:
    value = nfc(sha256).strip().lower()
    return "<br/>".join(text(value[i : i + HASH_LINE]) for i in range(0, len(value), HASH_LINE))


def _groups(data: DossierData) -> list[tuple[str, list[EvidenceItem]]]:
    """(heading, files) per criterion with files, in the table's order; the files of no indicator
    (or of an indicator the table does not have) last."""
    owner = {
        line.code: f"{criterion.code}. {criterion.title}"
        for criterion in data.criteria
        for line in criterion.indicators
    }
    headings = [f"{c.code}. {c.title}" for c in data.criteria] + [WHOLE_DOSSIER]
    grouped: dict[str, list[EvidenceItem]] = {}
    for item in data.evidence:
        grouped.setdefault(owner.get(item.indicator, WHOLE_DOSSIER), []).append(item)
    return [(heading, grouped[heading]) for heading in headings if heading in grouped]


def _evidence_table(data: DossierData, st: Styles) -> Flowable:
    name_width = WIDTHS[1] - CELL_PADDING
    rows: list[list[Any]] = [
        [
            header_cell(label, st)
            for label in ("STT", "Tệp minh chứng", "Chỉ tiêu", "Nội dung", "Mã SHA-256")
        ]
    ]
    extra: list[tuple[Any, ...]] = []
    number = 0
    for heading, items in _groups(data):
        rows.append([para(heading, st.cell_bold), "", "", "", ""])
        index = len(rows) - 1
        extra += [
            ("SPAN", (0, index), (-1, index)),
            ("BACKGROUND", (0, index), (-1, index), ROW_FILL),
        ]
        for item in items:
            number += 1
            lines = wrap_name(item.file_name, name_width, st.cell.fontName, st.cell.fontSize)
            rows.append(
                [
                    para(str(number), st.cell_center),
                    markup("<br/>".join(text(line) for line in lines), st.cell),
                    para(item.indicator or "Chung", st.cell_center),
                    para(item.caption, st.cell),
                    markup(_hash_cell(item.sha256), st.cell),
                ]
            )
    return grid_table(rows, WIDTHS, extra=extra)


def evidence_section(data: DossierData, state: PageState, st: Styles) -> list[Flowable]:
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
    items.append(_evidence_table(data, st))
    items.append(
        para(
            "Mã SHA-256 là “dấu vân tay” của nội dung tệp: tệp bị sửa dù chỉ một ký tự sẽ có mã "
            "khác, nên có thể dùng mã này để đối chiếu tệp minh chứng lưu trữ với hồ sơ.",
            st.note,
        )
    )
    return items
