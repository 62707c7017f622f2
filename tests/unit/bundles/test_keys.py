"""Signing keys: passphrase protection, key file, fingerprints, words, signatures."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import mnemonic
import pytest
from cryptography.hazmat.primitives import serialization

from assessor_app.bundles import keys
from tests.unit.bundles import FIXED_KEY, expect, flip, snapshot

FIXED_FINGERPRINT = "56475aa75463474c0285df5dbf2bcab73da651358839e9b77481b2eab107708c"


def test_encrypted_key_round_trip() -> None:
    key = keys.generate_key()
    pem = keys.encrypt_private_key(key, "mật khẩu dài")
    assert json.loads(pem)["kind"] == "assessor-private-key"  # test_key_file.py has the details
    assert keys.public_raw(keys.decrypt_private_key(pem, "mật khẩu dài")) == keys.public_raw(key)


def test_passphrase_typed_in_either_unicode_form_opens_the_key() -> None:
    composed = "Lạng Sơn 2026"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    pem = keys.encrypt_private_key(FIXED_KEY, decomposed)
    assert keys.public_raw(keys.decrypt_private_key(pem, composed)) == keys.public_raw(FIXED_KEY)


def test_wrong_passphrase() -> None:
    pem = keys.encrypt_private_key(FIXED_KEY, "right one")
    with expect("key", "KEY_BAD_PASSPHRASE"):
        keys.decrypt_private_key(pem, "wrong one")


@pytest.mark.parametrize("passphrase", ["", "   ", "\t\n"])
def test_empty_passphrase_is_refused(passphrase: str) -> None:
    with expect("key", "KEY_PASSPHRASE_EMPTY"):
        keys.encrypt_private_key(FIXED_KEY, passphrase)
    pem = keys.encrypt_private_key(FIXED_KEY, "x")
    with expect("key", "KEY_PASSPHRASE_EMPTY"):
        keys.decrypt_private_key(pem, passphrase)


def test_files_that_are_not_encrypted_keys_are_refused() -> None:
    unencrypted = FIXED_KEY.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    legacy = FIXED_KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"x"),
    )
    damaged_legacy = legacy[:40] + legacy[44:]  # the start of the DER structure is lost
    truncated = keys.encrypt_private_key(FIXED_KEY, "x")[:-30]
    for pem in (b"", b"not a key", unencrypted, damaged_legacy, truncated):
        with expect("key", "KEY_FILE_INVALID"):
            keys.decrypt_private_key(pem, "x")


def test_key_file_is_private_from_its_first_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            opened.append((os.fspath(path), mode))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    old_umask = os.umask(0)  # even with a permissive umask
    try:
        target = tmp_path / "keys" / "signing-key.pem"  # the folder is made, private too
        pem = keys.encrypt_private_key(FIXED_KEY, "x")
        keys.write_private_key_file(target, pem)
        keys.write_private_key_file(target, pem)  # replacing an existing key file
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == pem
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert opened
    assert all(mode == 0o600 for _, mode in opened)
    assert all(Path(path).name.startswith(".signing-key.pem.") for path, _ in opened)
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert snapshot(tmp_path) == {"keys", "keys/signing-key.pem"}  # no temporary file left


def test_fingerprint_and_its_forms() -> None:
    raw = keys.public_raw(FIXED_KEY)
    assert raw == keys.public_raw(FIXED_KEY.public_key())
    assert len(raw) == 32
    fp = keys.fingerprint(raw)
    assert fp == hashlib.sha256(raw).hexdigest() == FIXED_FINGERPRINT
    shown = keys.format_fingerprint(fp)
    assert shown.startswith("5647 5aa7 5463 ")
    assert [len(group) for group in shown.split(" ")] == [4] * 16
    colons = ":".join(fp[i : i + 2] for i in range(0, 64, 2)).upper()
    for typed in (shown, fp.upper(), colons, f"  {shown}\n"):
        assert keys.normalise_fingerprint(typed) == fp


@pytest.mark.parametrize(
    "text", ["", "5647", FIXED_FINGERPRINT[:-1], FIXED_FINGERPRINT + "0", "g" * 64]
)
def test_malformed_fingerprint(text: str) -> None:
    with expect("key", "KEY_FINGERPRINT_INVALID"):
        keys.normalise_fingerprint(text)


def test_fingerprint_words_are_six_stable_bip39_words() -> None:
    words = keys.fingerprint_words(FIXED_FINGERPRINT)
    assert words == ["film", "depart", "prefer", "potato", "crucial", "plastic"]
    wordlist = set(mnemonic.Mnemonic("english").wordlist)
    other = keys.fingerprint_words(keys.fingerprint(keys.public_raw(keys.generate_key())))
    assert len(other) == 6
    assert set(other) <= wordlist
    assert keys.fingerprint_words(keys.format_fingerprint(FIXED_FINGERPRINT)) == words


def test_sign_and_verify() -> None:
    raw = keys.public_raw(FIXED_KEY)
    signature = keys.sign(FIXED_KEY, b"tag manifest bytes")
    assert len(signature) == 64
    assert keys.verify(raw, signature, b"tag manifest bytes")
    assert not keys.verify(raw, signature, b"tag manifest bytez")
    assert not keys.verify(keys.public_raw(keys.generate_key()), signature, b"tag manifest bytes")
    assert not keys.verify(raw[:31], signature, b"tag manifest bytes")
    assert not keys.verify(raw, signature[:63], b"tag manifest bytes")


@pytest.mark.parametrize("bit", [0, 7, 100, 511])
def test_a_flipped_signature_bit_fails(bit: int) -> None:
    signature = keys.sign(FIXED_KEY, b"data")
    broken = flip(signature, bit // 8, 1 << (bit % 8))
    assert not keys.verify(keys.public_raw(FIXED_KEY), broken, b"data")


def test_a_wrong_passphrase_on_an_old_key_file_is_always_a_wrong_passphrase() -> None:
    """About once in 256, a wrong passphrase passes PBES2's padding check and the decrypted bytes
    fail to parse: that must still say "wrong passphrase", not "not a key" (it made a test flaky)."""
    legacy = FIXED_KEY.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"right one"),
    )
    for attempt in range(600):
        with expect("key", "KEY_BAD_PASSPHRASE"):
            keys.decrypt_private_key(legacy, f"wrong {attempt}")
