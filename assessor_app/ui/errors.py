"""Showing errors: expected ones as a clear message in the user's language; bugs in a dialog with
copyable details and the log file's path. Installed as the excepthook for the GUI thread and for
worker threads."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _

log = logging.getLogger(__name__)


def sentence_of(error: BaseException) -> str:
    """The user-facing text of an expected error without its code (which goes in a tooltip or a
    detail line, never inside the sentence)."""
    if isinstance(error, AssessorError):
        return i18n.render(error)
    return message_of(error)


def code_of(error: BaseException) -> str:
    """The error's code for support calls, "" when it has none."""
    return error.code if isinstance(error, AssessorError) else ""


def code_detail(code: str) -> str:
    """ "Mã lỗi: KEY_FINGERPRINT_MISMATCH": the code in words, for a tooltip or a detail line."""
    return _("Error code: {code}").format(code=code) if code else ""


def message_of(error: BaseException) -> str:
    """The user-facing text of an expected error, its code on a line of its own, in words ("Mã
    lỗi: …"), for support calls: never in brackets inside the sentence."""
    if isinstance(error, AssessorError):
        return f"{i18n.render(error)}\n\n{code_detail(error.code)}"
    if isinstance(error, OSError):
        detail = error.strerror or str(error)
        where = f"\n{error.filename}" if error.filename else ""
        return (
            _("The operating system refused the operation: {detail}").format(detail=detail) + where
        )
    return str(error)


def is_expected(error: BaseException) -> bool:
    return isinstance(error, AssessorError | OSError)


class ErrorReporter(QObject):
    """Shows errors; also the target of the excepthooks (marshalled to the GUI thread)."""

    _unhandled = Signal(object)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.modal = True  # tests set False to collect instead of blocking
        self.shown: list[tuple[str, str]] = []  # (kind, text) of every error shown, for tests
        self._unhandled.connect(lambda error: self.report(None, error))

    def report(
        self, parent: QWidget | None, error: BaseException, title: str | None = None
    ) -> None:
        """An expected error in a message box (titled `title`, else "Cannot do that"); a bug in
        the dialog for bugs."""
        if is_expected(error):
            text = message_of(error)
            self.shown.append(("expected", text))
            log.info("expected error shown: %s", text.replace("\n", " "))
            if self.modal:
                from PySide6.QtWidgets import QMessageBox  # when needed: Qt classes cost start-up

                QMessageBox.warning(parent, title or _("Cannot do that"), text)
            return
        log.error("unexpected error", exc_info=error)
        self.shown.append(("unexpected", "".join(traceback.format_exception_only(error))))
        from assessor_app.ui.unexpected_error_dialog import UnexpectedErrorDialog

        dialog = UnexpectedErrorDialog(error, self.log_file, parent)
        if self.modal:
            dialog.exec()
        else:
            dialog.deleteLater()

    def install_hooks(self) -> None:
        def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, value, tb)
                return
            self._unhandled.emit(value)

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                self._unhandled.emit(args.exc_value)

        sys.excepthook = hook
        threading.excepthook = thread_hook
