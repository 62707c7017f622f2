"""The ORM models and the migrated schema cannot drift apart, and the append-only triggers exist
whichever way a store reached today's schema (made new, or upgraded from the first release)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from assessor_app.paths import migrations_dir
from assessor_app.storage.database import SCHEMA_HEAD, Database
from assessor_app.storage.schema import Base
from tests.integration.test_store_upgrades import _store_at

# Stores "made new" here are migrated from nothing, not copied from the run's template.
pytestmark = pytest.mark.migrates

APPEND_ONLY = {
    "audit_log_no_update",
    "audit_log_no_delete",
    "signed_heads_no_update",
    "signed_heads_no_delete",
    "catalogues_no_update",  # a stored catalogue is immutable (0018)
    "catalogues_no_delete",  # nor deleted (0021)
}


def _store(tmp_path: Path, made: str) -> Path:
    path = tmp_path / f"{made}.sqlite3"
    if made != "new":
        _store_at(path, made)
    Database(path, migrations_dir()).close()
    return path


@pytest.mark.parametrize("made", ["new", "0001", "0003", "0006"])
def test_the_models_match_the_migrated_schema(tmp_path: Path, made: str) -> None:
    database = Database(_store(tmp_path, made), migrations_dir())
    try:
        assert database.revision() == SCHEMA_HEAD
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


@pytest.mark.parametrize("made", ["new", "0001", "0006"])
def test_the_append_only_triggers_exist(tmp_path: Path, made: str) -> None:
    path = _store(tmp_path, made)
    with sqlite3.connect(path) as connection:
        triggers = dict(
            connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
    assert set(triggers) >= APPEND_ONLY
    for name in APPEND_ONLY:
        assert "RAISE" in triggers[name].upper()
