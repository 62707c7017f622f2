"""Tests of the signed-bundle library (`assessor_app.bundles`), with their shared helpers."""

from __future__ import annotations

import base64
import io
import random
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.bag_info import BundleInfo
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

    field: "flags" (2 bytes), "crc", "packed" (compressed size), "size" (uncompressed size) or
    "offset" (of the local header: central record only), 4 bytes each.
    """
    data = bytearray(path.read_bytes())
    central, local = {
        "flags": (8, 6),
        "crc": (16, 14),
        "packed": (20, 18),
        "size": (24, 22),
        "offset": (42, None),
    }[field]
    fmt = "<H" if field == "flags" else "<L"
    for record, header, entry_name in central_records(bytes(data)):
        if entry_name == name:
            struct.pack_into(fmt, data, record + central, value)
            if local is not None:
                struct.pack_into(fmt, data, header + local, value)
            path.write_bytes(bytes(data))
            return
    raise KeyError(name)


_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def respelled(text: str) -> str:
    """Another base64 spelling of the same bytes: the last character before the padding carries
    2 or 4 bits that decoders ignore; set the lowest."""
    padding = len(text) - len(text.rstrip("="))
    assert padding, "only padded base64 has unused bits"
    last = len(text) - padding - 1
    other = text[:last] + _BASE64[_BASE64.index(text[last]) | 1] + text[last + 1 :]
    assert other != text
    assert base64.b64decode(other, validate=True) == base64.b64decode(text)
    return other


def expect(category: str, code: str | None = None) -> pytest.RaisesExc[BundleError]:
    """`pytest.raises(BundleError)` that also checks the category (and the code if given)."""
    return pytest.raises(BundleError, check=lambda error: _matches(error, category, code))


def _matches(error: BundleError, category: str, code: str | None) -> bool:
    assert error.category == category, f"{error.code} ({error.category}): {error}"
    assert code is None or error.code == code, f"{error.code}: {error}"
    return True


# --- overlapping entries (David Fifield, "A better zip bomb", 2019) ------------------------------

_LOCAL = struct.Struct("<4s5H3L2H")  # local file header, without name and extra
_CENTRAL = struct.Struct("<4s6H3L")  # central directory record, up to the sizes
_END = struct.Struct("<4s4H2LH")  # end of central directory record
_DEFLATED = 8


def kernel(size: int) -> tuple[bytes, bytes]:
    """(data, raw deflate stream): `size` bytes that compress about 145 times (zeros with a random
    byte every 500), so that entries sharing the stream each pass a ratio limit of 200."""
    data = bytearray(size)
    rng = random.Random(8)
    for index in range(0, size, 500):
        data[index] = rng.randrange(1, 256)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return bytes(data), packer.compress(bytes(data)) + packer.flush()


def _local(name: bytes, crc: int, packed: int, size: int, extra: int = 0) -> bytes:
    fields = (20, 0, _DEFLATED, 0, 0x21, crc, packed, size, len(name), extra)
    return _LOCAL.pack(b"PK\x03\x04", *fields) + name


def _quote(data: bytes) -> bytes:
    """A stored (not final) deflate block holding `data`."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def _finish(body: bytes, entries: list[tuple[bytes, int, int, int, int]], zip64: bool) -> bytes:
    """`body` (the local headers and data) + a central directory of `entries`
    (name, crc, packed size, size, local header offset) + the end record. `zip64`: each offset is
    given in a ZIP64 extra field, as archives over 4 GiB must."""
    mode = (stat.S_IFREG | 0o644) << 16
    records = []
    for name, crc, packed, size, offset in entries:
        extra = struct.pack("<HHQ", 1, 8, offset) if zip64 else b""
        # made by, needed, flags, method, time, date, crc, sizes; name, extra and comment
        # lengths, disk, internal and external attributes, local header offset
        records.append(
            _CENTRAL.pack(b"PK\x01\x02", 20 | 3 << 8, 45, 0, _DEFLATED, 0, 0x21, crc, packed, size)
            + struct.pack(
                "<5H2L", len(name), len(extra), 0, 0, 0, mode, 0xFFFFFFFF if zip64 else offset
            )
            + name
            + extra
        )
    central = b"".join(records)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(body), 0)
    return body + central + end


def overlapping_zip(
    path: Path, count: int, size: int, *, quoted: bool = False, zip64: bool = False
) -> Path:
    """A small ZIP whose `count` entries (bundle/data/evidence/0000...) all unpack one deflate
    stream of `size` bytes: each declares honest sizes and CRC and a ratio under 200, but the
    stream is stored once, so the archive unpacks to about `count` x 145 times its size.

    Not quoted: the local headers follow one another, each one's extra field spanning the headers
    after it, so that every entry's data starts at the shared stream. Quoted: Fifield's
    construction, each entry's data begins with a stored deflate block quoting the next local
    header, then continues into the next entry's data. `zip64`: the central directory gives the
    offsets in ZIP64 extra fields.
    """
    data, stream = kernel(size)
    names = [f"bundle/data/evidence/{number:04d}".encode() for number in range(count)]
    entries: list[tuple[bytes, int, int, int, int]] = []
    if quoted:  # built from the last entry back
        unpacked, packed = data, stream
        offset = sum(_LOCAL.size + len(name) + 5 for name in names)
        for name in reversed(names):
            offset -= _LOCAL.size + len(name) + 5
            crc = zlib.crc32(unpacked)
            header = _local(name, crc, len(packed), len(unpacked))
            entries.insert(0, (name, crc, len(packed), len(unpacked), offset))
            unpacked, packed = header + unpacked, _quote(header) + packed
        body = packed[5:]  # the first local header, unquoted, then its data
    else:
        crc = zlib.crc32(data)
        body = b""
        for index, name in enumerate(names):
            skipped = sum(_LOCAL.size + len(later) for later in names[index + 1 :])
            entries.append((name, crc, len(stream), size, len(body)))
            body += _local(name, crc, len(stream), size, extra=skipped)
        body += stream
    path.write_bytes(_finish(body, entries, zip64))
    return path
