"""checks on state columns, an index on evidence_links.sha256, paths relative to the data home

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from pathlib import Path, PurePath

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Every value the app writes into each state column (storage/schema.py holds the same lists): a
# typo in the code, or a damaged bundle, is refused by the store instead of kept.
CHECKS = {
    'assessments': {
        'kind': "kind IN ('self', 'team', 'review')",
        'status': "status IN ('draft', 'finalized')",
    },
    # "" : members merged from bundles of versions that did not check the role
    'team_members': {'role': "role IN ('lead', 'member', 'secretary', '')"},
    'trusted_keys': {
        'via': "via IN ('card', 'rotation', 'own')",
        'role': "role IN ('team', 'office', '')",  # "": enrolled before roles existed
    },
    'seen_bundles': {'outcome': "outcome IN ('accepted', 'quarantined', 'rejected')"},
    'sent_bundles': {
        'status': "status IN ('reserved', 'sent', 'burnt')",
        'receipt_outcome': "receipt_outcome IS NULL OR receipt_outcome IN ('accepted', 'quarantined', 'rejected')",
    },
    'quarantine': {'status': "status IN ('held', 'resolved', 'rejected')"},
}

# (table, key column, path column): paths that name a file inside the data home.
PATHS = (('quarantine', 'id', 'stored_path'), ('seen_bundles', 'bundle_id', 'receipt_path'))


def _data_home() -> Path | None:
    """The folder holding the database being migrated (None for an in-memory store)."""
    if op.get_bind().dialect.name != 'sqlite':
        return None  # a PostgreSQL store has no file; these paths come only from SQLite stores
    for _seq, name, file in op.get_bind().exec_driver_sql('PRAGMA database_list'):
        if name == 'main' and file:
            return Path(file).parent
    return None


def relative_to_home(stored: str, home: Path) -> str | None:
    """`stored` made relative to the data home (forward slashes), or None to leave it as it is
    (already relative, or outside the data home)."""
    path = PurePath(stored)
    if not path.is_absolute():
        return None
    for base, candidate in ((home, Path(path)), (home.resolve(), Path(path).resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


def _relative_paths() -> None:
    home = _data_home()
    if home is None:
        return
    bind = op.get_bind()
    for table, key, column in PATHS:
        rows = bind.exec_driver_sql(
            f'SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL'
        ).fetchall()
        for row_key, stored in rows:
            relative = relative_to_home(stored, home)
            if relative is not None:
                bind.exec_driver_sql(
                    f'UPDATE {table} SET {column} = ? WHERE {key} = ?', (relative, row_key)
                )


def upgrade() -> None:
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, condition in checks.items():
                batch_op.create_check_constraint(name, condition)
    # Which links use an evidence file: asked when a file is removed or stored again.
    with op.batch_alter_table('evidence_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_links_sha256'), ['sha256'], unique=False)
    _relative_paths()


def _absolute_paths() -> None:
    """What the previous versions read: the relative paths made absolute again."""
    home = _data_home()
    if home is None:
        return
    bind = op.get_bind()
    for table, key, column in PATHS:
        rows = bind.exec_driver_sql(
            f'SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL'
        ).fetchall()
        for row_key, stored in rows:
            if not PurePath(stored).is_absolute():
                bind.exec_driver_sql(
                    f'UPDATE {table} SET {column} = ? WHERE {key} = ?', (str(home / stored), row_key)
                )


def downgrade() -> None:
    _absolute_paths()
    with op.batch_alter_table('evidence_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_links_sha256'))
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in checks:
                batch_op.drop_constraint(op.f(f'ck_{table}_{name}'), type_='check')
