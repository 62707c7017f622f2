"""trust: key roles and devices, reserved export sequences, signed audit-chain heads

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assessor_app.storage.refusing_triggers import create_refusal, drop_refusal

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A key's role (team | office; "" for keys enrolled before roles existed, which can sign
    # bundles but not receipts until enrolled again with a role) and the installation it belongs
    # to (from a version 2 key card; NULL when unknown).
    with op.batch_alter_table('trusted_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('device_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('revoked_snapshot', sa.Text(), nullable=True))
    # An export first reserves its sequence number (status "reserved"), then records the file as
    # "sent"; a reservation found after a crash becomes "sent" (its file exists) or "burnt".
    with op.batch_alter_table('sent_bundles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='sent'))
        batch_op.alter_column('manifest_hash', existing_type=sa.String(length=64), nullable=True)
    op.create_table(
        'signed_heads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('chain', sa.String(length=80), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.Column('key_fingerprint', sa.String(length=64), nullable=False),
        sa.Column('signed_at', sa.String(length=32), nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_signed_heads')),
        sa.UniqueConstraint('chain', 'seq', 'key_fingerprint', name=op.f('uq_signed_heads_chain')),
    )
    with op.batch_alter_table('signed_heads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signed_heads_chain'), ['chain'], unique=False)
    # Signed heads are evidence, like the audit log they seal: never updated or deleted.
    create_refusal(op, "signed_heads_no_update", "signed_heads", "UPDATE", "signed_heads is append-only")
    create_refusal(op, "signed_heads_no_delete", "signed_heads", "DELETE", "signed_heads is append-only")


def downgrade() -> None:
    drop_refusal(op, "signed_heads_no_update", "signed_heads")
    drop_refusal(op, "signed_heads_no_delete", "signed_heads")
    with op.batch_alter_table('signed_heads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signed_heads_chain'))
    op.drop_table('signed_heads')
    op.execute("DELETE FROM sent_bundles WHERE status != 'sent'")
    with op.batch_alter_table('sent_bundles', schema=None) as batch_op:
        batch_op.alter_column('manifest_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column('status')
    with op.batch_alter_table('trusted_keys', schema=None) as batch_op:
        batch_op.drop_column('revoked_snapshot')
        batch_op.drop_column('device_id')
        batch_op.drop_column('role')
