"""Per-user application settings that live outside the data folder (they say where it is).

A small JSON file in the platform's user config folder, written atomically, with a schema version
so that later releases can upgrade it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import platformdirs

from assessor_app.core.files import write_atomic
from assessor_app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from assessor_app.paths import APP_NAME

SCHEMA_VERSION = 1
CONFIG_ENV = "ASSESSOR_CONFIG"


@dataclass(frozen=True)
class AppSettings:
    home: str = ""  # chosen data folder; empty = the platform default
    language: str = DEFAULT_LANGUAGE
    first_start_done: bool = False
    schema_version: int = SCHEMA_VERSION

    def with_changes(self, **changes: object) -> AppSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


def settings_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> AppSettings:
    """The saved settings, or defaults when there are none or the file is unreadable (never fatal:
    the worst case is the first-start questions again)."""
    target = path or settings_path()
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    if not isinstance(raw, dict):
        return AppSettings()
    language = raw.get("language", DEFAULT_LANGUAGE)
    return AppSettings(
        home=str(raw.get("home", "")),
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
        first_start_done=bool(raw.get("first_start_done", False)),
    )


def save_settings(settings: AppSettings, path: Path | None = None) -> None:
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    target = path or settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)  # the app's own configuration folder
    write_atomic(target, data)
