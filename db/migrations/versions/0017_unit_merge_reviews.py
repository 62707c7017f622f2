"""unit merge reviews: a person confirms or corrects each row of the shipped merge table (issue 14)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

Written against 0012 while other slices add 0013-0016: the merger re-chains `down_revision`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'unit_merge_reviews',
        sa.Column('row_id', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('corrected_old', sa.String(length=8), nullable=True),
        sa.Column('corrected_new', sa.String(length=8), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('reviewed_by', sa.Text(), nullable=False),
        sa.Column('reviewed_at', sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "status IN ('confirmed', 'corrected')", name=op.f('ck_unit_merge_reviews_status')
        ),
        sa.PrimaryKeyConstraint('row_id', name=op.f('pk_unit_merge_reviews')),
    )


def downgrade() -> None:
    op.drop_table('unit_merge_reviews')
