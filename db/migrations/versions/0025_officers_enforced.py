"""the server enforces what officers may do: an append-only audit log that names who wrote it,
evidence removed only when nothing refers to it (PostgreSQL; nothing on SQLite)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07

On a PostgreSQL store the group roles lose UPDATE and DELETE on the audit log and on the evidence
tables (storage/officers.py: APPEND_ONLY_TABLES); the audit log checks that an officer's entry
names the connected user; evidence content is removed through a function that checks references
(storage/officer_checks.py says how and why). A SQLite store has one user: nothing changes there.
"""

from __future__ import annotations

from alembic import op

from assessor_app.storage import officer_checks, officers

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        officers.grant_privileges(bind)
        officer_checks.create_checks(bind)


def downgrade() -> None:
    # The narrower privileges stay: giving officers DELETE on the audit log back is no repair.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        officer_checks.drop_checks(bind)
