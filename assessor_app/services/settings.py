"""Per-user application settings that live outside the data folder (they say where it is).

A small JSON file in the platform's user config folder, written atomically. It carries the version
of its format (`"version"`); a file of an earlier version is upgraded in memory, step by step
(`UPGRADES`), and written back in the current version only when the settings are next saved.

A settings file this app cannot use is never overwritten or deleted:
- written by a newer version of the app (a higher version): left untouched, the app runs on its
  defaults and refuses to save (`SETTINGS_NEWER`);
- unreadable (access rights): left untouched, likewise (`SETTINGS_UNREADABLE`);
- damaged (not a settings document): renamed aside with a dated suffix, then the defaults
  (`SETTINGS_DAMAGED`; `SETTINGS_DAMAGED_KEPT` when it cannot be renamed, and then nothing is saved).
`read_settings` returns the error to tell the user once at start; `save_settings` raises it.
"""

from __future__ import annotations

import enum
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from assessor_app.core.files import write_atomic
from assessor_app.domain.errors import N_, InputError, StoreError
from assessor_app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from assessor_app.paths import APP_NAME
from assessor_app.services.clock import local_now

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2
CONFIG_ENV = "ASSESSOR_CONFIG"
DAMAGED_SUFFIX = ".damaged-"

Document = dict[str, Any]


def _from_version_1(document: Document) -> Document:
    """Version 1 had no version of its own (early files carry `"schema_version": 1`, which
    nothing read); version 2 says it in `"version"`. The settings' keys are unchanged."""
    return {key: value for key, value in document.items() if key != "schema_version"}


# UPGRADES[n] turns a document of version n into one of version n + 1 (KeyError, TypeError or
# ValueError: it cannot, and the file is treated as damaged). Changing the format means raising
# SETTINGS_VERSION and adding a step here; keep the keys an older app reads (home, language,
# first_start_done) meaning the same, since an older app may still read the file.
UPGRADES: dict[int, Callable[[Document], Document]] = {1: _from_version_1}


@dataclass(frozen=True)
class AppSettings:
    home: str = ""  # chosen data folder; empty = the platform default
    language: str = DEFAULT_LANGUAGE
    first_start_done: bool = False
    # The store the app opens at its next start: "" = the data folder's file; else a PostgreSQL URL
    # with no password (services/store_choice.py: the password comes from libpq's own files).
    store: str = ""
    # A server store's shared evidence folder: "" = the evidence in the database (the default);
    # $ASSESSOR_EVIDENCE_FOLDER overrides it (services/store_choice.chosen_evidence_folder).
    evidence_folder: str = ""

    def with_changes(self, **changes: object) -> AppSettings:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class LoadedSettings:
    """The settings to use, whether they may be saved, and what to tell the user about the file."""

    settings: AppSettings
    writable: bool = True  # False: the file is left untouched and `save_settings` would refuse
    notice: StoreError | None = None  # the file could not be used: say so once, at start
    version: int | None = None  # the version the file was read in (None: no usable file)


def settings_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


# --- the file on disk


class _State(enum.Enum):
    MISSING = "missing"
    USABLE = "usable"  # this version or an earlier one (upgraded in memory)
    NEWER = "newer"
    DAMAGED = "damaged"
    UNREADABLE = "unreadable"


@dataclass(frozen=True)
class _OnDisk:
    state: _State
    document: Document | None = None  # upgraded to SETTINGS_VERSION when usable
    version: int | None = None
    reason: str = ""


def _version_of(document: Document) -> int | None:
    """The document's version; 1 when it has none; None when it is not a version number."""
    version = document.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return None
    return version


def upgrade(document: Document, version: int) -> Document:
    """A document of `version` (at most SETTINGS_VERSION) brought to SETTINGS_VERSION."""
    for step in range(version, SETTINGS_VERSION):
        document = UPGRADES[step](document)
    return document | {"version": SETTINGS_VERSION}


def _inspect(path: Path) -> _OnDisk:
    try:
        text = path.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError):  # no such file (nor such folder)
        return _OnDisk(_State.MISSING)
    except OSError as error:
        return _OnDisk(_State.UNREADABLE, reason=error.strerror or str(error))
    except UnicodeDecodeError:
        return _OnDisk(_State.DAMAGED)
    try:
        document = json.loads(text)
    except ValueError:
        return _OnDisk(_State.DAMAGED)
    if not isinstance(document, dict):
        return _OnDisk(_State.DAMAGED)
    version = _version_of(document)
    if version is None:
        return _OnDisk(_State.DAMAGED)
    if version > SETTINGS_VERSION:
        return _OnDisk(_State.NEWER, version=version)
    try:
        return _OnDisk(_State.USABLE, upgrade(document, version), version)
    except (KeyError, TypeError, ValueError):  # a step cannot make sense of it
        return _OnDisk(_State.DAMAGED)


