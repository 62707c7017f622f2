"""The catalogue's XLSX template as rows (no file): the round trip is exact on every shipped
catalogue and on odd documents, and each kind of error names its sheet, row and column."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessor_app import i18n
from assessor_app.core.canonical import canonical_json
from assessor_app.domain.errors import CatalogueError
from assessor_app.services.catalogue_sheet_layout import (
    CONDITION_SHEET,
    CRITERION_FIELDS,
    HEADER_SHEET,
    INDICATOR_SHEET,
    column_letter,
    workbook_rows,
)
from assessor_app.services.catalogue_xlsx import document_of

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = sorted((ROOT / "resources" / "catalogues").glob("*.json"))


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    previous = i18n.language()
    i18n.set_language("vi")
    yield
    i18n.set_language(previous)


def _shipped(name: str = "qd06-2019.json") -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "resources" / "catalogues" / name).read_text())
    return document


def _docs_example() -> dict[str, Any]:
    text = (ROOT / "docs" / "catalogue-format.md").read_text(encoding="utf-8")
    block = text.split("<!-- example: complete -->", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    document: dict[str, Any] = json.loads(block)
    return document


def _odd() -> dict[str, Any]:
    """Decimals as numbers and as text, explicit defaults, no end date, no sources."""
    document = _docs_example()
    del document["effective_to"]
    document["legal_basis"].pop("sources")
    bands = document["criteria"][0]["indicators"][0]["bands"]
    bands[0]["threshold"] = 97.5
    bands[1]["threshold"] = "95.25"
    bands[1]["inclusive"] = True
    bands[2]["inclusive"] = False
    document["criteria"][0]["indicators"][0]["scale"] = 100
    document["criteria"][0]["indicators"][0]["empty_denominator"] = "max"
    document["criteria"][1]["indicators"][2]["points_no"] = 0
    return document


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_round_trip_of_every_shipped_catalogue_is_exact(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert canonical_json(document_of(workbook_rows(document))) == canonical_json(document)


@pytest.mark.parametrize("make", [_docs_example, _odd], ids=["docs-example", "odd-values"])
def test_round_trip_keeps_defaults_absent_and_spelling_of_numbers(make: Any) -> None:
    document = make()
    back = document_of(workbook_rows(document))
    assert canonical_json(back) == canonical_json(document)


def test_the_sheets_speak_vietnamese_and_write_labels_not_codes() -> None:
    rows = workbook_rows(_shipped())
    titles = rows[INDICATOR_SHEET][0]
    assert titles[:4] == [
        "Mã tiêu chí",
        "Tên tiêu chí",
        "Tên tiêu chí (tiếng Anh)",
        "Điểm tối đa của tiêu chí",
    ]
    assert "Mức 1: ngưỡng" in titles
    assert "Mức 1: điểm" in titles
    first = dict(zip(titles, rows[INDICATOR_SHEET][1], strict=True))
    assert first["Mã chỉ tiêu"] == "TC1.1"
    assert first["Cách tính điểm"] not in {"rate", "count", "yes_no", "manual"}
    header = {r[0]: r[1] for r in rows[HEADER_SHEET][1:]}
    assert header["Mã bộ tiêu chí"] == "QD06-2019"
    assert rows[CONDITION_SHEET][0][0] == "Mã điều kiện"


def test_codes_are_read_as_well_as_labels() -> None:
    rows = workbook_rows(_shipped())
    titles = rows[INDICATOR_SHEET][0]
    kind = titles.index("Cách tính điểm")
    original = document_of(copy.deepcopy(rows))
    for row in rows[INDICATOR_SHEET][1:]:
        row[kind] = {"Tỷ lệ": "rate"}.get(str(row[kind]), row[kind])
    indicator = original["criteria"][0]["indicators"][0]
    rows[INDICATOR_SHEET][1][kind] = indicator["kind"]
    assert canonical_json(document_of(rows)) == canonical_json(original)


# --- errors: each names its sheet, row and column and carries a code


def _set(rows: dict[str, list[list[Any]]], sheet: str, row: int, title: str, value: Any) -> str:
    """Put `value` in the cell of column `title` on spreadsheet row `row`; the column's letter."""
    column = rows[sheet][0].index(title)
    rows[sheet][row - 1][column] = value
    return column_letter(column)


def _error(rows: dict[str, list[list[Any]]]) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        document_of(rows)
    return caught.value


def _place(error: CatalogueError) -> str:
    return str(error.params["where"])


