"""Safe ZIP extraction of untrusted files, and atomic, deterministic ZIP writing.

`safe_extract` treats the archive as hostile. Before writing anything it checks the whole central
directory: entry count (read from the end record before Python builds its entry list), names
(absolute, `..`, backslash, drive letter or colon, NUL / control / format characters, Windows
reserved names or trailing dots, non-UTF-8 names), entry types (links, devices, FIFOs), duplicates
(exact, case-folded and NFC-normalised, file-versus-folder), encryption and unsupported compression,
declared sizes and compression ratios, and where each entry lies in the file: entries whose bytes
overlap (one compressed stream unpacked by many entries, the "better zip bomb" of David Fifield,
which passes every declared-size and ratio check because it counts the shared bytes once per
entry) or that run into the central directory are refused. Then it extracts by streaming, 1 MiB
at a time, counting the bytes really produced (declared sizes are never trusted: an entry that
inflates past, or stops short of, its declared size is damaged), stops before writing the chunk
that would take the total past `extraction_cap`, and removes everything it wrote if anything fails.

Limits: `ArchiveLimits` (4 GiB in all, 2 GiB per file, 20,000 entries, ratio 200). The ratio is
checked for entries (and for the whole archive) of at least `ratio_min_bytes` (1 MiB): below that
a file cannot be a bomb, and small JSON files legitimately compress very well. The bytes written
are capped at `max_ratio` times the archive file's size (at least `ratio_min_bytes`, at most
`max_total_bytes`): everything the declared checks accept from non-overlapping entries fits
under that cap, so only a lie that got past them can reach it.
"""

from __future__ import annotations

import os
import shutil
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from assessor_app.bundles.errors import BUNDLE_EXPORT_TOO_LARGE, BundleError, corrupt
from assessor_app.core.files import write_atomic
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import N_, OperationCancelled

CHUNK = 1024 * 1024
MiB = 1024 * 1024
GiB = 1024 * MiB
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # reproducible archives: the bag records the real time
MAX_NAME_CHARS = 1024
_CENTRAL_DIRECTORY_BYTES_PER_ENTRY = 1024  # an honest record is ~100-200 bytes
_LOCAL_SIGNATURE = b"PK\x03\x04"
_LOCAL_HEADER_BYTES = 30  # then the name and the extra field, whose lengths end the header
_DESCRIPTOR_SIGNATURE = b"PK\x07\x08"  # optional before a data descriptor
_DESCRIPTOR_FLAG = 0x0008
_ZIP64_EXTRA = 0x0001

T = TypeVar("T")

# General purpose flags we accept: deflate options (1, 2), data descriptor (3), UTF-8 names (11).
_ALLOWED_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800
_ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000
_UTF8_FLAG = 0x0800
_DOS_DIRECTORY = 0x10
_WINDOWS_FORBIDDEN = set('\\:*?"<>|')
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{digit}" for digit in range(1, 10)),
    *(f"LPT{digit}" for digit in range(1, 10)),
}
# What a damaged or hostile archive makes zipfile/zlib raise while reading. OSError is included
# because zipfile seeks to offsets read from the file (a negative one raises EINVAL); errors while
# WRITING the extracted files are not caught by this and reach the caller unchanged.
_READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    struct.error,
    ValueError,  # includes UnicodeDecodeError of a name flagged UTF-8
    NotImplementedError,
    RuntimeError,
    OSError,
    IndexError,
    KeyError,
    OverflowError,
)


@dataclass(frozen=True)
class ArchiveLimits:
    max_total_bytes: int = 4 * GiB
    max_entries: int = 20_000
    max_ratio: int = 200
    max_entry_bytes: int = 2 * GiB
    ratio_min_bytes: int = 1 * MiB


DEFAULT_LIMITS = ArchiveLimits()


# --- names -----------------------------------------------------------------------------------


