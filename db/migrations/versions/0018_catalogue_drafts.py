"""catalogue drafts; stored catalogues immutable (issue 15)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

A draft is a catalogue being written (possibly not valid yet). A stored catalogue, shipped,
imported or published, never changes: assessments pin its content hash, and changing it means a
new version. The trigger makes an accidental UPDATE of what is hashed fail loudly, as the audit
log's triggers do (0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assessor_app.storage.refusing_triggers import create_refusal, drop_refusal

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'catalogue_drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('version', sa.String(length=64), nullable=False),
        sa.Column('title_vi', sa.Text(), nullable=False),
        sa.Column('based_on', sa.String(length=64), nullable=True),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('created_at', sa.String(length=32), nullable=False),
        sa.Column('created_by', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.String(length=32), nullable=False),
        sa.Column('updated_by', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_drafts')),
    )
    create_refusal(
        op, "catalogues_no_update", "catalogues", "UPDATE",
        "a stored catalogue is immutable; publish a new version",
        columns="code, version, content_hash, document",
    )


def downgrade() -> None:
    drop_refusal(op, "catalogues_no_update", "catalogues")
    op.drop_table('catalogue_drafts')
