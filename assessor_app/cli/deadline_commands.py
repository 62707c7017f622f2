"""`plan deadlines --unit CODE --year YYYY [--today D] [--json]` (services/deadlines.py): the
yearly report a unit owes, its day, whether it is done, and the communes still missing."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import parse_date
from assessor_app.domain.procedure import Fact
from assessor_app.i18n import _, ngettext
from assessor_app.services.deadlines import Commune, Due, due_for
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, labels_procedure, numbers


def _due_json(due: Due) -> dict[str, Any]:
    return {
        "unit": due.unit,
        "unit_name": due.unit_name,
        "level": due.level,
        "year": due.year,
        "regime": due.regime,
        "evaluation_year": due.evaluation_year,
        "report": due.report,
        "reporter": due.reporter,
        "recipient": due.recipient,
        "due_on": due.due_on.isoformat(),
        "status": due.status,
        "source": due.source,
        "reason": due.reason,
        "done": due.done,
        "done_by": due.done_by or None,
        "report_number": due.report_number or None,
        "report_day": due.report_day.isoformat() if due.report_day else None,
        "decision_number": due.decision_number or None,
        "today": due.today.isoformat(),
        "days_left": due.days_left,
        "overdue": due.overdue,
        "communes": due.communes,
        "not_assessed": [_commune(c) for c in due.not_assessed],
        "not_decided": [_commune(c) for c in due.not_decided],
    }


def _commune(commune: Commune) -> dict[str, str]:
    return {"code": commune.code, "name": commune.name, "district": commune.district}


def _when(due: Due) -> str:
    if due.done:
        shown = due.report_number or due.decision_number
        return _("done ({number})").format(number=shown)
    days = abs(due.days_left)
    if due.days_left < 0:
        return ngettext("overdue by {days} day", "overdue by {days} days", days).format(days=days)
    return ngettext("{days} day left", "{days} days left", days).format(days=days)


def _due_text(due: Due) -> None:
    language = i18n.language()
    known = labels_procedure.fact_status(due.status, language)
    line(f"{due.unit_name} ({due.unit}), {due.year} — {due.regime}")
    line(
        _("{report}: {reporter} → {recipient}").format(
            report=due.report, reporter=due.reporter, recipient=due.recipient
        )
    )
    line(
        _("Due {day} [{known}]: {when}").format(
            day=dates.day(due.due_on), known=known, when=_when(due)
        )
    )
    if not Fact("", due.status, due.source).verified:
        line(_("Not verified: {reason}").format(reason=due.reason))
    line(_("Source: {source}").format(source=due.source))
    for title, communes in (
        (_("Not assessed ({count} of {total}):"), due.not_assessed),
        (_("Without a decision ({count} of {total}):"), due.not_decided),
    ):
        line(
            title.format(
                count=numbers.number(len(communes), language),
                total=numbers.number(due.communes, language),
            )
        )
        for commune in communes:
            # the district after the name, as the printed lists put it, before the reform
            where = f" — {commune.district}" if commune.district else ""
            line(f"  {commune.code}  {commune.name}{where}")


def cmd_deadlines(args: argparse.Namespace, workspace: Workspace) -> int:
    today = parse_date(args.today, workspace)
    due = due_for(workspace, args.unit, args.year, today)
    if args.json:
        emit_json(_due_json(due))
    else:
        _due_text(due)
    return OK
