"""Ed25519 signing keys: generation, passphrase protection, fingerprints, words, sign and verify.

- The private key file ("Keys" in docs/bundle-format.md) is a small JSON document, kind
  `assessor-private-key`, version 1: the 32 raw private-key bytes encrypted with AES-256-GCM under
  a key derived from the owner's passphrase with scrypt. scrypt is memory-hard, so each guess of a
  stolen file costs an attacker the memory and time an unlock costs the owner (shipped cost
  n=2**17, r=8, p=1: 128 MiB and 0.35-0.65 s per unlock on one core of a shared 2-core machine).
- The header (format, KDF name and parameters, salt, nonce, public key and fingerprint) is the
  AEAD's associated data: change any of it and the file no longer opens. The public key is in clear
  so that a file holding another key is told apart from a wrong passphrase without running scrypt.
- KDF parameters read from a file are bounded (`KDF_MAX_MEMORY`, `KDF_MAX_WORK`) before anything is
  derived: a hostile file cannot make unlocking allocate gigabytes or run for minutes.
- Files written by earlier versions (PKCS#8 PEM, PBES2 with PBKDF2-HMAC-SHA256 at 2,048 rounds,
  about 300 times below current advice) still open; `needs_upgrade` says when a file that opened
  should be rewritten and `upgrade_private_key_file` rewrites it without ever risking the old one.
- Passphrases are NFC-normalised first, so the same Vietnamese passphrase typed with a precomposed
  or a combining-mark keyboard opens the key.
- Fingerprint: lower-case hex SHA-256 of the 32 raw public-key bytes; shown in groups of four.
- Words: the first six words of the BIP-39 English encoding of the fingerprint's first 16 bytes,
  kept on key cards and accepted when typed (versions before 13 showed them); what is shown and
  read aloud now is the Vietnamese reading of texts/fingerprint_reading.py.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mnemonic
from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from assessor_app.bundles.errors import (
    KEY_BAD_PASSPHRASE,
    KEY_FILE_INVALID,
    KEY_FINGERPRINT_INVALID,
    KEY_PASSPHRASE_EMPTY,
    BundleError,
    key_error,
)
from assessor_app.core.canonical import canonical_json
from assessor_app.core.files import fsync_directory, write_atomic
from assessor_app.domain.errors import N_
from assessor_app.domain.text import nfc

PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
WORD_COUNT = 6
_FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")
_FINGERPRINT_SEPARATORS = re.compile(r"[\s:\-]+")
_ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
_WORDLIST = mnemonic.Mnemonic("english")
_ENGLISH_WORDS = frozenset(_WORDLIST.wordlist)


KEY_FILE_KIND = "assessor-private-key"
KEY_FILE_VERSION = 1
_ALGORITHM = "ed25519"
_KDF = "scrypt"
_CIPHER = "aes-256-gcm"
_PRIVATE_KEY_BYTES = 32
_SALT_BYTES = 16
_NONCE_BYTES = 12  # AES-GCM's standard nonce; random, and each file has its own key anyway
_TAG_BYTES = 16
_DERIVED_KEY_BYTES = 32  # AES-256
_MAX_KEY_FILE_BYTES = 16 * 1024  # a key file is under 1 KB; anything far larger is not one


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's parameters: `n` (CPU and memory cost, a power of two), `r` (block size), `p`
    (parallelism, which OpenSSL runs one after the other)."""

    n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """Bytes one derivation needs (128 * n * r)."""
        return 128 * self.n * self.r

    @property
    def work(self) -> int:
        """What one derivation's time is proportional to (n * r * p)."""
        return self.n * self.r * self.p

    def covers(self, other: ScryptCost) -> bool:
        """True when a guess costs an attacker at least the memory and the time `other` costs."""
        return self.memory >= other.memory and self.work >= other.work

    def is_sane(self) -> bool:
        """Valid for scrypt and within what unlocking may spend (see `KDF_MAX_MEMORY`)."""
        return (
            self.n > 1
            and self.n & (self.n - 1) == 0
            and 1 <= self.r <= 32
            and 1 <= self.p <= 16
            and self.memory <= KDF_MAX_MEMORY
            and self.work <= KDF_MAX_WORK
        )


# The cost of a key file written by this version: OWASP's scrypt recommendation (n=2**17, r=8,
# p=1): 128 MiB and 0.35-0.65 s per derivation measured on one core of a shared 2-core machine, so
# about 2 guesses per second per core for an attacker, against some 940 with the old PBKDF2 file.
SHIPPED_KDF_COST = ScryptCost(n=2**17, r=8, p=1)
# What new key files are written with. Tests lower it (tests/conftest.py) to stay fast.
KDF_COST = SHIPPED_KDF_COST
# Limits on parameters read from a file, checked before deriving anything: a hostile file must not
# make unlocking allocate gigabytes or run for minutes. Twice the memory and four times the time of
# the shipped cost leave room to raise it in a later version.
KDF_MAX_MEMORY = 256 * 2**20
KDF_MAX_WORK = 2**22


