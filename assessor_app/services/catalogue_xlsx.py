"""Catalogues to and from the XLSX template (docs/catalogue-format.md, "The XLSX template").

`export_xlsx` writes a stored catalogue (by code) or a catalogue file as the template;
`import_xlsx` reads a template back, validates it with the catalogue loader and writes the catalogue
file. The round trip is exact: exporting then importing gives a document equal to the original
(canonical JSON). Nothing is written unless the whole workbook is valid, and then atomically.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from assessor_app.core.canonical import normalise
from assessor_app.core.files import write_atomic
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_, CatalogueError, InputError
from assessor_app.services.catalogue_sheet_layout import (
    BAND_FIELDS,
    CONDITION_FIELDS,
    CONDITION_SHEET,
    CRITERION_FIELDS,
    HEADER_SHEET,
    INDICATOR_FIELDS,
    INDICATOR_SHEET,
    SHEETS,
    THRESHOLD_FIELDS,
    band_title,
    category_title,
    choice_lists,
    column_letter,
    workbook_rows,
)
from assessor_app.services.catalogue_sheet_reading import (
    CellErrors,
    Collected,
    Rows,
    read_conditions,
    read_criteria,
    read_header,
    where,
)
from assessor_app.services.files import read_json
from assessor_app.services.reference_data import catalogue as stored_catalogue
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository

_DATE_FORMAT = "DD/MM/YYYY"


# --- export


def stored_document(workspace: Workspace, code: str) -> dict[str, Any]:
    """The document of the newest stored catalogue with this code (or content hash)."""
    wanted = stored_catalogue(workspace, code)
    with workspace.database.reading() as session:
        row = Repository(session).catalogue_record_by_hash(wanted.content_hash)
        assert row is not None  # just found by the same hash
        document: dict[str, Any] = json.loads(row.document)
        return document


def workbook_bytes(document: dict[str, Any]) -> bytes:
    """The template of a catalogue document as XLSX bytes (the same bytes for the same document:
    openpyxl's own save would stamp the clock)."""
    parse_catalogue(document)  # only a valid catalogue is exported
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in workbook_rows(document).items():
        sheet = workbook.create_sheet(name)
        for values in rows:
            sheet.append(values)
        _dress(sheet)
        _offer_choices(sheet, rows[0])
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return buffer.getvalue()


def _dress(sheet: Any) -> None:
    """Bold wrapped titles, frozen first row, readable widths, dates shown dd/mm/yyyy."""
    sheet.freeze_panes = "B2" if sheet.title != HEADER_SHEET else "A2"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column in sheet.columns:
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = 60 if sheet.title == HEADER_SHEET else 22
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.is_date:
                cell.number_format = _DATE_FORMAT
    if sheet.title == HEADER_SHEET:
        sheet.column_dimensions["A"].width = 32


def _offer_choices(sheet: Any, titles: list[Any]) -> None:
    """A drop-down of the labels on each choice column. Only offered (no error box): a code typed
    instead of the label is read too."""
    if sheet.title == HEADER_SHEET:
        return
    last = sheet.max_row + 200  # room for rows the official adds
    for index, choices in choice_lists([str(t) for t in titles]):
        listed = ",".join(choices)
        if "," in "".join(choices) or len(listed) > 250:  # Excel's limits for an inline list
            continue
        validation = DataValidation(
            type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=False
        )
        letter = column_letter(index)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)


def export_xlsx(
    out: str | Path, *, workspace: Workspace | None = None, code: str = "", file: str | Path = ""
) -> Catalogue:
    """Write the template of a stored catalogue (`code`) or of a catalogue file to `out`."""
    if file:
        document = read_json(file)
    else:
        assert workspace is not None
        document = stored_document(workspace, code)
    return export_document(out, document)


def export_document(out: str | Path, document: dict[str, Any]) -> Catalogue:
    """Write the template of a catalogue document (e.g. a draft's) to `out`; only a valid one."""
    catalogue = parse_catalogue(document)
    _write(Path(out), workbook_bytes(document))
    return catalogue


# --- import


