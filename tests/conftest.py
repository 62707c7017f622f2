"""Test-wide settings: offscreen Qt, an isolated data home, English-independent assertions."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.bundles import keys
from assessor_app.services import workspace as workspace_module
from assessor_app.storage import database
from tests import store_backends
from tests.postgres_server import PostgresServer, postgres_server, postgres_url
from tests.store_backends import POSTGRESQL, SQLITE, PostgresTemplates, ServerStores
from tests.store_template import StoreTemplates, activate

__all__ = ["postgres_server", "postgres_url"]  # fixtures for every test

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


def pytest_addoption(parser: pytest.Parser) -> None:
    store_backends.add_option(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "migrates: new stores in this test are migrated from nothing, not copied from the "
        "run's migrated template (tests of migrating itself)",
    )
    config.addinivalue_line(
        "markers",
        "sqlite_only(why): a test of the SQLite file itself, run on SQLite only whatever "
        "--store-backend says (tests/store_backends.py)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The store, service and command-line tests run on each back end of --store-backend."""
    if "store_backend" not in metafunc.fixturenames:
        return
    relative = metafunc.definition.path.relative_to(metafunc.config.rootpath).as_posix()
    backends = store_backends.backends_of(metafunc.config, metafunc.definition, relative)
    if backends:
        metafunc.parametrize("store_backend", backends, indirect=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test's [postgresql] run is marked `postgres` too (`-m 'not postgres'` leaves it out)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("store_backend") == POSTGRESQL:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def store_backend(request: pytest.FixtureRequest) -> str:
    """The back end this run of the test keeps its stores on (tests/store_backends.py)."""
    return str(getattr(request, "param", SQLITE))


@pytest.fixture(scope="session")
def postgres_templates(
    postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> PostgresTemplates:
    return PostgresTemplates(postgres_server, tmp_path_factory.mktemp("postgres-templates"))


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory: pytest.TempPathFactory) -> StoreTemplates:
    """Stores built once per run by the app's own code; tests get private copies of them."""
    return activate(StoreTemplates(tmp_path_factory.mktemp("store-templates")))


@pytest.fixture(autouse=True)
def _new_stores_from_template(
    request: pytest.FixtureRequest,
    store_templates: StoreTemplates,
    monkeypatch: pytest.MonkeyPatch,
    store_backend: str,
) -> Iterator[None]:
    """A store opened for the first time in this process starts as a copy of the migrated
    template instead of migrating from nothing (the same schema, made by the same migrations
    once per run). Stores of older schemas still upgrade; `@pytest.mark.migrates` tests migrate.
    On PostgreSQL each data home's store is a database copied from the server's templates."""
    migrates = request.node.get_closest_marker("migrates") is not None
    if store_backend == POSTGRESQL:
        templates: PostgresTemplates = request.getfixturevalue("postgres_templates")
        stores = ServerStores(templates, migrate=migrates)
        monkeypatch.setattr(workspace_module, "Database", stores.database)
        store_templates.server = stores
        try:
            yield
        finally:
            store_templates.server = None
            stores.close()
        return
    if not migrates:
        monkeypatch.setattr(database, "create_private_file", store_templates.new_store)
    yield
