"""The store: migrations, durability settings, reopen, refusal of newer stores (the file-only ones on
SQLite files, `sqlite_only`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from assessor_app.domain.errors import StoreError
from assessor_app.paths import migrations_dir
from assessor_app.services import assessments, reference_data
from assessor_app.services.workspace import open_workspace
from assessor_app.storage.database import SCHEMA_HEAD, Database
from tests.store_access import raw_store

HEAD = SCHEMA_HEAD


@pytest.mark.sqlite_only("migrates a new store file made by path")
@pytest.mark.migrates
def test_migrations_create_every_table_on_an_empty_file(tmp_path: Path) -> None:
    database = Database(tmp_path / "new.sqlite3", migrations_dir())
    try:
        assert database.revision() == HEAD
    finally:
        database.close()
    with sqlite3.connect(tmp_path / "new.sqlite3") as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {
        "assessments",
        "audit_log",
        "catalogues",
        "dossier_details",
        "evidence_blobs",
        "evidence_links",
        "indicator_comments",
        "indicator_flags",
        "indicator_values",
        "meta",
        "team_members",
        "unit_categories",
        "unit_lists",
        "units",
    } <= tables


@pytest.mark.sqlite_only("SQLite's pragmas on the file's connections")
def test_durability_pragmas_on_every_connection(tmp_path: Path) -> None:
    database = Database(tmp_path / "s.sqlite3", migrations_dir())
    try:
        with database.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        database.close()


def test_reopen_after_a_write_keeps_the_data(home: Path) -> None:
    first = open_workspace(home, actor="A")
    reference_data.initialise(first)
    created = assessments.create(first, "06385", 2016)
    assessments.set_value(first, created.id, "TC2.1", "49/50")
    first.close()

    second = open_workspace(home, actor="B")
    try:
        detail = assessments.detail(second, created.id)
        assert detail.summary.commune_name == "Thị trấn Hữu Lũng"
        assert "TC2.1" in detail.values
        assert detail.summary.total == detail.score.total > 0
    finally:
        second.close()


def test_initialise_is_idempotent(home: Path) -> None:
    workspace = open_workspace(home, actor="A")
    try:
        first = reference_data.initialise(workspace)
        again = reference_data.initialise(workspace)
        assert first.catalogues_added
        assert first.unit_lists_added
        assert again.catalogues_added == []
        assert again.unit_lists_added == []
        assert len(reference_data.catalogues(workspace)) == len(first.catalogues_added)
    finally:
        workspace.close()


def test_a_store_written_by_a_newer_app_is_refused(home: Path) -> None:
    workspace = open_workspace(home, actor="A")
    with raw_store(workspace) as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    workspace.close()
    with pytest.raises(StoreError) as caught:
        open_workspace(home, actor="A")
    assert caught.value.code == "STORE_TOO_NEW"


@pytest.mark.sqlite_only("a damaged store file")
def test_a_file_that_is_not_a_database_is_refused_clearly(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "assessor.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as caught:
        open_workspace(home, actor="A")
    assert caught.value.code == "STORE_UNREADABLE"


@pytest.mark.sqlite_only("SQLite's backup API and its copy file")
def test_backup_uses_the_backup_api_and_is_a_usable_store(home: Path, tmp_path: Path) -> None:
    workspace = open_workspace(home, actor="A")
    try:
        reference_data.initialise(workspace)
        created = assessments.create(workspace, "06385", 2016)
        target = tmp_path / "backup" / "copy.sqlite3"
        workspace.database.backup(target)
    finally:
        workspace.close()
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute(
            "SELECT commune_code FROM assessments WHERE id=?", (created.id,)
        ).fetchone() == ("06385",)
    assert not list(target.parent.glob("*.part"))


@pytest.mark.sqlite_only("an old store file upgraded (Alembic downgrade of a file)")
def test_upgrade_from_the_first_schema_keeps_data(tmp_path: Path) -> None:
    """A store written by the first release (schema 0001) opens, upgrades and keeps its rows."""
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.sqlite3"
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    from assessor_app.storage.database import make_engine, migrating

    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO meta (key, value) VALUES ('person_name', 'Lò Văn Cũ')")
    database = Database(path, migrations_dir())
    try:
        assert database.revision() == HEAD
    finally:
        database.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT value FROM meta").fetchone() == ("Lò Văn Cũ",)
        assert connection.execute("SELECT count(*) FROM criterion_assignments").fetchone() == (0,)


@pytest.mark.sqlite_only("an old store file upgraded (Alembic downgrade of a file)")
def test_upgrade_from_0002_gives_rows_uids_and_values_their_first_version(home: Path) -> None:
    """A store of the second schema, with members, comments, evidence and values, upgrades to the
    bundle-ready schema: every row gets a uid and every value its version (vid as the domain computes)."""
    from alembic import command
    from alembic.config import Config

    from assessor_app.domain.versions import value_vid
    from assessor_app.services import assessments, notes, team
    from assessor_app.storage.database import make_engine, migrating

    workspace = open_workspace(home, actor="A")
    reference_data.initialise(workspace)
    created = assessments.create(workspace, "06385", 2016)
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    team.add_member(workspace, created.id, "Lý Thị Mai", "health")
    notes.add_comment(workspace, created.id, "TC2.1", "Đã kiểm tra sổ")
    workspace.close()
    path = home / "assessor.sqlite3"
    # Step the file back to 0002 as a store of the previous release would be.
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        assert "uid" not in {
            row[1] for row in connection.execute("PRAGMA table_info(team_members)")
        }

    database = Database(path, migrations_dir())
    database.close()
    with sqlite3.connect(path) as connection:
        uids = connection.execute(
            "SELECT uid FROM team_members UNION ALL SELECT uid FROM indicator_comments"
        ).fetchall()
        assert len(uids) == 2
        assert all(len(uid) == 36 for (uid,) in uids)
        ((vid, author, at, value_json),) = connection.execute(
            "SELECT vid, entered_by, entered_at, value_json FROM indicator_values"
        ).fetchall()
        (assessment_uid,) = connection.execute("SELECT uid FROM assessments").fetchone()
        import json

        assert vid == value_vid(assessment_uid, "TC2.1", json.loads(value_json), author, at, "")
        assert connection.execute("SELECT vid FROM indicator_heads").fetchall() == [(vid,)]


@pytest.mark.sqlite_only("migrates and downgrades a store file made by path")
@pytest.mark.migrates
def test_the_migrations_build_exactly_the_schema_the_code_declares(tmp_path: Path) -> None:
    """A column added to storage/schema.py but not to a migration (or the reverse) would only show
    on a user's store: compare them here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from assessor_app.storage.schema import Base

    database = Database(tmp_path / "fresh.sqlite3", migrations_dir())
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


