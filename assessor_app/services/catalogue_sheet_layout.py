"""The XLSX template of a criteria catalogue: its sheets, columns and how a document becomes rows.

Pure mapping (no openpyxl): a workbook is `dict[sheet name, list of rows]`, a row a list of cell
values. Three sheets an official can read and edit (docs/catalogue-format.md, "The XLSX template"):

* "Thông tin chung": one row per top-level field (label, value); a row present with an empty value
  is `null`, a row left out is a field left out. One row per legal source.
* "Chỉ tiêu": one row per indicator; the criterion's columns are repeated on each of its rows;
  the rule and its bands in columns ("Mức 1: ngưỡng", "Mức 1: điểm", ...).
* "Điều kiện công nhận": one row per recognition condition, the minimum totals per unit category
  in columns.

An empty cell is a field left out, so the defaults (and inherited statuses) survive a round trip.
Choices (sector, status, rule kind, direction, condition kind) are written as their Vietnamese
labels; the import reads the label or the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from assessor_app.domain.catalogue import (
    ConditionKind,
    Direction,
    RuleKind,
    Sector,
    Status,
    UnitCategory,
)
from assessor_app.texts import DOCUMENT_LANGUAGE, labels

HEADER_SHEET = "Thông tin chung"
INDICATOR_SHEET = "Chỉ tiêu"
CONDITION_SHEET = "Điều kiện công nhận"
SHEETS = (HEADER_SHEET, INDICATOR_SHEET, CONDITION_SHEET)
HEADER_COLUMNS = ("Thông tin", "Giá trị")
SOURCES_LABEL = "Nguồn văn bản"

# "error", "max", "zero": written in words (labels.empty_denominator), read in words or as codes.
EMPTY_DENOMINATOR = ("error", "max", "zero")
# Column titles of earlier templates, still read: old title -> today's title.
OLD_TITLES = {"Khi mẫu số bằng 0 (error, max, zero)": "Khi mẫu số bằng 0"}

# Value types of a cell (how it is read back).
TEXT, WHOLE, NUMBER, BOOLEAN, DAY = "text", "whole", "number", "boolean", "date"


@dataclass(frozen=True)
class Field:
    """One JSON field in one column (or header row): its key, Vietnamese title and value type;
    `choices` for an enumerated value written as its label."""

    key: str
    title: str
    kind: str = TEXT
    choices: type[Enum] | tuple[str, ...] | None = None


# The header sheet: (path in the document, label). The legal basis is nested.
HEADER_FIELDS: tuple[tuple[tuple[str, ...], Field], ...] = (
    (("format",), Field("format", "Định dạng tệp")),
    (("format_version",), Field("format_version", "Phiên bản định dạng", WHOLE)),
    (("code",), Field("code", "Mã bộ tiêu chí")),
    (("version",), Field("version", "Phiên bản")),
    (("title_vi",), Field("title_vi", "Tên bộ tiêu chí")),
    (("title_en",), Field("title_en", "Tên bộ tiêu chí (tiếng Anh)")),
    (("publisher",), Field("publisher", "Cơ quan soạn thảo, ban hành")),
    (("notes_vi",), Field("notes_vi", "Ghi chú")),
    (("legal_basis", "number"), Field("number", "Số hiệu văn bản")),
    (("legal_basis", "title_vi"), Field("title_vi", "Trích yếu văn bản")),
    (("legal_basis", "issued"), Field("issued", "Ngày ban hành", DAY)),
    (("effective_from",), Field("effective_from", "Hiệu lực từ ngày", DAY)),
    (("effective_to",), Field("effective_to", "Hiệu lực đến ngày", DAY)),
    (("max_total",), Field("max_total", "Tổng số điểm tối đa", WHOLE)),
)

CRITERION_FIELDS = (
    Field("code", "Mã tiêu chí"),
    Field("title_vi", "Tên tiêu chí"),
    Field("title_en", "Tên tiêu chí (tiếng Anh)"),
    Field("max_points", "Điểm tối đa của tiêu chí", WHOLE),
    Field("sector", "Lĩnh vực phụ trách", choices=Sector),
    Field("status", "Mức độ xác thực của tiêu chí", choices=Status),
    Field("source", "Nguồn của tiêu chí"),
    Field("note", "Ghi chú của tiêu chí"),
)

INDICATOR_FIELDS = (
    Field("code", "Mã chỉ tiêu"),
    Field("title_vi", "Tên chỉ tiêu"),
    Field("title_en", "Tên chỉ tiêu (tiếng Anh)"),
    Field("max_points", "Điểm tối đa của chỉ tiêu", WHOLE),
    Field("kind", "Cách tính điểm", choices=RuleKind),
    Field("status", "Mức độ xác thực của chỉ tiêu", choices=Status),
    Field("source", "Nguồn của chỉ tiêu"),
    Field("note", "Ghi chú của chỉ tiêu"),
    Field("direction", "Chiều đánh giá", choices=Direction),
    Field("scale", "Thang (100 = %, 1000 = ‰)", WHOLE),
    Field("otherwise_points", "Điểm khi không đạt mức nào", WHOLE),
    Field("empty_denominator", "Khi mẫu số bằng 0", choices=EMPTY_DENOMINATOR),
    Field("numerator_label_vi", "Tên tử số"),
    Field("denominator_label_vi", "Tên mẫu số"),
    Field("count_label_vi", "Tên số trường hợp"),
    Field("points_no", "Điểm khi trả lời không", WHOLE),
)

# A band's columns; the threshold column holds `max_count` for a count rule.
BAND_FIELDS = (
    Field("threshold", "ngưỡng", NUMBER),
    Field("inclusive", "tính cả ngưỡng", BOOLEAN),
    Field("points", "điểm", WHOLE),
    Field("status", "mức độ xác thực", choices=Status),
    Field("source", "nguồn"),
    Field("note", "ghi chú"),
)
MIN_BANDS = 3

CONDITION_FIELDS = (
    Field("id", "Mã điều kiện"),
    Field("kind", "Loại điều kiện", choices=ConditionKind),
    Field("title_vi", "Nội dung điều kiện"),
    Field("status", "Mức độ xác thực của điều kiện", choices=Status),
    Field("source", "Nguồn của điều kiện"),
    Field("note", "Ghi chú của điều kiện"),
    Field("criterion", "Tiêu chí phải đạt"),
    Field("min_points", "Điểm tối thiểu của tiêu chí", WHOLE),
)
THRESHOLD_FIELDS = (
    Field("min_total", "tổng điểm tối thiểu", WHOLE),
    Field("status", "mức độ xác thực", choices=Status),
    Field("source", "nguồn"),
    Field("note", "ghi chú"),
)


def band_title(index: int, field: Field) -> str:
    return f"Mức {index}: {field.title}"


def category_title(category: UnitCategory, field: Field) -> str:
    return f"{labels.unit_category(category, DOCUMENT_LANGUAGE)}: {field.title}"


def choice_label(choices: type[Enum] | tuple[str, ...], value: str) -> str:
    """The Vietnamese label of a choice (the code itself where no label exists)."""
    label = _LABELS.get(choices)
    return label(value, DOCUMENT_LANGUAGE) if label is not None else value


_LABELS: dict[type[Enum] | tuple[str, ...], Callable[[Any, str], str]] = {
    EMPTY_DENOMINATOR: labels.empty_denominator,
    Sector: labels.sector,
    Status: labels.catalogue_status,
    RuleKind: labels.rule_kind,
    Direction: labels.direction,
    ConditionKind: labels.condition_kind,
}


def choice_values(choices: type[Enum] | tuple[str, ...]) -> list[str]:
    return [c.value for c in choices] if isinstance(choices, type) else list(choices)


def indicator_titles(band_count: int) -> list[str]:
    titles = [f.title for f in CRITERION_FIELDS] + [f.title for f in INDICATOR_FIELDS]
    for index in range(1, band_count + 1):
        titles += [band_title(index, f) for f in BAND_FIELDS]
    return titles


def condition_titles() -> list[str]:
    titles = [f.title for f in CONDITION_FIELDS]
    for category in UnitCategory:
        titles += [category_title(category, f) for f in THRESHOLD_FIELDS]
    return titles


# --- document -> rows


def _cell(field: Field, data: dict[str, Any]) -> Any:
    if field.key not in data or data[field.key] is None:
        return None
    value = data[field.key]
    if field.choices is not None and isinstance(value, str):
        return (
            choice_label(field.choices, value) if value in choice_values(field.choices) else value
        )
    if field.kind == DAY and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if field.kind == BOOLEAN and isinstance(value, bool):
        return "có" if value else "không"
    return value


def header_rows(document: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [list(HEADER_COLUMNS)]
    for path, field in HEADER_FIELDS:
        holder = document if len(path) == 1 else document.get(path[0])
        if isinstance(holder, dict) and field.key in holder:
            rows.append([field.title, _cell(field, holder)])
    basis = document.get("legal_basis")
    sources = basis.get("sources") if isinstance(basis, dict) else None
    if isinstance(sources, list):
        rows += [[SOURCES_LABEL, s] for s in sources] or [[SOURCES_LABEL, None]]
    return rows


def _band_cells(indicator: dict[str, Any], band_count: int) -> list[Any]:
    bands = indicator.get("bands") or []
    cells: list[Any] = []
    for index in range(band_count):
        band = bands[index] if index < len(bands) else {}
        if "max_count" in band:
            band = {**band, "threshold": band["max_count"]}
        cells += [_cell(f, band) for f in BAND_FIELDS]
    return cells


def band_count(document: dict[str, Any]) -> int:
    counts = [
        len(i.get("bands") or []) for c in document.get("criteria", []) for i in c["indicators"]
    ]
    return max([MIN_BANDS, *counts])


def indicator_rows(document: dict[str, Any]) -> list[list[Any]]:
    bands = band_count(document)
    rows: list[list[Any]] = [indicator_titles(bands)]
    for criterion in document.get("criteria", []):
        head = [_cell(f, criterion) for f in CRITERION_FIELDS]
        for indicator in criterion.get("indicators", []):
            own = [_cell(f, indicator) for f in INDICATOR_FIELDS]
            rows.append(head + own + _band_cells(indicator, bands))
    return rows


def condition_rows(document: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [condition_titles()]
    for condition in document.get("recognition", []):
        row = [_cell(f, condition) for f in CONDITION_FIELDS]
        thresholds = condition.get("thresholds") or {}
        for category in UnitCategory:
            entry = thresholds.get(category.value) or {}
            row += [_cell(f, entry) for f in THRESHOLD_FIELDS]
        rows.append(row)
    return rows


def workbook_rows(document: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """The three sheets of the template, each a list of rows (the first row: the column titles)."""
    return {
        HEADER_SHEET: header_rows(document),
        INDICATOR_SHEET: indicator_rows(document),
        CONDITION_SHEET: condition_rows(document),
    }


def choice_lists(titles: list[str]) -> list[tuple[int, list[str]]]:
    """(column index, the labels it may hold) of each column holding a choice: the workbook offers
    them as a drop-down list."""
    fields = {f.title: f for f in (*CRITERION_FIELDS, *INDICATOR_FIELDS, *CONDITION_FIELDS)}
    found = []
    for index, title in enumerate(titles):
        field = fields.get(title)
        if field is None and ": " in title:  # a band's or a category's own columns
            field = next(
                (f for f in (*BAND_FIELDS, *THRESHOLD_FIELDS) if title.endswith(f": {f.title}")),
                None,
            )
        if field is not None and field.choices is not None:
            found.append(
                (index, [choice_label(field.choices, c) for c in choice_values(field.choices)])
            )
    return found


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def non_empty(values: Iterable[Any]) -> bool:
    return any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values)
