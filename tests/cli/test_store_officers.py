"""`store grant USER --role ROLE [--revoke]` and `store officers` (issue 16): the administrator
gives officers their roles on a PostgreSQL store from the command line; a store file has none."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Runner
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]


@pytest.mark.postgres
@pytest.mark.migrates
def test_grant_list_and_revoke_from_the_command_line(
    cli: Runner, postgres_server: PostgresServer, postgres_url: str
) -> None:
    assert cli("--store", postgres_url, "init").code == 0
    postgres_server.psql("CREATE ROLE cli_nva LOGIN")
    granted = cli("--store", postgres_url, "store", "grant", "cli_nva", "--role", "appraiser")
    assert granted.code == 0, granted.err
    assert "cli_nva" in granted.out
    listed = cli("--store", postgres_url, "store", "officers", "--json").json()
    assert listed["cli_nva"] == ["appraiser"]
    revoked = cli(
        "--store", postgres_url, "store", "grant", "cli_nva", "--role", "appraiser", "--revoke"
    )
    assert revoked.code == 0, revoked.err
    assert "cli_nva" not in cli("--store", postgres_url, "store", "officers", "--json").json()
    unknown = cli("--store", postgres_url, "store", "grant", "cli_nva", "--role", "chief")
    assert unknown.code != 0
    assert "OFFICER_ROLE_UNKNOWN" in unknown.err


def test_a_store_file_has_no_officers(cli: Runner) -> None:
    refused = cli("store", "officers")
    assert refused.code != 0
    assert "STORE_NOT_SERVER" in refused.err
