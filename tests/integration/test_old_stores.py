"""Stores made by every released schema (tests/fixtures/stores/schema-NNNN.zip, made by the app as
it was released: make_stores.py) upgrade to today's schema keeping every record: each row of each
table, column by column (paths made relative by 0007 excepted, and checked to point at the same
file), the audit chains intact, the signing key opening with its passphrase, a copy of the old file
kept, and the store usable afterwards."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.backups import BackupKind
from assessor_app.paths import migrations_dir
from assessor_app.services import assessments, audit_trail, backups, keys
from assessor_app.services.workspace import open_workspace
from assessor_app.storage.database import SCHEMA_HEAD
from assessor_app.storage.store_files import stored_revision

pytestmark = pytest.mark.sqlite_only("store files of old schemas upgrade")

STORES = Path(__file__).resolve().parents[1] / "fixtures" / "stores"
FIXTURES = sorted(STORES.glob("schema-*.zip"))
# Columns a migration rewrites on purpose: 0007 stores paths relative to the data home.
REWRITTEN = {("quarantine", "stored_path"), ("seen_bundles", "receipt_path")}

Rows = dict[str, list[dict[str, Any]]]
LAST_RELEASED = "0008"  # the schema of the last released version


def _rows(path: Path) -> Rows:
    with closing(sqlite3.connect(path)) as db:
        db.row_factory = sqlite3.Row
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: [
                dict(row)
                for row in db.execute(f'SELECT rowid AS _rowid, * FROM "{table}" ORDER BY rowid')
            ]
            for table in tables
            if table != "alembic_version"
        }


def test_there_is_a_store_for_every_released_schema() -> None:
    """Every schema of a released version has its store (laptops have stores of it); the schemas
    added since the last release (the revisions of issue 12) may not have one yet:
    make_stores.py adds them with the commit that releases them."""
    made = [p.stem.removeprefix("schema-") for p in FIXTURES]
    revisions = sorted(p.name[:4] for p in (migrations_dir() / "versions").glob("[0-9]*.py"))
    released = [r for r in revisions if r <= LAST_RELEASED]
    assert revisions[-1] == SCHEMA_HEAD
    assert made[: len(released)] == released
    assert set(made) <= set(revisions)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_old_store_upgrades_keeping_every_record(fixture: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    with zipfile.ZipFile(fixture) as archive:
        archive.extractall(home)
    manifest = json.loads((home / "manifest.json").read_text(encoding="utf-8"))
    store = home / "assessor.sqlite3"
    revision = fixture.stem.removeprefix("schema-")
    assert stored_revision(store) == revision
    before = _rows(store)

    workspace = open_workspace(home, actor="Người nâng cấp")
    try:
        assert workspace.database.revision() == SCHEMA_HEAD
        if revision != SCHEMA_HEAD:
            (copy,) = backups.list_backups(home)
            assert copy.kind is BackupKind.UPGRADE
            assert copy.revision == revision
            assert _rows(copy.path) == before  # the old file, exactly
        after = _rows(store)
        for table, rows in before.items():
            assert table in after, f"table {table} was lost"
            assert len(after[table]) == len(rows), f"rows of {table}"
            for old, new in zip(rows, after[table], strict=True):
                for column, value in old.items():
                    if (table, column) in REWRITTEN and value:
                        # Made where the fixture was made, elsewhere: now relative, same file.
                        assert not Path(new[column]).is_absolute()
                        assert (home / new[column]).is_file()
                        assert Path(new[column]).name == Path(value).name
                    else:
                        assert new.get(column, value) == value, (
                            f"{table}.{column} of row {old['_rowid']}"
                        )
        audit = audit_trail.verify_store(workspace)
        assert audit.intact
        assert audit.entries > 0
        listed = assessments.list_assessments(workspace)
        assert len(listed) == manifest["assessments"]
        draft = next(a for a in listed if a.year == 2016)
        assessments.set_value(workspace, draft.id, "TC2.1", "48/50")  # still usable
        if manifest["key_fingerprint"]:
            info = keys.key_info(workspace)
            assert info is not None
            assert info.fingerprint == manifest["key_fingerprint"]
            keys.unlock(workspace, manifest["passphrase"])
    finally:
        workspace.close()


def _migration_0008() -> Any:
    import importlib.util

    from assessor_app.paths import migrations_dir

    (path,) = (migrations_dir() / "versions").glob("0008_*.py")
    spec = importlib.util.spec_from_file_location("migration_0008", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "stored",
    [
        "/media/cu/assessor-app/quarantine/gói.ldbundle",
        r"C:\Users\Nguyễn Thị Hương\AppData\Local\assessor-app\quarantine\gói.ldbundle",
        r"D:\OneDrive - UBND\Tài liệu\assessor-app\quarantine\gói.ldbundle",
    ],
)
def test_a_path_of_a_moved_folder_is_made_relative_when_the_file_is_here(
    stored: str, tmp_path: Path
) -> None:
    moved = _migration_0008().moved_path
    (tmp_path / "quarantine").mkdir()
    assert moved(stored, tmp_path, "quarantine") is None  # not here: left as it is
    (tmp_path / "quarantine" / "gói.ldbundle").write_bytes(b"PK")
    assert moved(stored, tmp_path, "quarantine") == "quarantine/gói.ldbundle"
    assert moved(stored, tmp_path, "receipts") is None  # another folder: not the same file
    assert moved("quarantine/gói.ldbundle", tmp_path, "quarantine") is None  # already relative
