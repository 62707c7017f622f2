"""The signing key file at rest: files written by earlier versions (PKCS#8 encrypted with PBKDF2 at
2,048 rounds) are rewritten with scrypt the first time they are unlocked, never at the risk of the
old file; rotation and init write the current format only."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.errors import BundleError
from assessor_app.domain.errors import StoreError
from assessor_app.services import keys
from assessor_app.services.workspace import Workspace

PASS = "mật khẩu đủ dài"
NEW_PASS = "mật khẩu mới tinh"


def _is_current(data: bytes) -> bool:
    document = json.loads(data)
    return bool(document["kind"] == "assessor-private-key" and document["kdf"]["name"] == "scrypt")


def _files(workspace: Workspace) -> set[str]:
    return {path.name for path in keys.keys_dir(workspace).iterdir()}


@pytest.fixture
def legacy(workspace: Workspace) -> bytes:
    """An installation whose key file an earlier version wrote: PKCS#8, PBKDF2, 2,048 rounds."""
    keys.init_key(workspace, "Hoàng Thị Lan", "Sở Tư pháp Lạng Sơn", PASS)
    key = keys.unlock(workspace, PASS)
    old = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASS.encode("utf-8")),
    )
    bundle_keys.write_private_key_file(keys.key_path(workspace), old)
    return old


def _fingerprint(key: Ed25519PrivateKey) -> str:
    return bundle_keys.fingerprint(bundle_keys.public_raw(key))


def test_init_writes_the_current_format(workspace: Workspace) -> None:
    info = keys.init_key(workspace, "Hoàng Thị Lan", "Sở Tư pháp Lạng Sơn", PASS)
    data = keys.key_path(workspace).read_bytes()
    assert _is_current(data)
    assert json.loads(data)["fingerprint"] == info.fingerprint
    assert stat.S_IMODE(keys.key_path(workspace).stat().st_mode) == 0o600


def test_a_legacy_key_file_is_upgraded_at_its_first_unlock(
    workspace: Workspace, legacy: bytes
) -> None:
    info = keys.require_key_info(workspace)
    path = keys.key_path(workspace)
    key = keys.unlock(workspace, PASS)
    assert _fingerprint(key) == info.fingerprint
    upgraded = path.read_bytes()
    assert upgraded != legacy
    assert _is_current(upgraded)
    assert json.loads(upgraded)["fingerprint"] == info.fingerprint
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _files(workspace) == {keys.KEY_FILE}  # no copy left beside it
    assert _fingerprint(keys.unlock(workspace, PASS)) == info.fingerprint  # same passphrase
    assert path.read_bytes() == upgraded  # written once: a current file is left as it is
    with pytest.raises(BundleError) as caught:
        keys.unlock(workspace, "not the passphrase")
    assert caught.value.code == "KEY_BAD_PASSPHRASE"


def test_a_failed_upgrade_leaves_the_legacy_file_and_still_unlocks(
    workspace: Workspace,
    legacy: bytes,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    info = keys.require_key_info(workspace)
    path = keys.key_path(workspace)

    def disk_full(target: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device", str(target))

    with monkeypatch.context() as patch:
        patch.setattr(bundle_keys, "write_private_key_file", disk_full)
        with caplog.at_level(logging.WARNING):
            key = keys.unlock(workspace, PASS)
    assert _fingerprint(key) == info.fingerprint
    assert path.read_bytes() == legacy  # byte for byte
    assert _files(workspace) == {keys.KEY_FILE}
    assert "No space left on device" in caplog.text
    assert str(keys.keys_dir(workspace)) not in caplog.text  # the path names the user
    keys.unlock(workspace, PASS)  # the next unlock, with room on the disk, upgrades it
    assert _is_current(path.read_bytes())


def test_a_wrong_passphrase_on_a_legacy_file_changes_nothing(
    workspace: Workspace, legacy: bytes
) -> None:
    with pytest.raises(BundleError) as caught:
        keys.unlock(workspace, "not the passphrase")
    assert caught.value.code == "KEY_BAD_PASSPHRASE"
    assert keys.key_path(workspace).read_bytes() == legacy
    assert _files(workspace) == {keys.KEY_FILE}


def test_another_keys_file_is_told_apart_from_a_wrong_passphrase(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A current file names its key in clear: a file from another installation is recognised
    without running scrypt, whatever passphrase is typed."""
    keys.init_key(workspace, "Hoàng Thị Lan", "Sở Tư pháp Lạng Sơn", PASS)
    other = bundle_keys.encrypt_private_key(bundle_keys.generate_key(), PASS)
    bundle_keys.write_private_key_file(keys.key_path(workspace), other)

    def no_scrypt(*args: object, **kwargs: object) -> None:
        raise AssertionError("scrypt ran for a file that names another key")

    monkeypatch.setattr(bundle_keys, "Scrypt", no_scrypt)
    for passphrase in (PASS, "not the passphrase"):
        with pytest.raises(StoreError) as caught:
            keys.unlock(workspace, passphrase)
        assert caught.value.code == "KEY_FILE_MISMATCH"


def test_rotation_retires_a_legacy_key_in_the_current_format(
    workspace: Workspace, legacy: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the upgrade at unlock could not be written, neither file rotation leaves is in
    the old format."""
    old = keys.require_key_info(workspace)

    def upgrade_fails(*args: object) -> bool:
        raise OSError(30, "Read-only file system")

    with monkeypatch.context() as patch:
        patch.setattr(bundle_keys, "upgrade_private_key_file", upgrade_fails)
        new = keys.rotate(workspace, PASS, NEW_PASS)
    retired = keys.retired_path(workspace, old.fingerprint).read_bytes()
    assert _is_current(retired)
    assert _fingerprint(bundle_keys.decrypt_private_key(retired, PASS)) == old.fingerprint
    assert stat.S_IMODE(keys.retired_path(workspace, old.fingerprint).stat().st_mode) == 0o600
    current = keys.key_path(workspace).read_bytes()
    assert _is_current(current)
    assert _fingerprint(keys.unlock(workspace, NEW_PASS)) == new.fingerprint
