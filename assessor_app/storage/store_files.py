"""Store files as whole files: consistent copies through SQLite's backup API (never a byte copy
of a live file), and what a copy is (its schema revision, whether it is intact) without opening it
as the app's store."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from assessor_app.core.files import fsync_and_replace


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists: the store holds personal data of
    children and officials, and SQLite gives its -wal and -shm files the mode of the store file."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of the store `source` as the new file `target` (written beside it, fsynced,
    then renamed into place: a crash leaves the old `target` or the new one, never half of it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".part")
    temporary.unlink(missing_ok=True)
    create_private_file(temporary)  # a copy holds the same personal data as the store
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(temporary)) as copy:
        reading.backup(copy)
    fsync_and_replace(temporary, target)


def copy_into_store(source: Path, store: Path) -> None:
    """Replace the content of the store file `store` by the copy `source`, through the backup API
    on the store itself, so that SQLite's locks and its WAL stay consistent (other connections
    see the whole old or the whole new content)."""
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(store)) as live:
        reading.backup(live)
        live.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def stored_revision(path: Path) -> str | None:
    """The schema revision a store file records; None when it has none. sqlite3.DatabaseError
    for a file that is not a SQLite database."""
    with closing(_read_only(path)) as connection:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if has_table is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])


def is_intact(path: Path) -> bool:
    """SQLite's own check of every page and index of the file."""
    try:
        with closing(_read_only(path)) as connection:
            return bool(connection.execute("PRAGMA integrity_check").fetchone() == ("ok",))
    except sqlite3.DatabaseError:
        return False
