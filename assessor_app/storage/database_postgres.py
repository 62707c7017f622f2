"""The store on a PostgreSQL server (issue 16): the engine, its transactions, its expected errors.

What differs from the SQLite file (storage/database.py), and why:
- Write transactions (`Database.transaction`) run at SERIALIZABLE. A use case reads, then writes
  what it read decided (the audit chain's head, the next version of a value); SQLite serialises
  writers with BEGIN IMMEDIATE, and SERIALIZABLE gives the same guarantee on a server where several
  officers write at once, without us naming every row to lock (REPEATABLE READ plus SELECT … FOR
  UPDATE would need a lock on each row a use case reads, and missing one loses an update). The price
  is that the server may refuse one of two conflicting transactions at commit (SQLSTATE 40001):
  a use case run through `Database.run_in_transaction(work)` is run again from scratch a few
  times after a short random pause (RETRY_ATTEMPTS, `retry_pause`); then, and for a use case written
  as a `with database.transaction()` block (which cannot run twice), it is STORE_BUSY ("nothing was
  changed; try again").
- Reads (`Database.reading`) run at REPEATABLE READ, READ ONLY: one consistent snapshot, never
  blocked by a writer, like SQLite's WAL readers.
- Migrations run in one transaction too (PostgreSQL's DDL is transactional), holding an advisory
  lock so that two programs opening an old store at once do not both migrate it.
- `pool_pre_ping`: a server restarted under a long-running app costs one reconnect, not an error.
- No pragmas, no private file, no backup API: backups of a server are the office's `pg_dump`.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

WRITE_ISOLATION = "SERIALIZABLE"
READ_ISOLATION = "REPEATABLE READ"
# Any constant key, the same in every copy of the app: pg_advisory_xact_lock(key) while migrating.
MIGRATION_LOCK_KEY = 0x61737365  # "asse"

# SQLSTATEs that mean "another officer's transaction got in the way; nothing was changed".
_BUSY_STATES = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
    "57014",  # query_canceled (statement or lock timeout)
    # unique_violation: a use case checked that a key was free (a decision's number, a bundle's
    # id), then another officer's transaction inserted it and committed first; the server may
    # report that as 23505 rather than 40001 (found by tests/integration/test_postgres_crash.py).
    # Run again, the use case's own check refuses with its own words (DECISION_NUMBER_TAKEN).
    "23505",
}
_DISK_FULL_STATES = {"53100"}  # disk_full
_NOT_PERMITTED_STATES = {"42501"}  # insufficient_privilege: the officer's roles do not allow it
# Of those, the ones where running the same transaction again is likely to succeed.
_RETRY_STATES = {"40001", "40P01", "23505"}
RETRY_ATTEMPTS = 4  # runs in all, the first included
_RETRY_BASE_SECONDS = 0.02  # the pause doubles each attempt; jitter spreads two officers apart


def is_postgres_url(location: object) -> bool:
    """Whether a store location is a PostgreSQL URL rather than a file path."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgresql+"))


def driver_url(url: str) -> str:
    """The URL with the psycopg 3 driver named (a plain `postgresql://` would ask for psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    else:
        raise ValueError(f"unsupported PostgreSQL driver: {parsed.drivername}")
    return parsed.render_as_string(hide_password=False)


def shown_url(url: str) -> str:
    """The URL as messages and logs may show it: never the password."""
    return make_url(url).render_as_string(hide_password=True)


def is_openable_url(url: str) -> bool:
    """A PostgreSQL URL naming a database (what `--store` and Settings accept)."""
    try:
        return is_postgres_url(url) and make_url(url).database not in (None, "")
    except ArgumentError:
        return False


def safely_shown(text: str) -> str:
    """Any text given as a store URL, shown without what could be a password."""
    try:
        return shown_url(text)
    except ArgumentError:
        return text if "@" not in text else "…@" + text.rsplit("@", 1)[1]


def without_password(url: str) -> str:
    """The URL with no password in it at all (what Settings may keep)."""
    # URL.set(password=None) means "leave it": replace the field itself.
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def make_postgres_engine(url: str) -> Engine:
    engine = create_engine(
        driver_url(url),
        hide_parameters=True,  # figures, names, reasons: personal data stays out of error texts
        pool_pre_ping=True,
        isolation_level=READ_ISOLATION,
    )
    event.listen(engine, "begin", _begin)
    return engine


def write_engine(engine: Engine) -> Engine:
    """The engine of write sessions: SERIALIZABLE read-write transactions."""
    return engine.execution_options(isolation_level=WRITE_ISOLATION)


def _begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get("isolation_level") != WRITE_ISOLATION and not options.get("assessor_migrate"):
        # A read snapshot must not write by mistake (a write belongs in `transaction()`).
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def lock_for_migration(connection: Connection) -> None:
    """Wait until no other program is migrating this database (released at commit/rollback)."""
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")


def has_version_table(connection: Connection) -> bool:
    row = connection.exec_driver_sql(
        "SELECT 1 FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_name = 'alembic_version'"
    ).first()
    return row is not None


def _sqlstate(error: BaseException) -> str | None:
    orig: Any = error.orig if isinstance(error, DBAPIError) else error
    state = getattr(orig, "sqlstate", None)
    return state if isinstance(state, str) else None


def is_busy(error: BaseException) -> bool:
    return _sqlstate(error) in _BUSY_STATES


def is_disk_full(error: BaseException) -> bool:
    return _sqlstate(error) in _DISK_FULL_STATES


def is_not_permitted(error: BaseException) -> bool:
    return _sqlstate(error) in _NOT_PERMITTED_STATES


def may_retry(error: BaseException, attempt: int) -> bool:
    """Whether a transaction refused with `error` on its `attempt`-th run may run again."""
    return attempt < RETRY_ATTEMPTS and _sqlstate(error) in _RETRY_STATES


def retry_pause(attempt: int) -> float:
    """Seconds to wait before the next run: 20, 40, 80 ms on average, jittered ±50 %."""
    base = _RETRY_BASE_SECONDS * float(2 ** (attempt - 1))
    return base * random.uniform(0.5, 1.5)  # jitter, not a secret


def connection_problem(url: str, timeout_seconds: int = 5) -> str | None:
    """What stops a connection to the store at `url` (the server's or libpq's words, which never
    contain the password), or None when it connects."""
    engine = create_engine(driver_url(url), connect_args={"connect_timeout": timeout_seconds})
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        return str(error.orig).strip()
    finally:
        engine.dispose()
    return None


def url_fields(url: str) -> tuple[str, int | None, str, str]:
    """Host, port, database and user of a store URL (what Settings show)."""
    parsed = make_url(url)
    return (parsed.host or "", parsed.port, parsed.database or "", parsed.username or "")
