"""A window around the catalogue editor: a draft (saved on every accepted edit) or a published
catalogue (read only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from assessor_app.i18n import _
from assessor_app.services import catalogue_drafts
from assessor_app.services.catalogue_drafts import DraftRecord
from assessor_app.ui.catalogues.catalogue_editor import CatalogueEditor
from assessor_app.ui.context import UiContext


class CatalogueEditorWindow(QDialog):
    saved = Signal()

    def __init__(
        self,
        editor: CatalogueEditor,
        title: str,
        draft_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.draft_id = draft_id
        self.setWindowTitle(title)
        self.resize(1366, 768)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(editor)

    @classmethod
    def draft(
        cls, context: UiContext, draft: DraftRecord, parent: QWidget | None = None
    ) -> CatalogueEditorWindow:
        holder: list[CatalogueEditorWindow] = []

        def save(document: dict[str, Any]) -> None:
            catalogue_drafts.save_draft(context.workspace, draft.id, document)
            if holder:
                holder[0].saved.emit()

        editor = CatalogueEditor(draft.document, save=save)
        title = _("Catalogue draft {code} {version}").format(code=draft.code, version=draft.version)
        window = cls(editor, title, draft.id, parent)
        holder.append(window)
        return window

    @classmethod
    def published(
        cls, document: dict[str, Any], parent: QWidget | None = None
    ) -> CatalogueEditorWindow:
        editor = CatalogueEditor(document, read_only=True)
        title = _("Published catalogue {code} {version} (read only)").format(
            code=document.get("code", ""), version=document.get("version", "")
        )
        return cls(editor, title, None, parent)

    def discard(self) -> None:
        """Close without saving (the draft is being deleted)."""
        self.editor.timer.stop()
        self.editor.save_to = None
        self.close()

    def done(self, result: int) -> None:
        self.editor.flush()  # nothing typed is lost when the window closes
        super().done(result)

    def closeEvent(self, event: Any) -> None:
        self.editor.flush()
        super().closeEvent(event)