CELL_CASES = [
    # (sheet, row, column title, bad value, code)
    (INDICATOR_SHEET, 3, "Điểm tối đa của chỉ tiêu", "mười", "CAT_SHEET_VALUE"),
    (INDICATOR_SHEET, 4, "Mức 1: ngưỡng", "chín mươi", "CAT_SHEET_VALUE"),
    (INDICATOR_SHEET, 5, "Cách tính điểm", "Theo cảm tính", "CAT_SHEET_CHOICE"),
    (INDICATOR_SHEET, 2, "Mức độ xác thực của tiêu chí", "gần đúng", "CAT_SHEET_CHOICE"),
    (INDICATOR_SHEET, 6, "Lĩnh vực phụ trách", "Thuế", "CAT_SHEET_CHOICE"),
    (INDICATOR_SHEET, 7, "Mức 1: tính cả ngưỡng", "có lẽ", "CAT_SHEET_VALUE"),
    (CONDITION_SHEET, 3, "Loại điều kiện", "khác", "CAT_SHEET_CHOICE"),
    (HEADER_SHEET, 13, "Giá trị", "ba mươi tháng hai", "CAT_SHEET_VALUE"),
]


@pytest.mark.parametrize(("sheet", "row", "title", "value", "code"), CELL_CASES)
def test_a_bad_cell_is_named_by_sheet_row_and_column(
    sheet: str, row: int, title: str, value: Any, code: str
) -> None:
    rows = workbook_rows(_shipped())
    if sheet == HEADER_SHEET:
        assert rows[sheet][row - 1][0] == "Hiệu lực từ ngày"
    letter = _set(rows, sheet, row, title, value)
    error = _error(rows)
    assert error.code == code
    assert _place(error) == f"Trang '{sheet}', dòng {row}, cột {letter}"
    assert i18n.render(error).startswith(f"Trang '{sheet}', dòng {row}, cột {letter}: ")


def _criterion_rows(rows: dict[str, list[list[Any]]], code: str) -> list[int]:
    column = rows[INDICATOR_SHEET][0].index("Mã tiêu chí")
    return [n for n, r in enumerate(rows[INDICATOR_SHEET], start=1) if r[column] == code]


LOADER_CASES = [
    # (row, column title, value, code): errors found by the catalogue loader, placed on the sheet;
    # row 6 is TC2.1, a rate with bands 98 % → 75 points, 95 % → 60 points, ...
    (2, "Tên chỉ tiêu", "   ", "CAT_FIELD"),  # empty title
    (6, "Mức 2: ngưỡng", 99, "CAT_BANDS_ORDER"),  # band overlaps the one before
    (6, "Mức 1: ngưỡng", 120, "CAT_BANDS_ORDER"),  # threshold above the scale
    (6, "Mức 2: điểm", 999, "CAT_BAND_POINTS"),  # more than the maximum
    (6, "Mức 1: điểm", 70, "CAT_BAND_POINTS"),  # best band no longer the maximum
    (6, "Thang (100 = %, 1000 = ‰)", 10, "CAT_FIELD"),  # neither per cent nor per thousand
]


@pytest.mark.parametrize(("row", "title", "value", "code"), LOADER_CASES)
def test_a_loader_error_is_placed_on_its_cell(row: int, title: str, value: Any, code: str) -> None:
    rows = workbook_rows(_shipped())
    letter = _set(rows, INDICATOR_SHEET, row, title, value)
    error = _error(rows)
    assert error.code == code
    assert _place(error) == f"Trang '{INDICATOR_SHEET}', dòng {row}, cột {letter}"


def test_indicators_that_no_longer_add_up_name_the_criterion_row() -> None:
    rows = workbook_rows(_shipped())
    first = _criterion_rows(rows, "TC1")
    for row in first:
        _set(rows, INDICATOR_SHEET, row, "Điểm tối đa của tiêu chí", 999)
    error = _error(rows)
    assert error.code == "CAT_POINTS_SUM"
    column = column_letter(rows[INDICATOR_SHEET][0].index("Điểm tối đa của tiêu chí"))
    assert _place(error) == f"Trang '{INDICATOR_SHEET}', dòng {first[0]}, cột {column}"


def test_a_criterion_written_differently_on_its_rows_is_refused() -> None:
    rows = workbook_rows(_shipped())
    second = _criterion_rows(rows, "TC1")[1]
    _set(rows, INDICATOR_SHEET, second, "Tên tiêu chí", "Tên khác")
    error = _error(rows)
    assert error.code == "CAT_SHEET_VALUE"
    assert _place(error).startswith(f"Trang '{INDICATOR_SHEET}', dòng {second}, cột A")


