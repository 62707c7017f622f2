"""Safe ZIP extraction of untrusted files (the writer is bundles/zip_writer.py).

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

import hashlib
import os
import shutil
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from assessor_app.bundles.errors import BundleError, corrupt
from assessor_app.bundles.zip_layout import check_extents, extraction_cap
from assessor_app.bundles.zip_rules import (
    CHUNK,
    DEFAULT_LIMITS,
    DOS_DIRECTORY,
    ArchiveLimits,
    damaged_entry,
    fold_name,
    unsafe_name,
)
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import N_, OperationCancelled

_CENTRAL_DIRECTORY_BYTES_PER_ENTRY = 1024  # an honest record is ~100-200 bytes

T = TypeVar("T")

# General purpose flags we accept: deflate options (1, 2), data descriptor (3), UTF-8 names (11).
_ALLOWED_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800
_ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000
_UTF8_FLAG = 0x0800
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


# --- errors ----------------------------------------------------------------------------------


def _not_a_zip() -> BundleError:
    return corrupt(
        N_(
            "The file is not a readable bundle: it is not a ZIP archive, or it is truncated or "
            "damaged. Copy it again (check the USB stick), or ask the sender for a new copy."
        )
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
        raise damaged_entry(name) from None


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
    dos_dir = bool(info.external_attr & DOS_DIRECTORY)
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


class _Names:
    """The names seen so far, folded as some file system would fold them: a second entry for the
    same file, or a file where another entry needs a folder, is a duplicate."""

    def __init__(self) -> None:
        self.entries: dict[str, bool] = {}  # folded name of each entry -> is it a folder
        self.folders: dict[str, str] = {}  # folded name -> spelling, of every implied folder

    def add(self, parts: tuple[str, ...], is_dir: bool) -> None:
        name = "/".join(parts)
        key = fold_name(name)
        if key in self.entries:
            raise _duplicate(name)
        self.entries[key] = is_dir
        for depth in range(1, len(parts) + int(is_dir)):  # a folder entry implies itself
            folder = "/".join(parts[:depth])
            if self.folders.setdefault(fold_name(folder), folder) != folder:
                raise _duplicate(folder)

    def check_files_are_not_folders(self) -> None:
        for key, is_dir in self.entries.items():
            if not is_dir and key in self.folders:
                raise _duplicate(self.folders[key])  # a file where another entry needs a folder


def _plan(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> list[_Entry]:
    """Every check that needs no decompression; raises BUNDLE_CORRUPT on the first problem."""
    _check_count(len(infos), limits)
    entries: list[_Entry] = []
    names = _Names()
    for info in infos:
        parts, is_dir = _check_name(info)
        _check_type(info, is_dir)
        _check_coding(info)
        names.add(parts, is_dir)
        if is_dir and info.file_size:
            raise damaged_entry(info.orig_filename)
        if not is_dir:
            _check_size(info, limits)
        entries.append(_Entry(info, parts, is_dir))
    names.check_files_are_not_folders()
    files = [entry.info for entry in entries if not entry.is_dir]
    _check_totals(
        sum(info.file_size for info in files), sum(info.compress_size for info in files), limits
    )
    return entries


def _check_totals(total: int, packed_total: int, limits: ArchiveLimits) -> None:
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
) -> str:
    """Write the entry's file; its SHA-256, taken from the bytes as they are written."""
    info = entry.info
    name = info.orig_filename
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        os.fdopen(os.open(target, _CREATE_FLAGS, 0o600), "wb") as out,
        _reading(name, archive.open, info) as source,
    ):
        produced = 0
        digest = hashlib.sha256()
        while True:
            if cancelled is not None and cancelled():
                raise OperationCancelled
            chunk = _reading(name, source.read, CHUNK)
            if not chunk:
                break
            produced += len(chunk)
            if produced > info.file_size:
                raise damaged_entry(name)  # inflates past what it declared
            counter.add(len(chunk))
            digest.update(chunk)
            out.write(chunk)
    if produced != info.file_size:
        raise damaged_entry(name)  # stops short of what it declared
    return digest.hexdigest()


def _check_folder_entry(archive: zipfile.ZipFile, entry: _Entry) -> None:
    """Read a folder entry too, so that its local header is checked like every other."""
    name = entry.info.orig_filename
    with _reading(name, archive.open, entry.info) as source:
        if _reading(name, source.read, 1):
            raise damaged_entry(name)


def safe_extract(
    zip_path: Path,
    dest: Path,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    hashes: dict[str, str] | None = None,
) -> list[Path]:
    """Extract the untrusted archive `zip_path` into the empty (or new) folder `dest`.

    Returns the files written, in archive order; `hashes`, when given, receives the SHA-256 of
    each ("/"-separated name relative to `dest` -> hex digest), taken while it was written, so
    that a caller checking a manifest need not read the files again. Raises BUNDLE_CORRUPT for any unsafe or damaged
    archive, OperationCancelled on cancel, OSError for a failure to read `zip_path` itself or to
    write into `dest`; in every failure case `dest` is left empty (and removed if this call made it).
    """
    if dest.exists() and any(dest.iterdir()):
        raise ValueError(f"{dest} must be empty")
    with open(zip_path, "rb") as handle, _open_zip(handle, limits) as archive:
        entries = _plan(archive.infolist(), limits)
        check_extents(handle, archive)
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
                    digest = _extract_file(archive, entry, target, counter, cancelled)
                    written.append(target)
                    if hashes is not None:
                        hashes["/".join(entry.parts)] = digest
        except BaseException:
            clear_folder(dest)
            if made:
                dest.rmdir()
            raise
    return written
