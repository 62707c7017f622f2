"""The catalogues screen of the province office (Công cụ → Bộ tiêu chí…): the published
catalogues (read only, a base for a new version) and the drafts being written, with new version,
XLSX import and export, open in the editor, publish and delete.

Each action has an `ask_…`/`confirm_…` step (a dialog) and a step doing the work with what was
asked, so the work can be driven without the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Catalogue, Status
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _, pgettext
from assessor_app.services import catalogue_drafts, catalogue_in_force
from assessor_app.services.catalogue_drafts import DraftRecord
from assessor_app.services.catalogue_preference import stored_with_origin
from assessor_app.services.catalogue_sheet_reading import CellErrors
from assessor_app.texts import dates, labels
from assessor_app.texts.catalogue_words import (
    applied_since,
    catalogue_origin,
    standing as standing_words,
)
from assessor_app.ui.catalogues.editor_window import CatalogueEditorWindow

if TYPE_CHECKING:
    from assessor_app.ui.catalogues.release_dialog import ReleaseDialog
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import code_detail, sentence_of
from assessor_app.ui.file_dialogs import open_file, save_file

_XLSX = "Excel (*.xlsx)"


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def _fill_row(table: QTableWidget, texts: list[str], key: object) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for column, text in enumerate(texts):
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        table.setItem(row, column, item)


def _selected(table: QTableWidget) -> object:
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class CatalogueDraftsWindow(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Criteria catalogues"))
        self.resize(1100, 640)
        self.editors: list[CatalogueEditorWindow] = []
        self.published = _table(
            [
                _("Code"),
                _("Version"),
                _("Title"),
                _("In force from"),
                pgettext("catalogue standing", "Applied from", i18n.language()),
                pgettext("catalogue standing", "Standing", i18n.language()),
                _("Origin"),
            ],
            "published",
        )
        self.drafts = _table(
            [_("Code"), _("Version"), _("Title"), _("Last saved"), _("By")], "drafts"
        )
        self.message = QLabel()
        self.message.setObjectName("drafts_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        published_box = QGroupBox(_("Published catalogues (read only)"))
        box_layout = QVBoxLayout(published_box)
        box_layout.addWidget(self.published)
        box_layout.addLayout(
            self._buttons(
                [
                    (_("Open (read only)"), self.open_published),
                    (_("New version from this catalogue…"), self.ask_new_version),
                    (_("Export to XLSX…"), self.ask_export_published),
                    (_("Publish to the teams…"), self.ask_release),
                ]
            )
        )
        drafts_box = QGroupBox(_("Drafts"))
        drafts_layout = QVBoxLayout(drafts_box)
        drafts_layout.addWidget(self.drafts)
        drafts_layout.addLayout(
            self._buttons(
                [
                    (_("Open in the editor"), self.open_draft),
                    (_("Import from XLSX…"), self.ask_import),
                    (_("Export to XLSX…"), self.ask_export_draft),
                    (_("Publish…"), self.ask_publish),
                    (_("Delete the draft…"), self.ask_delete),
                ]
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(published_box, 1)
        layout.addWidget(drafts_box, 1)
        layout.addWidget(self.message)
        self.drafts.doubleClicked.connect(lambda _index: self.open_draft())
        self.published.doubleClicked.connect(lambda _index: self.open_published())
        self.refresh()

    def _buttons(self, entries: list[tuple[str, Callable[[], object]]]) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in entries:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- lists
    def refresh(self) -> None:
        """Fill both lists again (an editor saved, a draft was published…), keeping the
        selection."""
        kept_catalogue, kept_draft = _selected(self.published), _selected(self.drafts)
        self._fill()
        for table, kept in ((self.published, kept_catalogue), (self.drafts, kept_draft)):
            for row in range(table.rowCount()):
                item = table.item(row, 0)
                if kept is not None and item and item.data(Qt.ItemDataRole.UserRole) == kept:
                    table.selectRow(row)

    def _fill(self) -> None:
        language = i18n.language()
        stored = stored_with_origin(self.context.workspace)
        # "Since when" is the day the province's release puts a version in force (issue 15).
        standing = catalogue_in_force.standings(self.context.workspace)
        self.catalogues = [catalogue for catalogue, _origin in stored]
        self.published.setRowCount(0)
        for catalogue, origin in stored:
            held = standing.get(catalogue.content_hash)
            _fill_row(
                self.published,
                [
                    catalogue.code,
                    labels.catalogue_version(catalogue.version, language),
                    labels.part_title(catalogue, language),
                    dates.day(catalogue.effective_from),
                    applied_since(held.since if held else None),
                    standing_words(
                        held is not None and held.in_force,
                        catalogue.status is Status.PROVISIONAL,
                        language,
                    ),
                    catalogue_origin(origin, language),
                ],
                catalogue.content_hash,
            )
        self.draft_records = catalogue_drafts.list_drafts(self.context.workspace)
        self.drafts.setRowCount(0)
        for draft in self.draft_records:
            _fill_row(
                self.drafts,
                [
                    draft.code or "—",
                    draft.version or "—",
                    draft.title_vi or "—",
                    dates.stamp(draft.updated_at, seconds=False),
                    draft.updated_by,
                ],
                draft.id,
            )

    def selected_catalogue(self) -> Catalogue | None:
        key = _selected(self.published)
        return next((c for c in self.catalogues if c.content_hash == key), None)

    def selected_draft(self) -> DraftRecord | None:
        key = _selected(self.drafts)
        return next((d for d in self.draft_records if d.id == key), None)

    def select_draft(self, draft_id: int) -> None:
        for row, draft in enumerate(self.draft_records):
            if draft.id == draft_id:
                self.drafts.selectRow(row)

    def select_catalogue(self, code: str, version: str) -> None:
        for row, catalogue in enumerate(self.catalogues):
            if (catalogue.code, catalogue.version) == (code, version):
                self.published.selectRow(row)

    def say(self, text: str, error: AssessorError | OSError | None = None) -> None:
        self.message.setText(text)
        self.message.setToolTip(code_detail(error.code) if isinstance(error, AssessorError) else "")
        self.message.setStyleSheet("color: #a12a00;" if error is not None else "")

    def _failed(self, error: AssessorError | OSError) -> None:
        if isinstance(error, CellErrors):  # every unreadable cell of a table, one line each
            self.say("\n".join(sentence_of(e) for e in error.errors), error)
            return
        self.say(sentence_of(error), error)

    # --- published catalogues
    def open_published(self) -> CatalogueEditorWindow | None:
        catalogue = self.selected_catalogue()
        if catalogue is None:
            return None
        from assessor_app.services.catalogue_xlsx import stored_document

        document = stored_document(self.context.workspace, catalogue.content_hash)
        return self._open(CatalogueEditorWindow.published(document, self))

    def ask_new_version(self) -> None:
        catalogue = self.selected_catalogue()
        if catalogue is None:
            return
        version, accepted = QInputDialog.getText(
            self,
            _("New version"),
            _("Version of the new draft of {code} (now {version}):").format(
                code=catalogue.code, version=catalogue.version
            ),
        )
        if accepted:
            self.new_version(catalogue.content_hash, version)

    def new_version(self, base: str, version: str) -> DraftRecord | None:
        try:
            draft = catalogue_drafts.new_draft(self.context.workspace, base, version)
        except AssessorError as error:
            self._failed(error)
            return None
        self.refresh()
        self.select_draft(draft.id)
        self.say(
            _("Draft {code} {version} made; open it in the editor.").format(
                code=draft.code, version=draft.version
            )
        )
        return draft

    def ask_export_published(self) -> None:
        catalogue = self.selected_catalogue()
        if catalogue is None:
            return
        path = save_file(
            self, _("Export to XLSX"), f"{catalogue.code}-{catalogue.version}.xlsx", _XLSX
        )
        if path:
            self.export_published(catalogue.content_hash, path)

    def export_published(self, content_hash: str, path: str) -> None:
        from assessor_app.services import catalogue_xlsx

        try:
            catalogue_xlsx.export_xlsx(path, workspace=self.context.workspace, code=content_hash)
        except (AssessorError, OSError) as error:
            self._failed(error)
            return
        self.say(_("Written: {path}").format(path=path))

    def ask_release(self) -> ReleaseDialog | None:
        """The signed release of the selected catalogue, for the teams (province office)."""
        catalogue = self.selected_catalogue()
        if catalogue is None:
            self.say(_("Choose a published catalogue first."))
            return None
        from assessor_app.ui.catalogues.release_dialog import ReleaseDialog

        dialog = ReleaseDialog(self.context, catalogue, self)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        return dialog

    # --- drafts
    def open_draft(self) -> CatalogueEditorWindow | None:
        draft = self.selected_draft()
        if draft is None:
            return None
        for open_window in self.editors:  # one editor a draft: two would overwrite each other
            if open_window.draft_id == draft.id and open_window.isVisible():
                open_window.raise_()
                open_window.activateWindow()
                return open_window
        draft = catalogue_drafts.get_draft(self.context.workspace, draft.id)  # as last saved
        window = CatalogueEditorWindow.draft(self.context, draft, self)
        window.saved.connect(self.refresh)
        return self._open(window)

    def _open(self, window: CatalogueEditorWindow) -> CatalogueEditorWindow:
        self.editors.append(window)
        window.show()
        return window

    def ask_import(self) -> None:
        path = open_file(self, _("Import from XLSX"), _XLSX)
        if path:
            self.import_xlsx(path)

    def import_xlsx(self, path: str) -> DraftRecord | None:
        try:
            draft = catalogue_drafts.new_draft_from_xlsx(self.context.workspace, path)
        except (AssessorError, OSError) as error:
            self._failed(error)
            return None
        self.refresh()
        self.select_draft(draft.id)
        self.say(_("Imported as a draft; open it in the editor to check it."))
        return draft

    def ask_export_draft(self) -> None:
        draft = self.selected_draft()
        if draft is None:
            return
        path = save_file(self, _("Export to XLSX"), f"{draft.code}-{draft.version}.xlsx", _XLSX)
        if path:
            self.export_draft(draft.id, path)

    def export_draft(self, draft_id: int, path: str) -> None:
        from assessor_app.services.catalogue_drafts import export_draft_xlsx

        try:
            export_draft_xlsx(self.context.workspace, draft_id, path)
        except (AssessorError, OSError) as error:
            self._failed(error)
            return
        self.say(_("Written: {path}").format(path=path))

    def confirm_publish(self, draft: DraftRecord) -> bool:
        answer = QMessageBox.question(
            self,
            _("Publish the catalogue"),
            _(
                "Publish {code} version {version}? A published catalogue never changes: every "
                "team can score with it, and a change needs a new version."
            ).format(code=draft.code, version=draft.version),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_publish(self) -> None:
        for window in self.editors:  # a pending edit is saved before publishing
            window.editor.flush()
        draft = self.selected_draft()
        if draft is not None and self.confirm_publish(draft):
            self.publish(draft.id)

    def publish(self, draft_id: int) -> Catalogue | None:
        try:
            catalogue = catalogue_drafts.publish_draft(self.context.workspace, draft_id)
        except AssessorError as error:
            self._failed(error)
            return None
        for window in [w for w in self.editors if w.draft_id == draft_id]:
            window.discard()  # the draft is gone: it became the published catalogue
        self.refresh()
        self.select_catalogue(catalogue.code, catalogue.version)
        self.say(
            _("Published: {code} version {version}.").format(
                code=catalogue.code, version=catalogue.version
            )
        )
        return catalogue

    def confirm_delete(self, draft: DraftRecord) -> bool:
        answer = QMessageBox.question(
            self,
            _("Delete the draft"),
            _("Delete the draft {code} {version}? What was typed in it is lost.").format(
                code=draft.code, version=draft.version
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_delete(self) -> None:
        draft = self.selected_draft()
        if draft is not None and self.confirm_delete(draft):
            self.delete(draft.id)

    def delete(self, draft_id: int) -> None:
        for window in [w for w in self.editors if w.draft_id == draft_id]:
            window.discard()
        try:
            catalogue_drafts.delete_draft(self.context.workspace, draft_id)
        except AssessorError as error:
            self._failed(error)
            return
        self.refresh()
        self.say(_("The draft was deleted."))
