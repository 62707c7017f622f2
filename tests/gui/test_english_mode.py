"""In English the screens show no Vietnamese kinds, statuses, sectors or roles: the models take
their words from the text layer when they are shown, in the language of the moment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.catalogue import Sector
from assessor_app.texts import labels
from assessor_app.ui import qt_translations
from assessor_app.ui.context import UiContext
from assessor_app.ui.main_window import MainWindow
from tests.gui.conftest import save_screenshot
from tests.gui.test_editor_support import settle


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    i18n.set_language("en")
    qt_translations.install(qapp, "en")
    yield
    i18n.set_language("vi")
    qt_translations.install(qapp, "vi")


def vietnamese_labels() -> set[str]:
    words: set[str] = set()
    for kind in AssessmentKind:
        words.add(labels.assessment_kind(kind, "vi"))
    for status in AssessmentStatus:
        words.add(labels.assessment_status(status, "vi"))
    for sector in Sector:
        words.add(labels.sector(sector, "vi"))
    for role in MemberRole:
        words.add(labels.member_role(role, "vi"))
    english = {labels.sector(s, "en") for s in Sector} | {
        labels.member_role(r, "en") for r in MemberRole
    }
    return words - english  # a word the same in both languages proves nothing


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            value = model.data(index, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value
        yield from _model_texts(model, model.index(row, 0, parent))


def screen_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisible():
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.isVisible() and widget.model():
            texts += list(_model_texts(widget.model(), QModelIndex()))
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def test_english_screens_show_no_vietnamese_labels(
    qtbot: QtBot, demo_context: UiContext, english: None
) -> None:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert demo_context.tasks.wait_idle()
    settle()
    vietnamese = vietnamese_labels()
    shown = screen_texts(window)
    assert "Draft" in shown or "Finalised" in shown  # the list speaks English
    assert not sorted({text for text in shown if text in vietnamese})
    editor = window.open_assessment(1)
    settle()
    tabs = editor.findChild(QTabWidget)
    assert tabs is not None
    every: list[str] = []
    for index in range(tabs.count()):  # scoring, team (roles, agencies), history
        tabs.setCurrentIndex(index)
        settle()
        shown = screen_texts(editor)
        assert not sorted({text for text in shown if text in vietnamese}), tabs.tabText(index)
        every += shown
    english_roles = {labels.member_role(role, "en") for role in MemberRole}
    assert english_roles & set(every)  # the team tab was seen, in English
    save_screenshot(window, "english-main-window")
