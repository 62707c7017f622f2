"""Crash-safe file writing: write to a temporary file beside the target, fsync, rename.

A reader (or the next start after a power cut) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # Windows has no directory handles to fsync
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_and_replace(temporary: Path, target: Path) -> None:
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    fsync_directory(target.parent)


@contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary handle; on success the content replaces `target` atomically, on error nothing
    is left behind (no partial file, no temporary file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        fsync_directory(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    with atomic_writer(target) as handle:
        if callable(data):
            data(handle)
        else:
            handle.write(data)
