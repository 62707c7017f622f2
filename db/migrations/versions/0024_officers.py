"""officers are people: group roles and table privileges (PostgreSQL), changes held after a conflict

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07

On a PostgreSQL store each officer connects as their own user; this creates the group roles that
say what they may do (domain/officer_roles.py) and grants them their table privileges
(storage/officers.py: the decision and release tables only to their duty). A SQLite store has one
user: nothing to create there. On both back ends, `held_changes` keeps an officer's change that
met another officer's (services/held_changes.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assessor_app.storage import officers

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'held_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('indicator_code', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('held_by', sa.Text(), nullable=False),
        sa.Column('held_at', sa.String(length=32), nullable=False),
        sa.Column('based_on_revision', sa.Integer(), nullable=False),
        sa.Column('found_revision', sa.Integer(), nullable=False),
        sa.Column('resolution', sa.String(length=16), nullable=True),
        sa.Column('resolved_by', sa.Text(), nullable=True),
        sa.Column('resolved_at', sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "resolution IS NULL OR resolution IN ('applied', 'discarded')",
            name=op.f('ck_held_changes_resolution'),
        ),
        sa.ForeignKeyConstraint(
            ['assessment_id'],
            ['assessments.id'],
            name=op.f('fk_held_changes_assessment_id_assessments'),
            ondelete='RESTRICT',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_held_changes')),
    )
    op.create_index(
        op.f('ix_held_changes_assessment_id'), 'held_changes', ['assessment_id'], unique=False
    )
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        officers.create_group_roles(bind)
        officers.grant_privileges(bind)


def downgrade() -> None:
    # The group roles stay: they are the server's, and other databases on it may use them.
    op.drop_index(op.f('ix_held_changes_assessment_id'), table_name='held_changes')
    op.drop_table('held_changes')
