"""Upgrades never lose a store: a copy before every migration (named by the old schema), a failed
migration leaves the file as it was and says where the copy is, the app checks the schema with one
query and loads Alembic only to upgrade; daily and pre-import copies with rotation; restoring a copy
keeps the store as it was."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assessor_app.domain.backups import KEEP, BackupKind, parse_backup_name
from assessor_app.domain.errors import InputError, NotFoundError, StoreError
from assessor_app.domain.exchange import BundleOutcome
from assessor_app.paths import data_home, migrations_dir
from assessor_app.services import backups, import_apply, profile, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.database import (
    SCHEMA_HEAD,
    Database,
    known_revisions,
    make_engine,
    migrating,
)
from assessor_app.storage.store_files import stored_revision

pytestmark = pytest.mark.sqlite_only("copies of the file before upgrades, daily copies and restore")


class Clock:
    """A clock the test moves: one second per reading, from a given moment."""

    def __init__(self, day: str = "2026-12-06", hour: int = 1) -> None:
        self.day, self.hour, self.second = day, hour, 0

    def __call__(self) -> str:
        self.second += 1
        return f"{self.day}T{self.hour:02d}:{self.second // 60:02d}:{self.second % 60:02d}Z"


def _store_at(path: Path, revision: str, migrations: Path | None = None) -> None:
    """A store file made by the migrations up to `revision`, as that release left it."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations or migrations_dir()))
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO meta (key, value) VALUES ('person_name', 'Lò Văn Cũ')")


