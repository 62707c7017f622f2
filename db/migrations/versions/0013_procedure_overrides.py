"""procedure overrides: the values of the shipped procedure the province set (issue 14)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'procedure_overrides',
        sa.Column('regime', sa.String(length=32), nullable=False),
        sa.Column('item', sa.String(length=32), nullable=False),
        sa.Column('period_from', sa.String(length=10), nullable=False),
        sa.Column('field', sa.String(length=16), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('set_at', sa.String(length=32), nullable=False),
        sa.Column('set_by', sa.Text(), nullable=False),
        sa.CheckConstraint(
            "field IN ('actor', 'due')", name=op.f('ck_procedure_overrides_field')
        ),
        sa.PrimaryKeyConstraint(
            'regime', 'item', 'period_from', 'field', name=op.f('pk_procedure_overrides')
        ),
    )


def downgrade() -> None:
    op.drop_table('procedure_overrides')
