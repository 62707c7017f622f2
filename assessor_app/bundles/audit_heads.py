"""Signed heads of audit chains: "entry N of the log of assessment A on device D has hash H",
signed with an installation's Ed25519 key.

The hash of an entry covers every entry before it, so one signed head vouches for the whole log up
to it: rewriting an earlier entry (and recomputing the chain), or removing entries below it, no
longer matches the signed head. Entries after the last signed head are vouched for by nothing but
the file they are in. Heads are signed when an assessment is finalised and when it is exported,
and travel in bundles (data/assessments/<uid>.json, "signed_heads").

A head document is self-contained: it embeds the signer's public key, so `read_head` checks only
that it is well-formed and that its signature verifies with that key; whether the key is trusted
is the caller's decision (the trust store).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.errors import BundleError
from assessor_app.bundles.signed_json import (
    SIGNATURE,
    b64decode,
    b64encode,
    has_shape,
    is_int,
    is_str,
    sign_document,
    verify_document,
)
from assessor_app.domain.errors import N_

HEAD_KIND = "assessor-audit-head"
HEAD_VERSION = 1
AUDIT_HEAD_INVALID = "AUDIT_HEAD_INVALID"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_FIELDS = {
    "kind": is_str,
    "version": is_int,
    "assessment": is_str,
    "device_id": is_str,
    "seq": is_int,
    "hash": is_str,
    "signed_at": is_str,
    "public_key": is_str,
    SIGNATURE: is_str,
}


@dataclass(frozen=True)
class SignedHead:
    assessment: str  # the assessment's uid
    device_id: str  # the installation whose log it is
    seq: int
    hash: str
    signed_at: str
    public_key: bytes
    fingerprint: str  # of public_key: look it up in the trust store


def make_head(
    key: Ed25519PrivateKey, assessment: str, device_id: str, seq: int, digest: str, signed_at: str
) -> dict[str, Any]:
    """The signed document "entry `seq` of `assessment`'s log on `device_id` has hash `digest`"."""
    if seq < 1 or not _HEX64.match(digest):
        raise ValueError("a signed head names an entry (seq >= 1) and its SHA-256 hash")
    return sign_document(
        {
            "kind": HEAD_KIND,
            "version": HEAD_VERSION,
            "assessment": assessment,
            "device_id": device_id,
            "seq": seq,
            "hash": digest,
            "signed_at": signed_at,
            "public_key": b64encode(keys.public_raw(key)),
        },
        key,
    )


def _invalid() -> BundleError:
    return BundleError(
        AUDIT_HEAD_INVALID,
        N_(
            "A signed head of an audit log is malformed or its signature does not verify: the log "
            "or its signature was altered. Do not rely on this assessment's history; ask the "
            "sender for a new copy."
        ),
        category="bad_signature",
    )


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def read_head(doc: Any) -> SignedHead:
    """Check a signed head document (shape, values, signature by its embedded key)."""
    if (
        not has_shape(doc, _FIELDS)
        or doc["kind"] != HEAD_KIND
        or doc["version"] != HEAD_VERSION
        or doc["seq"] < 1
        or not _HEX64.match(doc["hash"])
        or not _is_uuid(doc["assessment"])
        or not _is_uuid(doc["device_id"])
    ):
        raise _invalid()
    public = b64decode(doc["public_key"], keys.PUBLIC_KEY_BYTES)
    if public is None or not verify_document(doc, public):
        raise _invalid()
    return SignedHead(
        assessment=doc["assessment"],
        device_id=doc["device_id"],
        seq=doc["seq"],
        hash=doc["hash"],
        signed_at=doc["signed_at"],
        public_key=public,
        fingerprint=keys.fingerprint(public),
    )
