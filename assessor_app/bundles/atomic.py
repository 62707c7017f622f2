"""Crash-safe file writing for the bundle library (which may not import `assessor_app.storage`).

The content goes to a temporary file beside the target (same folder, so the final rename cannot
cross file systems), is fsynced, then renamed over the target with `os.replace`. A reader, or the
next start after a power cut or a pulled USB stick, sees the old file or the new one, never half of
one. On any error (disk full, read-only folder, cancel) the temporary file is removed and the error
propagates unchanged; the target is untouched.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NOFOLLOW", 0)  # never write through a planted link
)


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op on Windows, which has no directory handles)."""
    if os.name == "nt":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


_TOKEN_BYTES = 6  # the temporary file is `.<target name>.<12 hex digits>.part`
_PARTIAL_SUFFIX = ".part"


def partial_files(target: Path) -> list[Path]:
    """The temporary files `write_atomic` left beside `target` when its process was killed (a
    process that ends in any other way removes its own); [] when the folder cannot be listed."""
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    token_length = 2 * _TOKEN_BYTES
    return [
        target.parent / name
        for name in names
        if name.startswith(prefix)
        and name.endswith(_PARTIAL_SUFFIX)
        and len(name) == len(prefix) + token_length + len(_PARTIAL_SUFFIX)
        and all(c in "0123456789abcdef" for c in name[len(prefix) : len(prefix) + token_length])
    ]


def write_atomic(
    target: Path, content: bytes | Callable[[BinaryIO], None], *, mode: int = 0o644
) -> None:
    """Write `content` (bytes, or a function writing to a binary handle) to `target` atomically.

    The temporary file is created with `mode` from its first byte (`os.open(..., mode)`, then
    `fchmod` in case the umask removed bits), so a secret written with `mode=0o600` is never
    readable by others, not even while it is being written.
    """
    temporary = target.parent / f".{target.name}.{secrets.token_hex(_TOKEN_BYTES)}{_PARTIAL_SUFFIX}"
    descriptor = os.open(temporary, _FLAGS, mode)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "wb") as handle:
            descriptor = -1  # owned by the handle now
            if callable(content):
                content(handle)
            else:
                handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        if descriptor >= 0:
            os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)
