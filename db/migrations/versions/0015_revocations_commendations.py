"""revocations and commendations: a recognition decision's kind, and the commendations table
(issue 14)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Written against 0012 while other parts of issue 14 added 0013, 0014, 0016 and 0017: the merge
re-chains `down_revision`. Every decision recorded before is a recognition decision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('recognition_decisions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('kind', sa.String(length=16), server_default='recognition', nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f('ck_recognition_decisions_kind'),
            "kind IN ('recognition', 'revocation')",
        )
    op.create_table(
        'commendations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=64), nullable=False),
        sa.Column('decided_on', sa.String(length=10), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('authority', sa.Text(), nullable=False),
        sa.Column('form', sa.Text(), nullable=False),
        sa.Column('signer_name', sa.Text(), nullable=False),
        sa.Column('signer_position', sa.Text(), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('recipients_json', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.String(length=32), nullable=False),
        sa.Column('recorded_by', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_commendations')),
        sa.UniqueConstraint(
            'authority', 'year', 'number', name=op.f('uq_commendations_authority')
        ),
    )
    op.create_index(op.f('ix_commendations_year'), 'commendations', ['year'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_commendations_year'), table_name='commendations')
    op.drop_table('commendations')
    with op.batch_alter_table('recognition_decisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_recognition_decisions_kind'), type_='check')
        batch_op.drop_column('kind')
