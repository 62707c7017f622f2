"""Qt's own stock texts in Vietnamese: build and check resources/locale/vi/qt/qtbase_vi.qm.

Qt ships no Vietnamese catalogue, so the app carries its own: `qtbase_vi.ts` is the source (edit it
by hand or with Qt Linguist), `qtbase_vi.qm` what the app loads (ui/qt_translations.py).

    python packaging/qt_i18n.py build   # pyside6-lrelease qtbase_vi.ts → qtbase_vi.qm
    python packaging/qt_i18n.py check   # every message translated, the .qm built from the .ts

The contexts cover the stock dialogs the app opens: buttons (QPlatformTheme, QDialogButtonBox),
message and input boxes, the file dialog (QFileDialog, QFileSystemModel) and the print dialog
(QPrintDialog, QPrintWidget, QPrintSettingsOutput, QPrintPropertiesWidget, QPageSetupWidget,
QCupsJobWidget, QCupsPrinterSupport, QPrintPreviewDialog). Their English source texts are Qt's own,
exactly, accelerators ("&Look in:") included: a source text that differs by one character is not
found and the English shows. tests/gui/test_qt_stock_dialogs.py opens the dialogs in Vietnamese and
fails on any English text left.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "locale" / "vi" / "qt" / "qtbase_vi.ts"
QM = TS.with_suffix(".qm")


def lrelease() -> str:
    """PySide6's lrelease, next to this Python (a venv's bin/ or Scripts/)."""
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).exists():
            return str(here / name)
    found = shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install PySide6 in this environment")
    return found


def build(ts: Path = TS, qm: Path = QM) -> Path:
    subprocess.run(
        [lrelease(), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    return qm


def untranslated(ts: Path = TS) -> list[str]:
    problems = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or not (translation.text or "") or translation.get("type"):
                problems.append(f"{name}: {message.findtext('source')!r} is not translated")
    return problems


def check() -> list[str]:
    problems = untranslated()
    with tempfile.TemporaryDirectory() as folder:
        fresh = build(TS, Path(folder) / QM.name)
        if not QM.is_file() or fresh.read_bytes() != QM.read_bytes():
            problems.append(f"{QM.name} is not built from {TS.name}: run `qt_i18n.py build`")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "check"])
    args = parser.parse_args(argv)
    if args.command == "build":
        print(f"wrote {build().relative_to(ROOT)}")
        return 0
    problems = check()
    for problem in problems:
        print(problem)
    if not problems:
        print(f"Qt translations OK: {TS.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
