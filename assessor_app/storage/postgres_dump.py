"""Copies of a PostgreSQL store: `pg_dump` in its custom format (issue 16).

SQLite's backup API has no counterpart in a driver; a server's consistent copy is what `pg_dump`
makes (one snapshot, whatever other officers write meanwhile), restored with `pg_restore`. The app
runs the `pg_dump` it finds: `$ASSESSOR_PG_DUMP`, else one on PATH, else the newest of Debian's
/usr/lib/postgresql/*/bin. None found, or one that fails (too old for the server, refused by it),
is an expected error saying what to install or what the server said — never a half-written copy.

The password: never on the command line (other users of the computer could read it there). A
password in the store URL (its user part or `?password=`) is handed to pg_dump in its environment (PGPASSWORD); without one,
pg_dump finds it where libpq looks (~/.pgpass or PGPASSFILE, a service file), like the app.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from assessor_app.domain.errors import N_, StoreError
from assessor_app.storage.database_postgres import remembered_password, without_secrets

PG_DUMP_ENV = "ASSESSOR_PG_DUMP"
_TIMEOUT_SECONDS = 3600  # a large office's store; a hung server should not hang the app forever


def find_pg_dump() -> str | None:
    override = os.environ.get(PG_DUMP_ENV)
    if override:
        return override if Path(override).is_file() else None
    found = shutil.which("pg_dump")
    if found:
        return found
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), key=_version_key)
    return debian[-1] if debian else None


def _version_key(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


def libpq_url(url: str) -> tuple[str, str | None]:
    """The URL as libpq reads it (no `+psycopg`, no password) and the password apart (the one
    typed at start-up, else the URL's)."""
    parsed = make_url(url)
    given = parsed.query.get("password")
    if isinstance(given, tuple):  # the parameter given twice: libpq takes the last
        given = given[-1]
    password = remembered_password(url) or parsed.password or given
    plain = without_secrets(parsed.set(drivername="postgresql"))
    return plain.render_as_string(hide_password=False), (
        str(password) if password is not None else None
    )


def dump(url: str, target: Path, shown: str) -> None:
    """Write a pg_dump archive of the database at `url` to `target` (custom format)."""
    program = find_pg_dump()
    if program is None:
        raise StoreError(
            "PG_DUMP_MISSING",
            N_(
                "Cannot copy the store {path}: the program pg_dump was not found. Install the PostgreSQL client tools (Debian: postgresql-client) or name the program in ASSESSOR_PG_DUMP."
            ),
            path=shown,
        )
    dsn, password = libpq_url(url)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = password
    partial = target.with_name(target.name + ".part")
    command = [program, "--format=custom", "--no-owner", f"--file={partial}", f"--dbname={dsn}"]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        partial.unlink(missing_ok=True)
        raise _failed(shown, str(error)) from error
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise _failed(shown, done.stderr.strip() or f"exit status {done.returncode}")
    partial.replace(target)


def _failed(shown: str, detail: str) -> StoreError:
    return StoreError(
        "PG_DUMP_FAILED",
        N_("pg_dump could not copy the store {path}: {detail}"),
        path=shown,
        detail=detail,
    )
