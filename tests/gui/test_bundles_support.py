"""Helpers shared by the bundle screen tests (no tests here): real stores for an inspection team
and a reviewing office, each with its own UiContext, as tests/integration/test_import.py sets them
up, and small drivers for the screens' background work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assessor_app.services import assessments, keys, profile, reference_data, team
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import open_workspace
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.tasks import Task
from tests.store_template import with_reference_data

TEAM_PASS = "mật khẩu của đoàn kiểm tra"
OFFICE_PASS = "mật khẩu văn phòng thẩm định"
B_PASS = "mật khẩu máy thứ hai"
AGENCY = "Sở Lao động - Thương binh và Xã hội Lạng Sơn"

Site = Callable[..., UiContext]


def make_context(root: Path, kind: str, name: str) -> UiContext:
    with_reference_data(root)  # a copy of the run's template (tests/store_template.py)
    workspace = open_workspace(root, actor=name)
    reference_data.ensure_initialised(workspace)
    profile.save_profile(workspace, kind, name, "labour_social_affairs", "LS-2025-07")
    errors = ErrorReporter(log_file=root / "logs" / "assessor-app.log")
    errors.modal = False  # collect errors in errors.shown instead of blocking on a dialog
    return UiContext(workspace, AppSettings(home=str(root), first_start_done=True), errors)


def site_factory(tmp_path: Path) -> Iterator[Site]:
    """For a `sites` fixture: a factory of stores, `sites("team", "Hoàng Thị Lan",
    passphrase=...)` (with a signing key when a passphrase is given), closed afterwards."""
    made: list[UiContext] = []

    def site(kind: str, name: str, passphrase: str | None = None, folder: str = "") -> UiContext:
        context = make_context(tmp_path / (folder or name.replace(" ", "_")), kind, name)
        if passphrase is not None:
            keys.init_key(context.workspace, name, AGENCY, passphrase)
        made.append(context)
        return context

    yield site
    for context in made:
        context.tasks.wait_all()
        context.workspace.close()


def wait_task(qtbot: QtBot, task: Task | None, timeout: int = 30000) -> Task:
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=timeout)
    QApplication.processEvents()
    return task


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def finalised_assessment(context: UiContext, commune: str = "06400", finalise: bool = True) -> int:
    ws = context.workspace
    created = assessments.create(ws, commune, 2026)
    assessments.set_value(ws, created.id, "TC2.1", "49/50")
    assessments.set_value(ws, created.id, "TC1.1", "có")
    team.add_member(ws, created.id, "Hoàng Thị Lan", "justice", "lead")
    if finalise:
        assessments.finalize(ws, created.id)
    return created.id


def unnamed_inputs(root: QWidget) -> list[str]:
    """Inputs a screen reader could not name: no accessible name and no text."""
    kinds = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractButton)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            continue
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def clipped_labels(root: QWidget) -> list[str]:
    """Visible one-line labels whose text is wider than the label (cut off on screen)."""
    from PySide6.QtWidgets import QLabel

    clipped = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or label.wordWrap() or not label.text():
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        needed = label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
        if needed > label.width() + 2:
            clipped.append(f"{label.text()!r}: {needed} > {label.width()}")
    return clipped