def sheets_of(path: str | Path) -> dict[str, Rows]:
    """The rows of the template's three sheets (values only)."""
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(
            "FILE_NOT_FOUND", N_("The file {path} does not exist."), path=str(path)
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise CatalogueError(
            "CAT_SHEET_FILE", N_("{path} is not an XLSX workbook."), path=str(path)
        ) from None
    try:
        missing = [name for name in SHEETS if name not in workbook.sheetnames]
        if missing:
            raise CatalogueError(
                "CAT_SHEET_MISSING",
                N_("The workbook has no sheet '{sheet}'."),
                sheet=missing[0],
            )
        sheets: dict[str, Rows] = {
            name: [list(r) for r in workbook[name].iter_rows(values_only=True)] for name in SHEETS
        }
        return sheets
    finally:
        workbook.close()


def unchecked_document(sheets: dict[str, Rows]) -> dict[str, Any]:
    """The catalogue document the sheets hold, not yet checked by the loader (a draft may be
    unfinished); a cell that cannot be read is still refused with its row and column."""
    return _read(sheets)[0]


def _read(
    sheets: dict[str, Rows],
) -> tuple[dict[str, Any], dict[str, int], dict[str, int], dict[str, int]]:
    """Every sheet read to its end: all the cells that cannot be read are refused together
    (`CellErrors`, up to MAX_ERRORS), so that one round of corrections fixes them."""
    collected = Collected()
    document, header_places = _sheet(read_header, sheets[HEADER_SHEET], collected, {})
    criteria, code_places = _sheet(read_criteria, sheets[INDICATOR_SHEET], collected, [])
    conditions, condition_places = _sheet(read_conditions, sheets[CONDITION_SHEET], collected, [])
    collected.check()
    document["criteria"] = criteria
    document["recognition"] = conditions
    normalised: dict[str, Any] = normalise(document)  # NFC, as the loader and the hash read it
    return normalised, header_places, code_places, condition_places


def _sheet(reader: Any, rows: Rows, collected: Collected, empty: Any) -> tuple[Any, dict[str, int]]:
    """One sheet read by `reader`; a sheet that cannot be read at all (a column missing) is one
    more error, and the other sheets are still read."""
    try:
        result: tuple[Any, dict[str, int]] = reader(rows, collected)
    except CellErrors:
        raise  # too many: stop here
    except CatalogueError as error:
        collected.add(error)
        return empty, {}
    return result


def document_of(sheets: dict[str, Rows]) -> dict[str, Any]:
    """The catalogue document the sheets hold, validated by the loader; a loader error is placed
    back on its sheet, row and column."""
    normalised, header_places, code_places, condition_places = _read(sheets)
    try:
        parse_catalogue(normalised)
    except CatalogueError as error:
        place = _locate(error, header_places, code_places, condition_places, sheets)
        raise CatalogueError(
            error.code, error.template, **{**error.params, "where": place}
        ) from None
    return normalised


def import_xlsx(path: str | Path, out: str | Path) -> Catalogue:
    """Read the template at `path` and write the catalogue file `out` (only when valid)."""
    document = document_of(sheets_of(path))
    catalogue = parse_catalogue(document)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _write(Path(out), text.encode("utf-8"))
    return catalogue


def _write(out: Path, data: bytes) -> None:
    """Write atomically (temporary file, fsync, rename): a failure leaves nothing behind."""
    try:
        if not out.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
        write_atomic(out, data)
    except OSError as error:
        raise InputError(
            "CAT_WRITE_FAILED",
            N_("Could not write {path}: {reason}."),
            path=str(out),
            reason=error.strerror or str(error),
        ) from None


# --- placing a loader error on the sheet


def _column(sheet: Rows, title: str) -> int | None:
    titles = [str(t).strip() if t is not None else "" for t in (sheet[0] if sheet else [])]
    return titles.index(title) if title in titles else None


def _locate(
    error: CatalogueError,
    header: dict[str, int],
    codes: dict[str, int],
    conditions: dict[str, int],
    sheets: dict[str, Rows],
) -> str:
    """The sheet, row and column of a loader error, from its `where` ("CODE / TC2 / TC2.1 /
    band 2"), its `field` and its `band`."""
    parts = str(error.params.get("where", "")).split(" / ")[1:]
    field = str(error.params.get("field", "")) or _quoted_field(error.template)
    if parts and parts[0] in conditions:
        return _condition_place(parts, field, conditions[parts[0]], sheets[CONDITION_SHEET])
    if parts and parts[0] in codes:
        return _indicator_place(parts, field, error, codes, sheets[INDICATOR_SHEET])
    duplicate = str(error.params.get("code", ""))
    if error.code == "CAT_DUPLICATE_CODE" and duplicate in codes:
        return _indicator_place([duplicate], "code", error, codes, sheets[INDICATOR_SHEET])
    key = {"CAT_TOTAL": "max_total"}.get(error.code, field)
    if parts and parts[0] == "legal_basis":
        key = f"legal_basis.{field}"
    row = header.get(key) or header.get("code") or 1
    return where(HEADER_SHEET, row, 1)


def _quoted_field(template: str) -> str:
    """The field a loader message names in quotes ("'scale' must be 100 or 1000"), if any."""
    match = re.search(r"'([a-z_]+)'", template)
    return match[1] if match else ""


def _indicator_place(
    parts: list[str], field: str, error: CatalogueError, codes: dict[str, int], sheet: Rows
) -> str:
    is_indicator = len(parts) > 1 and parts[1] in codes
    row = codes[parts[1]] if is_indicator else codes[parts[0]]
    fields = INDICATOR_FIELDS if is_indicator else CRITERION_FIELDS
    band = parts[2].removeprefix("band ") if len(parts) > 2 else error.params.get("band")
    if band is None and "best band" in error.template:
        band = 1  # the first band does not give the maximum: its points are the cell to fix
    if band is not None and str(band).isdigit():
        key = field or ("points" if error.code == "CAT_BAND_POINTS" else "threshold")
        key = "threshold" if key == "max_count" else key
        title = next((band_title(int(band), f) for f in BAND_FIELDS if f.key == key), "")
        return where(INDICATOR_SHEET, row, _column(sheet, title))
    if not field:
        field = {"CAT_POINTS_SUM": "max_points", "CAT_BAND_POINTS": "max_points"}.get(
            error.code, "code"
        )
    if field == "bands" or (not is_indicator and field not in {f.key for f in fields}):
        field = "code"
    title = next((f.title for f in fields if f.key == field), fields[0].title)
    return where(INDICATOR_SHEET, row, _column(sheet, title))


def _condition_place(parts: list[str], field: str, row: int, sheet: Rows) -> str:
    category = next((c for c in UnitCategory if len(parts) > 1 and parts[1] == c.value), None)
    if category is not None:
        title = next(
            (category_title(category, f) for f in THRESHOLD_FIELDS if f.key == field),
            category_title(category, THRESHOLD_FIELDS[0]),
        )
        return where(CONDITION_SHEET, row, _column(sheet, title))
    title = next((f.title for f in CONDITION_FIELDS if f.key == field), "")
    if not title:
        title = CONDITION_FIELDS[6].title if "criterion" in field else CONDITION_FIELDS[0].title
    return where(CONDITION_SHEET, row, _column(sheet, title))
