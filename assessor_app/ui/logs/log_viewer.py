"""The application log inside the app, for support calls: newest last, filter by level and by
day, search, copy.

Entries come from the log file (what survives a restart) and the in-memory tail (what a read-only
profile could not write to disk); an entry found in both is shown once. Each is shown with its time
as dates read here, its level as a word, and the app's events (imports, exports, printing:
`logs.event`) as sentences in the user's language; the file keeps the codes. Read-only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QRegularExpression, Qt, QUrl
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
    QDateEdit,
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
from assessor_app.texts import dates
from assessor_app.ui.logs.log_events import level_label, sentence

MAX_FILE_BYTES = 2 * 1024 * 1024  # the file rotates at 1 MB; more is never needed
SERIOUS = ("WARNING", "ERROR", "CRITICAL")
RANKS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}
_START = re.compile(
    r"^(?P<stamp>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d{3})?) (?P<level>[A-Z]+) "
)
_HEAD = re.compile(_START.pattern + r"(?P<name>[\w.]+): (?P<message>.*)$")
_SHOWN_HEAD = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}  (?P<level>.+?)  ")


@dataclass(frozen=True)
class LogEntry:
    """One record: its first line and any lines that follow it (a traceback)."""

    text: str
    stamp: str
    level: str

    @property
    def serious(self) -> bool:
        return self.level in SERIOUS

    @property
    def rank(self) -> int:
        """How serious, as `logging` ranks it (0: a line of no known level)."""
        return RANKS.get(self.level, 0)

    @property
    def moment(self) -> datetime | None:
        """When it was logged, by the computer's clock (None: a line without a time)."""
        try:
            return datetime.strptime(self.stamp[:19], "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return None

    @property
    def day(self) -> date | None:
        moment = self.moment
        return moment.date() if moment is not None else None


def shown(entry: LogEntry) -> str:
    """The entry as the viewer shows it: "07/12/2026 09:30:00  Cảnh báo  …", an event as a
    sentence, any following lines (a traceback) as written."""
    first, *rest = entry.text.split("\n")
    head = _HEAD.match(first)
    moment = entry.moment
    if head is None or moment is None:
        return entry.text
    message = head["message"]
    if head["name"] == logs.EVENTS:
        message = sentence(message) or message
    when = dates.moment(moment)  # the log's own clock: the computer's local time
    return "\n".join([f"{when}  {level_label(entry.level)}  {message}", *rest])


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
        self.levels = {level_label(level): level for level in RANKS}

    def set_search(self, text: str) -> None:
        words = "|".join(QRegularExpression.escape(word) for word in text.split())
        self.search = QRegularExpression(
            words, QRegularExpression.PatternOption.CaseInsensitiveOption
        )
        self.rehighlight()

    def _level(self, text: str) -> str | None:
        """The level of a line that starts an entry (as shown, or as written); None for a
        following line."""
        match = _SHOWN_HEAD.match(text)
        if match:
            return self.levels.get(match["level"], "INFO")
        raw = _START.match(text)
        return raw["level"] if raw else None

    def highlightBlock(self, text: str) -> None:
        level = self._level(text)
        if level is not None:
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
        self._texts: dict[int, str] = {}  # each entry as shown, by id
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
        self.level.addItem(_("All messages"), 0)
        self.level.addItem(_("Warnings and errors"), RANKS["WARNING"])
        self.level.addItem(_("Errors only"), RANKS["ERROR"])
        self.level.setAccessibleName(_("Which messages to show"))
        show_label = QLabel(_("&Show:"))
        show_label.setBuddy(self.level)
        self._dates_chosen = False  # by the person: a reload keeps them
        self.date_from = self._date_edit(_("Show messages from this day"))
        self.date_to = self._date_edit(_("Show messages up to this day"))
        from_label = QLabel(_("F&rom:"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(_("&To:"))
        to_label.setBuddy(self.date_to)
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
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)

        filters = QHBoxLayout()
        filters.addWidget(show_label)
        filters.addWidget(self.level)
        filters.addSpacing(12)
        filters.addWidget(from_label)
        filters.addWidget(self.date_from)
        filters.addWidget(to_label)
        filters.addWidget(self.date_to)
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

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(dates.QT_DATE_INPUT)
        edit.setAccessibleName(name)
        edit.setToolTip(
            _("{what} (day/month/year; the calendar opens with the arrow).").format(what=name)
        )
        edit.setDate(QDate.currentDate())
        return edit

    def reload(self) -> None:
        self.entries = collect(self.log_file)
        self._texts = {id(entry): shown(entry) for entry in self.entries}
        if not self._dates_chosen:
            self.set_days(*self._span())
            self._dates_chosen = False
        self._apply()

    def _span(self) -> tuple[date, date]:
        """The first and last day of the log (today's for an empty log)."""
        days = [day for day in (entry.day for entry in self.entries) if day is not None]
        today = QDate.currentDate().toPython()
        assert isinstance(today, date)
        return (min(days), max(days)) if days else (today, today)

    def set_days(self, first: date, last: date) -> None:
        """Show the entries logged from `first` to `last` (both included)."""
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._dates_chosen = True
        self._apply()

    def _dates_changed(self) -> None:
        self._dates_chosen = True
        self._apply()

    def _days(self) -> tuple[date, date]:
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        assert isinstance(first, date)
        assert isinstance(last, date)
        return first, last

    def _keeps(self, entry: LogEntry, rank: int, words: list[str]) -> bool:
        first, last = self._days()
        day = entry.day
        if rank and entry.rank < rank:
            return False
        if day is not None and not first <= day <= last:
            return False
        haystack = fold(entry.text + "\n" + self._texts.get(id(entry), ""))
        return all(word in haystack for word in words)

    def _apply(self) -> None:
        rank = int(self.level.currentData() or 0)
        words = fold(self.search.text()).split()
        self.shown = [entry for entry in self.entries if self._keeps(entry, rank, words)]
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
        return "\n".join(self._texts.get(id(entry), entry.text) for entry in self.shown)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.shown_text())

    def open_folder(self) -> None:
        if self.log_file is not None:
            self.open_url(QUrl.fromLocalFile(str(self.log_file.parent)))
