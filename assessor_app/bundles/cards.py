"""Key cards (a public key with its owner, to be enrolled in person) and key rotation statements.

A card is self-signed: the signature proves the card was not edited after it was made (owner,
agency, words), but NOT who made it; trust comes only from the fingerprint confirmed in person at
enrolment. The QR code holds the card without its signature (the canonical JSON), so that it stays
small enough to scan.

A rotation statement announces a new key and is signed by the OLD key. It names the old key only by
fingerprint, so reading one needs the old public key, which the reader finds in its trust store (or
in the previous statement of a chain).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.errors import (
    KEY_CARD_INVALID,
    KEY_CARD_TOO_LONG,
    ROTATION_INVALID,
    BundleError,
    key_error,
)
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
from assessor_app.core.canonical import canonical_json
from assessor_app.core.files import write_atomic
from assessor_app.domain.errors import N_

CARD_KIND = "assessor-key-card"
ROTATION_KIND = "assessor-key-rotation"
CARD_VERSION = 2  # 2 adds the owner's role and the installation (device) the key belongs to
CARD_VERSIONS = (1, 2)
# An inspection team's key, a reviewing office's, or the province office's (which may do all an
# office's key may, and alone publishes catalogue releases: services/catalogue_release*.py).
ROLES = ("team", "office", "province")
MAX_CARD_BYTES = 64 * 1024
QR_SCALE = 8  # pixels per module: sharp when printed on a card

_CARD_FIELDS_V1 = {
    "kind": is_str,
    "version": is_int,
    "public_key": is_str,
    "fingerprint": is_str,
    "words": is_str_list,
    "owner": is_str,
    "agency": is_str,
    "created": is_str,
    SIGNATURE: is_str,
}
_CARD_FIELDS = {**_CARD_FIELDS_V1, "role": is_str, "device_id": is_str}
_ROTATION_FIELDS = {
    "kind": is_str,
    "old_fingerprint": is_str,
    "new_public_key": is_str,
    "new_fingerprint": is_str,
    "owner": is_str,
    "agency": is_str,
    "created": is_str,
    SIGNATURE: is_str,
}


@dataclass(frozen=True)
class KeyCard:
    public_key: bytes
    fingerprint: str
    words: tuple[str, ...]
    owner: str
    agency: str
    created: str
    role: str = (
        ""  # "team" | "office" | "province"; "" on a version 1 card (the enroller must choose)
    )
    device_id: str = ""  # the installation holding the key; "" on a version 1 card


@dataclass(frozen=True)
class RotationStatement:
    old_fingerprint: str
    new_public_key: bytes
    new_fingerprint: str
    owner: str
    agency: str
    created: str


def make_card(
    key: Ed25519PrivateKey, owner: str, agency: str, created: str, role: str, device_id: str
) -> dict[str, Any]:
    """The self-signed card document of `key` (write it with `signed_json.canonical_json`).

    The card names the owner's role and the installation (device id) that holds the key: an
    office binds the key to that device when it enrols it, so that a revoked key cannot sign
    bundles under a fresh device id."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    public = keys.public_raw(key)
    fp = keys.fingerprint(public)
    card = {
        "kind": CARD_KIND,
        "version": CARD_VERSION,
        "public_key": b64encode(public),
        "fingerprint": fp,
        "words": keys.fingerprint_words(fp),
        "owner": owner,
        "agency": agency,
        "created": created,
        "role": role,
        "device_id": device_id,
    }
    return sign_document(card, key)


def card_version(doc: Any) -> int | None:
    """The version of a card document, or None when it is not a card."""
    if not isinstance(doc, dict) or doc.get("kind") != CARD_KIND:
        return None
    version = doc.get("version")
    return version if is_int(version) else None


def _card_invalid(template: str, **params: Any) -> BundleError:
    return key_error(KEY_CARD_INVALID, template, **params)


def read_card(data: bytes) -> KeyCard:
    """Parse and check a card file: shape, kind and version, fingerprint and words, self-signature."""
    not_a_card = _card_invalid(
        N_(
            "This file is not a key card made by this app (the JSON file written by 'keys card'). "
            "Ask the key's owner for the card file."
        )
    )
    if len(data) > MAX_CARD_BYTES:
        raise not_a_card
    try:
        doc = load_json_bytes(data)
    except (ValueError, RecursionError):
        raise not_a_card from None
    if (
        isinstance(doc, dict)
        and doc.get("kind") == CARD_KIND
        and doc.get("version") not in CARD_VERSIONS
    ):
        raise _card_invalid(
            N_(
                "This key card has format version {version}; this app reads versions 1 and 2 "
                "only. Update the app, or ask the key's owner for a card made by this version."
            ),
            version=str(doc.get("version"))[:20],
        )
    fields = _CARD_FIELDS_V1 if card_version(doc) == 1 else _CARD_FIELDS
    if not has_shape(doc, fields) or doc["kind"] != CARD_KIND:
        raise not_a_card
    if fields is _CARD_FIELDS and (doc["role"] not in ROLES or not _is_device_id(doc["device_id"])):
        raise not_a_card
    public = b64decode(doc["public_key"], keys.PUBLIC_KEY_BYTES)
    if public is None:
        raise not_a_card
    fp = keys.fingerprint(public)
    if doc["fingerprint"] != fp or doc["words"] != keys.fingerprint_words(fp):
        raise _card_invalid(
            N_(
                "The key card's fingerprint or words do not match its key: the card was altered. "
                "Do not enrol it; ask the key's owner for a new card."
            )
        )
    if not verify_document(doc, public):
        raise _card_invalid(
            N_(
                "The key card's signature does not verify: the card was changed after it was made. "
                "Do not enrol it; ask the key's owner for a new card."
            )
        )
    return KeyCard(
        public_key=public,
        fingerprint=fp,
        words=tuple(doc["words"]),
        owner=doc["owner"],
        agency=doc["agency"],
        created=doc["created"],
        role=doc.get("role", ""),
        device_id=doc.get("device_id", ""),
    )


