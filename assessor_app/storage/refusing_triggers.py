"""Triggers that refuse a change (append-only tables, immutable catalogues), for the migrations.

The same refusal on both back ends, with the same words, so the tests' `match=` and the app's
error handling see one message: on SQLite `RAISE(ABORT, …)` in the trigger body; on PostgreSQL a
plpgsql function raising an exception (SQLSTATE P0001), run by a row trigger of the same name.
Migrations call these instead of writing SQLite's syntax, so that they run on both.
"""

from __future__ import annotations

from typing import Any


def _quoted(message: str) -> str:
    return "'" + message.replace("'", "''") + "'"


def create_refusal(
    op: Any, name: str, table: str, event: str, message: str, columns: str | None = None
) -> None:
    """A trigger `name` refusing `event` ("UPDATE" or "DELETE") on `table` with `message`;
    `columns` ("a, b"): only an UPDATE that sets one of them."""
    when = f"{event} OF {columns}" if columns else event
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION {_quoted(message)}; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
        )
        return
    op.execute(
        f"CREATE TRIGGER {name} BEFORE {when} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, {_quoted(message)}); END"
    )


def drop_refusal(op: Any, name: str, table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {name}")
