"""What a screen says: every text a user can read in a window (labels, buttons, titles, menus, tab
names, headers and the first rows of every list, tooltips, placeholders, the text of a guide), for
the screen walk and for the screenshot tests, which assert what the screen says."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QWidget,
    QWizard,
)

ROWS = 3  # the first rows of every list: what the model says, not every record


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: PySide6 keeps its columnCount private
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, depth: int) -> Iterator[str]:
    for row in range(min(ROWS, model.rowCount(parent))):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
            if column == 0 and depth < 2:
                yield from _model_texts(model, index, depth + 1)


def _view_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    for column in range(_columns(model, QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield "header", value
    for value in _model_texts(model, QModelIndex(), 0):
        yield "row", value


def _menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu", menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu())
        elif action.text():
            yield "menu", action.text()


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    kind = type(widget).__name__
    if widget.toolTip():
        yield f"{kind} tooltip", widget.toolTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield kind, widget.text()
    if isinstance(widget, QGroupBox):
        yield kind, widget.title()
    if isinstance(widget, QLineEdit):
        yield f"{kind} placeholder", widget.placeholderText()
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield kind, widget.itemText(index)
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield "tab", widget.tabText(index)
    if isinstance(widget, QTextBrowser):
        yield kind, widget.toPlainText()
    if (
        isinstance(widget, QAbstractItemView)
        and not isinstance(widget, QHeaderView)  # read with its view
        and not isinstance(widget.parent(), QComboBox)
    ):
        yield from ((f"{kind} {where}", text) for where, text in _view_texts(widget))


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text of `window` a user can read, menus included."""
    texts = [("window title", window.windowTitle())]
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.menu() is not None:
                texts += list(_menu_texts(action.menu()))
    if isinstance(window, QWizard) and window.currentPage() is not None:
        texts += [
            ("wizard", window.currentPage().title()),
            ("wizard", window.currentPage().subTitle()),
        ]
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is window or widget.isVisibleTo(window):
            texts += list(_widget_texts(widget))
    return [(where, text) for where, text in texts if text and text.strip()]


def says(window: QWidget, *phrases: str) -> None:
    """Assert that each phrase is in a text `window` shows (after "&" accelerators are dropped)."""
    texts = [text.replace("&", "") for _where, text in visible_texts(window)]
    missing = [p for p in phrases if not any(p in text for text in texts)]
    assert not missing, f"the screen does not say {missing}; it says {texts}"
