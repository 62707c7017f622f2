"""The store on PostgreSQL (issue 16): a refused transaction runs again from scratch; copies are
pg_dump archives, made before an upgrade too; no daily copy of a server's store."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from assessor_app.domain.backups import BackupKind
from assessor_app.domain.errors import StoreError
from assessor_app.paths import migrations_dir
from assessor_app.services import backups
from assessor_app.services.workspace import open_workspace
from assessor_app.storage import postgres_dump
from assessor_app.storage.database import SCHEMA_HEAD, Database
from assessor_app.storage.database_postgres import RETRY_ATTEMPTS, make_postgres_engine
from tests.postgres_server import postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]

COUNT = sa.text("SELECT count(*) FROM meta WHERE key LIKE 'skew%'")
INSERT = sa.text("INSERT INTO meta (key, value) VALUES (:key, 'x')")
KEYS = sa.text("SELECT key FROM meta WHERE key LIKE 'skew%' ORDER BY key")


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    opened = Database(postgres_url, migrations_dir())
    yield opened
    opened.close()


def test_a_refused_transaction_runs_again_from_scratch_and_writes_once(database: Database) -> None:
    runs: list[int] = []

    def work(session: Session) -> int:
        seen = int(session.execute(COUNT).scalar_one())
        runs.append(seen)
        if len(runs) == 1:  # another officer adds a row between our read and our write
            with database.transaction() as other:
                other.execute(COUNT).scalar_one()
                other.execute(INSERT, {"key": "skew-other"})
        session.execute(INSERT, {"key": f"skew-mine-after-{seen}"})
        return seen

    assert database.run_in_transaction(work) == 1
    assert runs == [0, 1]  # the second run read the other's row
    with database.reading() as session:
        assert list(session.execute(KEYS).scalars()) == ["skew-mine-after-1", "skew-other"]


def test_a_transaction_refused_every_time_is_store_busy_and_writes_nothing(
    database: Database,
) -> None:
    runs: list[int] = []

    def work(session: Session) -> None:
        session.execute(COUNT).scalar_one()
        runs.append(1)
        with database.transaction() as other:
            other.execute(COUNT).scalar_one()
            other.execute(INSERT, {"key": f"skew-other-{len(runs)}"})
        session.execute(INSERT, {"key": f"skew-mine-{len(runs)}"})

    with pytest.raises(StoreError) as caught:
        database.run_in_transaction(work)
    assert caught.value.code == "STORE_BUSY"
    assert len(runs) == RETRY_ATTEMPTS
    with database.reading() as session:
        assert not any("mine" in key for key in session.execute(KEYS).scalars())


def test_run_in_transaction_on_sqlite_runs_once(tmp_path: Path) -> None:
    database = Database(tmp_path / "store.sqlite3", migrations_dir())
    try:
        database.run_in_transaction(lambda session: session.execute(INSERT, {"key": "skew-1"}))
        with database.reading() as session:
            assert session.execute(COUNT).scalar_one() == 1
    finally:
        database.close()


def _restored_tables(dump: Path) -> str:
    program = postgres_dump.find_pg_dump()
    assert program is not None
    listing = subprocess.run(
        [str(Path(program).with_name("pg_restore")), "--list", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    )
    return listing.stdout


def test_a_manual_copy_of_a_server_store_is_a_pg_dump_archive(
    postgres_url: str, home: Path
) -> None:
    workspace = open_workspace(home, actor="Hoàng Văn Thụ", store=postgres_url)
    try:
        record = backups.backup(workspace, BackupKind.MANUAL)
        assert backups.daily_backup(workspace) is None  # the office backs up its server
    finally:
        workspace.close()
    assert record.path.name.endswith(f"-schema-{SCHEMA_HEAD}.pgdump")
    assert record.path.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert "TABLE public audit_log" in _restored_tables(record.path)
    assert [r.path for r in backups.list_backups(home)] == [record.path]
    with pytest.raises(Exception, match="pg_restore"):
        backups.restore(home, record.path)


def test_without_pg_dump_a_copy_says_what_to_install(
    postgres_url: str, home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(postgres_dump.PG_DUMP_ENV, str(tmp_path / "no-such-pg_dump"))
    workspace = open_workspace(home, actor="Hoàng Văn Thụ", store=postgres_url)
    try:
        with pytest.raises(StoreError) as caught:
            backups.backup(workspace)
    finally:
        workspace.close()
    assert caught.value.code == "PG_DUMP_MISSING"
    assert "postgresql-client" in str(caught.value)
    assert list(home.joinpath("backups").glob("*")) == []


def _database_at(url: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = make_postgres_engine(url).execution_options(isolation_level="SERIALIZABLE")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_an_older_server_store_is_dumped_then_upgraded(postgres_url: str, home: Path) -> None:
    _database_at(postgres_url, "0017")
    workspace = open_workspace(home, actor="Hoàng Văn Thụ", store=postgres_url)
    try:
        assert workspace.database.revision() == SCHEMA_HEAD
        copy = workspace.database.upgrade_copy
    finally:
        workspace.close()
    assert copy is not None
    assert copy.name.endswith("-schema-0017.pgdump")
    assert copy.read_bytes()[:5] == b"PGDMP"
