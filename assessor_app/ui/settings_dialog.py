"""Settings: the app's language, and the profile (what this installation is and whose office, name,
agency, unit list in force).

The language is kept in the user's settings file; the profile in the store (it travels with the
data). Problems are shown next to the field and nothing is saved.

A new language applies at once to dialogs opened afterwards and to Qt's own texts, but the open
windows (lists, tabs, menus) were written in the old one: the dialog says so and offers to restart
the app now (`restart_app`: the open windows are closed first, as when quitting, so nothing typed
is lost; if one refuses to close, nothing restarts).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services import reference_data
from assessor_app.services.profile import ProfileKind, office_choices, save_profile
from assessor_app.services.settings import save_settings
from assessor_app.texts import labels
from assessor_app.ui import qt_translations
from assessor_app.ui.context import UiContext
from assessor_app.ui.first_start.profile_fields import KindAndOffice
from assessor_app.ui.store_settings_box import StoreSettingsBox

LANGUAGES: tuple[tuple[str, str], ...] = (("vi", "Tiếng Việt"), ("en", "English"))
ERROR_STYLE = "color: #a61b1b; font-weight: bold;"


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that start this app again: the frozen executable with its
    arguments, or this Python running the same script or module."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    if sys.argv and sys.argv[0] and not sys.argv[0].endswith("__main__.py"):
        return sys.executable, list(sys.argv)
    return sys.executable, ["-m", "assessor_app", *sys.argv[1:]]


def restart_app() -> bool:
    """Close every window (each may still refuse, as on quitting), start the app again, quit."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    app.closeAllWindows()
    if any(window.isVisible() for window in app.topLevelWidgets()):
        return False  # a window kept itself open (unsaved work): stay
    program, arguments = restart_command()
    started, _pid = QProcess.startDetached(program, arguments)
    if not started:
        return False
    app.quit()
    return True


class SettingsDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.language_changed = False
        # Seams for tests: the question asked after a language change, and the restart itself.
        self.ask_restart: Callable[[], bool] = self._ask_restart
        self.restarter: Callable[[], object] = restart_app
        self._labels: list[QLabel] = []
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(_("Settings"))
        profile = context.profile

        # --- language
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        current = self.language.findData(context.settings.language)
        self.language.setCurrentIndex(max(current, 0))
        self.language_note = QLabel(_("A new language applies fully after the app is restarted."))
        self.language_note.setWordWrap(True)
        self.language_note.setEnabled(False)
        self.language.currentIndexChanged.connect(
            lambda _index: self.language_note.setEnabled(
                self.language.currentData() != context.settings.language
            )
        )
        language_box = QGroupBox(_("Language"))
        language_form = QFormLayout(language_box)
        language_form.addRow(self._label(_("&Language:"), self.language), self.language)
        language_form.addRow("", self.language_note)

        # --- profile
        self.name = QLineEdit(profile.name)
        self.name.setMaxLength(120)
        self.name.setAccessibleName(_("Your name"))
        self.name.textEdited.connect(self._clear_error)
        self.name_error = QLabel()
        self.name_error.setObjectName("InlineError")
        self.name_error.setWordWrap(True)
        self.name_error.setStyleSheet(ERROR_STYLE)
        self.name_error.hide()

        self.agency = QComboBox()
        self.agency.setAccessibleName(_("Your agency"))
        for sector in Sector:
            self.agency.addItem(labels.sector(sector, i18n.language()), sector.value)
        self.agency.setCurrentIndex(max(self.agency.findData(profile.agency.value), 0))

        self.unit_list = QComboBox()
        self.unit_list.setAccessibleName(_("Unit list in force"))
        self.unit_list.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unit_list.setMinimumContentsLength(30)
        try:
            lists = reference_data.unit_lists(context.workspace)
        except AssessorError as error:
            context.errors.report(parent, error)
            lists = []
        today = context.workspace.today()
        for code, title, start, end, _count in lists:
            in_force = start <= today and (end is None or today <= end)
            # outside the f-string: the extractor does not see calls inside one
            in_force_today = _("in force today")
            self.unit_list.addItem(f"{title} — {in_force_today}" if in_force else title, code)
            self.unit_list.setItemData(
                self.unit_list.count() - 1, code, Qt.ItemDataRole.ToolTipRole
            )
        self.unit_list.setCurrentIndex(max(self.unit_list.findData(profile.unit_list), 0))
        # what this installation is, and whose office (shared with the first-start wizard)
        self.fields = KindAndOffice(
            self,
            lambda kind, unit_list: office_choices(context.workspace, kind, unit_list),
            self.agency,
            self.unit_list,
            profile.kind,
            profile.office.code if profile.office is not None else "",
        )
        self.fields.retranslate()
        self.team = self.fields.buttons[ProfileKind.TEAM]
        self.office = self.fields.buttons[ProfileKind.OFFICE]

        profile_box = QGroupBox(_("Profile"))
        profile_form = QFormLayout(profile_box)
        profile_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kind_label = self._label(_("This installation is:"), self.team)
        kind_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        profile_form.addRow(kind_label, self.fields.kinds)
        profile_form.addRow(self._label(_("Your &name:"), self.name), self.name)
        profile_form.addRow("", self.name_error)
        profile_form.addRow(self._label(_("Your &agency:"), self.agency), self.agency)
        profile_form.addRow(self._label(_("&Unit list in force:"), self.unit_list), self.unit_list)
        self._labels.append(self.fields.office_label)
        profile_form.addRow(self.fields.office_label, self.fields.office)
        profile_form.addRow("", self.fields.issued_as)
        profile_note = QLabel(_("Your name is recorded with every change you make."))
        profile_note.setWordWrap(True)
        profile_note.setEnabled(False)
        profile_form.addRow("", profile_note)

        # --- where the data is, and its copies
        home = context.workspace.home
        self.data_folder = QLabel(str(home.root))
        self.backups_folder = QLabel(str(home.backups))
        for label in (self.data_folder, self.backups_folder):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        data_box = QGroupBox(_("Data"))
        data_form = QFormLayout(data_box)
        data_form.addRow(self._label(_("Data folder:"), self.data_folder), self.data_folder)
        data_form.addRow(self._label(_("Copies:"), self.backups_folder), self.backups_folder)
        copies_note = QLabel(
            _(
                "Copied each day the app is used, before every import and before every upgrade (Tools → Copies of the data)."
            )
        )
        copies_note.setWordWrap(True)
        copies_note.setEnabled(False)
        data_form.addRow("", copies_note)

        self.store = StoreSettingsBox(
            context.settings.store, evidence_folder=context.settings.evidence_folder
        )

        self.error = QLabel()
        self.error.setObjectName("InlineError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # The groups scroll: with the server store's fields the dialog is taller than a
        # 1366×768 laptop's screen, and the Save button must never fall below its edge.
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(language_box)
        content_layout.addWidget(profile_box)
        content_layout.addWidget(data_box)
        content_layout.addWidget(self.store)
        content_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # both groups' fields start at the same place
        width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(width)
        self.resize(680, self._fitting_height(content))

    def _fitting_height(self, content: QWidget) -> int:
        """All of the content when the screen has room, else nine tenths of the screen."""
        wanted = content.sizeHint().height() + self.buttons.sizeHint().height() + 40
        return min(wanted, self.screen().availableGeometry().height() * 9 // 10)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        self._labels.append(label)
        return label

    def _clear_error(self, *_args: object) -> None:
        self.name_error.hide()
        self.error.hide()

    @property
    def kind(self) -> ProfileKind:
        return self.fields.kind

    def accept(self) -> None:
        if self.save():
            super().accept()
            if self.language_changed and self.ask_restart():
                self.restarter()

    def _ask_restart(self) -> bool:
        answer = QMessageBox.question(
            self.parentWidget(),
            _("Restart to change the language"),
            _(
                "The new language is saved. Dialogs you open from now on use it; the windows already open change after the app restarts. Restart the app now?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        """Store the profile and the language; on a problem show it inline and return False."""
        if not clean(self.name.text()):
            self.name_error.setText(_("Please enter your name."))
            self.name_error.show()
            self.name.setFocus()
            return False
        if not self.store.check_evidence_folder():  # a shared folder chosen: usable?
            self.store.folder.setFocus()
            self.scroll_area.ensureWidgetVisible(self.store.folder_result)
            return False
        try:
            save_profile(
                self.context.workspace,
                self.kind.value,
                self.name.text(),
                str(self.agency.currentData()),
                str(self.unit_list.currentData() or ""),
                self.fields.office_code,
            )
        except AssessorError as error:
            self.error.setText(i18n.render(error))
            self.error.show()
            return False
        except Exception as error:
            self.context.errors.report(self, error)
            return False
        self.context.reload_profile()

        language = str(self.language.currentData())
        language_before = self.context.settings.language
        store = self.store.url()
        evidence_folder = self.store.evidence_folder()
        before = self.context.settings
        if (language, store, evidence_folder) != (
            before.language,
            before.store,
            before.evidence_folder,
        ):
            settings = before.with_changes(
                language=language, store=store, evidence_folder=evidence_folder
            )
            try:
                save_settings(settings)
            except AssessorError as error:  # e.g. a newer app's settings file: left untouched
                self.error.setText(i18n.render(error))
                self.error.show()
                return False
            except Exception as error:
                self.context.errors.report(self, error)
                return False
            self.context.settings = settings
        if language != language_before:
            self.language_changed = True
            chosen = i18n.set_language(language)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                qt_translations.install(app, chosen)
        return True
