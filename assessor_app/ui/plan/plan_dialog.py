"""The plan editor (Thẩm định → Kế hoạch…): the targets, the communes a unit plans to bring to
the standard in a year (and whether each made it), and the budget by source and year. Every
change goes through services/plan_entries.py and services/reports.py: the same checks as the
command line, audited; an expected error shows under the tab, in the user's language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import N_, AssessorError, InputError
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.i18n import _, render
from assessor_app.services import plan_entries, reports
from assessor_app.services.plan_entries import FUNDS, BudgetChange
from assessor_app.texts import numbers, plan_words
from assessor_app.ui.context import UiContext
from assessor_app.ui.scope_names import add_scopes

ERROR_STYLE = "color: #a61b1b;"
WHOLE_PLAN = 0  # the year box's value for a line of the whole plan


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeColumnsToContents()


def _amount(text: str) -> int | None:
    """A typed amount ("150.000.000"); None when empty; refused when not a whole number."""
    digits = text.replace(".", "").replace(",", "").replace(" ", "")
    if not digits:
        return None
    if not digits.isdigit():
        raise InputError(
            "PLAN_BUDGET_BAD_AMOUNT",
            N_("An amount is a whole number of VND from 0 to 10^15, not {amount}."),
            amount=text.strip(),
        )
    return int(digits)


class PlanDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("The plan: targets, planned communes, budget"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._targets_tab(), _("&Targets"))
        self.tabs.addTab(self._communes_tab(), _("Planned &communes"))
        self.tabs.addTab(self._budget_tab(), _("&Budget"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.show_targets()
        self.show_communes()
        self.show_budget()
        self.resize(820, 560)

    # --- messages
    def _show_error(self, error: AssessorError) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(render(error))
        self.error.setToolTip(error.code)
        self.error.show()

    def _done(self, text: str) -> None:
        self.error.setStyleSheet("color: #1b6b2b;")
        self.error.setText(text)
        self.error.setToolTip("")
        self.error.show()

    # --- targets
    def _targets_tab(self) -> QWidget:
        self.targets = _table([_("Year"), _("Target"), _("Whose target")])
        self.target_year = QSpinBox()
        self.target_year.setRange(2021, 2100)
        self.target_year.setValue(max(2021, year_to_assess(self.context.workspace.today())))
        self.target_year.setToolTip(_("A year after the plan's last (2020)."))
        self.target_percent = QLineEdit()
        self.target_percent.setPlaceholderText(_("per cent, e.g. 80"))
        self.target_percent.setToolTip(_("The share of communes to recognise by that year."))
        set_button = QPushButton(_("&Set target"))
        set_button.clicked.connect(self.set_target)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Year:")))
        row.addWidget(self.target_year)
        row.addWidget(QLabel(_("Target (%):")))
        row.addWidget(self.target_percent)
        row.addWidget(set_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.targets)
        layout.addLayout(row)
        return tab

    def show_targets(self) -> None:
        language = i18n.language()
        whose = {
            "plan": _("the province's plan"),
            "national": _("national programme (secondary source)"),
            "store": _("entered by the province"),
        }
        rows = [
            [str(t.year), numbers.percent(t.percent, language, None), whose.get(t.source, "")]
            for t in reports.targets(self.context.workspace)
        ]
        _fill(self.targets, rows)

    def set_target(self) -> None:
        text = self.target_percent.text().strip().replace(",", ".")
        try:
            percent = float(text)
        except ValueError:
            percent = -1.0
        try:
            reports.set_target(self.context.workspace, self.target_year.value(), percent)
        except AssessorError as error:
            self._show_error(error)
            return
        self.show_targets()
        self._done(_("Target saved."))

    # --- planned communes
    def _unit_box(self) -> QComboBox:
        box = QComboBox()
        box.setToolTip(_("The province, or a district for years before July 2025."))
        return box

    def _fill_units(self, box: QComboBox, year: int) -> None:
        current = box.currentData()
        box.clear()
        try:
            scopes = reports.summary_scopes(self.context.workspace, year)
        except AssessorError:
            scopes = ()
        add_scopes(box, scopes)
        box.setCurrentIndex(max(box.findData(current), 0))

    def _communes_tab(self) -> QWidget:
        self.plan_year = QSpinBox()
        self.plan_year.setRange(2014, 2100)
        self.plan_year.setValue(year_to_assess(self.context.workspace.today()))
        self.plan_year.setToolTip(_("The evaluation year the communes are planned for."))
        self.plan_unit = self._unit_box()
        self.plan_codes = QLineEdit()
        self.plan_codes.setPlaceholderText(_("commune codes, e.g. 06400 06001"))
        self.plan_codes.setToolTip(_("The codes of the communes planned, separated by spaces."))
        self.plan_reason = QLineEdit()
        self.plan_reason.setPlaceholderText(_("e.g. the district's plan for the year"))
        self.plan_reason.setToolTip(_("Why (kept in the history)."))
        save = QPushButton(_("Save &list"))
        save.clicked.connect(self.save_communes)
        self.planned = _table([_("Code"), _("Commune"), _("Result that year"), _("Why")])
        form = QFormLayout()
        form.addRow(_("Year:"), self.plan_year)
        form.addRow(_("Unit:"), self.plan_unit)
        form.addRow(_("Communes:"), self.plan_codes)
        form.addRow(_("Reason:"), self.plan_reason)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addWidget(self.planned)
        self.plan_year.valueChanged.connect(self.show_communes)
        self.plan_unit.activated.connect(lambda _index: self.show_communes())
        return tab

    def show_communes(self) -> None:
        self._fill_units(self.plan_unit, self.plan_year.value())
        if self.plan_unit.count() == 0:
            _fill(self.planned, [])
            return
        try:
            planned = plan_entries.planned_year(
                self.context.workspace, str(self.plan_unit.currentData()), self.plan_year.value()
            )
        except AssessorError as error:
            self._show_error(error)
            return
        language = i18n.language()
        self.plan_codes.setText(" ".join(c.code for c in planned.communes))
        rows = [
            [c.code, c.name, plan_words.outcome(c.outcome.value, language), c.why]
            for c in planned.communes
        ]
        _fill(self.planned, rows)

    def save_communes(self) -> None:
        if self.plan_unit.count() == 0:
            return
        codes = self.plan_codes.text().replace(",", " ").split()
        try:
            plan_entries.set_planned_communes(
                self.context.workspace,
                str(self.plan_unit.currentData()),
                self.plan_year.value(),
                codes,
                self.plan_reason.text(),
            )
        except AssessorError as error:
            self._show_error(error)
            return
        self.show_communes()
        self._done(_("Planned communes saved."))

    # --- budget
    def _budget_tab(self) -> QWidget:
        self.budget = _table(
            [_("Unit"), _("Year"), _("Source"), _("Planned"), _("Spent"), _("Note")]
        )
        self.budget_unit = QLineEdit("20")
        self.budget_unit.setToolTip(_("The province's code (20) or a district's (3 digits)."))
        self.budget_year = QSpinBox()
        self.budget_year.setRange(WHOLE_PLAN, 2100)
        self.budget_year.setSpecialValueText(_("whole plan"))
        self.budget_year.setValue(WHOLE_PLAN)
        self.budget_year.setToolTip(_("The evaluation year; the lowest value: the whole plan."))
        self.budget_fund = QComboBox()
        for code in FUNDS:
            self.budget_fund.addItem(plan_words.fund(code, i18n.language()), code)
        self.budget_fund.setToolTip(_("Where the money comes from."))
        self.budget_planned = QLineEdit()
        self.budget_planned.setPlaceholderText(_("VND, e.g. 150.000.000"))
        self.budget_planned.setToolTip(_("The amount planned, in whole VND (empty: keep)."))
        self.budget_spent = QLineEdit()
        self.budget_spent.setPlaceholderText(_("VND, e.g. 120.500.000"))
        self.budget_spent.setToolTip(_("The amount spent, in whole VND (empty: keep)."))
        self.budget_note = QLineEdit()
        self.budget_note.setPlaceholderText(_("e.g. training of officials"))
        self.budget_note.setToolTip(_("A note printed beside the line."))
        self.budget_reason = QLineEdit()
        self.budget_reason.setPlaceholderText(_("required to change a line already entered"))
        self.budget_reason.setToolTip(_("Why (kept in the history)."))
        save = QPushButton(_("Save l&ine"))
        save.clicked.connect(lambda: self.save_line(clear=False))
        remove = QPushButton(_("&Remove line"))
        remove.clicked.connect(lambda: self.save_line(clear=True))
        form = QFormLayout()
        form.addRow(_("Unit:"), self.budget_unit)
        form.addRow(_("Year:"), self.budget_year)
        form.addRow(_("Source:"), self.budget_fund)
        form.addRow(_("Planned:"), self.budget_planned)
        form.addRow(_("Spent:"), self.budget_spent)
        form.addRow(_("Note:"), self.budget_note)
        form.addRow(_("Reason:"), self.budget_reason)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(remove)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.budget)
        layout.addLayout(form)
        layout.addLayout(row)
        return tab

    def show_budget(self) -> None:
        language = i18n.language()

        def money(amount: int | None) -> str:
            return numbers.money(amount, language) if amount is not None else "—"

        rows = [
            [
                line.unit,
                str(line.year) if line.year is not None else _("whole plan"),
                plan_words.fund(line.fund, language)
                + (" " + _("(the plan's figure)") if line.from_plan else ""),
                money(line.planned),
                money(line.spent),
                line.note,
            ]
            for line in plan_entries.budget_lines(self.context.workspace)
        ]
        _fill(self.budget, rows)

    def save_line(self, clear: bool) -> None:
        year = self.budget_year.value()
        try:
            change = BudgetChange(
                self.budget_unit.text().strip(),
                None if year == WHOLE_PLAN else year,
                str(self.budget_fund.currentData()),
                _amount(self.budget_planned.text()),
                _amount(self.budget_spent.text()),
                self.budget_note.text() if self.budget_note.text() else None,
                clear,
                self.budget_reason.text(),
            )
            plan_entries.set_budget_line(self.context.workspace, change)
        except AssessorError as error:
            self._show_error(error)
            return
        self.show_budget()
        self._done(_("Budget saved."))
