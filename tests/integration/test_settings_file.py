"""The settings file across versions: an earlier version's file is upgraded in memory and written
back in the current version only when saved; a newer app's file, an unreadable one and a damaged
one are never overwritten or deleted, and the app still gets settings to start with."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from assessor_app.domain.errors import StoreError
from assessor_app.services.settings import (
    SETTINGS_VERSION,
    UPGRADES,
    AppSettings,
    read_settings,
    save_settings,
    settings_path,
)

NOW = datetime(2026, 3, 14, 10, 15, 2)
ASIDE = "settings.json.damaged-20260314-101502"


@pytest.fixture
def path() -> Path:
    """The settings file of the test (tests/conftest.py points ASSESSOR_CONFIG at tmp_path)."""
    target = settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _write(path: Path, document: object) -> bytes:
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    path.write_bytes(data)
    return data


def test_no_file_gives_the_defaults_and_writes_nothing(path: Path) -> None:
    loaded = read_settings()
    assert loaded.settings == AppSettings()
    assert loaded.writable
    assert loaded.notice is None
    assert not path.exists()


def test_every_earlier_version_has_an_upgrade_step() -> None:
    assert sorted(UPGRADES) == list(range(1, SETTINGS_VERSION))


@pytest.mark.parametrize(
    "document",
    [
        # what the first releases wrote (asdict of the settings, an unused schema_version)
        {"home": "/srv/du-lieu", "language": "en", "first_start_done": True, "schema_version": 1},
        # a file with no version at all is version 1
        {"home": "/srv/du-lieu", "language": "en", "first_start_done": True},
    ],
)
def test_an_earlier_version_is_read_and_only_rewritten_when_saved(
    path: Path, document: dict[str, object]
) -> None:
    original = _write(path, document | {"window": "kept"})
    loaded = read_settings()
    assert loaded.version == 1
    assert loaded.settings == AppSettings(home="/srv/du-lieu", language="en", first_start_done=True)
    assert loaded.writable
    assert loaded.notice is None
    assert path.read_bytes() == original  # reading changes nothing

    save_settings(loaded.settings.with_changes(language="vi"))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {
        "version": SETTINGS_VERSION,
        "home": "/srv/du-lieu",
        "language": "vi",
        "first_start_done": True,
        "window": "kept",  # a key this version does not know survives
    }
    assert read_settings().version == SETTINGS_VERSION
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]  # no temporary left


def test_saved_settings_read_back(path: Path) -> None:
    chosen = AppSettings(home="D:/Dữ liệu trẻ em", language="en", first_start_done=True)
    save_settings(chosen)
    assert read_settings().settings == chosen
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == SETTINGS_VERSION


def test_values_of_the_wrong_kind_fall_back_one_by_one(path: Path) -> None:
    _write(path, {"version": 2, "home": None, "language": "fr", "first_start_done": "yes"})
    assert read_settings().settings == AppSettings()
    _write(path, {"version": 2, "home": 7, "language": ["en"], "first_start_done": True})
    assert read_settings().settings == AppSettings(first_start_done=True)


def test_a_newer_apps_file_is_left_untouched_and_the_app_starts(path: Path) -> None:
    newer = {"version": SETTINGS_VERSION + 1, "profiles": [{"home": "/srv/moi", "language": "en"}]}
    original = _write(path, newer)

    loaded = read_settings()
    assert loaded.settings == AppSettings()  # the defaults: the app starts
    assert not loaded.writable
    assert loaded.notice is not None
    assert loaded.notice.code == "SETTINGS_NEWER"
    assert str(path) in loaded.notice.english()
    assert f"settings version {SETTINGS_VERSION + 1}" in loaded.notice.english()

    with pytest.raises(StoreError) as refused:
        save_settings(AppSettings(language="en", first_start_done=True))
    assert refused.value.code == "SETTINGS_NEWER"
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'{"home": "/srv/du-lieu", "langu',  # cut short by a power failure
        b"\xff\xfe\x00garbage",  # not UTF-8
        b'["home", "language"]',  # JSON, but not a settings document
        b'{"version": "2", "language": "en"}',
        b'{"version": true}',
        b'{"version": 0}',
    ],
)
def test_a_damaged_file_is_renamed_aside_with_a_date_and_said(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    loaded = read_settings(now=NOW)
    assert loaded.settings == AppSettings()
    assert loaded.writable
    assert loaded.notice is not None
    assert loaded.notice.code == "SETTINGS_DAMAGED"
    assert "{" not in loaded.notice.english()
    aside = path.with_name(ASIDE)
    assert loaded.notice.params["aside"] == str(aside)
    assert aside.read_bytes() == content
    assert not path.exists()

    save_settings(AppSettings(language="en"))  # the next save starts a fresh file
    assert read_settings().settings.language == "en"
    assert aside.read_bytes() == content


def test_a_second_damaged_file_in_the_same_second_keeps_the_first(path: Path) -> None:
    path.write_bytes(b"first")
    read_settings(now=NOW)
    path.write_bytes(b"second")
    read_settings(now=NOW)
    assert path.with_name(ASIDE).read_bytes() == b"first"
    assert path.with_name(ASIDE + "-2").read_bytes() == b"second"


def test_a_damaged_file_that_cannot_be_renamed_is_kept_and_not_overwritten(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.write_bytes(b"{broken")

    def refuse(source: object, target: object) -> None:  # a read-only config folder
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    loaded = read_settings(now=NOW)
    assert loaded.settings == AppSettings()
    assert not loaded.writable
    assert loaded.notice is not None
    assert loaded.notice.code == "SETTINGS_DAMAGED_KEPT"
    assert "Permission denied" in loaded.notice.english()
    with pytest.raises(StoreError) as refused:
        save_settings(AppSettings(language="en"))
    assert refused.value.code == "SETTINGS_DAMAGED_KEPT"
    assert path.read_bytes() == b"{broken"


def test_an_unreadable_file_is_left_untouched(path: Path) -> None:
    path.mkdir()  # something the app cannot read as a file (as root, modes would not stop it)
    (path / "inside").write_text("kept", encoding="utf-8")
    loaded = read_settings()
    assert loaded.settings == AppSettings()
    assert not loaded.writable
    assert loaded.notice is not None
    assert loaded.notice.code == "SETTINGS_UNREADABLE"
    assert "{" not in loaded.notice.english()
    with pytest.raises(StoreError) as refused:
        save_settings(AppSettings(language="en"))
    assert refused.value.code == "SETTINGS_UNREADABLE"
    assert (path / "inside").read_text(encoding="utf-8") == "kept"


def test_a_failed_write_is_an_expected_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    with pytest.raises(StoreError) as failed:
        save_settings(AppSettings(language="en"), blocker / "settings.json")
    assert failed.value.code == "SETTINGS_WRITE_FAILED"
    assert str(blocker / "settings.json") in failed.value.english()
    assert "{" not in failed.value.english()


def test_a_file_an_upgrade_step_cannot_read_counts_as_damaged(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot(document: dict[str, object]) -> dict[str, object]:
        raise TypeError("home must be text")

    monkeypatch.setitem(UPGRADES, 1, cannot)
    original = _write(path, {"home": ["/srv"], "language": "vi"})
    loaded = read_settings(now=NOW)
    assert loaded.notice is not None
    assert loaded.notice.code == "SETTINGS_DAMAGED"
    assert path.with_name(ASIDE).read_bytes() == original
