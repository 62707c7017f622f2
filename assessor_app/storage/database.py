"""Opening the store: the SQLite engine with durable settings, migrations, backups.

Durability settings are applied on every new DB-API connection, before any transaction:
WAL (readers never block the writer), foreign keys (off by default in SQLite!) and synchronous=FULL
(a committed change survives a power cut).

Transactions are begun by us, not by the sqlite3 module (which would only begin one at the first
write, after the reads that decided what to write): a write transaction (`transaction()`) starts with
`BEGIN IMMEDIATE`, taking the store's write lock before it reads, so two writers (the app and the
command line, two windows) are serialised instead of both reading the same audit-chain head and one
failing at commit. A writer that finds the lock held waits up to `busy_timeout_ms`, then gets
STORE_BUSY — an expected error, never "a bug". Reads (`reading()`) start with a plain `BEGIN`: one
consistent snapshot, never blocked by a writer (WAL).

SQL parameters (figures, names, reasons: personal data) are never put into error messages, so
they cannot reach a log file (`hide_parameters=True`).

A store may also be a PostgreSQL database, opened by URL (`postgresql://…`, issue 16): its engine,
isolation levels and expected errors are in storage/database_postgres.py; everything SQLite-only
here (pragmas, BEGIN IMMEDIATE, the private file, busy and disk-full detection, the backup API)
stays on the SQLite path.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from assessor_app.domain.errors import N_, StoreError
from assessor_app.storage import database_postgres as pg, postgres_dump
from assessor_app.storage.password_errors import (  # re-exported: the app's names for them
    PASSWORD_NEEDED as PASSWORD_NEEDED,
    PASSWORD_WRONG as PASSWORD_WRONG,
    password_error,
)
from assessor_app.storage.store_files import copy_store, create_private_file

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

T = TypeVar("T")
# The session a use case's `work` runs in (run_in_transaction): services annotate with it and
# never import SQLAlchemy themselves.
WriteSession = Session

# The newest migration. Opening a store compares the revision it records with this in one query,
# so Alembic (and Mako, its templates) are loaded only when an upgrade is due. A test
# (tests/integration/test_store_upgrades.py) checks that it is Alembic's head.
SCHEMA_HEAD = "0026"

# Called when an existing store is about to be upgraded from the revision given: makes a copy of
# it and returns where (services/backups.py), so nothing is migrated without a way back.
BeforeUpgrade = Callable[["Database", str], Path]

DEFAULT_BUSY_TIMEOUT_MS = 5000
# Below this much free space, an I/O error while writing the store is reported as a full disk:
# SQLite often says only "disk I/O error" when it cannot grow the WAL or its shared-memory file.
_LOW_DISK_BYTES = 8 * 1024 * 1024

_WRITE = "assessor_write"  # execution option: begin with BEGIN IMMEDIATE
_MIGRATE = "assessor_migrate"  # execution option: foreign keys off, then BEGIN IMMEDIATE


def _apply_pragmas(busy_timeout_ms: int) -> Any:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        # We emit BEGIN ourselves (see `_begin`); the sqlite3 module must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return apply


def _begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get(_MIGRATE):
        # Batch migrations rebuild tables; with foreign keys enforced that would fail or cascade.
        # The pragma only takes effect outside a transaction, so it goes right before BEGIN; the
        # connection is discarded after migrating (Database._upgrade), so no pooled connection
        # keeps enforcement off, and env.py checks every reference before committing.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    if options.get(_WRITE) or options.get(_MIGRATE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
    event.listen(engine, "connect", _apply_pragmas(busy_timeout_ms))
    event.listen(engine, "begin", _begin)
    return engine


def migrating(engine: Engine) -> Engine:
    """The engine whose connections migrate: foreign keys off, then BEGIN IMMEDIATE."""
    return engine.execution_options(**{_MIGRATE: True})


def _alembic_config(migrations: Path) -> Config:
    from alembic.config import Config  # only when migrating: Alembic costs start-up time

    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def _sqlite_error(error: DBAPIError) -> sqlite3.Error | None:
    orig = error.orig
    return orig if isinstance(orig, sqlite3.Error) else None


def _is_busy(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(error)


def _disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _LOW_DISK_BYTES
    except OSError:
        return False


def _is_disk_full(error: sqlite3.Error, folder: Path) -> bool:
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "database or disk is full" in str(error):
        return True
    return name.startswith("SQLITE_IOERR") and _disk_nearly_full(folder)


def busy_error(path: Path | str) -> StoreError:
    return StoreError(
        "STORE_BUSY",
        N_(
            "The store {path} is busy: another window or command is saving to it. Nothing was changed; wait a moment and try again."
        ),
        path=str(path),
    )


def disk_full_error(path: Path | str) -> StoreError:
    return StoreError(
        "STORE_DISK_FULL",
        N_(
            "The disk holding the store {path} is full. Nothing was changed; free some space on it (or move the data folder) and try again."
        ),
        path=str(path),
    )


def store_error(
    error: BaseException, path: Path | str, committing: bool = False
) -> StoreError | None:
    """The expected error a database failure stands for (busy, disk full, a server out of reach
    or a connection lost), or None for a bug. `path`: the store file, or the (password-free) URL
    of a PostgreSQL store; `committing`: the failure came while committing (its outcome unknown)."""
    if isinstance(path, str):
        return _postgres_error(error, path, committing)
    if isinstance(error, DBAPIError):
        sqlite_error = _sqlite_error(error)
    elif isinstance(error, sqlite3.Error):
        sqlite_error = error
    else:
        sqlite_error = None
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return disk_full_error(path)
    if sqlite_error is None:
        return None
    if _is_busy(sqlite_error):
        return busy_error(path)
    if _is_disk_full(sqlite_error, path.parent):
        return disk_full_error(path)
    return None


def _postgres_error(error: BaseException, url: str, committing: bool) -> StoreError | None:
    # A missing or refused password first: the desktop app asks for it again on these codes.
    password = pg.password_problem(error)
    if password is not None:
        return password_error(password, url)
    trouble = pg.connection_trouble(error)
    if trouble is not None:
        return pg.connection_error(trouble, url, pg.server_words(error), committing)
    if pg.is_busy(error):
        return busy_error(url)
    if pg.is_duplicate(error):  # retried first (run_in_transaction): never "try again" forever
        return pg.duplicate_error(url)
    if pg.is_disk_full(error):
        return disk_full_error(url)
    if pg.is_not_permitted(error):  # the server's own check (storage/officers.py), raw SQL too
        return StoreError(
            "STORE_NOT_PERMITTED",
            N_(
                "The server of the store {path} refused this change: your user lacks the privilege for it. Nothing was changed; ask the store's administrator for the role it needs."
            ),
            path=url,
        )
    return None


def known_revisions(migrations: Path) -> set[str]:
    """Every schema revision this version of the app knows (loads Alembic)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(migrations))
    return {revision.revision for revision in script.walk_revisions()}


