"""Rules of the architecture checked on the source (docs/architecture.md).

- No module of the app grows past 500 lines: a module that outgrows it has more than one
  responsibility; split it along its seams rather than raising the limit. Function complexity is
  checked by ruff (C901, max-complexity 10, pyproject.toml).
- One clock: only `services/clock.py` reads the computer's time. Everything else asks the
  workspace (`workspace.today()`), so the date a commune, a unit list or a report is judged by is
  Vietnam's whatever the computer's time zone, and tests fix the time in one place.
- No translated text is asked for inside an f-string: the gettext extractor does not look into
  f-strings, so such a text would never reach the translators and show in English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "assessor_app"
LIMIT = 500
MODULES = sorted(PACKAGE.rglob("*.py"))
CLOCK_MODULE = PACKAGE / "services" / "clock.py"
READS_THE_CLOCK = re.compile(r"\b(date\.today|datetime\.(now|today|utcnow))\(")


def _name(module: Path) -> str:
    return str(module.relative_to(PACKAGE))


def test_the_package_is_found() -> None:
    assert len(MODULES) > 100
    assert CLOCK_MODULE in MODULES


def test_no_module_is_over_500_lines() -> None:
    sizes = {_name(m): len(m.read_text(encoding="utf-8").splitlines()) for m in MODULES}
    too_long = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert not too_long, f"split these modules along their seams: {too_long}"


def test_only_the_clock_module_reads_the_time() -> None:
    readers = [
        f"{_name(m)}:{number}"
        for m in MODULES
        if m != CLOCK_MODULE
        for number, text in enumerate(m.read_text(encoding="utf-8").splitlines(), start=1)
        if READS_THE_CLOCK.search(text)
    ]
    assert not readers, f"ask the workspace's clock instead: {readers}"


TRANSLATING_CALLS = {"_", "N_", "ngettext"}


def _calls_inside_f_strings(module: Path) -> list[int]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in TRANSLATING_CALLS
                ):
                    lines.append(inner.lineno)
    return lines


def test_no_text_is_translated_inside_an_f_string() -> None:
    found = [f"{_name(m)}:{line}" for m in MODULES for line in _calls_inside_f_strings(m)]
    assert not found, f"translate outside the f-string, or the extractor misses it: {found}"