def _aside_path(path: Path, now: datetime) -> Path:
    stem = f"{path.name}{DAMAGED_SUFFIX}{now:%Y%m%d-%H%M%S}"
    candidate, number = path.with_name(stem), 1
    while candidate.exists():  # two damaged files in the same second: never replace the first
        number += 1
        candidate = path.with_name(f"{stem}-{number}")
    return candidate


def _set_aside(path: Path, now: datetime) -> Path:
    aside = _aside_path(path, now)
    os.rename(path, aside)
    log.warning("damaged settings file renamed to %s", aside)
    return aside


# --- the errors a user is shown


def _newer(path: Path, version: int | None) -> StoreError:
    return StoreError(
        "SETTINGS_NEWER",
        N_(
            "The settings file {path} was written by a newer version of the app (settings version {version}). It is left untouched: this version uses its default settings and cannot save changes to them. Install the newer version again to use and change your settings."
        ),
        path=str(path),
        version=version,
    )


def _unreadable(path: Path, reason: str) -> StoreError:
    return StoreError(
        "SETTINGS_UNREADABLE",
        N_(
            "The settings file {path} cannot be opened ({reason}). It is left untouched: the app uses its default settings and cannot save changes to them. Ask for your user account to be given access to this file again."
        ),
        path=str(path),
        reason=reason,
    )


def _damaged(path: Path, aside: Path) -> StoreError:
    return StoreError(
        "SETTINGS_DAMAGED",
        N_(
            "The settings file {path} was damaged and could not be read. It was renamed to {aside} and the app starts with its default settings: choose your language and data folder again."
        ),
        path=str(path),
        aside=str(aside),
    )


def _damaged_kept(path: Path, reason: str) -> StoreError:
    return StoreError(
        "SETTINGS_DAMAGED_KEPT",
        N_(
            "The settings file {path} is damaged and could not be renamed ({reason}). It is left as it is: the app uses its default settings and cannot save changes to them until the file is moved away."
        ),
        path=str(path),
        reason=reason,
    )


def _write_failed(path: Path, reason: str) -> StoreError:
    return StoreError(
        "SETTINGS_WRITE_FAILED",
        N_(
            "The settings could not be saved to {path} ({reason}). The previous settings are kept; check that the folder may be written to and the disk is not full."
        ),
        path=str(path),
        reason=reason,
    )


# --- reading and saving