def _person(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT value FROM meta WHERE key = 'person_name'").fetchone()
    return str(row[0])


def test_the_schema_head_is_the_last_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD
    assert SCHEMA_HEAD in known_revisions(migrations_dir())


def test_an_upgrade_copies_the_store_first_named_by_its_old_schema(home: Path) -> None:
    store = data_home(home).database
    store.parent.mkdir(parents=True, exist_ok=True)
    _store_at(store, "0006")
    workspace = open_workspace(home, actor="Lò Văn Cũ", clock=Clock())
    try:
        assert workspace.database.revision() == SCHEMA_HEAD
        copy = workspace.database.upgrade_copy
    finally:
        workspace.close()
    assert copy is not None
    assert copy.parent == data_home(home).backups
    name = parse_backup_name(copy.name)
    assert name is not None
    assert (name.kind, name.revision) == (BackupKind.UPGRADE, "0006")
    assert "schema-0006" in copy.name
    assert stored_revision(copy) == "0006"
    assert _person(copy) == "Lò Văn Cũ"
    assert _person(store) == "Lò Văn Cũ"
    # Opening the upgraded store again copies nothing more.
    open_workspace(home, actor="Lò Văn Cũ").close()
    assert [r.kind for r in backups.list_backups(home)] == [BackupKind.UPGRADE]


@pytest.mark.migrates
def test_a_new_store_is_not_copied(home: Path) -> None:
    workspace = open_workspace(home, actor="Lò Văn Cũ")
    try:
        assert workspace.database.upgrade_copy is None
    finally:
        workspace.close()
    assert backups.list_backups(home) == []


BROKEN = '''"""A migration that fails half-way (tests only)."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_written", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE meta SET value = 'changed' WHERE key = 'person_name'")
    raise RuntimeError("the migration broke")


def downgrade() -> None:
    pass
'''


def test_a_failed_upgrade_leaves_the_store_as_it_was_and_says_where_the_copy_is(
    tmp_path: Path,
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_broken.py").write_text(
        BROKEN.format(head=SCHEMA_HEAD), "utf-8"
    )
    store = tmp_path / "home" / "assessor.sqlite3"
    store.parent.mkdir()
    _store_at(store, "0006", migrations)
    folder = tmp_path / "home" / "backups"
    with pytest.raises(StoreError) as caught:
        Database(store, migrations, before_upgrade=backups.upgrade_copier(folder, Clock()))
    error = caught.value
    assert error.code == "STORE_UPGRADE_FAILED"
    assert not error.retryable
    (copy,) = folder.glob("assessor-upgrade-*-schema-0006.sqlite3")
    message = error.english()
    assert str(copy) in message
    assert "0006" in message
    assert "Nothing in it was changed" in message
    # Every migration of the attempt was rolled back, 0007's included.
    assert stored_revision(store) == "0006"
    assert _person(store) == "Lò Văn Cũ"
    with sqlite3.connect(store) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "half_written" not in tables
    assert stored_revision(copy) == "0006"


def test_an_up_to_date_store_opens_without_loading_alembic(home: Path) -> None:
    open_workspace(home, actor="Lò Văn Cũ").close()
    probe = (
        "import sys; from assessor_app.services.workspace import open_workspace;"
        f" open_workspace({str(home)!r}, actor='x').close();"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def _workspace(home: Path, clock: Clock) -> Workspace:
    workspace = open_workspace(home, actor="Lò Văn Cũ", clock=clock)
    reference_data.initialise(workspace)
    profile.save_profile(workspace, "team", "Lò Văn Cũ", "justice", "LS-2025-07")
    return workspace


def test_one_daily_copy_a_day_and_the_last_seven_kept(home: Path) -> None:
    clock = Clock()
    workspace = _workspace(home, clock)
    try:
        first = backups.daily_backup(workspace)
        assert first is not None
        assert first.kind is BackupKind.DAILY
        assert backups.daily_backup(workspace) is None  # the same day in Vietnam
        clock.hour = 18  # 01:00 on 7 December in Vietnam: another day
        assert backups.daily_backup(workspace) is not None
        for day in range(8, 20):
            clock.day, clock.hour = f"2026-12-{day:02d}", 1
            assert backups.daily_backup(workspace) is not None
        manual = backups.backup(workspace)
    finally:
        workspace.close()
    kept = backups.list_backups(home)
    daily = [r for r in kept if r.kind is BackupKind.DAILY]
    assert len(daily) == KEEP[BackupKind.DAILY] == 7
    assert daily[0].made_at.startswith("2026-12-19")  # newest first
    assert manual in kept  # copies made by hand are never removed


def test_a_refused_bundle_changes_nothing_and_is_not_copied(home: Path, tmp_path: Path) -> None:
    workspace = _workspace(home, Clock())
    not_a_bundle = tmp_path / "không phải gói.ldbundle"
    not_a_bundle.write_bytes(b"PK\x03\x04 not really")
    try:
        result = import_apply.apply(workspace, not_a_bundle)
        assert result.outcome is BundleOutcome.REJECTED
    finally:
        workspace.close()
    assert backups.list_backups(home) == []  # merges are copied first (test_import.py)


def test_restoring_a_copy_keeps_the_store_as_it_was(home: Path) -> None:
    clock = Clock()
    workspace = _workspace(home, clock)
    try:
        copy = backups.backup(workspace)
        profile.save_profile(workspace, "team", "Người Sau", "justice", "LS-2025-07")
    finally:
        workspace.close()
    store = data_home(home).database
    result = backups.restore(home, copy.path, clock)
    assert result.revision == SCHEMA_HEAD
    assert result.previous is not None
    assert "-restore-" in result.previous.name
    workspace = open_workspace(home, actor="Lò Văn Cũ")
    try:
        assert profile.load_profile(workspace).name == "Lò Văn Cũ"
    finally:
        workspace.close()
    # The store as it was before the restore can be restored in turn.
    backups.restore(home, result.previous, clock)
    workspace = open_workspace(home, actor="Lò Văn Cũ")
    try:
        assert profile.load_profile(workspace).name == "Người Sau"
    finally:
        workspace.close()
    assert store.exists()


def test_a_file_that_is_not_a_copy_is_refused_and_the_store_untouched(
    home: Path, tmp_path: Path
) -> None:
    workspace = _workspace(home, Clock())
    workspace.close()
    store = data_home(home).database
    before = store.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(InputError) as caught:
        backups.restore(home, junk)
    assert caught.value.code == "BACKUP_UNUSABLE"
    with pytest.raises(NotFoundError):
        backups.restore(home, tmp_path / "missing.sqlite3")
    newer = tmp_path / "newer.sqlite3"
    shutil.copy2(store, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError) as too_new:
        backups.restore(home, newer)
    assert too_new.value.code == "STORE_TOO_NEW"
    assert store.read_bytes() == before
    assert backups.list_backups(home) == []
