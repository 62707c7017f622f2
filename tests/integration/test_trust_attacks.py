"""Attacks on the trust model, each first written against the code that let it through.

- a revoked key's holder signs "old" bundles under a fresh device id;
- a team acknowledges its own bundles (own key, or a team key) to lift the deletion guard;
- receipts dated in the future mask the genuine ones, or dated before the bundle;
- the "rejected" receipt of an altered copy overwrites the receipt of the genuine bundle;
- an older bundle arrives after a newer one that is held in quarantine.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.bundles import receipts as bundle_receipts
from assessor_app.cli import exit_codes
from assessor_app.core.canonical import canonical_json
from assessor_app.domain.errors import InputError
from assessor_app.services import (
    assessments,
    bundle_export,
    bundle_import,
    keys,
    quarantine,
    receipts,
    trust,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    open_site,
    resign,
    rewrite_zip,
    rich_assessment,
    unlock,
)


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


def _finalised(ws: Workspace, commune: str = "06385") -> int:
    created = assessments.create(ws, commune, 2026)
    assessments.set_value(ws, created.id, "TC2.1", "45/50")
    assessments.finalize(ws, created.id)
    return created.id


def _fingerprint(ws: Workspace) -> str:
    info = keys.key_info(ws)
    assert info is not None
    return info.fingerprint


# --- revocation -------------------------------------------------------------------------------


def test_a_revoked_key_cannot_sign_old_numbers_under_a_fresh_device_id(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    """Before: after `keys revoke FP --above-seq 1`, the key's holder signed a bundle with a new
    Device-Id and Sequence 1; verify said valid and import merged it."""
    enrol(office, team_ws, tmp_path / "cards")
    genuine = export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "1.ldbundle")
    assert bundle_import.apply(office, genuine, OFFICE_PASS).outcome == "accepted"
    trust.revoke(office, _fingerprint(team_ws), 1, "Máy tính bị mất")
    later = export(team_ws, [_finalised(team_ws)], stick / "2.ldbundle")
    forged = resign(
        later, stick / "forged.ldbundle", unlock(team_ws), device_id=str(uuid.uuid4()), sequence=1
    )

    report = bundle_import.verify(office, forged)
    assert (exit_codes.for_bundle_code(report.code), report.code) == (25, "BUNDLE_REVOKED_SIGNER")
    assert "never received" in report.english()
    result = bundle_import.apply(office, forged, OFFICE_PASS)
    assert result.outcome == "rejected"
    assert len(assessments.list_assessments(office)) == 1
    # The genuine bundle received before the revocation is still known, and harmless to re-import.
    assert bundle_import.apply(office, genuine, OFFICE_PASS).already


def test_a_revoked_key_without_any_bundle_received_refuses_every_device(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    trust.revoke(office, _fingerprint(team_ws), 5, "Khóa bị lộ")
    bundle = export(team_ws, [_finalised(team_ws)], stick / "1.ldbundle")
    forged = resign(bundle, stick / "f.ldbundle", unlock(team_ws), device_id=str(uuid.uuid4()))
    assert bundle_import.apply(office, forged, OFFICE_PASS).outcome == "rejected"
    # The device its card named is known: a bundle from it within the threshold is held.
    assert bundle_import.apply(office, bundle, OFFICE_PASS).outcome == "quarantined"


def test_an_enrolled_key_under_another_device_id_is_held(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    bundle = export(team_ws, [_finalised(team_ws)], stick / "1.ldbundle")
    moved = resign(bundle, stick / "m.ldbundle", unlock(team_ws), device_id=str(uuid.uuid4()))
    report = bundle_import.verify(office, moved)
    assert (exit_codes.for_bundle_code(report.code), report.code) == (24, "BUNDLE_UNKNOWN_DEVICE")
    held = bundle_import.apply(office, moved, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert quarantine.show(office, held.quarantine_id or 0).resolvable


def test_rejecting_a_held_bundle_is_audited(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    bundle = export(team_ws, [_finalised(team_ws)], stick / "1.ldbundle")
    moved = resign(bundle, stick / "m.ldbundle", unlock(team_ws), device_id=str(uuid.uuid4()))
    held = bundle_import.apply(office, moved, OFFICE_PASS)
    rejected = quarantine.reject(office, held.quarantine_id or 0, "Không rõ nguồn gốc", OFFICE_PASS)
    assert rejected.item.status == "rejected"
    assert rejected.item.sha256 is not None
    assert office.evidence.verify(rejected.item.sha256)  # kept, whatever was decided
    assert rejected.receipt_path is not None
    with office.database.reading() as session:
        entries = Repository(session).audit_entries(STORE_CHAIN)
    assert [e.reason for e in entries if e.action == "reject_bundle"] == ["Không rõ nguồn gốc"]


# --- receipts -----------------------------------------------------------------------------------


def _receipt_file(
    folder: Path, ws: Workspace, passphrase: str, sent: bundle_export.SentBundle, **changes: object
) -> Path:
    """A receipt for `sent`, signed by `ws`'s key, as `ws` would write it (or altered)."""
    team_device = changes.pop("device_id", None)
    arguments: dict[str, object] = {
        "key": keys.unlock(ws, passphrase),
        "signer_name": "Ai đó",
        "bundle_id": sent.bundle_id,
        "device_id": team_device,
        "sequence": sent.sequence,
        "outcome": "accepted",
        "reasons": [],
        "created": ws.clock(),
        "manifest_hash": sent.manifest_hash or "",
        **changes,
    }
    document = bundle_receipts.make_receipt(**arguments)  # type: ignore[arg-type]
    path = folder / f"{uuid.uuid4()}.receipt.json"
    path.write_bytes(canonical_json(document))
    return path


