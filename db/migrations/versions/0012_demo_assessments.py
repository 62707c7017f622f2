"""demo assessments: each assessment says whether it is sample data (issue 13)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

A store whose meta says "demo" (the demo store) marks every assessment it already holds, so that
the mark travels with each one from now on (bundles, documents, lists).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('demo', sa.Boolean(), server_default='0', nullable=False)
        )
    true = 'TRUE' if op.get_bind().dialect.name == 'postgresql' else '1'  # PG: no int to bool
    op.execute(
        f"UPDATE assessments SET demo = {true}"
        " WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'demo' AND value = '1')"
    )


def downgrade() -> None:
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_column('demo')
