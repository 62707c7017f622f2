"""Moving an office's store to the PostgreSQL server (`store migrate --to`, issue 16): every record,
chain and evidence file checked on the server; a non-empty target refused; a cancel leaves the
target empty; a copy tampered with on the server fails the check."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from assessor_app.core.progress import OperationCancelled
from assessor_app.domain.errors import InputError, StateError
from assessor_app.paths import data_home, migrations_dir
from assessor_app.services import (
    assessments,
    dashboard,
    decisions,
    demo,
    keys,
    notes,
    store_move,
)
from assessor_app.services.decisions import DecisionInput
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage import store_copy
from assessor_app.storage.database import Database
from tests.dashboard_store import OFFICE_ACTOR, OFFICE_CLOCK, build_office
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

pytestmark = [pytest.mark.postgres]
__all__ = ["postgres_server", "postgres_url"]

TODAY = date(2026, 11, 20)


def _office(root: Path, folder: Path) -> dict[str, int]:
    """The dashboard's office store (assessments, a signed bundle received, an appraisal, keys),
    plus a decision and an evidence file."""
    ids = build_office(root, folder)
    office = open_workspace(root, actor=OFFICE_ACTOR, clock=lambda: OFFICE_CLOCK)
    try:
        photo = folder / "ảnh biên bản.jpg"
        photo.write_bytes(b"\xff\xd8 bien ban kiem tra " * 200)
        notes.attach_evidence(office, ids["05971-2016"], "TC2.1", photo, "Biên bản")
        decisions.record_decision(
            office,
            DecisionInput(
                year=2026,
                unit="20",
                number="125/QĐ-UBND",
                decided_on=date(2026, 11, 19),
                signer_name="Đoàn Thu Hà",
            ),
        )
    finally:
        office.close()
    return ids


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lists(ws: Workspace) -> tuple[object, ...]:
    return (
        assessments.list_assessments(ws),
        decisions.list_decisions(ws),
        dashboard.dashboard(ws, "20", 2023, 2026, today=TODAY),
        keys.key_info(ws),
    )


def test_a_fresh_migration_fills_only_the_seeded_tables(postgres_url: str) -> None:
    database = Database(postgres_url, migrations_dir())
    try:
        counts = store_copy.table_counts(database)
    finally:
        database.close()
    assert {name for name, count in counts.items() if count} <= store_copy.SEEDED_BY_MIGRATIONS


def test_the_office_moves_to_the_server_whole(
    postgres_url: str, home: Path, tmp_path: Path
) -> None:
    _office(home, tmp_path / "team")
    source = open_workspace(home, actor=OFFICE_ACTOR, clock=lambda: OFFICE_CLOCK)
    file_before = _sha256(data_home(home).database)
    seen: list[tuple[int, int]] = []
    try:
        before = _lists(source)
        checked = store_move.move_store(
            source, postgres_url, progress=lambda d, t: seen.append((d, t))
        )
    finally:
        source.close()

    assert checked.ok, checked
    assert checked.counts_equal
    assert checked.audit.intact
    assert checked.evidence_files == 1
    assert {t.table for t in checked.tables if t.source} >= {
        "assessments",
        "audit_log",
        "signed_heads",
        "trusted_keys",
        "seen_bundles",
        "recognition_decisions",
        "evidence_links",
    }
    assert seen
    assert seen[-1][0] == seen[-1][1] == checked.rows
    assert _sha256(data_home(home).database) == file_before  # the file was only read

    server = open_workspace(
        home, actor=OFFICE_ACTOR, clock=lambda: OFFICE_CLOCK, store=postgres_url
    )
    try:
        assert _lists(server) == before
        # Sequences moved on: a new record on the server gets a new id.
        made = assessments.create(server, "06124", 2025, kind="self", join_team=False)
        assert made.id > max(a.id for a in before[0])  # type: ignore[attr-defined]
    finally:
        server.close()


def test_a_demo_store_moves_too(postgres_url: str, home: Path) -> None:
    source = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        demo.create_demo(source)
        checked = store_move.move_store(source, postgres_url)
    finally:
        source.close()
    assert checked.ok
    server = open_workspace(home, actor="Hoàng Thị Lan", store=postgres_url)
    try:
        assert demo.is_demo(server)
        assert len(assessments.list_assessments(server)) == 3
    finally:
        server.close()


def test_a_copy_changed_on_the_server_fails_the_check(
    postgres_server: PostgresServer, postgres_url: str, home: Path, tmp_path: Path
) -> None:
    _office(home, tmp_path / "team")
    source = open_workspace(home, actor=OFFICE_ACTOR, clock=lambda: OFFICE_CLOCK)
    try:
        assert store_move.move_store(source, postgres_url).ok
        # Someone with the server's superuser edits one audit entry behind the triggers' back.
        engine = sa.create_engine(postgres_url)
        with engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
            connection.exec_driver_sql(
                "UPDATE audit_log SET actor = 'Người khác' "
                "WHERE id = (SELECT min(id) FROM audit_log WHERE chain <> 'store')"
            )
            connection.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER USER")
        engine.dispose()
        target = store_move.open_target(source, postgres_url)
        try:
            checked = store_move.check_move(source, target)
        finally:
            target.close()
    finally:
        source.close()
    assert checked.counts_equal
    assert not checked.contents_equal  # the same number of rows, not the same records
    assert [t.table for t in checked.tables if not t.equal] == ["audit_log"]
    assert not checked.audit.intact
    assert not checked.ok


def test_a_database_holding_records_is_refused(postgres_url: str, home: Path) -> None:
    source = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        demo.create_demo(source)
        assert store_move.move_store(source, postgres_url).ok
        with pytest.raises(StateError) as caught:
            store_move.move_store(source, postgres_url)
        with pytest.raises(InputError) as not_server:
            store_move.move_store(source, str(home / "other.sqlite3"))
    finally:
        source.close()
    assert caught.value.code == "STORE_TARGET_NOT_EMPTY"
    assert not_server.value.code == "STORE_TARGET_NOT_SERVER"


def test_a_cancelled_move_leaves_the_server_empty(postgres_url: str, home: Path) -> None:
    source = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        demo.create_demo(source)
        with pytest.raises(OperationCancelled):
            store_move.move_store(source, postgres_url, cancelled=lambda: True)
        target = Database(postgres_url, migrations_dir())
        try:
            assert store_copy.occupied_tables(target) == []
        finally:
            target.close()
        assert store_move.move_store(source, postgres_url).ok  # and can be moved again
    finally:
        source.close()


def test_a_missing_evidence_file_stops_the_move_before_any_record_and_it_can_run_again(
    postgres_url: str, home: Path, tmp_path: Path
) -> None:
    _office(home, tmp_path / "team")
    source = open_workspace(home, actor=OFFICE_ACTOR, clock=lambda: OFFICE_CLOCK)
    try:
        (sha256,) = store_copy.evidence_hashes(source.database)
        (stored,) = [p for p in home.rglob(sha256) if p.is_file()]
        kept = tmp_path / "kept"
        stored.rename(kept)
        with pytest.raises(StateError) as caught:
            store_move.move_store(source, postgres_url)
        assert caught.value.code == "MOVE_EVIDENCE_MISSING"
        assert sha256 in str(caught.value)
        target = Database(postgres_url, migrations_dir())
        try:
            assert store_copy.occupied_tables(target) == []
        finally:
            target.close()
        kept.rename(stored)
        assert store_move.move_store(source, postgres_url).ok  # not stuck half-moved
    finally:
        source.close()


def test_the_server_has_statistics_of_the_copied_tables(postgres_url: str, home: Path) -> None:
    """A store moved is analysed: the planner knows the tables are not empty from the start."""
    source = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        demo.create_demo(source)
        assert store_move.move_store(source, postgres_url).ok
    finally:
        source.close()
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            tuples = connection.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE oid = 'audit_log'::regclass"
            ).scalar_one()
    finally:
        engine.dispose()
    assert tuples > 0  # -1: never analysed