def _sent(team: Workspace) -> bundle_export.SentBundle:
    return bundle_export.sent_bundles(team)[-1]


def _team_device(team: Workspace) -> str:
    return keys.device_id(team)


def test_a_team_cannot_acknowledge_its_own_bundle(
    team_ws: Workspace, stick: Path, tmp_path: Path
) -> None:
    """Before: `receipt import` took a receipt signed with the installation's own key, which
    lifted the deletion guard."""
    assessment = _finalised(team_ws)
    export(team_ws, [assessment], stick / "1.ldbundle")
    forged = _receipt_file(
        tmp_path, team_ws, TEAM_PASS, _sent(team_ws), device_id=_team_device(team_ws)
    )
    with pytest.raises(InputError) as caught:
        receipts.import_receipt(team_ws, forged)
    assert caught.value.code == "RECEIPT_OWN_KEY"
    assert not bundle_export.can_delete(team_ws, assessment)


def test_only_a_key_enrolled_as_an_office_acknowledges(
    team_ws: Workspace, stick: Path, tmp_path: Path
) -> None:
    colleague = open_site(
        tmp_path / "colleague", "Vi Văn Đức", "Vi Văn Đức", "mật khẩu đồng nghiệp"
    )
    try:
        enrol(team_ws, colleague, tmp_path / "cards")  # another team's key, enrolled as a team's
        assessment = _finalised(team_ws)
        export(team_ws, [assessment], stick / "1.ldbundle")
        forged = _receipt_file(
            tmp_path,
            colleague,
            "mật khẩu đồng nghiệp",
            _sent(team_ws),
            device_id=_team_device(team_ws),
        )
        with pytest.raises(InputError) as caught:
            receipts.import_receipt(team_ws, forged)
        assert caught.value.code == "RECEIPT_NOT_OFFICE"
        assert not bundle_export.can_delete(team_ws, assessment)
    finally:
        colleague.close()


def test_a_card_cannot_be_enrolled_with_another_role_than_it_declares(
    team_ws: Workspace, tmp_path: Path
) -> None:
    colleague = open_site(
        tmp_path / "colleague", "Vi Văn Đức", "Vi Văn Đức", "mật khẩu đồng nghiệp"
    )
    try:
        card = tmp_path / "card.json"
        keys.write_card(colleague, card)
        fingerprint = _fingerprint(colleague)
        with pytest.raises(InputError) as caught:
            trust.enrol_card(team_ws, card, fingerprint, role="office")
        assert caught.value.code == "KEY_ROLE_MISMATCH"
        assert trust.trusted_key(team_ws, fingerprint) is None
    finally:
        colleague.close()


