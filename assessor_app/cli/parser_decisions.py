"""The arguments of `decision …` and `report appraisal` (handled in cli/decision_commands.py).

Only argparse and the translations: building the parser loads no command's code (cli/main.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.cli.arguments import whole_number
from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def add_appraisal_parser(report_actions: Any, command: Command) -> None:
    """`report appraisal` (called by cli/parser_reports.py)."""
    appraisal = command(
        report_actions,
        "appraisal",
        _("write the appraisal report: self-assessed and appraised points side by side"),
    )
    appraisal.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    which = appraisal.add_mutually_exclusive_group(required=True)
    which.add_argument("--commune", action="append", metavar="CODE")
    which.add_argument(
        "--unit", metavar="CODE", help=_("every appraised commune of a district or the province")
    )
    appraisal.add_argument("--number", default="", metavar="TEXT", help=_("e.g. 15/BC-SYT"))
    appraisal.add_argument("--date", metavar="YYYY-MM-DD", help=_("the report's date"))
    appraisal.add_argument("--signer", default="", metavar="NAME")
    appraisal.add_argument("--out", required=True, metavar="FILE.pdf")


def add_decision_parsers(commands: Any, command: Command) -> None:
    """`decision add|list|show|print` (called by cli/parser.py)."""
    decision = command(commands, "decision", _("recognition decisions of a year"))
    actions = decision.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = command(actions, "add", _("record a recognition decision; audited"))
    add.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    add.add_argument(
        "--unit",
        required=True,
        metavar="CODE",
        help=_("the province's code (20) or, for years up to 2024, a district's (3 digits)"),
    )
    add.add_argument("--number", required=True, metavar="TEXT", help=_("e.g. 125/QĐ-UBND"))
    add.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--signer", required=True, metavar="NAME")
    add.add_argument(
        "--commune",
        action="append",
        metavar="CODE",
        help=_("a commune recognised (default: every commune whose appraised result passes)"),
    )
    add.add_argument(
        "--not-recognised",
        action="append",
        metavar="CODE:REASON",
        help=_("a commune not recognised"),
    )
    add.add_argument("--authority", default="", metavar="TEXT", help=_("the issuing authority"))
    add.add_argument("--decider", default="", metavar="TEXT")
    add.add_argument("--signer-position", default="", metavar="TEXT")
    add.add_argument("--signer-authority", default="", metavar="TEXT", help=_("e.g. KT. Chủ tịch"))
    add.add_argument("--appraisal-number", default="", metavar="TEXT")
    add.add_argument("--appraisal-date", metavar="YYYY-MM-DD")
    add.add_argument("--json", action="store_true", help=_("print JSON"))
    listing = command(actions, "list", _("list the recorded decisions"))
    listing.add_argument("--year", type=whole_number, metavar="YYYY")
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(actions, "show", _("show a decision"))
    show.add_argument("id", type=whole_number, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    printing = command(actions, "print", _("write a decision as a PDF"))
    printing.add_argument("id", type=whole_number, metavar="ID")
    printing.add_argument("--out", required=True, metavar="FILE.pdf")
    authority = command(
        actions, "authority", _("the appraising body and the recognising authority of a year")
    )
    authority.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    authority.add_argument("--unit", required=True, metavar="CODE")
    authority.add_argument("--json", action="store_true", help=_("print JSON"))
