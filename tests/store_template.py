"""Stores built once per test run and copied per test (issue 11: migrating a fresh store, loading
the reference data and filling the demo cost most of many tests' set-up).

Each template is made by the app's own code (`open_workspace` migrates, `reference_data`
loads, `demo` fills), closed and checkpointed, so its file is complete and not live; a test gets
its own private copy (mode 0600, like every store) and never sees another test's writes. The
schema is the one this run's migrations make; tests of migrating itself (`@pytest.mark.migrates`)
still migrate.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from assessor_app.paths import data_home
from assessor_app.services import demo, profile, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.store_files import create_private_file

if TYPE_CHECKING:
    from tests.store_backends import ServerStores

MIGRATED = "migrated"  # an empty store at the newest schema: what opening a new store makes
REFERENCE = "reference"  # plus the shipped catalogues and unit lists
DEMO = "demo"  # plus the demo's sample assessments and a team profile (tests/gui)

DEMO_ACTOR = "Hoàng Thị Lan"


def _checkpointed(path: Path) -> None:
    """Fold the write-ahead log into the file, so that the file alone is the whole store."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _build(folder: Path, kind: str) -> Path:
    workspace: Workspace = open_workspace(folder / kind, actor=DEMO_ACTOR)
    try:
        if kind in (REFERENCE, DEMO):
            reference_data.initialise(workspace)
        if kind == DEMO:
            demo.create_demo(workspace)
            profile.save_profile(
                workspace, "team", DEMO_ACTOR, "labour_social_affairs", "LS-2025-07"
            )
    finally:
        workspace.close()
    _checkpointed(workspace.home.database)
    return workspace.home.database


class StoreTemplates:
    """The templates of one test run, built when first asked for, in a session's temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._built: dict[str, Path] = {}
        self._building = False
        # In a test on PostgreSQL (tests/store_backends.py), where a home's store begins instead.
        self.server: ServerStores | None = None

    def path(self, kind: str) -> Path:
        if kind not in self._built:
            self._building = True
            try:
                self._built[kind] = _build(self.folder, kind)
            finally:
                self._building = False
        return self._built[kind]

    def new_store(self, path: Path) -> None:
        """In place of `store_files.create_private_file` when a store is opened: a copy of the
        migrated template (an empty file, to be migrated, while a template is being built)."""
        if self._building:
            create_private_file(path)
        else:
            self.copy_to(MIGRATED, path)

    def copy_to(self, kind: str, target: Path) -> None:
        """Make `target` a private copy (0600) of template `kind`, unless it exists: what
        `store_files.create_private_file` does for a new store, with the schema already in it."""
        source = self.path(kind)
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        with os.fdopen(descriptor, "wb") as out, source.open("rb") as template:
            shutil.copyfileobj(template, out)

    def home_from(self, kind: str, home: Path) -> None:
        """Give the data home `home` (not opened yet) a copy of template `kind` as its store."""
        target = data_home(home).database
        if self.server is not None:
            self.server.home_from(kind, target)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        self.copy_to(kind, target)


_active: list[StoreTemplates] = []  # the run's templates (tests/conftest.py `store_templates`)


def activate(templates: StoreTemplates) -> StoreTemplates:
    _active[:] = [templates]
    return templates


def with_reference_data(home: Path) -> None:
    """For helpers that open a store by path (two sites of an exchange): give the data home
    `home` a copy of the run's reference template, unless it has a store already."""
    _active[0].home_from(REFERENCE, home)


def copy_store(workspace: Workspace, home: Path) -> None:
    """Give the data home `home` (not opened yet) a copy of `workspace`'s store as it is now (an
    installation restored from a backup): the file's backup, or on a server a database copied
    from the workspace's (its connections closed first: a template must have none)."""
    server = _active[0].server
    target = data_home(home).database
    if server is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        workspace.database.backup(target)
        return
    workspace.database.engine.dispose()
    server.copy(workspace.home.database, target)
