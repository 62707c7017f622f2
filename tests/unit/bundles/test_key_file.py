"""The private key file: scrypt + AES-256-GCM, a bound header, bounded parameters, the upgrade of
files written by earlier versions (PKCS#8 with PBKDF2 at 2,048 rounds)."""

from __future__ import annotations

import base64
import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from assessor_app.bundles import keys
from tests.unit.bundles import FIXED_KEY, expect, flip, snapshot

PASS = "Lạng Sơn 2026"
OTHER_KEY = keys.generate_key()

Edit = Callable[[dict[str, Any]], None]


def legacy_file(key: Any = FIXED_KEY, passphrase: str = PASS) -> bytes:
    """A key file as earlier versions wrote it (PBES2, PBKDF2-HMAC-SHA256, 2,048 rounds)."""
    return bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
        )
    )


def edited(data: bytes, edit: Edit) -> bytes:
    document = json.loads(data)
    edit(document)
    return json.dumps(document, indent=2).encode("utf-8")


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


@pytest.fixture
def sealed_then_no_scrypt(monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A key file of FIXED_KEY; after it is made, scrypt fails the test if it runs again: a
    malformed or hostile file must be refused before any memory or time is spent on it."""
    data = keys.encrypt_private_key(FIXED_KEY, PASS)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("scrypt ran on a file that should have been refused first")

    monkeypatch.setattr(keys, "Scrypt", refuse)
    return data


# --- the format


def test_the_key_file_is_a_self_describing_document() -> None:
    data = keys.encrypt_private_key(FIXED_KEY, PASS)
    document = json.loads(data)
    public = keys.public_raw(FIXED_KEY)
    assert document["kind"] == "assessor-private-key"
    assert document["version"] == 1
    assert document["algorithm"] == "ed25519"
    assert document["public_key"] == b64(public)
    assert document["fingerprint"] == keys.fingerprint(public)
    kdf = document["kdf"]
    assert (kdf["name"], kdf["n"], kdf["r"], kdf["p"]) == ("scrypt", 2**10, 8, 1)  # tests' cost
    assert len(base64.b64decode(kdf["salt"])) == 16
    assert document["cipher"]["name"] == "aes-256-gcm"
    assert len(base64.b64decode(document["cipher"]["nonce"])) == 12
    assert len(base64.b64decode(document["ciphertext"])) == 32 + 16
    private = FIXED_KEY.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    assert private not in data
    assert b64(private).encode() not in data
    assert keys.key_file_fingerprint(data) == keys.fingerprint(public)
    again = keys.encrypt_private_key(FIXED_KEY, PASS)
    assert json.loads(again)["kdf"]["salt"] != kdf["salt"]  # a fresh salt and nonce each time
    assert json.loads(again)["cipher"]["nonce"] != document["cipher"]["nonce"]


def test_the_shipped_cost_meets_current_advice() -> None:
    """OWASP's scrypt minimum is n=2**17, r=8, p=1 (128 MiB per guess)."""
    shipped = keys.SHIPPED_KDF_COST
    assert shipped.n >= 2**17
    assert shipped.r >= 8
    assert shipped.p >= 1
    assert shipped.memory >= 128 * 2**20
    assert shipped.covers(keys.ScryptCost(n=2**17, r=8, p=1))
    assert shipped.is_sane()  # and a file written with it opens again
    assert keys.KDF_MAX_MEMORY <= 512 * 2**20  # a hostile file cannot ask for gigabytes


def test_round_trip_at_the_shipped_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "KDF_COST", keys.SHIPPED_KDF_COST)  # the conftest lowers it
    data = keys.encrypt_private_key(FIXED_KEY, PASS)
    kdf = json.loads(data)["kdf"]
    assert (kdf["n"], kdf["r"], kdf["p"]) == (2**17, 8, 1)
    key = keys.decrypt_private_key(data, PASS)
    assert keys.public_raw(key) == keys.public_raw(FIXED_KEY)
    assert not keys.needs_upgrade(data)


def test_a_cost_outside_the_bounds_is_never_written() -> None:
    for cost in (keys.ScryptCost(n=2**20, r=8, p=1), keys.ScryptCost(n=3, r=8, p=1)):
        with pytest.raises(ValueError):
            keys.encrypt_private_key(FIXED_KEY, PASS, cost)


def test_wrong_passphrase_and_either_unicode_form() -> None:
    data = keys.encrypt_private_key(FIXED_KEY, "Lạng Sơn 2026")
    with expect("key", "KEY_BAD_PASSPHRASE"):
        keys.decrypt_private_key(data, "Lang Son 2026")
    decomposed = "La\u0323ng So\u031bn 2026"
    assert keys.public_raw(keys.decrypt_private_key(data, decomposed)) == keys.public_raw(FIXED_KEY)


# --- attacks on the file


