"""Writing a bundle's ZIP archive: atomic and deterministic (sorted names, fixed timestamps and
modes), refusing an archive a receiving office would refuse (bundles/zip_rules.py).

Each file is read once: its SHA-256 (for the bag's manifests) and the ZIP's CRC are computed from
the same chunks that are written. Files that are already compressed (photos, PDFs, office
documents, video, audio: told by their first bytes, or by their name's ending) are stored as they
are; deflating them costs most of an export's time for a gain of about 1 %. The rest (JSON, text)
is deflated, at level 1 (see DEFLATE_LEVEL).
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from assessor_app.bundles.errors import BUNDLE_EXPORT_TOO_LARGE, BundleError
from assessor_app.bundles.zip_rules import CHUNK, DOS_DIRECTORY, ArchiveLimits
from assessor_app.core.files import write_atomic
from assessor_app.core.progress import Cancelled, OperationCancelled, Progress
from assessor_app.domain.errors import N_

FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # reproducible archives: the bag records the real time


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


# Formats that are compressed already, by their first bytes. Photos and scans are most of a
# bundle's bytes; deflating them gains about 1 % for most of the export's time.
_COMPRESSED_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"%PDF",  # its streams are deflated inside
    b"PK\x03\x04",  # ZIP, and what is built on it: docx, xlsx, odt
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"ID3",  # MP3 with tags
    b"\xff\xfb",  # MP3 frame
    b"OggS",
    b"fLaC",
)
_COMPRESSED_BOX = (b"ftyp",)  # ISO media (HEIC, MP4, MOV, M4A): the box type after 4 bytes
_COMPRESSED_RIFF = (b"WEBP", b"AVI ")
_COMPRESSED_SUFFIXES = frozenset(
    {"jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "pdf", "zip", "docx", "xlsx", "pptx"}
    | {"odt", "ods", "gz", "7z", "rar", "mp4", "mov", "m4a", "mp3", "ogg", "flac", "avi"}
)


# Deflate level 1: about 6 times faster than zlib's default (6) on text and JSON, for files some
# 20-40 % larger; a bundle's size hardly matters on a USB stick, an export's minutes do.
DEFLATE_LEVEL = 1


def already_compressed(name: str, head: bytes) -> bool:
    """True when deflating the file `name` starting with `head` would gain next to nothing."""
    if head.startswith(_COMPRESSED_MAGIC) or head[4:8] in _COMPRESSED_BOX:
        return True
    if head.startswith(b"RIFF") and head[8:12] in _COMPRESSED_RIFF:
        return True
    return name.rsplit("/", 1)[-1].rpartition(".")[2].lower() in _COMPRESSED_SUFFIXES


class Chunks(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class ArchiveWriter:
    """Adds entries to an open ZipFile, each with fixed metadata, and returns each file's SHA-256
    computed from the bytes written (each file is read once)."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        total: int,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.archive, self.total = archive, total
        self.progress, self.cancelled = progress, cancelled
        self.done = 0

    def folder(self, name: str) -> None:
        self._check_cancelled()
        folder = zipfile.ZipInfo(name + "/", date_time=FIXED_DATE_TIME)
        folder.create_system = 3  # Unix, so that the mode bits below mean something
        folder.external_attr = ((stat.S_IFDIR | 0o755) << 16) | DOS_DIRECTORY
        folder.CRC = folder.compress_size = folder.file_size = 0
        self.archive.mkdir(folder)

    def add_bytes(self, name: str, data: bytes) -> str:
        return self._add(name, len(data), data[:CHUNK], _MemoryReader(data))

    def add_file(self, name: str, path: Path) -> str:
        with path.open("rb") as source:
            size = os.fstat(source.fileno()).st_size
            return self._add(name, size, source.read(CHUNK), source)

    def _add(self, name: str, size: int, first: bytes, rest: Chunks) -> str:
        info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
        info.create_system = 3
        info.external_attr = (stat.S_IFREG | 0o644) << 16
        stored = already_compressed(name, first[:16])
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        # zipfile's level for an entry opened by ZipInfo (public as `compress_level` from 3.13)
        info._compresslevel = DEFLATE_LEVEL  # type: ignore[attr-defined]
        info.file_size = size  # lets zipfile choose ZIP64 for big files
        digest = hashlib.sha256()
        written = 0
        with self.archive.open(info, "w") as sink:
            chunk = first
            while chunk:
                self._check_cancelled()
                digest.update(chunk)
                sink.write(chunk)
                written += len(chunk)
                self._count(len(chunk))
                chunk = rest.read(CHUNK)
        if written != size:  # the file changed while it was read: its size is in bag-info
            raise ValueError(f"{name} changed while it was archived")
        return digest.hexdigest()

    def _check_cancelled(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise OperationCancelled

    def _count(self, count: int) -> None:
        self.done += count
        if self.progress is not None:  # tag files come after the payload's total
            self.progress(min(self.done, self.total), self.total)


class _MemoryReader:
    """The bytes after the first chunk of `data` (already handed over), a chunk at a time."""

    def __init__(self, data: bytes) -> None:
        self.view, self.offset = memoryview(data), CHUNK

    def read(self, size: int = -1, /) -> bytes:
        chunk = self.view[self.offset : self.offset + size]
        self.offset += len(chunk)
        return bytes(chunk)


def write_archive(
    target: Path,
    fill: Callable[[ArchiveWriter], None],
    total: int,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    limits: ArchiveLimits | None = None,
) -> None:
    """Write the archive that `fill` makes (through the ArchiveWriter it is given) to `target`,
    atomically: a temporary file beside it, fsynced and renamed over it. On any error, on cancel
    (OperationCancelled) or when `limits` are exceeded (BUNDLE_EXPORT_TOO_LARGE) no file is left
    behind. OSError (disk full, read-only folder) reaches the caller unchanged. `progress(done,
    total)` counts the bytes of files archived."""

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            fill(ArchiveWriter(archive, total, progress, cancelled))
            if limits is not None:
                _check_export(archive.infolist(), limits)

    write_atomic(target, write)


def write_zip(
    source_dir: Path,
    target: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    limits: ArchiveLimits | None = None,
) -> None:
    """Archive everything under `source_dir` (names relative to it) into `target`, atomically
    (see `write_archive`): sorted order, fixed timestamps and permissions, files already
    compressed stored and the rest deflated."""
    entries = list(_collect(source_dir))
    total = sum(path.stat().st_size for _, path, is_dir in entries if not is_dir)

    def fill(writer: ArchiveWriter) -> None:
        for name, path, is_dir in entries:
            if is_dir:
                writer.folder(name)
            else:
                writer.add_file(name, path)

    write_archive(target, fill, total, progress, cancelled, limits=limits)
