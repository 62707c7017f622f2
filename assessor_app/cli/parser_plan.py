"""The arguments of `plan` (handled in cli/plan_commands.py): where a unit stands against the
plan's targets, and the targets themselves. Only argparse and the translations."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.cli.arguments import decimal_number, whole_number
from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def status_unit_help() -> str:
    return _("the province's code (20) or, for years up to 2024, a district's (3 digits)")


def add_plan_parsers(commands: Any, command: Command) -> None:
    """`plan status|deadlines` and `plan targets list|set` (called by cli/parser.py)."""
    plan = command(commands, "plan", _("the plan: targets, and where a unit stands against them"))
    p_cmds = plan.add_subparsers(dest="action", metavar="ACTION", required=True)
    status = command(
        p_cmds, "status", _("communes assessed and recognised in a year, against the target")
    )
    status.add_argument(
        "--unit",
        required=True,
        metavar="CODE",
        help=status_unit_help(),
    )
    status.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    status.add_argument("--json", action="store_true", help=_("print JSON"))
    status.add_argument(
        "--rollup",
        action="store_true",
        help=_("also the province's results rolled up into the units of July 2025"),
    )
    deadlines = command(
        p_cmds, "deadlines", _("the yearly report a unit owes, its day, and what is missing")
    )
    deadlines.add_argument("--unit", required=True, metavar="CODE", help=status_unit_help())
    deadlines.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    deadlines.add_argument(
        "--today", metavar="YYYY-MM-DD", help=_("judge on this day (default: today)")
    )
    deadlines.add_argument("--json", action="store_true", help=_("print JSON"))
    targets = command(p_cmds, "targets", _("the plan's targets"))
    t_cmds = targets.add_subparsers(dest="targets_action", metavar="ACTION", required=True)
    listing = command(t_cmds, "list", _("the plan's targets"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    setter = command(t_cmds, "set", _("set or clear the target of a year after 2020"))
    setter.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    choice = setter.add_mutually_exclusive_group(required=True)
    choice.add_argument("--percent", type=decimal_number, metavar="N")
    choice.add_argument("--clear", action="store_true")
    setter.add_argument("--json", action="store_true", help=_("print JSON"))
    add_plan_entry_parsers(p_cmds, command)


def _unit(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--unit",
        required=required,
        metavar="CODE",
        help=_("the province's code (20) or, for years up to 2024, a district's (3 digits)"),
    )


def add_plan_entry_parsers(p_cmds: Any, command: Command) -> None:
    """`plan communes list|set` and `plan budget list|set` (cli/plan_entry_commands.py)."""
    communes = command(p_cmds, "communes", _("the communes planned to reach the standard"))
    c_cmds = communes.add_subparsers(dest="communes_action", metavar="ACTION", required=True)
    listing = command(c_cmds, "list", _("the communes planned, and whether each made it"))
    _unit(listing, required=False)
    listing.add_argument("--year", type=whole_number, metavar="YYYY")
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    setter = command(c_cmds, "set", _("set the communes a unit plans for a year; audited"))
    _unit(setter)
    setter.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    setter.add_argument(
        "codes", nargs="*", metavar="COMMUNE", help=_("the communes' codes (none: clear the list)")
    )
    setter.add_argument("--reason", default="", metavar="TEXT")
    setter.add_argument("--json", action="store_true", help=_("print JSON"))

    budget = command(p_cmds, "budget", _("the plan's budget by source and year"))
    b_cmds = budget.add_subparsers(dest="budget_action", metavar="ACTION", required=True)
    b_list = command(b_cmds, "list", _("the budget lines, planned and spent"))
    _unit(b_list, required=False)
    b_list.add_argument("--json", action="store_true", help=_("print JSON"))
    b_set = command(b_cmds, "set", _("add, change or remove a budget line; audited"))
    _unit(b_set)
    b_set.add_argument(
        "--year",
        type=whole_number,
        metavar="YYYY",
        help=_("the evaluation year (none: the whole plan)"),
    )
    b_set.add_argument("--fund", required=True, choices=("central", "local", "other"))
    b_set.add_argument("--planned", type=whole_number, metavar="DONG")
    b_set.add_argument("--spent", type=whole_number, metavar="DONG")
    b_set.add_argument("--note", metavar="TEXT")
    b_set.add_argument("--clear", action="store_true", help=_("remove the line"))
    b_set.add_argument(
        "--reason", default="", metavar="TEXT", help=_("required to change a line already entered")
    )
    b_set.add_argument("--json", action="store_true", help=_("print JSON"))


def add_yearly_report_parser(r_cmds: Any, command: Command) -> None:
    """`report yearly` (cli/plan_entry_commands.py `cmd_yearly_report`)."""
    yearly = command(r_cmds, "yearly", _("write the yearly report on the plan"))
    _unit(yearly)
    yearly.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    yearly.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx")
