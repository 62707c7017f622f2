"""This installation's signing key: create it (name and agency from the profile, a passphrase typed
twice), show its fingerprint, its six groups of digits and eight words and QR code, save the key card for the other side, and
replace it with a new key (rotation)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _, ngettext
from assessor_app.services import keys
from assessor_app.services.keys import KeyInfo
from assessor_app.texts import DOCUMENT_LANGUAGE, dates, fingerprint_reading, labels
from assessor_app.ui.bundles.texts import (
    card_file_name,
    fingerprint_lines,
)
from assessor_app.ui.bundles.widgets import (
    Banner,
    InlineError,
    QrImage,
    error_text,
    heading,
    is_expected,
    mono_font,
    save_file_dialog,
    wrapped,
)
from assessor_app.ui.context import UiContext
from assessor_app.ui.tasks import Task

PASSPHRASE_CODES = ("KEY_WEAK_PASSPHRASE", "KEY_PASSPHRASE_EMPTY")


def card_qr_png(context: UiContext) -> bytes | None:
    """The QR picture of this installation's key card (drawn by the service in a scratch folder)."""
    with tempfile.TemporaryDirectory(prefix="card-") as folder:
        files = keys.write_card(context.workspace, Path(folder) / "card.json")
        return files.qr.read_bytes()


def password_field(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    edit.setToolTip(
        _(
            "The passphrase of your signing key; the letters are hidden. The app does not keep it: remember it."
        )
    )
    return edit


class CreateKeyForm(QWidget):
    """Name and agency (prefilled from the profile) and the passphrase, twice."""

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        profile = context.profile
        intro = wrapped(
            _(
                "This computer has no signing key yet. The key signs the bundles and receipts you send, so the other side knows they come from you and that nothing was changed on the way. Choose a passphrase you will remember: nobody can recover it."
            )
        )
        self.name = QLineEdit(profile.name)
        self.name.setAccessibleName(_("Owner's name"))
        # The agency goes into the key card another office reads: in Vietnamese, like documents.
        self.agency = QLineEdit(labels.sector(profile.agency, DOCUMENT_LANGUAGE))
        self.agency.setAccessibleName(_("Agency"))
        self.agency.setPlaceholderText(_("e.g. Sở Lao động - Thương binh và Xã hội Lạng Sơn"))
        self.owner_error = InlineError(_("Name or agency problem"))
        self.passphrase = password_field(_("New passphrase"))
        self.repeat = password_field(_("New passphrase again"))
        self.passphrase.setPlaceholderText(
            _("at least {count} characters").format(count=keys.MIN_PASSPHRASE)
        )
        self.passphrase_error = InlineError(_("Passphrase problem"))
        for edit in (self.name, self.agency):
            edit.textChanged.connect(lambda _text: self.owner_error.clear_message())
        for edit in (self.passphrase, self.repeat):
            edit.textChanged.connect(lambda _text: self.passphrase_error.clear_message())
        self.create_button = QPushButton(_("&Create my key"))
        form = QFormLayout()
        form.addRow(_("&Your name:"), self.name)
        form.addRow(_("A&gency:"), self.agency)
        form.addRow("", self.owner_error)
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow(_("&Again:"), self.repeat)
        form.addRow("", self.passphrase_error)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def check(self) -> bool:
        """The checks the service cannot make: both passphrases typed the same."""
        if self.passphrase.text() != self.repeat.text():
            self.repeat.clear()
            self.passphrase_error.show_message(
                _("The two passphrases differ; type them again."), code="PASSPHRASE_MISMATCH"
            )
            self.repeat.setFocus()
            return False
        return True

    def show_error(self, error: AssessorError) -> None:
        if error.code in PASSPHRASE_CODES:
            self.passphrase_error.show_error(error)
            self.passphrase.setFocus()
        else:
            self.owner_error.show_error(error)


class KeyCardPanel(QWidget):
    """Fingerprint, its digits and words, and QR code of this installation's key, with what to do
    with them."""

    def __init__(self) -> None:
        super().__init__()
        self.title = heading("")
        self.created = wrapped(name=_("Key made on"))
        self.fingerprint = wrapped(name=_("Fingerprint of your key"))
        font = mono_font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.fingerprint.setFont(font)
        self.digits = wrapped(name=_("Six groups of digits of your key"))
        self.digits.setFont(font)
        self.words = wrapped(name=_("Eight words of your key"))
        words_font = self.words.font()
        words_font.setBold(True)
        words_font.setPointSizeF(words_font.pointSizeF() * 1.15)
        self.words.setFont(words_font)
        self.qr = QrImage(_("QR code of your key card"), side=300)
        how = wrapped(
            _(
                "To be trusted, give your key card file to the other side (on a USB stick) and read them the six groups of digits (or the eight words), in person or by phone. They type what you read; never send the fingerprint with the file."
            )
        )
        self.save_button = QPushButton(_("&Save the key card to a file…"))
        self.rotate_button = QPushButton(_("Replace with a &new key…"))
        self.saved = wrapped(name=_("Where the key card was saved"))
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.created)
        left.addWidget(heading(_("Fingerprint")))
        left.addWidget(self.fingerprint)
        left.addWidget(heading(_("To read aloud: six groups of digits")))
        left.addWidget(self.digits)
        left.addWidget(heading(_("or eight words")))
        left.addWidget(self.words)
        left.addWidget(how)
        left.addStretch(1)
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.qr, 0, 1)
        grid.setColumnStretch(0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.rotate_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 0, 1, 2)
        grid.addWidget(self.saved, 2, 0, 1, 2)

    def show_key(self, info: KeyInfo, qr: bytes | None, qr_problem: str = "") -> None:
        self.title.setText(f"{info.owner} — {labels.sector(info.agency, i18n.language())}")
        text = _("Key made {time}.").format(time=dates.stamp(info.created))
        text += " " + _("Role: {role}").format(role=labels.key_role(info.role, i18n.language()))
        if info.rotations:
            text += " " + ngettext(
                "It replaced {count} earlier key.",
                "It replaced {count} earlier keys.",
                info.rotations,
            ).format(count=info.rotations)
        self.created.setText(text)
        self.fingerprint.setText(fingerprint_lines(info.formatted))
        self.digits.setText(fingerprint_reading.digits_text(info.digits))
        self.words.setText(fingerprint_reading.words_text(info.words))
        self.qr.show_png(qr, qr_problem)


class MyKeyDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("MyKeyDialog")
        self.setWindowTitle(_("My signing key"))
        self.task: Task | None = None
        # Seams for tests.
        self.choose_card_target: Callable[[str], str | None] = lambda suggested: save_file_dialog(
            self,
            _("Save the key card"),
            suggested,
            ";;".join([_("Key cards (*.json)"), _("All files (*)")]),
        )
        self.run_rotate: Callable[[RotateDialog], int] = lambda dialog: dialog.exec()

        self.create_form = CreateKeyForm(context)
        self.card = KeyCardPanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.create_form)
        self.stack.addWidget(self.card)
        self.banner = Banner(_("Outcome"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(buttons)

        self.create_form.create_button.clicked.connect(self.create_key)
        self.create_form.repeat.returnPressed.connect(self.create_key)
        self.card.save_button.clicked.connect(self.save_card)
        self.card.rotate_button.clicked.connect(self.rotate)
        self.resize(820, 560)
        self.refresh()

    def refresh(self) -> None:
        info = keys.key_info(self.context.workspace)
        if info is None:
            self.stack.setCurrentWidget(self.create_form)
            return
        qr, problem = None, ""
        try:
            qr = card_qr_png(self.context)
        except (AssessorError, OSError) as error:
            problem = error_text(error)
        self.card.show_key(info, qr, problem)
        self.stack.setCurrentWidget(self.card)

    # --- create
    def create_key(self) -> Task | None:
        form = self.create_form
        if self.task is not None or not form.check():
            return None
        workspace = self.context.workspace
        name, agency, passphrase = form.name.text(), form.agency.text(), form.passphrase.text()

        def work(progress: Progress, cancelled: Cancelled) -> KeyInfo:
            return keys.init_key(workspace, name, agency, passphrase)

        form.create_button.setEnabled(False)
        return self._run(work, _("Creating your key…"), self._created, form.show_error)

    def _created(self, info: KeyInfo) -> None:
        self.create_form.passphrase.clear()
        self.create_form.repeat.clear()
        self.refresh()
        self.banner.show_text(
            "ok",
            _(
                "Your key is ready. Save the key card to a USB stick and give it to the office, then read them the six groups of digits (or the eight words)."
            ),
        )

    # --- card and rotation
    def save_card(self) -> Path | None:
        info = keys.key_info(self.context.workspace)
        if info is None:
            return None
        chosen = self.choose_card_target(card_file_name(info.owner))
        if not chosen:
            return None
        try:
            files = keys.write_card(self.context.workspace, Path(chosen))
        except (AssessorError, OSError) as error:
            self.card.saved.setText("")
            self.banner.show_text(
                "error", _("The key card was not saved.") + "\n" + error_text(error)
            )
            if not is_expected(error):
                raise
            return None
        self.card.saved.setText(
            _("Key card saved: {card}\nQR picture: {qr}").format(card=files.card, qr=files.qr)
        )
        self.banner.show_text("ok", _("The key card was saved."))
        return files.card

    def rotate(self) -> Task | None:
        if self.task is not None:
            return None
        dialog = RotateDialog(self)
        try:
            if self.run_rotate(dialog) != QDialog.DialogCode.Accepted:
                return None
            old, new = dialog.old.text(), dialog.new.text()
        finally:
            dialog.deleteLater()
        workspace = self.context.workspace

        def work(progress: Progress, cancelled: Cancelled) -> KeyInfo:
            return keys.rotate(workspace, old, new)

        def failed(error: AssessorError) -> None:
            self.banner.show_text(
                "error", _("The key was not replaced.") + "\n" + error_text(error)
            )

        return self._run(work, _("Replacing your key…"), self._rotated, failed)

    def _rotated(self, info: KeyInfo) -> None:
        self.refresh()
        self.banner.show_text(
            "ok",
            _(
                "Your new key is ready. Offices that trust your old key will trust the new one with your next bundle; save the new key card for anyone else."
            ),
        )

    # --- running
    def _run(
        self,
        work: Callable[[Progress, Cancelled], KeyInfo],
        label: str,
        done: Callable[[KeyInfo], None],
        expected: Callable[[AssessorError], None],
    ) -> Task:
        self.banner.clear_banner()

        def succeeded(info: KeyInfo) -> None:
            if shiboken6.isValid(self):
                done(info)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                self.context.errors.report(None, error)
            elif isinstance(error, AssessorError):
                expected(error)
            else:
                self.context.errors.report(self, error)

        task = self.context.tasks.run(work, succeeded, parent=self, label=label, on_error=failed)

        def finished() -> None:
            if shiboken6.isValid(self):
                self.task = None
                self.create_form.create_button.setEnabled(True)

        task.finished.connect(finished)
        self.task = task
        return task


class RotateDialog(QDialog):
    """The current passphrase (to sign the announcement of the new key) and a new one, twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Replace my key"))
        intro = wrapped(
            _(
                "A new key replaces this one; the old one signs a statement that announces it. Offices that trust your current key will trust the new one when your next bundle arrives. Do this when the passphrase may be known to someone else."
            )
        )
        self.old = password_field(_("Current passphrase"))
        self.new = password_field(_("New passphrase"))
        self.repeat = password_field(_("New passphrase again"))
        self.new.setPlaceholderText(
            _("at least {count} characters").format(count=keys.MIN_PASSPHRASE)
        )
        self.error = InlineError(_("Passphrase problem"))
        form = QFormLayout()
        form.addRow(_("&Current passphrase:"), self.old)
        form.addRow(_("&New passphrase:"), self.new)
        form.addRow(_("&Again:"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.rotate_button = QPushButton(_("&Replace my key"))
        buttons.addButton(self.rotate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 10)  # the layout sets the height it needs

    def accept(self) -> None:
        if not self.old.text():
            self.error.show_message(_("Type your current passphrase."))
            return
        if self.new.text() != self.repeat.text():
            self.error.show_message(_("The two new passphrases differ; type them again."))
            return
        super().accept()
