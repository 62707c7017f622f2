"""recognition decisions: the Quyết định công nhận recorded by the office (issue 12)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'recognition_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=64), nullable=False),
        sa.Column('decided_on', sa.String(length=10), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('scope_level', sa.String(length=16), nullable=False),
        sa.Column('scope_code', sa.String(length=16), nullable=False),
        sa.Column('scope_name', sa.Text(), nullable=False),
        sa.Column('authority', sa.Text(), nullable=False),
        sa.Column('signer_name', sa.Text(), nullable=False),
        sa.Column('signer_position', sa.Text(), nullable=False),
        sa.Column('signer_authority', sa.Text(), nullable=False),
        sa.Column('document_json', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.String(length=32), nullable=False),
        sa.Column('recorded_by', sa.Text(), nullable=False),
        sa.CheckConstraint(
            "scope_level IN ('district', 'province')",
            name=op.f('ck_recognition_decisions_scope_level'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition_decisions')),
        sa.UniqueConstraint(
            'scope_code', 'year', 'number', name=op.f('uq_recognition_decisions_scope_code')
        ),
    )
    op.create_index(
        op.f('ix_recognition_decisions_year'), 'recognition_decisions', ['year'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_recognition_decisions_year'), table_name='recognition_decisions')
    op.drop_table('recognition_decisions')
