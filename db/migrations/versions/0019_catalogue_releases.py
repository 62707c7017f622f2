"""catalogue releases: the province's key role, and the releases received (issue 15)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07

A key may now be enrolled as the province's ("province": an office's rights, and it alone signs
catalogue releases); `catalogue_releases` records each release imported or published here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('team', 'office', '')"
ROLES_NOW = "role IN ('team', 'office', 'province', '')"


def _role_check(condition: str) -> None:
    with op.batch_alter_table('trusted_keys', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_trusted_keys_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_trusted_keys_role'), condition)


def upgrade() -> None:
    _role_check(ROLES_NOW)
    op.create_table(
        'catalogue_releases',
        sa.Column('release_id', sa.String(length=36), nullable=False),
        sa.Column('catalogue_hash', sa.String(length=64), nullable=False),
        sa.Column('catalogue_code', sa.String(length=64), nullable=False),
        sa.Column('catalogue_version', sa.String(length=64), nullable=False),
        sa.Column('in_force_from', sa.String(length=10), nullable=False),
        sa.Column('signer_fingerprint', sa.String(length=64), nullable=False),
        sa.Column('publisher', sa.Text(), nullable=False),
        sa.Column('published_by', sa.Text(), nullable=False),
        sa.Column('published_at', sa.String(length=32), nullable=False),
        sa.Column('sequence', sa.Integer(), nullable=False),
        sa.Column('received_at', sa.String(length=32), nullable=False),
        sa.Column('manifest_hash', sa.String(length=64), nullable=False),
        sa.Column('procedure_items', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            'release_id', 'catalogue_hash', name=op.f('pk_catalogue_releases')
        ),
    )
    op.create_index(
        op.f('ix_catalogue_releases_catalogue_code'),
        'catalogue_releases',
        ['catalogue_code'],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_catalogue_releases_catalogue_code'), table_name='catalogue_releases')
    op.drop_table('catalogue_releases')
    op.execute("UPDATE trusted_keys SET role = 'office' WHERE role = 'province'")
    _role_check(ROLES_BEFORE)
