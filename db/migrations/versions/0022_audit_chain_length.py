"""an audit log's chain name holds a copy of another device's log: uid@device (issue 16)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07

The copies of other devices' logs received in bundles are kept under "uid@device" (73 characters),
but audit_log.chain was declared VARCHAR(64). SQLite never enforced the length, so every store
holds such names; PostgreSQL does, so a received bundle could not be imported there nor a store
moved there (`store migrate --to`). Widened to 80, as signed_heads.chain already is.

On SQLite the column's type changes only by rebuilding the table (batch mode), which drops its
triggers: the append-only refusals are made again, with the same names and words as 0001.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assessor_app.storage.refusing_triggers import create_refusal, drop_refusal

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

_REFUSALS = (("audit_log_no_update", "UPDATE"), ("audit_log_no_delete", "DELETE"))


def _chain_length(old: int, new: int) -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Widening a VARCHAR is a change of the catalogue only: no row is rewritten, no trigger fires.
        op.alter_column(
            "audit_log", "chain", type_=sa.String(new), existing_type=sa.String(old),
            existing_nullable=False,
        )  # fmt: skip
        return
    for name, _event in _REFUSALS:
        drop_refusal(op, name, "audit_log")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column(
            "chain", type_=sa.String(new), existing_type=sa.String(old), existing_nullable=False
        )
    for name, event in _REFUSALS:
        create_refusal(op, name, "audit_log", event, "audit log is append-only")


def upgrade() -> None:
    _chain_length(64, 80)


def downgrade() -> None:
    _chain_length(80, 64)
