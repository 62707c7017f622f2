"""The desktop app at start-up removes what a killed run left, and its error dialog for bugs logs
a database error without the personal data being saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import IntegrityError

from assessor_app.logs import LOG_FILE, configure_logging
from assessor_app.ui.application import open_for_gui
from assessor_app.ui.errors import ErrorReporter

PERSONAL = "Nguyễn Thị Bí Mật, sinh 12/03/2014"


def test_opening_the_store_removes_a_killed_imports_copy(home: Path, qapp: QApplication) -> None:
    leftover = home / "incoming" / "bundle-k1lled00"
    (leftover / "bundle" / "data").mkdir(parents=True)
    (home / "incoming" / "bundle-k1lled00.lock").touch()  # nobody holds it any more
    workspace = open_for_gui(None, home)
    try:
        assert not (home / "incoming").exists()
    finally:
        workspace.close()


def test_a_database_bug_is_logged_and_shown_without_its_parameters(
    home: Path, qapp: QApplication
) -> None:
    errors = ErrorReporter(configure_logging(home / "logs"))
    errors.modal = False
    error = IntegrityError(
        "INSERT INTO indicator_comments (text) VALUES (?)",
        (PERSONAL,),
        sqlite3.IntegrityError("UNIQUE constraint failed: indicator_comments.id"),
    )
    try:
        raise error
    except IntegrityError as raised:
        errors.report(None, raised)
    logged = (home / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert "UNIQUE constraint failed" in logged
    assert PERSONAL not in logged
    assert errors.shown[-1][0] == "unexpected"
    assert PERSONAL not in errors.shown[-1][1]
