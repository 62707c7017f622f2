"""evidence files kept in the store: content in 1 MiB chunks (issue 16)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07

A PostgreSQL store without a shared evidence folder keeps the bytes of each evidence file in
`evidence_chunks`, found through `evidence_contents` (storage/schema_evidence.py says why rows of
bytea and not large objects). The tables exist on SQLite too, empty: a SQLite store keeps its
evidence files in the data home as before. On PostgreSQL the chunks are stored uncompressed
(STORAGE EXTERNAL): photos and PDFs are compressed already, and pglz would only cost time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'evidence_contents',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('upload', sa.String(length=32), nullable=False),
        sa.Column('chunks', sa.Integer(), nullable=False),
        sa.Column('stored_at', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_evidence_contents')),
        sa.UniqueConstraint('upload', name=op.f('uq_evidence_contents_upload')),
    )
    op.create_table(
        'evidence_chunks',
        sa.Column('upload', sa.String(length=32), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('upload', 'seq', name=op.f('pk_evidence_chunks')),
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE evidence_chunks ALTER COLUMN data SET STORAGE EXTERNAL')


def downgrade() -> None:
    op.drop_table('evidence_chunks')
    op.drop_table('evidence_contents')
