"""Importing signed bundles between two real stores: a team's laptop and a reviewing office.

The helpers at the top are shared with test_merge.py and test_hostile_bundles.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import bagit
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, inspect

from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.bundle_file import open_bundle
from assessor_app.bundles.bundle_writer import write_bundle
from assessor_app.cli import exit_codes
from assessor_app.domain.audit import verify_chain
from assessor_app.domain.errors import InputError, StateError
from assessor_app.services import (
    assessments,
    assignments,
    bundle_export,
    bundle_import,
    keys,
    notes,
    quarantine,
    receipts,
    reference_data,
    team,
    trust,
)
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import Repository
from tests.store_access import raw_store
from tests.store_template import copy_store, with_reference_data

TEAM_PASS = "mật khẩu của đoàn kiểm tra"
OFFICE_PASS = "mật khẩu văn phòng thẩm định"


# --- shared helpers -----------------------------------------------------------------------------


def open_site(
    root: Path, actor: str, owner: str | None = None, passphrase: str = "", role: str = "team"
) -> Workspace:
    """A store with the shipped reference data and, given an owner, a signing key of `role`."""
    with_reference_data(root)  # a copy of the run's template (tests/store_template.py)
    ws = open_workspace(root, actor=actor)
    reference_data.ensure_initialised(ws)
    if owner is not None:
        keys.init_key(ws, owner, "Sở Lao động - Thương binh và Xã hội Lạng Sơn", passphrase, role)
    return ws


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield ws
    ws.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "USB"
    folder.mkdir()
    return folder


def enrol(receiver: Workspace, sender: Workspace, folder: Path) -> None:
    """`receiver` trusts `sender`'s key (card checked with the fingerprint read in person)."""
    folder.mkdir(parents=True, exist_ok=True)
    card = folder / f"card-{uuid.uuid4()}.json"
    keys.write_card(sender, card)
    info = keys.key_info(sender)
    assert info is not None
    trust.enrol_card(receiver, card, info.formatted)


def export(
    ws: Workspace, ids: list[int], target: Path, passphrase: str = TEAM_PASS, drafts: bool = False
) -> Path:
    bundle_export.export(ws, ids, target, passphrase, include_drafts=drafts)
    return target


def rich_assessment(ws: Workspace, tmp_path: Path, finalise: bool = True) -> int:
    created = assessments.create(ws, "06400", 2026)
    assessments.set_value(ws, created.id, "TC2.1", "40/50")
    assessments.set_value(ws, created.id, "TC2.1", "49/50")
    assessments.set_value(ws, created.id, "TC1.1", "có")
    lan = team.add_member(ws, created.id, "Hoàng Thị Lan", "justice", "lead")
    gone = team.add_member(ws, created.id, "Vi Văn Đức", "police")
    team.remove_member(ws, created.id, gone.id, reason="Chuyển công tác")
    assignments.assign(ws, created.id, "TC12", lan.id)
    notes.add_comment(ws, created.id, "TC2.1", "Đối chiếu sổ hộ tịch")
    notes.set_follow_up(ws, created.id, "TC7.1", True)
    photo = tmp_path / "ảnh sổ khai sinh.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo " + bytes(range(256)) * 40)
    notes.attach_evidence(ws, created.id, "TC2.1", photo, caption="Sổ khai sinh")
    if finalise:
        assessments.finalize(ws, created.id)
    return created.id


def _tables(db: Connection) -> list[str]:
    return sorted(inspect(db).get_table_names())


def table_counts(ws: Workspace) -> dict[str, int]:
    with raw_store(ws) as db:
        return {
            t: db.exec_driver_sql(f'SELECT COUNT(*) FROM "{t}"').scalar_one() for t in _tables(db)
        }


def evidence_tables(ws: Workspace) -> set[str]:
    """The tables that change when the store keeps a new file: none on SQLite (the files are in
    the data home), the content and its chunks on a server."""
    return {"evidence_contents", "evidence_chunks"} if ws.database.is_postgres else set()


def dump(ws: Workspace) -> list[str]:
    """Everything in the store: on SQLite its SQL text (schema and rows), on a server every table's
    rows, in order."""
    if not ws.database.is_postgres:
        with contextlib.closing(sqlite3.connect(ws.home.database)) as db:
            return list(db.iterdump())
    with raw_store(ws) as db:
        return [
            f"{t}: {row!r}"
            for t in _tables(db)
            for row in sorted(map(repr, db.exec_driver_sql(f'SELECT * FROM "{t}"').all()))
        ]


