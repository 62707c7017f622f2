"""The first-start questions: language, data folder (and demo data), profile and unit list.

The wizard only asks; `application.py` opens the store, fills the demo and saves the profile from
`choices()`. Changing the language calls `on_language` and re-translates the wizard at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services.profile import ProfileKind, shipped_office_choices
from assessor_app.services.workspace import workspace_exists
from assessor_app.texts import labels
from assessor_app.ui import file_dialogs
from assessor_app.ui.first_start.profile_fields import KindAndOffice, OfficeSource

# Each language is named in itself, so that anyone can find theirs.
LANGUAGES: tuple[tuple[str, str], ...] = (("vi", "Tiếng Việt"), ("en", "English"))

# Qt's own wording of the wizard buttons (translated by Qt's catalogue, context "QWizard").
_STOCK_BUTTONS = {
    QWizard.WizardButton.BackButton: "< &Back",
    QWizard.WizardButton.NextButton: "&Next >",
    QWizard.WizardButton.FinishButton: "&Finish",
    QWizard.WizardButton.CancelButton: "Cancel",
}

HINT_STYLE = "color: #8a5a00;"


@dataclass(frozen=True)
class FirstStartChoices:
    home: Path
    language: str
    demo: bool
    kind: str
    name: str
    agency: str
    unit_list: str
    office: str = ""  # the office's unit code (services/offices.py); empty for a team's laptop


def _wrapping(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, language: str, on_change: Callable[[str], None]) -> None:
        super().__init__()
        self.setObjectName("WelcomePage")
        self.intro = _wrapping()
        self.language_label = QLabel()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        languages = QVBoxLayout()
        for code, name in LANGUAGES:
            button = QRadioButton(name)
            button.setProperty("language", code)
            button.setChecked(code == language)
            self.group.addButton(button)
            self.buttons[code] = button
            languages.addWidget(button)
        self._on_change = on_change
        self.group.buttonToggled.connect(self._toggled)
        self.note = _wrapping()
        self.note.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(self.language_label)
        layout.addLayout(languages)
        layout.addSpacing(12)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def _toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._on_change(str(button.property("language")))

    @property
    def language(self) -> str:
        checked = self.group.checkedButton()
        return str(checked.property("language")) if checked else LANGUAGES[0][0]

    def retranslate(self) -> None:
        self.setTitle(_("Welcome"))
        self.setSubTitle(_("A few questions before you start. Every answer can be changed later."))
        self.intro.setText(
            _(
                "This app helps inspection teams and reviewing offices score communes against the national child-friendly commune standard. It works without internet, and every change is saved as soon as it is made."
            )
        )
        self.language_label.setText(_("Language of the app:"))
        self.note.setText(_("You can change the language later in Tools → Settings."))
        for code, button in self.buttons.items():
            button.setAccessibleName(_("Language: {name}").format(name=dict(LANGUAGES)[code]))


class DataPage(QWizardPage):
    def __init__(self, default_home: Path, home_locked: bool, store_exists: bool) -> None:
        super().__init__()
        self.setObjectName("DataPage")
        self.home = default_home
        self.home_locked = home_locked
        self.store_exists = store_exists

        self.folder_label = QLabel()
        self.folder = QLineEdit(str(default_home))
        self.folder.setReadOnly(True)
        self.folder.setCursorPosition(0)
        self.folder_label.setBuddy(self.folder)
        self.change = QPushButton()
        self.change.setEnabled(not home_locked)
        self.change.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.change)
        self.folder_note = _wrapping()
        self.folder_note.setEnabled(False)

        self.demo = QCheckBox()
        self.demo.setChecked(not store_exists)
        self.demo_note = _wrapping()
        self.demo_note.setContentsMargins(24, 0, 0, 0)
        self.demo_note.setEnabled(False)
        self.existing_note = _wrapping()

        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addLayout(folder_row)
        layout.addWidget(self.folder_note)
        layout.addSpacing(16)
        layout.addWidget(self.demo)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.existing_note)
        layout.addStretch(1)
        self._show_store_state()

    @property
    def wants_demo(self) -> bool:
        return not self.store_exists and self.demo.isChecked()

    def choose_folder(self) -> None:
        chosen = file_dialogs.existing_folder(self, _("Choose the data folder"), str(self.home))
        if chosen:
            self.set_home(Path(chosen))

    def set_home(self, home: Path) -> None:
        self.home = home
        self.folder.setText(str(home))
        self.folder.setCursorPosition(0)
        self.store_exists = workspace_exists(home)
        self.demo.setChecked(not self.store_exists)
        self._show_store_state()

    def _show_store_state(self) -> None:
        self.demo.setVisible(not self.store_exists)
        self.demo_note.setVisible(not self.store_exists)
        self.existing_note.setVisible(self.store_exists)

    def retranslate(self) -> None:
        self.setTitle(_("Data folder"))
        self.setSubTitle(_("Where the assessments, evidence files and backups are kept."))
        self.folder_label.setText(_("&Data folder:"))
        self.folder.setAccessibleName(_("Data folder"))
        self.change.setText(_("&Change…"))
        self.change.setAccessibleName(_("Change the data folder"))
        if self.home_locked:
            self.folder_note.setText(
                _("This folder was given when the app was started, so it cannot be changed here.")
            )
        else:
            self.folder_note.setText(
                _("Choose a folder that is backed up, or a USB stick to carry the data with you.")
            )
        self.demo.setText(
            _(
                "Start with demo data (a few Lạng Sơn communes and sample assessments, clearly marked DEMO)"
            )
        )
        self.demo.setAccessibleName(_("Start with demo data"))
        self.demo_note.setText(
            _(
                "Good for trying the app. Leave it unticked to start with an empty store for real work."
            )
        )
        self.existing_note.setText(_("This folder already holds data; it will be opened as it is."))


class ProfilePage(QWizardPage):
    def __init__(
        self,
        unit_lists: list[tuple[str, str, bool]],
        offices: OfficeSource = shipped_office_choices,
    ) -> None:
        super().__init__()
        self.setObjectName("ProfilePage")

        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.textChanged.connect(self._name_changed)
        self.name_hint = _wrapping()
        self.name_hint.setObjectName("NameHint")
        self.name_hint.setStyleSheet(HINT_STYLE)

        self.agency = QComboBox()
        for sector in Sector:
            self.agency.addItem(labels.sector(sector, i18n.language()), sector.value)
        self.agency.setCurrentIndex(self.agency.findData(Sector.LABOUR_SOCIAL_AFFAIRS.value))

        self.unit_list = QComboBox()
        # Long list titles must not squeeze the labels: the combo takes the width that is left.
        self.unit_list.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unit_list.setMinimumContentsLength(24)
        self._unit_lists = unit_lists
        default = next((i for i, u in enumerate(unit_lists) if u[2]), len(unit_lists) - 1)
        for code, title, _valid in unit_lists:
            self.unit_list.addItem(title, code)
        self.unit_list.setCurrentIndex(max(default, 0))
        self.unit_note = _wrapping()
        self.unit_note.setEnabled(False)
        self.fields = KindAndOffice(self, offices, self.agency, self.unit_list)
        self.team = self.fields.buttons[ProfileKind.TEAM]
        self.office = self.fields.buttons[ProfileKind.OFFICE]

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {
            "kind": QLabel(),
            "name": QLabel(),
            "agency": QLabel(),
            "unit_list": QLabel(),
        }
        self.labels["kind"].setBuddy(self.team)
        self.labels["kind"].setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.labels["name"].setBuddy(self.name)
        self.labels["agency"].setBuddy(self.agency)
        self.labels["unit_list"].setBuddy(self.unit_list)
        self.form.addRow(self.labels["kind"], self.fields.kinds)
        self.form.addRow(self.labels["name"], self.name)
        self.form.addRow("", self.name_hint)
        self.form.addRow(self.labels["agency"], self.agency)
        self.form.addRow(self.labels["unit_list"], self.unit_list)
        self.form.addRow("", self.unit_note)
        self.form.addRow(self.fields.office_label, self.fields.office)
        self.form.addRow("", self.fields.issued_as)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self._name_changed(self.name.text())

    def initializePage(self) -> None:
        super().initializePage()
        # The name is the one thing to type here: start there (the kind is already chosen).
        QTimer.singleShot(0, self.name.setFocus)

    def _name_changed(self, text: str) -> None:
        self.name_hint.setVisible(not clean(text))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(clean(self.name.text()))

    @property
    def kind(self) -> ProfileKind:
        return self.fields.kind

    def retranslate(self) -> None:
        self.setTitle(_("About you"))
        self.setSubTitle(
            _("Your name is recorded with every change you make, as the standard requires.")
        )
        self.labels["kind"].setText(_("This installation is:"))
        self.fields.retranslate()
        self.labels["name"].setText(_("Your &name:"))
        self.name.setAccessibleName(_("Your name"))
        self.name.setPlaceholderText(_("e.g. Hoàng Thị Lan"))
        self.name_hint.setText(_("Please enter your name to continue."))
        self.labels["agency"].setText(_("Your &agency:"))
        self.agency.setAccessibleName(_("Your agency"))
        self.labels["unit_list"].setText(_("&Unit list in force:"))
        self.unit_list.setAccessibleName(_("Unit list in force"))
        in_force_today = _("in force today")  # outside the f-string, where the extractor sees it
        for position, (code, title, valid) in enumerate(self._unit_lists):
            text = f"{title} — {in_force_today}" if valid else title
            self.unit_list.setItemText(position, text)  # the list's code only in its tooltip
            self.unit_list.setItemData(position, code, Qt.ItemDataRole.ToolTipRole)
        self.unit_note.setText(
            _(
                "The list of communes, wards and townships you work with; older lists stay available for past years."
            )
        )


class FirstStartWizard(QWizard):
    def __init__(
        self,
        default_home: Path,
        home_locked: bool,
        store_exists: bool,
        unit_lists: list[tuple[str, str, bool]],
        language: str,
        on_language: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("FirstStartWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._on_language = on_language
        self.welcome = WelcomePage(language, self._language_chosen)
        self.data = DataPage(default_home, home_locked, store_exists)
        self.profile = ProfilePage(unit_lists)
        self.welcome_id = self.addPage(self.welcome)
        self.data_id = self.addPage(self.data)
        self.profile_id = self.addPage(self.profile)
        self.retranslate()
        self.setMinimumSize(640, 480)
        self.resize(720, 540)

    def _language_chosen(self, language: str) -> None:
        self._on_language(language)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text again in the current language (after `on_language`)."""
        self.setWindowTitle(_("Child-friendly commune assessment — first start"))
        for which, text in _STOCK_BUTTONS.items():
            self.setButtonText(which, QCoreApplication.translate("QWizard", text))
        self.welcome.retranslate()
        self.data.retranslate()
        self.profile.retranslate()

    def choices(self) -> FirstStartChoices:
        return FirstStartChoices(
            home=self.data.home,
            language=self.welcome.language,
            demo=self.data.wants_demo,
            kind=self.profile.kind.value,
            name=clean(self.profile.name.text()),
            agency=str(self.profile.agency.currentData()),
            unit_list=str(self.profile.unit_list.currentData() or ""),
            office=self.profile.fields.office_code,
        )
