"""Where each entry of an untrusted ZIP lies in the file: entries whose bytes overlap (one
compressed stream unpacked by many entries, the "better zip bomb" of David Fifield, which passes
every declared-size and ratio check because it counts the shared bytes once per entry) or that run
into the central directory are refused; and the cap on the bytes unpacking may write."""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

from assessor_app.bundles.errors import BundleError, corrupt
from assessor_app.bundles.zip_rules import ArchiveLimits, damaged_entry
from assessor_app.domain.errors import N_

_LOCAL_SIGNATURE = b"PK\x03\x04"
_LOCAL_HEADER_BYTES = 30  # then the name and the extra field, whose lengths end the header
_DESCRIPTOR_SIGNATURE = b"PK\x07\x08"  # optional before a data descriptor
_DESCRIPTOR_FLAG = 0x0008
_ZIP64_EXTRA = 0x0001


def _overlap(name: str, other: str) -> BundleError:
    return corrupt(
        N_(
            "The files {name} and {other} in the bundle overlap inside the archive (they share "
            "the same bytes), a trick used by 'zip bombs' to unpack to far more than their size. "
            "Bundles made by this app never do this: do not use this file, and ask the sender for "
            "a new copy."
        ),
        name=name,
        other=other,
    )


def _out_of_place(name: str) -> BundleError:
    return corrupt(
        N_(
            "The file {name} in the bundle overlaps the archive's table of contents or runs past "
            "the end of the file: the bundle is damaged or deliberately malformed. Do not use "
            "this file; ask the sender for a new copy."
        ),
        name=name,
    )


def _has_zip64_extra(extra: bytes) -> bool:
    offset = 0
    while offset + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, offset)
        if kind == _ZIP64_EXTRA:
            return True
        offset += 4 + size
    return False


def _descriptor_bytes(handle: BinaryIO, at: int, info: zipfile.ZipInfo, zip64: bool) -> int:
    """Length of the data descriptor at `at`: CRC and both sizes (8 bytes each when the local
    header has a ZIP64 extra field), after a signature that writers may leave out."""
    length = 4 + (16 if zip64 else 8)
    handle.seek(at)
    start = handle.read(8)
    if start[:4] == _DESCRIPTOR_SIGNATURE and start[4:] == struct.pack("<L", info.CRC):
        length += 4
    return length


def _extent(handle: BinaryIO, info: zipfile.ZipInfo, limit: int) -> tuple[int, int]:
    """[start, stop) of the bytes zipfile reads for `info`: local header (with the LOCAL name and
    extra field, which may differ from the central ones), data and data descriptor."""
    name = info.orig_filename
    start = info.header_offset  # zipfile adds the length of anything before the archive
    if not 0 <= start <= limit - _LOCAL_HEADER_BYTES:
        raise _out_of_place(name)
    handle.seek(start)
    header = handle.read(_LOCAL_HEADER_BYTES)
    if header[:4] != _LOCAL_SIGNATURE:
        raise damaged_entry(name)
    name_bytes, extra_bytes = struct.unpack_from("<HH", header, 26)
    data = start + _LOCAL_HEADER_BYTES + name_bytes + extra_bytes
    stop = data + info.compress_size
    if info.flag_bits & _DESCRIPTOR_FLAG and stop <= limit:
        handle.seek(data - extra_bytes)
        zip64 = _has_zip64_extra(handle.read(extra_bytes))
        stop += _descriptor_bytes(handle, stop, info, zip64)
    return start, stop


def check_extents(handle: BinaryIO, archive: zipfile.ZipFile) -> None:
    """Refuse entries whose bytes overlap, or run into the central directory or past the file."""
    limit = archive.start_dir  # the central directory, then the end records
    extents = sorted(
        (*_extent(handle, info, limit), info.orig_filename) for info in archive.infolist()
    )
    previous_stop, previous_name = 0, ""
    for start, stop, name in extents:
        if stop > limit:
            raise _out_of_place(name)
        if start < previous_stop:
            raise _overlap(previous_name, name)
        previous_stop, previous_name = stop, name


def extraction_cap(archive_bytes: int, limits: ArchiveLimits) -> int:
    """The most bytes `safe_extract` writes from an archive file of `archive_bytes`.

    With no overlaps, compressed sizes add up to at most the file's size, so the declared checks
    (total ratio from `ratio_min_bytes`, `max_total_bytes`) never accept more than this.
    """
    proportional = max(archive_bytes * limits.max_ratio, limits.ratio_min_bytes)
    return min(proportional, limits.max_total_bytes)
