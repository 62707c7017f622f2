"""Alembic environment. The app passes its own open connection (with the durability pragmas) in
`config.attributes["connection"]`; developers run alembic against `$ASSESSOR_DB`."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import context
from sqlalchemy import Connection

from assessor_app.storage.database import make_engine, migrating
from assessor_app.storage.schema import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    # Batch mode rebuilds a table to alter it (SQLite cannot ALTER most things); rebuilding a
    # parent table with foreign keys enforced would fail or cascade. So the connection comes from
    # `migrating(engine)`, which turns enforcement off before its BEGIN IMMEDIATE (the pragma does
    # nothing inside a transaction), and every reference is checked before the migration commits.
    # The caller discards this connection afterwards, so no pooled connection keeps it off.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name != "sqlite":
            return  # PostgreSQL checked every reference as the migrations ran
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left broken references: {broken[:5]}")


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = migrating(make_engine(Path(os.environ["ASSESSOR_DB"])))
    with engine.begin() as own_connection:
        run_with(own_connection)
