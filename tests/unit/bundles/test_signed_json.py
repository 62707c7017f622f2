"""Canonical JSON, in-place signatures, and the strict JSON reader."""

from __future__ import annotations

import json
import unicodedata

import pytest

from assessor_app.bundles import keys
from assessor_app.bundles.signed_json import (
    b64decode,
    b64encode,
    load_json_bytes,
    sign_document,
    verify_document,
)
from assessor_app.core.canonical import canonical_json
from tests.unit.bundles import FIXED_KEY, respelled

PUBLIC = keys.public_raw(FIXED_KEY)


def test_canonical_form() -> None:
    nfd = unicodedata.normalize("NFD", "Xã Hữu Liên")
    assert canonical_json({"b": [1, True, None], "a": nfd, "ä": 1.5}) == (
        '{"a":"Xã Hữu Liên","b":[1,true,null],"ä":1.5}'.encode()
    )


@pytest.mark.parametrize(
    "value",
    [{"x": float("nan")}, {"x": float("inf")}, {1: "non-string key"}, {"x": object()}],
)
def test_values_json_cannot_hold_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        canonical_json(value)


def test_keys_equal_after_nfc_are_refused() -> None:
    with pytest.raises(ValueError):
        canonical_json({"é": 1, unicodedata.normalize("NFD", "é"): 2})


def test_sign_and_verify_document() -> None:
    doc = sign_document({"owner": "Nguyễn Thị Hoa", "n": 2, "signature": "old"}, FIXED_KEY)
    assert set(doc) == {"owner", "n", "signature"}
    assert doc["signature"] != "old"
    assert verify_document(doc, PUBLIC)
    reparsed = json.loads(json.dumps(doc, ensure_ascii=True, indent=2))
    assert verify_document(reparsed, PUBLIC)  # any JSON spelling of the same document verifies
    decomposed = {**doc, "owner": unicodedata.normalize("NFD", doc["owner"])}
    assert verify_document(decomposed, PUBLIC)  # NFC is part of the canonical form


@pytest.mark.parametrize(
    "change",
    [
        {"owner": "Nguyễn Thị Hòa"},
        {"n": 3},
        {"extra": True},
        {"signature": "AAAA"},
        {"signature": 5},
        {"signature": "not base64!"},
    ],
)
def test_changed_document_does_not_verify(change: dict[str, object]) -> None:
    doc = sign_document({"owner": "Nguyễn Thị Hoa", "n": 2}, FIXED_KEY)
    assert not verify_document({**doc, **change}, PUBLIC)


def test_base64_is_read_in_its_canonical_spelling_only() -> None:
    key = keys.public_raw(FIXED_KEY)
    assert b64decode(b64encode(key), 32) == key
    assert b64decode(b64encode(b"\x00"), 1) == b"\x00"
    for other in (respelled(b64encode(key)), "AB==", "AAE=", "AA==\n", " AA==", "AA"):
        assert b64decode(other, 1 if len(other) < 8 else 32) is None, other


def test_signature_respelled_in_base64_does_not_verify() -> None:
    # Same signature bytes, another text: one signed document must have one byte form.
    doc = sign_document({"n": 1}, FIXED_KEY)
    assert not verify_document({**doc, "signature": respelled(doc["signature"])}, PUBLIC)


def test_missing_signature_or_other_key_does_not_verify() -> None:
    doc = sign_document({"n": 1}, FIXED_KEY)
    assert not verify_document({"n": 1}, PUBLIC)
    assert not verify_document(doc, keys.public_raw(keys.generate_key()))


@pytest.mark.parametrize(
    "data",
    [
        b'{"a": 1, "a": 2}',
        b'{"a": NaN}',
        b'{"a": Infinity}',
        b"\xef\xbb\xbf{}",
        b'{"a": "\xff"}',
        b"[" * 100_000 + b"]" * 100_000,
        b"{",
    ],
)
def test_strict_reader_refuses(data: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)):
        load_json_bytes(data)


def test_strict_reader_reads_utf8() -> None:
    assert load_json_bytes('{"tên": "Xã"}'.encode()) == {"tên": "Xã"}
