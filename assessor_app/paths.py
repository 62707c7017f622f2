"""Where things live: the data home (store, evidence, logs) and the shipped resources.

The data home is `--home DIR`, else `$ASSESSOR_HOME`, else the platform's user data folder. Only this
module knows the layout, so portable installs, tests and USB-stick deployments just point it elsewhere.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePath

import platformdirs

APP_NAME = "assessor-app"
HOME_ENV = "ASSESSOR_HOME"


def _package_folder(package: str) -> Path:
    """The folder of a package that holds data files. The shipped resources and the migrations are
    packages of their own (mapped from the repository's `resources/` and `db/migrations/` by
    `pyproject.toml`), so a wheel, an editable checkout and the one-folder build all find them
    through the package's `__path__` (what `importlib.resources.files` reads, without loading that
    module at every start). Fonts, gettext and Alembic need real files: a zipped install is not
    supported."""
    locations = [Path(p) for p in getattr(importlib.import_module(package), "__path__", [])]
    if len(locations) != 1 or not locations[0].is_dir():
        raise RuntimeError(f"{package} is not installed as one folder on disk ({locations!r})")
    return locations[0]


def resource(*parts: str) -> Path:
    """A shipped resource: catalogues, unit lists, translations, fonts."""
    return _package_folder("assessor_app.resources").joinpath(*parts)


def migrations_dir() -> Path:
    """The Alembic scripts that bring a store to the app's schema."""
    return _package_folder("assessor_app.migrations")


def stored_form(path: PurePath, home: PurePath) -> str:
    """How a path is recorded in the store: relative to the data home (with forward slashes, which
    Windows reads too) when it is inside it, so moving the data folder, to another drive or another
    user's profile, breaks nothing; else absolute, as given. Works on either kind of path, so the
    Windows cases (drive letters, backslashes, case-insensitive names) are tested on any system."""
    try:
        return path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def from_stored_form(stored: str, home: PurePath) -> PurePath:
    """A recorded path as a path to open: a relative one inside the data home `home`."""
    path = type(home)(stored)
    return path if path.is_absolute() else home / path


@dataclass(frozen=True)
class DataHome:
    root: Path
    log_dir: Path | None = None  # the platform's user log folder, unless the home was given

    @property
    def database(self) -> Path:
        return self.root / "assessor.sqlite3"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def logs(self) -> Path:
        return self.log_dir or self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def incoming(self) -> Path:
        """Bundles being verified or imported are unpacked here, one locked folder each."""
        return self.root / "incoming"

    @property
    def staging(self) -> Path:
        """Bundles being exported are built here before they are zipped onto the target."""
        return self.root / "tmp"

    def kept_folders(self) -> tuple[Path, ...]:
        """The folders made whenever the store is opened (private, like all in `private_folders`)."""
        return (self.root, self.keys, self.receipts, self.quarantine)

    def private_folders(self) -> tuple[Path, ...]:
        """Every folder of the app's own: readable by its owner only (0700). The logs folder is made
        by the logging set-up; the others when they are first needed."""
        return (
            *self.kept_folders(),
            self.evidence,
            self.logs,
            self.incoming,
            self.staging,
            self.backups,
        )


def data_home(explicit: str | os.PathLike[str] | None = None) -> DataHome:
    if explicit:
        return DataHome(Path(explicit).expanduser().resolve())
    env = os.environ.get(HOME_ENV)
    if env:
        return DataHome(Path(env).expanduser().resolve())
    return DataHome(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