def _lower_n(doc: dict[str, Any]) -> None:
    doc["kdf"]["n"] //= 2


def _lower_r(doc: dict[str, Any]) -> None:
    doc["kdf"]["r"] = 1


def _raise_p(doc: dict[str, Any]) -> None:
    doc["kdf"]["p"] = 2


def _other_salt(doc: dict[str, Any]) -> None:
    doc["kdf"]["salt"] = b64(bytes(16))


def _other_nonce(doc: dict[str, Any]) -> None:
    doc["cipher"]["nonce"] = b64(bytes(12))


def _other_public_key(doc: dict[str, Any]) -> None:
    public = keys.public_raw(OTHER_KEY)
    doc["public_key"], doc["fingerprint"] = b64(public), keys.fingerprint(public)


def _flipped_ciphertext(doc: dict[str, Any]) -> None:
    doc["ciphertext"] = b64(flip(base64.b64decode(doc["ciphertext"]), 5))


def _flipped_tag(doc: dict[str, Any]) -> None:
    doc["ciphertext"] = b64(flip(base64.b64decode(doc["ciphertext"]), 40))


@pytest.mark.parametrize(
    "edit",
    [
        _lower_n,
        _lower_r,
        _raise_p,
        _other_salt,
        _other_nonce,
        _other_public_key,
        _flipped_ciphertext,
        _flipped_tag,
    ],
)
def test_an_edited_header_or_ciphertext_does_not_open(edit: Edit) -> None:
    """The header is the AEAD's associated data: weakening the KDF, or claiming another key, makes
    the file refuse even the right passphrase."""
    data = edited(keys.encrypt_private_key(FIXED_KEY, PASS), edit)
    with expect("key", "KEY_BAD_PASSPHRASE"):
        keys.decrypt_private_key(data, PASS)


def test_a_file_holding_another_key_than_it_names_is_refused() -> None:
    """Whoever knows the passphrase can seal one key under another's header, consistently (with the
    module's own primitives): the key that comes out must still be the one the header names."""
    header = json.loads(keys.encrypt_private_key(OTHER_KEY, PASS))
    del header["ciphertext"]
    salt = base64.b64decode(header["kdf"]["salt"])
    secret = keys._derive(PASS.encode(), salt, keys.KDF_COST)
    private = FIXED_KEY.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    nonce = base64.b64decode(header["cipher"]["nonce"])
    sealed = keys.AESGCM(secret).encrypt(nonce, private, keys._associated_data(header))
    lie = json.dumps({**header, "ciphertext": b64(sealed)}).encode()
    with expect("key", "KEY_FILE_INVALID"):
        keys.decrypt_private_key(lie, PASS)


@pytest.mark.parametrize(
    ("n", "r", "p"),
    [
        (2**30, 8, 1),  # 128 GiB
        (2**21, 8, 1),  # 2 GiB
        (2**18, 16, 1),  # 512 MiB
        (2**17, 8, 16),  # 16 times the work: minutes on a slow laptop
        (2**10, 2**20, 1),
        (2**10, 8, 2**20),
        (10**400, 8, 1),
        (3, 8, 1),  # not a power of two
        (1, 8, 1),
        (0, 8, 1),
        (-(2**10), 8, 1),
        (2**10, 0, 1),
        (2**10, 8, 0),
        (2**10, -8, 1),
    ],
)
def test_absurd_kdf_parameters_are_refused_before_deriving(
    sealed_then_no_scrypt: bytes, n: int, r: int, p: int
) -> None:
    data = sealed_then_no_scrypt

    def absurd(doc: dict[str, Any]) -> None:
        doc["kdf"].update(n=n, r=r, p=p)

    with expect("key", "KEY_FILE_INVALID"):
        keys.decrypt_private_key(edited(data, absurd), PASS)


