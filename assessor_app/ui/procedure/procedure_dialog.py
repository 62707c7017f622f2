"""The procedure on a day (issue 14, "The procedure as data"): the regime in force, its cycle,
each step with who acts then and the step's documents, and the yearly reports due, each value with
how far it is known and its source. A value not verified says so in red; one the province set
says so, with its reason. The province sets who acts, or the day a report is due, for the period
of the day shown, with a reason (services/procedures.py: the same checks as `procedure set-…`),
and removes a value it set ("Bỏ thay đổi", with a reason too: `procedure unset-…`), the shipped
value then in force again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.procedure import Fact
from assessor_app.i18n import _, render
from assessor_app.services import procedures
from assessor_app.services.procedures import ProcedureView
from assessor_app.texts import dates, labels, labels_procedure
from assessor_app.ui.context import UiContext

ERROR_STYLE = "color: #a61b1b;"
DONE_STYLE = "color: #1b6b2b;"
NOT_VERIFIED = QColor("#a61b1b")
SET_HERE = QColor("#1b4f8b")
EDIT_ROLE = Qt.ItemDataRole.UserRole  # ("actor", step code) or ("due", report code)


def _known(fact: Fact) -> str:
    said = labels_procedure.fact_status(fact.status, i18n.language())
    shown = fact.reason and (not fact.verified or fact.set_by_province)  # a source's own is enough
    return f"{said}: {fact.reason}" if shown else said


class ProcedureDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.view: ProcedureView | None = None
        self.setWindowTitle(_("The procedure"))
        self.resize(1100, 640)

        today = context.workspace.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(dates.QT_DATE_INPUT)
        self.day.setMinimumDate(QDate(2014, 7, 15))
        self.day.setAccessibleName(_("Day"))
        self.day.setToolTip(
            _(
                "The procedure in force on this day: 30/06/2025 is before the reform, 01/07/2025 after."
            )
        )
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [_("Step"), _("Who acts, document, report"), _("How sure"), _("Source")]
        )
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((250, 420, 220)):
            self.tree.setColumnWidth(column, width)
        header.setStretchLastSection(True)

        self.value = QLineEdit()
        self.value.setAccessibleName(_("New value"))
        self.value.setPlaceholderText(_("Select who acts or a report's day in the list"))
        self.value.setToolTip(
            _("Who acts at the selected step, or the day a report is due written DD/MM (as 15/12).")
        )
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.reason.setPlaceholderText(_("Why (required): e.g. the province's letter that says so"))
        self.reason.setToolTip(_("The reason is kept with the value and in the history."))
        self.legend = QLabel(
            _(
                "In red: not verified, a reasoned default and not an official rule; select it, "
                "then set the value the province confirms, with the reason."
            )
        )
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(ERROR_STYLE)
        self.set_button = QPushButton(_("&Set for this period"))
        self.set_button.setEnabled(False)
        self.unset_button = QPushButton(_("&Remove the change"))
        self.unset_button.setToolTip(
            _(
                "Remove the value the province set for this period: the shipped value is in force "
                "again. The reason is required and kept in the history."
            )
        )
        self.unset_button.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        top = QHBoxLayout()
        day_label = QLabel(_("Procedure in force on &day:"))
        day_label.setBuddy(self.day)
        top.addWidget(day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        form = QFormLayout()
        form.addRow(_("&New value:"), self.value)
        form.addRow(_("&Reason:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.set_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.unset_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.legend)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # the form's values follow the day shown and the row selected

        self.day.dateChanged.connect(lambda _day: self.refresh())
        self.tree.currentItemChanged.connect(lambda item, _old: self._selected(item))
        self.set_button.clicked.connect(self.apply)
        self.unset_button.clicked.connect(self.unset)
        self.refresh()

    def _on(self) -> date:
        day = self.day.date()
        return date(day.year(), day.month(), day.day())

    def refresh(self) -> None:
        try:
            self.view = procedures.procedure_on(self.context.workspace, self._on())
        except AssessorError as error:
            self.view = None
            self.tree.clear()
            self._show(render(error), error=True)
            return
        self._fill(self.view)

    def _row(
        self, parent: QTreeWidget | QTreeWidgetItem, texts: list[str], fact: Fact | None
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts)
        for column, text in enumerate(texts):
            item.setToolTip(column, text)
        if fact is not None and not fact.verified:
            for column in range(4):
                item.setForeground(column, QBrush(NOT_VERIFIED))
        elif fact is not None and fact.set_by_province:
            item.setForeground(2, QBrush(SET_HERE))
        return item

    def _fill(self, view: ProcedureView) -> None:
        language = i18n.language()
        regime, cycle = view.regime, view.regime.cycle
        cycle_fact = Fact("", cycle.status, cycle.source, cycle.reason)
        self.heading.setText(
            _("{title}. Evaluations: {cycle} ({known}). Evaluation year {year}: {answer}.").format(
                title=regime.title,
                cycle=labels_procedure.cycle(cycle.kind, language),
                known=labels_procedure.fact_status(cycle_fact.status, language),
                year=view.year,
                answer=labels.yes_no(view.evaluates, language).lower(),
            )
        )
        self.tree.clear()
        for number, item in enumerate(view.steps, 1):
            title = f"{number}. {labels_procedure.step(item.step.code, language)}"
            step_row = self._row(self.tree, [title, item.step.title, "", ""], None)
            if item.actor is not None:
                who = item.actor.who
                row = self._row(step_row, [_("Who acts"), who.value, _known(who), who.source], who)
                row.setData(0, EDIT_ROLE, ("actor", item.step.code))
            for document in item.step.documents:
                self._row(
                    step_row,
                    [_("Document"), document.value, _known(document), document.source],
                    document,
                )
            step_row.setExpanded(True)
        reports = self._row(self.tree, [_("Yearly reports due"), "", "", ""], None)
        for deadline in view.deadlines:
            fact = deadline.fact
            text = _("{reporter} → {recipient}, by {day}").format(
                reporter=deadline.reporter,
                recipient=deadline.recipient,
                day=dates.day_month(deadline.month, deadline.day),
            )
            label = labels_procedure.report(deadline.code, language)
            row = self._row(reports, [label, text, _known(fact), deadline.source], fact)
            row.setData(0, EDIT_ROLE, ("due", deadline.code))
        reports.setExpanded(True)
        self.set_button.setEnabled(False)
        self.unset_button.setEnabled(False)

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        what = item.data(0, EDIT_ROLE) if item is not None else None
        self.set_button.setEnabled(what is not None)
        self.unset_button.setEnabled(False)
        if what is None or self.view is None:
            return
        kind, code = what
        if kind == "actor":
            actor = next(v.actor for v in self.view.steps if v.step.code == code)
            self.value.setText(actor.who.value if actor else "")
            self.unset_button.setEnabled(actor is not None and actor.who.set_by_province)
        else:
            found = next(d for d in self.view.deadlines if d.code == code)
            self.value.setText(dates.day_month(found.month, found.day))
            self.unset_button.setEnabled(found.fact.set_by_province)

    def apply(self) -> None:
        """Set the selected value for the period of the day shown, through the write queue."""
        item = self.tree.currentItem()
        what = item.data(0, EDIT_ROLE) if item is not None else None
        if what is None or self.view is None:
            return
        kind, code = what
        workspace, regime, day = self.context.workspace, self.view.regime.code, self._on()
        value, reason = self.value.text(), self.reason.text()
        self.message.hide()
        self.set_button.setEnabled(False)

        def write(_progress: object, _cancelled: object) -> object:
            if kind == "actor":
                return procedures.set_actor(workspace, regime, code, day, value, reason)
            return procedures.set_deadline(workspace, regime, code, day, value, reason)

        self.context.writes.run(write, self._done, parent=self, on_error=self._failed)

    def unset(self) -> None:
        """Remove the value the province set for the selected row, through the write queue."""
        item = self.tree.currentItem()
        what = item.data(0, EDIT_ROLE) if item is not None else None
        if what is None or self.view is None:
            return
        kind, code = what
        workspace, regime, day = self.context.workspace, self.view.regime.code, self._on()
        reason = self.reason.text()
        self.message.hide()
        self.unset_button.setEnabled(False)

        def write(_progress: object, _cancelled: object) -> object:
            if kind == "actor":
                return procedures.unset_actor(workspace, regime, code, day, reason)
            return procedures.unset_deadline(workspace, regime, code, day, reason)

        self.context.writes.run(write, self._removed, parent=self, on_error=self._failed)

    def _removed(self, _result: object) -> None:
        self.refresh()
        self.reason.clear()
        self.value.clear()
        self._show(_("The change is removed: the shipped value is in force again."))

    def _done(self, _result: object) -> None:
        self.refresh()
        self.reason.clear()
        self._show(_("Set by the province for this period; the history keeps the reason."))

    def _failed(self, error: BaseException) -> None:
        self._selected(self.tree.currentItem())
        if isinstance(error, AssessorError):
            self._show(render(error), error=True)
        else:
            self.context.errors.report(self, error)

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.message.setText(text)
        self.message.show()
