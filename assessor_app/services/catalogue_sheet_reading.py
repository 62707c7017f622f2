"""Reading the XLSX template's rows back into a catalogue document (pure; see
catalogue_sheet_layout.py for the layout). Every error names its sheet, row and column
("Trang 'Chỉ tiêu', dòng 12, cột F: …") and carries a code; the document is then validated by the
catalogue loader, whose errors are placed back on the sheet (`locate`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from assessor_app import i18n
from assessor_app.domain.catalogue import UnitCategory
from assessor_app.domain.errors import N_, CatalogueError
from assessor_app.services.catalogue_sheet_layout import (
    BAND_FIELDS,
    BOOLEAN,
    CONDITION_FIELDS,
    CONDITION_SHEET,
    CRITERION_FIELDS,
    DAY,
    HEADER_FIELDS,
    HEADER_SHEET,
    INDICATOR_FIELDS,
    INDICATOR_SHEET,
    NUMBER,
    OLD_TITLES,
    SOURCES_LABEL,
    THRESHOLD_FIELDS,
    WHOLE,
    Field,
    band_title,
    category_title,
    choice_label,
    choice_values,
    column_letter,
    non_empty,
)

Rows = list[list[Any]]
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YES = {"có", "co", "x", "true", "1", "đúng"}
_NO = {"không", "khong", "false", "0", "sai"}


def where(sheet: str, row: int, column: int | None) -> str:
    """The place of a cell in words (rows and columns as the spreadsheet shows them)."""
    if column is None:
        return i18n._("Sheet '{sheet}', row {row}").format(sheet=sheet, row=row)
    return i18n._("Sheet '{sheet}', row {row}, column {column}").format(
        sheet=sheet, row=row, column=column_letter(column)
    )


def cell_error(
    code: str, template: str, sheet: str, row: int, column: int | None, /, **params: Any
) -> CatalogueError:
    return CatalogueError(code, template, where=where(sheet, row, column), **params)


MAX_ERRORS = 50  # a sheet with more mistakes than this is read again after the first are fixed


class CellErrors(CatalogueError):
    """Every cell of the workbook that could not be read (up to MAX_ERRORS), in sheet and row
    order, so that an official fixes them all in one go; says (and is coded as) the first."""

    def __init__(self, errors: list[CatalogueError]) -> None:
        first = errors[0]
        super().__init__(first.code, first.template, **first.params)
        self.errors = errors


class Collected:
    """The errors met while reading; reading goes on past a bad cell (or a bad row) until
    MAX_ERRORS, then stops with what it has."""

    def __init__(self) -> None:
        self.errors: list[CatalogueError] = []

    def add(self, error: CatalogueError) -> None:
        self.errors.extend(error.errors if isinstance(error, CellErrors) else [error])
        if len(self.errors) >= MAX_ERRORS:
            raise CellErrors(self.errors[:MAX_ERRORS])

    def check(self) -> None:
        if self.errors:
            raise CellErrors(self.errors)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Cells:
    """One sheet's rows with its columns found by title (row 1), so columns may be reordered."""

    def __init__(
        self, sheet: str, rows: Rows, required: list[str], collected: Collected | None = None
    ) -> None:
        self.collected = collected
        self.sheet = sheet
        self.rows = rows
        titles = [str(t).strip() if t is not None else "" for t in (rows[0] if rows else [])]
        titles = [OLD_TITLES.get(t, t) for t in titles]  # a sheet made by an earlier version
        self.columns = {t: i for i, t in enumerate(titles) if t}
        for title in required:
            if title not in self.columns:
                raise cell_error(
                    "CAT_SHEET_COLUMN",
                    N_("{where}: the column '{title}' is missing."),
                    sheet,
                    1,
                    None,
                    title=title,
                )

    def raw(self, row: int, title: str) -> Any:
        column = self.columns.get(title)
        values = self.rows[row - 1]
        return values[column] if column is not None and column < len(values) else None

    def read(self, row: int, title: str, field: Field, into: dict[str, Any]) -> None:
        """Put the cell's value in `into` under the field's key; an empty cell leaves it out."""
        value = self.raw(row, title)
        if _blank(value):
            return
        try:
            into[field.key] = convert(value, field, self.sheet, row, self.columns.get(title))
        except CatalogueError as error:
            if self.collected is None:
                raise
            self.collected.add(error)  # the field is left out; the reading goes on


def convert(value: Any, field: Field, sheet: str, row: int, column: int | None) -> Any:
    """A cell's value as the JSON value of `field`, or a coded error naming the cell."""

    def fail(template: str, code: str = "CAT_SHEET_VALUE", **params: Any) -> CatalogueError:
        return cell_error(code, template, sheet, row, column, value=value, **params)

    if field.choices is not None:
        return _choice(value, field, fail)
    reader = _READERS.get(field.kind)
    if reader is not None:
        return reader(value, fail)
    return value if isinstance(value, str) else str(value)


