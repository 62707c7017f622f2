"""Test-wide settings: offscreen Qt, an isolated data home, English-independent assertions."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.bundles import keys
from assessor_app.storage import database
from tests.store_template import StoreTemplates, activate

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


@pytest.fixture(autouse=True)
def _app_logging_removed() -> Iterator[None]:
    """The app's log handlers (file and in-memory tail), which `configure_logging` and the
    commands add to the root logger for the life of the process, are removed after each test:
    one test's lines never show in another's log viewer or log file."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_assessor", None)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture(autouse=True)
def _cheap_key_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Key files written in tests use a low scrypt cost (1 MiB, a few ms) instead of the shipped
    128 MiB and a third of a second; tests/unit/bundles/test_key_file.py checks the shipped one."""
    monkeypatch.setattr(keys, "KDF_COST", keys.ScryptCost(n=2**10, r=8, p=1))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "migrates: new stores in this test are migrated from nothing, not copied from the "
        "run's migrated template (tests of migrating itself)",
    )


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory: pytest.TempPathFactory) -> StoreTemplates:
    """Stores built once per run by the app's own code; tests get private copies of them."""
    return activate(StoreTemplates(tmp_path_factory.mktemp("store-templates")))


@pytest.fixture(autouse=True)
def _new_stores_from_template(
    request: pytest.FixtureRequest, store_templates: StoreTemplates, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store opened for the first time in this process starts as a copy of the migrated
    template instead of migrating from nothing (the same schema, made by the same migrations
    once per run). Stores of older schemas still upgrade; `@pytest.mark.migrates` tests migrate."""
    if request.node.get_closest_marker("migrates") is None:
        monkeypatch.setattr(database, "create_private_file", store_templates.new_store)
