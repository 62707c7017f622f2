"""`catalogue export-xlsx` and `catalogue import-xlsx` on real files: the round trip through an
XLSX workbook is exact, a sheet edited in openpyxl with a mistake is refused with its sheet, row and
column, and a refused import leaves no file (and an existing one unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor_app.core.canonical import canonical_json
from tests.cli.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {"QD34-2014": "qd34-2014.json", "QD06-2019": "qd06-2019.json"}


@pytest.mark.parametrize("code", sorted(SHIPPED))
def test_export_then_import_gives_the_same_catalogue(
    cli: Runner, tmp_path: Path, code: str
) -> None:
    sheet = tmp_path / "bang.xlsx"
    exported = cli("catalogue", "export-xlsx", code, "--out", str(sheet))
    assert exported.code == 0, exported.err
    assert sheet.is_file()
    out = tmp_path / "back.json"
    imported = cli("catalogue", "import-xlsx", str(sheet), "--out", str(out), "--json")
    assert imported.code == 0, imported.err
    original = json.loads((ROOT / "resources" / "catalogues" / SHIPPED[code]).read_text("utf-8"))
    assert canonical_json(json.loads(out.read_text("utf-8"))) == canonical_json(original)
    summary = imported.json()
    assert summary["code"] == code
    assert summary["written"] == str(out)
    validated = cli("catalogue", "validate", str(out))
    assert validated.code == 0


def test_the_workbook_has_the_three_sheets_in_vietnamese(cli: Runner, tmp_path: Path) -> None:
    sheet = tmp_path / "bang.xlsx"
    assert cli("catalogue", "export-xlsx", "QD06-2019", "--out", str(sheet)).code == 0
    workbook = load_workbook(sheet)
    assert workbook.sheetnames == ["Thông tin chung", "Chỉ tiêu", "Điều kiện công nhận"]
    indicators = workbook["Chỉ tiêu"]
    assert indicators["A1"].value == "Mã tiêu chí"
    original = json.loads((ROOT / "resources" / "catalogues" / "qd06-2019.json").read_text("utf-8"))
    count = sum(len(c["indicators"]) for c in original["criteria"])
    assert indicators.max_row == 1 + count  # one row per indicator
    assert workbook["Thông tin chung"]["A4"].value == "Mã bộ tiêu chí"
    assert workbook["Thông tin chung"]["B4"].value == "QD06-2019"
    kind_column = next(c.column_letter for c in indicators[1] if c.value == "Cách tính điểm")
    offered = {
        str(v.sqref).split(":")[0]: v.formula1 for v in indicators.data_validations.dataValidation
    }
    assert "Tỷ lệ tính từ hai số liệu" in offered[f"{kind_column}2"]  # a drop-down of the labels


def _broken(tmp_path: Path, cli: Runner, column_title: str, value: object, row: int = 6) -> Path:
    sheet = tmp_path / "bang.xlsx"
    assert cli("catalogue", "export-xlsx", "QD06-2019", "--out", str(sheet)).code == 0
    workbook = load_workbook(sheet)
    indicators = workbook["Chỉ tiêu"]
    column = next(c.column for c in indicators[1] if c.value == column_title)
    indicators.cell(row=row, column=column, value=value)
    workbook.save(sheet)
    return sheet


def test_a_mistake_in_the_sheet_is_named_and_nothing_is_written(
    cli: Runner, tmp_path: Path
) -> None:
    sheet = _broken(tmp_path, cli, "Mức 2: ngưỡng", 99)  # TC2.1: 99 % after 98 %, out of order
    out = tmp_path / "out.json"
    result = cli("catalogue", "import-xlsx", str(sheet), "--out", str(out), lang="vi")
    assert result.code == 3
    assert "Trang 'Chỉ tiêu', dòng 6, cột " in result.err
    assert result.err.rstrip().endswith("[CAT_BANDS_ORDER]")
    assert result.err.count("\n") == 1
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == [sheet.name]  # no temporary file


def test_a_refused_import_leaves_an_existing_file_as_it_was(cli: Runner, tmp_path: Path) -> None:
    sheet = _broken(tmp_path, cli, "Cách tính điểm", "Theo cảm tính")
    out = tmp_path / "out.json"
    out.write_text("{}", encoding="utf-8")
    result = cli("catalogue", "import-xlsx", str(sheet), "--out", str(out))
    assert result.code == 3
    assert "[CAT_SHEET_CHOICE]" in result.err
    assert "'Chỉ tiêu', row 6, column" in result.err
    assert out.read_text(encoding="utf-8") == "{}"


def test_bad_files_give_one_clear_line(cli: Runner, tmp_path: Path) -> None:
    not_xlsx = tmp_path / "a.xlsx"
    not_xlsx.write_text("hello", encoding="utf-8")
    result = cli("catalogue", "import-xlsx", str(not_xlsx), "--out", str(tmp_path / "o.json"))
    assert result.code == 3
    assert "[CAT_SHEET_FILE]" in result.err
    missing = cli("catalogue", "import-xlsx", str(tmp_path / "none.xlsx"), "--out", "o.json")
    assert missing.code == 3
    assert "[FILE_NOT_FOUND]" in missing.err
    unknown = cli("catalogue", "export-xlsx", "NOPE", "--out", str(tmp_path / "x.xlsx"))
    assert unknown.code == 4
    assert "[CATALOGUE_NOT_FOUND]" in unknown.err
    nowhere = cli("catalogue", "export-xlsx", "QD06-2019", "--out", str(tmp_path / "no" / "x.xlsx"))
    assert nowhere.code == 3
    assert "[CAT_WRITE_FAILED]" in nowhere.err


def test_a_workbook_without_its_sheet_is_refused(cli: Runner, tmp_path: Path) -> None:
    sheet = tmp_path / "bang.xlsx"
    assert cli("catalogue", "export-xlsx", "QD06-2019", "--out", str(sheet)).code == 0
    workbook = load_workbook(sheet)
    del workbook["Điều kiện công nhận"]
    workbook.save(sheet)
    result = cli("catalogue", "import-xlsx", str(sheet), "--out", str(tmp_path / "o.json"))
    assert result.code == 3
    assert "[CAT_SHEET_MISSING]" in result.err


def test_the_empty_denominator_is_in_words_and_old_sheets_still_read(
    cli: Runner, tmp_path: Path
) -> None:
    sheet = tmp_path / "bang.xlsx"
    assert cli("catalogue", "export-xlsx", "QD06-2019", "--out", str(sheet)).code == 0
    workbook = load_workbook(sheet)
    indicators = workbook["Chỉ tiêu"]
    titles = [c.value for c in indicators[1]]
    assert "Khi mẫu số bằng 0" in titles
    assert not any("error, max, zero" in str(t) for t in titles)
    column = titles.index("Khi mẫu số bằng 0") + 1
    written = {
        indicators.cell(row=r, column=column).value for r in range(2, indicators.max_row + 1)
    }
    assert written - {None} <= {"không nhận số liệu", "cho điểm tối đa", "cho 0 điểm"}
    assert written - {None}  # the shipped catalogue says it for its rates
    # An official writes the words; a sheet of an earlier version has the old title and codes.
    indicators.cell(row=6, column=column, value="Cho điểm tối đa")
    indicators.cell(row=1, column=column, value="Khi mẫu số bằng 0 (error, max, zero)")
    indicators.cell(row=7, column=column, value="zero")
    workbook.save(sheet)
    out = tmp_path / "back.json"
    imported = cli("catalogue", "import-xlsx", str(sheet), "--out", str(out))
    assert imported.code == 0, imported.err
    document = json.loads(out.read_text("utf-8"))
    rules = [i.get("empty_denominator") for c in document["criteria"] for i in c["indicators"]]
    assert "max" in rules
    assert "zero" in rules


def test_every_mistake_of_the_sheet_is_listed_in_one_run(cli: Runner, tmp_path: Path) -> None:
    sheet = tmp_path / "bang.xlsx"
    assert cli("catalogue", "export-xlsx", "QD06-2019", "--out", str(sheet)).code == 0
    workbook = load_workbook(sheet)
    indicators = workbook["Chỉ tiêu"]
    titles = [c.value for c in indicators[1]]

    def put(row: int, title: str, value: object) -> str:
        column = titles.index(title) + 1
        indicators.cell(row=row, column=column, value=value)
        return indicators.cell(row=row, column=column).column_letter

    first = put(3, "Điểm tối đa của chỉ tiêu", "nhiều")
    second = put(4, "Cách tính điểm", "Theo cảm tính")
    third = put(4, "Mức 1: tính cả ngưỡng", "có lẽ")
    conditions = workbook["Điều kiện công nhận"]
    column = [c.value for c in conditions[1]].index("Điểm tối thiểu của tiêu chí") + 1
    conditions.cell(row=2, column=column, value="cao")
    fourth = conditions.cell(row=2, column=column).column_letter
    workbook.save(sheet)
    out = tmp_path / "out.json"
    result = cli("catalogue", "import-xlsx", str(sheet), "--out", str(out), lang="vi")
    assert result.code == 3
    lines = result.err.strip().splitlines()
    assert len(lines) == 4
    assert f"Trang 'Chỉ tiêu', dòng 3, cột {first}" in lines[0]
    assert lines[0].endswith("[CAT_SHEET_VALUE]")
    assert f"Trang 'Chỉ tiêu', dòng 4, cột {second}" in lines[1]
    assert lines[1].endswith("[CAT_SHEET_CHOICE]")
    assert f"Trang 'Chỉ tiêu', dòng 4, cột {third}" in lines[2]
    assert f"Trang 'Điều kiện công nhận', dòng 2, cột {fourth}" in lines[3]
    assert not out.exists()
    drafted = cli("catalogue", "draft", "import-xlsx", str(sheet))
    assert drafted.code == 3
    assert len(drafted.err.strip().splitlines()) == 4
