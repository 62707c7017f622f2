"""Every input of the main screens that takes a number, a fraction, a passphrase, a date or typed
text says what it wants: a tooltip, or a visible hint in the field (its placeholder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assessor_app.ui.context import UiContext
from tests.gui import walk_screens

SCREENS = (
    "main-list",
    "main-editor",
    "new-assessment",
    "export",
    "passphrase",
    "my-key-none",
    "enrol",
    "settings",
    "receipt-import",
    "import-1-choose",
    "dossier-details",
    "summary",
    "decision",
    "decisions",
    "revoke",
    "commend",
    "procedure",
    "review",
    "review-point",
    "review-return",
    "pdf-sign",
    "first-start-2-data",
    "first-start-3-profile",
    "log-viewer",
    "backups",
    "unit-merges",
    "unit-merge-correct",
)


def _hinted(widget: QWidget) -> bool:
    if widget.toolTip().strip():
        return True
    return isinstance(widget, QLineEdit) and bool(widget.placeholderText().strip())


def _needs_hint(widget: QWidget) -> bool:
    """Numbers, fractions, passphrases and dates: what a user can type wrong without a word of
    help. (A name or a file chosen with the button beside it says itself.)"""
    if isinstance(widget, QAbstractSpinBox):  # numbers, years, dates
        return not isinstance(widget.parent(), QAbstractSpinBox)
    if not isinstance(widget, QLineEdit) or isinstance(
        widget.parent(), QAbstractSpinBox | QComboBox
    ):
        return False
    if widget.echoMode() != QLineEdit.EchoMode.Normal or widget.validator() is not None:
        return True  # a passphrase; a number
    return any(type(w).__name__ == "ValueInput" for w in _ancestors(widget))  # a figure


def _ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def inputs_without_hint(window: QWidget) -> list[str]:
    """The visible inputs of numbers, fractions, passphrases and dates that have neither a tooltip
    nor a placeholder."""
    missing = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isEnabled() or not _needs_hint(widget):
            continue
        if isinstance(widget, QLineEdit) and widget.isReadOnly():
            continue
        if not _hinted(widget):
            missing.append(
                f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
            )
    return sorted(missing)


@pytest.mark.parametrize("screen", SCREENS)
def test_every_input_says_what_it_wants(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path, screen: str
) -> None:
    walk = walk_screens.Walk(
        demo_context, tmp_path, lambda condition: qtbot.waitUntil(condition, timeout=30000)
    )
    try:
        window = walk_screens.SCREENS[screen](walk)
        missing = inputs_without_hint(window)
        assert not missing, "\n".join(missing)
    finally:
        walk.close()
