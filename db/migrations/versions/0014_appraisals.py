"""appraisals: the office's appraisal of a submitted assessment, its state and round (issue 14)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'appraisals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('review_id', sa.Integer(), nullable=False),
        sa.Column('appraises_uid', sa.String(length=36), nullable=False),
        sa.Column('state', sa.String(length=24), nullable=False),
        sa.Column('round', sa.Integer(), nullable=False),
        sa.Column('since', sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "state IN ('submitted', 'under_appraisal', 'returned', 'appraised', 'recognised', "
            "'not_recognised')",
            name=op.f('ck_appraisals_state'),
        ),
        sa.ForeignKeyConstraint(
            ['review_id'],
            ['assessments.id'],
            name=op.f('fk_appraisals_review_id_assessments'),
            ondelete='RESTRICT',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appraisals')),
        sa.UniqueConstraint('review_id', name=op.f('uq_appraisals_review_id')),
    )
    op.create_index(
        op.f('ix_appraisals_appraises_uid'), 'appraisals', ['appraises_uid'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_appraisals_appraises_uid'), table_name='appraisals')
    op.drop_table('appraisals')
