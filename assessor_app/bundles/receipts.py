"""Signed receipts: the importing side's answer to a bundle (accepted, quarantined or rejected).

`read_receipt` checks only that a receipt is well-formed and internally consistent (its signature
verifies with the public key it embeds). Whether that key is the office's enrolled key is the
caller's decision: compare `Receipt.fingerprint` with the trust store before acknowledging anything.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.errors import RECEIPT_INVALID, BundleError
from assessor_app.bundles.signed_json import (
    SIGNATURE,
    b64decode,
    b64encode,
    has_shape,
    is_int,
    is_str,
    is_str_list,
    load_json_bytes,
    sign_document,
    verify_document,
)
from assessor_app.domain.errors import N_

RECEIPT_KIND = "assessor-receipt"
RECEIPT_VERSION = 2  # 2 names the exact bundle received: the SHA-256 of its tag manifest
OUTCOMES = ("accepted", "quarantined", "rejected")
MAX_RECEIPT_BYTES = 1024 * 1024

_FIELDS_V1 = {
    "kind": is_str,
    "version": is_int,
    "receipt_id": is_str,
    "bundle_id": is_str,
    "device_id": is_str,
    "sequence": is_int,
    "outcome": is_str,
    "reasons": is_str_list,
    "created": is_str,
    "signer": is_str,
    "public_key": is_str,
    SIGNATURE: is_str,
}
_FIELDS = {**_FIELDS_V1, "manifest_hash": is_str}
_HEX64 = re.compile(r"^([0-9a-f]{64})?$")


@dataclass(frozen=True)
class Receipt:
    receipt_id: str
    bundle_id: str
    device_id: str
    sequence: int
    outcome: str
    reasons: tuple[str, ...]
    created: str
    signer: str
    public_key: bytes
    fingerprint: str  # of public_key: look it up in the trust store
    # Which bytes the office received: the manifest hash of the bundle it authenticated, "" when
    # the file did not authenticate (damaged or altered), None on a version 1 receipt (unknown).
    manifest_hash: str | None = None


def make_receipt(
    key: Ed25519PrivateKey,
    signer_name: str,
    bundle_id: str,
    device_id: str,
    sequence: int,
    outcome: str,
    reasons: Sequence[str],
    created: str,
    manifest_hash: str,
) -> dict[str, Any]:
    """A signed receipt document with a new `receipt_id`.

    `bundle_id`, `device_id` and `sequence` are those the bundle claims (empty / 0 when a damaged
    bundle did not even say); `reasons` are error codes; `manifest_hash` is that of the bundle
    received when it authenticated, else "".
    """
    if not _HEX64.match(manifest_hash):
        raise ValueError("manifest_hash must be a SHA-256 in lower-case hex, or empty")
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
    if sequence < 0:
        raise ValueError("sequence must not be negative")
    receipt = {
        "kind": RECEIPT_KIND,
        "version": RECEIPT_VERSION,
        "receipt_id": str(uuid.uuid4()),
        "bundle_id": bundle_id,
        "device_id": device_id,
        "sequence": sequence,
        "outcome": outcome,
        "reasons": list(reasons),
        "created": created,
        "signer": signer_name,
        "public_key": b64encode(keys.public_raw(key)),
        "manifest_hash": manifest_hash,
    }
    return sign_document(receipt, key)


def read_receipt(data: bytes) -> Receipt:
    """Parse a receipt file and check that its signature verifies with its own public key."""
    malformed = BundleError(
        RECEIPT_INVALID,
        N_(
            "This file is not a receipt made by this app, or it is damaged. Ask the reviewing "
            "office to send the receipt again."
        ),
        category="corrupt",
    )
    if len(data) > MAX_RECEIPT_BYTES:
        raise malformed
    try:
        doc = load_json_bytes(data)
    except (ValueError, RecursionError):
        raise malformed from None
    version = doc.get("version") if isinstance(doc, dict) else None
    if (
        not has_shape(doc, _FIELDS_V1 if version == 1 else _FIELDS)
        or doc["kind"] != RECEIPT_KIND
        or version not in (1, RECEIPT_VERSION)
        or doc["outcome"] not in OUTCOMES
        or doc["sequence"] < 0
        or not _HEX64.match(doc.get("manifest_hash", ""))
    ):
        raise malformed
    public = b64decode(doc["public_key"], keys.PUBLIC_KEY_BYTES)
    if public is None:
        raise malformed
    if not verify_document(doc, public):
        raise BundleError(
            RECEIPT_INVALID,
            N_(
                "The receipt's signature does not verify: it was changed after it was signed. "
                "Do not rely on it; ask the reviewing office to send it again."
            ),
            category="bad_signature",
        )
    return Receipt(
        receipt_id=doc["receipt_id"],
        bundle_id=doc["bundle_id"],
        device_id=doc["device_id"],
        sequence=doc["sequence"],
        outcome=doc["outcome"],
        reasons=tuple(doc["reasons"]),
        created=doc["created"],
        signer=doc["signer"],
        public_key=public,
        fingerprint=keys.fingerprint(public),
        manifest_hash=doc.get("manifest_hash"),
    )
