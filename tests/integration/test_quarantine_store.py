"""A bundle held in quarantine is kept in the store's evidence store, named by its SHA-256
(migration 0026; services/import_hold.py): on a shared PostgreSQL store any officer lists, retries,
resolves or rejects it from their own computer; `store migrate` carries held bundles (and the
files of rows held before 0026) into the server; a kept copy that no longer matches its hash is
refused with a clear error, never imported."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from assessor_app.domain.errors import StateError, StoreError
from assessor_app.domain.exchange import QuarantineRecord, QuarantineStatus
from assessor_app.paths import migrations_dir
from assessor_app.services import (
    assessments,
    bundle_import,
    import_hold,
    keys,
    quarantine,
    store_move,
    trust,
)
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage import store_copy
from assessor_app.storage.database import Database
from assessor_app.storage.evidence_database import DatabaseEvidence
from assessor_app.storage.schema import QuarantineRow
from tests.integration.test_evidence_stores import pg_office
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    open_site,
    rich_assessment,
)
from tests.postgres_server import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]  # the fixtures this module uses

REASON = "Đoàn xác nhận bàn giao trước khi mất máy"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _held_bundles(office: Workspace, tmp_path: Path, count: int = 1) -> list[Path]:
    """`count` bundles of the team's, signed before its key was revoked above `count` and
    received after: each is held (BUNDLE_REVOKED_UNSEEN), which a person may resolve."""
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    stick = tmp_path / "USB"
    stick.mkdir()
    try:
        enrol(office, team, tmp_path / "cards")
        bundles = [export(team, [rich_assessment(team, tmp_path)], stick / "1.ldbundle")]
        for number in range(2, count + 1):
            created = assessments.create(team, "06385", 2026 - number).id
            assessments.finalize(team, created)
            bundles.append(export(team, [created], stick / f"{number}.ldbundle"))
        info = keys.key_info(team)
        assert info is not None
        trust.revoke(office, info.fingerprint, count, "Máy tính bị mất")
    finally:
        team.close()
    return bundles


def _make_old_style(office: Workspace, quarantine_id: int) -> Path:
    """Turn a row into one held before migration 0026: its bundle a file in quarantine/, named by
    a path relative to the data home, nothing in the evidence store."""
    with office.database.transaction() as session:
        row = session.get(QuarantineRow, quarantine_id)
        assert row is not None
        assert row.content_sha256 is not None
        sha256 = row.content_sha256
        kept = office.home.root / "quarantine" / f"{row.bundle_id}.ldbundle"
        kept.parent.mkdir(exist_ok=True)
        with office.evidence.open(sha256) as stream:
            kept.write_bytes(stream.read())
        row.stored_path, row.content_sha256 = f"quarantine/{row.bundle_id}.ldbundle", None
    office.evidence.discard(sha256)
    return kept


# --- SQLite -------------------------------------------------------------------------------------


def test_a_held_bundle_is_kept_in_the_evidence_folder_and_resolved_from_it(
    tmp_path: Path,
) -> None:
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        [bundle] = _held_bundles(office, tmp_path)
        held = bundle_import.apply(office, bundle, OFFICE_PASS)
        assert held.outcome == "quarantined"
        assert (held.quarantine_path, held.quarantine_sha256) == (None, _sha256(bundle))
        assert held.quarantine_kept == f"sha256:{_sha256(bundle)}"
        assert not list(office.home.root.glob("quarantine/*"))  # no copy beside the store
        assert office.evidence.verify(_sha256(bundle))
        bundle.unlink()  # the sender's file is gone: the store's copy is what counts
        resolved = quarantine.resolve(office, held.quarantine_id or 0, {}, REASON, OFFICE_PASS)
        assert resolved.outcome == "accepted"
        assert len(assessments.list_assessments(office)) == 1
        assert office.evidence.verify(held.quarantine_sha256 or "")  # kept after deciding
    finally:
        office.close()


@pytest.mark.sqlite_only(
    "tampers with the kept copy's file in the data home; a server keeps it in the database, "
    "where tests/integration/test_postgres_hardening.py tampers with it"
)
def test_a_kept_copy_that_no_longer_matches_its_hash_is_refused_and_nothing_changes(
    tmp_path: Path,
) -> None:
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        [bundle] = _held_bundles(office, tmp_path)
        held = bundle_import.apply(office, bundle, OFFICE_PASS)
        kept = office.evidence.readable_path(held.quarantine_sha256 or "")
        kept.chmod(0o600)
        kept.write_bytes(kept.read_bytes()[:-10] + b"0123456789")
        qid = held.quarantine_id or 0
        for attempt in (
            lambda: quarantine.retry(office, qid, OFFICE_PASS),
            lambda: quarantine.resolve(office, qid, {}, REASON, OFFICE_PASS),
        ):
            with pytest.raises(StoreError) as caught:
                attempt()
            assert caught.value.code == "QUARANTINE_CONTENT_DAMAGED"
            assert caught.value.params["id"] == qid
        kept.unlink()
        with pytest.raises(StoreError) as missing:
            quarantine.retry(office, qid, OFFICE_PASS)
        assert missing.value.code == "QUARANTINE_CONTENT_DAMAGED"
        assert quarantine.show(office, qid).item.status == "held"
        assert assessments.list_assessments(office) == []
        assert not any((office.home.incoming).glob("held-*"))  # the work folders are removed
    finally:
        office.close()


def test_a_bundle_held_before_0026_is_still_read_from_its_file(tmp_path: Path) -> None:
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        [bundle] = _held_bundles(office, tmp_path)
        held = bundle_import.apply(office, bundle, OFFICE_PASS)
        qid = held.quarantine_id or 0
        kept = _make_old_style(office, qid)
        [item] = quarantine.list_quarantine(office)
        assert (item.path, item.sha256, item.kept) == (kept, None, str(kept))
        again = bundle_import.apply(office, bundle, OFFICE_PASS)
        assert (again.already, again.quarantine_path, again.quarantine_sha256) == (True, kept, None)
        resolved = quarantine.resolve(office, qid, {}, REASON, OFFICE_PASS)
        assert resolved.outcome == "accepted"
        assert kept.is_file()  # never deleted by the app
    finally:
        office.close()


def test_a_failed_import_s_cleanup_keeps_the_bundle_another_import_held(tmp_path: Path) -> None:
    """Two imports of the same bundle: the one that stored its bytes failed after the other held
    it and committed; the failed one's cleanup leaves the held bundle's bytes."""
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        [bundle] = _held_bundles(office, tmp_path)
        held = bundle_import.apply(office, bundle, OFFICE_PASS)
        sha256 = held.quarantine_sha256 or ""
        office.evidence.undo_created(sha256)  # the failed import had created it
        assert office.evidence.verify(sha256)
        unreferenced = office.evidence.put_stream(io.BytesIO(b"nothing refers to this"))
        office.evidence.undo_created(unreferenced.sha256)
        assert not office.evidence.exists(unreferenced.sha256)
    finally:
        office.close()


# --- PostgreSQL ---------------------------------------------------------------------------------


@pytest.mark.postgres
def test_an_officer_resolves_a_bundle_another_officer_s_import_held(
    postgres_url: str, tmp_path: Path
) -> None:
    officer_a = pg_office(tmp_path / "a", postgres_url)
    try:
        [bundle] = _held_bundles(officer_a, tmp_path)
        held = bundle_import.apply(officer_a, bundle, OFFICE_PASS)
        assert held.outcome == "quarantined"
        assert isinstance(officer_a.evidence, DatabaseEvidence)
        assert not list(officer_a.home.root.glob("quarantine/*"))
        assert not list(officer_a.home.evidence.glob("*/*"))  # in the database, not this laptop
    finally:
        officer_a.close()
    bundle.unlink()

    # Officer B: another computer (another data home, no signing key), the same server.
    officer_b = open_workspace(tmp_path / "b", actor="Nông Thị Hoa", store=postgres_url)
    try:
        [item] = quarantine.list_quarantine(officer_b)
        assert (item.id, item.status, item.path) == (held.quarantine_id, "held", None)
        assert item.sha256 == held.quarantine_sha256
        assert quarantine.show(officer_b, item.id).resolvable
        resolved = quarantine.resolve(officer_b, item.id, {}, REASON)
        assert resolved.outcome == "accepted"
        assert [r.code for r in resolved.reasons] == []
        assert resolved.receipt_note is not None  # B has no key: no receipt, said so
        assert len(assessments.list_assessments(officer_b)) == 1
        closed = quarantine.show(officer_b, item.id).item
        assert closed.status == "resolved"
        assert closed.resolved_by is not None
        assert "Nông Thị Hoa" in closed.resolved_by
    finally:
        officer_b.close()


@pytest.mark.postgres
def test_store_migrate_carries_held_bundles_and_any_officer_resolves_them_on_the_server(
    postgres_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "office"
    office = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        bundles = _held_bundles(office, tmp_path, count=2)
        new = bundle_import.apply(office, bundles[0], OFFICE_PASS)
        old = bundle_import.apply(office, bundles[1], OFFICE_PASS)
        assert new.outcome == old.outcome == "quarantined"
        _make_old_style(office, old.quarantine_id or 0)  # held before 0026: a file on this laptop
        checked = store_move.move_store(office, postgres_url)
    finally:
        office.close()
    assert checked.ok, checked
    assert checked.held_not_carried == ()
    assert checked.evidence_files == 2  # both held bundles; the team's assessments have no files
    assert store_copy.held_without_content(office.database) == [old.quarantine_id]  # file as was

    officer = open_workspace(tmp_path / "elsewhere", actor="Nông Thị Hoa", store=postgres_url)
    try:
        items = {i.id: i for i in quarantine.list_quarantine(officer)}
        assert items[new.quarantine_id or 0].sha256 == _sha256(bundles[0])
        assert items[old.quarantine_id or 0].sha256 == _sha256(bundles[1])
        assert all(i.path is None for i in items.values())
        for bundle in bundles:
            bundle.unlink()
        for qid in items:
            assert quarantine.resolve(officer, qid, {}, REASON).outcome == "accepted"
        assert len(assessments.list_assessments(officer)) == 2
        with officer.database.reading() as session:
            assert session.scalars(select(QuarantineRow.status)).all() == ["resolved"] * 2
    finally:
        officer.close()


@pytest.mark.postgres
def test_a_held_bundle_whose_old_file_is_gone_stops_the_move_before_any_record(
    postgres_url: str, tmp_path: Path
) -> None:
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        [bundle] = _held_bundles(office, tmp_path)
        held = bundle_import.apply(office, bundle, OFFICE_PASS)
        kept = _make_old_style(office, held.quarantine_id or 0)
        aside = tmp_path / "aside.ldbundle"
        kept.rename(aside)
        with pytest.raises(StateError) as caught:
            store_move.move_store(office, postgres_url)
        assert caught.value.code == "MOVE_EVIDENCE_MISSING"
        assert str(kept) in str(caught.value)
        target = Database(postgres_url, migrations_dir())
        try:
            assert store_copy.occupied_tables(target) == []
        finally:
            target.close()
        aside.rename(kept)
        checked = store_move.move_store(office, postgres_url)  # not refused as occupied
    finally:
        office.close()
    assert checked.ok, checked
    assert store_copy.held_without_content(office.database) == [held.quarantine_id]
    target = Database(postgres_url, migrations_dir())
    try:
        assert store_copy.held_without_content(target) == []
        with target.reading() as session:
            row = session.get(QuarantineRow, held.quarantine_id)
            assert row is not None
            assert (row.content_sha256, row.stored_path) == (_sha256(bundle), None)
    finally:
        target.close()


@pytest.mark.postgres
def test_the_move_check_compares_a_held_bundle_s_hash(postgres_url: str, tmp_path: Path) -> None:
    """Where the source names a held bundle by hash, the server's row must name the same one."""
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        bundles = _held_bundles(office, tmp_path, count=2)
        new = bundle_import.apply(office, bundles[0], OFFICE_PASS)
        old = bundle_import.apply(office, bundles[1], OFFICE_PASS)
        _make_old_style(office, old.quarantine_id or 0)
        assert store_move.move_store(office, postgres_url).ok
        target = store_move.open_target(office, postgres_url)
        try:
            assert store_move.check_move(office, target).ok  # checked again later: the same
            with target.database.transaction() as session:  # both contents are stored there
                session.execute(
                    sa.update(QuarantineRow)
                    .where(QuarantineRow.id == new.quarantine_id)
                    .values(content_sha256=_sha256(bundles[1]))
                )
            checked = store_move.check_move(office, target)
        finally:
            target.close()
    finally:
        office.close()
    assert [t.table for t in checked.tables if not t.equal] == ["quarantine"]
    assert not checked.ok


@pytest.mark.postgres
def test_a_held_bundle_is_read_back_from_the_server_a_chunk_at_a_time(
    postgres_url: str, tmp_path: Path
) -> None:
    big = tmp_path / "big.ldbundle"
    with open(big, "wb") as out:
        for _ in range(32):
            out.write(os.urandom(1024 * 1024))
    ws = open_workspace(tmp_path / "home", actor="Lý Thị Duyệt", store=postgres_url)
    try:
        kept = import_hold.keep_content(ws, big)
        record = QuarantineRecord(
            1,
            "b",
            None,
            "t",
            "d",
            1,
            "f",
            (),
            {},
            QuarantineStatus.HELD,
            content_sha256=kept.sha256,
        )
        tracemalloc.start()
        try:
            with import_hold.held_file(ws, record) as path:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                assert _sha256(path) == kept.sha256
        finally:
            tracemalloc.stop()
        assert peak < 8 * 1024 * 1024  # a few chunks, never the 32 MiB file
    finally:
        ws.close()
