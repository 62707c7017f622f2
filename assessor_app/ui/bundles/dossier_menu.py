"""The "Dossiers" menu: export, import, receipts, quarantine, trusted keys and this installation's
key. Each opens in its own window (one of each kind at a time), leaving the main window usable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from assessor_app.i18n import _
from assessor_app.ui.context import UiContext

if TYPE_CHECKING:  # the dialogs' modules load when a dialog first opens, not at start
    from assessor_app.ui.bundles.export_dialog import ExportDialog
    from assessor_app.ui.bundles.import_wizard import ImportWizard
    from assessor_app.ui.bundles.key_dialogs import MyKeyDialog
    from assessor_app.ui.bundles.receipt_import import ReceiptImportDialog
    from assessor_app.ui.bundles.widgets import ViewDialog


class DossierActions(QObject):
    def __init__(self, context: UiContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.open: dict[str, QDialog] = {}

    def populate(self, menu: QMenu) -> list[QAction]:
        entries: list[tuple[str, Callable[[], object]]] = [
            (_("&Export…"), self.export),
            (_("&Import…"), self.import_bundle),
            (_("Import a &receipt…"), self.import_receipt),
            ("", lambda: None),
            (_("&Quarantine"), self.quarantine),
            (_("&Trusted keys"), self.trusted_keys),
            (_("My &signing key"), self.my_key),
        ]
        actions = []
        for text, slot in entries:
            if not text:
                menu.addSeparator()
                continue
            action = QAction(text, menu)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            actions.append(action)
        return actions

    def _show(self, kind: str, make: Callable[[], QDialog]) -> QDialog:
        dialog = self.open.get(kind)
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = make()
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda _obj=None, k=kind: self.open.pop(k, None))
            self.open[kind] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def export(self) -> ExportDialog:
        from assessor_app.ui.bundles.export_dialog import ExportDialog

        dialog = self._show("export", lambda: ExportDialog(self.context, self.window))
        assert isinstance(dialog, ExportDialog)
        return dialog

    def import_bundle(self) -> ImportWizard:
        from assessor_app.ui.bundles.import_wizard import ImportWizard

        def make() -> QDialog:
            wizard = ImportWizard(self.context, self.window)
            wizard.open_quarantine_requested.connect(lambda qid: self.quarantine(qid))
            return wizard

        wizard = self._show("import", make)
        assert isinstance(wizard, ImportWizard)
        return wizard

    def import_receipt(self) -> ReceiptImportDialog:
        from assessor_app.ui.bundles.receipt_import import ReceiptImportDialog

        dialog = self._show("receipt", lambda: ReceiptImportDialog(self.context, self.window))
        assert isinstance(dialog, ReceiptImportDialog)
        return dialog

    def quarantine(self, select: int | None = None) -> ViewDialog:
        from assessor_app.ui.bundles.quarantine_view import QuarantineView, quarantine_dialog
        from assessor_app.ui.bundles.widgets import ViewDialog

        dialog = self._show("quarantine", lambda: quarantine_dialog(self.context, self.window))
        assert isinstance(dialog, ViewDialog)
        view = dialog.view
        assert isinstance(view, QuarantineView)
        view.refresh(select=select)
        return dialog

    def trusted_keys(self) -> ViewDialog:
        from assessor_app.ui.bundles.trust_view import TrustView
        from assessor_app.ui.bundles.widgets import ViewDialog

        dialog = self._show(
            "trust",
            lambda: ViewDialog(_("Trusted keys"), TrustView(self.context), self.window),
        )
        assert isinstance(dialog, ViewDialog)
        return dialog

    def my_key(self) -> MyKeyDialog:
        from assessor_app.ui.bundles.key_dialogs import MyKeyDialog

        dialog = self._show("key", lambda: MyKeyDialog(self.context, self.window))
        assert isinstance(dialog, MyKeyDialog)
        return dialog