def listing(root: Path) -> set[str]:
    """Every file and folder under `root` (relative), except SQLite's own side files."""
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if not p.name.endswith(("-wal", "-shm"))
    }


def uid_of(ws: Workspace, assessment_id: int) -> str:
    return assessments.detail(ws, assessment_id).summary.uid


def local_id(ws: Workspace, uid: str) -> int:
    return next(s.id for s in assessments.list_assessments(ws) if s.uid == uid)


def unlock(ws: Workspace, passphrase: str = TEAM_PASS) -> Ed25519PrivateKey:
    return keys.unlock(ws, passphrase)


def resign(
    source: Path,
    target: Path,
    key: Ed25519PrivateKey,
    mutate: Callable[[dict[str, bytes]], None] | None = None,
    **info_changes: object,
) -> Path:
    """A copy of a bundle with its payload changed by `mutate`, signed (validly) by `key`: what a
    forger or a buggy exporter could produce. A new bundle id unless `info_changes` names one."""
    with tempfile.TemporaryDirectory() as folder:
        opened = open_bundle(source, Path(folder) / "x")
        files = {n: opened.payload_path(n).read_bytes() for n in opened.payload_files()}
        if mutate is not None:
            mutate(files)
        changes: dict[str, object] = {"bundle_id": str(uuid.uuid4()), **info_changes}
        info = dataclasses.replace(
            opened.info,
            key_id=bundle_keys.fingerprint(bundle_keys.public_raw(key)),
            **changes,  # type: ignore[arg-type]
        )
        write_bundle(target, files, info, key)
    return target