def _settings_of(document: Document) -> AppSettings:
    """The settings a current-version document holds; a value of the wrong kind is its default."""
    home = document.get("home", "")
    language = document.get("language", DEFAULT_LANGUAGE)
    return AppSettings(
        home=home if isinstance(home, str) else "",
        language=language
        if isinstance(language, str) and language in LANGUAGES
        else DEFAULT_LANGUAGE,
        first_start_done=document.get("first_start_done") is True,
        store=_store_of(document.get("store", "")),
        evidence_folder=_text(document.get("evidence_folder", "")),
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _store_of(value: object) -> str:
    """A saved store URL the app can open, never with a password (one typed into the file by hand
    is dropped from what the app uses and from what it saves again); else the file."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        # Only a settings file naming a server loads SQLAlchemy's URL parser: the first paint
        # reads the settings and must not (tests/gui/test_first_paint.py).
        from assessor_app.services.store_choice import saved_form

        return saved_form(value)
    except InputError:
        return ""


def read_settings(path: Path | None = None, now: datetime | None = None) -> LoadedSettings:
    """The saved settings, or the defaults with the reason when the file cannot be used (never
    fatal: the app must start). A damaged file is renamed aside (`now` dates the new name)."""
    target = path or settings_path()
    on_disk = _inspect(target)
    if on_disk.state is _State.MISSING:
        return LoadedSettings(AppSettings())
    if on_disk.state is _State.USABLE:
        assert on_disk.document is not None
        return LoadedSettings(_settings_of(on_disk.document), version=on_disk.version)
    if on_disk.state is _State.NEWER:
        return LoadedSettings(
            AppSettings(), False, _newer(target, on_disk.version), on_disk.version
        )
    if on_disk.state is _State.UNREADABLE:
        return LoadedSettings(AppSettings(), False, _unreadable(target, on_disk.reason))
    try:
        aside = _set_aside(target, now or local_now())
    except OSError as error:
        return LoadedSettings(
            AppSettings(), False, _damaged_kept(target, error.strerror or str(error))
        )
    return LoadedSettings(AppSettings(), True, _damaged(target, aside))


def save_settings(
    settings: AppSettings, path: Path | None = None, now: datetime | None = None
) -> None:
    """Write the settings in the current version, atomically, keeping keys this version does not
    know. Refuses (StoreError) rather than overwrite a file of a newer app or one it cannot read.
    A file damaged since the start is set aside first (`now` dates its new name)."""
    target = path or settings_path()
    on_disk = _inspect(target)
    if on_disk.state is _State.NEWER:
        raise _newer(target, on_disk.version)
    if on_disk.state is _State.UNREADABLE:
        raise _unreadable(target, on_disk.reason)
    if on_disk.state is _State.DAMAGED:  # damaged since the start: keep it for whoever looks
        try:
            _set_aside(target, now or local_now())
        except OSError as error:
            raise _damaged_kept(target, error.strerror or str(error)) from None
    document = (on_disk.document or {}) | {
        "version": SETTINGS_VERSION,
        "home": settings.home,
        "language": settings.language,
        "first_start_done": settings.first_start_done,
        "store": _store_of(settings.store),
    }
    if not document["store"]:  # the file (the default): no key, as before issue 16
        del document["store"]
    if settings.evidence_folder.strip():
        document["evidence_folder"] = settings.evidence_folder.strip()
    else:  # in the database (the default): no key
        document.pop("evidence_folder", None)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # the app's own configuration folder
        write_atomic(target, data)
    except OSError as error:
        raise _write_failed(target, error.strerror or str(error)) from None


# --- the tabs open when the app was last closed, per data folder


@dataclass(frozen=True)
class OpenTabs:
    """The assessments open in tabs (in tab order), the one shown (None: the list) and the
    criterion or indicator selected in each; kept per data folder, since ids are per store."""

    assessments: tuple[int, ...] = ()
    current: int | None = None
    selected: dict[int, str] = field(default_factory=dict)


OPEN_TABS_KEY = "open_tabs"


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _tabs_of(entry: object) -> OpenTabs:
    """What a settings file says, leaving out anything of the wrong kind (never fatal)."""
    if not isinstance(entry, dict):
        return OpenTabs()
    raw_ids = entry.get("assessments")
    ids = [_whole(item) for item in raw_ids] if isinstance(raw_ids, list) else []
    assessments = tuple(dict.fromkeys(i for i in ids if i is not None))
    raw_selected = entry.get("selected")
    selected = {
        int(key): code
        for key, code in (raw_selected.items() if isinstance(raw_selected, dict) else [])
        if isinstance(key, str) and key.isdigit() and isinstance(code, str)
    }
    current = _whole(entry.get("current"))
    return OpenTabs(assessments, current if current in assessments else None, selected)


def read_open_tabs(store: Path, path: Path | None = None) -> OpenTabs:
    """The tabs last open on the store in folder `store` (none when the file cannot be used)."""
    on_disk = _inspect(path or settings_path())
    if on_disk.state is not _State.USABLE or on_disk.document is None:
        return OpenTabs()
    folders = on_disk.document.get(OPEN_TABS_KEY)
    return _tabs_of(folders.get(str(store)) if isinstance(folders, dict) else None)


def save_open_tabs(store: Path, tabs: OpenTabs, path: Path | None = None) -> bool:
    """Remember the tabs open on the store in folder `store`, keeping the rest of the file. A
    file this app may not write (newer, damaged, unreadable) is left alone: the tabs are only a
    convenience, so this returns False rather than raise."""
    target = path or settings_path()
    on_disk = _inspect(target)
    if on_disk.state not in (_State.USABLE, _State.MISSING):
        return False
    document = dict(on_disk.document or {"version": SETTINGS_VERSION})
    folders = document.get(OPEN_TABS_KEY)
    folders = dict(folders) if isinstance(folders, dict) else {}
    folders[str(store)] = {
        "assessments": list(tabs.assessments),
        "current": tabs.current,
        "selected": {str(key): code for key, code in tabs.selected.items()},
    }
    document[OPEN_TABS_KEY] = folders
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as error:
        log.warning("the open tabs could not be remembered: %s", error)
        return False
    return True
