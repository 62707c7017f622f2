"""A throwaway PostgreSQL cluster for the tests of the PostgreSQL store (issue 16).

`postgres_server` (session fixture) runs `initdb` in a temporary folder, starts the server on a
free local TCP port with its unix socket in that folder, and at the end of the session stops it
and deletes the folder. `postgres_url` (function fixture) creates an empty database per test.

Where the binaries come from: Debian's `postgresql` package puts them in
/usr/lib/postgresql/<version>/bin (not on PATH); `.ci/test` installs that package. Without them
the tests SKIP, naming the package to install.

Running as root (CI runs the suite as root on Debian 12): `initdb` and `postgres` refuse to run as
root, so they run as the `postgres` user (created by the Debian package) through `runuser`, and the
temporary folder is handed to that user. As any other user they run as that user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PACKAGE_HINT = "Debian package 'postgresql' (initdb and pg_ctl in /usr/lib/postgresql/*/bin)"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: the newest Debian install, else PATH."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    for folder in folders:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


def _version_key(folder: str) -> int:
    version = Path(folder).parent.name
    return int(version) if version.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    bin: Path
    folder: Path
    port: int
    run_as: str | None  # the user the server runs as when we are root
    _admin: Any = field(default=None, repr=False)  # psycopg connection of `admin`

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres") -> str:
        # TCP on localhost: the socket folder may be too long a path for a unix socket name.
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def command(self, *args: str) -> list[str]:
        if self.run_as is None:
            return list(args)
        return ["runuser", "-u", self.run_as, "--", *args]

    def run(self, *args: str) -> None:
        subprocess.run(
            self.command(*args), check=True, capture_output=True, text=True, cwd=self.folder
        )

    def psql(self, sql: str) -> None:
        self.run(
            str(self.bin / "psql"),
            "-h",
            str(self.socket_dir),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        )

    def admin(self, sql: str) -> None:
        """Run one statement (CREATE/DROP DATABASE: outside a transaction) as the superuser,
        over one connection kept for the session (a psql process per statement costs more)."""
        if self._admin is None:
            import psycopg

            self._admin = psycopg.connect(
                host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                autocommit=True,
            )  # fmt: skip
        self._admin.execute(sql)

    def create_database(self, template: str = "template0", name: str | None = None) -> str:
        """A new database (named `name`, else a fresh `t_…`), a copy of `template`: an empty one
        by default, or a store migrated and filled once per run (tests/store_backends.py)."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE "{template}"')
        return name

    def password_database(self, user: str, password: str) -> str:
        """A new database owned by `user`, a role that must give `password` (SCRAM) on TCP
        connections: a rule for it goes before initdb's `trust` ones in pg_hba.conf. Returns the
        URL without the password (as Settings keep it)."""
        hba = self.folder / "data" / "pg_hba.conf"
        rule = f"host all {user} 127.0.0.1/32 scram-sha-256\n"
        text = hba.read_text(encoding="utf-8")
        if rule not in text:
            hba.write_text(rule + text, encoding="utf-8")
            self.psql(
                f"SET password_encryption = 'scram-sha-256'; "
                f"CREATE ROLE \"{user}\" LOGIN SUPERUSER PASSWORD '{password}'"
            )
            self.psql("SELECT pg_reload_conf()")
            time.sleep(0.5)  # the server rereads pg_hba.conf on the signal, not at once
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.psql(f'CREATE DATABASE "{name}" OWNER "{user}" ENCODING \'UTF8\' TEMPLATE template0')
        return f"postgresql://{user}@127.0.0.1:{self.port}/{name}"

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close_admin(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no 'postgres' user: install " + PACKAGE_HINT)
    return "postgres"


def _start(server: PostgresServer, data: Path, attempts: int = 3) -> None:
    """Start the server on its port; when another process (a parallel test worker) took that
    port between the probe and the start, on another free one."""
    for attempt in range(attempts):
        options = (
            f"-p {server.port} -k {server.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        try:
            server.run(
                str(server.bin / "pg_ctl"), "-D", str(data), "-o", options,
                "-l", str(server.folder / "server.log"), "-w", "start",
            )  # fmt: skip
            return
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
            server.port = _free_port()


@contextlib.contextmanager
def started_server() -> Iterator[PostgresServer]:
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries: install the " + PACKAGE_HINT)
    run_as = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="assessor-pg-"))
    server = PostgresServer(binaries, folder, _free_port(), run_as)
    try:
        server.socket_dir.mkdir()
        if run_as is not None:
            shutil.chown(folder, user=run_as)
            shutil.chown(server.socket_dir, user=run_as)
        data = folder / "data"
        server.run(
            str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        _start(server, data)
        try:
            yield server
        finally:
            server.close_admin()
            server.run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with started_server() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database on the throwaway server (dropped after the test)."""
    name = postgres_server.create_database()
    try:
        yield postgres_server.url(name)
    finally:
        postgres_server.drop_database(name)
