"""The log is for support and never carries personal data: a database error logged as a bug does
not quote the figures, names and reasons it was saving, and SQL statements are never logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from assessor_app.logs import LOG_FILE, configure_logging, tail
from assessor_app.services import assessments, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from tests.cli import conftest as cli_conftest
from tests.cli.conftest import Runner

cli = cli_conftest.cli  # the command line in-process, as in tests/cli

PERSONAL = "Nguyễn Thị Bí Mật, sinh 12/03/2014"  # a child's name and birth date


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """Levels this module changes, put back for the other tests."""
    names = ("", "sqlalchemy", "sqlalchemy.engine")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def save_twice(workspace: Workspace) -> None:
    """A bug: a row written without its key, with a personal value among the parameters (a NOT
    NULL violation on both back ends; not a unique violation, which a server store reads as
    another officer's insert meanwhile: STORE_DUPLICATE, docs/store.md)."""
    with workspace.database.transaction() as session:
        session.execute(
            text("INSERT INTO meta (key, value) VALUES (:key, :value)"),
            {"key": None, "value": PERSONAL},
        )


def log_text(home: Path) -> str:
    return (home / "logs" / LOG_FILE).read_text(encoding="utf-8")


def test_a_database_error_logged_as_a_bug_leaves_its_parameters_out(
    cli: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init").code == 0
    monkeypatch.setattr(assessments, "list_assessments", save_twice)
    failed = cli("assessment", "list")
    assert failed.code == 1
    assert "this is a bug" in failed.err
    logged = log_text(home)
    assert "IntegrityError" in logged  # the error is there for support...
    assert "INSERT INTO meta" in logged
    assert PERSONAL not in logged  # ...without what was being saved
    assert "Bí Mật" not in logged
    assert not any(PERSONAL in line for line in tail())


def test_an_error_passed_as_a_message_argument_is_hidden_too(home: Path) -> None:
    configure_logging(home / "logs")
    workspace = open_workspace(home)
    try:
        save_twice(workspace)
    except IntegrityError as error:
        logging.getLogger("assessor_app.test").warning("could not save: %s", error)
    finally:
        workspace.close()
    assert "could not save" in log_text(home)
    assert PERSONAL not in log_text(home)


def test_sql_statements_are_never_logged_whatever_the_level(
    home: Path, restored_logging: None
) -> None:
    # As if another library had lifted SQLAlchemy's own default (WARNING) before the app started.
    logging.getLogger("sqlalchemy").setLevel(logging.NOTSET)
    configure_logging(home / "logs", level=logging.DEBUG)
    workspace = open_workspace(home)
    try:
        reference_data.initialise(workspace)
        created = assessments.create(workspace, "06400", 2026)
        assessments.set_value(workspace, created.id, "TC2.1", "48/50", PERSONAL)
    finally:
        workspace.close()
    logging.getLogger("assessor_app.test").debug("the end")
    logged = log_text(home)
    assert "the end" in logged
    assert "INSERT INTO" not in logged
    assert PERSONAL not in logged