def rewrite_zip(
    source: Path,
    target: Path,
    change: Callable[[str, bytes], bytes | None] = lambda _name, data: data,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """Copy a ZIP member by member; `change` returns the new bytes, or None to drop the member."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = b"" if info.is_dir() else zin.read(info)
            new = data if info.is_dir() else change(info.filename, data)
            if new is None:
                continue
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_STORED if info.is_dir() else zipfile.ZIP_DEFLATED
            zout.writestr(copy, new)
        for name, data in (extra or {}).items():
            item = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            item.external_attr = 0o100644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(item, data)
    return target


def document_name(files: dict[str, bytes]) -> str:
    return next(n for n in files if n.startswith("assessments/"))


# --- round trip ---------------------------------------------------------------------------------


def test_round_trip_team_to_office_and_receipt_back(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    assessment_id = rich_assessment(team_ws, tmp_path)
    bundle = export(team_ws, [assessment_id], stick / "Hữu Liên 2026.ldbundle")
    enrol(office, team_ws, tmp_path / "cards")

    report = bundle_import.verify(office, bundle)
    assert report.ok
    assert exit_codes.for_bundle_code(report.code) == 0
    assert report.signer_owner == "Hoàng Thị Lan"

    result = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert result.outcome == "accepted"
    assert not result.already
    assert result.reasons == ()
    assert [a.action for a in result.plan.assessments] == ["new"]

    sent = assessments.detail(team_ws, assessment_id)
    got = assessments.detail(office, result.assessment_ids[0])
    assert got.summary.uid == sent.summary.uid
    assert got.summary.status.value == "finalized"
    assert got.summary.catalogue_hash == sent.summary.catalogue_hash
    assert {k: (v.value, v.entered_by, v.entered_at) for k, v in got.values.items()} == {
        k: (v.value, v.entered_by, v.entered_at) for k, v in sent.values.items()
    }
    assert (got.summary.total, got.summary.recognized) == (
        sent.summary.total,
        sent.summary.recognized,
    )
    assert [(m.name, m.agency, m.role) for m in got.members] == [
        (m.name, m.agency, m.role) for m in sent.members
    ]
    assert [(c.indicator, c.text, c.author, c.at) for c in got.comments] == [
        (c.indicator, c.text, c.author, c.at) for c in sent.comments
    ]
    assert got.follow_up == sent.follow_up
    assert [(e.sha256, e.filename, e.caption) for e in got.evidence] == [
        (e.sha256, e.filename, e.caption) for e in sent.evidence
    ]
    for item in got.evidence:
        with (
            office.evidence.open(item.sha256) as got_file,
            team_ws.evidence.open(item.sha256) as sent_file,
        ):
            assert got_file.read() == sent_file.read()
    assert assignments.assignments(office, got.summary.id)["TC12"].member is not None

    uid = got.summary.uid
    team_device = keys.device_id(team_ws)
    with office.database.reading() as session:
        repo = Repository(session)
        chains = repo.audit_chains(uid)
        foreign = repo.audit_entries(f"{uid}@{team_device}")
        row = repo.assessment_record_by_uid(uid)
        assert row is not None
        versions = {(v.indicator_code, v.vid) for v in repo.versions(row.id)}
    with team_ws.database.reading() as session:
        repo = Repository(session)
        original = repo.audit_entries(uid)
        team_row = repo.assessment_record_by_uid(uid)
        assert team_row is not None
        assert versions == {(v.indicator_code, v.vid) for v in repo.versions(team_row.id)}
    assert chains == [uid, f"{uid}@{team_device}"]
    # The team's chain as exported: everything but the "export" entry written afterwards.
    assert [e.hash for e in foreign] == [e.hash for e in original[:-1]]
    assert original[-1].action == "export"
    assert verify_chain([dataclasses.replace(e, chain=uid) for e in foreign]) == []
    local = assessments.audit(office, got.summary.id)
    assert local.intact
    assert [e.action for e in local.entries] == ["import", "merge", "merge"]
    assert local.entries[0].new["bundle"] == result.bundle_id

    assert result.receipt_path is not None
    assert result.receipt_path.is_file()
    enrol(team_ws, office, tmp_path / "cards")
    ack = receipts.import_receipt(team_ws, result.receipt_path)
    assert ack.outcome == "accepted"
    assert ack.bundle_id == result.bundle_id
    sent_bundles = bundle_export.sent_bundles(team_ws)
    assert sent_bundles[0].acknowledged
    assert sent_bundles[0].receipt_outcome == "accepted"


def test_the_extracted_bundle_is_a_valid_bag(
    team_ws: Workspace, stick: Path, tmp_path: Path
) -> None:
    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    opened = open_bundle(bundle, tmp_path / "unpacked")
    bag = bagit.Bag(str(opened.root))
    bag.validate()
    assert bag.info["Bundle-Id"] == opened.info.bundle_id


def test_the_same_bundle_again_changes_nothing(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    enrol(office, team_ws, tmp_path / "cards")
    first = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert first.outcome == "accepted"
    counts, before, files = table_counts(office), dump(office), listing(office.home.root)

    again = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert again.already
    assert again.outcome == "accepted"
    assert again.receipt_path == first.receipt_path
    assert table_counts(office) == counts
    assert dump(office) == before
    assert listing(office.home.root) == files
    assert bundle_import.preview(office, bundle).already


def test_preview_changes_nothing(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    enrol(office, team_ws, tmp_path / "cards")
    before, files = dump(office), listing(office.home.root)
    plan = bundle_import.preview(office, bundle)
    assert plan.outcome == "accepted"
    assert plan.assessments[0].action == "new"
    assert {m.indicator for m in plan.assessments[0].taken} == {"TC1.1", "TC2.1"}
    assert plan.assessments[0].evidence_added == 1
    assert dump(office) == before
    assert listing(office.home.root) == files


# --- signer, sequence, receipts -----------------------------------------------------------------


def test_unknown_signer_is_held_then_enrolled_and_retried(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    assert exit_codes.for_bundle_code(bundle_import.verify(office, bundle).code) == 24
    counts = table_counts(office)

    held = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["BUNDLE_UNKNOWN_SIGNER"]
    assert held.quarantine_path is None  # kept in the evidence store, by hash (migration 0026)
    assert held.quarantine_sha256 is not None
    with office.evidence.open(held.quarantine_sha256) as kept:
        assert kept.read() == bundle.read_bytes()
    changed = {t for t, n in table_counts(office).items() if n != counts[t]}
    assert changed == {"quarantine", "seen_bundles"} | evidence_tables(office)
    assert assessments.list_assessments(office) == []
    assert held.receipt_path is not None
    assert json.loads(held.receipt_path.read_text(encoding="utf-8"))["outcome"] == "quarantined"

    items = quarantine.list_quarantine(office)
    assert [(i.id, i.status, i.bundle_id) for i in items] == [
        (held.quarantine_id, "held", held.bundle_id)
    ]
    detail = quarantine.show(office, items[0].id)
    assert detail.bundle["contact"] == "Hoàng Thị Lan"
    assert detail.assessments[0]["action"] == "new"
    assert not detail.resolvable
    with pytest.raises(StateError) as refused:
        quarantine.resolve(office, items[0].id, {}, "Đã kiểm tra")
    assert refused.value.code == "QUARANTINE_NOT_RESOLVABLE"

    # Importing the same file again while it is held changes nothing.
    again = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert again.already
    assert again.quarantine_id == held.quarantine_id

    # Still unknown: retrying keeps it held.
    still = quarantine.retry(office, items[0].id, OFFICE_PASS)
    assert still.outcome == "quarantined"
    assert len(quarantine.list_quarantine(office)) == 1

    enrol(office, team_ws, tmp_path / "cards")
    accepted = quarantine.retry(office, items[0].id, OFFICE_PASS)
    assert accepted.outcome == "accepted"
    assert len(accepted.assessment_ids) == 1
    closed = quarantine.show(office, items[0].id).item
    assert closed.status == "resolved"
    assert closed.sha256 is not None
    assert office.evidence.verify(closed.sha256)
    with office.database.reading() as session:
        seen = ExchangeRepository(session).seen_bundle(held.bundle_id)
        assert seen is not None
        assert seen.outcome == "accepted"
    with pytest.raises(StateError):
        quarantine.retry(office, items[0].id, OFFICE_PASS)


def test_revoked_key_refuses_bundles_above_the_threshold_and_holds_unseen_ones(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    first = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "1.ldbundle")
    second_id = assessments.create(team_ws, "06385", 2026).id
    assessments.finalize(team_ws, second_id)
    second = export(team_ws, [second_id], stick / "2.ldbundle")
    info = keys.key_info(team_ws)
    assert info is not None
    trust.revoke(office, info.fingerprint, 1, "Máy tính bị mất")

    # Number 1 is within the threshold but reached the office only after the revocation: held
    # for a person to decide.
    report = bundle_import.verify(office, first)
    assert (exit_codes.for_bundle_code(report.code), report.code) == (25, "BUNDLE_REVOKED_UNSEEN")
    held = bundle_import.apply(office, first, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["BUNDLE_REVOKED_UNSEEN"]
    assert assessments.list_assessments(office) == []
    assert quarantine.retry(office, held.quarantine_id or 0, OFFICE_PASS).outcome == "quarantined"
    accepted = quarantine.resolve(
        office, held.quarantine_id or 0, {}, "Đoàn xác nhận bàn giao trước khi mất máy", OFFICE_PASS
    )
    assert accepted.outcome == "accepted"
    assert len(assessments.list_assessments(office)) == 1
    # Number 2 is above the threshold: refused outright, whatever it claims.
    report = bundle_import.verify(office, second)
    assert (exit_codes.for_bundle_code(report.code), report.code) == (25, "BUNDLE_REVOKED_SIGNER")
    refused = bundle_import.apply(office, second, OFFICE_PASS)
    assert refused.outcome == "rejected"
    assert refused.quarantine_id is None
    assert [r.code for r in refused.reasons] == ["BUNDLE_REVOKED_SIGNER"]
    assert len(assessments.list_assessments(office)) == 1
    assert refused.receipt_path is not None
    receipt = json.loads(refused.receipt_path.read_text(encoding="utf-8"))
    assert (receipt["outcome"], receipt["reasons"]) == ("rejected", ["BUNDLE_REVOKED_SIGNER"])


def _store_chain(ws: Workspace) -> list:  # type: ignore[type-arg]
    with ws.database.reading() as session:
        return Repository(session).audit_entries("store")


def _copy_site(ws: Workspace, target: Path, actor: str) -> Workspace:
    """The same installation restored from a backup on another laptop: same device id, same key,
    same sequence counter."""
    target.mkdir()
    copy_store(ws, target)
    shutil.copytree(ws.home.root / "keys", target / "keys")
    if not ws.database.is_postgres:  # on a server the files are in the store
        shutil.copytree(ws.home.root / "evidence", target / "evidence")
    return open_workspace(target, actor=actor)


def test_a_reused_sequence_number_is_held_as_a_fork(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    first_id = rich_assessment(team_ws, tmp_path)
    restored = _copy_site(team_ws, tmp_path / "restored", "Hoàng Thị Lan")
    try:
        original = export(team_ws, [first_id], stick / "a.ldbundle")
        other = assessments.create(restored, "06385", 2026).id
        assessments.set_value(restored, other, "TC4.1", "5/20")
        assessments.finalize(restored, other)
        forked = export(restored, [other], stick / "b.ldbundle")
        other_uid = uid_of(restored, other)
    finally:
        restored.close()
    assert bundle_import.apply(office, original, OFFICE_PASS).outcome == "accepted"
    report = bundle_import.verify(office, forked)
    assert (exit_codes.for_bundle_code(report.code), report.code) == (26, "BUNDLE_REPLAYED")
    assert "fork" in report.english()
    counts = table_counts(office)
    held = bundle_import.apply(office, forked, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["BUNDLE_REPLAYED"]
    changed = {t for t, n in table_counts(office).items() if n != counts[t]}
    assert changed == {"quarantine", "seen_bundles"} | evidence_tables(office)
    # Retrying does not launder a fork...
    assert quarantine.retry(office, held.quarantine_id or 0, OFFICE_PASS).outcome == "quarantined"
    # ...but a person who checked it with the team may accept it, with a reason.
    assert quarantine.show(office, held.quarantine_id or 0).resolvable
    resolved = quarantine.resolve(
        office, held.quarantine_id or 0, {}, "Máy được khôi phục từ bản sao lưu", OFFICE_PASS
    )
    assert resolved.outcome == "accepted"
    assert assessments.detail(office, local_id(office, other_uid)).values["TC4.1"]


def test_two_copies_of_one_installation_editing_one_assessment_fork_its_audit_chain(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    assessment_id = rich_assessment(team_ws, tmp_path, finalise=False)
    restored = _copy_site(team_ws, tmp_path / "restored", "Hoàng Thị Lan")
    try:
        assessments.set_value(team_ws, assessment_id, "TC3.1", "10/20")
        assessments.set_value(restored, assessment_id, "TC4.1", "5/20")
        original = export(team_ws, [assessment_id], stick / "a.ldbundle", drafts=True)
        forked = export(restored, [assessment_id], stick / "b.ldbundle", drafts=True)
    finally:
        restored.close()
    assert bundle_import.apply(office, original, OFFICE_PASS).outcome == "accepted"
    held = bundle_import.apply(office, forked, OFFICE_PASS)
    assert [r.code for r in held.reasons] == ["BUNDLE_REPLAYED", "AUDIT_CHAIN_BROKEN"]
    assert held.reasons[1].params["problem"] == "AUDIT_DIVERGES"
    assert not quarantine.show(office, held.quarantine_id or 0).resolvable
    with pytest.raises(StateError):
        quarantine.resolve(office, held.quarantine_id or 0, {}, "Thử", OFFICE_PASS)


def test_an_older_sequence_number_is_held_as_a_replay(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    first = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "1.ldbundle")
    other = assessments.create(team_ws, "06385", 2026).id
    assessments.finalize(team_ws, other)
    second = export(team_ws, [other], stick / "2.ldbundle")
    assert bundle_import.apply(office, second, OFFICE_PASS).outcome == "accepted"
    assert exit_codes.for_bundle_code(bundle_import.verify(office, first).code) == 26
    held = bundle_import.apply(office, first, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert "older" in held.reasons[0].english()


def test_import_works_without_an_office_key(
    team_ws: Workspace, stick: Path, tmp_path: Path
) -> None:
    office = open_site(tmp_path / "keyless", "Lý Thị Duyệt")
    try:
        enrol(office, team_ws, tmp_path / "cards")
        bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
        result = bundle_import.apply(office, bundle, None)
        assert result.outcome == "accepted"
        assert result.receipt_path is None
        assert result.receipt_note is not None
        assert result.receipt_note.code == "RECEIPT_NO_KEY"
        assert "keys init" in result.receipt_note.english()
    finally:
        office.close()


def test_a_wrong_passphrase_fails_before_anything_changes(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    before, files = dump(office), listing(office.home.root)
    with pytest.raises(InputError) as caught:
        bundle_import.apply(office, bundle, "không phải mật khẩu")
    assert caught.value.code == "KEY_BAD_PASSPHRASE"
    assert dump(office) == before
    assert listing(office.home.root) == files


def test_a_failure_mid_import_leaves_store_and_evidence_as_before(
    team_ws: Workspace,
    office: Workspace,
    stick: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    before, files = dump(office), listing(office.home.root)

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("assessor_app.services.merge_apply.rescore", broken)
    with pytest.raises(OSError):
        bundle_import.apply(office, bundle, OFFICE_PASS)
    assert dump(office) == before
    assert listing(office.home.root) == files  # the evidence file copied meanwhile is gone
    monkeypatch.undo()
    assert bundle_import.apply(office, bundle, OFFICE_PASS).outcome == "accepted"


def test_a_catalogue_the_office_lacks_travels_in_the_bundle(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    source = reference_data.shipped_catalogue_files()
    qd06 = next(p for p in source if "qd06" in p.name)
    document = json.loads(qd06.read_text(encoding="utf-8"))
    document["version"] = document["version"] + "-ls"
    official = tmp_path / "official.json"
    official.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    catalogue, added = reference_data.import_catalogue(team_ws, official)
    assert added
    created = assessments.create(team_ws, "06400", 2026, catalogue.content_hash)
    assessments.set_value(team_ws, created.id, "TC2.1", "45/50")
    assessments.finalize(team_ws, created.id)
    bundle = export(team_ws, [created.id], stick / "b.ldbundle")
    enrol(office, team_ws, tmp_path / "cards")
    result = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert result.outcome == "accepted"
    got = assessments.detail(office, result.assessment_ids[0])
    assert got.summary.catalogue_hash == catalogue.content_hash
    assert got.summary.total == assessments.detail(team_ws, created.id).summary.total


def test_a_second_bundle_with_a_known_id_can_only_be_rejected(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    genuine = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "b.ldbundle")
    first = bundle_import.apply(office, genuine, OFFICE_PASS)
    assert first.outcome == "accepted"

    def change(files: dict[str, bytes]) -> None:
        files["notes.txt"] = b"one more file"

    copy = resign(
        genuine, stick / "copy.ldbundle", unlock(team_ws), change, bundle_id=first.bundle_id
    )
    assert exit_codes.for_bundle_code(bundle_import.verify(office, copy).code) == 26
    held = bundle_import.apply(office, copy, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["BUNDLE_REPLAYED", "BUNDLE_ID_REUSED"]
    assert held.quarantine_sha256 == hashlib.sha256(copy.read_bytes()).hexdigest()
    with office.database.reading() as session:
        seen = ExchangeRepository(session).seen_bundle(first.bundle_id)
        assert seen is not None
        assert seen.outcome == "accepted"  # the genuine bundle's record is untouched
    assert not quarantine.show(office, held.quarantine_id or 0).resolvable
    with pytest.raises(StateError):
        quarantine.resolve(office, held.quarantine_id or 0, {}, "Thử", OFFICE_PASS)


@pytest.mark.sqlite_only(
    "the copy before a merge is of the store file; a server store's way back is the office's "
    "pg_dump (services/import_apply.py)"
)
def test_a_merge_is_preceded_by_a_copy_of_the_store(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    from assessor_app.domain.backups import BackupKind
    from assessor_app.services import backups

    bundle = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "Hữu Liên.ldbundle")
    enrol(office, team_ws, tmp_path / "cards")
    before = table_counts(office)
    assert bundle_import.apply(office, bundle, OFFICE_PASS).outcome == "accepted"
    (copy,) = backups.list_backups(office.home.root)
    assert copy.kind is BackupKind.IMPORT
    with contextlib.closing(sqlite3.connect(copy.path)) as db:  # the store as it was
        assert db.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == before["assessments"]
    assert table_counts(office)["assessments"] == before["assessments"] + 1
    assert bundle_import.apply(office, bundle, OFFICE_PASS).already  # nothing merged: no copy
    assert len(backups.list_backups(office.home.root)) == 1