def _is_device_id(text: str) -> bool:
    """A device id as installations make them: a UUID in its canonical spelling."""
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def card_qr_text(card_doc: dict[str, Any]) -> str:
    """What the QR code holds: the card's canonical JSON without its signature."""
    body = {name: value for name, value in card_doc.items() if name != SIGNATURE}
    return canonical_json(body).decode("utf-8")


def card_qr_png(card_doc: dict[str, Any], path: Path) -> None:
    """Draw the card's QR code (UTF-8 byte mode, error correction M) into a PNG, atomically."""
    if card_doc.get("kind") != CARD_KIND:
        raise ValueError("card_qr_png needs a key card document (see make_card)")
    import segno  # the QR code's library: for the card, not for every start of a command

    try:
        qr = segno.make_qr(card_qr_text(card_doc), encoding="utf-8", error="m")
    except segno.DataOverflowError:
        raise key_error(
            KEY_CARD_TOO_LONG,
            N_(
                "The owner and agency names are too long to fit in the key card's QR code. "
                "Shorten them in the profile and make the card again."
            ),
        ) from None
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=QR_SCALE, border=4)
    write_atomic(path, buffer.getvalue())


def make_rotation(
    old_key: Ed25519PrivateKey,
    new_key: Ed25519PrivateKey,
    owner: str,
    agency: str,
    created: str,
) -> dict[str, Any]:
    """The statement "my new key is `new_key`", signed by `old_key`."""
    new_public = keys.public_raw(new_key)
    statement = {
        "kind": ROTATION_KIND,
        "old_fingerprint": keys.fingerprint(keys.public_raw(old_key)),
        "new_public_key": b64encode(new_public),
        "new_fingerprint": keys.fingerprint(new_public),
        "owner": owner,
        "agency": agency,
        "created": created,
    }
    return sign_document(statement, old_key)


def read_rotation(doc: Any, old_public_key: bytes) -> RotationStatement:
    """Check a rotation statement against the old key it claims to come from.

    `old_public_key` is the key the caller already trusts for `doc["old_fingerprint"]` (from its
    trust store, or the new key of the previous statement in a chain).
    """
    if not has_shape(doc, _ROTATION_FIELDS) or doc["kind"] != ROTATION_KIND:
        raise key_error(
            ROTATION_INVALID,
            N_(
                "A key rotation statement in the bundle is malformed. Ask the sender to export "
                "again, or enrol the new key with its key card."
            ),
        )
    new_public = b64decode(doc["new_public_key"], keys.PUBLIC_KEY_BYTES)
    if (
        new_public is None
        or doc["new_fingerprint"] != keys.fingerprint(new_public)
        or len(old_public_key) != keys.PUBLIC_KEY_BYTES
        or doc["old_fingerprint"] != keys.fingerprint(old_public_key)
        or not verify_document(doc, old_public_key)
    ):
        raise key_error(
            ROTATION_INVALID,
            N_(
                "A key rotation statement does not verify with the old key it names: it was "
                "altered or made by someone else. Do not trust the new key; enrol it only with "
                "its key card and a fingerprint confirmed in person."
            ),
        )
    return RotationStatement(
        old_fingerprint=doc["old_fingerprint"],
        new_public_key=new_public,
        new_fingerprint=doc["new_fingerprint"],
        owner=doc["owner"],
        agency=doc["agency"],
        created=doc["created"],
    )


def rotation_chain(
    statements: Sequence[Any],
    signer_fingerprint: str,
    trusted_key: Callable[[str], bytes | None],
) -> list[RotationStatement]:
    """The verified statements leading from a trusted key to `signer_fingerprint`, oldest first.

    `statements` are a bundle's rotation.json entries (`OpenedBundle.rotation`); `trusted_key`
    returns the public key of an enrolled (and usable) fingerprint, else None. Returns [] when no
    statement links the signer to a trusted key (the signer stays unknown); raises ROTATION_INVALID
    when a statement on that path does not verify.
    """
    by_new_key = {doc.get("new_fingerprint"): doc for doc in statements if isinstance(doc, dict)}
    path: list[Any] = []
    current = signer_fingerprint
    start: bytes | None = None
    while start is None:
        doc = by_new_key.get(current)
        if doc is None or doc in path:  # no link further back, or a loop
            return []
        path.append(doc)
        old = doc.get("old_fingerprint")
        if not isinstance(old, str):
            return []
        start = trusted_key(old)
        current = old
    chain: list[RotationStatement] = []
    for doc in reversed(path):
        statement = read_rotation(doc, start)
        chain.append(statement)
        start = statement.new_public_key
    return chain
