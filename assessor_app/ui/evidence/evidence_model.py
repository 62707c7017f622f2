"""The evidence of one indicator as a list: an adapter over `EvidenceRecord`s, with thumbnails.

Editing a row edits its caption; the model does not store anything itself but asks the panel's
`commit_caption` (which calls the service) and only shows the new caption once it is stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services.records import EvidenceRecord
from assessor_app.texts import dates, numbers
from assessor_app.ui.evidence.thumbnails import THUMBNAIL_EDGE, ThumbnailLoader, file_icon

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
FILENAME_ROLE = Qt.ItemDataRole.UserRole + 2
PAD = 6


class EvidenceModel(QAbstractListModel):
    def __init__(self, thumbnails: ThumbnailLoader, parent: Any = None) -> None:
        super().__init__(parent)
        self.records: list[EvidenceRecord] = []
        self.editable = False
        self.thumbnails = thumbnails
        self.path_of: Callable[[str], Any] | None = None  # sha256 → stored file, for thumbnails
        self.device_pixel_ratio = 1.0
        self.commit_caption: Callable[[EvidenceRecord, str], bool] | None = None
        self._icons: dict[str, QIcon] = {}
        thumbnails.ready.connect(self._thumbnail_ready)

    # --- content
    def set_records(self, records: list[EvidenceRecord], editable: bool) -> bool:
        """Show `records`; returns whether anything changed (no reset when nothing did)."""
        if records == self.records and editable == self.editable:
            return False
        self.beginResetModel()
        self.records = list(records)
        self.editable = editable
        self.endResetModel()
        return True

    def record(self, row: int) -> EvidenceRecord | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_of(self, link_id: int) -> int:
        return next((i for i, r in enumerate(self.records) if r.id == link_id), -1)

    def replace(self, record: EvidenceRecord) -> None:
        row = self.row_of(record.id)
        if row >= 0:
            self.records[row] = record
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def _thumbnail_ready(self, sha256: str) -> None:
        for row, record in enumerate(self.records):
            if record.sha256 == sha256:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _decoration(self, record: EvidenceRecord) -> QPixmap | QIcon:
        thumbnail = self.thumbnails.thumbnail(record.sha256)
        if thumbnail is not None:
            return thumbnail
        path_of = self.path_of
        if not self.thumbnails.known(record.sha256) and path_of is not None:
            self.thumbnails.request(  # lazily: only what a view asks to show, found on the worker
                record.sha256, lambda: path_of(record.sha256), self.device_pixel_ratio
            )
        suffix = record.filename.rpartition(".")[2].lower() if "." in record.filename else ""
        icon = self._icons.get(suffix)
        if icon is None:
            icon = self._icons[suffix] = file_icon(record.filename)
        return icon

    # --- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{record.filename}\n{record.caption}" if record.caption else record.filename
        if role == Qt.ItemDataRole.EditRole:
            return record.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [record.filename]
            if record.caption:
                lines.append(record.caption)
            lines.append(
                _("{size}, added by {person} on {time}").format(
                    size=numbers.file_size(record.size, i18n.language()),
                    person=record.added_by,
                    time=dates.stamp(record.added_at),
                )
            )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(part for part in (record.filename, record.caption) if part)
        if role == RECORD_ROLE:
            return record
        if role == FILENAME_ROLE:
            return record.filename
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.record(index.row()) if index.isValid() else None
        if record is None or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        caption = clean(str(value))
        if caption == record.caption:
            return True
        if self.commit_caption is None or not self.commit_caption(record, caption):
            return False
        self.replace(dataclasses.replace(record, caption=caption))
        return True


class EvidenceDelegate(QStyledItemDelegate):
    """Thumbnail on the left; the file name in bold over the caption (or a hint when it has none).

    The inline editor (F2 or a double click) edits the caption, on the caption's line.
    """

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        name_font = QFont(option.font)
        name_font.setBold(True)
        return name_font, QFont(option.font)

    def _text_rect(self, option: QStyleOptionViewItem) -> QRect:
        rect: QRect = option.rect
        left = rect.left() + PAD + THUMBNAIL_EDGE + PAD
        return QRect(left, rect.top() + PAD, rect.right() - PAD - left, rect.height() - 2 * PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        name_font, caption_font = self._fonts(option)
        text_height = QFontMetrics(name_font).height() + QFontMetrics(caption_font).height() + PAD
        return QSize(THUMBNAIL_EDGE + 3 * PAD + 160, max(THUMBNAIL_EDGE, text_height) + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect: QRect = option.rect
        painter.save()
        # Background and selection as the style draws them, without its text and icon.
        option.text = ""
        option.icon = QIcon()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)

        icon_rect = QRect(
            rect.left() + PAD,
            rect.top() + (rect.height() - THUMBNAIL_EDGE) // 2,
            THUMBNAIL_EDGE,
            THUMBNAIL_EDGE,
        )
        decoration = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(decoration, QPixmap) and not decoration.isNull():
            logical = decoration.deviceIndependentSize().toSize()
            target = QRect(0, 0, logical.width(), logical.height())
            target.moveCenter(icon_rect.center())
            painter.drawPixmap(target, decoration)
        elif isinstance(decoration, QIcon):
            decoration.paint(painter, icon_rect.adjusted(12, 12, -12, -12))

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        name_font, caption_font = self._fonts(option)
        text_rect = self._text_rect(option)
        name_height = QFontMetrics(name_font).height()
        caption_height = QFontMetrics(caption_font).height()
        top = text_rect.top() + (text_rect.height() - name_height - caption_height - PAD // 2) // 2
        painter.setFont(name_font)
        painter.setPen(palette.color(text_role))
        name = QFontMetrics(name_font).elidedText(
            str(index.data(FILENAME_ROLE)), Qt.TextElideMode.ElideMiddle, text_rect.width()
        )
        painter.drawText(
            QRect(text_rect.left(), top, text_rect.width(), name_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        caption = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if not caption:
            caption = _("No caption")
            caption_font.setItalic(True)
            if not selected:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setFont(caption_font)
        painter.drawText(
            QRect(
                text_rect.left(), top + name_height + PAD // 2, text_rect.width(), caption_height
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(caption_font).elidedText(
                caption, Qt.TextElideMode.ElideRight, text_rect.width()
            ),
        )
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText(_("Caption"))
        editor.setAccessibleName(
            _("Caption of {filename}").format(filename=index.data(FILENAME_ROLE))
        )
        editor.setFrame(True)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        text_rect = self._text_rect(option)
        height = editor.sizeHint().height()
        editor.setGeometry(
            QRect(text_rect.left(), text_rect.bottom() - height + 1, text_rect.width(), height)
        )
