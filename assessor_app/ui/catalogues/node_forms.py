"""The form on the right of the catalogue editor, one per kind of node: general information, a
criterion, an indicator (with its rule and bands), a recognition condition."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from assessor_app import i18n
from assessor_app.domain.catalogue import (
    ConditionKind,
    Direction,
    RuleKind,
    Sector,
    UnitCategory,
)
from assessor_app.i18n import _
from assessor_app.texts import labels
from assessor_app.ui.catalogues import document_nodes
from assessor_app.ui.catalogues.band_table import BandTable
from assessor_app.ui.catalogues.document_nodes import Document, Node
from assessor_app.ui.catalogues.form_fields import BoundForm, status_choices

# The fields each rule kind owns: changing the kind removes the old kind's fields (the loader
# ignores them, but they would stay in the file and its hash, and mislead the next reader).
_RULE_FIELDS = {
    "rate": (
        "direction",
        "scale",
        "bands",
        "otherwise_points",
        "empty_denominator",
        "numerator_label_vi",
        "denominator_label_vi",
    ),
    "count": ("bands", "otherwise_points", "count_label_vi"),
    "yes_no": ("points_no",),
    "manual": (),
}


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: 600;")
    return label


def _titles(form: BoundForm) -> None:
    form.text("title_vi", _("Title (Vietnamese)"))
    form.text("title_en", _("Title (English)"), required=False)


def general_form(document: Document, changed: Callable[[], None]) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(_heading(_("General information")))
    form = BoundForm(document, changed)
    form.text("code", _("Code of the catalogue"))
    form.text("version", _("Version"))
    _titles(form)
    form.date("effective_from", _("In force from"))
    form.date("effective_to", _("In force until"))
    form.whole("max_total", _("Maximum total points"))
    form.text("publisher", _("Publisher"), required=False)
    form.long_text("notes_vi", _("Notes"))
    layout.addWidget(form)
    legal = document.get("legal_basis")
    if not isinstance(legal, dict):
        legal = {}
        document["legal_basis"] = legal
    layout.addWidget(_heading(_("Legal basis")))
    basis = BoundForm(legal, changed)
    basis.setObjectName("legal_basis_form")
    basis.text("number", _("Number of the decision"))
    basis.text("title_vi", _("Title of the decision"))
    basis.date("issued", _("Issued on"))
    basis.lines("sources", _("Sources (one a line)"))
    layout.addWidget(basis)
    layout.addStretch(1)
    page.setProperty("forms", [form, basis])
    return page


def criterion_form(document: Document, node: Node, changed: Callable[[], None]) -> QWidget:
    data = document_nodes.data_of(document, node)
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(_heading(_("Criterion")))
    form = BoundForm(data, changed)
    form.text("code", _("Code"))
    _titles(form)
    form.whole("max_points", _("Maximum points"))
    sectors = [(labels.sector(s, i18n.language()), s.value) for s in Sector]
    form.choice("sector", _("Sector"), sectors)
    form.provenance(inherited=False)
    layout.addWidget(form)
    layout.addStretch(1)
    return page


class IndicatorForm(QWidget):
    """Common fields, the rule kind and the fields of that kind; the bands for rate and count."""

    def __init__(self, document: Document, node: Node, changed: Callable[[], None]) -> None:
        super().__init__()
        self.data = document_nodes.data_of(document, node)
        self.changed = changed
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(_heading(_("Indicator")))
        form = BoundForm(self.data, changed)
        form.text("code", _("Code"))
        _titles(form)
        form.whole("max_points", _("Maximum points"))
        kinds = [(labels.rule_kind(k, i18n.language()), k.value) for k in RuleKind]
        form.choice("kind", _("How it is scored"), kinds, on_change=self._kind_changed)
        self.layout_.addWidget(form)
        self.common = form
        self.rule_part: QWidget | None = None
        self.bands: BandTable | None = None
        self._build_rule()  # the rule and its bands high on the form: what is edited most
        provenance = BoundForm(self.data, changed)
        provenance.provenance(inherited=True)
        self.layout_.addWidget(provenance)
        self.layout_.addStretch(1)

    def _kind_changed(self, kind: str) -> None:
        for old, fields in _RULE_FIELDS.items():
            if old != kind:
                for key in fields:
                    if key not in _RULE_FIELDS.get(kind, ()):
                        self.data.pop(key, None)
        points = self.data.get("max_points", 0)
        if kind == "rate" and not isinstance(self.data.get("bands"), list):
            self.data.update(
                direction="higher_is_better", bands=[{"threshold": 100, "points": points}]
            )
        if kind == "count" and not isinstance(self.data.get("bands"), list):
            self.data["bands"] = [{"max_count": 0, "points": points}]
        self._build_rule()
        self.changed()

    def _build_rule(self) -> None:
        if self.rule_part is not None:
            self.layout_.removeWidget(self.rule_part)
            self.rule_part.deleteLater()
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        form = BoundForm(self.data, self.changed)
        form.setObjectName("rule_form")
        kind = self.data.get("kind")
        self.bands = None
        if kind == "rate":
            language = i18n.language()
            directions = [(labels.direction(d, language), d.value) for d in Direction]
            form.choice("direction", _("Direction"), directions)
            scales = [(_("per cent (%)"), 100), (_("per thousand (‰)"), 1000)]
            form.choice("scale", _("Scale"), scales, default=100)  # type: ignore[arg-type]
            form.text("numerator_label_vi", _("Label of the numerator"), required=False)
            form.text("denominator_label_vi", _("Label of the denominator"), required=False)
            empty = [
                (_("refused: the figure must exist"), "error"),
                (_("full points: nothing to do"), "max"),
                (_("zero points"), "zero"),
            ]
            form.choice("empty_denominator", _("A denominator of 0"), empty, default="error")
        elif kind == "count":
            form.text("count_label_vi", _("Label of the figure"), required=False)
        elif kind == "yes_no":
            form.whole("points_no", _("Points for “no”"))
        if kind in ("rate", "count"):
            form.whole("otherwise_points", _("Points below every band"))
            layout.addWidget(form)
            layout.addWidget(_heading(_("Bands, best first")))
            self.bands = BandTable(self.data, str(kind), self.changed)
            layout.addWidget(self.bands)
        else:
            layout.addWidget(form)
        if kind == "manual":
            layout.addWidget(QLabel(_("The team enters the points with a written justification.")))
        self.rule_part = part
        self.layout_.insertWidget(2, part)


def conditions_overview() -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(_heading(_("Recognition conditions")))
    text = QLabel(
        _(
            "A commune is recognised when every condition holds. Select a condition to edit it, "
            "or add one with the button under the tree."
        )
    )
    text.setWordWrap(True)
    layout.addWidget(text)
    layout.addStretch(1)
    return page


class ConditionForm(QWidget):
    def __init__(self, document: Document, node: Node, changed: Callable[[], None]) -> None:
        super().__init__()
        self.document = document
        self.data = document_nodes.data_of(document, node)
        self.changed = changed
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(_heading(_("Recognition condition")))
        form = BoundForm(self.data, changed)
        form.text("id", _("Code"))
        kinds = [(labels.condition_kind(k, i18n.language()), k.value) for k in ConditionKind]
        form.choice("kind", _("Kind of condition"), kinds, on_change=self._kind_changed)
        form.text("title_vi", _("Wording"), required=False)
        form.provenance(inherited=False)
        self.layout_.addWidget(form)
        self.extra: QWidget | None = None
        self._build_extra()
        self.layout_.addStretch(1)

    def _kind_changed(self, kind: str) -> None:
        for key in ("thresholds", "criterion", "min_points"):
            self.data.pop(key, None)
        if kind == ConditionKind.MIN_TOTAL_BY_CATEGORY:
            self.data["thresholds"] = {c.value: {"min_total": 0} for c in UnitCategory}
        elif kind == ConditionKind.CRITERION_MIN_POINTS:
            first = document_nodes.criteria(self.document)
            self.data.update(criterion=first[0].get("code", "") if first else "", min_points=0)
        self._build_extra()
        self.changed()

    def _build_extra(self) -> None:
        if self.extra is not None:
            self.layout_.removeWidget(self.extra)
            self.extra.deleteLater()
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        kind = self.data.get("kind")
        if kind == ConditionKind.MIN_TOTAL_BY_CATEGORY:
            layout.addWidget(_heading(_("Minimum total for each category of unit")))
            table = self.data.get("thresholds")
            if not isinstance(table, dict):
                table = {}
                self.data["thresholds"] = table
            for category in UnitCategory:
                entry: Any = table.setdefault(category.value, {})
                if not isinstance(entry, dict):
                    continue
                form = BoundForm(entry, self.changed)
                form.setObjectName(f"threshold_{category.value}")
                layout.addWidget(QLabel(labels.unit_category(category, i18n.language())))
                form.whole("min_total", _("Minimum total"))
                form.choice(
                    "status",
                    _("Status"),
                    [(_("as its condition"), ""), *status_choices()],
                    default="",
                )
                layout.addWidget(form)
        elif kind == ConditionKind.CRITERION_MIN_POINTS:
            form = BoundForm(self.data, self.changed)
            codes = [str(c.get("code", "")) for c in document_nodes.criteria(self.document)]
            form.choice("criterion", _("Criterion"), [(c, c) for c in codes])
            form.whole("min_points", _("Minimum points"))
            layout.addWidget(form)
        self.extra = part
        self.layout_.insertWidget(2, part)


def form_for(document: Document, node: Node, changed: Callable[[], None]) -> QWidget:
    kind = node[0]
    if kind == "criterion":
        return criterion_form(document, node, changed)
    if kind == "indicator":
        return IndicatorForm(document, node, changed)
    if kind == "condition":
        return ConditionForm(document, node, changed)
    if kind == "conditions":
        return conditions_overview()
    return general_form(document, changed)