def unsafe_name(name: str) -> bool:
    """True unless `name` is a plain relative path ("a/b/c") that is safe on Linux and Windows."""
    if not name or len(name) > MAX_NAME_CHARS or name.startswith("/"):
        return True
    for char in name:
        if char in _WINDOWS_FORBIDDEN or unicodedata.category(char).startswith("C"):
            return True  # C*: control, format (bidi overrides), surrogate, private, unassigned
    for part in name.split("/"):
        if part in ("", ".", "..") or part != part.rstrip(". "):
            return True
        if len(part.encode("utf-8")) > 255:
            return True
        if part.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
            return True
    return False


def fold_name(name: str) -> str:
    """The key under which two names would land on the same file on some file system."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


# --- errors ----------------------------------------------------------------------------------


def _not_a_zip() -> BundleError:
    return corrupt(
        N_(
            "The file is not a readable bundle: it is not a ZIP archive, or it is truncated or "
            "damaged. Copy it again (check the USB stick), or ask the sender for a new copy."
        )
    )


def _damaged(name: str) -> BundleError:
    return corrupt(
        N_(
            "The file {name} in the bundle is damaged (its size or checksum is wrong). Copy the "
            "bundle again, or ask the sender for a new copy."
        ),
        name=name,
    )


def _unsafe(name: str) -> BundleError:
    return corrupt(
        N_(
            "The bundle contains an unsafe file name: {name}. Bundles made by this app never do; "
            "do not use this file, and ask the sender for a new copy."
        ),
        name=ascii(name),
    )


def _reading(name: str, call: Callable[..., T], *args: Any) -> T:
    """Run a zipfile read; a failure means the archive entry `name` is damaged."""
    try:
        return call(*args)
    except _READ_ERRORS:
        raise _damaged(name) from None


# --- checks before writing anything -----------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    info: zipfile.ZipInfo
    parts: tuple[str, ...]
    is_dir: bool


def _open_zip(handle: BinaryIO, limits: ArchiveLimits) -> zipfile.ZipFile:
    end_record = getattr(zipfile, "_EndRecData", None)  # zipfile's own end-record reader
    try:
        if end_record is not None:
            record = end_record(handle)
            if record is None:
                raise _not_a_zip()
            _check_count(int(record[4]), limits)
            if int(record[5]) > limits.max_entries * _CENTRAL_DIRECTORY_BYTES_PER_ENTRY:
                raise _not_a_zip()
            handle.seek(0)
        return zipfile.ZipFile(handle)
    except _READ_ERRORS:
        raise _not_a_zip() from None


def _check_count(count: int, limits: ArchiveLimits) -> None:
    if count > limits.max_entries:
        raise corrupt(
            N_(
                "The bundle contains {count} entries, more than the {limit} allowed. Do not use "
                "this file; ask the sender to export fewer assessments at a time."
            ),
            count=count,
            limit=limits.max_entries,
        )


def _check_name(info: zipfile.ZipInfo) -> tuple[tuple[str, ...], bool]:
    raw = info.orig_filename  # before zipfile cuts it at a NUL or turns "\" into "/"
    is_dir = raw.endswith("/")
    body = raw[:-1] if is_dir else raw
    if (not info.flag_bits & _UTF8_FLAG and not raw.isascii()) or unsafe_name(body):
        raise _unsafe(raw)
    return tuple(body.split("/")), is_dir


def special_file(name: str) -> BundleError:
    return corrupt(
        N_(
            "The bundle contains a link or a special file ({name}); bundles only contain "
            "ordinary files. Do not use this file; ask the sender for a new copy."
        ),
        name=name,
    )


def _check_type(info: zipfile.ZipInfo, is_dir: bool) -> None:
    kind = stat.S_IFMT(info.external_attr >> 16)
    dos_dir = bool(info.external_attr & _DOS_DIRECTORY)
    if (
        kind not in (0, stat.S_IFREG, stat.S_IFDIR)
        or (kind == stat.S_IFDIR and not is_dir)
        or (kind == stat.S_IFREG and is_dir)
        or (dos_dir and not is_dir)
    ):
        raise special_file(info.orig_filename)


def _check_coding(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & _ENCRYPTED_FLAGS:
        raise corrupt(
            N_(
                "The file {name} in the bundle is encrypted. Bundles are signed, never encrypted: "
                "do not use this file; ask the sender for a new copy."
            ),
            name=info.orig_filename,
        )
    if (
        info.flag_bits & ~(_ALLOWED_FLAGS | _ENCRYPTED_FLAGS)
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        or (info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size)
    ):
        raise corrupt(
            N_(
                "The file {name} in the bundle uses a compression method or option this app does "
                "not accept. Ask the sender to export the bundle again with this app."
            ),
            name=info.orig_filename,
        )


def _bomb(name: str, size: int, packed: int, limit: int) -> BundleError:
    return corrupt(
        N_(
            "The file {name} in the bundle expands {ratio} times when unpacked, more than the "
            "{limit} times allowed (a 'zip bomb'). Do not use this file."
        ),
        name=name,
        ratio=size // max(packed, 1),
        limit=limit,
    )


def _check_size(info: zipfile.ZipInfo, limits: ArchiveLimits) -> None:
    size, packed = info.file_size, info.compress_size
    if size > limits.max_entry_bytes:
        raise corrupt(
            N_(
                "The file {name} in the bundle is {size} bytes, more than the {limit} bytes "
                "allowed per file. Do not use this file; ask the sender to remove the oversized "
                "evidence and export again."
            ),
            name=info.orig_filename,
            size=size,
            limit=limits.max_entry_bytes,
        )
    if size >= limits.ratio_min_bytes and size > packed * limits.max_ratio:
        raise _bomb(info.orig_filename, size, packed, limits.max_ratio)


def _duplicate(name: str) -> BundleError:
    return corrupt(
        N_(
            "The bundle contains the name {name} twice (perhaps differing only in upper and lower "
            "case or in accents, or as both a file and a folder). Do not use this file; ask the "
            "sender for a new copy."
        ),
        name=name,
    )


def _plan(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> list[_Entry]:
    """Every check that needs no decompression; raises BUNDLE_CORRUPT on the first problem."""
    _check_count(len(infos), limits)
    entries: list[_Entry] = []
    named: dict[str, bool] = {}  # folded name of each entry -> is it a folder
    folders: dict[str, str] = {}  # folded name -> spelling, of every folder an entry implies
    total = packed_total = 0
    for info in infos:
        parts, is_dir = _check_name(info)
        _check_type(info, is_dir)
        _check_coding(info)
        name = "/".join(parts)
        key = fold_name(name)
        if key in named:
            raise _duplicate(name)
        named[key] = is_dir
        for depth in range(1, len(parts) + int(is_dir)):  # a folder entry implies itself
            folder = "/".join(parts[:depth])
            if folders.setdefault(fold_name(folder), folder) != folder:
                raise _duplicate(folder)
        if is_dir:
            if info.file_size:
                raise _damaged(info.orig_filename)
        else:
            _check_size(info, limits)
            total += info.file_size
            packed_total += info.compress_size
        entries.append(_Entry(info, parts, is_dir))
    for key, is_dir in named.items():
        if not is_dir and key in folders:
            raise _duplicate(folders[key])  # a file where another entry needs a folder
    if total > limits.max_total_bytes:
        raise corrupt(
            N_(
                "The bundle unpacks to {size} bytes, more than the {limit} bytes allowed. Do not "
                "use this file; ask the sender to export fewer assessments at a time."
            ),
            size=total,
            limit=limits.max_total_bytes,
        )
    if total >= limits.ratio_min_bytes and total > packed_total * limits.max_ratio:
        raise corrupt(
            N_(
                "The bundle expands {ratio} times when unpacked, more than the {limit} times "
                "allowed (a 'zip bomb'). Do not use this file."
            ),
            ratio=total // max(packed_total, 1),
            limit=limits.max_ratio,
        )
    return entries


# --- where each entry lies in the file ----------------------------------------------------------


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
        raise _damaged(name)
    name_bytes, extra_bytes = struct.unpack_from("<HH", header, 26)
    data = start + _LOCAL_HEADER_BYTES + name_bytes + extra_bytes
    stop = data + info.compress_size
    if info.flag_bits & _DESCRIPTOR_FLAG and stop <= limit:
        handle.seek(data - extra_bytes)
        zip64 = _has_zip64_extra(handle.read(extra_bytes))
        stop += _descriptor_bytes(handle, stop, info, zip64)
    return start, stop


def _check_extents(handle: BinaryIO, archive: zipfile.ZipFile) -> None:
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


# --- extraction --------------------------------------------------------------------------------


def clear_folder(folder: Path) -> None:
    """Remove everything inside `folder` (which this library filled: no links to follow)."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


