"""Starting an assessment: evaluation year, commune (from the list valid in that year), kind and
criteria catalogue. Problems are shown inside the dialog and nothing is created."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentKind
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.evaluation import (
    FIRST_YEAR,
    LAST_YEAR,
    catalogue_for_year,
    period,
    year_to_assess,
)
from assessor_app.i18n import _
from assessor_app.services import assessments, catalogue_in_force, reference_data
from assessor_app.services.profile import ProfileKind
from assessor_app.texts import catalogue_words, dates, labels
from assessor_app.ui.assessments.commune_picker import CommunePicker
from assessor_app.ui.assessments.release_line import in_force_text
from assessor_app.ui.context import UiContext

ERROR_STYLE = "color: #a61b1b; font-weight: bold;"


def default_kind(profile_kind: ProfileKind) -> AssessmentKind:
    return AssessmentKind.REVIEW if profile_kind is ProfileKind.OFFICE else AssessmentKind.TEAM


class NewAssessmentDialog(QDialog):
    """On accept, `created_id` holds the new assessment's id."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.created_id: int | None = None
        self.setWindowTitle(_("New assessment"))
        self.setObjectName("NewAssessmentDialog")
        try:
            self._catalogues = self._latest(reference_data.catalogues(context.workspace))
        except AssessorError as error:
            context.errors.report(parent, error)
            self._catalogues = []

        # --- year
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(year_to_assess(context.workspace.today()))
        self.year.setAccessibleName(_("Evaluation year"))
        self.year.setToolTip(
            _("The evaluation year (type it or use the arrows); its period is shown beside it.")
        )
        self.period_label = QLabel()
        self.period_label.setEnabled(False)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year)
        year_row.addWidget(self.period_label, 1)

        # --- commune
        self.picker = CommunePicker(context)
        self.picker.picked.connect(self._commune_picked)

        # --- kind
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of assessment"))
        for kind in AssessmentKind:
            self.kind.addItem(labels.assessment_kind(kind, i18n.language()), kind.value)
        self.kind.setCurrentIndex(self.kind.findData(default_kind(context.profile.kind).value))

        # --- catalogue
        self.catalogue = QComboBox()
        self.catalogue.setAccessibleName(_("Criteria catalogue"))
        self.catalogue.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.catalogue.setMinimumContentsLength(28)
        self.catalogue.addItem("", None)  # "in force for the year": text set by _year_changed
        # Since when each version applies: the province's release, not the legal text (issue 15).
        standing = catalogue_in_force.standings(context.workspace)
        for item in self._catalogues:
            language = i18n.language()
            version = labels.catalogue_version(item.version, language)
            held = standing.get(item.content_hash)
            self.catalogue.addItem(
                catalogue_words.offered(
                    item.code,
                    version,
                    held.since if held else None,
                    held is not None and held.in_force,
                    language,
                ),
                item.content_hash,
            )
            self.catalogue.setItemData(
                self.catalogue.count() - 1,
                labels.part_title(item, i18n.language()),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.catalogue_note = QLabel()
        self.catalogue_note.setWordWrap(True)
        self.catalogue_note.setEnabled(False)
        self.catalogue.currentIndexChanged.connect(self._show_catalogue_note)

        self.error = QLabel()
        self.error.setObjectName("InlineError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(_("Problem"))
        self.error.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(_("Evaluation &year:"), self.year), year_row)
        form.addRow(self._label(_("&Commune:"), self.picker.search), self.picker)
        form.addRow(self._label(_("&Kind:"), self.kind), self.kind)
        form.addRow(self._label(_("C&riteria catalogue:"), self.catalogue), self.catalogue)
        form.addRow("", self.catalogue_note)
        # The catalogue the province released that is in force (issue 15), when there is one.
        self.in_force = QLabel(in_force_text(context.workspace))
        self.in_force.setObjectName("CatalogueInForce")
        self.in_force.setWordWrap(True)
        self.in_force.setVisible(bool(self.in_force.text()))
        form.addRow("", self.in_force)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Create"))
        ok.setAccessibleName(_("Create the assessment"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.year.valueChanged.connect(self._year_changed)
        self._year_changed(self.year.value())
        self.picker.setFocus()
        self.resize(620, 560)

    # --- helpers
    @staticmethod
    def _latest(catalogues: list[Catalogue]) -> list[Catalogue]:
        """The newest stored version of each catalogue code, newest catalogue first."""
        latest: dict[str, Catalogue] = {}
        for item in catalogues:
            latest[item.code] = item  # the service lists them oldest first per code
        return sorted(latest.values(), key=lambda c: c.effective_from, reverse=True)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _year_changed(self, year: int) -> None:
        first, last = period(year)
        self.period_label.setText(
            _("from {first} to {last}").format(first=dates.day(first), last=dates.day(last))
        )
        self.picker.set_date(last)
        try:
            in_force = catalogue_for_year(self._catalogues, year)
            auto = _("In force for the year ({code})").format(code=in_force.code)
        except AssessorError:
            auto = _("In force for the year (none: choose one)")
        self.catalogue.setItemText(0, auto)
        self._show_catalogue_note()
        self._clear_error()

    def _show_catalogue_note(self, *_args: object) -> None:
        chosen = self.catalogue.currentData()
        item = next((c for c in self._catalogues if c.content_hash == chosen), None)
        if item is None:
            try:
                item = catalogue_for_year(self._catalogues, self.year.value())
            except AssessorError:
                item = None
        self.catalogue_note.setText(labels.part_title(item, i18n.language()) if item else "")

    def _commune_picked(self, _code: str) -> None:
        self._clear_error()
        self.kind.setFocus()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- creating
    def accept(self) -> None:
        if self.create_assessment():
            super().accept()

    def create_assessment(self) -> bool:
        """Create the assessment from the fields; on a problem show it inline and return False."""
        code = self.picker.selected_code
        if code is None:
            self.show_error(_("Choose a commune from the list first."))
            self.picker.setFocus()
            return False
        try:
            created = assessments.create(
                self.context.workspace,
                code,
                self.year.value(),
                catalogue_code=self.catalogue.currentData(),
                kind=str(self.kind.currentData()),
            )
        except AssessorError as error:
            self.show_error(i18n.render(error))
            return False
        except Exception as error:
            self.context.errors.report(self, error)
            return False
        self.created_id = created.id
        return True
