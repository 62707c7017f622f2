"""The right-hand side of the scoring tab: what the selected indicator is (title, source, status),
its inputs, the points they earn, the rule table, comments, follow-up and evidence.

Selecting a criterion shows an overview of its indicators instead. The panel lays widgets out and
forwards the input's signals; the editor decides what is previewed and stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.catalogue import Catalogue, Criterion, Indicator, Status
from assessor_app.domain.scoring import IndicatorScore, ScoreResult
from assessor_app.domain.text import nfc
from assessor_app.domain.values import Value
from assessor_app.i18n import _, ngettext
from assessor_app.services.records import CommentRecord
from assessor_app.texts import labels, numbers
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.band_table import BandTable
from assessor_app.ui.editor.notes_panel import NotesPanel
from assessor_app.ui.editor.source_field import SourceField
from assessor_app.ui.editor.value_inputs import ValueInput, make_input
from assessor_app.ui.evidence.evidence_panel import EvidencePanel


def _label(text: str = "", selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _banner(name: str, style: str) -> QLabel:
    label = _label()
    label.setObjectName(name)
    label.setStyleSheet(f"#{name} {{ {style} padding: 1px 6px; }}")
    return label


# From this width of the panel, the figures sit beside the scoring table and the comments beside
# the evidence, so that on a 1366×768 screen all four show without scrolling.
TWO_COLUMNS_FROM = 640


class IndicatorPanel(QScrollArea):
    edited = Signal()
    committed = Signal()
    refused = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("IndicatorPanelContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 4, 8, 8)
        self.title_label = _label(selectable=True)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        self.title_label.setAccessibleName(_("Indicator"))
        self.criterion_label = _label()
        self.criterion_label.setAccessibleName(_("Criterion"))
        self.meta_label = _label()
        self.meta_label.setAccessibleName(_("Kind and status"))
        self.provisional_label = _banner(
            "IndicatorProvisional",
            "background: #fff3c4; color: #6b4e00; border: 1px solid #e0c060;",
        )
        self.provisional_label.setAccessibleName(_("Provisional warning"))
        self.source_label = _label(selectable=True)
        self.source_label.setAccessibleName(_("Source"))
        self.source_label.setStyleSheet("color: #4a5560;")
        self.lock_label = _banner(
            "LockedBanner", "background: #e6ecf7; color: #1d3f8a; border: 1px solid #9fb3d9;"
        )
        self.show_lock_reason("")
        self.lock_label.setAccessibleName(_("Locked"))
        for widget in (
            self.title_label,
            self.criterion_label,
            self.meta_label,
            self.provisional_label,
            self.source_label,
            self.lock_label,
        ):
            layout.addWidget(widget)

        self.input_box = QGroupBox(_("Figures"))
        self.input_layout = QVBoxLayout(self.input_box)
        self.points_label = _label()
        self.points_label.setAccessibleName(_("Points of the indicator"))
        points_font = QFont(self.font())
        points_font.setBold(True)
        self.points_label.setFont(points_font)
        self.input_layout.addWidget(self.points_label)
        self.source = SourceField(context, self.input_box)
        self.input_layout.addWidget(self.source)

        self.rule_box = QGroupBox(_("How the points are given"))
        rule_layout = QVBoxLayout(self.rule_box)
        self.band_table = BandTable(self.rule_box)
        self.rule_hint = _label(
            _("The highlighted row is the one that applies to the figures entered.")
        )
        self.rule_hint.setStyleSheet("color: #4a5560;")
        rule_layout.addWidget(self.band_table)
        rule_layout.addWidget(self.rule_hint)

        self.overview_label = _label(selectable=True)
        self.overview_label.setAccessibleName(_("Indicators of the criterion"))
        layout.addWidget(self.overview_label)

        self.notes = NotesPanel(context, content)
        self.evidence_box = QGroupBox(_("Evidence"))
        evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence = EvidencePanel(context, self.evidence_box)
        evidence_layout.addWidget(self.evidence)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        self.two_columns: bool | None = None
        self._arrange(two_columns=True)
        layout.addStretch(1)
        self.setWidget(content)

        self.input: ValueInput | None = None
        self.indicator: Indicator | None = None
        self._indicator_parts: list[QWidget] = [
            self.input_box,
            self.rule_box,
            self.notes,
            self.evidence_box,
        ]
        self.show_nothing()

    # --- what is shown
    def show_nothing(self) -> None:
        self._drop_input()
        self.indicator = None
        self.title_label.setText(_("Choose a criterion or an indicator in the list."))
        for widget in (
            self.criterion_label,
            self.meta_label,
            self.provisional_label,
            self.source_label,
            self.lock_label,
            self.overview_label,
            *self._indicator_parts,
        ):
            widget.hide()

    def show_indicator(
        self,
        assessment_id: int,
        catalogue: Catalogue,
        criterion: Criterion,
        indicator: Indicator,
        value: Value | None,
        score: IndicatorScore,
        comments: list[CommentRecord],
        follow_up: bool,
        editable: bool,
        source: str = "",
    ) -> None:
        same = self.indicator is not None and self.indicator.code == indicator.code
        self._drop_input()
        self.indicator = indicator
        self.title_label.setText(
            f"{indicator.code}  {labels.part_title(indicator, i18n.language())}"
        )
        self.criterion_label.setText(
            nfc(
                _("Criterion {code}: {title}").format(
                    code=criterion.code, title=labels.part_title(criterion, i18n.language())
                )
            )
        )
        self.criterion_label.show()
        self._show_provenance(
            _("{kind} · up to {max_points} points · status: {status}").format(
                kind=labels.rule_kind(indicator.kind, i18n.language()),
                max_points=numbers.number(indicator.max_points, i18n.language()),
                status=labels.catalogue_status(indicator.effective_status, i18n.language()),
            ),
            indicator.effective_status,
            indicator.provenance.source,
        )
        self.input = make_input(catalogue, indicator, self.input_box)
        self.input.setAccessibleName(_("Figures of {indicator}").format(indicator=indicator.code))
        self.input_layout.insertWidget(0, self.input)
        self.input.show()  # at once: the layout would only show it on the next event loop pass
        self.input.show_value(value)
        self.input.set_locked(not editable)
        self.input.edited.connect(self.edited)
        self.input.committed.connect(self.committed)
        self.input.refused.connect(self.refused)
        self.band_table.show_rule(indicator, score, value)
        self.show_score(score, value)
        self.notes.set_target(assessment_id, indicator.code, comments, follow_up, editable)
        self.source.set_target(assessment_id, indicator.code, source, editable)
        self.evidence.set_target(assessment_id, indicator.code, editable)
        self.lock_label.setVisible(not editable)
        self.overview_label.hide()
        for widget in self._indicator_parts:
            widget.show()
        if not same:  # shown again (a reload after attaching evidence…): stay where the user is
            self.verticalScrollBar().setValue(0)

    def show_criterion(
        self, criterion: Criterion, result: ScoreResult, editable: bool, mine: bool
    ) -> None:
        self._drop_input()
        self.indicator = None
        self.title_label.setText(
            f"{criterion.code}  {labels.part_title(criterion, i18n.language())}"
        )
        score = next(c for c in result.criteria if c.code == criterion.code)
        self.criterion_label.setText(
            nfc(
                _("Responsible sector: {sector}").format(
                    sector=labels.sector(criterion.sector, i18n.language())
                )
                + (" · " + _("assigned to you") if mine else "")
            )
        )
        self.criterion_label.show()
        self._show_provenance(
            ngettext(
                "{points} · {assessed} of {count} indicator entered · status: {status}",
                "{points} · {assessed} of {count} indicators entered · status: {status}",
                score.indicators,
            ).format(
                points=numbers.points_of(score.points, score.max_points, i18n.language()),
                assessed=score.assessed,
                count=score.indicators,
                status=labels.catalogue_status(criterion.effective_status, i18n.language()),
            ),
            criterion.effective_status,
            criterion.provenance.source,
        )
        scores = {s.code: s for s in result.indicators}
        lines = [_("Indicators (choose one in the list to enter its figures):")]
        for indicator in criterion.indicators:
            s = scores[indicator.code]
            state = (
                numbers.points_of(s.points, s.max_points, i18n.language())
                if s.assessed
                else _("not entered yet")
            )
            lines.append(
                f"• {indicator.code}  {labels.part_title(indicator, i18n.language())} — {state}"
            )
        self.overview_label.setText(nfc("\n".join(lines)))
        self.overview_label.show()
        self.lock_label.setVisible(not editable)
        for widget in self._indicator_parts:
            widget.hide()

    def show_score(
        self, score: IndicatorScore | None, value: Value | None, pending: bool = False
    ) -> None:
        """Points and applicable band for the value being typed (or the stored one); `pending`:
        the typed figures are not valid yet."""
        if self.indicator is None or self.input is None:
            return
        if pending:
            text = _("Points: — (correct the figures above; nothing is stored until then)")
        elif score is None or not score.assessed:
            text = _("Points: — (not entered yet; counts as 0)")
        else:
            text = _("Points: {points}").format(
                points=numbers.points_of(score.points, score.max_points, i18n.language())
            )
        self.points_label.setText(text)
        self.input.show_score(score)
        self.band_table.show_current(self.indicator, score, value)

    def set_editable(self, editable: bool) -> None:
        if self.input is not None:
            self.input.set_locked(not editable)
        self.notes.set_editable(editable)
        self.source.set_editable(editable)
        self.lock_label.setVisible(not editable and self.title_label.isVisible())

    def show_lock_reason(self, appraisal: str) -> None:
        """What the lock banner says: why the appraisal keeps the assessment locked, if it does."""
        self.lock_label.setText(
            appraisal
            or _(
                "This assessment is finalised: figures, comments and evidence are locked. To change them, use Reopen (a reason is required)."
            )
        )

    def focus_chain(self) -> list[QWidget]:
        """Inputs, then the comment box and the rest, in tab order."""
        chain: list[QWidget] = []
        if self.input is not None:
            chain += self.input.focus_chain()
            chain.append(self.source.edit)
            chain += self.notes.focus_chain()
        return chain

    # --- layout
    def _arrange(self, two_columns: bool) -> None:
        """Figures | scoring table over comments | evidence, or all four one under the other."""
        if two_columns == self.two_columns:
            return
        self.two_columns = two_columns
        parts = (self.input_box, self.rule_box, self.notes, self.evidence_box)
        for widget in parts:
            self.grid.removeWidget(widget)
        for number, widget in enumerate(parts):
            row, column = divmod(number, 2) if two_columns else (number, 0)
            self.grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignTop)
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1 if two_columns or column == 0 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self.viewport().width() >= TWO_COLUMNS_FROM)

    # --- helpers
    def _show_provenance(self, meta: str, status: Status, source: str) -> None:
        self.meta_label.setText(nfc(meta))
        self.meta_label.show()
        provisional = status is Status.PROVISIONAL
        self.provisional_label.setText(
            _("Provisional — this part is not the official value yet; check the legal text.")
        )
        self.provisional_label.setVisible(provisional)
        self.source_label.setText(
            nfc(_("Source: {source}").format(source=source or _("not given")))
        )
        self.source_label.show()

    def _drop_input(self) -> None:
        if self.input is not None:
            self.input.hide()
            self.input_layout.removeWidget(self.input)
            self.input.deleteLater()
            self.input = None
