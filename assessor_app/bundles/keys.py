"""Ed25519 signing keys: generation, passphrase protection, fingerprints, words, sign and verify.

- The private key is stored as PKCS#8 PEM encrypted with the owner's passphrase
  (`BestAvailableEncryption`: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). Passphrases are NFC-normalised
  first, so the same Vietnamese passphrase typed with a precomposed or a combining-mark keyboard
  opens the key.
- Fingerprint: lower-case hex SHA-256 of the 32 raw public-key bytes; shown in groups of four.
- Words: the first six words of the BIP-39 English encoding of the fingerprint's first 16 bytes, to
  be read aloud when a card is enrolled.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import mnemonic
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from assessor_app.bundles.atomic import write_atomic
from assessor_app.bundles.errors import (
    KEY_BAD_PASSPHRASE,
    KEY_FILE_INVALID,
    KEY_FINGERPRINT_INVALID,
    KEY_PASSPHRASE_EMPTY,
    key_error,
)
from assessor_app.domain.errors import N_
from assessor_app.domain.text import nfc

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
WORD_COUNT = 6
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")
_FINGERPRINT_SEPARATORS = re.compile(r"[\s:\-]+")
_ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
_WORDLIST = mnemonic.Mnemonic("english")


def generate_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _passphrase_bytes(passphrase: str) -> bytes:
    if not passphrase.strip():
        raise key_error(
            KEY_PASSPHRASE_EMPTY,
            N_(
                "The passphrase is empty. Type a passphrase: it protects the signing key if the "
                "computer is lost or stolen."
            ),
        )
    return nfc(passphrase).encode("utf-8")


def encrypt_private_key(key: Ed25519PrivateKey, passphrase: str) -> bytes:
    """PKCS#8 PEM of `key`, encrypted with `passphrase` (an empty one is refused)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_passphrase_bytes(passphrase)),
    )


def decrypt_private_key(pem: bytes, passphrase: str) -> Ed25519PrivateKey:
    """The key in `pem` (KEY_BAD_PASSPHRASE when the passphrase does not open it)."""
    password = _passphrase_bytes(passphrase)
    not_a_key = key_error(
        KEY_FILE_INVALID,
        N_(
            "The signing key file is not a passphrase-protected Ed25519 key made by this app. "
            "Restore the key file from your backup, or create a new key and have it enrolled again."
        ),
    )
    if _ENCRYPTED_PEM not in pem:
        raise not_a_key
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except ValueError as error:
        if "password" in str(error).lower() or "decrypt" in str(error).lower():
            raise key_error(
                KEY_BAD_PASSPHRASE,
                N_(
                    "The passphrase is wrong: the signing key cannot be unlocked. Type it again "
                    "(check the keyboard language and Caps Lock)."
                ),
            ) from None
        raise not_a_key from None
    except (TypeError, UnsupportedAlgorithm):
        raise not_a_key from None
    if not isinstance(key, Ed25519PrivateKey):
        raise not_a_key
    return key


def public_raw(key_or_public: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of the public key."""
    public = (
        key_or_public.public_key()
        if isinstance(key_or_public, Ed25519PrivateKey)
        else key_or_public
    )
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_raw: bytes) -> str:
    """Lower-case hex SHA-256 of the raw public key (64 characters)."""
    if len(public_raw) != PUBLIC_KEY_BYTES:
        raise ValueError(f"an Ed25519 public key has 32 bytes, not {len(public_raw)}")
    return hashlib.sha256(public_raw).hexdigest()


def format_fingerprint(fp: str) -> str:
    """`fp` in groups of four separated by spaces: "3f2a 9c01 …"."""
    fp = normalise_fingerprint(fp)
    return " ".join(fp[index : index + 4] for index in range(0, len(fp), 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted (spaces, colons, dashes, upper case) in canonical form."""
    candidate = _FINGERPRINT_SEPARATORS.sub("", text).lower()
    if not _FINGERPRINT.match(candidate):
        raise key_error(
            KEY_FINGERPRINT_INVALID,
            N_(
                "'{text}' is not a key fingerprint. A fingerprint has 64 characters 0-9 and a-f "
                "(spaces and colons between groups are fine); copy it again from the key card."
            ),
            text=text[:100],
        )
    return candidate


def fingerprint_words(fp: str) -> list[str]:
    """The six BIP-39 words that stand for the fingerprint when read aloud."""
    entropy = bytes.fromhex(normalise_fingerprint(fp))[:16]
    words: list[str] = _WORDLIST.to_mnemonic(entropy).split()
    return words[:WORD_COUNT]


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    """True when `signature` is `public_raw`'s Ed25519 signature of `data`; False otherwise."""
    if len(public_raw) != PUBLIC_KEY_BYTES or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def write_private_key_file(path: Path, pem: bytes) -> None:
    """Write the encrypted key atomically, readable by its owner only (mode 0600 from the start).

    On Windows the mode bits are ignored; the data folder's access rights protect the file there.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, pem, mode=0o600)