_CREATE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL  # never overwrite: a second name for the same file is a duplicate we missed
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
)


def _unpacks_too_much(cap: int) -> BundleError:
    return corrupt(
        N_(
            "The bundle unpacks to more than {limit} bytes, more than a file of its size can "
            "honestly hold (a 'zip bomb'). Nothing was kept. Do not use this file; ask the sender "
            "for a new copy."
        ),
        limit=cap,
    )


class _Counter:
    """Bytes written so far, against `extraction_cap`; reports progress."""

    def __init__(self, cap: int, declared: int, progress: Progress | None) -> None:
        self.cap, self.declared, self.progress = cap, declared, progress
        self.done = 0

    def add(self, count: int) -> None:
        """Count `count` bytes about to be written; refuse them if they would cross the cap."""
        if self.done + count > self.cap:
            raise _unpacks_too_much(self.cap)
        self.done += count
        if self.progress is not None:
            self.progress(min(self.done, self.declared), self.declared)


def _extract_file(
    archive: zipfile.ZipFile,
    entry: _Entry,
    target: Path,
    counter: _Counter,
    cancelled: Cancelled | None,
) -> None:
    info = entry.info
    name = info.orig_filename
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        os.fdopen(os.open(target, _CREATE_FLAGS, 0o600), "wb") as out,
        _reading(name, archive.open, info) as source,
    ):
        produced = 0
        while True:
            if cancelled is not None and cancelled():
                raise OperationCancelled
            chunk = _reading(name, source.read, CHUNK)
            if not chunk:
                break
            produced += len(chunk)
            if produced > info.file_size:
                raise _damaged(name)  # inflates past what it declared
            counter.add(len(chunk))
            out.write(chunk)
    if produced != info.file_size:
        raise _damaged(name)  # stops short of what it declared


