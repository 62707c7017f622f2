"""Fixtures for pytest-qt tests: a real store in a temporary folder, a UiContext around it, the
bundled font, and a helper that saves screenshots under test-artifacts/ for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from assessor_app import i18n
from assessor_app.services import profile, reference_data
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import open_workspace
from assessor_app.ui import fonts, qt_translations
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import ErrorReporter
from tests.store_template import DEMO, DEMO_ACTOR, REFERENCE, StoreTemplates

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


@pytest.fixture(autouse=True)
def _vietnamese_ui(qapp: QApplication) -> Iterator[None]:
    """The UI in its default language (Vietnamese) with the bundled font, as users see it."""
    fonts.install(qapp)
    fonts.install_remaining()
    i18n.set_language("vi")
    qt_translations.install(qapp, "vi")
    yield
    i18n.set_language("vi")


def _context(home: Path, templates: StoreTemplates, with_demo: bool) -> UiContext:
    """The store is a copy of the run's template (tests/store_template.py): with the demo it was
    filled by `demo.create_demo` and given the profile below, as a user's would be."""
    templates.home_from(DEMO if with_demo else REFERENCE, home)
    workspace = open_workspace(home, actor=DEMO_ACTOR)
    reference_data.ensure_initialised(workspace)
    if not with_demo:
        profile.save_profile(workspace, "team", DEMO_ACTOR, "labour_social_affairs", "LS-2025-07")
    errors = ErrorReporter(log_file=home / "logs" / "assessor-app.log")
    errors.modal = False  # collect errors in errors.shown instead of blocking on a dialog
    return UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)


@pytest.fixture
def ui_context(
    home: Path, qapp: QApplication, store_templates: StoreTemplates
) -> Iterator[UiContext]:
    """An empty store (reference data loaded) with a profile."""
    context = _context(home, store_templates, with_demo=False)
    yield context
    context.writes.wait_idle()
    context.tasks.wait_idle()
    context.workspace.close()


@pytest.fixture
def demo_context(
    home: Path, qapp: QApplication, store_templates: StoreTemplates
) -> Iterator[UiContext]:
    """The demo store: three sample assessments (ids 1 finalised QĐ 06, 2 draft QĐ 06, 3 draft QĐ 34)."""
    context = _context(home, store_templates, with_demo=True)
    yield context
    context.writes.wait_idle()
    context.tasks.wait_idle()
    context.workspace.close()


def save_screenshot(widget: QWidget, name: str) -> Path:
    """Render `widget` to test-artifacts/screens/NAME.png and return the path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path
