"""What this installation is and whose office: the fields the first-start wizard and Settings share.

Four kinds (services/profile.py): a team's laptop, a commune, an appraising office, the province
office. For all but a team's laptop, the office's unit is picked from the unit list in force
(a list from 1 July 2025 names no district: an appraising office is then the province's), and the
name documents will be issued in is shown as the user chooses (services/offices.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from assessor_app.domain.catalogue import Sector
from assessor_app.i18n import _
from assessor_app.services.offices import OfficeChoice, issuing_office
from assessor_app.services.profile import ProfileKind
from assessor_app.ui.searchable_combo import index_item, make_searchable

OFFICE_ROLE = Qt.ItemDataRole.UserRole + 1  # the OfficeChoice of an item
OfficeSource = Callable[[str, str], list[OfficeChoice]]  # (kind, unit list) → the choices


def _kind_texts() -> dict[ProfileKind, tuple[str, str]]:
    """Each kind's radio text and accessible name, in the current language."""
    return {
        ProfileKind.TEAM: (
            _("An &inspection team's laptop"),
            _("Inspection team's laptop"),
        ),
        ProfileKind.COMMUNE: (
            _("A &commune's people's committee (it assesses itself)"),
            _("Commune"),
        ),
        ProfileKind.OFFICE: (
            _("An &appraising office (it appraises the communes' dossiers)"),
            _("Appraising office"),
        ),
        ProfileKind.PROVINCE: (
            _("The &province office (sums up the province's results)"),
            _("Province office"),
        ),
    }


class KindAndOffice:
    """The kind radios, the office list and the preview of the issuing name."""

    def __init__(
        self,
        parent: QWidget,
        source: OfficeSource,
        agency: QComboBox,
        unit_list: QComboBox,
        kind: ProfileKind = ProfileKind.TEAM,
        office: str = "",
    ) -> None:
        self._source, self._agency, self._unit_list = source, agency, unit_list
        self.group = QButtonGroup(parent)
        self.buttons: dict[ProfileKind, QRadioButton] = {}
        self.kinds = QVBoxLayout()
        self.kinds.setSpacing(2)
        for each in ProfileKind:
            button = QRadioButton()
            button.setChecked(each is kind)
            self.group.addButton(button)
            self.buttons[each] = button
            self.kinds.addWidget(button)
        self.office_label = QLabel()
        self.office = QComboBox()
        self.office.setObjectName("OfficeChoice")
        self.office.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.office.setMinimumContentsLength(24)
        self.office.setToolTip(_("Type part of the name or the code, with or without accents."))
        make_searchable(self.office)
        self.office_label.setBuddy(self.office)
        self.issued_as = QLabel()
        self.issued_as.setObjectName("IssuedAs")
        self.issued_as.setWordWrap(True)
        self.issued_as.setEnabled(False)
        self._wanted = office
        self.group.buttonToggled.connect(self._toggled)
        unit_list.currentIndexChanged.connect(lambda _index: self.refresh())
        agency.currentIndexChanged.connect(lambda _index: self._show_issuer())
        self.office.currentIndexChanged.connect(lambda _index: self._show_issuer())
        self.refresh()

    def _toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self.refresh()

    @property
    def kind(self) -> ProfileKind:
        return next((k for k, b in self.buttons.items() if b.isChecked()), ProfileKind.TEAM)

    @property
    def office_code(self) -> str:
        return str(self.office.currentData() or "") if self.kind is not ProfileKind.TEAM else ""

    def refresh(self) -> None:
        """Fill the office list for the chosen kind and unit list, keeping the choice if it is
        still there."""
        current = self.office_code or self._wanted
        choices = self._source(self.kind.value, str(self._unit_list.currentData() or ""))
        self.office.blockSignals(True)
        self.office.clear()
        for choice in choices:
            self.office.addItem(choice.name, choice.code)
            self.office.setItemData(self.office.count() - 1, choice, OFFICE_ROLE)
            index_item(self.office, self.office.count() - 1, choice.code)
        self.office.setCurrentIndex(max(self.office.findData(current), 0))
        self.office.blockSignals(False)
        office_kind = self.kind is not ProfileKind.TEAM
        for widget in (self.office_label, self.office, self.issued_as):
            widget.setVisible(office_kind)
        self._show_issuer()

    def _show_issuer(self) -> None:
        index = self.office.currentIndex()
        choice = self.office.itemData(index, OFFICE_ROLE) if index >= 0 else None
        agency = Sector(str(self._agency.currentData() or Sector.LABOUR_SOCIAL_AFFAIRS.value))
        office = issuing_office(agency, choice) if isinstance(choice, OfficeChoice) else None
        if office is None:
            self.issued_as.setText(
                _(
                    "Reports keep the default issuing body of their period (this agency has no office name the documents know)."
                )
            )
            return
        name = f"{office.body} — {office.parent}" if office.parent else office.body
        self.issued_as.setText(_("Reports will be issued in the name of: {name}").format(name=name))

    def retranslate(self) -> None:
        for each, (text, accessible) in _kind_texts().items():
            self.buttons[each].setText(text)
            self.buttons[each].setAccessibleName(accessible)
        self.office_label.setText(_("Area of your &office:"))
        self.office.setAccessibleName(_("Your office"))
        self._show_issuer()