def _set(path: str, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        *parents, name = path.split(".")
        for parent in parents:
            doc = doc[parent]
        doc[name] = value

    return edit


def _drop(name: str) -> Edit:
    return lambda doc: doc.pop(name)


MALFORMED: list[Edit] = [
    _set("kind", "assessor-key-card"),
    _set("version", 2),
    _set("version", True),
    _set("version", 1.0),
    _set("version", "1"),
    _set("algorithm", "ed448"),
    _set("kdf.name", "pbkdf2"),
    _set("kdf.n", True),
    _set("kdf.n", 1024.0),
    _set("kdf.n", "1024"),
    _set("kdf.extra", 1),
    _set("kdf.salt", b64(bytes(8))),
    _set("kdf.salt", "not base64!"),
    _set("cipher.name", "chacha20-poly1305"),
    _set("cipher.nonce", b64(bytes(16))),
    _set("ciphertext", b64(bytes(47))),
    _set("ciphertext", None),
    _set("public_key", b64(bytes(31))),
    _set("fingerprint", "00" * 32),  # does not match the public key
    _set("extra", "x"),
    _set("kdf", []),
    _set("cipher", None),
    _drop("fingerprint"),
    _drop("kdf"),
    _drop("ciphertext"),
]


@pytest.mark.parametrize("edit", MALFORMED)
def test_a_malformed_key_file_is_invalid(sealed_then_no_scrypt: bytes, edit: Edit) -> None:
    data = edited(sealed_then_no_scrypt, edit)
    with expect("key", "KEY_FILE_INVALID"):
        keys.decrypt_private_key(data, PASS)
    assert keys.key_file_fingerprint(data) is None


def test_foreign_and_hostile_files_are_invalid(sealed_then_no_scrypt: bytes) -> None:
    data = sealed_then_no_scrypt
    text = data.decode()
    duplicate = text.replace('"kind":', '"kind": "x", "kind":', 1)
    for foreign in (
        b"{",
        b"{}",
        b"[]",
        b"{" + b" " * 20000 + b"}",  # far larger than any key file
        b"\xef\xbb\xbf" + data,  # a byte-order mark
        duplicate.encode(),
        b"[" * 100_000,
        json.dumps({"kind": "assessor-private-key", "n": float("nan")}).encode(),
    ):
        with expect("key", "KEY_FILE_INVALID"):
            keys.decrypt_private_key(foreign, PASS)
        assert keys.key_file_fingerprint(foreign) is None


# --- files written by earlier versions


def test_a_legacy_file_still_opens_and_asks_for_an_upgrade() -> None:
    old = legacy_file()
    assert keys.key_file_fingerprint(old) is None  # it does not say which key it holds
    assert keys.public_raw(keys.decrypt_private_key(old, PASS)) == keys.public_raw(FIXED_KEY)
    assert keys.needs_upgrade(old)
    with expect("key", "KEY_BAD_PASSPHRASE"):
        keys.decrypt_private_key(old, "not the passphrase")


def test_a_file_below_todays_cost_asks_for_an_upgrade() -> None:
    today = keys.KDF_COST
    weaker = keys.encrypt_private_key(FIXED_KEY, PASS, keys.ScryptCost(today.n // 2, 8, 1))
    same = keys.encrypt_private_key(FIXED_KEY, PASS)
    stronger = keys.encrypt_private_key(FIXED_KEY, PASS, keys.ScryptCost(today.n * 2, 8, 1))
    assert keys.needs_upgrade(weaker)
    assert not keys.needs_upgrade(same)
    assert not keys.needs_upgrade(stronger)


def test_upgrade_rewrites_the_file_in_the_current_format(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "signing-key.pem"
    old = legacy_file()
    keys.write_private_key_file(path, old)
    assert keys.upgrade_private_key_file(path, old, FIXED_KEY, PASS)
    new = path.read_bytes()
    assert json.loads(new)["kind"] == "assessor-private-key"
    assert keys.key_file_fingerprint(new) == keys.fingerprint(keys.public_raw(FIXED_KEY))
    assert keys.public_raw(keys.decrypt_private_key(new, PASS)) == keys.public_raw(FIXED_KEY)
    assert not keys.needs_upgrade(new)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert snapshot(tmp_path) == {"keys", "keys/signing-key.pem"}  # no copy left beside it


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "signing-key.pem"
    old = legacy_file()
    keys.write_private_key_file(path, old)

    def disk_full(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keys, "write_private_key_file", disk_full)
    with pytest.raises(OSError):
        keys.upgrade_private_key_file(path, old, FIXED_KEY, PASS)
    assert path.read_bytes() == old
    assert snapshot(tmp_path) == {"signing-key.pem"}


def test_a_copy_that_does_not_open_to_the_key_is_never_renamed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "signing-key.pem"
    old = legacy_file()
    keys.write_private_key_file(path, old)
    real_decrypt = keys.decrypt_private_key

    def reads_back_another_key(data: bytes, passphrase: str) -> Any:
        real_decrypt(data, passphrase)
        return OTHER_KEY

    monkeypatch.setattr(keys, "decrypt_private_key", reads_back_another_key)
    with expect("key", "KEY_FILE_INVALID"):
        keys.upgrade_private_key_file(path, old, FIXED_KEY, PASS)
    assert path.read_bytes() == old
    assert snapshot(tmp_path) == {"signing-key.pem"}


def test_a_file_changed_meanwhile_is_left_alone(tmp_path: Path) -> None:
    """Another window rotated the key between the read and the upgrade: its file is kept."""
    path = tmp_path / "signing-key.pem"
    old = legacy_file()
    rotated = keys.encrypt_private_key(OTHER_KEY, "new passphrase")
    keys.write_private_key_file(path, rotated)
    assert not keys.upgrade_private_key_file(path, old, FIXED_KEY, PASS)
    assert path.read_bytes() == rotated
    assert snapshot(tmp_path) == {"signing-key.pem"}
