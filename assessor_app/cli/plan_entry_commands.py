"""`plan communes list|set`, `plan budget list|set` and `report yearly` (arguments in
cli/parser_plan.py): the communes planned for a year and whether each made it, the plan's budget,
and the yearly report on the plan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.i18n import _
from assessor_app.services import plan_entries, yearly_data
from assessor_app.services.plan_entries import BudgetChange, BudgetLine, PlannedYear
from assessor_app.services.workspace import Workspace
from assessor_app.texts import numbers, plan_words


def _planned_json(item: PlannedYear) -> dict[str, Any]:
    return {
        "unit": item.unit,
        "unit_name": item.unit_name,
        "year": item.year,
        "planned": len(item.communes),
        "made_it": item.made_it,
        "communes": [
            {"code": c.code, "name": c.name, "outcome": c.outcome.value, "why": c.why}
            for c in item.communes
        ],
    }


def _planned_text(item: PlannedYear) -> None:
    language = i18n.language()
    line(
        _("{unit} ({code}), {year}: {made} of {planned} planned communes recognised").format(
            unit=item.unit_name,
            code=item.unit,
            year=item.year,
            made=numbers.number(item.made_it, language),
            planned=numbers.number(len(item.communes), language),
        )
    )
    for commune in item.communes:
        outcome = plan_words.outcome(commune.outcome, language)
        why = f" ({commune.why})" if commune.why else ""
        line(f"  {commune.code}  {commune.name}: {outcome}{why}")


def _communes(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.communes_action == "set":
        items = [
            plan_entries.set_planned_communes(
                workspace, args.unit, args.year, args.codes, args.reason
            )
        ]
    else:
        keys = plan_entries.planned_years(workspace, args.unit)
        items = [
            plan_entries.planned_year(workspace, unit, year)
            for unit, year in keys
            if args.year is None or year == args.year
        ]
    if args.json:
        emit_json([_planned_json(item) for item in items])
    elif not items:
        line(_("No planned communes entered."))
    for item in items if not args.json else ():
        _planned_text(item)
    return OK


def _line_json(item: BudgetLine) -> dict[str, Any]:
    return {
        "unit": item.unit,
        "year": item.year,
        "fund": item.fund,
        "planned": item.planned,
        "spent": item.spent,
        "note": item.note,
        "source": item.source or None,
    }


def _budget_text(items: list[BudgetLine]) -> None:
    language = i18n.language()
    if not items:
        line(_("No budget lines entered."))
    for item in items:
        year = str(item.year) if item.year is not None else _("whole plan")
        planned = numbers.money(item.planned, language) if item.planned is not None else "—"
        spent = numbers.money(item.spent, language) if item.spent is not None else "—"
        source = " " + _("(the plan's figure)") if item.from_plan else ""
        line(
            _("{unit}  {year}  {fund}: planned {planned}; spent {spent}").format(
                unit=item.unit,
                year=year,
                fund=plan_words.fund(item.fund, language),
                planned=planned,
                spent=spent,
            )
            + source
            + (f" — {item.note}" if item.note else "")
        )


def _budget(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.budget_action == "set":
        change = BudgetChange(
            args.unit,
            args.year,
            args.fund,
            args.planned,
            args.spent,
            args.note,
            args.clear,
            args.reason,
        )
        items = plan_entries.set_budget_line(workspace, change)
    else:
        items = plan_entries.budget_lines(workspace, args.unit)
    if args.json:
        emit_json([_line_json(item) for item in items])
    else:
        _budget_text(items)
    return OK


def cmd_plan_entries(args: argparse.Namespace, workspace: Workspace) -> int:
    if args.action == "communes":
        return _communes(workspace, args)
    return _budget(workspace, args)


def cmd_yearly_report(args: argparse.Namespace, workspace: Workspace) -> int:
    out = Path(args.out)
    data = yearly_data.write_yearly(workspace, args.unit, args.year, out)
    language = i18n.language()
    line(_("Report written: {path}").format(path=args.out))
    line(
        _(
            "{scope}, {year}: {recognised} of {units} communes recognised; {made} of {planned} planned communes made it."
        ).format(
            scope=data.summary.scope.name,
            year=data.year,
            recognised=numbers.number(data.recognised, language),
            units=numbers.number(data.summary.units_total, language),
            made=numbers.number(data.made_it, language),
            planned=numbers.number(len(data.planned), language),
        )
    )
    return OK
