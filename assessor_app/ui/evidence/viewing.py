"""A viewable copy of a stored evidence file.

The store names files by their SHA-256, without extension, so no program would know how to open
them. Opening makes a read-only copy under the original name in the temporary folder (once per
content) and hands that to the operating system; the stored file is never exposed to editing.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import OperationCancelled

CHUNK = 1024 * 1024
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_RESERVED |= {f"LPT{i}" for i in range(1, 10)}


def safe_filename(name: str) -> str:
    """`name` usable on Windows, macOS and Linux (evidence may come from another computer)."""
    cleaned = _UNSAFE.sub("_", name).strip().rstrip(". ")
    if not cleaned or cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = f"evidence-{cleaned}" if cleaned else "evidence"
    return cleaned[:180]


def viewing_folder() -> Path:
    return Path(tempfile.gettempdir()) / "assessor-app-evidence"


def viewable_copy(
    source: Path,
    sha256: str,
    filename: str,
    size: int,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    folder: Path | None = None,
) -> Path:
    """A read-only copy of `source` named `filename`, made once per content; returns its path."""
    target_dir = (folder or viewing_folder()) / sha256[:16]
    target = target_dir / safe_filename(filename)
    if target.is_file() and target.stat().st_size == size:
        return target
    target_dir.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.chmod(stat.S_IWRITE | stat.S_IREAD)
        target.unlink()
    descriptor, name = tempfile.mkstemp(prefix=".copy.", dir=target_dir)
    partial = Path(name)
    try:
        done = 0
        with open(source, "rb") as reader, os.fdopen(descriptor, "wb") as writer:
            while chunk := reader.read(CHUNK):
                if cancelled is not None and cancelled():
                    raise OperationCancelled
                writer.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done // 1024, max(size // 1024, 1))
        partial.chmod(stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)  # a copy: edits would be lost
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
