"""Key cards (with their QR code) and key rotation statements."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from assessor_app.bundles import cards, keys
from assessor_app.bundles.signed_json import sign_document
from assessor_app.core.canonical import canonical_json
from tests.unit.bundles import FIXED_KEY, expect, respelled, snapshot

OWNER = "Nguyễn Thị Hoa"
AGENCY = "Sở Lao động – Thương binh và Xã hội Lạng Sơn"
CREATED = "2026-05-09T07:35:25Z"
DEVICE = "6f1c2a4e-8d3b-4c5a-9e7f-0a1b2c3d4e5f"


def make(owner: str = OWNER, role: str = "team") -> dict[str, Any]:
    return cards.make_card(FIXED_KEY, owner, AGENCY, CREATED, role, DEVICE)


def card_bytes(doc: dict[str, Any]) -> bytes:
    return canonical_json(doc)


def test_card_round_trip() -> None:
    doc = make()
    assert doc["kind"] == "assessor-key-card"
    assert doc["version"] == 2
    card = cards.read_card(card_bytes(doc))
    assert (card.role, card.device_id) == ("team", DEVICE)
    assert card.public_key == keys.public_raw(FIXED_KEY)
    assert card.fingerprint == keys.fingerprint(card.public_key)
    assert card.words == tuple(keys.fingerprint_words(card.fingerprint))
    assert (card.owner, card.agency, card.created) == (OWNER, AGENCY, CREATED)
    pretty = json.dumps(doc, ensure_ascii=False, indent=2).encode()
    assert cards.read_card(pretty) == card  # a card re-indented by a text editor still reads


@pytest.mark.parametrize(
    "change",
    [
        {"owner": "Trần Văn Nam"},
        {"agency": "Other"},
        {"created": "2027-01-01T00:00:00Z"},
        {"role": "office"},  # a team's card passed off as an office's
        {"device_id": "00000000-0000-4000-8000-000000000000"},
    ],
)
def test_tampered_card_is_invalid(change: dict[str, str]) -> None:
    doc = {**make(), **change}
    with expect("key", "KEY_CARD_INVALID"):
        cards.read_card(card_bytes(doc))


def test_card_with_its_signature_respelled_in_base64_is_invalid() -> None:
    doc = make()
    with expect("key", "KEY_CARD_INVALID"):
        cards.read_card(card_bytes({**doc, "signature": respelled(doc["signature"])}))


def test_rotation_with_its_signature_respelled_in_base64_is_invalid() -> None:
    doc = cards.make_rotation(FIXED_KEY, keys.generate_key(), OWNER, AGENCY, CREATED)
    with expect("key", "ROTATION_INVALID"):
        cards.read_rotation(
            {**doc, "signature": respelled(doc["signature"])}, keys.public_raw(FIXED_KEY)
        )


def test_card_whose_fingerprint_does_not_match_its_key_is_invalid() -> None:
    # Properly self-signed, but it claims another key's fingerprint and words.
    other = keys.fingerprint(keys.public_raw(keys.generate_key()))
    doc = make()
    forged = sign_document(
        {**doc, "fingerprint": other, "words": keys.fingerprint_words(other)}, FIXED_KEY
    )
    with expect("key", "KEY_CARD_INVALID") as caught:
        cards.read_card(card_bytes(forged))
    assert "fingerprint" in str(caught.value)


def test_card_of_another_key_signed_by_this_one_is_invalid() -> None:
    other = keys.public_raw(keys.generate_key())
    doc = make()
    fp = keys.fingerprint(other)
    forged = sign_document(
        {
            **doc,
            "public_key": base64.b64encode(other).decode(),
            "fingerprint": fp,
            "words": keys.fingerprint_words(fp),
        },
        FIXED_KEY,
    )
    with expect("key", "KEY_CARD_INVALID"):
        cards.read_card(card_bytes(forged))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not json",
        b"[]",
        b'{"kind": "assessor-key-card"}',
        b"\xff\xfe",
        b" " * (cards.MAX_CARD_BYTES + 1),
    ],
)
def test_not_a_card(data: bytes) -> None:
    with expect("key", "KEY_CARD_INVALID"):
        cards.read_card(data)


def test_card_of_another_version_says_so() -> None:
    doc = sign_document({**make(), "version": 3}, FIXED_KEY)
    with expect("key", "KEY_CARD_INVALID") as caught:
        cards.read_card(card_bytes(doc))
    assert caught.value.params["version"] == "3"


def test_a_version_1_card_still_reads_without_role_or_device() -> None:
    body = {k: v for k, v in make().items() if k not in ("role", "device_id", "signature")}
    doc = sign_document({**body, "version": 1}, FIXED_KEY)
    card = cards.read_card(card_bytes(doc))
    assert (card.owner, card.role, card.device_id) == (OWNER, "", "")


@pytest.mark.parametrize(
    "change", [{"role": "ministry"}, {"role": ""}, {"device_id": "not-a-uuid"}, {"role": 1}]
)
def test_a_card_with_an_unknown_role_or_device_is_not_a_card(change: dict[str, Any]) -> None:
    doc = sign_document({**make(), **change}, FIXED_KEY)
    with expect("key", "KEY_CARD_INVALID"):
        cards.read_card(card_bytes(doc))


def test_card_qr_code_decodes_to_the_card_without_signature(tmp_path: Path) -> None:
    doc = make()
    target = tmp_path / "card.json.png"
    cards.card_qr_png(doc, target)
    assert snapshot(tmp_path) == {"card.json.png"}  # written atomically: no temporary file left
    with Image.open(target) as image:
        found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    unsigned = {name: value for name, value in doc.items() if name != "signature"}
    assert found[0].text == canonical_json(unsigned).decode("utf-8")
    assert json.loads(found[0].text) == unsigned


def test_card_too_long_for_a_qr_code(tmp_path: Path) -> None:
    doc = make(OWNER * 300)
    with expect("key", "KEY_CARD_TOO_LONG"):
        cards.card_qr_png(doc, tmp_path / "card.png")
    assert snapshot(tmp_path) == set()


def test_rotation_round_trip() -> None:
    new_key = keys.generate_key()
    doc = cards.make_rotation(FIXED_KEY, new_key, OWNER, AGENCY, CREATED)
    statement = cards.read_rotation(doc, keys.public_raw(FIXED_KEY))
    assert statement.old_fingerprint == keys.fingerprint(keys.public_raw(FIXED_KEY))
    assert statement.new_public_key == keys.public_raw(new_key)
    assert statement.new_fingerprint == keys.fingerprint(keys.public_raw(new_key))
    assert (statement.owner, statement.agency, statement.created) == (OWNER, AGENCY, CREATED)
    reparsed = json.loads(canonical_json(doc))
    assert cards.read_rotation(reparsed, keys.public_raw(FIXED_KEY)) == statement


def test_rotation_signed_by_the_new_key_is_invalid() -> None:
    new_key = keys.generate_key()
    doc = cards.make_rotation(FIXED_KEY, new_key, OWNER, AGENCY, CREATED)
    self_signed = sign_document(doc, new_key)  # someone holding only the new key
    with expect("key", "ROTATION_INVALID"):
        cards.read_rotation(self_signed, keys.public_raw(FIXED_KEY))
    with expect("key", "ROTATION_INVALID"):  # nor does it verify with the key it claims to rotate
        cards.read_rotation(doc, keys.public_raw(new_key))


@pytest.mark.parametrize(
    "change",
    [
        {"owner": "Trần Văn Nam"},
        {"new_fingerprint": "0" * 64},
        {"new_public_key": "AAAA"},
        {"kind": "assessor-key-card"},
        {"extra": 1},
    ],
)
def test_tampered_rotation_is_invalid(change: dict[str, Any]) -> None:
    doc = {**cards.make_rotation(FIXED_KEY, keys.generate_key(), OWNER, AGENCY, CREATED), **change}
    with expect("key", "ROTATION_INVALID"):
        cards.read_rotation(doc, keys.public_raw(FIXED_KEY))


@pytest.mark.parametrize("doc", [None, [], "x", {"kind": "assessor-key-rotation"}])
def test_malformed_rotation(doc: Any) -> None:
    with expect("key", "ROTATION_INVALID"):
        cards.read_rotation(doc, keys.public_raw(FIXED_KEY))


def test_rotation_chain_from_a_trusted_key_to_the_signer() -> None:
    a, b, c = keys.generate_key(), keys.generate_key(), keys.generate_key()
    fp = {
        name: keys.fingerprint(keys.public_raw(k)) for name, k in {"a": a, "b": b, "c": c}.items()
    }
    statements = [
        cards.make_rotation(a, b, OWNER, AGENCY, CREATED),
        cards.make_rotation(b, c, OWNER, AGENCY, CREATED),
    ]

    def trusting(*names: str) -> Callable[[str], bytes | None]:
        known = {fp[n]: keys.public_raw({"a": a, "b": b, "c": c}[n]) for n in names}
        return known.get

    chain = cards.rotation_chain(statements, fp["c"], trusting("a"))
    assert [(s.old_fingerprint, s.new_fingerprint) for s in chain] == [
        (fp["a"], fp["b"]),
        (fp["b"], fp["c"]),
    ]
    assert len(cards.rotation_chain(statements, fp["c"], trusting("b"))) == 1
    assert cards.rotation_chain(statements, fp["c"], trusting()) == []
    assert cards.rotation_chain([], fp["c"], trusting("a")) == []
    forged = [statements[0], sign_document(statements[1], c)]  # "b -> c", signed by c itself
    with expect("key", "ROTATION_INVALID"):
        cards.rotation_chain(forged, fp["c"], trusting("a"))
    loop = [*statements, cards.make_rotation(c, b, OWNER, AGENCY, CREATED)]
    assert cards.rotation_chain([loop[1], loop[2]], fp["c"], trusting()) == []
