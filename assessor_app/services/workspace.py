"""An open data home: the store, the evidence files, who is working and what time it is."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.text import NAME, checked_clean
from assessor_app.paths import DataHome, data_home, migrations_dir
from assessor_app.services.backups import upgrade_copier
from assessor_app.services.clock import Clock, utc_now, vietnam_date
from assessor_app.services.housekeeping import secure_home
from assessor_app.storage.database import DEFAULT_BUSY_TIMEOUT_MS, Database
from assessor_app.storage.evidence import EvidenceStore
from assessor_app.storage.evidence_database import DatabaseEvidence
from assessor_app.storage.evidence_shared import SharedFolderEvidence
from assessor_app.storage.evidence_store import EvidenceFiles
from assessor_app.storage.officers import server_actor
from assessor_app.storage.records import CatalogueRecord

USER_ENV = "ASSESSOR_USER"
BUSY_TIMEOUT_ENV = "ASSESSOR_BUSY_TIMEOUT"  # seconds a writer waits for another one (scripts)
EVIDENCE_FOLDER_ENV = "ASSESSOR_EVIDENCE_FOLDER"  # a PostgreSQL store's shared evidence folder


def default_actor() -> str:
    try:
        fallback = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers, Windows services)
        fallback = "?"
    return checked_clean(os.environ.get(USER_ENV) or fallback, NAME)


@dataclass
class Workspace:
    home: DataHome
    database: Database
    evidence: EvidenceFiles
    actor: str
    clock: Clock = utc_now
    _catalogues: dict[str, Catalogue] = field(default_factory=dict)

    def catalogue_of(self, row: CatalogueRecord) -> Catalogue:
        """The domain catalogue of a stored one, parsed once per process (they never change)."""
        cached = self._catalogues.get(row.content_hash)
        if cached is None:
            cached = parse_catalogue(json.loads(row.document))
            self._catalogues[row.content_hash] = cached
        return cached

    def today(self) -> date:
        """Today's date in Vietnam (UTC+7) by the workspace's clock: the date units, lists and
        years are judged by, whatever the computer's time zone."""
        return vietnam_date(self.clock())

    def close(self) -> None:
        self.database.close()


def busy_timeout_ms() -> int:
    """How long a write waits for another writer before STORE_BUSY: `$ASSESSOR_BUSY_TIMEOUT`
    seconds when set to a number from 0 to 600, else the store's default."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV, "")
    try:
        seconds = float(raw)
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS
    return int(seconds * 1000) if 0 <= seconds <= 600 else DEFAULT_BUSY_TIMEOUT_MS


def open_workspace(
    home: str | os.PathLike[str] | None = None,
    actor: str | None = None,
    clock: Clock = utc_now,
    busy_timeout: int | None = None,
    store: str | None = None,
    evidence_folder: str | os.PathLike[str] | None = None,
) -> Workspace:
    """Open (creating or upgrading) the store in the data home, its folders made private first
    (`housekeeping.secure_home`). `busy_timeout` (milliseconds): how long a write waits for
    another writer before STORE_BUSY (see `busy_timeout_ms`). `store`: a PostgreSQL URL to keep
    the records on that server instead of the data home's SQLite file (issue 16, in progress:
    keys and settings stay in the data home); its evidence files are then in `evidence_folder`
    (or `$ASSESSOR_EVIDENCE_FOLDER`), a shared folder, else in the database (`evidence_files`)."""
    who = checked_clean(actor, NAME) if actor else default_actor()  # before opening anything
    resolved = data_home(home)
    secure_home(resolved)
    database = Database(
        store if store is not None else resolved.database,
        migrations_dir(),
        busy_timeout if busy_timeout is not None else busy_timeout_ms(),
        before_upgrade=upgrade_copier(resolved.backups, clock),
    )
    try:
        evidence = evidence_files(database, resolved, evidence_folder)
    except BaseException:
        database.close()
        raise
    if database.is_postgres:  # the audit log records who the server says is connected
        who = checked_clean(server_actor(database.engine, who), NAME)
    return Workspace(
        home=resolved,
        database=database,
        evidence=evidence,
        actor=who,
        clock=clock,
    )


def evidence_files(
    database: Database, home: DataHome, shared: str | os.PathLike[str] | None = None
) -> EvidenceFiles:
    """Where a store keeps its evidence files: a SQLite store in the data home's folder (whatever
    is configured: its evidence goes where the file goes); a PostgreSQL store in the shared
    folder configured (EVIDENCE_FOLDER_MISSING when it is not reachable), else in the database."""
    if not database.is_postgres:
        return EvidenceStore(home.evidence, database)
    folder = shared if shared is not None else os.environ.get(EVIDENCE_FOLDER_ENV) or None
    if folder is not None:
        return SharedFolderEvidence(Path(folder))
    return DatabaseEvidence(database, home.root / "cache" / "evidence")


def workspace_exists(home: str | os.PathLike[str] | None = None) -> bool:
    return Path(data_home(home).database).exists()
