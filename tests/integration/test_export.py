"""Exporting signed bundles (drafts, evidence, sequence numbers, a full stick) and receipts."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.bundles.bundle_file import open_bundle
from assessor_app.bundles.errors import BundleError
from assessor_app.domain.errors import (
    InputError,
    NotFoundError,
    OperationCancelled,
    StateError,
    StoreError,
)
from assessor_app.services import (
    assessments,
    bundle_export,
    keys,
    notes,
    receipts,
    reference_data,
    trust,
)
from assessor_app.services.bundle_payload import parse_document
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import Repository
from tests.store_template import with_reference_data

PASS = "mật khẩu đủ dài"
OFFICE_PASS = "văn phòng thẩm định"


@pytest.fixture
def team(workspace: Workspace) -> Workspace:
    keys.init_key(workspace, "Hoàng Thị Lan", "Sở Tư pháp Lạng Sơn", PASS)
    return workspace


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    with_reference_data(tmp_path / "office")
    ws = open_workspace(tmp_path / "office", actor="Lý Thị Duyệt")
    reference_data.ensure_initialised(ws)
    keys.init_key(ws, "Lý Thị Duyệt", "Sở Văn hóa", OFFICE_PASS, role="office")
    yield ws
    ws.close()


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "USB"
    folder.mkdir()
    return folder


def _assessment(workspace: Workspace, finalise: bool = True, commune: str = "06400") -> int:
    created = assessments.create(workspace, commune, 2026)
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    if finalise:
        assessments.finalize(workspace, created.id)
    return created.id


def _with_photo(workspace: Workspace, tmp_path: Path, name: str = "ảnh.jpg") -> int:
    created = assessments.create(workspace, "06400", 2026)
    photo = tmp_path / name
    photo.write_bytes(b"\xff\xd8 the same photo")
    notes.attach_evidence(workspace, created.id, "TC2.1", photo, caption="Sổ khai sinh")
    notes.attach_evidence(workspace, created.id, "TC1.1", photo, caption="Lần nữa")
    assessments.finalize(workspace, created.id)
    return created.id


def _opened(path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    workdir = tmp_path / f"open-{path.name}"
    workdir.mkdir()
    return open_bundle(path, workdir)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_finalised_assessment_is_exported(team: Workspace, stick: Path, tmp_path: Path) -> None:
    assessment_id = _with_photo(team, tmp_path)
    other = _with_photo(team, tmp_path, "ảnh khác tên.jpg")  # same content: one file
    result = bundle_export.export(team, [assessment_id, other], stick / "hồ sơ.ldbundle", PASS)
    assert result.path.is_file()
    assert result.sequence == 1
    assert result.evidence_files == 1
    assert sorted(os.listdir(stick)) == ["hồ sơ.ldbundle"]  # no temporary file left
    opened = _opened(result.path, tmp_path)
    info = keys.key_info(team)
    assert info is not None
    assert opened.key_fingerprint == info.fingerprint
    assert opened.manifest_hash == result.manifest_hash
    assert opened.info.bundle_id == result.bundle_id
    assert opened.info.sequence == 1
    assert opened.info.device_id == keys.device_id(team)
    assert opened.info.contains_drafts is False
    assert opened.info.organization == "Sở Tư pháp Lạng Sơn"
    assert opened.info.contact == "Hoàng Thị Lan"
    assert opened.info.supersedes is None
    files = sorted(str(f) for f in opened.payload_files())
    with team.database.reading() as session:
        repo = Repository(session)
        rows = [repo.assessment_record(i) for i in (assessment_id, other)]
        uids = [row.uid for row in rows if row]
        catalogue_hash = rows[0].catalogue.content_hash if rows[0] else ""
        sha = repo.evidence(assessment_id)[0].sha256
    assert files == sorted(
        [
            "bundle.json",
            *(f"assessments/{uid}.json" for uid in uids),
            f"catalogues/{catalogue_hash}.json",
            f"evidence/{sha}",
        ]
    )
    assert opened.read_json("bundle.json") == {
        "format": "assessor-bundle-payload",
        "version": 1,
        "assessments": uids,
        "contains_drafts": False,
    }
    assert _sha256(opened.payload_path(f"evidence/{sha}")) == sha
    assert _sha256(opened.payload_path(f"catalogues/{catalogue_hash}.json")) == catalogue_hash
    document = parse_document(opened.read_json(f"assessments/{uids[0]}.json"), "a")
    assert document.uid == uids[0]
    assert document.status == "finalized"
    assert [e.sha256 for e in document.evidence] == [sha, sha]
    assert opened.info.catalogue_hashes == (catalogue_hash,)
    assert opened.info.unit_lists == (document.unit_list,)
    sent = bundle_export.sent_bundles(team)
    assert [(s.bundle_id, s.sequence, s.assessments, s.acknowledged) for s in sent] == [
        (result.bundle_id, 1, uids, False)
    ]
    trail = assessments.audit(team, assessment_id)
    assert trail.entries[-1].action == "export"
    assert trail.entries[-1].target == f"bundle:{result.bundle_id}"
    assert trail.intact


def test_drafts_need_to_be_asked_for(team: Workspace, stick: Path, tmp_path: Path) -> None:
    draft = _assessment(team, finalise=False)
    with pytest.raises(StateError) as caught:
        bundle_export.export(team, [draft], stick / "draft.ldbundle", PASS)
    assert caught.value.code == "EXPORT_DRAFT"
    assert os.listdir(stick) == []
    result = bundle_export.export(
        team, [draft], stick / "draft.ldbundle", PASS, include_drafts=True
    )
    assert result.contains_drafts
    assert result.sequence == 1
    opened = _opened(result.path, tmp_path)
    assert opened.info.contains_drafts is True
    assert opened.read_json("bundle.json")["contains_drafts"] is True
    bag_info = (opened.root / "bag-info.txt").read_text(encoding="utf-8")
    assert "Contains-Drafts: yes" in bag_info


def test_bad_requests(team: Workspace, stick: Path) -> None:
    assessment_id = _assessment(team)
    with pytest.raises(NotFoundError) as unknown:
        bundle_export.export(team, [assessment_id, 999], stick / "x.ldbundle", PASS)
    assert unknown.value.code == "ASSESSMENT_NOT_FOUND"
    with pytest.raises(BundleError) as wrong:
        bundle_export.export(team, [assessment_id], stick / "x.ldbundle", "sai mật khẩu rồi")
    assert wrong.value.code == "KEY_BAD_PASSPHRASE"
    with pytest.raises(InputError):
        bundle_export.export(team, [], stick / "x.ldbundle", PASS)
    assert os.listdir(stick) == []
    bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    with pytest.raises(InputError) as exists:
        bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    assert exists.value.code == "EXPORT_TARGET_EXISTS"
    again = bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS, overwrite=True)
    assert again.sequence == 2


def test_export_without_a_key(workspace: Workspace, stick: Path) -> None:
    assessment_id = _assessment(workspace)
    with pytest.raises(StateError) as caught:
        bundle_export.export(workspace, [assessment_id], stick / "x.ldbundle", PASS)
    assert caught.value.code == "KEY_NONE"


def test_sequence_numbers_rise_and_bundles_supersede(team: Workspace, stick: Path) -> None:
    first_assessment = _assessment(team)
    other_assessment = _assessment(team, commune="06400")
    one = bundle_export.export(team, [first_assessment], stick / "1.ldbundle", PASS)
    two = bundle_export.export(team, [other_assessment], stick / "2.ldbundle", PASS)
    three = bundle_export.export(
        team, [first_assessment, other_assessment], stick / "3.ldbundle", PASS
    )
    assert [one.sequence, two.sequence, three.sequence] == [1, 2, 3]
    assert one.supersedes == ""
    assert two.supersedes == ""  # nothing in common with bundle 1
    assert three.supersedes == two.bundle_id  # the latest with an assessment in common
    assert [s.sequence for s in bundle_export.sent_bundles(team)] == [1, 2, 3]


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_stick(
    team: Workspace, stick: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    assessment_id = _assessment(team)
    real_replace = os.replace

    def failing_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target).parent == stick:
            raise OSError(error, os.strerror(error), str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StoreError) as caught:
        bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    assert caught.value.code == "EXPORT_WRITE_FAILED"
    assert caught.value.params["folder"] == str(stick)
    assert caught.value.params["reason"] == os.strerror(error)
    assert os.listdir(stick) == []
    assert bundle_export.sent_bundles(team) == []
    monkeypatch.setattr(os, "replace", real_replace)
    assert bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS).sequence == 1


def test_a_failure_while_recording_deletes_the_file(
    team: Workspace, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessment_id = _assessment(team)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk of the store failed")

    monkeypatch.setattr(ExchangeRepository, "add_sent_bundle", broken)
    with pytest.raises(RuntimeError):
        bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    assert os.listdir(stick) == []
    monkeypatch.undo()
    assert bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS).sequence == 1


def test_a_cancelled_export_leaves_nothing(team: Workspace, stick: Path, tmp_path: Path) -> None:
    assessment_id = _with_photo(team, tmp_path)
    with pytest.raises(OperationCancelled):
        bundle_export.export(
            team, [assessment_id], stick / "x.ldbundle", PASS, cancelled=lambda: True
        )
    assert os.listdir(stick) == []
    assert bundle_export.sent_bundles(team) == []


# --- receipts and deletion


def _enrol(source: Workspace, target: Workspace, tmp_path: Path, name: str) -> None:
    card = tmp_path / f"{name}.json"
    keys.write_card(source, card)
    info = keys.key_info(source)
    assert info is not None
    trust.enrol_card(target, card, info.fingerprint)


def _office_receipt(
    office: Workspace, bundle: Path, tmp_path: Path, outcome: str = "accepted"
) -> Path:
    workdir = tmp_path / f"office-open-{outcome}-{bundle.name}"
    workdir.mkdir()
    opened = open_bundle(bundle, workdir)
    key = keys.unlock(office, OFFICE_PASS)
    reasons = [] if outcome == "accepted" else ["BUNDLE_UNKNOWN_SIGNER"]
    return receipts.write_receipt(office, key, opened, outcome, reasons)


def test_a_receipt_acknowledges_the_bundle(
    team: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    assessment_id = _assessment(team)
    result = bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    assert not bundle_export.can_delete(team, assessment_id)
    blockers = bundle_export.deletion_blockers(team, assessment_id)
    assert [b.bundle_id for b in blockers] == [result.bundle_id]
    receipt = _office_receipt(office, result.path, tmp_path)
    assert receipt == office.home.root / "receipts" / f"{result.bundle_id}.receipt.json"
    _enrol(office, team, tmp_path, "office-card")
    imported = receipts.import_receipt(team, receipt)
    assert imported.changed
    assert (imported.bundle_id, imported.outcome, imported.sequence) == (
        result.bundle_id,
        "accepted",
        1,
    )
    assert imported.signer == "Lý Thị Duyệt"
    sent = bundle_export.sent_bundles(team)[0]
    assert sent.acknowledged
    assert sent.receipt_outcome == "accepted"
    assert bundle_export.can_delete(team, assessment_id)
    again = receipts.import_receipt(team, receipt)  # harmless
    assert not again.changed
    trail = assessments.audit(team, assessment_id)
    assert [e.action for e in trail.entries].count("receipt") == 1
    assert trail.intact


def test_a_rejection_keeps_the_assessment_protected(
    team: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    assessment_id = _assessment(team)
    first = bundle_export.export(team, [assessment_id], stick / "1.ldbundle", PASS)
    _enrol(office, team, tmp_path, "office-card")
    receipts.import_receipt(team, _office_receipt(office, first.path, tmp_path, "rejected"))
    assert bundle_export.sent_bundles(team)[0].receipt_outcome == "rejected"
    assert not bundle_export.can_delete(team, assessment_id)
    second = bundle_export.export(team, [assessment_id], stick / "2.ldbundle", PASS)
    receipts.import_receipt(team, _office_receipt(office, second.path, tmp_path, "quarantined"))
    assert bundle_export.can_delete(team, assessment_id)  # the office holds bundle 2 whole
    with team.database.reading() as session:
        row = Repository(session).assessment_record(assessment_id)
        assert row is not None
        bundle_export.require_deletable(Repository(session), row.uid, assessment_id)


def test_untrusted_tampered_and_unknown_receipts(
    team: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    assessment_id = _assessment(team)
    result = bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    receipt = _office_receipt(office, result.path, tmp_path)
    with pytest.raises(InputError) as untrusted:
        receipts.import_receipt(team, receipt)  # the office's card was never enrolled
    assert untrusted.value.code == "RECEIPT_UNTRUSTED"
    _enrol(office, team, tmp_path, "office-card")
    document = json.loads(receipt.read_text(encoding="utf-8"))
    tampered = tmp_path / "tampered.receipt.json"
    tampered.write_text(
        json.dumps({**document, "outcome": "quarantined"}, ensure_ascii=False), encoding="utf-8"
    )
    with pytest.raises(BundleError) as caught:
        receipts.import_receipt(team, tampered)
    assert caught.value.code == "RECEIPT_INVALID"
    assert not bundle_export.sent_bundles(team)[0].acknowledged
    # a receipt for a bundle this installation never sent (the office signs one of its own)
    own = bundle_export.export(
        office, [_assessment(office)], tmp_path / "own.ldbundle", OFFICE_PASS
    )
    stranger = _office_receipt(office, own.path, tmp_path)
    with pytest.raises(NotFoundError) as unknown:
        receipts.import_receipt(team, stranger)
    assert unknown.value.code == "RECEIPT_UNKNOWN_BUNDLE"
    with pytest.raises(InputError) as unreadable:
        receipts.import_receipt(team, tmp_path / "nowhere.json")
    assert unreadable.value.code == "RECEIPT_UNREADABLE"


def test_deletion_blockers_of_an_unknown_assessment(team: Workspace) -> None:
    with pytest.raises(NotFoundError):
        bundle_export.can_delete(team, 404)
    assert bundle_export.can_delete(team, _assessment(team))  # never sent


def test_delete_is_refused_until_the_office_acknowledges(
    team: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    from assessor_app.domain.errors import InputError, NotFoundError, StateError
    from assessor_app.services import deletion

    assessment_id = _assessment(team)
    result = bundle_export.export(team, [assessment_id], stick / "x.ldbundle", PASS)
    with pytest.raises(StateError) as caught:
        deletion.delete_assessment(team, assessment_id, "Nhập nhầm xã")
    assert caught.value.code == "ASSESSMENT_SENT_UNACKNOWLEDGED"
    assert assessment_id in [s.id for s in assessments.list_assessments(team)]
    _enrol(office, team, tmp_path, "office-card")
    receipts.import_receipt(team, _office_receipt(office, result.path, tmp_path))
    with pytest.raises(InputError):
        deletion.delete_assessment(team, assessment_id, " ")
    deletion.delete_assessment(team, assessment_id, "Nhập nhầm xã")
    assert assessment_id not in [s.id for s in assessments.list_assessments(team)]
    with pytest.raises(NotFoundError):
        assessments.detail(team, assessment_id)
    # Nothing lost: the row, its figures and its audit chain (with the reason) are still stored.
    with team.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment_record(assessment_id)
        assert row is not None
        assert row.deleted_at is not None
        entries = repo.audit_entries(row.uid)
        assert (entries[-1].action, entries[-1].reason) == ("delete", "Nhập nhầm xã")
