"""Copies of the store, so that nothing is ever lost to an upgrade, an import or a mistake.

- Before a new version of the app upgrades the store (`upgrade_copier`, given to the database).
- Each day the app is used, at the first start of the day (`daily_backup`).
- Before every import of a bundle (`backup(workspace, BackupKind.IMPORT)`).
- By hand (`assessor-app store backup`).

Copies go to the data home's `backups/` folder through SQLite's backup API (a PostgreSQL store's:
`pg_dump` archives, `.pgdump`; no daily copy of those), named by kind, time
and schema (domain/backups.py); each kind keeps its last few. `restore` puts a copy back in place
of the store, after copying the store as it was (nothing is lost by restoring either).

Evidence files are not in the copies: they live beside the store by SHA-256 and the app never
deletes one a record may still name.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assessor_app.core.files import private_folder
from assessor_app.domain.backups import (
    DUMP_SUFFIX,
    KEEP,
    SUFFIX,
    BackupKind,
    BackupName,
    parse_backup_name,
)
from assessor_app.domain.errors import N_, InputError, NotFoundError, StoreError
from assessor_app.paths import data_home, migrations_dir
from assessor_app.services.clock import Clock, utc_now, vietnam_date
from assessor_app.storage.database import BeforeUpgrade, Database, known_revisions
from assessor_app.storage.database_postgres import is_postgres_url, safely_shown
from assessor_app.storage.store_files import (
    copy_into_store,
    copy_store,
    is_intact,
    stored_revision,
)

if TYPE_CHECKING:
    from assessor_app.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupRecord:
    path: Path
    kind: BackupKind
    made_at: str  # UTC time stamp
    revision: str | None  # the copy's schema
    size: int  # bytes


@dataclass(frozen=True)
class RestoreResult:
    restored: Path  # the copy now in place
    revision: str  # its schema (upgraded when the store is next opened)
    previous: Path | None  # the store as it was before, kept as a copy; None when there was none


def _record(path: Path) -> BackupRecord | None:
    name = parse_backup_name(path.name)
    if name is None or not path.is_file():
        return None
    return BackupRecord(path, name.kind, name.made_at, name.revision, path.stat().st_size)


def list_backups(home: str | os.PathLike[str] | None = None) -> list[BackupRecord]:
    """The copies in the data home's backups folder, newest first. Does not open the store, so it
    works when the store cannot be opened."""
    return list_backups_in(data_home(home).backups)


def _target(folder: Path, name: BackupName) -> Path:
    """A free file name for the copy (two copies in the same second get a number)."""
    private_folder(folder)
    number = 0
    while (folder / name.file_name(number)).exists():
        number += 1
    return folder / name.file_name(number)


def _prune(folder: Path, kind: BackupKind) -> None:
    """Keep the newest copies of `kind` (KEEP); copies made by hand are never removed."""
    keep = KEEP[kind]
    if keep is None:
        return
    own = [r for r in list_backups_in(folder) if r.kind is kind]
    for old in own[keep:]:
        old.path.unlink(missing_ok=True)


def list_backups_in(folder: Path) -> list[BackupRecord]:
    """The copies in `folder`, newest first."""
    if not folder.is_dir():
        return []
    records = [r for p in folder.iterdir() if (r := _record(p)) is not None]
    return sorted(records, key=lambda r: (r.made_at, r.path.name), reverse=True)


def _copy(
    database: Database, folder: Path, kind: BackupKind, stamp: str, revision: str | None
) -> Path:
    suffix = DUMP_SUFFIX if database.is_postgres else SUFFIX
    target = _target(folder, BackupName(kind, stamp, revision, suffix))
    database.backup(target)
    _prune(folder, kind)
    return target


def upgrade_copier(folder: Path, clock: Clock = utc_now) -> BeforeUpgrade:
    """What the database calls before it upgrades an existing store: a copy named by the schema it
    had, so a failed or unwanted upgrade can be undone."""

    def copy(database: Database, revision: str) -> Path:
        return _copy(database, folder, BackupKind.UPGRADE, clock(), revision)

    return copy


def backup(workspace: Workspace, kind: BackupKind = BackupKind.MANUAL) -> BackupRecord:
    """Copy the open store now."""
    path = _copy(
        workspace.database,
        workspace.home.backups,
        kind,
        workspace.clock(),
        workspace.database.revision(),
    )
    record = _record(path)
    assert record is not None  # named by BackupName just now
    return record


def daily_backup(workspace: Workspace) -> BackupRecord | None:
    """The day's copy, at the first use of the app on a day (Vietnam's calendar); None when
    today's copy exists already, or when the store is on a PostgreSQL server: the office's own
    backups of the server are the daily copies there (a pg_dump of a large shared store at every
    officer's first start would be slow and several times over)."""
    if workspace.database.is_postgres:
        log.info(
            "no daily copy of %s: a server's store is backed up by the office",
            workspace.database.location,
        )
        return None
    today = workspace.today()
    for record in list_backups_in(workspace.home.backups):
        if record.kind is BackupKind.DAILY and vietnam_date(record.made_at) == today:
            return None
    return backup(workspace, BackupKind.DAILY)


def _checked_copy(source: Path) -> str:
    """The schema of a copy that can be restored; an expected error for one that cannot."""
    if not source.is_file():
        raise NotFoundError("BACKUP_NOT_FOUND", N_("There is no file {path}."), path=str(source))
    if source.name.endswith(DUMP_SUFFIX):
        raise InputError(
            "BACKUP_IS_DUMP",
            N_(
                "{path} is a copy of a PostgreSQL store (pg_dump); nothing was restored. Restore it on the server with pg_restore (docs/store.md)."
            ),
            path=str(source),
        )
    try:
        revision = stored_revision(source)
    except sqlite3.DatabaseError:
        revision = None
    if revision is None or not is_intact(source):
        raise InputError(
            "BACKUP_UNUSABLE",
            N_(
                "{path} is not an intact copy of an assessor-app store; nothing was restored. Choose another copy (assessor-app store backups lists them)."
            ),
            path=str(source),
        )
    if revision not in known_revisions(migrations_dir()):
        raise StoreError(
            "STORE_TOO_NEW",
            N_(
                "The data file {path} was written by a newer version of the app (schema {revision}); install that version or newer to open it."
            ),
            path=str(source),
            revision=revision,
        )
    return revision


def refuse_restore_on_server(store: str | None) -> None:
    """RESTORE_ON_SERVER when the store in use (`store`: --store, $ASSESSOR_STORE, Settings) is a
    PostgreSQL database: its copies are pg_dump archives, restored with pg_restore by whoever
    runs the server, never by overwriting the data folder's file."""
    if store is not None and is_postgres_url(store):
        raise StoreError(
            "RESTORE_ON_SERVER",
            N_(
                "The store {store} is on a PostgreSQL server: the app restores only the data folder's file, and nothing was changed. A copy of a server store (a pg_dump archive) is restored with PostgreSQL's pg_restore by the server's administrator (see \"Sharing a data store on a server\" in the user guide, F1)."
            ),
            store=safely_shown(store),
        )


def restore(
    home: str | os.PathLike[str] | None,
    source: str | os.PathLike[str],
    clock: Clock = utc_now,
    store_url: str | None = None,
) -> RestoreResult:
    """Put the copy `source` in place of the store (close the app first). The store as it was is
    copied to the backups folder before, so a restore can itself be undone. `store_url`: the
    store in use, when not the data folder's file (a server's is refused: RESTORE_ON_SERVER)."""
    refuse_restore_on_server(store_url)
    resolved = data_home(home)
    copy = Path(source).expanduser().resolve()
    revision = _checked_copy(copy)
    store = resolved.database
    previous = None
    if store.exists() and store.resolve() != copy:
        try:
            current = stored_revision(store)
        except sqlite3.DatabaseError:
            current = None  # a damaged store is kept as it is, under its own name
        previous = _target(resolved.backups, BackupName(BackupKind.RESTORE, clock(), current))
        copy_store(store, previous)
        copy_into_store(copy, store)
    else:
        private_folder(store.parent)
        copy_store(copy, store)
    _prune(resolved.backups, BackupKind.RESTORE)  # after the restore: the copy may be one of them
    return RestoreResult(copy, revision, previous)
