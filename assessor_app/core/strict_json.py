"""Strict parsing of untrusted JSON (bundles, key cards, the user's catalogue and unit files).

Here rather than beside the signatures (bundles.signed_json re-exports it) so that reading a JSON
file does not load the cryptography."""

from __future__ import annotations

import json
from typing import Any


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"duplicate key {name!r}")
        result[name] = value
    return result


def load_json_bytes(data: bytes) -> Any:
    """Parse untrusted JSON strictly: UTF-8 without BOM, no duplicate keys, no NaN/Infinity.

    Raises ValueError (json.JSONDecodeError and UnicodeDecodeError are ValueErrors) or
    RecursionError for absurdly deep nesting; callers turn either into their own error code.
    """
    text = data.decode("utf-8")  # a BOM decodes to U+FEFF, which json refuses
    return json.loads(text, object_pairs_hook=_unique_object, parse_constant=_reject_constant)
