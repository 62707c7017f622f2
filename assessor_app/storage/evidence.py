"""Evidence files stored by content: `evidence/ab/abcdef…` named by SHA-256.

Files are hashed while they stream to disk, so memory stays flat whatever the size of the photos,
and a file attached twice (or by two members) is stored once. A file being stored is written to a
temporary `.incoming.*` file in the evidence folder, locked while its writer lives, so that the
leftover of a killed run can be told from a copy in progress (`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sqlalchemy import text

from assessor_app.core.files import (
    PRIVATE_FOLDER,
    claim_if_unlocked,
    fsync_directory,
    lock,
    private_folder,
    remove_locked,
)
from assessor_app.domain.errors import N_, InputError, OperationCancelled

if TYPE_CHECKING:
    from assessor_app.storage.database import Database

CHUNK = 1024 * 1024
TEMPORARY_PREFIX = ".incoming."
# A temporary file is unlocked for an instant after it is created and again between its last
# write and its rename; one not written to for this long is never in one of those instants.
LEFTOVER_AGE_SECONDS = 10 * 60
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# What refers to a stored file: an evidence record, a held bundle (quarantine, from 0026).
_REFERENCED = text(
    "SELECT 1 FROM evidence_blobs WHERE sha256 = :h "
    "UNION ALL SELECT 1 FROM quarantine WHERE content_sha256 = :h LIMIT 1"
)


def check_sha256(sha256: str) -> None:
    if not _SHA256.match(sha256):
        raise InputError(
            "EVIDENCE_BAD_HASH", N_("'{sha256}' is not a SHA-256 hash."), sha256=sha256
        )


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the same content was already stored


class EvidenceStore:
    # The data home's folder is private to its user; a shared folder (evidence_shared.py) is not.
    FOLDER_MODE = PRIVATE_FOLDER
    FILE_MODE: int | None = None  # None: as mkstemp makes it (0600)

    def __init__(self, root: Path, database: Database | None = None) -> None:
        self.root = root
        self._database = database  # the store whose records refer to these files, if any

    def _prepare_root(self) -> None:
        private_folder(self.root)

    def path_of(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put_stream(
        self,
        source: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StoredBlob:
        self._prepare_root()
        descriptor, name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=self.root)
        temporary = Path(name)
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(descriptor, "wb") as out:
                lock(out.fileno(), wait=True)  # until the file is closed, or the process dies
                while chunk := source.read(CHUNK):
                    if cancelled is not None and cancelled():
                        raise OperationCancelled  # nothing is left: the temporary file goes below
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    if progress is not None:
                        progress(size)
                out.flush()
                if self.FILE_MODE is not None and hasattr(os, "fchmod"):  # not on Windows
                    os.fchmod(out.fileno(), self.FILE_MODE)
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self.path_of(sha256)
            if target.is_file():
                temporary.unlink()
                return StoredBlob(sha256, size, created=False)
            target.parent.mkdir(mode=self.FOLDER_MODE, exist_ok=True)
            os.replace(temporary, target)
            fsync_directory(target.parent)
            return StoredBlob(sha256, size, created=True)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def adopt(self, source: Path, sha256: str) -> bool:
        """Move `source`, a file whose content the caller knows hashes to `sha256` (a bundle's
        payload file, hashed as it was unpacked and checked against the signed manifest), into
        the store: renamed, not copied. True when this created the blob; False when it was stored
        already (`source` is left where it is).

        The file is fsynced before the rename; `sync_folders` makes the renames of a batch durable
        (once per folder), and must run before the database refers to the blobs. A `source` on
        another file system is copied (and hashed) instead.
        """
        target = self.path_of(sha256)
        if target.is_file():
            return False
        self._prepare_root()
        target.parent.mkdir(mode=self.FOLDER_MODE, exist_ok=True)
        with open(source, "rb+") as handle:  # writable: Windows flushes only such a handle
            if self.FILE_MODE is not None and hasattr(os, "fchmod"):  # not on Windows
                os.fchmod(handle.fileno(), self.FILE_MODE)
            os.fsync(handle.fileno())
        try:
            os.replace(source, target)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            blob = self.put_file(source)
            if blob.sha256 != sha256:
                if blob.created:
                    self.discard(blob.sha256)
                raise ValueError(f"{source} does not hash to {sha256}") from None
            return blob.created
        return True

    def sync_folders(self, blobs: Iterable[str]) -> None:
        """Make the renames of `adopt` durable: each folder holding one of `blobs` once, then the
        store's folder (which may have gained those folders)."""
        folders = {self.path_of(sha256).parent for sha256 in blobs}
        for folder in sorted(folders):
            fsync_directory(folder)
        if folders:
            fsync_directory(self.root)

    def put_file(self, path: Path, **kwargs: object) -> StoredBlob:
        with open(path, "rb") as source:
            return self.put_stream(source, **kwargs)  # type: ignore[arg-type]

    def discard(self, sha256: str) -> None:
        """Undo a `put` whose database transaction failed (only for a blob that put created)."""
        self.path_of(sha256).unlink(missing_ok=True)

    def undo_created(self, sha256: str) -> None:
        """Undo an `adopt` whose import was rolled back: the file, then the folders made for it
        if they are now empty — unless a record of the store refers to it meanwhile (another
        import of the same bundle held it, or stored the same evidence file, and committed).
        The check and the removal hold the store's write lock: no reference is committed between
        them."""
        if self._database is None:
            self._remove_created(sha256)
            return
        with self._database.transaction() as session:
            if session.execute(_REFERENCED, {"h": sha256}).first() is None:
                self._remove_created(sha256)

    def _remove_created(self, sha256: str) -> None:
        self.discard(sha256)
        shard = self.path_of(sha256).parent
        for empty in (shard, shard.parent):
            with contextlib.suppress(OSError):
                empty.rmdir()

    def open(self, sha256: str) -> BinaryIO:
        """The stored file, for reading as a stream (FileNotFoundError when it is missing)."""
        return open(self.path_of(sha256), "rb")

    def readable_path(self, sha256: str) -> Path:
        """A file holding the content, for what needs a path (viewers, thumbnails, a bundle
        being written): here the stored file itself."""
        return self.path_of(sha256)

    def remove_leftovers(self, now: float | None = None) -> int:
        """Remove the temporary files of stores killed mid-copy; how many were removed.

        One is a leftover when no process holds its lock and it has not been written to for
        `LEFTOVER_AGE_SECONDS`. Costs one listing of the evidence folder (never of its subfolders).
        """
        now = time.time() if now is None else now
        try:
            names = [n for n in os.listdir(self.root) if n.startswith(TEMPORARY_PREFIX)]
        except OSError:  # no evidence folder yet
            return 0
        removed = 0
        for name in names:
            path = self.root / name
            try:
                if now - path.stat().st_mtime < LEFTOVER_AGE_SECONDS:
                    continue
            except OSError:
                continue
            descriptor = claim_if_unlocked(path)
            if descriptor is not None:
                remove_locked(descriptor, path)
                removed += 1
        return removed

    def verify(self, sha256: str) -> bool:
        digest = hashlib.sha256()
        with open(self.path_of(sha256), "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256
