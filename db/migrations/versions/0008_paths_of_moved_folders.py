"""paths of a data folder moved before the upgrade to 0007

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

0007 made the stored paths of held bundles and receipts relative to the data home, but only those
inside the folder the store is in now. A data folder copied to a new laptop, or moved to another
drive, before that upgrade kept absolute paths to where it used to be, and its held bundles could no
longer be opened. When such a path names a file that is in the data home under the same folder
(`quarantine/…`, `receipts/…`), it is the same file: store it relative.
"""

from __future__ import annotations

from pathlib import Path, PurePath, PureWindowsPath

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# (table, key column, path column, the data home's folder the files live in)
PATHS = (
    ('quarantine', 'id', 'stored_path', 'quarantine'),
    ('seen_bundles', 'bundle_id', 'receipt_path', 'receipts'),
)


def _data_home() -> Path | None:
    if op.get_bind().dialect.name != 'sqlite':
        return None  # a PostgreSQL store has no file; these paths come only from SQLite stores
    for _seq, name, file in op.get_bind().exec_driver_sql('PRAGMA database_list'):
        if name == 'main' and file:
            return Path(file).parent
    return None


def moved_path(stored: str, home: Path, folder: str) -> str | None:
    """`folder/name` when `stored` is an absolute path into a `folder` that is no longer where it
    was, and the data home has that file; None to leave the path as it is."""
    for flavour in (PurePath, PureWindowsPath):  # a store may come from a Windows laptop
        path = flavour(stored)
        if path.is_absolute() and len(path.parts) >= 2 and path.parent.name == folder:
            if Path(stored).exists():
                return None  # still there (a folder of the user's): keep it
            if (home / folder / path.name).is_file():
                return f'{folder}/{path.name}'
    return None


def upgrade() -> None:
    home = _data_home()
    if home is None:
        return
    bind = op.get_bind()
    for table, key, column, folder in PATHS:
        rows = bind.exec_driver_sql(
            f'SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL'
        ).fetchall()
        for row_key, stored in rows:
            relative = moved_path(stored, home, folder)
            if relative is not None:
                bind.exec_driver_sql(
                    f'UPDATE {table} SET {column} = ? WHERE {key} = ?', (relative, row_key)
                )


def downgrade() -> None:
    pass  # the relative paths are what 0007 writes too

