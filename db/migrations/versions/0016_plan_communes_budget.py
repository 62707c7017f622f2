"""the plan: planned communes per unit and year, and the plan's budget (issue 14)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Ships the seed plan's budget (Lạng Sơn's plan implementing QĐ 34/2014, part IV: "Tổng kinh phí
dự kiến thực hiện Kế hoạch: 2,5 tỷ đồng. Trong đó: Ngân sách Trung ương: 1,2 tỷ đồng. Ngân sách
địa phương: 1,3 tỷ đồng") as two lines of the province (code 20) for the whole plan (no year),
marked with their source "plan". The plan names no communes nor counts of communes per year
(it asks each district for a yearly plan), so no planned commune is shipped.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'plan_communes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=16), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('commune_code', sa.String(length=16), nullable=False),
        sa.Column('commune_name', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.String(length=32), nullable=False),
        sa.Column('recorded_by', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_communes')),
        sa.UniqueConstraint(
            'unit_code', 'year', 'commune_code', name=op.f('uq_plan_communes_unit_code')
        ),
    )
    op.create_index(op.f('ix_plan_communes_year'), 'plan_communes', ['year'], unique=False)
    budget = op.create_table(
        'plan_budget',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_code', sa.String(length=16), nullable=False),
        sa.Column('year', sa.Integer(), nullable=True),
        sa.Column('fund', sa.String(length=16), nullable=False),
        sa.Column('planned', sa.Integer(), nullable=True),
        sa.Column('spent', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.String(length=32), nullable=False),
        sa.Column('recorded_by', sa.Text(), nullable=False),
        sa.CheckConstraint(
            "fund IN ('central', 'local', 'other')", name=op.f('ck_plan_budget_fund')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_budget')),
    )
    op.create_index(op.f('ix_plan_budget_year'), 'plan_budget', ['year'], unique=False)
    seed = {'unit_code': '20', 'year': None, 'spent': None, 'note': '', 'source': 'plan'}
    seed |= {'recorded_at': '', 'recorded_by': ''}
    op.bulk_insert(
        budget,
        [
            {**seed, 'fund': 'central', 'planned': 1_200_000_000},
            {**seed, 'fund': 'local', 'planned': 1_300_000_000},
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_plan_budget_year'), table_name='plan_budget')
    op.drop_table('plan_budget')
    op.drop_index(op.f('ix_plan_communes_year'), table_name='plan_communes')
    op.drop_table('plan_communes')
