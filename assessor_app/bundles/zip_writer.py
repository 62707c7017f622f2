"""Writing a bundle's ZIP archive: atomic and deterministic (sorted names, fixed timestamps and
modes, deflated), refusing an archive a receiving office would refuse (bundles/zip_rules.py)."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

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
                    folder.external_attr = ((stat.S_IFDIR | 0o755) << 16) | DOS_DIRECTORY
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
