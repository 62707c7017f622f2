"""Publishing a catalogue to the teams from the catalogues window (issue 15): the province signs
a release file of a catalogue it published (services/catalogue_release.py, the same as
`catalogue publish`) and carries it to the teams, who import it like any bundle.

The dialog asks what `catalogue publish` takes: the day the version applies from, whether the
province's procedure settings go with it, where to write the file and the key's passphrase.
Signing runs off the GUI thread (unlocking the key takes a moment); the passphrase is not kept.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services import catalogue_release
from assessor_app.services.catalogue_release import PublishResult
from assessor_app.texts import dates
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import code_detail, sentence_of
from assessor_app.ui.file_dialogs import save_file
from assessor_app.ui.tasks import Task


def release_filters() -> str:
    return ";;".join([_("Catalogue release files (*.ldbundle)"), _("All files (*)")])


class ReleaseDialog(QDialog):
    """Sign and write the release file of one published catalogue."""

    def __init__(self, context: UiContext, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.catalogue = catalogue
        self.result_: PublishResult | None = None
        self.task: Task | None = None
        self.setWindowTitle(_("Publish to the teams"))
        self.resize(640, 300)
        intro = QLabel(
            _(
                "The release file carries catalogue {code}, version {version}, signed with this office's key. Teams that enrolled the province's key card import it like any bundle and score new assessments with it from the day below."
            ).format(code=catalogue.code, version=catalogue.version)
        )
        intro.setWordWrap(True)
        today = context.workspace.today()
        self.applies_from = QDateEdit(QDate(today.year, today.month, today.day))
        self.applies_from.setCalendarPopup(True)
        self.applies_from.setDisplayFormat(dates.QT_DATE_INPUT)
        self.applies_from.setObjectName("release_applies_from")
        self.with_procedure = QCheckBox(_("Include the procedure settings the province made"))
        self.target = QLineEdit()
        self.target.setObjectName("release_target")
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(choose)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase of your signing key"))
        self.message = QLabel()
        self.message.setObjectName("release_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Applies from:"), self.applies_from)
        form.addRow("", self.with_procedure)
        form.addRow(_("Release file:"), target_row)
        form.addRow(_("Passphrase:"), self.passphrase)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sign_button = self.buttons.addButton(
            _("Sign and write the release file"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sign_button.clicked.connect(self.publish)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        suggested = f"bo-tieu-chi-{self.catalogue.code}-{self.catalogue.version}.ldbundle"
        path = save_file(self, _("Release file"), suggested, release_filters())
        if path:
            self.target.setText(path)

    def _say(self, text: str, failed: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if failed else "color: #1b5e20;")

    def publish(self) -> Task | None:
        """Check what was typed, then sign and write the file off the GUI thread."""
        target, passphrase = self.target.text().strip(), self.passphrase.text()
        if not target:
            self._say(_("Choose where to write the release file."), failed=True)
            return None
        if not passphrase:
            self._say(_("Type the passphrase of your signing key."), failed=True)
            return None
        chosen = self.applies_from.date()
        day = date(chosen.year(), chosen.month(), chosen.day()).isoformat()
        workspace, spec = self.context.workspace, f"{self.catalogue.code}@{self.catalogue.version}"
        with_procedure = self.with_procedure.isChecked()

        def work(_progress: Progress, _cancelled: Cancelled) -> PublishResult:
            return catalogue_release.publish(
                workspace, spec, Path(target), passphrase, day, with_procedure
            )

        self.passphrase.clear()
        self.sign_button.setEnabled(False)
        task = self.context.tasks.run(
            work,
            self._published,
            parent=self,
            label=_("Signing the release file…"),
            on_error=self._failed,
        )
        task.finished.connect(self._finished)
        self.task = task
        return task

    def _finished(self) -> None:
        if shiboken6.isValid(self):
            self.sign_button.setEnabled(True)
            self.task = None

    def _published(self, result: PublishResult) -> None:
        self.result_ = result
        if not shiboken6.isValid(self):
            return
        self._say(
            _(
                "Written: {path}. It applies from {day}; give it to the teams (USB stick or e-mail)."
            ).format(
                path=result.path,
                day=dates.day(date.fromisoformat(result.manifest.in_force_from)),
            ),
            failed=False,
        )

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, AssessorError | OSError):
            self.context.tasks.report_error(self, error)  # a bug: the unexpected-error dialog
            return
        if shiboken6.isValid(self):
            self._say(sentence_of(error), failed=True)
            code = error.code if isinstance(error, AssessorError) else ""
            self.message.setToolTip(code_detail(code))
