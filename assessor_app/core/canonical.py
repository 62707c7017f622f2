"""The one canonical JSON.

Keys sorted, no insignificant spaces (`","` and `":"`), UTF-8 without `\\u` escapes, every string
(keys too) in Unicode NFC, no NaN or infinity. Two programs that agree on these rules produce the
same bytes for the same document, so a hash or a signature made here holds wherever the document
is re-serialised. Audit-entry hashes, value-version ids, catalogue content hashes, signed documents
and the key file's bound header all use it. Text entering the app is NFC already (domain/text.py),
so the normalisation changes no stored hash; it makes hashes independent of the keyboard used.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from typing import Any


def normalise(value: Any) -> Any:
    """`value` with every string in NFC and tuples as lists; ValueError for what JSON cannot hold
    (a non-string key, two keys equal after NFC, an object that is not JSON)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"JSON object keys must be strings, not {key!r}")
            name = unicodedata.normalize("NFC", key)
            if name in result:
                raise ValueError(f"two keys are the same after NFC normalisation: {key!r}")
            result[name] = normalise(item)
        return result
    raise ValueError(f"not a JSON value: {type(value).__name__}")


def canonical_text(value: Any) -> str:
    """The canonical JSON text of `value` (ValueError if it is not representable)."""
    return json.dumps(
        normalise(value),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 bytes of `value` (ValueError if it is not representable)."""
    return canonical_text(value).encode("utf-8")


def canonical_sha256(value: Any) -> str:
    """Lower-case hex SHA-256 of the canonical bytes of `value`."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