def test_criterion_cells_left_empty_below_its_first_row_continue_it() -> None:
    """As when an official merges the criterion's cells (merged cells read empty below the first)."""
    rows = workbook_rows(_shipped())
    original = document_of(copy.deepcopy(rows))
    for row in _criterion_rows(rows, "TC1")[1:]:
        for field in CRITERION_FIELDS:
            _set(rows, INDICATOR_SHEET, row, field.title, None)
    assert canonical_json(document_of(rows)) == canonical_json(original)


def test_a_duplicate_indicator_code_is_refused_on_its_second_row() -> None:
    rows = workbook_rows(_shipped())
    letter = _set(rows, INDICATOR_SHEET, 3, "Mã chỉ tiêu", "TC1.1")
    error = _error(rows)
    assert error.code == "CAT_DUPLICATE_CODE"
    assert _place(error) == f"Trang '{INDICATOR_SHEET}', dòng 3, cột {letter}"


def test_a_criterion_coming_back_after_another_is_a_duplicate() -> None:
    rows = workbook_rows(_shipped())
    last = len(rows[INDICATOR_SHEET])
    _set(rows, INDICATOR_SHEET, last, "Mã tiêu chí", "TC1")
    assert _error(rows).code in {"CAT_DUPLICATE_CODE", "CAT_SHEET_VALUE"}


def test_a_duplicate_condition_id_is_refused() -> None:
    rows = workbook_rows(_shipped())
    letter = _set(rows, CONDITION_SHEET, 3, "Mã điều kiện", rows[CONDITION_SHEET][1][0])
    error = _error(rows)
    assert error.code == "CAT_DUPLICATE_CODE"
    assert _place(error) == f"Trang '{CONDITION_SHEET}', dòng 3, cột {letter}"


def test_a_missing_column_is_named() -> None:
    rows = workbook_rows(_shipped())
    rows[INDICATOR_SHEET][0][rows[INDICATOR_SHEET][0].index("Cách tính điểm")] = None
    error = _error(rows)
    assert error.code == "CAT_SHEET_COLUMN"
    assert "Cách tính điểm" in i18n.render(error)
    assert _place(error) == f"Trang '{INDICATOR_SHEET}', dòng 1"


def test_a_missing_threshold_names_its_category_column() -> None:
    rows = workbook_rows(_shipped())
    conditions = rows[CONDITION_SHEET]
    row = 4  # DK3, the minimum totals
    title = next(t for t in conditions[0] if t.endswith(": tổng điểm tối thiểu"))
    category = title.split(":")[0]
    letter = _set(rows, CONDITION_SHEET, row, title, None)
    error = _error(rows)
    assert error.code == "CAT_FIELD"  # the entry's status is still there, its minimum is not
    assert _place(error) == f"Trang '{CONDITION_SHEET}', dòng {row}, cột {letter}"
    for other in [t for t in conditions[0] if t.startswith(category + ":")]:
        _set(rows, CONDITION_SHEET, row, other, None)
    error = _error(rows)
    assert error.code == "CAT_CATEGORY"
    assert _place(error).startswith(f"Trang '{CONDITION_SHEET}', dòng {row}, cột ")


def test_a_bad_status_of_a_threshold_is_a_choice_error() -> None:
    rows = workbook_rows(_shipped())
    title = next(t for t in rows[CONDITION_SHEET][0] if t.endswith(": mức độ xác thực"))
    _set(rows, CONDITION_SHEET, 2, title, "chắc chắn")
    assert _error(rows).code == "CAT_SHEET_CHOICE"


def test_a_total_that_does_not_add_up_names_the_header_row() -> None:
    rows = workbook_rows(_shipped())
    row = next(
        n for n, r in enumerate(rows[HEADER_SHEET], start=1) if r[0] == "Tổng số điểm tối đa"
    )
    rows[HEADER_SHEET][row - 1][1] = 1
    error = _error(rows)
    assert error.code == "CAT_TOTAL"
    assert _place(error) == f"Trang '{HEADER_SHEET}', dòng {row}, cột B"


def test_a_gap_between_bands_is_refused() -> None:
    rows = workbook_rows(_shipped())
    titles = rows[INDICATOR_SHEET][0]
    for title in [t for t in titles if re.match(r"Mức 1: ", t)]:
        _set(rows, INDICATOR_SHEET, 6, title, None)
    error = _error(rows)
    assert error.code == "CAT_SHEET_VALUE"
    assert _place(error).startswith(f"Trang '{INDICATOR_SHEET}', dòng 6, cột ")