@dataclass(frozen=True)
class _KeyFile:
    """The parts of a key file in the current format, checked for shape (not yet decrypted)."""

    public: bytes
    cost: ScryptCost
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    associated_data: bytes  # the header, bound to the ciphertext


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


def _not_a_key() -> BundleError:
    return key_error(
        KEY_FILE_INVALID,
        N_(
            "The signing key file is not a passphrase-protected Ed25519 key made by this app. "
            "Restore the key file from your backup, or create a new key and have it enrolled again."
        ),
    )


def _bad_passphrase() -> BundleError:
    return key_error(
        KEY_BAD_PASSPHRASE,
        N_(
            "The passphrase is wrong: the signing key cannot be unlocked. Type it again "
            "(check the keyboard language and Caps Lock)."
        ),
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _associated_data(header: dict[str, Any]) -> bytes:
    """The header's bytes as the AEAD binds them: sorted keys, no spaces (it is all ASCII)."""
    return canonical_json(header)


def _derive(password: bytes, salt: bytes, cost: ScryptCost) -> bytes:
    return Scrypt(salt=salt, length=_DERIVED_KEY_BYTES, n=cost.n, r=cost.r, p=cost.p).derive(
        password
    )


def encrypt_private_key(
    key: Ed25519PrivateKey, passphrase: str, cost: ScryptCost | None = None
) -> bytes:
    """The key file for `key`, encrypted with `passphrase` (an empty one is refused) at `cost`
    (by default `KDF_COST`)."""
    password = _passphrase_bytes(passphrase)
    cost = cost or KDF_COST
    if not cost.is_sane():
        raise ValueError(f"scrypt cost out of bounds: {cost}")
    salt, nonce = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_NONCE_BYTES)
    public = public_raw(key)
    header: dict[str, Any] = {
        "kind": KEY_FILE_KIND,
        "version": KEY_FILE_VERSION,
        "algorithm": _ALGORITHM,
        "public_key": _b64(public),
        "fingerprint": fingerprint(public),
        "kdf": {"name": _KDF, "n": cost.n, "r": cost.r, "p": cost.p, "salt": _b64(salt)},
        "cipher": {"name": _CIPHER, "nonce": _b64(nonce)},
    }
    private = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    sealed = AESGCM(_derive(password, salt, cost)).encrypt(nonce, private, _associated_data(header))
    document = {**header, "ciphertext": _b64(sealed)}
    return (json.dumps(document, sort_keys=True, indent=2) + "\n").encode("ascii")


def _is_current_format(data: bytes) -> bool:
    return data.lstrip().startswith(b"{")


def _read_key_file(data: bytes) -> _KeyFile:
    """The checked parts of a current-format key file; KEY_FILE_INVALID for anything else,
    including KDF parameters outside what unlocking may spend."""
    # signed_json builds on this module (it signs with `sign`): imported here, when first needed.
    from assessor_app.bundles import signed_json as sj

    def equals(expected: object) -> Callable[[Any], bool]:
        """A check for exactly `expected` (so `true` is not 1, nor 1.0)."""
        return lambda value: type(value) is type(expected) and value == expected

    doc: Any = None
    if len(data) <= _MAX_KEY_FILE_BYTES:
        with contextlib.suppress(ValueError, RecursionError):
            doc = sj.load_json_bytes(data)
    kdf_shape = {"name": equals(_KDF), "n": sj.is_int, "r": sj.is_int, "p": sj.is_int}
    shape = {
        "kind": equals(KEY_FILE_KIND),
        "version": equals(KEY_FILE_VERSION),
        "algorithm": equals(_ALGORITHM),
        "public_key": sj.is_str,
        "fingerprint": sj.is_str,
        "kdf": lambda value: sj.has_shape(value, {**kdf_shape, "salt": sj.is_str}),
        "cipher": lambda value: sj.has_shape(value, {"name": equals(_CIPHER), "nonce": sj.is_str}),
        "ciphertext": sj.is_str,
    }
    if not sj.has_shape(doc, shape):
        raise _not_a_key()
    kdf, cipher = doc["kdf"], doc["cipher"]
    public = sj.b64decode(doc["public_key"], PUBLIC_KEY_BYTES)
    salt = sj.b64decode(kdf["salt"], _SALT_BYTES)
    nonce = sj.b64decode(cipher["nonce"], _NONCE_BYTES)
    sealed = sj.b64decode(doc["ciphertext"], _PRIVATE_KEY_BYTES + _TAG_BYTES)
    cost = ScryptCost(kdf["n"], kdf["r"], kdf["p"])
    if (
        public is None
        or salt is None
        or nonce is None
        or sealed is None
        or doc["fingerprint"] != fingerprint(public)
        or not cost.is_sane()
    ):
        raise _not_a_key()
    header = {name: value for name, value in doc.items() if name != "ciphertext"}
    return _KeyFile(public, cost, salt, nonce, sealed, _associated_data(header))


