"""The app's file choosers. Each is a QFileDialog the app builds itself rather than Qt's static
`get…FileName` helpers, so that Qt's own (non-native) dialog, which Linux uses, shows file sizes
as the rest of the app says them ("1,5 MB", not Qt's "1.5 MiB" or "12 KiB"); its labels are
translated by the app's Qt catalogue (ui/qt_translations.py). A platform's native dialog, where
one is used, speaks the system's language and formats sizes its own way."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QFileSystemModel, QWidget

from assessor_app import i18n
from assessor_app.texts import numbers

SIZE_COLUMN = 1  # QFileSystemModel's columns: name, size, type, date modified


class SizesAsTheAppSaysThem(QIdentityProxyModel):
    """The file system model with the size column in the app's words."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() == SIZE_COLUMN:
            source = self.sourceModel()
            at = self.mapToSource(index)
            if isinstance(source, QFileSystemModel) and not source.isDir(at):
                return numbers.file_size(source.size(at), i18n.language())
        return super().data(index, role)


def file_dialog(
    parent: QWidget | None,
    title: str,
    directory: str = "",
    filters: str = "",
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen,
) -> QFileDialog:
    dialog = QFileDialog(parent, title, directory, filters)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    dialog.setProxyModel(SizesAsTheAppSaysThem(dialog))
    return dialog


def _chosen(dialog: QFileDialog) -> list[str]:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return list(dialog.selectedFiles())
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, title: str, filters: str = "") -> str | None:
    """One existing file, or None when the user cancels."""
    chosen = _chosen(file_dialog(parent, title, "", filters))
    return chosen[0] if chosen else None


def open_files(parent: QWidget | None, title: str, filters: str = "") -> list[str]:
    """Existing files (none when the user cancels)."""
    return _chosen(file_dialog(parent, title, "", filters, QFileDialog.FileMode.ExistingFiles))


def save_file(
    parent: QWidget | None,
    title: str,
    suggested: str,
    filters: str = "",
    confirm_overwrite: bool = True,
) -> str | None:
    """The file to write, or None when the user cancels."""
    dialog = file_dialog(
        parent,
        title,
        suggested,
        filters,
        QFileDialog.FileMode.AnyFile,
        QFileDialog.AcceptMode.AcceptSave,
    )
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None


def existing_folder(parent: QWidget | None, title: str, directory: str) -> str | None:
    """A folder, or None when the user cancels."""
    dialog = file_dialog(parent, title, directory, "", QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _chosen(dialog)
    return chosen[0] if chosen else None
