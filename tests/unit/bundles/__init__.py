"""Tests of the signed-bundle library (`assessor_app.bundles`), with their shared helpers."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.bag import BundleInfo
from assessor_app.bundles.errors import BundleError

# A fixed key, so that fingerprints and words can be pinned in tests.
FIXED_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
BUNDLE_ID = "5b0c2a4e-7d1f-4c39-9a57-0e8f3b6d2c11"
DEVICE_ID = "c3a1e0f2-9b84-4d6a-8e15-2f7b9c0d4e36"
CATALOGUE_HASH = "4f" * 32


def make_info(key: Ed25519PrivateKey, **changes: object) -> BundleInfo:
    fields: dict[str, object] = {
        "bundle_id": BUNDLE_ID,
        "device_id": DEVICE_ID,
        "key_id": keys.fingerprint(keys.public_raw(key)),
        "sequence": 3,
        "supersedes": None,
        "catalogue_codes": ("QD34-2014",),
        "catalogue_hashes": (CATALOGUE_HASH,),
        "unit_lists": ("LS-2025-07",),
        "created": "2026-05-09T07:35:25Z",
        "contains_drafts": False,
        "organization": "Sở Lao động – Thương binh và Xã hội Lạng Sơn",
        "contact": "Nguyễn Thị Hoa",
    }
    fields.update(changes)
    return BundleInfo(**fields)  # type: ignore[arg-type]


def snapshot(root: Path) -> set[str]:
    """Every path under `root` (files and folders), relative: to prove nothing was left behind."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


def flip(data: bytes, index: int, mask: int = 0x01) -> bytes:
    return data[:index] + bytes([data[index] ^ mask]) + data[index + 1 :]


def read_entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_entries(path: Path, entries: dict[str, bytes]) -> None:
    """A plain ZIP of `entries` (folder entries end with "/"), in the given order."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def rewrite_zip(
    source: Path, target: Path, edit: Callable[[dict[str, bytes]], dict[str, bytes] | None]
) -> None:
    """Copy the archive `source` to `target` with `edit` applied to its {name: bytes}."""
    entries = read_entries(source)
    edited = edit(entries)
    write_entries(target, entries if edited is None else edited)


def central_records(data: bytes) -> list[tuple[int, int, str]]:
    """(offset of the central record, offset of the local header, name) of each entry."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        start = archive.start_dir
        infos = archive.infolist()
    records = []
    offset = start
    for info in infos:
        assert data[offset : offset + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        records.append((offset, info.header_offset, info.orig_filename))
        offset += 46 + name_len + extra_len + comment_len
    return records


def patch_entry(path: Path, name: str, field: str, value: int) -> None:
    """Overwrite a field of `name`'s central record and local header in the ZIP file at `path`.

    field: "flags" (2 bytes), "size" (uncompressed size, 4 bytes) or "crc" (4 bytes).
    """
    data = bytearray(path.read_bytes())
    central, local = {"flags": (8, 6), "size": (24, 22), "crc": (16, 14)}[field]
    fmt = "<H" if field == "flags" else "<L"
    for record, header, entry_name in central_records(bytes(data)):
        if entry_name == name:
            struct.pack_into(fmt, data, record + central, value)
            struct.pack_into(fmt, data, header + local, value)
            path.write_bytes(bytes(data))
            return
    raise KeyError(name)


def expect(category: str, code: str | None = None) -> pytest.RaisesExc[BundleError]:
    """`pytest.raises(BundleError)` that also checks the category (and the code if given)."""
    return pytest.raises(BundleError, check=lambda error: _matches(error, category, code))


def _matches(error: BundleError, category: str, code: str | None) -> bool:
    assert error.category == category, f"{error.code} ({error.category}): {error}"
    assert code is None or error.code == code, f"{error.code}: {error}"
    return True
