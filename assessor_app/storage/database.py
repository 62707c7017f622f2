"""Opening the store: the SQLite engine with durable settings, migrations, backups.

Durability settings are applied on every new DB-API connection, before any transaction:
WAL (readers never block the writer), foreign keys (off by default in SQLite!) and synchronous=FULL
(a committed change survives a power cut).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assessor_app.domain.errors import N_, StoreError
from assessor_app.storage.files import fsync_and_replace

log = logging.getLogger(__name__)


def _apply_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _apply_pragmas)
    return engine


def _alembic_config(migrations: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


class Database:
    """An open store file: engine, session factory and schema check."""

    def __init__(self, path: Path, migrations: Path) -> None:
        self.path = path
        self.migrations = migrations
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(path)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            self._upgrade()
        except (DatabaseError, OperationalError) as error:
            self.engine.dispose()
            raise StoreError(
                "STORE_UNREADABLE",
                N_("The data file {path} cannot be opened: {detail}"),
                path=str(path),
                detail=str(error.orig) if error.orig else str(error),
            ) from error

    def _upgrade(self) -> None:
        """Apply pending migrations; refuse a file written by a newer version of the app."""
        config = _alembic_config(self.migrations)
        script = ScriptDirectory.from_config(config)
        with self.engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            known = {revision.revision for revision in script.walk_revisions()}
            if current is not None and current not in known:
                raise StoreError(
                    "STORE_TOO_NEW",
                    N_(
                        "The data file {path} was written by a newer version of the app (schema {revision}); install that version or newer to open it."
                    ),
                    path=str(self.path),
                    revision=current,
                )
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        # Migrations turn foreign-key enforcement off on their connection: drop it from the pool
        # so that every connection the app uses gets the durable settings again.
        self.engine.dispose()

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case = one transaction: committed whole or not at all."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def backup(self, target: Path) -> None:
        """A consistent copy through SQLite's backup API (never a copy of the live file)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".part")
        temporary.unlink(missing_ok=True)
        source = sqlite3.connect(self.path)
        try:
            destination = sqlite3.connect(temporary)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        fsync_and_replace(temporary, target)

    def close(self) -> None:
        self.engine.dispose()
