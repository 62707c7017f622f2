"""Tables of what an import does: one row per assessment of the bundle, one row per conflicting
indicator (our value, who and when, against the incoming one)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from assessor_app import i18n
from assessor_app.i18n import _
from assessor_app.services.merge import AssessmentPlan, IndicatorMerge, Side
from assessor_app.texts import counts, dates, labels, values
from assessor_app.ui.bundles.record_model import Column, RecordModel
from assessor_app.ui.bundles.texts import (
    EMPTY,
)

CONFLICT_BACKGROUND = "#fff3c4"
NEW_BACKGROUND = "#e3f4e1"


@dataclass(frozen=True)
class ConflictRecord:
    assessment: str  # commune and year, as people know the assessment
    merge: IndicatorMerge


def side_text(side: Side | None) -> str:
    if side is None:
        return _("(no value)")
    return _("{value}\nby {author}, {time}").format(
        value=values.stored(side.value, i18n.language()),
        author=side.author or EMPTY,
        time=dates.stamp(side.at),
    )


def assessment_label(commune_name: str, commune_code: str, year: Any) -> str:
    return _("{commune} ({code}), year {year}").format(
        commune=commune_name or EMPTY, code=commune_code or EMPTY, year=year
    )


def _indicators(merges: Iterable[IndicatorMerge]) -> str:
    return ", ".join(m.indicator for m in merges) or EMPTY


def _other_changes(plan: AssessmentPlan) -> str:
    parts = counts.plan_changes(
        i18n.language(),
        members_added=plan.members_added,
        members_removed=plan.members_removed,
        comments_added=plan.comments_added,
        evidence_added=plan.evidence_added,
        flags_added=plan.flags_added,
    )
    return "\n".join(parts) or EMPTY


def _status(status: str | None) -> str:
    return labels.assessment_status(status, i18n.language()) if status else EMPTY


def _status_change(plan: AssessmentPlan) -> str:
    if plan.status_from is None or plan.status_from == plan.status_to:
        return _status(plan.status_to)
    return f"{_status(plan.status_from)} → {_status(plan.status_to)}"


def plan_model(parent: Any = None) -> RecordModel[AssessmentPlan]:
    columns: list[Column[AssessmentPlan]] = [
        Column(
            _("Assessment"),
            lambda p: assessment_label(p.commune_name, p.commune_code, p.year),
            sort=lambda p: (p.commune_name, p.year),
        ),
        Column(_("What happens"), lambda p: labels.plan_action(p.action, i18n.language())),
        Column(
            _("Figures taken"),
            lambda p: str(len(p.taken)),
            tooltip=lambda p: _indicators(p.taken),
        ),
        Column(
            _("Kept as here"),
            lambda p: str(len(p.kept)),
            tooltip=lambda p: _indicators(p.kept),
        ),
        Column(
            _("Conflicts"),
            lambda p: str(len(p.conflicts)),
            tooltip=lambda p: _indicators(p.conflicts),
        ),
        Column(_("Also merged"), _other_changes),
        Column(_("Status"), _status_change),
    ]
    model: RecordModel[AssessmentPlan] = RecordModel(columns, parent)

    def background(plan: AssessmentPlan) -> str | None:
        if plan.conflicts or plan.holds:
            return CONFLICT_BACKGROUND
        return NEW_BACKGROUND if plan.action == "new" else None

    model.background = background
    return model


def conflict_model(parent: Any = None) -> RecordModel[ConflictRecord]:
    def here(record: ConflictRecord) -> str:
        text = side_text(record.merge.local)
        if record.merge.locked:
            text += "\n" + _("(finalised here)")
        return text

    columns: list[Column[ConflictRecord]] = [
        Column(_("Assessment"), lambda r: r.assessment),
        Column(_("Indicator"), lambda r: r.merge.indicator),
        Column(_("Value here"), here),
        Column(_("Incoming value"), lambda r: side_text(r.merge.incoming)),
    ]
    return RecordModel(columns, parent)


def conflict_records(
    conflicts: Iterable[IndicatorMerge], labels: Mapping[str, str]
) -> list[ConflictRecord]:
    """`labels` maps an assessment uid to the words that name it."""
    return [
        ConflictRecord(labels.get(c.assessment_uid, c.assessment_uid[:8]), c) for c in conflicts
    ]


def plan_labels(plans: Iterable[AssessmentPlan]) -> dict[str, str]:
    return {p.uid: assessment_label(p.commune_name, p.commune_code, p.year) for p in plans}


def json_plan_labels(plans: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The same from the JSON form kept with a quarantined bundle."""
    labels = {}
    for plan in plans:
        commune = plan.get("commune") or {}
        labels[str(plan.get("uid", ""))] = assessment_label(
            str(commune.get("name", "")), str(commune.get("code", "")), plan.get("year", "")
        )
    return labels


def record_table(model: RecordModel[Any], name: str, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table whose text wraps and whose last column stretches."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model.modelReset.connect(lambda: fit_table(table))
    return table


def fit_table(table: QTableView, widest: int = 320) -> None:
    model = table.model()
    for column in range(model.columnCount() - 1):
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, min(table.columnWidth(column), widest))
    table.resizeRowsToContents()
