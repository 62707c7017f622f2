"""`store migrate --to URL` (issue 16): the store moves to an empty PostgreSQL database and is
checked there; a database holding records is refused with its code."""

from __future__ import annotations

import pytest

from assessor_app.cli.exit_codes import INVALID_INPUT, OK, STATE
from tests.cli.conftest import Runner
from tests.postgres_server import postgres_server, postgres_url

pytestmark = [pytest.mark.postgres]
__all__ = ["postgres_server", "postgres_url"]


def test_the_store_moves_to_the_server_and_only_once(cli: Runner, postgres_url: str) -> None:
    assert cli("init").code == OK
    assert cli("assessment", "new", "--commune", "06400", "--year", "2026").code == OK

    moved = cli("store", "migrate", "--to", postgres_url, "--json")
    assert moved.code == OK, moved.err
    report = moved.json()
    assert report["ok"] is True
    assert report["audit"]["intact"] is True
    counts = {t["table"]: (t["source"], t["target"]) for t in report["tables"]}
    assert counts["assessments"] == (1, 1)
    assert counts["catalogues"][0] > 0

    again = cli("store", "migrate", "--to", postgres_url, lang="vi")
    assert again.code == STATE
    assert "STORE_TARGET_NOT_EMPTY" in again.err
    not_server = cli("store", "migrate", "--to", "/tmp/other.sqlite3")
    assert not_server.code == INVALID_INPUT
    assert "STORE_TARGET_NOT_SERVER" in not_server.err
