"""catalogue draft ids never reused (issue 15)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07

The audit names a draft by its id ("đã xóa bản dự thảo 1"). SQLite hands a deleted row's id to
the next row unless the table is AUTOINCREMENT: the table is rebuilt with it (its rows kept), so
that "draft 1" in the log means one draft only from now on. Ids of drafts deleted before this
upgrade, above the highest one kept, may still be given once more: nothing records them.
"""

from __future__ import annotations

from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table(
        'catalogue_drafts', recreate='always', table_kwargs={'sqlite_autoincrement': True}
    ):
        pass


def downgrade() -> None:
    with op.batch_alter_table(
        'catalogue_drafts', recreate='always', table_kwargs={'sqlite_autoincrement': False}
    ):
        pass
