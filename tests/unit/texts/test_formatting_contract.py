"""Only the text layer formats numbers and dates (docs/translations.md, "The text layer").

import-linter keeps `locale` and Babel out of every other package (pyproject.toml); it cannot see
calls, so this test reads the source: outside `assessor_app/texts`, no format spec that shapes a
number (precision, grouping, a float or per-cent type, zero padding), no %-formatting of floats, no
`strftime`, no `round()`, no Qt date or number formatting. Width and alignment (`{code:<6}`) are
layout and stay allowed. A justified exception carries `# text-layer: <why>` on its line.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "assessor_app"
EXEMPT_MARK = "# text-layer:"

# A spec shapes a number when it has a precision, a grouping option, a number type or zero padding.
_NUMBER_SPEC = re.compile(r"(\.\d|[,_]|[eEfFgGn%]$|^0\d|^[<>=^]?0\d|\d+d$)")
# a replacement field of str.format: a name, an attribute or index, or nothing, then ":spec"
_FIELD_WITH_SPEC = re.compile(r"\{(?:[A-Za-z_][\w.]*(?:\[\w+\])?|\d*):([^{}]*)\}")
_PERCENT_FLOAT = re.compile(r"%[-#0 +]*\d*\.?\d*[eEfFgG]|%0\d+d")
_CALLS = {
    "strftime": "strftime: dates are texts.dates'",
    "round": "round(): the one rounding rule is texts.numbers.rounded",
    "formattedDataSize": "Qt's file size: texts.numbers.file_size",
    "toCurrencyString": "Qt's number formatting: texts.numbers",
}
# Qt's date and number formatting is allowed nowhere but where Qt's own dialogs get their locale.
_QLOCALE_ALLOWED = {PACKAGE / "ui" / "qt_translations.py"}
# Known exceptions in files another change owns, by file and finding (not line): to be fixed there.
KNOWN: set[tuple[str, str]] = set()


def _sources() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if PACKAGE / "texts" not in path.parents:
            yield path


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _spec_text(spec: ast.expr | None) -> str:
    """The literal part of a format spec (`{x:<{width}}` has "<" and a nested field)."""
    if not isinstance(spec, ast.JoinedStr):
        return ""
    return "".join(v.value for v in spec.values if isinstance(v, ast.Constant))


def findings(path: Path) -> Iterator[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            spec = _spec_text(node.format_spec)
            if spec and _NUMBER_SPEC.search(spec):
                yield node.lineno, f"format spec ':{spec}' shapes a number: use texts.numbers"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            for spec in _FIELD_WITH_SPEC.findall(node.value):
                if _NUMBER_SPEC.search(spec):
                    yield node.lineno, f"format field ':{spec}' shapes a number: use texts.numbers"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            left = node.left
            if (
                isinstance(left, ast.Constant)
                and isinstance(left.value, str)
                and _PERCENT_FLOAT.search(left.value)
            ):
                yield node.lineno, "%-formatting of a number: use texts.numbers"
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _CALLS:
                yield node.lineno, _CALLS[name]
            elif name == "format" and isinstance(func, ast.Name) and len(node.args) == 2:
                yield node.lineno, "format(value, spec): use texts.numbers"
            elif name == "toString" and node.args:
                yield node.lineno, "Qt's toString(format): use texts.dates or texts.numbers"
            elif name == "setDisplayFormat" and any(isinstance(a, ast.Constant) for a in node.args):
                yield node.lineno, "a literal Qt date format: use texts.dates.QT_*"
        elif isinstance(node, ast.Name) and node.id == "QLocale" and path not in _QLOCALE_ALLOWED:
            yield node.lineno, "QLocale formats by the computer's settings: use texts"


def test_only_the_text_layer_formats_numbers_and_dates() -> None:
    problems = []
    for path in _sources():
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, what in findings(path):
            where = path.relative_to(ROOT).as_posix()
            if EXEMPT_MARK in lines[lineno - 1] or (where, what) in KNOWN:
                continue
            problems.append(f"{where}:{lineno}: {what}")
    assert problems == [], "\n".join(problems)


def _findings_in(tmp_path: Path, code: str) -> list[str]:
    path = tmp_path / "sample.py"
    path.write_text(code, encoding="utf-8")
    return [what for _line, what in findings(path)]


def test_the_scan_catches_what_it_should(tmp_path: Path) -> None:
    caught = [
        'f"{rate:.1f}"',
        'f"{total:,}"',
        'f"{share:%}"',
        'f"{day.month:02d}"',
        '"{:.2f}".format(x)',
        '"%.1f" % x',
        "moment.strftime('%d/%m')",
        "round(x, 1)",
        "format(x, '.1f')",
        "stamp.toString('dd/MM/yyyy')",
        "QLocale().toString(3.5)",
        "edit.setDisplayFormat('dd/MM')",
    ]
    for code in caught:
        assert _findings_in(tmp_path, f"x = 1\nday = None\nv = {code}\n"), code


def test_the_scan_lets_layout_and_plain_text_through(tmp_path: Path) -> None:
    allowed = [
        'f"{code:<6} {name:>28}"',
        'f"{label:<{width}}"',
        'f"{value}"',
        '"{name}: {rate}".format(name=1, rate=2)',
        '"%s of %d" % (a, b)',
        '"HH:mm — 100 %"',
    ]
    for code in allowed:
        assert not _findings_in(
            tmp_path, f"a = b = width = label = value = code = name = 1\nv = {code}\n"
        ), code
