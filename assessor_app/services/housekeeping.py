"""Keeping the data home private and tidy (docs/store.md, "The data folder").

- `secure_home`, whenever the store is opened: the app's folders are made 0700, existing ones and
  an existing store file (0600) tightened; a new store file is created 0600 by `Database`. Only
  the app's own folders and files are touched: never a folder the user chose to save a document in.
- `work_folder`: a scratch folder (a bundle being unpacked or built) that holds an OS lock while in
  use, so that a sweep in another process (the app and the command line may run at once) can tell
  it from the leftover of a killed run.
- `sweep`, at start-up (the command line, the desktop app): removes what killed runs left behind.
  It lists three folders and nothing else, so it is cheap enough for every command.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assessor_app.core.files import (
    PRIVATE_FOLDER,
    claim_if_unlocked,
    create_locked_file,
    make_private,
    private_folder,
    remove_locked,
)
from assessor_app.paths import DataHome

if TYPE_CHECKING:
    from assessor_app.services.workspace import Workspace

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
# SQLite creates its journals with the store file's mode; ones left by an earlier version of the
# app (or copied in) are tightened with the store file.
STORE_FILES = ("", "-wal", "-shm", "-journal")


def secure_home(home: DataHome) -> None:
    """Make the data home's folders 0700 and its store file 0600 (on Windows, only make the
    folders). Costs a few `stat` calls: no listing."""
    for folder in home.kept_folders():
        private_folder(folder)
    for folder in home.private_folders():
        make_private(folder)  # the ones made only when needed, when they are there
    for suffix in STORE_FILES:
        make_private(home.database.with_name(home.database.name + suffix))


# --- scratch folders held by a lock


def _lock_of(folder: Path) -> Path:
    return folder.with_name(folder.name + LOCK_SUFFIX)


def _new_lock(parent: Path, prefix: str) -> tuple[int, Path]:
    for attempt in range(3):
        private_folder(parent)
        try:
            return create_locked_file(parent, prefix, LOCK_SUFFIX)
        except FileNotFoundError:  # another process removed the folder when it was empty
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@contextlib.contextmanager
def work_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh private folder `parent/<prefix>XXXX/`, removed afterwards whatever happens.

    Its lock file `<prefix>XXXX.lock` beside it is made (and locked) before the folder and removed
    after it, so a folder whose lock file is missing or unlocked has no living owner.
    """
    descriptor, lock_file = _new_lock(parent, prefix)
    folder = lock_file.with_name(lock_file.name.removesuffix(LOCK_SUFFIX))
    try:
        folder.mkdir(mode=PRIVATE_FOLDER)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        remove_locked(descriptor, lock_file)
        with contextlib.suppress(OSError):
            parent.rmdir()  # only when empty: another run may be working in it


def _remove(path: Path) -> bool:
    """Remove a leftover file or folder (a link is removed, never followed); True when it was
    there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
        return True
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _remove_unless_held(lock_file: Path) -> bool | None:
    """Remove the scratch folder guarded by `lock_file` (then the lock file) when no living
    process holds the lock; None when one does (or it was removed meanwhile), else whether there
    was a folder."""
    descriptor = claim_if_unlocked(lock_file)
    if descriptor is None:
        return None
    try:
        return _remove(lock_file.with_name(lock_file.name.removesuffix(LOCK_SUFFIX)))
    finally:
        remove_locked(descriptor, lock_file)


def in_use(parent: Path, prefix: str) -> bool:
    """True when a living process holds a scratch folder `parent/<prefix>…` (made by
    `work_folder(parent, prefix)`); the leftovers of dead ones met on the way are removed."""
    try:
        names = os.listdir(parent)
    except OSError:
        return False
    for name in names:
        if name.startswith(prefix) and name.endswith(LOCK_SUFFIX):
            lock_file = parent / name
            try:
                if _remove_unless_held(lock_file) is None and lock_file.exists():
                    return True
            except OSError as error:
                log.warning("cannot remove the leftover %s: %s", lock_file, error.strerror or error)
    return False


def sweep_work_folders(parent: Path) -> int:
    """Remove the scratch folders under `parent` that no living process holds; how many."""
    try:
        names = os.listdir(parent)
    except OSError:  # not there: nothing was left
        return 0
    removed = 0
    for name in names:
        path = parent / name
        try:
            if name.endswith(LOCK_SUFFIX):
                # None: a run in progress (or removed meanwhile)
                removed += bool(_remove_unless_held(path))
            elif not _lock_of(path).exists():
                # A live folder's lock file is made before it and removed after it (checked now,
                # not from the listing, which may predate a lock made meanwhile): this one is what
                # a crash left while removing it, or what a version without locks left.
                removed += _remove(path)
        except OSError as error:
            log.warning("cannot remove the leftover %s: %s", path, error.strerror or error)
    with contextlib.suppress(OSError):
        parent.rmdir()  # only when empty
    return removed


def sweep(workspace: Workspace) -> int:
    """Remove what killed runs left in the data home: unpacked bundles (`incoming/`), bundles
    half-built for export (`tmp/`) and evidence files half-copied; how many. Never fails."""
    home = workspace.home
    removed = sweep_work_folders(home.incoming) + sweep_work_folders(home.staging)
    try:
        removed += workspace.evidence.remove_leftovers()
    except OSError as error:
        log.warning("cannot remove leftover evidence copies: %s", error.strerror or error)
    if removed:
        log.info("removed %d leftover(s) of interrupted runs from %s", removed, home.root)
    return removed
