"""Canonical JSON, detached-in-place Ed25519 signatures over it, and a strict JSON reader.

The canonical form is core/canonical.py's (keys sorted, no spaces, UTF-8, NFC, no NaN): a
signature made here verifies wherever the document is re-serialised.

A signed document is the document plus a `"signature"` member: base64 of the Ed25519 signature over
the canonical bytes of the document *without* that member.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.core.canonical import canonical_json, normalise
from assessor_app.core.strict_json import load_json_bytes as load_json_bytes  # re-exported

SIGNATURE = "signature"


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: object, length: int) -> bytes | None:
    """Strict base64 of exactly `length` bytes in its one canonical spelling (standard alphabet,
    padded, no spaces, unused bits zero: what `b64encode` writes), else None.

    Decoders ignore the 2 or 4 bits left over in the last character, so without the last rule
    several texts decode to the same key or signature, and a signed file would have several byte
    forms that all verify.
    """
    if not isinstance(text, str) or not text.isascii():
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if len(data) == length and b64encode(data) == text else None


def sign_document(doc: Mapping[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """A copy of `doc` (NFC-normalised, any old signature dropped) with a `"signature"` member."""
    body = normalise({name: value for name, value in doc.items() if name != SIGNATURE})
    signature = keys.sign(key, canonical_json(body))
    return {**body, SIGNATURE: b64encode(signature)}


def verify_document(doc: Mapping[str, Any], public_raw: bytes) -> bool:
    """True when `doc["signature"]` is a valid signature of the rest of `doc` by `public_raw`."""
    signature = b64decode(doc.get(SIGNATURE), 64)
    if signature is None:
        return False
    try:
        body = canonical_json({name: value for name, value in doc.items() if name != SIGNATURE})
    except ValueError:
        return False
    return keys.verify(public_raw, signature, body)


def is_str(value: Any) -> bool:
    return isinstance(value, str)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def has_shape(doc: Any, fields: Mapping[str, Callable[[Any], bool]]) -> bool:
    """True when `doc` is a JSON object with exactly `fields`, each passing its check."""
    return (
        isinstance(doc, dict)
        and set(doc) == set(fields)
        and all(check(doc[name]) for name, check in fields.items())
    )