def _check_folder_entry(archive: zipfile.ZipFile, entry: _Entry) -> None:
    """Read a folder entry too, so that its local header is checked like every other."""
    name = entry.info.orig_filename
    with _reading(name, archive.open, entry.info) as source:
        if _reading(name, source.read, 1):
            raise _damaged(name)


def safe_extract(
    zip_path: Path,
    dest: Path,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Path]:
    """Extract the untrusted archive `zip_path` into the empty (or new) folder `dest`.

    Returns the files written, in archive order. Raises BUNDLE_CORRUPT for any unsafe or damaged
    archive, OperationCancelled on cancel, OSError for a failure to read `zip_path` itself or to
    write into `dest`; in every failure case `dest` is left empty (and removed if this call made it).
    """
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} must be empty")
    with open(zip_path, "rb") as handle, _open_zip(handle, limits) as archive:
        entries = _plan(archive.infolist(), limits)
        _check_extents(handle, archive)
        made = not dest.exists()
        dest.mkdir(exist_ok=True)
        cap = extraction_cap(os.fstat(handle.fileno()).st_size, limits)
        counter = _Counter(cap, sum(entry.info.file_size for entry in entries), progress)
        written: list[Path] = []
        try:
            for entry in entries:
                target = dest.joinpath(*entry.parts)
                if entry.is_dir:
                    _check_folder_entry(archive, entry)
                    target.mkdir(parents=True, exist_ok=True)
                else:
                    _extract_file(archive, entry, target, counter, cancelled)
                    written.append(target)
        except BaseException:
            clear_folder(dest)
            if made:
                dest.rmdir()
            raise
    return written


# --- writing -----------------------------------------------------------------------------------


