"""held bundles in the evidence store: quarantine.content_sha256, stored_path optional

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07

A bundle held in quarantine is kept in the store's evidence store (content-addressed, streamed;
services/import_hold.py), named by its SHA-256, so that every officer of a server store can retry,
resolve or reject it. Rows held before keep their `stored_path` (a file in the data home's
`quarantine/`, read as before on that computer) until `store migrate` carries the file into the
server's evidence store; new rows have no path. On PostgreSQL a held bundle's content is then
referred to like an evidence file's: `assessor_discard_evidence` keeps it while a quarantine row
names it, and a hold committed during a cleanup is refused or keeps its content
(storage/officer_checks.py, made again for the new column).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assessor_app.storage import officer_checks

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_sha256", sa.String(length=64), nullable=True))
        batch_op.alter_column("stored_path", existing_type=sa.Text(), nullable=True)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        officer_checks.create_checks(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        officer_checks.drop_hold_check(bind)
    # A row held since has no file to point at: it keeps the hash's name as a (missing) path.
    op.execute(
        "UPDATE quarantine SET stored_path = 'quarantine/' || content_sha256 "
        "WHERE stored_path IS NULL"
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.alter_column("stored_path", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("content_sha256")
    if bind.dialect.name == "postgresql":
        officer_checks.create_checks(bind)  # without the column: no check of held bundles
