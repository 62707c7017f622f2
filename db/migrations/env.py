"""Alembic environment. The app passes its own open connection (with the durability pragmas) in
`config.attributes["connection"]`; developers run alembic against `$ASSESSOR_DB`."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import context

from assessor_app.storage.database import make_engine
from assessor_app.storage.schema import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = make_engine(Path(os.environ["ASSESSOR_DB"]))
    with engine.begin() as own_connection:
        run_with(own_connection)