def _step_back(path: Path, revision: str) -> None:
    """Downgrade the store file to `revision`, as a store of an earlier release would be."""
    from alembic import command
    from alembic.config import Config

    from assessor_app.storage.database import make_engine, migrating

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def test_a_check_constraint_refuses_an_unknown_status(home: Path) -> None:
    workspace = open_workspace(home, actor="A")
    try:
        reference_data.initialise(workspace)
        created = assessments.create(workspace, "06385", 2016)
        refused = "(?i)check constraint"  # SQLite: "CHECK constraint failed"; the server's words
        with pytest.raises(IntegrityError, match=refused), raw_store(workspace) as connection:
            connection.execute(
                text("UPDATE assessments SET status='held' WHERE id = :id"), {"id": created.id}
            )
        with pytest.raises(IntegrityError, match=refused), raw_store(workspace) as connection:
            connection.exec_driver_sql(
                "INSERT INTO quarantine (bundle_id, stored_path, received_at, device_id, sequence,"
                " key_fingerprint, reasons_json, details_json, status)"
                " VALUES ('b', 'q', 't', 'd', 1, 'f', '[]', '{}', 'lost')"
            )
    finally:
        workspace.close()


@pytest.mark.sqlite_only("an old store file upgraded (Alembic downgrade of a file)")
def test_upgrade_from_0006_keeps_data_and_makes_paths_relative(home: Path, tmp_path: Path) -> None:
    workspace = open_workspace(home, actor="A")
    try:
        reference_data.initialise(workspace)
        created = assessments.create(workspace, "06385", 2016)
        assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    finally:
        workspace.close()
    path = home / "assessor.sqlite3"
    _step_back(path, "0006")
    inside = home / "quarantine" / "b1.ldbundle"
    outside = tmp_path / "elsewhere" / "receipt.json"
    with sqlite3.connect(path) as connection:
        assert "ix_evidence_links_sha256" not in {
            row[1] for row in connection.execute("PRAGMA index_list(evidence_links)")
        }
        connection.execute(
            "INSERT INTO quarantine (bundle_id, stored_path, received_at, device_id, sequence,"
            " key_fingerprint, reasons_json, details_json, status)"
            " VALUES ('b1', ?, 't', 'd', 1, 'f', '[]', '{}', 'held')",
            (str(inside),),
        )
        for bundle, receipt in (("b1", home / "receipts" / "r1.json"), ("b2", outside)):
            connection.execute(
                "INSERT INTO seen_bundles (bundle_id, device_id, sequence, key_fingerprint,"
                " manifest_hash, outcome, received_at, receipt_path)"
                " VALUES (?, 'd', 1, 'f', 'h', 'accepted', 't', ?)",
                (bundle, str(receipt)),
            )
    database = Database(path, migrations_dir())
    try:
        assert database.revision() == HEAD
    finally:
        database.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT stored_path FROM quarantine").fetchall() == [
            ("quarantine/b1.ldbundle",)
        ]
        assert dict(connection.execute("SELECT bundle_id, receipt_path FROM seen_bundles")) == {
            "b1": "receipts/r1.json",
            "b2": str(outside),  # outside the data home: left as it was
        }
        assert "ix_evidence_links_sha256" in {
            row[1] for row in connection.execute("PRAGMA index_list(evidence_links)")
        }
    reopened = open_workspace(home, actor="B")
    try:
        detail = assessments.detail(reopened, created.id)
        assert "TC2.1" in detail.values
        assert detail.summary.total == detail.score.total > 0
    finally:
        reopened.close()


