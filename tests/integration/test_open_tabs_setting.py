"""The tabs open at the last close, kept in the settings file per data folder: the rest of the file
is kept, anything of the wrong kind is left out, and a file of a newer app is never written."""

from __future__ import annotations

import json
from pathlib import Path

from assessor_app.services.settings import (
    SETTINGS_VERSION,
    AppSettings,
    OpenTabs,
    read_open_tabs,
    read_settings,
    save_open_tabs,
    save_settings,
    settings_path,
)


def test_tabs_are_kept_per_data_folder_beside_the_settings(tmp_path: Path) -> None:
    save_settings(AppSettings(home="/data/a", language="en", first_start_done=True))
    first, second = tmp_path / "a", tmp_path / "b"
    assert save_open_tabs(first, OpenTabs((2, 3), 3, {2: "TC7.1", 3: "TC4"}))
    assert save_open_tabs(second, OpenTabs((1,), None, {}))
    assert read_open_tabs(first) == OpenTabs((2, 3), 3, {2: "TC7.1", 3: "TC4"})
    assert read_open_tabs(second) == OpenTabs((1,), None, {})
    assert read_open_tabs(tmp_path / "other") == OpenTabs()
    loaded = read_settings()
    assert loaded.settings == AppSettings(home="/data/a", language="en", first_start_done=True)
    save_settings(loaded.settings.with_changes(language="vi"))  # keeps the tabs
    assert read_open_tabs(first).assessments == (2, 3)


def test_wrong_kinds_are_left_out(tmp_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"assessments": [2, "3", True, 2, 5], "current": 9, "selected": {"2": "TC1", "x": 1}}
    document = {"version": SETTINGS_VERSION, "open_tabs": {str(tmp_path): entry}}
    path.write_text(json.dumps(document), encoding="utf-8")
    assert read_open_tabs(tmp_path) == OpenTabs((2, 5), None, {2: "TC1"})


def test_a_newer_apps_file_is_left_alone(tmp_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"version": SETTINGS_VERSION + 1}).encode("utf-8")
    path.write_bytes(data)
    assert not save_open_tabs(tmp_path, OpenTabs((1,), 1, {}))
    assert path.read_bytes() == data
    assert read_open_tabs(tmp_path) == OpenTabs()
