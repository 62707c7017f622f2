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
