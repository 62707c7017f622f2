"""`--store URL` and $ASSESSOR_STORE (issue 16): the command line works on a PostgreSQL store."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.services import assessments
from assessor_app.services.store_choice import STORE_ENV
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner
from tests.postgres_server import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]


@pytest.mark.postgres
@pytest.mark.migrates
def test_init_new_and_list_on_a_server(cli: Runner, postgres_url: str, home: Path) -> None:
    init = cli("--store", postgres_url, "init")
    assert init.code == 0
    assert "Store: postgresql" in init.out  # the server's store, not the data folder's file
    assert "assessor.sqlite3" not in init.out
    created = cli(
        "assessment", "new", "--commune", "06385", "--year", "2016", "--store", postgres_url
    )
    assert created.code == 0, created.err
    aid = int(created.out.strip())
    listing = cli("--store", postgres_url, "assessment", "list", "--json").json()
    assert [a["id"] for a in listing] == [aid]
    assert not home.joinpath("assessor.sqlite3").exists()  # nothing went to the data folder's file
    # The data folder's own file (the default) knows nothing of it.
    assert cli("assessment", "list", "--json").json() == []


@pytest.mark.postgres
@pytest.mark.migrates
def test_the_environment_names_the_store(
    cli: Runner, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STORE_ENV, postgres_url)
    assert cli("init").code == 0
    assert cli("assessment", "new", "--commune", "06385", "--year", "2016").code == 0
    assert len(cli("assessment", "list", "--json").json()) == 1


def test_a_store_that_is_not_a_postgresql_url_is_refused_without_its_password(
    cli: Runner,
) -> None:
    refused = cli("--store", "mysql://officer:hunter2@server/assessor", "assessment", "list")
    assert refused.code != 0
    assert "INVALID_STORE_URL" in refused.err
    assert "hunter2" not in refused.err


@pytest.mark.sqlite_only("checks that the data folder's file is left byte for byte")
def test_restore_on_a_server_store_is_refused_and_the_file_left_alone(
    cli: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init").code == 0
    copy = cli("store", "backup", "--json").json()["file"]
    assert cli("assessment", "new", "--commune", "06385", "--year", "2016").code == 0
    store = home / "assessor.sqlite3"
    before = store.read_bytes()
    server = "postgresql://officer:hunter2@127.0.0.1:1/assessor"
    by_option = cli("--store", server, "store", "restore", copy)
    monkeypatch.setenv(STORE_ENV, server)
    by_environment = cli("store", "restore", copy)
    for refused in (by_option, by_environment):
        assert refused.code != 0
        assert "RESTORE_ON_SERVER" in refused.err
        assert "pg_restore" in refused.err
        assert "hunter2" not in refused.err
    assert store.read_bytes() == before


def test_a_command_opens_the_store_of_the_run_s_back_end(
    cli: Runner, home: Path, store_backend: str
) -> None:
    """--store-backend (tests/store_backends.py): a command on --home and the test's own workspace
    on the same home share one store, on the server in a [postgresql] run."""
    created = cli("assessment", "new", "--commune", "06385", "--year", "2016")
    assert created.code == 0, created.err
    workspace = open_workspace(home)
    try:
        assert workspace.database.is_postgres == (store_backend == "postgresql")
        ids = [a.id for a in assessments.list_assessments(workspace)]
        assert ids == [int(created.out.strip())]
    finally:
        workspace.close()
