"""`plan status` and `plan targets list|set` (arguments in cli/parser_plan.py): the figures of the
year's summary report, and the targets its reports measure against."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.deadline_commands import cmd_deadlines
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.cli.report_commands import targets_json, targets_text
from assessor_app.cli.rollup_output import rollup_json, rollup_text
from assessor_app.i18n import _
from assessor_app.services import reports
from assessor_app.services.plan_status import PlanStatus, plan_status
from assessor_app.services.unit_rollup import year_rollup
from assessor_app.texts import numbers


def _status_json(status: PlanStatus) -> dict[str, Any]:
    return {
        "unit": status.unit,
        "unit_name": status.unit_name,
        "year": status.year,
        "communes": status.communes,
        "assessed": status.assessed,
        "recognised": status.recognised,
        "share": None if status.share is None else float(numbers.rounded(status.share, 4)),
        "target": status.target,
        "target_year": status.target_year,
        "target_source": status.target_source or None,
        "met": status.met,
        "left_out": [
            {"code": c.code, "name": c.name, "reason": c.reason, "why": c.why}
            for c in status.left_out
        ],
    }


def _target_words(status: PlanStatus) -> str:
    language = i18n.language()
    if status.target is None or status.target_year is None:
        return _("no target in force for {year}").format(year=status.year)
    target = _("{percent} by {year}").format(
        percent=numbers.percent(status.target, language, None), year=status.target_year
    )
    if status.secondary_target:
        target += " " + _("(national programme; secondary source)")
    return target + (" — " + (_("met") if status.met else _("not met yet")))


def _status_text(status: PlanStatus) -> None:
    language = i18n.language()
    line(f"{status.unit_name} ({status.unit}), {status.year}")
    line(
        _("Communes: {communes}; assessed: {assessed}; recognised: {recognised} ({share})").format(
            communes=numbers.number(status.communes, language),
            assessed=numbers.number(status.assessed, language),
            recognised=numbers.number(status.recognised, language),
            share=numbers.share(status.recognised, status.communes, language),
        )
    )
    line(_("Target: {target}").format(target=_target_words(status)))
    if status.left_out:
        line(_("Left out ({count}):").format(count=len(status.left_out)))
        for commune in status.left_out:
            line(f"  {commune.code}  {commune.name}: {commune.why}")


def cmd_plan(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action in ("communes", "budget"):
            from assessor_app.cli.plan_entry_commands import cmd_plan_entries

            return cmd_plan_entries(args, workspace)
        if args.action == "deadlines":  # cli/deadline_commands.py (issue 14, the deadlines)
            return cmd_deadlines(args, workspace)
        if args.action == "status":
            status = plan_status(workspace, args.unit, args.year)
            rolled = year_rollup(workspace, args.year) if args.rollup else None
            if args.json:
                said = _status_json(status)
                emit_json(said | {"rollup": rollup_json(rolled)} if rolled else said)
            else:
                _status_text(status)
                if rolled:
                    rollup_text(rolled)
            return OK
        if args.targets_action == "list":
            items = reports.targets(workspace)
        else:
            items = reports.set_target(workspace, args.year, None if args.clear else args.percent)
        if args.json:
            emit_json(targets_json(items))
        else:
            targets_text(items)
        return OK
    finally:
        workspace.close()
