"""Test-wide settings: offscreen Qt, an isolated data home, English-independent assertions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor_app.bundles import keys

# Must be set before any QApplication exists (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches the developer's real data folder or settings file."""
    home = tmp_path / "home"
    monkeypatch.setenv("ASSESSOR_HOME", str(home))
    monkeypatch.setenv("ASSESSOR_USER", "Nguyễn Thị Test")
    monkeypatch.setenv("ASSESSOR_CONFIG", str(tmp_path / "config" / "settings.json"))
    monkeypatch.delenv("ASSESSOR_LANG", raising=False)
    return home


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture(autouse=True)
def _cheap_key_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Key files written in tests use a low scrypt cost (1 MiB, a few ms) instead of the shipped
    128 MiB and a third of a second; tests/unit/bundles/test_key_file.py checks the shipped one."""
    monkeypatch.setattr(keys, "KDF_COST", keys.ScryptCost(n=2**10, r=8, p=1))
