"""Small widgets and helpers shared by the bundle screens: inline messages, coloured banners, a QR
image, a dialog that hosts a view, file choosers and progress in KiB."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPixmap, qGray
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.core.progress import Progress
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.ui import file_dialogs
from assessor_app.ui.errors import code_detail, code_of, message_of, sentence_of

ERROR_STYLE = "color: #a61b1b; font-weight: bold;"
BANNER_STYLES = {
    "ok": "background: #e3f4e1; color: #1b5e20; border: 1px solid #8bc58f;",
    "warn": "background: #fff3c4; color: #5c4300; border: 1px solid #e0c060;",
    "error": "background: #fde2e1; color: #8e1b16; border: 1px solid #e08a85;",
    "info": "background: #e6eef8; color: #1d3b5c; border: 1px solid #9db6d6;",
}
BANNER_ICONS = {"ok": "✔ ", "warn": "⚠ ", "error": "✖ ", "info": "ℹ "}


def kib_progress(progress: Progress) -> Progress:
    """Byte counts from the services, reported in KiB: a progress dialog holds a 32-bit int."""

    def report(done: int, total: int) -> None:
        total_kib = (max(total, 0) + 1023) // 1024
        progress(min(max(done, 0) // 1024, total_kib), total_kib)

    return report


def mono_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(max(font.pointSize(), 10))
    return font


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def wrapped(text: str = "", name: str = "") -> QLabel:
    """A word-wrapped, selectable label (named for screen readers when `name`)."""
    label = selectable(QLabel(text))
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    return label


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class InlineError(QLabel):
    """A message next to a field: red, wrapped, hidden while there is nothing to say."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InlineError")
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        selectable(self)
        self.setAccessibleName(name or _("Problem"))
        self.hide()

    def show_message(self, text: str, code: str = "") -> None:
        """`text` in the user's words; `code` (for support calls) in the tooltip, not the text."""
        self.setText(text)
        self.setToolTip(code_detail(code))
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def show_error(self, error: BaseException) -> None:
        self.show_message(sentence_of(error), code_of(error))

    def clear_message(self) -> None:
        self.show_message("")


class Banner(QLabel):
    """A coloured box saying how things stand (ok, warn, error, info)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BundleBanner")
        self.setWordWrap(True)
        selectable(self)
        self.setAccessibleName(name)
        self.kind = ""
        self.hide()

    def show_text(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setText(BANNER_ICONS.get(kind, "") + text)
        self.setStyleSheet(
            f"#BundleBanner {{ {BANNER_STYLES[kind]} border-radius: 3px; padding: 8px; }}"
        )
        self.setAccessibleDescription(text)
        self.show()

    def clear_banner(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()


class QrImage(QLabel):
    """A QR code picture, kept sharp (scaled by whole pixels), with a text when there is none."""

    def __init__(self, name: str, side: int = 220, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setAccessibleName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(side + 8, side + 8)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { background: white; border: 1px solid #c8c8c8; }")
        self.has_image = False

    def show_png(self, data: bytes | None, missing: str = "") -> bool:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data, "PNG"):
            size = self._crisp_size(pixmap.toImage())
            self.setPixmap(
                pixmap.scaled(
                    size,
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.FastTransformation,
                )
            )
            self.has_image = True
            return True
        self.clear()
        self.setText(missing)
        self.has_image = False
        return False

    def _crisp_size(self, image: QImage) -> int:
        """The largest size up to `side` where every QR module gets the same whole number of
        pixels (the picture has a quiet zone of four modules, so the first dark pixel on the
        diagonal is at four modules)."""
        width = image.width()
        first = next(
            (i for i in range(min(width, image.height())) if qGray(image.pixel(i, i)) < 128), 0
        )
        if first <= 0 or first % 4 or width % (first // 4):
            return self.side
        modules = width // (first // 4)
        return modules * max(1, self.side // modules)


class FilePicker(QWidget):
    """A path field with a "Choose…" button; the chooser is a seam for tests."""

    def __init__(self, name: str, button_text: str, chooser: Callable[[], str | None]) -> None:
        super().__init__()
        self.chooser = chooser
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setClearButtonEnabled(True)
        self.button = QPushButton(button_text)
        self.button.setAccessibleName(button_text.replace("&", ""))
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def choose(self) -> None:
        chosen = self.chooser()
        if chosen:
            self.edit.setText(chosen)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None


def open_file_dialog(parent: QWidget | None, title: str, filters: str) -> str | None:
    return file_dialogs.open_file(parent, title, filters)


def save_file_dialog(
    parent: QWidget | None, title: str, suggested: str, filters: str
) -> str | None:
    """The file to write; never confirms an overwrite (the caller refuses an existing file)."""
    return file_dialogs.save_file(
        parent, title, str(Path.home() / suggested), filters, confirm_overwrite=False
    )


def bundle_filters() -> str:
    return ";;".join([_("Dossier bundles (*.ldbundle)"), _("All files (*)")])


class ViewDialog(QDialog):
    """A window around one of the bundle views, with a Close button."""

    def __init__(self, title: str, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        self.resize(980, 600)


def error_text(error: BaseException) -> str:
    """An expected error in the user's language, on one paragraph, with its code."""
    return message_of(error).replace("\n\n", " ")


def is_expected(error: BaseException) -> bool:
    return isinstance(error, AssessorError | OSError)
