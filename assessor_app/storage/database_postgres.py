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
  changed; try again"), or STORE_DUPLICATE for a key another officer recorded meanwhile (reload
  and check: the same change would be refused again).
- Reads (`Database.reading`) run at REPEATABLE READ, READ ONLY: one consistent snapshot, never
  blocked by a writer, like SQLite's WAL readers.
- Migrations run in one transaction too (PostgreSQL's DDL is transactional), while the program
  holds a session-level advisory lock on a connection of its own (`migration_lock`), taken
  before the schema revision is read again: programs opening an old store at once migrate it once.
  (A transaction-level lock taken by a SELECT in the migrating SERIALIZABLE transaction would not
  do: that SELECT fixes the transaction's snapshot before the lock is granted, so a waiting program
  would still see the old revision and migrate again.) Only the owner of the migrations' table
  (or a superuser) may migrate; anyone else is refused before any copy is made.
- `pool_pre_ping`: a server restarted under a long-running app costs one reconnect, not an error.
- No pragmas, no private file, no backup API: backups of a server are the office's `pg_dump`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from assessor_app.domain.errors import N_, StoreError

WRITE_ISOLATION = "SERIALIZABLE"
READ_ISOLATION = "REPEATABLE READ"
# Any constant key, the same in every copy of the app: pg_advisory_lock(key) while migrating.
MIGRATION_LOCK_KEY = 0x61737365  # "asse"

# SQLSTATEs that mean "another officer's transaction got in the way; nothing was changed".
_BUSY_STATES = {
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
    "57014",  # query_canceled (statement or lock timeout)
}
# unique_violation: a use case checked that a key was free (a decision's number, a bundle's id),
# then another officer's transaction inserted it and committed first; the server may report that
# as 23505 rather than 40001 (found by tests/integration/test_postgres_crash.py). It is retried:
# run again, the use case's own check refuses with its own words (DECISION_NUMBER_TAKEN). When it
# cannot be run again, or is refused the same way every time, it is STORE_DUPLICATE, not
# STORE_BUSY: trying the same change again would only be refused again.
_DUPLICATE_STATES = {"23505"}
_DISK_FULL_STATES = {"53100"}  # disk_full
_NOT_PERMITTED_STATES = {"42501"}  # insufficient_privilege: the officer's roles do not allow it
# Of those, the ones where running the same transaction again is likely to succeed.
_RETRY_STATES = {"40001", "40P01", "23505"}
RETRY_ATTEMPTS = 4  # runs in all, the first included
_RETRY_BASE_SECONDS = 0.02  # the pause doubles each attempt; jitter spreads two officers apart


# The schemes a store URL may have: libpq's two, and SQLAlchemy's name of the driver the app uses.
# Another driver (`postgresql+psycopg2://`, `+asyncpg`) is not installed: INVALID_STORE_URL.
_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
# Query parameters libpq reads that are secrets: never saved, shown or put on a command line.
# (sslmode, sslrootcert, sslcert, sslkey, passfile… are not secrets and are kept.)
SECRET_PARAMETERS = ("password", "sslpassword")


def is_postgres_url(location: object) -> bool:
    """Whether a store location is a PostgreSQL URL rather than a file path."""
    return isinstance(location, str) and location.startswith(
        ("postgresql://", "postgresql+", "postgres://")
    )


def _parsed(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername not in _SCHEMES:
        raise ValueError(f"unsupported PostgreSQL driver: {parsed.drivername}")
    return parsed


def driver_url(url: str) -> str:
    """The URL with the psycopg 3 driver named (a plain `postgresql://` would ask for psycopg2)."""
    parsed = _parsed(url).set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def without_secrets(parsed: URL) -> URL:
    """`parsed` with no password in it, neither the field nor a `?password=` parameter."""
    # URL.set(password=None) means "leave it": replace the field itself.
    return parsed._replace(password=None).difference_update_query(SECRET_PARAMETERS)


def shown_url(url: str) -> str:
    """The URL as messages and logs may show it: never the password (`***` in its place)."""
    parsed = make_url(url)
    hidden = {k: "***" for k in SECRET_PARAMETERS if k in parsed.query}
    return parsed.update_query_dict(hidden).render_as_string(hide_password=True)


def is_openable_url(url: str) -> bool:
    """A PostgreSQL URL naming a database (what `--store` and Settings accept)."""
    try:
        return is_postgres_url(url) and _parsed(url).database not in (None, "")
    except (ArgumentError, ValueError):
        return False


def safely_shown(text: str) -> str:
    """Any text given as a store URL, shown without what could be a password."""
    try:
        return shown_url(text)
    except ArgumentError:
        return text if "@" not in text else "…@" + text.rsplit("@", 1)[1]


def without_password(url: str) -> str:
    """The URL with no password in it at all (what Settings may keep); `sslmode` and the other
    parameters that are not secrets stay."""
    return without_secrets(make_url(url)).render_as_string(hide_password=False)


# Passwords typed at start-up (the desktop app's dialog, the command line's prompt) when libpq
# found none (~/.pgpass, PGPASSFILE, a service file): kept in this process's memory only, by
# server, port, database and user, and handed to libpq as a connection argument: never put into a
# URL, a file, a log line or a message.
_passwords: dict[tuple[str, int | None, str, str], str] = {}


def _server_key(url: str) -> tuple[str, int | None, str, str]:
    parsed = make_url(url)
    return (parsed.host or "", parsed.port, parsed.database or "", parsed.username or "")


def remember_password(url: str, password: str) -> None:
    """Use `password` for every connection to the store at `url` from now on (memory only)."""
    _passwords[_server_key(url)] = password


def forget_password(url: str) -> None:
    _passwords.pop(_server_key(url), None)


def remembered_password(url: str) -> str | None:
    """The password typed for the store at `url` in this process, if any."""
    return _passwords.get(_server_key(url))


def _connect_args(url: str) -> dict[str, Any]:
    """psycopg's connection arguments: the password typed in this process (it overrides one in
    the URL: the person typed it because that one was refused)."""
    password = remembered_password(url)
    return {} if password is None else {"password": password}


PASSWORD_NEEDED = "needed"
PASSWORD_WRONG = "wrong"
_INVALID_PASSWORD_STATES = {"28P01"}  # invalid_password


def password_problem(error: BaseException) -> str | None:
    """PASSWORD_NEEDED when the server asked for a password libpq did not have, PASSWORD_WRONG
    when it refused the one given; None for any other failure."""
    orig: Any = error.orig if isinstance(error, DBAPIError) else error
    text = str(orig)
    if "no password supplied" in text:  # libpq's own words (fe_sendauth): no sqlstate
        return PASSWORD_NEEDED
    if _sqlstate(error) in _INVALID_PASSWORD_STATES or "password authentication failed" in text:
        return PASSWORD_WRONG
    return None


def make_postgres_engine(url: str) -> Engine:
    engine = create_engine(
        driver_url(url),
        connect_args=_connect_args(url),
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
    if options.get("isolation_level") in (WRITE_ISOLATION, "AUTOCOMMIT"):
        return
    if not options.get("assessor_migrate"):
        # A read snapshot must not write by mistake (a write belongs in `transaction()`).
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Wait until no other program is migrating this database, and keep it so until the end of the
    block: a session-level lock on a connection of its own, outside any transaction, so that
    whatever the block reads afterwards (on other connections) sees the other's migration. The
    connection leaves the pool (the block may dispose of it) and is closed at the end."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.detach()
        connection.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")


def migration_owner_if_not_allowed(connection: Connection) -> str | None:
    """None when the connected user may migrate the store (owns the migrations' table, directly
    or through a role, or is a superuser); else the user who owns it."""
    row = connection.exec_driver_sql(
        "SELECT pg_has_role(session_user, c.relowner, 'USAGE'), pg_get_userbyid(c.relowner) "
        "FROM pg_class c WHERE c.oid = to_regclass('alembic_version')"
    ).first()
    if row is None or bool(row[0]):
        return None
    return str(row[1])


def as_user(url: str, user: str) -> str:
    """The URL with another user (and no password)."""
    parsed = make_url(url)._replace(password=None)
    return parsed.set(username=user).render_as_string(hide_password=False)


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


def is_duplicate(error: BaseException) -> bool:
    return _sqlstate(error) in _DUPLICATE_STATES


def duplicate_error(url: str) -> StoreError:
    """A key another officer recorded meanwhile, still there after the retries: not "try again"
    (the same change would be refused again) but "reload and check"."""
    return StoreError(
        "STORE_DUPLICATE",
        N_(
            "Another officer recorded the same item in the store {path} at the same time. Nothing was changed; reload, check what is stored now, then make your change again if it is still needed."
        ),
        path=url,
    )


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
    engine = create_engine(
        driver_url(url), connect_args={"connect_timeout": timeout_seconds} | _connect_args(url)
    )
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        return server_words(error)
    finally:
        engine.dispose()
    return None


def url_fields(url: str) -> tuple[str, int | None, str, str, dict[str, str]]:
    """Host, port, database, user and the parameters that are not secrets (sslmode, sslrootcert…)
    of a store URL (what Settings show and keep)."""
    parsed = without_secrets(make_url(url))
    options = {k: v if isinstance(v, str) else v[-1] for k, v in parsed.query.items()}
    return (parsed.host or "", parsed.port, parsed.database or "", parsed.username or "", options)


class Trouble(Enum):
    """Why the server cannot be used, as `connection_trouble` tells it from an error."""

    UNREACHABLE = "unreachable"  # no server answers there: down, starting, wrong host or port
    AUTH = "auth"  # the server refused the user: no or wrong password, unknown role, pg_hba.conf
    MISSING_DATABASE = "missing_database"  # the server answers, the database is not there
    LOST = "lost"  # a connection that worked was cut (restart, administrator, network)


_LOST_STATES = {"57P01", "57P02"}  # admin_shutdown, crash_shutdown
_STARTING_STATES = {"57P03", "08001", "08004"}  # cannot_connect_now, could not connect, rejected
_AUTH_STATES = {"28000", "28P01"}  # invalid_authorization_specification, invalid_password
_AUTH_WORDS = ("password authentication failed", "no password supplied", "pg_hba.conf", 'role "')
_MISSING_DATABASE_STATES = {"3D000"}  # invalid_catalog_name


def connection_trouble(error: BaseException) -> Trouble | None:
    """What kind of connection problem `error` is, or None when it is something else.

    A failed connection (psycopg says "connection failed: …") carries no SQLSTATE: its kind is
    read from the server's words. A connection cut later carries 57P01/57P02 or class 08, or, when
    the network dropped it, no SQLSTATE at all."""
    state = _sqlstate(error)
    orig: Any = error.orig if isinstance(error, DBAPIError) else error
    words = str(orig)
    if state in _AUTH_STATES or (state is None and any(w in words for w in _AUTH_WORDS)):
        return Trouble.AUTH
    if state in _MISSING_DATABASE_STATES or (
        state is None and 'database "' in words and "does not exist" in words
    ):
        return Trouble.MISSING_DATABASE
    if state in _STARTING_STATES:
        return Trouble.UNREACHABLE
    if state in _LOST_STATES or (state is not None and state.startswith("08")):
        return Trouble.LOST
    if state is None and _is_operational(error):
        connecting = words.startswith("connection failed") or "timeout expired" in words
        return Trouble.UNREACHABLE if connecting else Trouble.LOST
    return None


def _is_operational(error: BaseException) -> bool:
    if isinstance(error, OperationalError):
        return True
    import psycopg  # loaded already: the error came from it

    return isinstance(error, psycopg.OperationalError)


def server_words(error: BaseException) -> str:
    """The server's or libpq's own words, without SQLAlchemy's additions (the statement, the
    link to its documentation); they never contain the password."""
    orig: Any = error.orig if isinstance(error, DBAPIError) else error
    words = str(orig).strip()
    for prefix in ("connection failed: ",):
        words = words.removeprefix(prefix)
    words = words.replace("FATAL:  ", "").replace("\n", " ").replace("\t", " ")
    return " ".join(words.split())


def connection_error(
    trouble: Trouble, url: str, detail: str, committing: bool = False
) -> StoreError:
    """The expected error of a connection problem with the store at `url` (shown, no password)."""
    if trouble is Trouble.LOST:
        if committing:
            template = N_(
                "The connection to the store {path} on the server was lost while saving ({detail}). The change may or may not have been saved: check it before doing it again."
            )
        else:
            template = N_(
                "The connection to the store {path} on the server was lost ({detail}). Nothing was changed; try again when the server can be reached."
            )
        code = "STORE_CONNECTION_LOST"
    else:
        code = "STORE_UNREACHABLE"
        template = {
            Trouble.UNREACHABLE: N_(
                "Cannot connect to the store {path} on the server: {detail}. Check that the server is running and that this computer can reach it, then try again."
            ),
            Trouble.AUTH: N_(
                "The server of the store {path} refused your user: {detail}. Check the user name and the password (kept by PostgreSQL's client, see the user guide), or ask the store's administrator."
            ),
            Trouble.MISSING_DATABASE: N_(
                "The store {path} is not on its server: {detail}. Check the database name, or ask the store's administrator to create it."
            ),
        }[trouble]
    return StoreError(code, template, path=url, detail=detail, reason=trouble.value)


class ServerError(Exception):
    """A server's error as a bug report carries it (`without_row_data`)."""


_NAMES = ("schema", "table", "column", "constraint", "datatype")
_OWN_WORDS_STATE = "P0001"  # raise_exception: RAISE EXCEPTION in the app's plpgsql functions


def without_row_data(error: DBAPIError) -> DBAPIError:
    """The same kind of error without the server's words: PostgreSQL's DETAIL quotes the row it
    refused ("Failing row contains (…, Nguyễn Thị …)"), and a bug's message goes to the log and
    the "unexpected error" dialog. What is kept: the error's class, its SQLSTATE, the names of
    the objects it concerns, which say what broke without saying whose data, and the words of the
    app's own triggers (storage/refusing_triggers.py, officer_checks.py), which quote no row."""
    orig: Any = error.orig
    diag = getattr(orig, "diag", None)
    state = _sqlstate(error)
    parts = [type(orig).__name__, f"SQLSTATE {state or '?'}"]
    if state == _OWN_WORDS_STATE and diag is not None and diag.message_primary:
        parts.append(str(diag.message_primary))  # the app's own triggers' words: no row values
    for name in _NAMES:
        value = getattr(diag, f"{name}_name", None) if diag is not None else None
        if value:
            parts.append(f"{name} {value}")
    return type(error)(
        error.statement, None, ServerError(", ".join(parts)), hide_parameters=True, code=error.code
    )
