"""A server store's connection problems are expected errors (issue 16): a server out of reach, a
missing database, a connection cut during a transaction, at COMMIT or mid-stream in an evidence
file — each coded, in the server's words without SQLAlchemy's, never "unexpected error"."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from assessor_app.domain.errors import StoreError
from assessor_app.i18n import render
from assessor_app.paths import migrations_dir
from assessor_app.storage.database import Database
from assessor_app.storage.database_postgres import Trouble, connection_trouble
from assessor_app.storage.evidence import CHUNK
from assessor_app.storage.evidence_database import DatabaseEvidence
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]

INSERT = sa.text("INSERT INTO meta (key, value) VALUES (:key, 'x')")


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    opened = Database(postgres_url, migrations_dir())
    yield opened
    opened.close()


def cut_connections(server: PostgresServer, url: str) -> None:
    """What a server restart or a DBA's pg_terminate_backend does to the app's connections."""
    name = make_url(url).database
    server.psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


def assert_clean(error: StoreError, url: str) -> None:
    for language in ("en", "vi"):
        text = render(error, language)
        for noise in ("sqlalche.me", "OperationalError", "data file", "tệp dữ liệu"):
            assert noise not in text
        assert make_url(url).host in text  # which store


def test_a_connection_cut_during_a_transaction_is_store_connection_lost(
    database: Database, postgres_server: PostgresServer, postgres_url: str
) -> None:
    def work() -> None:
        with database.transaction() as session:
            session.execute(INSERT, {"key": "lost-1"})
            cut_connections(postgres_server, postgres_url)
            session.execute(INSERT, {"key": "lost-2"})

    with pytest.raises(StoreError) as caught:
        work()
    assert caught.value.code == "STORE_CONNECTION_LOST"
    assert "Nothing was changed" in str(caught.value)
    assert_clean(caught.value, postgres_url)
    # The next use case reconnects (pool_pre_ping) and finds nothing of it.
    with database.reading() as session:
        count = session.execute(sa.text("SELECT count(*) FROM meta WHERE key LIKE 'lost%'"))
        assert count.scalar_one() == 0


def test_a_connection_cut_at_commit_says_the_outcome_is_unknown(
    database: Database, postgres_server: PostgresServer, postgres_url: str
) -> None:
    def cut(_session: object) -> None:
        cut_connections(postgres_server, postgres_url)

    event.listen(database.write_sessions, "before_commit", cut)

    def work() -> None:
        with database.transaction() as session:
            session.execute(INSERT, {"key": "commit-1"})

    with pytest.raises(StoreError) as caught:
        work()
    assert caught.value.code == "STORE_CONNECTION_LOST"
    assert "may or may not have been saved" in str(caught.value)
    assert_clean(caught.value, postgres_url)


def test_a_connection_cut_mid_stream_in_an_evidence_file_is_store_connection_lost(
    database: Database, postgres_server: PostgresServer, postgres_url: str, tmp_path: object
) -> None:
    evidence = DatabaseEvidence(database, tmp_path / "cache")  # type: ignore[operator]
    content = os.urandom(3 * CHUNK)
    stored = evidence.put_stream(io.BytesIO(content))
    stream = evidence.open(stored.sha256)
    assert stream.read(CHUNK) == content[:CHUNK]
    cut_connections(postgres_server, postgres_url)
    with pytest.raises(StoreError) as caught:
        stream.read()
    stream.close()
    assert caught.value.code == "STORE_CONNECTION_LOST"
    assert_clean(caught.value, postgres_url)


def test_a_server_that_does_not_answer_is_store_unreachable() -> None:
    url = "postgresql://officer:hunter2@127.0.0.1:1/assessor"
    with pytest.raises(StoreError) as caught:
        Database(url, migrations_dir())
    assert caught.value.code == "STORE_UNREACHABLE"
    assert caught.value.params["reason"] == Trouble.UNREACHABLE.value
    assert "hunter2" not in render(caught.value, "en") + render(caught.value, "vi")
    assert "Connection refused" in str(caught.value)
    assert_clean(caught.value, url)


def test_a_missing_database_is_store_unreachable_naming_it(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.url("no_such_store")
    with pytest.raises(StoreError) as caught:
        Database(url, migrations_dir())
    assert caught.value.code == "STORE_UNREACHABLE"
    assert caught.value.params["reason"] == Trouble.MISSING_DATABASE.value
    assert "no_such_store" in str(caught.value)
    assert_clean(caught.value, url)


def test_an_unknown_role_is_an_authentication_problem(postgres_server: PostgresServer) -> None:
    url = postgres_server.url("postgres").replace("postgres@", "nobody_here@")
    with pytest.raises(StoreError) as caught:
        Database(url, migrations_dir())
    assert caught.value.code == "STORE_UNREACHABLE"
    assert caught.value.params["reason"] == Trouble.AUTH.value


def test_other_errors_are_no_connection_trouble() -> None:
    assert connection_trouble(ValueError("x")) is None
    assert connection_trouble(sa.exc.IntegrityError("INSERT", {}, Exception("dup"))) is None
