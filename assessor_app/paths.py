"""Where things live: the data home (store, evidence, logs) and the shipped resources.

The data home is `--home DIR`, else `$ASSESSOR_HOME`, else the platform's user data folder. Only this
module knows the layout, so portable installs, tests and USB-stick deployments just point it elsewhere.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "assessor-app"
HOME_ENV = "ASSESSOR_HOME"


def install_root() -> Path:
    """The folder holding `resources/` and `db/`: the repository, or PyInstaller's bundle folder."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[1]


def resource(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return install_root() / "db" / "migrations"


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
