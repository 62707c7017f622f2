"""The application log inside the app, for support calls: newest last, filter, search, copy.

Entries come from the log file (what survives a restart) and the in-memory tail (what a read-only
profile could not write to disk); an entry found in both is shown once. Read-only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRegularExpression, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontDatabase,
    QGuiApplication,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app import logs
from assessor_app.domain.text import fold
from assessor_app.i18n import _, ngettext

MAX_FILE_BYTES = 2 * 1024 * 1024  # the file rotates at 1 MB; more is never needed
SERIOUS = ("WARNING", "ERROR", "CRITICAL")
_START = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d{3})?) (?P<level>[A-Z]+) "
)


@dataclass(frozen=True)
class LogEntry:
    """One record: its first line and any lines that follow it (a traceback)."""

    text: str
    stamp: str
    level: str

    @property
    def serious(self) -> bool:
        return self.level in SERIOUS


def parse_entries(lines: list[str]) -> list[LogEntry]:
    entries: list[LogEntry] = []
    current: list[str] = []
    stamp = level = ""

    def close() -> None:
        if current:
            entries.append(LogEntry("\n".join(current), stamp, level))

    for line in lines:
        match = _START.match(line)
        if match:
            close()
            current, stamp, level = [line], match["stamp"], match["level"]
        elif current:
            current.append(line)
        elif line.strip():  # text before the first record (a file read from the middle)
            current, stamp, level = [line], "", ""
    close()
    return entries


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> list[str]:
    """The last `limit` bytes of the log file as lines (nothing when it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(max(size - limit, 0))
            data = handle.read()
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    if size > limit and lines:
        lines = lines[1:]  # the first line is cut
    return lines


def collect(log_file: Path | None, tail: list[str] | None = None) -> list[LogEntry]:
    """The file's entries plus the in-memory ones it lacks, oldest first."""
    from_file = parse_entries(read_file(log_file)) if log_file is not None else []
    seen = {entry.text for entry in from_file}
    lines: list[str] = []
    for record in logs.tail() if tail is None else tail:
        lines.extend(record.splitlines())
    extra = [entry for entry in parse_entries(lines) if entry.text not in seen]
    entries = from_file + extra
    if extra and from_file:
        entries.sort(key=lambda entry: entry.stamp)  # stable: equal stamps keep their order
    return entries


class _LevelHighlighter(QSyntaxHighlighter):
    """Warnings in amber, errors (with their traceback) in red, search hits on yellow."""

    NORMAL, WARNING, ERROR = 0, 1, 2

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.warning = QTextCharFormat()
        self.warning.setForeground(QColor("#8a5a00"))
        self.error = QTextCharFormat()
        self.error.setForeground(QColor("#b3261e"))
        self.hit = QTextCharFormat()
        self.hit.setBackground(QColor("#fff176"))
        self.search = QRegularExpression()

    def set_search(self, text: str) -> None:
        words = "|".join(QRegularExpression.escape(word) for word in text.split())
        self.search = QRegularExpression(
            words, QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        match = _START.match(text)
        if match:
            level = match["level"]
            state = (
                self.ERROR
                if level in ("ERROR", "CRITICAL")
                else self.WARNING
                if level == "WARNING"
                else self.NORMAL
            )
        else:
            state = max(self.previousBlockState(), self.NORMAL)  # a traceback line
        self.setCurrentBlockState(state)
        if state == self.ERROR:
            self.setFormat(0, len(text), self.error)
        elif state == self.WARNING:
            self.setFormat(0, len(text), self.warning)
        if self.search.pattern():
            hits = self.search.globalMatch(text)
            while hits.hasNext():
                hit = hits.next()
                self.setFormat(hit.capturedStart(), hit.capturedLength(), self.hit)


class LogViewer(QDialog):
    def __init__(self, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.entries: list[LogEntry] = []
        self.shown: list[LogEntry] = []
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl  # a seam for tests
        self.setWindowTitle(_("Application log"))

        if log_file is not None:
            where = _("Log file: {path}").format(path=log_file)
        else:
            where = _("No log file: messages are kept in memory until the app closes.")
        self.path_label = QLabel(where)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.path_label.setAccessibleName(_("Log file location"))

        self.level = QComboBox()
        self.level.addItem(_("All messages"), False)
        self.level.addItem(_("Warnings and errors"), True)
        self.level.setAccessibleName(_("Which messages to show"))
        level_label = QLabel(_("&Show:"))
        level_label.setBuddy(self.level)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the log"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search the log"))
        search_label = QLabel(_("S&earch:"))
        search_label.setBuddy(self.search)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Number of entries shown"))

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(_("Log messages"))
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.highlighter = _LevelHighlighter(self.text.document())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = QPushButton(_("&Reload"))
        self.copy_button = QPushButton(_("&Copy all"))
        self.folder_button = QPushButton(_("Open &folder"))
        self.folder_button.setEnabled(log_file is not None)
        for button in (self.refresh_button, self.copy_button, self.folder_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.refresh_button.clicked.connect(self.reload)
        self.copy_button.clicked.connect(self.copy_all)
        self.folder_button.clicked.connect(self.open_folder)
        self.level.currentIndexChanged.connect(self._apply)
        self.search.textChanged.connect(self._apply)

        filters = QHBoxLayout()
        filters.addWidget(level_label)
        filters.addWidget(self.level)
        filters.addSpacing(12)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.path_label)
        layout.addLayout(filters)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.reload()

    def reload(self) -> None:
        self.entries = collect(self.log_file)
        self._apply()

    def _apply(self) -> None:
        serious_only = bool(self.level.currentData())
        words = fold(self.search.text()).split()
        self.shown = [
            entry
            for entry in self.entries
            if (entry.serious or not serious_only)
            and all(word in fold(entry.text) for word in words)
        ]
        self.highlighter.set_search(self.search.text())
        if self.entries:
            self.text.setPlainText(self.shown_text())
        else:
            self.text.setPlainText(_("The log is empty."))
        # Newest last and in view, from the start of its line.
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.text.moveCursor(QTextCursor.MoveOperation.StartOfLine)
        self.text.ensureCursorVisible()
        self.text.horizontalScrollBar().setValue(0)
        shown, count = len(self.shown), len(self.entries)
        self.count_label.setText(
            ngettext("{count} entry", "{count} entries", count).format(count=count)
            if shown == count
            else ngettext("{shown} of {count} entry", "{shown} of {count} entries", count).format(
                shown=shown, count=count
            )
        )

    def shown_text(self) -> str:
        return "\n".join(entry.text for entry in self.shown)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.shown_text())

    def open_folder(self) -> None:
        if self.log_file is not None:
            self.open_url(QUrl.fromLocalFile(str(self.log_file.parent)))
