"""A command imports only what it runs: building the parser loads no command's code, and
`catalogue list` loads neither the documents' libraries (reportlab, openpyxl) nor Alembic."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assessor_app.cli.main import HANDLERS, handler_of

HEAVY = ("reportlab", "openpyxl", "alembic", "mako", "PySide6")


def _loaded_after(code: str, home: Path) -> list[str]:
    probe = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r})"
        " | {m for m in sys.modules if m.startswith('assessor_app.services')})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={"ASSESSOR_HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("command", sorted(HANDLERS))
def test_every_command_has_its_handler(command: str) -> None:
    assert callable(handler_of(command))


def test_building_the_parser_loads_no_command(home: Path) -> None:
    code = "from assessor_app.cli.parser import build_parser; build_parser()"
    assert _loaded_after(code, home) == []


def test_catalogue_list_loads_no_document_library_and_no_alembic(home: Path) -> None:
    _loaded_after("from assessor_app.app import main; assert main(['init']) == 0", home)
    loaded = _loaded_after(
        "from assessor_app.app import main; assert main(['catalogue', 'list']) == 0", home
    )
    assert not set(loaded) & set(HEAVY)  # the store is up to date: no Alembic either
