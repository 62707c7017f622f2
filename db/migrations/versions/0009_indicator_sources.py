"""indicator sources: where each indicator's figures come from, per assessment

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('indicator_sources',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entered_by', sa.Text(), nullable=False),
    sa.Column('entered_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_indicator_sources_assessment_id_assessments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('assessment_id', 'indicator_code', name=op.f('pk_indicator_sources'))
    )


def downgrade() -> None:
    op.drop_table('indicator_sources')
