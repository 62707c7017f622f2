"""Files the exchange tables point at (a held bundle's kept copy, the receipt written for a
received bundle) are stored relative to the data home: moving the whole data folder breaks
neither the quarantine nor the receipt lookups. Paths outside the data home, and the absolute paths
of rows written before, stay as they are."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app import i18n
from assessor_app.domain.errors import StateError
from assessor_app.paths import data_home
from assessor_app.services import bundle_import, quarantine
from assessor_app.services.workspace import open_workspace
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import QuarantineRow, SeenBundleRow
from assessor_app.texts import labels
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    open_site,
    rich_assessment,
)
from tests.store_template import StoreTemplates


def _held_row(session: Session, bundle_id: str) -> QuarantineRow | None:
    """The quarantine row as written (the test reads the table itself: paths as stored)."""
    return session.scalar(select(QuarantineRow).where(QuarantineRow.bundle_id == bundle_id))


def _stored(home: Path, bundle_id: str) -> tuple[str, str | None]:
    """The quarantine row's stored path and the seen bundle's receipt path, as written."""
    ws = open_workspace(home, actor="Lý Thị Duyệt")
    try:
        with ws.database.reading() as session:
            held = _held_row(session, bundle_id)
            seen = session.get(SeenBundleRow, bundle_id)
            assert held is not None
            assert seen is not None
            return held.stored_path, seen.receipt_path
    finally:
        ws.close()


def _move_home(store_templates: StoreTemplates, home: Path, to: Path) -> None:
    """Move a (closed) data home; on a server its store stays the same database."""
    shutil.move(home, to)
    if store_templates.server is not None:
        store_templates.server.moved(data_home(home).database, data_home(to).database)


def test_moving_the_data_folder_keeps_quarantine_and_receipts_working(
    tmp_path: Path, store_templates: StoreTemplates
) -> None:
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    stick = tmp_path / "USB"
    stick.mkdir()
    bundle = export(team, [rich_assessment(team, tmp_path)], stick / "b.ldbundle")
    held = bundle_import.apply(office, bundle, OFFICE_PASS)  # the team's key is not enrolled
    assert held.outcome == "quarantined"
    assert held.receipt_path is not None
    office.close()
    stored, receipt = _stored(tmp_path / "office", held.bundle_id)
    assert stored is None  # the bundle is kept in the evidence store, by its hash: no path
    assert held.quarantine_sha256 == hashlib.sha256(bundle.read_bytes()).hexdigest()
    assert receipt == f"receipts/{held.bundle_id}.receipt.json"

    moved = tmp_path / "elsewhere" / "office"
    moved.parent.mkdir()
    _move_home(store_templates, tmp_path / "office", moved)
    office = open_workspace(moved, actor="Lý Thị Duyệt")
    try:
        [item] = quarantine.list_quarantine(office)
        assert (item.path, item.sha256) == (None, held.quarantine_sha256)
        with office.evidence.open(held.quarantine_sha256) as kept:
            assert kept.read() == bundle.read_bytes()
        assert quarantine.show(office, item.id).item.kept == f"sha256:{item.sha256}"

        again = bundle_import.apply(office, bundle, OFFICE_PASS)
        assert again.already
        assert again.quarantine_sha256 == item.sha256
        assert again.receipt_path == moved / "receipts" / f"{held.bundle_id}.receipt.json"
        assert again.receipt_path.is_file()

        enrol(office, team, tmp_path / "cards")
        released = quarantine.retry(office, item.id, OFFICE_PASS)  # read from the moved store
        assert released.outcome == "accepted"
        assert released.quarantine_sha256 == item.sha256
        assert quarantine.show(office, item.id).item.status == "resolved"
    finally:
        office.close()
        team.close()


def test_a_rejected_bundle_s_receipt_is_stored_relative_and_found_after_a_move(
    tmp_path: Path, store_templates: StoreTemplates
) -> None:
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    stick = tmp_path / "USB"
    stick.mkdir()
    bundle = export(team, [rich_assessment(team, tmp_path)], stick / "b.ldbundle")
    held = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert held.quarantine_id is not None
    rejected = quarantine.reject(office, held.quarantine_id, "Không rõ nguồn gốc", OFFICE_PASS)
    assert rejected.receipt_path is not None
    office.close()
    team.close()
    _stored_path, receipt = _stored(tmp_path / "office", held.bundle_id)
    assert receipt == rejected.receipt_path.relative_to(tmp_path / "office").as_posix()

    moved = tmp_path / "moved"
    _move_home(store_templates, tmp_path / "office", moved)
    office = open_workspace(moved, actor="Lý Thị Duyệt")
    try:
        again = bundle_import.apply(office, bundle, OFFICE_PASS)
        assert (again.already, again.outcome) == (True, "rejected")
        assert again.receipt_path == moved / rejected.receipt_path.relative_to(tmp_path / "office")
        assert again.receipt_path.is_file()
    finally:
        office.close()


def test_paths_outside_the_data_home_and_legacy_absolute_paths_stay_absolute(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    office = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    stick = tmp_path / "USB"
    stick.mkdir()
    outside = tmp_path / "receipts-for-the-team"
    try:
        bundle = export(team, [rich_assessment(team, tmp_path)], stick / "b.ldbundle")
        held = bundle_import.apply(office, bundle, OFFICE_PASS, receipt_dir=outside)
        assert held.receipt_path is not None
        assert held.receipt_path.parent == outside
        legacy = home / "quarantine" / f"{held.bundle_id}.ldbundle"
        with office.database.transaction() as session:
            seen = session.get(SeenBundleRow, held.bundle_id)
            row = _held_row(session, held.bundle_id)
            assert seen is not None
            assert row is not None
            assert seen.receipt_path == str(held.receipt_path)  # outside: absolute
            row.stored_path = str(legacy)  # as a row written before paths were relative
        [item] = quarantine.list_quarantine(office)
        assert item.path == legacy
        again = bundle_import.apply(office, bundle, OFFICE_PASS)
        assert again.receipt_path == held.receipt_path
        assert again.quarantine_path == legacy
    finally:
        office.close()
        team.close()


def test_the_repository_resolves_stored_paths_against_the_data_home(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "home", actor="Lý Thị Duyệt")
    try:
        with ws.database.reading() as session:
            tables = ExchangeRepository(Repository(session).session, tmp_path / "home")
            assert (
                tables.resolve("quarantine/x.ldbundle") == tmp_path / "home/quarantine/x.ldbundle"
            )
            assert tables.resolve(str(tmp_path / "old/x.ldbundle")) == tmp_path / "old/x.ldbundle"
    finally:
        ws.close()


def test_a_closed_bundle_says_its_status_in_words(tmp_path: Path) -> None:
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    stick = tmp_path / "USB"
    stick.mkdir()
    try:
        bundle = export(team, [rich_assessment(team, tmp_path)], stick / "b.ldbundle")
        held = bundle_import.apply(office, bundle, OFFICE_PASS)
        assert held.quarantine_id is not None
        quarantine.reject(office, held.quarantine_id, "Không rõ nguồn gốc", OFFICE_PASS)
        previous = i18n.language()
        i18n.set_language("vi")  # said in the app's language, as the screen and the CLI show it
        try:
            with pytest.raises(StateError) as closed:
                quarantine.retry(office, held.quarantine_id, OFFICE_PASS)
            vietnamese = i18n.render(closed.value)
        finally:
            i18n.set_language(previous)
        assert closed.value.code == "QUARANTINE_CLOSED"
        assert closed.value.params["status"] == "rejected"
        assert labels.quarantine_status("rejected", "vi") in vietnamese
        assert "rejected" not in vietnamese
    finally:
        office.close()
        team.close()