class _Commit:
    """Whether a transaction's COMMIT has been sent (`Database.expected_errors`)."""

    started = False


class Database:
    """An open store (a SQLite file, or a PostgreSQL database by URL): engine, session factories
    and schema check."""

    def __init__(
        self,
        path: Path | str,
        migrations: Path,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        before_upgrade: BeforeUpgrade | None = None,
    ) -> None:
        self.migrations = migrations
        self.before_upgrade = before_upgrade
        self.upgrade_copy: Path | None = None  # the copy made before this open upgraded the store
        if pg.is_postgres_url(path):
            assert isinstance(path, str)
            self.url: str | None = path
            self.location: Path | str = pg.shown_url(path)  # what messages show: no password
            self.engine = pg.make_postgres_engine(path)
            writes = pg.write_engine(self.engine)
        else:
            path = Path(path)
            self.url = None
            self.location = path
            self.path = path
            self._create_file(path)
            self.engine = make_engine(path, busy_timeout_ms)
            writes = self.engine.execution_options(**{_WRITE: True})
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessions = sessionmaker(writes, expire_on_commit=False)
        try:
            self._upgrade()
        except DBAPIError as error:
            self.engine.dispose()
            orig = _sqlite_error(error)
            detail = pg.server_words(error) if self.is_postgres else str(orig or error)
            raise self._open_error(error, detail) from error
        except StoreError:
            self.engine.dispose()  # no pooled connection outlives a store that was not opened
            raise

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def _create_file(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            create_private_file(path)
        except OSError as error:
            raise self._open_error(error, error.strerror or str(error)) from error

    def _open_error(self, error: BaseException, detail: str) -> StoreError:
        expected = store_error(error, self.location)
        if expected is not None:
            return expected
        if self.is_postgres:
            return StoreError(
                "STORE_UNREADABLE",
                N_("The store {path} on the server cannot be opened: {detail}"),
                path=str(self.location),
                detail=detail,
            )
        return StoreError(
            "STORE_UNREADABLE",
            N_("The data file {path} cannot be opened: {detail}"),
            path=str(self.location),
            detail=detail,
        )

    def _upgrade(self) -> None:
        """Apply pending migrations, after a copy of the store; refuse a file written by a newer
        version of the app. An up-to-date store costs one query.

        On a server, under the migration lock (storage/database_postgres.py: `migration_lock`),
        taken before the revision is read again: a program that waited for another's migration
        finds the store up to date and migrates nothing."""
        current = self.revision()
        if current == SCHEMA_HEAD:
            return
        if not self.is_postgres:
            self._upgrade_from(current)
            return
        with pg.migration_lock(self.engine):
            self._upgrade_from(self.revision())

    def _upgrade_from(self, current: str | None) -> None:
        if current == SCHEMA_HEAD:
            return
        from alembic.script import ScriptDirectory

        config = _alembic_config(self.migrations)
        script = ScriptDirectory.from_config(config)
        known = {revision.revision for revision in script.walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                "STORE_TOO_NEW",
                N_(
                    "The store {path} on the server was written by a newer version of the app (schema {revision}); install that version or newer to open it."
                )
                if self.is_postgres
                else N_(
                    "The data file {path} was written by a newer version of the app (schema {revision}); install that version or newer to open it."
                ),
                path=str(self.location),
                revision=current,
            )
        if current == script.get_current_head():
            return
        if current is not None and self.url is not None:
            self._check_may_migrate(self.url, current)  # before any copy: no dump for nothing
        if current is not None and self.before_upgrade is not None:
            self.upgrade_copy = self.before_upgrade(self, current)
        try:
            self._migrate(config)
        except Exception as error:
            self.engine.dispose()
            raise self._upgrade_error(error, current) from error

    def _check_may_migrate(self, url: str, current: str) -> None:
        with self.engine.connect() as connection:
            owner = pg.migration_owner_if_not_allowed(connection)
        if owner is None:
            return
        raise StoreError(
            "STORE_UPGRADE_NOT_PERMITTED",
            N_(
                "The store {path} is at schema {revision} and this version of the app needs schema {head}; only its owner, the server user {owner}, may upgrade it. Nothing was copied or changed. Ask the store's administrator to open it once as {owner} with this version of the app (for example: assessor-app --store {owner_url} store backups), then try again."
            ),
            path=str(self.location),
            revision=current,
            head=SCHEMA_HEAD,
            owner=owner,
            owner_url=pg.shown_url(pg.as_user(url, owner)),
        )

    def _migrate(self, config: Config) -> None:
        from alembic import command

        # One transaction for every pending migration (SQLite's and PostgreSQL's DDL are
        # transactional): a failure rolls all of them back and leaves the store as it was.
        engine = pg.write_engine(self.engine) if self.is_postgres else migrating(self.engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        # Migrations turn foreign-key enforcement off on their connection: drop it from the pool
        # so that every connection the app uses gets the durable settings again.
        self.engine.dispose()

    def _upgrade_error(self, error: Exception, current: str | None) -> StoreError:
        expected = store_error(error, self.location)  # busy, disk full: say so, nothing changed
        if expected is not None:
            return expected
        log.error("upgrading %s from schema %s failed", self.location, current, exc_info=error)
        return StoreError(
            "STORE_UPGRADE_FAILED",
            N_(
                "The store {path} on the server could not be brought up to this version of the app (from schema {revision}): {detail}. Nothing in it was changed. A copy made before the attempt: {copy}."
            )
            if self.is_postgres
            else N_(
                "The data file {path} could not be brought up to this version of the app (from schema {revision}): {detail}. Nothing in it was changed. A copy made before the attempt: {copy}."
            ),
            path=str(self.location),
            revision=current or "—",
            detail=str(getattr(error, "orig", None) or error),
            copy=str(self.upgrade_copy) if self.upgrade_copy else "—",
        )

    def revision(self) -> str | None:
        """The schema revision the store records (None: a new, empty store)."""
        with self.engine.connect() as connection:
            if self.is_postgres:
                has_table = pg.has_version_table(connection)
            else:
                has_table = (
                    connection.exec_driver_sql(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                    ).first()
                    is not None
                )
            if not has_table:
                return None
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return None if row is None else str(row[0])

    @contextmanager
    def expected_errors(self, commit: _Commit | None = None) -> Iterator[None]:
        """Database failures inside become the expected errors they stand for (`store_error`);
        `commit.started`: the failure came while committing."""
        try:
            yield
        except (DBAPIError, sqlite3.Error) as error:  # not OSError: that may be another disk's
            committing = commit is not None and commit.started
            expected = store_error(error, self.location, committing)
            if expected is None and self.is_postgres and isinstance(error, DBAPIError):
                # A bug: reported without the server's DETAIL, which quotes the row's values.
                raise pg.without_row_data(error) from None
            if expected is None:
                raise
            raise expected from error

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case = one transaction: committed whole or not at all.

        Takes the write lock first (BEGIN IMMEDIATE); STORE_BUSY when another writer holds it for
        longer than the busy timeout, STORE_DISK_FULL when the disk is full."""
        commit = _Commit()
        with self.expected_errors(commit), self.write_sessions() as session, session.begin():
            yield session
            session.flush()  # a failure after this is one of COMMIT: its outcome is unknown
            commit.started = True

    def run_in_transaction(self, work: Callable[[Session], T]) -> T:
        """`work(session)` in one write transaction, committed whole or not at all; on a
        PostgreSQL store, run again from scratch (a new session, nothing of the failed attempt
        kept) when the server refused it for another officer's transaction (serialization failure,
        deadlock), a few times after a short random pause, before STORE_BUSY. `work` must do
        nothing outside the session that it could not do twice (no files, no messages).

        `transaction()` cannot retry: the body of a with-block runs once."""
        attempt = 1
        while True:
            try:
                commit = _Commit()
                with self.expected_errors(commit), self.write_sessions() as s, s.begin():
                    result = work(s)
                    s.flush()
                    commit.started = True
                    return result
            except StoreError as error:
                cause = error.__cause__
                if not (self.is_postgres and cause is not None and pg.may_retry(cause, attempt)):
                    raise
            log.info("retrying a transaction the server refused (attempt %d)", attempt)
            time.sleep(pg.retry_pause(attempt))
            attempt += 1

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent snapshot for reading (never blocked by a writer)."""
        with self.expected_errors(), self.sessions() as session:
            yield session

    def backup(self, target: Path) -> None:
        """A consistent copy through SQLite's backup API (never a copy of the live file); of a
        PostgreSQL store, a pg_dump archive (storage/postgres_dump.py)."""
        if self.url is not None:
            postgres_dump.dump(self.url, target, str(self.location))
            return
        copy_store(self.path, target)

    def close(self) -> None:
        self.engine.dispose()
