"""Demo data must never become an official record (issue 13): the attacks first.

A demo store's assessments are marked one by one; the mark travels in the signed payload of a
bundle; an office refuses a demo bundle unless told, and then only into a demo store; a real store
never receives demo data and stays exactly as it was.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.bundles.bundle_file import open_bundle
from assessor_app.domain.errors import StateError
from assessor_app.services import assessments, bundle_export, bundle_import, demo, outbox
from assessor_app.services.workspace import Workspace
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    dump,
    enrol,
    export,
    listing,
    open_site,
    rewrite_zip,
)
from tests.store_access import raw_store


@pytest.fixture
def demo_team(tmp_path: Path) -> Iterator[Workspace]:
    """The demo store, on a laptop whose signing key is real."""
    ws = open_site(tmp_path / "demo-team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    demo.create_demo(ws)
    yield ws
    ws.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield ws
    ws.close()


def _finalised(ws: Workspace) -> int:
    return next(s.id for s in assessments.list_assessments(ws) if s.status.value == "finalized")


def _sql(ws: Workspace, statement: str) -> None:
    with raw_store(ws) as db:
        db.exec_driver_sql(statement)


def _demo_bundle(ws: Workspace, target: Path) -> Path:
    bundle_export.export(ws, [_finalised(ws)], target, TEAM_PASS, demo=True)
    return target


def _state(ws: Workspace) -> tuple[list[str], set[str]]:
    """The store's rows and the data folder's files (what a refused import must not change)."""
    return dump(ws), listing(ws.home.root)


# --- the store


def test_every_assessment_of_the_demo_store_is_marked_demo(demo_team: Workspace) -> None:
    items = assessments.list_assessments(demo_team)
    assert len(items) == 3
    assert all(item.demo for item in items)


def test_an_assessment_of_a_real_store_is_not_demo(office: Workspace) -> None:
    created = assessments.create(office, "06400", 2026)
    assert created.demo is False


# --- export


def test_a_demo_assessment_is_not_exported_as_an_official_bundle(
    demo_team: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "USB" / "bundle.zip"
    target.parent.mkdir()
    with pytest.raises(StateError) as refused:
        export(demo_team, [_finalised(demo_team)], target)
    assert refused.value.code == "EXPORT_DEMO"
    assert not target.exists()
    assert outbox.sent_bundles(demo_team) == []


def test_a_demo_bundle_is_marked_in_its_signed_payload(
    demo_team: Workspace, tmp_path: Path
) -> None:
    target = _demo_bundle(demo_team, tmp_path / "demo.zip")
    opened = open_bundle(target, tmp_path / "unpacked")
    assert opened.read_json("bundle.json")["demo"] is True
    documents = [n for n in opened.payload_files() if n.startswith("assessments/")]
    assert documents
    assert all(opened.read_json(name)["demo"] is True for name in documents)


def test_a_demo_flag_cleared_in_the_store_by_hand_is_still_refused(
    demo_team: Workspace, tmp_path: Path
) -> None:
    """The store's meta says demo too: clearing the assessments' marks with SQL changes nothing."""
    _sql(demo_team, "UPDATE assessments SET demo = FALSE")
    with pytest.raises(StateError) as refused:
        export(demo_team, [_finalised(demo_team)], tmp_path / "bundle.zip")
    assert refused.value.code == "EXPORT_DEMO"


def test_a_bundle_never_mixes_demo_and_real_assessments(office: Workspace, tmp_path: Path) -> None:
    real = assessments.create(office, "06400", 2026)
    sample = assessments.create(office, "06385", 2026)
    assessments.finalize(office, real.id)
    assessments.finalize(office, sample.id)
    _sql(office, f"UPDATE assessments SET demo = TRUE WHERE id = {sample.id}")
    for as_demo in (False, True):
        with pytest.raises(StateError) as refused:
            bundle_export.export(
                office, [real.id, sample.id], tmp_path / "mixed.zip", OFFICE_PASS, demo=as_demo
            )
        assert refused.value.code == "EXPORT_DEMO_MIXED"
    with pytest.raises(StateError) as refused:
        bundle_export.export(office, [real.id], tmp_path / "real.zip", OFFICE_PASS, demo=True)
    assert refused.value.code == "EXPORT_DEMO_NOT_DEMO"


# --- import


def test_an_office_refuses_a_demo_bundle_and_stays_as_it_was(
    demo_team: Workspace, office: Workspace, tmp_path: Path
) -> None:
    enrol(office, demo_team, tmp_path / "cards")
    bundle = _demo_bundle(demo_team, tmp_path / "demo.zip")
    before = _state(office)
    with pytest.raises(StateError) as refused:
        bundle_import.apply(office, bundle, OFFICE_PASS)
    assert refused.value.code == "IMPORT_DEMO_REFUSED"
    with pytest.raises(StateError) as refused:
        bundle_import.preview(office, bundle)
    assert refused.value.code == "IMPORT_DEMO_REFUSED"
    assert _state(office) == before
    # Accepted on purpose, still never into a real store.
    with pytest.raises(StateError) as refused:
        bundle_import.apply(office, bundle, OFFICE_PASS, accept_demo=True)
    assert refused.value.code == "IMPORT_DEMO_REAL_STORE"
    assert _state(office) == before
    assert assessments.list_assessments(office) == []


def test_verify_says_a_bundle_is_demo(
    demo_team: Workspace, office: Workspace, tmp_path: Path
) -> None:
    enrol(office, demo_team, tmp_path / "cards")
    report = bundle_import.verify(office, _demo_bundle(demo_team, tmp_path / "demo.zip"))
    assert report.ok
    assert report.demo


def test_a_demo_store_takes_a_demo_bundle_on_purpose_and_keeps_it_demo(
    demo_team: Workspace, tmp_path: Path
) -> None:
    trial = open_site(tmp_path / "trial", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        demo.create_demo(trial)
        enrol(trial, demo_team, tmp_path / "cards")
        bundle = _demo_bundle(demo_team, tmp_path / "demo.zip")
        with pytest.raises(StateError):
            bundle_import.apply(trial, bundle, OFFICE_PASS)
        result = bundle_import.apply(trial, bundle, OFFICE_PASS, accept_demo=True)
        assert result.outcome == bundle_import.ACCEPTED
        imported = [s for s in assessments.list_assessments(trial) if s.id in result.assessment_ids]
        assert imported
        assert all(s.demo for s in imported)
    finally:
        trial.close()


def _strip_demo(name: str, data: bytes) -> bytes:
    if name.endswith("data/bundle.json") or "/data/assessments/" in name:
        document = json.loads(data)
        document.pop("demo", None)
        return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    return data


def test_a_demo_bundle_whose_mark_was_stripped_is_rejected_as_tampered(
    demo_team: Workspace, office: Workspace, tmp_path: Path
) -> None:
    enrol(office, demo_team, tmp_path / "cards")
    bundle = _demo_bundle(demo_team, tmp_path / "demo.zip")
    with zipfile.ZipFile(bundle) as archive:
        assert any(n.endswith("data/bundle.json") for n in archive.namelist())
    stripped = rewrite_zip(bundle, tmp_path / "stripped.zip", _strip_demo)
    result = bundle_import.apply(office, stripped, OFFICE_PASS)
    assert result.outcome == bundle_import.REJECTED
    assert result.reasons[0].code == "BUNDLE_TAMPERED"
    assert assessments.list_assessments(office) == []


@pytest.mark.sqlite_only("an Alembic downgrade of the store file to schema 0011")
def test_the_upgrade_marks_every_assessment_of_a_demo_store(demo_team: Workspace) -> None:
    """A demo store made before the mark existed (schema 0011) gets it on each assessment."""
    from alembic import command
    from alembic.config import Config

    from assessor_app.paths import migrations_dir
    from assessor_app.storage.database import make_engine, migrating

    path = demo_team.home.database
    demo_team.close()
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
        assert "demo" not in {
            c[1] for c in connection.exec_driver_sql("PRAGMA table_info(assessments)")
        }
        command.upgrade(config, "0012")
        marks = connection.exec_driver_sql("SELECT demo FROM assessments").fetchall()
    engine.dispose()
    assert marks == [(1,), (1,), (1,)]
