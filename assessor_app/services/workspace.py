"""An open data home: the store, the evidence files, who is working and what time it is."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.text import clean
from assessor_app.paths import DataHome, data_home, migrations_dir
from assessor_app.services.clock import Clock, utc_now
from assessor_app.storage.database import Database
from assessor_app.storage.evidence import EvidenceStore
from assessor_app.storage.schema import CatalogueRow

USER_ENV = "ASSESSOR_USER"


def default_actor() -> str:
    try:
        fallback = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers, Windows services)
        fallback = "?"
    return clean(os.environ.get(USER_ENV) or fallback)


@dataclass
class Workspace:
    home: DataHome
    database: Database
    evidence: EvidenceStore
    actor: str
    clock: Clock = utc_now
    _catalogues: dict[str, Catalogue] = field(default_factory=dict)

    def catalogue_of(self, row: CatalogueRow) -> Catalogue:
        """The domain catalogue for a stored row, parsed once per process (rows never change)."""
        cached = self._catalogues.get(row.content_hash)
        if cached is None:
            cached = parse_catalogue(json.loads(row.document))
            self._catalogues[row.content_hash] = cached
        return cached

    def close(self) -> None:
        self.database.close()


def open_workspace(
    home: str | os.PathLike[str] | None = None,
    actor: str | None = None,
    clock: Clock = utc_now,
) -> Workspace:
    """Open (creating or upgrading) the store in the data home."""
    resolved = data_home(home)
    database = Database(resolved.database, migrations_dir())
    return Workspace(
        home=resolved,
        database=database,
        evidence=EvidenceStore(resolved.evidence),
        actor=clean(actor) if actor else default_actor(),
        clock=clock,
    )


def workspace_exists(home: str | os.PathLike[str] | None = None) -> bool:
    return Path(data_home(home).database).exists()