@pytest.mark.sqlite_only("SQLite's query plans")
def test_the_chains_of_an_assessment_are_found_through_an_index(home: Path) -> None:
    from assessor_app.storage.repository import Repository, audit_chains_query

    workspace = open_workspace(home, actor="A")
    try:
        reference_data.initialise(workspace)
        created = assessments.create(workspace, "06385", 2016)
        with workspace.database.reading() as session:
            uid = assessments.detail(workspace, created.id).summary.uid
            statement = audit_chains_query(uid).compile(compile_kwargs={"literal_binds": True})
            plan = " ".join(
                str(row[-1])
                for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}")
            )
            assert "SEARCH audit_log USING" in plan, plan
            assert "SCAN audit_log" not in plan, plan
            assert Repository(session).audit_chains(uid) == [uid]
    finally:
        workspace.close()


@pytest.mark.sqlite_only("an old store file upgraded (Alembic downgrade of a file)")
def test_upgrade_from_0008_adds_the_report_details_and_keeps_data(home: Path) -> None:
    from assessor_app.services import report_details

    workspace = open_workspace(home, actor="A")
    try:
        reference_data.initialise(workspace)
        created = assessments.create(workspace, "06385", 2016)
    finally:
        workspace.close()
    path = home / "assessor.sqlite3"
    _step_back(path, "0008")
    with sqlite3.connect(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert "report_details" not in tables
    workspace = open_workspace(home, actor="A")  # upgrades
    try:
        assert workspace.database.revision() == HEAD
        assert assessments.summary(workspace, created.id).commune_code == "06385"
        assert not report_details.get_details(workspace, "186", 2016).stored
        stored = report_details.set_details(
            workspace, "186", 2016, report_details.ReportDetails(number="7/BC-UBND")
        )
        assert (stored.stored, stored.number) == (True, "7/BC-UBND")
    finally:
        workspace.close()
