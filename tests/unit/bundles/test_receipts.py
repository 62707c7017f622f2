"""Signed receipts: round trip, tampering, malformed files."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest

from assessor_app.bundles import keys, receipts
from assessor_app.bundles.signed_json import sign_document
from assessor_app.core.canonical import canonical_json
from tests.unit.bundles import BUNDLE_ID, DEVICE_ID, FIXED_KEY, expect, respelled

OFFICE = "Phòng LĐ-TB&XH huyện Hữu Lũng"


def make(**changes: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "key": FIXED_KEY,
        "signer_name": OFFICE,
        "bundle_id": BUNDLE_ID,
        "device_id": DEVICE_ID,
        "sequence": 3,
        "outcome": "quarantined",
        "reasons": ["BUNDLE_UNKNOWN_SIGNER"],
        "created": "2026-05-10T01:00:00Z",
        "manifest_hash": "ab" * 32,
    }
    arguments.update(changes)
    return receipts.make_receipt(**arguments)


def test_receipt_round_trip() -> None:
    doc = make()
    receipt = receipts.read_receipt(canonical_json(doc))
    assert uuid.UUID(receipt.receipt_id)
    assert receipt.receipt_id != make()["receipt_id"]  # a new id each time
    assert (receipt.bundle_id, receipt.device_id, receipt.sequence) == (BUNDLE_ID, DEVICE_ID, 3)
    assert (receipt.outcome, receipt.reasons) == ("quarantined", ("BUNDLE_UNKNOWN_SIGNER",))
    assert (receipt.signer, receipt.created) == (OFFICE, "2026-05-10T01:00:00Z")
    assert receipt.public_key == keys.public_raw(FIXED_KEY)
    assert receipt.fingerprint == keys.fingerprint(receipt.public_key)  # the caller checks trust
    assert receipt.manifest_hash == "ab" * 32
    pretty = json.dumps(doc, indent=1).encode()
    assert receipts.read_receipt(pretty) == receipt


@pytest.mark.parametrize(
    "change",
    [
        {"outcome": "accepted"},
        {"reasons": []},
        {"sequence": 4},
        {"bundle_id": str(uuid.uuid4())},
        {"signer": "Someone else"},
        {"manifest_hash": "cd" * 32},  # an accepted receipt moved onto another copy
    ],
)
def test_tampered_receipt_is_invalid(change: dict[str, Any]) -> None:
    doc = {**make(), **change}
    with expect("bad_signature", "RECEIPT_INVALID"):
        receipts.read_receipt(canonical_json(doc))


def test_receipt_with_its_signature_respelled_in_base64_is_invalid() -> None:
    doc = make()
    with expect("bad_signature", "RECEIPT_INVALID"):
        receipts.read_receipt(canonical_json({**doc, "signature": respelled(doc["signature"])}))


def test_receipt_with_a_swapped_key_is_invalid() -> None:
    # An attacker can re-sign with their own key and embed it: the receipt is then self-consistent,
    # and only the caller's trust check (fingerprint not enrolled) catches it.
    attacker = keys.generate_key()
    doc = {
        **make(),
        "public_key": base64.b64encode(keys.public_raw(attacker)).decode(),
    }
    with expect("bad_signature", "RECEIPT_INVALID"):
        receipts.read_receipt(canonical_json(doc))
    resigned = sign_document(doc, attacker)
    assert receipts.read_receipt(canonical_json(resigned)).fingerprint != keys.fingerprint(
        keys.public_raw(FIXED_KEY)
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"[1]",
        b"{}",
        canonical_json({**make(), "outcome": "lost"}),
        canonical_json({**make(), "version": 3}),
        canonical_json({**make(), "version": 1}),  # a version 1 receipt has no manifest_hash
        canonical_json({**make(), "sequence": -1}),
        canonical_json({**make(), "sequence": True}),
        canonical_json({**make(), "reasons": "BUNDLE_TAMPERED"}),
        canonical_json({key: value for key, value in make().items() if key != "signer"}),
        canonical_json({**make(), "public_key": "short"}),
        b" " * (receipts.MAX_RECEIPT_BYTES + 1),
    ],
)
def test_malformed_receipt(data: bytes) -> None:
    with expect("corrupt", "RECEIPT_INVALID"):
        receipts.read_receipt(data)


def test_make_receipt_refuses_an_unknown_outcome() -> None:
    with pytest.raises(ValueError):
        make(outcome="maybe")


def test_a_version_1_receipt_still_reads_and_names_no_copy() -> None:
    body = {k: v for k, v in make().items() if k not in ("manifest_hash", "signature")}
    receipt = receipts.read_receipt(
        canonical_json(sign_document({**body, "version": 1}, FIXED_KEY))
    )
    assert receipt.manifest_hash is None


@pytest.mark.parametrize("manifest_hash", ["AB" * 32, "ab" * 31, "zz" * 32])
def test_a_receipt_with_a_malformed_manifest_hash_is_not_a_receipt(manifest_hash: str) -> None:
    doc = sign_document({**make(), "manifest_hash": manifest_hash}, FIXED_KEY)
    with expect("corrupt", "RECEIPT_INVALID"):
        receipts.read_receipt(canonical_json(doc))


def test_a_receipt_of_an_unauthenticated_copy_names_no_manifest() -> None:
    receipt = receipts.read_receipt(canonical_json(make(manifest_hash="", outcome="rejected")))
    assert receipt.manifest_hash == ""