def _whole(value: Any, fail: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a spreadsheet may keep 50 as 50.0
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(N_("{where}: '{value}' is not a whole number."))
    return value


def _boolean(value: Any, fail: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES or word in _NO:
        return word in _YES
    raise fail(N_("{where}: '{value}' is not 'có' or 'không'."))


def _choice(value: Any, field: Field, fail: Any) -> str:
    assert field.choices is not None
    codes = choice_values(field.choices)
    text = str(value).strip()
    by_label = {choice_label(field.choices, c).casefold(): c for c in codes}
    if text in codes:
        return text
    if text.casefold() in by_label:
        return by_label[text.casefold()]
    allowed = "; ".join(choice_label(field.choices, c) for c in codes)
    raise fail(
        N_("{where}: '{value}' is not one of: {allowed}."), code="CAT_SHEET_CHOICE", allowed=allowed
    )


def _number(value: Any, fail: Any) -> Any:
    if isinstance(value, bool):
        raise fail(N_("{where}: '{value}' is not a number."))
    if isinstance(value, int | float):
        return value
    text = str(value).strip().replace(",", ".")
    try:
        Decimal(text)
    except InvalidOperation:
        raise fail(N_("{where}: '{value}' is not a number.")) from None
    if not Decimal(text).is_finite():
        raise fail(N_("{where}: '{value}' is not a number."))
    return text  # a decimal written as text stays text: its spelling is part of the hash


def _day(value: Any, fail: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = _VN_DATE.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1])).isoformat()
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_day()
    except ValueError:
        raise fail(N_("{where}: '{value}' is not a date (dd/mm/yyyy).")) from None


def _bad_day() -> str:
    raise ValueError("not a date")


_READERS: dict[str, Callable[[Any, Any], Any]] = {
    WHOLE: _whole,
    NUMBER: _number,
    BOOLEAN: _boolean,
    DAY: _day,
}


# --- the header sheet


def read_header(
    rows: Rows, collected: Collected | None = None
) -> tuple[dict[str, Any], dict[str, int]]:
    """The top-level fields and the legal basis; also the row of each field (for `locate`)."""
    document: dict[str, Any] = {}
    places: dict[str, int] = {}
    for number, values in enumerate(rows[1:], start=2):
        try:
            _header_row(number, values, document, places)
        except CatalogueError as error:
            if collected is None:
                raise
            collected.add(error)
    return document, places


def _header_row(
    number: int, values: list[Any], document: dict[str, Any], places: dict[str, int]
) -> None:
    by_label = {field.title: (path, field) for path, field in HEADER_FIELDS}
    label = str(values[0]).strip() if values and values[0] is not None else ""
    value = values[1] if len(values) > 1 else None
    if not label:
        if non_empty(values):
            raise cell_error(
                "CAT_SHEET_VALUE",
                N_("{where}: a value without a label."),
                HEADER_SHEET,
                number,
                0,
            )
        return
    if label == SOURCES_LABEL:
        sources = document.setdefault("legal_basis", {}).setdefault("sources", [])
        if not _blank(value):
            sources.append(str(value))
        return
    if label not in by_label:
        raise cell_error(
            "CAT_SHEET_COLUMN",
            N_("{where}: unknown field '{title}'."),
            HEADER_SHEET,
            number,
            0,
            title=label,
        )
    path, field = by_label[label]
    holder = document if len(path) == 1 else document.setdefault(path[0], {})
    if field.key in holder:
        raise cell_error(
            "CAT_DUPLICATE_CODE",
            N_("{where}: the field '{title}' is given twice."),
            HEADER_SHEET,
            number,
            0,
            title=label,
        )
    holder[field.key] = None if _blank(value) else convert(value, field, HEADER_SHEET, number, 1)
    places[".".join(path)] = number


# --- the indicator sheet


def _band_numbers(cells: Cells) -> list[int]:
    numbers = []
    index = 1
    while band_title(index, BAND_FIELDS[0]) in cells.columns:
        numbers.append(index)
        index += 1
    return numbers


