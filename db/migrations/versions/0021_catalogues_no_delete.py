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

from assessor_app.storage.refusing_triggers import create_refusal, drop_refusal

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_refusal(
        op,
        "catalogues_no_delete",
        "catalogues",
        "DELETE",
        "a stored catalogue is immutable; publish a new version",
    )


def downgrade() -> None:
    drop_refusal(op, "catalogues_no_delete", "catalogues")
