"""The arguments of `procedure …` (handled in cli/procedure_commands.py): the procedure of each
regime as data, and what the province sets in it. Only argparse and the translations."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def _where(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--regime", required=True, metavar="CODE", help=_("e.g. QD06-2019"))
    parser.add_argument(
        "--date",
        required=True,
        metavar="YYYY-MM-DD",
        help=_("a day of the period the value holds for (e.g. 2025-07-01: after the reform)"),
    )
    parser.add_argument("--reason", required=True, metavar="TEXT", help=_("why; required"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def add_procedure_parsers(commands: Any, command: Command) -> None:
    """`procedure list|show|set-actor|set-deadline|unset-actor|unset-deadline` (called by
    cli/parser.py)."""
    procedure = command(
        commands, "procedure", _("the procedure: steps, who acts, documents, deadlines")
    )
    actions = procedure.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command(actions, "list", _("the procedures of each regime"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(
        actions, "show", _("the procedure in force on a day, with what the province set")
    )
    show.add_argument("--regime", default="", metavar="CODE", help=_("e.g. QD34-2014"))
    show.add_argument("--date", metavar="YYYY-MM-DD", help=_("the day (default: today)"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    actor = command(actions, "set-actor", _("set who acts at a step for a period; audited"))
    actor.add_argument(
        "--step",
        required=True,
        metavar="STEP",
        help=_("self_assessment, dossier, appraisal or decision"),
    )
    actor.add_argument("--name", required=True, metavar="TEXT", help=_("e.g. Sở Y tế"))
    _where(actor)
    deadline = command(
        actions, "set-deadline", _("set the day a yearly report is due for a period; audited")
    )
    deadline.add_argument(
        "--report", required=True, metavar="REPORT", help=_("district_report or province_report")
    )
    deadline.add_argument("--day", required=True, metavar="DD/MM", help=_("e.g. 15/12"))
    _where(deadline)
    unset_actor = command(
        actions,
        "unset-actor",
        _("remove who the province set to act at a step: the shipped value again; audited"),
    )
    unset_actor.add_argument(
        "--step",
        required=True,
        metavar="STEP",
        help=_("self_assessment, dossier, appraisal or decision"),
    )
    _where(unset_actor)
    unset_deadline = command(
        actions,
        "unset-deadline",
        _("remove the day the province set for a report: the shipped day again; audited"),
    )
    unset_deadline.add_argument(
        "--report", required=True, metavar="REPORT", help=_("district_report or province_report")
    )
    _where(unset_deadline)