def _collect(source_dir: Path) -> Iterator[tuple[str, Path, bool]]:
    """(archive name, path, is folder) for everything under `source_dir`, sorted by path parts."""
    found: list[tuple[tuple[str, ...], Path, bool]] = []
    for folder, folder_names, file_names in os.walk(source_dir):
        base = Path(folder)
        for child_name in [*folder_names, *file_names]:
            path = base / child_name
            mode = path.lstat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise ValueError(f"{path} is neither a file nor a folder; refusing to archive it")
            found.append((path.relative_to(source_dir).parts, path, stat.S_ISDIR(mode)))
    for parts, path, is_dir in sorted(found):
        yield "/".join(parts), path, is_dir


def _ratio(info: zipfile.ZipInfo) -> int:
    return info.file_size // max(info.compress_size, 1)


def _check_export(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    """Refuse to produce an archive that `safe_extract` with the same limits would refuse."""
    files = [info for info in infos if not info.is_dir()]
    total = sum(info.file_size for info in files)
    packed = sum(info.compress_size for info in files)
    if (
        len(infos) > limits.max_entries
        or total > limits.max_total_bytes
        or any(info.file_size > limits.max_entry_bytes for info in files)
    ):
        raise export_too_large(len(infos), total, limits)
    too_compressible = [
        info
        for info in files
        if info.file_size >= limits.ratio_min_bytes and _ratio(info) > limits.max_ratio
    ]
    if (
        not too_compressible
        and total >= limits.ratio_min_bytes
        and total > packed * limits.max_ratio
    ):
        too_compressible = files  # no single culprit: name the most compressible file
    if too_compressible:
        worst = max(too_compressible, key=_ratio)
        raise BundleError(
            BUNDLE_EXPORT_TOO_LARGE,
            N_(
                "The file {name} would expand {ratio} times when unpacked, more than a "
                "receiving office accepts ({limit} times): it is probably blank or padded. "
                "Replace or remove that evidence file and export again."
            ),
            category="corrupt",
            name=worst.filename,
            ratio=_ratio(worst),
            limit=limits.max_ratio,
        )


def export_too_large(count: int, size: int, limits: ArchiveLimits) -> BundleError:
    return BundleError(
        BUNDLE_EXPORT_TOO_LARGE,
        N_(
            "The bundle would hold {count} files and {size} bytes, more than a receiving office "
            "accepts ({max_entries} files, {max_total} bytes in all, {max_entry} bytes per file). "
            "Export fewer assessments at a time, or remove very large evidence files."
        ),
        category="corrupt",
        count=count,
        size=size,
        max_entries=limits.max_entries,
        max_total=limits.max_total_bytes,
        max_entry=limits.max_entry_bytes,
    )


def write_zip(
    source_dir: Path,
    target: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    limits: ArchiveLimits | None = None,
) -> None:
    """Archive everything under `source_dir` (names relative to it) into `target`, atomically.

    Deterministic: sorted order, fixed timestamps and permissions, ZIP_DEFLATED. The archive is
    written to a temporary file beside `target`, fsynced and renamed over it; on any error, on
    cancel (OperationCancelled) or when `limits` are exceeded (BUNDLE_EXPORT_TOO_LARGE) no file is
    left behind. OSError (disk full, read-only folder) reaches the caller unchanged.
    """
    entries = list(_collect(source_dir))
    total = sum(path.stat().st_size for _, path, is_dir in entries if not is_dir)

    def write(handle: BinaryIO) -> None:
        done = 0
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path, is_dir in entries:
                if cancelled is not None and cancelled():
                    raise OperationCancelled
                if is_dir:
                    folder = zipfile.ZipInfo(name + "/", date_time=FIXED_DATE_TIME)
                    folder.create_system = 3  # Unix, so that the mode bits below mean something
                    folder.external_attr = ((stat.S_IFDIR | 0o755) << 16) | _DOS_DIRECTORY
                    folder.CRC = folder.compress_size = folder.file_size = 0
                    archive.mkdir(folder)
                    continue
                info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
                info.create_system = 3
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 for big files
                with path.open("rb") as source, archive.open(info, "w") as sink:
                    while chunk := source.read(CHUNK):
                        if cancelled is not None and cancelled():
                            raise OperationCancelled
                        sink.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
            if limits is not None:
                _check_export(archive.infolist(), limits)

    write_atomic(target, write)
