"""a stored catalogue cannot be deleted either (issue 15)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07

0018 refuses any UPDATE of a stored catalogue; deleting one and storing another text under the
same code and version would change it all the same, so DELETE is refused too (assessments' foreign
keys already refuse it for a catalogue in use; this covers the others, and raw SQL).
"""

from __future__ import annotations

from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TRIGGER catalogues_no_delete BEFORE DELETE ON catalogues "
        "BEGIN SELECT RAISE(ABORT, 'a stored catalogue is immutable; publish a new version'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS catalogues_no_delete")