def key_file_fingerprint(data: bytes) -> str | None:
    """The fingerprint a current-format key file names in clear; None for an older file, which
    does not say, and for anything unreadable (`decrypt_private_key` says what is wrong)."""
    if not _is_current_format(data):
        return None
    try:
        return fingerprint(_read_key_file(data).public)
    except BundleError:
        return None


def needs_upgrade(data: bytes) -> bool:
    """True when the key file `data`, which has just opened, should be written again: it is in the
    older PKCS#8 format, or its scrypt cost is below the one new files get."""
    return not _is_current_format(data) or not _read_key_file(data).cost.covers(KDF_COST)


def decrypt_private_key(data: bytes, passphrase: str) -> Ed25519PrivateKey:
    """The key in the key file `data` (KEY_BAD_PASSPHRASE when the passphrase does not open it,
    which is also what an altered header or ciphertext gives: the AEAD cannot tell them apart)."""
    password = _passphrase_bytes(passphrase)
    if not _is_current_format(data):
        return _decrypt_pkcs8(data, password)
    parts = _read_key_file(data)
    try:
        private = AESGCM(_derive(password, parts.salt, parts.cost)).decrypt(
            parts.nonce, parts.ciphertext, parts.associated_data
        )
    except InvalidTag:
        raise _bad_passphrase() from None
    key = Ed25519PrivateKey.from_private_bytes(private)
    if public_raw(key) != parts.public:  # only whoever knew the passphrase could have made this
        raise _not_a_key()
    return key


def _decrypt_pkcs8(pem: bytes, password: bytes) -> Ed25519PrivateKey:
    """A key file written by an earlier version: PKCS#8 PEM, PBES2 with PBKDF2."""
    if _ENCRYPTED_PEM not in pem:
        raise _not_a_key()
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except ValueError as error:
        if "password" in str(error).lower() or "decrypt" in str(error).lower():
            raise _bad_passphrase() from None
        # A wrong passphrase usually fails the padding check ("bad decrypt"), but about once in
        # 256 it passes it and the decrypted garbage then fails to parse: when the file's own
        # structure is intact, that too is a wrong passphrase.
        if _der_outline_intact(pem):
            raise _bad_passphrase() from None
        raise _not_a_key() from None
    except (TypeError, UnsupportedAlgorithm):
        raise _not_a_key() from None
    if not isinstance(key, Ed25519PrivateKey):
        raise _not_a_key()
    return key


def _der_outline_intact(pem: bytes) -> bool:
    """True when the PEM's body is one DER SEQUENCE whose length field matches its size (the
    encrypted key's outer structure, readable without the passphrase)."""
    lines = pem.strip().splitlines()
    try:
        der = base64.b64decode(b"".join(lines[1:-1]), validate=True)
    except (ValueError, binascii.Error):
        return False
    if len(der) < 2 or der[0] != 0x30:
        return False
    first = der[1]
    if first < 0x80:
        return 2 + first == len(der)
    count = first & 0x7F
    if count == 0 or count > 4 or len(der) < 2 + count:
        return False
    return 2 + count + int.from_bytes(der[2 : 2 + count], "big") == len(der)


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


def is_english_word(word: str) -> bool:
    """Whether `word` is one of the 2,048 BIP-39 English words (the words older versions showed)."""
    return word in _ENGLISH_WORDS


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


def write_private_key_file(path: Path, data: bytes) -> None:
    """Write the key file atomically, readable by its owner only (mode 0600 from the start).

    On Windows the mode bits are ignored; the data folder's access rights protect the file there.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, data, mode=0o600)


def upgrade_private_key_file(
    path: Path, old: bytes, key: Ed25519PrivateKey, passphrase: str
) -> bool:
    """Write the key file at `path`, which holds `old` (the file `key` was just unlocked from),
    again in the current format. False, and nothing done, when it no longer holds `old` (another
    window rotated or upgraded it meanwhile).

    The old file stays until the new one is proven: the new file is written beside it (mode 0600,
    fsynced), read back and opened with `passphrase`, and only then renamed over the old one. On
    any failure the copy is removed and the error propagates (OSError, or BundleError when the copy
    does not open to `key`); the old file is untouched.
    """
    new = encrypt_private_key(key, passphrase)
    staged = path.with_name(f".{path.name}.{secrets.token_hex(6)}.new")
    try:
        write_private_key_file(staged, new)
        if public_raw(decrypt_private_key(staged.read_bytes(), passphrase)) != public_raw(key):
            raise _not_a_key()
        if path.read_bytes() != old:
            return False
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
    fsync_directory(path.parent)
    return True
