"""Files written and kept safely: the one crash-safe write, private modes for what the data home
keeps, and OS locks that tell a live owner from a crash's leftover.

**Crash-safe writes.** The content goes to a temporary file beside the target (same folder, so the
final rename cannot cross file systems), is fsynced, then renamed over the target with
`os.replace`, and the folder is fsynced. A reader, or the next start after a power cut or a pulled
USB stick, sees the old file or the new one, never half of one. On any error (disk full, read-only
folder, cancel) the temporary file is removed and the error propagates unchanged. The temporary
file is never opened through a link (`O_NOFOLLOW`, `O_EXCL`). Its mode is the one asked (a secret:
0600 from its first byte) or, for a document the user saves, what the user's umask gives.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NOFOLLOW", 0)  # never write through a planted link
)
_TOKEN_BYTES = 6  # the temporary file is `.<target name>.<12 hex digits>.part`
_PARTIAL_SUFFIX = ".part"
_DOCUMENT_MODE = 0o666  # before the umask: what any new document gets


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op on Windows, which has no directory handles)."""
    if os.name == "nt":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_and_replace(temporary: Path, target: Path) -> None:
    """Make `temporary` durable and rename it over `target` (a file written by someone else, e.g.
    SQLite's backup API)."""
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    fsync_directory(target.parent)


@contextmanager
def atomic_writer(target: Path, *, mode: int | None = None) -> Iterator[BinaryIO]:
    """Yield a binary handle; on success its content replaces `target` atomically, on error
    nothing is left behind (no partial file, no temporary file).

    `mode`: the file's exact mode from its first byte (a secret: 0o600); None for a document, whose
    mode follows the user's umask."""
    temporary = target.parent / f".{target.name}.{os.urandom(_TOKEN_BYTES).hex()}{_PARTIAL_SUFFIX}"
    descriptor = os.open(temporary, _FLAGS, _DOCUMENT_MODE if mode is None else mode)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)  # in case the umask removed bits the caller asked for
        with os.fdopen(descriptor, "wb") as handle:
            descriptor = -1  # owned by the handle now
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        if descriptor >= 0:
            os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)


def write_atomic(
    target: Path, content: bytes | Callable[[BinaryIO], None], *, mode: int | None = None
) -> None:
    """Write `content` (bytes, or a function writing to a binary handle) to `target` atomically
    (see `atomic_writer`)."""
    with atomic_writer(target, mode=mode) as handle:
        if callable(content):
            content(handle)
        else:
            handle.write(content)


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


# --- files at rest: private modes and liveness locks
#
# The data home holds personal data of children and officials, often on a computer shared by an
# office, so what the app keeps there is for its owner only: folders 0700, the store and the logs
# 0600. The process umask is never changed: it is the user's, for the documents they save
# elsewhere. Windows has no mode bits (the profile folder's access rights protect the data home
# there), so on Windows these helpers create and open, and change no mode.

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_POSIX = sys.platform != "win32"

log = logging.getLogger(__name__)


def _tighten(path: Path, mode: int, is_kind: Callable[[int], bool]) -> None:
    """chmod `path` to `mode` when it is of the expected kind and looser; never fail the caller
    (a data home set up by an administrator may belong to someone else)."""
    if not _POSIX:
        return
    try:
        status = os.stat(path)
        if is_kind(status.st_mode) and stat.S_IMODE(status.st_mode) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        pass
    except OSError as error:
        log.warning("cannot make %s private: %s", path, error.strerror or error)


def private_folder(path: Path) -> Path:
    """Create `path` (0700, missing parents as the umask says) or tighten it to 0700."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_FOLDER, stat.S_ISDIR)
    return path


def make_private(path: Path) -> None:
    """Tighten an existing folder to 0700 or regular file to 0600; nothing when it is absent."""
    _tighten(path, PRIVATE_FOLDER, stat.S_ISDIR)
    _tighten(path, PRIVATE_FILE, stat.S_ISREG)


def open_private_append(path: Path) -> int:
    """A descriptor appending to `path`, created 0600 (an existing file is tightened)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    if _POSIX:
        # Not logged when it fails: this opens the log file, from inside the logging handler.
        with contextlib.suppress(OSError):
            if stat.S_IMODE(os.fstat(descriptor).st_mode) != PRIVATE_FILE:
                os.fchmod(descriptor, PRIVATE_FILE)
    return descriptor


def lock(descriptor: int, *, wait: bool) -> bool:
    """Take the exclusive OS lock of an open file; False when another open file holds it (only
    without `wait`). The lock goes when the descriptor is closed or the process dies however it
    dies (kill -9, power cut): that is what tells a live owner from the leftover of a crash."""
    try:
        if sys.platform == "win32":  # pragma: no cover - a byte-range lock on the first byte
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except (BlockingIOError, PermissionError):
        return False
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
            return False
        raise
    return True


def _same_file(descriptor: int, path: Path) -> bool:
    """True when `path` still names the file open as `descriptor` (not removed meanwhile)."""
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (opened.st_dev, opened.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def create_locked_file(directory: Path, prefix: str, suffix: str = "") -> tuple[int, Path]:
    """A new file (0600, unique name) in `directory`, exclusively locked by this process.

    Between creating and locking, a sweeper in another process may find the file unlocked, take
    it for a leftover and remove it: then the name no longer names our file and we start again.
    """
    import tempfile  # not at import: every start loads this module, few need a temp file

    for _attempt in range(100):
        descriptor, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=directory)
        path = Path(name)
        if lock(descriptor, wait=False) and _same_file(descriptor, path):
            return descriptor, path
        os.close(descriptor)  # the sweeper that took it removes it
    raise OSError(errno.EAGAIN, "cannot create a lock file", str(directory))  # pragma: no cover


def claim_if_unlocked(path: Path) -> int | None:
    """Lock the file `path` if no live process holds it; its descriptor, or None when it is in
    use (or already gone). The caller removes what the file guards, then `remove_locked`."""
    try:
        descriptor = os.open(path, os.O_RDWR)
    except OSError:
        return None  # removed meanwhile, or (Windows) open without sharing: in use
    if lock(descriptor, wait=False) and _same_file(descriptor, path):
        return descriptor
    os.close(descriptor)
    return None


def remove_locked(descriptor: int, path: Path) -> None:
    """Remove the file `path`, open and locked as `descriptor`, and let go of it. POSIX removes it
    while still locked, so no other process can see it free and take it; Windows cannot remove an
    open file, so it closes first (a sweeper that then takes the lock finds nothing to remove)."""
    if _POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(descriptor)
        return
    os.close(descriptor)
    with contextlib.suppress(OSError):
        os.unlink(path)
