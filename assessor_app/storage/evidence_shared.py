"""Evidence files on a shared folder (a network share every officer's computer mounts), for a
PostgreSQL store (issue 16).

The layout and the writing are those of the data home's folder (storage/evidence.py): `ab/abcd…`
named by SHA-256, a temporary `.incoming.*` file written, fsynced, then renamed into place, so a
reader on another computer sees the whole file or none. What differs:
- The folder must exist when the app starts: a share that is not mounted would otherwise be
  silently replaced by an empty local folder, and officers would attach files nobody else sees.
  The app refuses to start with EVIDENCE_FOLDER_MISSING naming the folder.
- The app neither creates nor empties the folder itself, nor changes its access rights (the
  office's administrator sets them for every officer on the share); the files and folders it
  adds are readable and writable by the owner's group (0660/0770, less what the umask removes),
  not private to one officer as in the data home.
- Content is never removed (`discard`, `undo_created` do nothing): when one officer's transaction
  fails after storing a file, another officer's computer may have found that file stored and
  referred to it meanwhile, and no lock spans the computers that mount a share (file locks on
  network shares are unreliable, and the reference is committed on the server, not on the share).
  A file nothing refers to is harmless (content-addressed: the next attach of the same content
  re-uses it); a sweep would have to check references and the share under one lock, so there is
  none.
"""

from __future__ import annotations

import os
from pathlib import Path

from assessor_app.domain.errors import N_, StoreError
from assessor_app.storage.evidence import EvidenceStore


def missing_folder(folder: Path) -> StoreError:
    return StoreError(
        "EVIDENCE_FOLDER_MISSING",
        N_(
            "The shared evidence folder {path} is not reachable (not mounted, or no longer there). Connect the shared folder, or correct its path in the configuration, then start again."
        ),
        path=str(folder),
    )


def unwritable_folder(folder: Path) -> StoreError:
    return StoreError(
        "EVIDENCE_FOLDER_READ_ONLY",
        N_(
            "The shared evidence folder {path} cannot be written to. Ask the office's administrator for write access to it."
        ),
        path=str(folder),
    )


class SharedFolderEvidence(EvidenceStore):
    FOLDER_MODE = 0o770
    FILE_MODE = 0o660

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self._prepare_root()

    def _prepare_root(self) -> None:
        """Checked at start and before each write: a share can be unmounted under a running app."""
        if not self.root.is_dir():
            raise missing_folder(self.root)
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise unwritable_folder(self.root)

    def discard(self, sha256: str) -> None:
        """Nothing is removed: another officer may refer to the content by now (see above)."""
        self.path_of(sha256)  # still refuses what is not a hash

    def undo_created(self, sha256: str) -> None:
        self.discard(sha256)
