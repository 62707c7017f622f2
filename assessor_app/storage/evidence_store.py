"""What the app asks of wherever evidence files are kept (issue 16), and which place a store uses.

Three places, one interface, content-addressed in each (a file is named by its SHA-256, so the same
photo attached twice is kept once):
- `EvidenceStore` (storage/evidence.py): the data home's `evidence/` folder — a SQLite store.
- `SharedFolderEvidence` (storage/evidence_shared.py): a folder every officer's computer mounts,
  named in the configuration — a PostgreSQL store whose office prefers files to rows.
- `DatabaseEvidence` (storage/evidence_database.py): rows of the PostgreSQL store itself — a
  PostgreSQL store without a shared folder.
Every writer streams (hashing as it goes) and every reader streams: no whole file in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO, Protocol

from assessor_app.storage.evidence import StoredBlob


class EvidenceFiles(Protocol):
    def exists(self, sha256: str) -> bool: ...

    def put_stream(
        self,
        source: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> StoredBlob: ...

    def put_file(self, path: Path, **kwargs: object) -> StoredBlob: ...

    def adopt(self, source: Path, sha256: str) -> bool:
        """Store the file `source` whose content should hash to `sha256`; True when this created
        the blob. `source` may be moved (a folder store) or copied (the database)."""
        ...

    def sync_folders(self, blobs: Iterable[str]) -> None:
        """Make what `adopt` stored durable before the database refers to it."""
        ...

    def discard(self, sha256: str) -> None: ...

    def undo_created(self, sha256: str) -> None:
        """Remove a blob this import created, its transaction having been rolled back."""
        ...

    def remove_leftovers(self, now: float | None = None) -> int: ...

    def verify(self, sha256: str) -> bool: ...

    def open(self, sha256: str) -> BinaryIO:
        """The content as a stream (FileNotFoundError when it is not stored)."""
        ...

    def readable_path(self, sha256: str) -> Path:
        """A file holding the content, for what needs a path (viewers, a bundle being written)."""
        ...
