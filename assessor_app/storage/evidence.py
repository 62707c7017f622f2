"""Evidence files stored by content: `evidence/ab/abcdef…` named by SHA-256.

Files are hashed while they stream to disk, so memory stays flat whatever the size of the photos,
and a file attached twice (or by two members) is stored once.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assessor_app.domain.errors import N_, InputError, OperationCancelled
from assessor_app.storage.files import fsync_directory

CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when the same content was already stored


Cancelled = OperationCancelled  # raised inside a long copy when the user cancels; nothing is left


class EvidenceStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise InputError(
                "EVIDENCE_BAD_HASH", N_("'{sha256}' is not a SHA-256 hash."), sha256=sha256
            )
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put_stream(
        self,
        source: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StoredBlob:
        self.root.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=".incoming.", dir=self.root)
        temporary = Path(name)
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(descriptor, "wb") as out:
                while chunk := source.read(CHUNK):
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    if progress is not None:
                        progress(size)
                out.flush()
                os.fsync(out.fileno())
            sha256 = digest.hexdigest()
            target = self.path_of(sha256)
            if target.is_file():
                temporary.unlink()
                return StoredBlob(sha256, size, created=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, target)
            fsync_directory(target.parent)
            return StoredBlob(sha256, size, created=True)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def put_file(self, path: Path, **kwargs: object) -> StoredBlob:
        with open(path, "rb") as source:
            return self.put_stream(source, **kwargs)  # type: ignore[arg-type]

    def discard(self, sha256: str) -> None:
        """Undo a `put` whose database transaction failed (only for a blob that put created)."""
        self.path_of(sha256).unlink(missing_ok=True)

    def verify(self, sha256: str) -> bool:
        digest = hashlib.sha256()
        with open(self.path_of(sha256), "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256