def test_receipts_dated_in_the_future_or_before_the_bundle_are_refused_and_mask_nothing(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    enrol(team_ws, office, tmp_path / "cards")
    assessment = _finalised(team_ws)
    export(team_ws, [assessment], stick / "1.ldbundle")
    sent = _sent(team_ws)
    device = _team_device(team_ws)
    future = _receipt_file(
        tmp_path, office, OFFICE_PASS, sent, device_id=device, created="2099-01-01T00:00:00Z"
    )
    with pytest.raises(InputError) as caught:
        receipts.import_receipt(team_ws, future)
    assert caught.value.code == "RECEIPT_FROM_FUTURE"
    early = _receipt_file(
        tmp_path, office, OFFICE_PASS, sent, device_id=device, created="2001-01-01T00:00:00Z"
    )
    with pytest.raises(InputError) as caught:
        receipts.import_receipt(team_ws, early)
    assert caught.value.code == "RECEIPT_BEFORE_BUNDLE"
    assert not bundle_export.can_delete(team_ws, assessment)
    # The genuine receipt that comes next is taken: nothing masks it.
    genuine = _receipt_file(tmp_path, office, OFFICE_PASS, sent, device_id=device)
    assert receipts.import_receipt(team_ws, genuine).changed
    assert bundle_export.can_delete(team_ws, assessment)


def test_the_rejected_receipt_of_an_altered_copy_replaces_nothing(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    """Before: the receipt "rejected" written for an altered copy with the same claimed bundle
    id overwrote the genuine bundle's "accepted" receipt (same file name)."""
    enrol(office, team_ws, tmp_path / "cards")
    enrol(team_ws, office, tmp_path / "cards")
    assessment = rich_assessment(team_ws, tmp_path)
    bundle = export(team_ws, [assessment], stick / "1.ldbundle")
    accepted = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert accepted.receipt_path is not None
    genuine_receipt = accepted.receipt_path.read_bytes()

    def flip(name: str, data: bytes) -> bytes:
        return data.replace(b"49", b"48", 1) if name.endswith(".json") and b"49" in data else data

    altered = rewrite_zip(bundle, stick / "altered.ldbundle", flip)
    rejected = bundle_import.apply(office, altered, OFFICE_PASS)
    assert rejected.outcome == "rejected"
    assert rejected.receipt_path is not None
    assert rejected.receipt_path != accepted.receipt_path
    assert accepted.receipt_path.read_bytes() == genuine_receipt  # untouched
    assert json.loads(rejected.receipt_path.read_text(encoding="utf-8"))["manifest_hash"] == ""

    # On the team's side the rejected copy's receipt changes nothing either, in either order.
    assert receipts.import_receipt(team_ws, accepted.receipt_path).changed
    other = receipts.import_receipt(team_ws, rejected.receipt_path)
    assert other.other_copy
    assert not other.changed
    assert _sent(team_ws).receipt_outcome == "accepted"
    assert bundle_export.can_delete(team_ws, assessment)


# --- replays ------------------------------------------------------------------------------------


def test_an_older_bundle_after_a_newer_quarantined_one_is_a_replay(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    """Before: only accepted bundles counted, so number 2 was accepted after number 3 had been
    held in quarantine (which proves the device had got to 3)."""
    enrol(office, team_ws, tmp_path / "cards")
    shared = rich_assessment(team_ws, tmp_path, finalise=False)
    first = export(team_ws, [shared], stick / "1.ldbundle", drafts=True)
    assert bundle_import.apply(office, first, OFFICE_PASS).outcome == "accepted"
    second = export(team_ws, [_finalised(team_ws, "06040")], stick / "2.ldbundle")
    assessments.set_value(team_ws, shared, "TC2.1", "30/50")
    third = export(team_ws, [shared], stick / "3.ldbundle", drafts=True)
    # The office edited the same figure meanwhile: number 3 is held for the conflict.
    office_copy = next(s.id for s in assessments.list_assessments(office))
    assessments.set_value(office, office_copy, "TC2.1", "20/50")
    assert bundle_import.apply(office, third, OFFICE_PASS).outcome == "quarantined"

    report = bundle_import.verify(office, second)
    assert (exit_codes.for_bundle_code(report.code), report.code) == (26, "BUNDLE_REPLAYED")
    assert bundle_import.apply(office, second, OFFICE_PASS).outcome == "quarantined"
