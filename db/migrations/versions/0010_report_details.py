"""report details: a summary report's number, date, signer, recipients, plan and narrative

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

One JSON document per scope (the province's or a district's code) and evaluation year, so the
next print of the same report keeps what the office entered (services/report_details.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'report_details',
        sa.Column('scope_code', sa.String(length=8), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('document_json', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.String(length=32), nullable=False),
        sa.Column('updated_by', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('scope_code', 'year', name=op.f('pk_report_details')),
    )


def downgrade() -> None:
    op.drop_table('report_details')
