"""Reaching a test's store below the app, on either back end (tests/store_backends.py): what an
attacker with the file, or with the server's owner account, could read and change. Tests that
tampered through `sqlite3.connect(home.database)` use this instead, so that they also run in a
`[postgresql]` run; the audit actor a store records is `workspace.actor` (on a server
"Name [pguser]", storage/officers.server_actor), never the name typed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, inspect

from assessor_app.services.workspace import Workspace


@contextmanager
def raw_store(workspace: Workspace) -> Iterator[Connection]:
    """A connection to the workspace's store outside the app's rules (no read-only snapshot, no
    retry), committed at the end of the block: `connection.exec_driver_sql(...)`. On SQLite the
    file's triggers still hold; on the server the test's user is the database's owner."""
    engine = workspace.database.engine
    if workspace.database.is_postgres:
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    with engine.begin() as connection:
        yield connection


def store_rows(workspace: Workspace) -> list[str]:
    """Every row of every table of the workspace's store, as sorted text, on either back end: to
    compare a store before and after something that must change nothing (in place of sqlite3's
    `iterdump` of the file)."""
    with raw_store(workspace) as connection:
        lines = []
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.exec_driver_sql(f'SELECT * FROM "{table}"').all()
            lines.extend(sorted(f"{table}: {tuple(row)!r}" for row in rows))
        return lines


def drop_refusals(connection: Connection, workspace: Workspace, table: str, *names: str) -> None:
    """Drop the store's refusing triggers `names` on `table` (what the file's or the server's
    owner can do), so that the test can tamper with rows the app never changes."""
    on = f" ON {table}" if workspace.database.is_postgres else ""
    for name in names:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}{on}")