def _bands(cells: Cells, row: int, kind: str | None) -> list[dict[str, Any]] | None:
    bands: list[dict[str, Any]] = []
    gap = False
    for index in _band_numbers(cells):
        titles = [band_title(index, f) for f in BAND_FIELDS]
        if not non_empty(cells.raw(row, t) for t in titles):
            gap = True
            continue
        if gap:
            raise cell_error(
                "CAT_SHEET_VALUE",
                N_("{where}: band {band} follows an empty band; bands must be consecutive."),
                cells.sheet,
                row,
                cells.columns[titles[0]],
                band=index,
            )
        band: dict[str, Any] = {}
        for title, field in zip(titles, BAND_FIELDS, strict=True):
            cells.read(row, title, field, band)
        if kind == "count" and "threshold" in band:
            band["max_count"] = convert(
                band.pop("threshold"),
                Field("max_count", "", WHOLE),
                cells.sheet,
                row,
                cells.columns[titles[0]],
            )
        bands.append(band)
    return bands or None


def read_criteria(
    rows: Rows, collected: Collected | None = None
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The criteria with their indicators; also the row of each code (its first row for a
    criterion)."""
    titles = [f.title for f in (*CRITERION_FIELDS, *INDICATOR_FIELDS)]
    cells = Cells(INDICATOR_SHEET, rows, titles, collected)
    criteria: list[dict[str, Any]] = []
    places: dict[str, int] = {}
    for row in range(2, len(rows) + 1):
        if not non_empty(rows[row - 1]):
            continue
        try:
            _indicator_row(cells, row, criteria, places)
        except CatalogueError as error:
            if collected is None:
                raise
            collected.add(error)
    return criteria, places


def _indicator_row(
    cells: Cells, row: int, criteria: list[dict[str, Any]], places: dict[str, int]
) -> None:
    criterion: dict[str, Any] = {}
    for field in CRITERION_FIELDS:
        cells.read(row, field.title, field, criterion)
    indicator: dict[str, Any] = {}
    for field in INDICATOR_FIELDS:
        cells.read(row, field.title, field, indicator)
    bands = _bands(cells, row, indicator.get("kind"))
    if bands is not None:
        indicator["bands"] = bands
    _place_indicator(cells, row, criteria, criterion, indicator, places)


def _place_indicator(
    cells: Cells,
    row: int,
    criteria: list[dict[str, Any]],
    criterion: dict[str, Any],
    indicator: dict[str, Any],
    places: dict[str, int],
) -> None:
    if criteria and not criterion:
        # Criterion cells left empty (or merged, which reads as empty below the first row): the
        # row belongs to the criterion above.
        criterion = {k: v for k, v in criteria[-1].items() if k != "indicators"}
    code = criterion.get("code", "")
    code_column = cells.columns[CRITERION_FIELDS[0].title]
    if criteria and criteria[-1].get("code") == code and code:
        same = {k: v for k, v in criteria[-1].items() if k != "indicators"}
        if same != criterion:
            raise cell_error(
                "CAT_SHEET_VALUE",
                N_(
                    "{where}: the criterion {code} is written differently than on its first row ({first})."
                ),
                cells.sheet,
                row,
                code_column,
                code=code,
                first=places[code],
            )
        criteria[-1]["indicators"].append(indicator)
    else:
        if code and code in places:
            raise cell_error(
                "CAT_DUPLICATE_CODE",
                N_("{where}: the code '{code}' is used more than once."),
                cells.sheet,
                row,
                code_column,
                code=code,
            )
        criteria.append({**criterion, "indicators": [indicator]})
        if code:
            places[code] = row
    own = indicator.get("code", "")
    if own and own in places:
        raise cell_error(
            "CAT_DUPLICATE_CODE",
            N_("{where}: the code '{code}' is used more than once."),
            cells.sheet,
            row,
            cells.columns[INDICATOR_FIELDS[0].title],
            code=own,
        )
    if own:
        places[own] = row


# --- the condition sheet


def read_conditions(
    rows: Rows, collected: Collected | None = None
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    cells = Cells(CONDITION_SHEET, rows, [f.title for f in CONDITION_FIELDS], collected)
    conditions: list[dict[str, Any]] = []
    places: dict[str, int] = {}
    for row in range(2, len(rows) + 1):
        if not non_empty(rows[row - 1]):
            continue
        condition: dict[str, Any] = {}
        for field in CONDITION_FIELDS:
            cells.read(row, field.title, field, condition)
        thresholds: dict[str, Any] = {}
        for category in UnitCategory:
            entry: dict[str, Any] = {}
            for field in THRESHOLD_FIELDS:
                cells.read(row, category_title(category, field), field, entry)
            if entry:
                thresholds[category.value] = entry
        if thresholds:
            condition["thresholds"] = thresholds
        cid = condition.get("id", "")
        if cid and cid in places:
            raise cell_error(
                "CAT_DUPLICATE_CODE",
                N_("{where}: the code '{code}' is used more than once."),
                CONDITION_SHEET,
                row,
                cells.columns[CONDITION_FIELDS[0].title],
                code=cid,
            )
        if cid:
            places[cid] = row
        conditions.append(condition)
    return conditions, places
