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


def _recording_arguments(add: argparse.ArgumentParser) -> None:
    """`decision new` (and its old name `add`)."""
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
        "--recognise",
        "--commune",
        dest="commune",
        action="extend",
        nargs="+",
        metavar="CODE",
        help=_("the communes recognised (default: every commune whose appraised result passes)"),
    )
    add.add_argument(
        "--not",
        "--not-recognised",
        dest="not_recognised",
        action="extend",
        nargs="+",
        metavar="CODE[:REASON]",
        help=_(
            "communes not recognised, each with its reason after a colon (default reason: the conditions it fails)"
        ),
    )
    add.add_argument("--authority", default="", metavar="TEXT", help=_("the issuing authority"))
    add.add_argument("--decider", default="", metavar="TEXT")
    add.add_argument("--signer-position", default="", metavar="TEXT")
    add.add_argument("--signer-authority", default="", metavar="TEXT", help=_("e.g. KT. Chủ tịch"))
    add.add_argument("--appraisal-number", default="", metavar="TEXT")
    add.add_argument("--appraisal-date", metavar="YYYY-MM-DD")
    add.add_argument("--json", action="store_true", help=_("print JSON"))


def _revoke_arguments(revoke: argparse.ArgumentParser) -> None:
    revoke.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    revoke.add_argument(
        "--commune",
        required=True,
        action="extend",
        nargs="+",
        metavar="CODE",
        help=_("the communes whose recognition for the year is revoked"),
    )
    revoke.add_argument("--number", required=True, metavar="TEXT", help=_("e.g. 130/QĐ-UBND"))
    revoke.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    revoke.add_argument("--signer", required=True, metavar="NAME")
    revoke.add_argument("--reason", required=True, metavar="TEXT")
    revoke.add_argument(
        "--decision",
        type=whole_number,
        default=0,
        metavar="ID",
        help=_("the recognition decision revoked (default: the one that recognised the communes)"),
    )
    revoke.add_argument("--authority", default="", metavar="TEXT")
    revoke.add_argument("--decider", default="", metavar="TEXT")
    revoke.add_argument("--signer-position", default="", metavar="TEXT")
    revoke.add_argument("--signer-authority", default="", metavar="TEXT")
    revoke.add_argument(
        "--proposer",
        default="",
        metavar="TEXT",
        help=_("who proposed the revocation, e.g. Giám đốc Sở Y tế (default: a dotted line)"),
    )
    revoke.add_argument(
        "--basis",
        default="",
        metavar="TEXT",
        help=_("the act the revocation rests on, as cited (default: a dotted line)"),
    )
    revoke.add_argument("--json", action="store_true", help=_("print JSON"))


def add_decision_parsers(commands: Any, command: Command) -> None:
    """`decision new|add|revoke|status|list|show|print|authority` and `commendation
    new|list|show` (called by cli/parser.py)."""
    decision = command(commands, "decision", _("recognition decisions of a year"))
    actions = decision.add_subparsers(dest="action", metavar="ACTION", required=True)
    _recording_arguments(command(actions, "new", _("record a recognition decision; audited")))
    _recording_arguments(command(actions, "add", _("the same as 'new' (its former name)")))
    _revoke_arguments(
        command(actions, "revoke", _("record a decision revoking recognitions; audited"))
    )
    status = command(
        actions, "status", _("whether a commune is recognised for a year, and by which decision")
    )
    status.add_argument("--commune", required=True, metavar="CODE")
    status.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    status.add_argument("--json", action="store_true", help=_("print JSON"))
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

    _add_commendation_parsers(commands, command)


def _add_commendation_parsers(commands: Any, command: Command) -> None:
    """`commendation new|list|show|print` (cli/commendation_commands.py)."""
    commendation = command(commands, "commendation", _("commendations of units and people"))
    actions = commendation.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = command(actions, "new", _("record a commendation; audited"))
    new.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    new.add_argument("--number", required=True, metavar="TEXT", help=_("e.g. 88/QĐ-UBND"))
    new.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    new.add_argument("--form", required=True, metavar="TEXT", help=_("e.g. Bằng khen, Giấy khen"))
    new.add_argument("--signer", required=True, metavar="NAME")
    new.add_argument("--reason", required=True, metavar="TEXT")
    new.add_argument(
        "--commune",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE",
        help=_("the communes commended"),
    )
    new.add_argument(
        "--person",
        action="append",
        default=[],
        metavar="NAME[;POSITION[;UNIT]]",
        help=_("a person commended"),
    )
    new.add_argument(
        "--authority",
        default="",
        metavar="TEXT",
        help=_("the issuing authority (default: the province's people's committee)"),
    )
    new.add_argument("--signer-position", default="", metavar="TEXT")
    new.add_argument("--json", action="store_true", help=_("print JSON"))
    listing = command(actions, "list", _("list the recorded commendations"))
    listing.add_argument("--year", type=whole_number, metavar="YYYY")
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(actions, "show", _("show a commendation"))
    show.add_argument("id", type=whole_number, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    printed = command(actions, "print", _("write the decision on a commendation as PDF"))
    printed.add_argument("id", type=whole_number, metavar="ID")
    printed.add_argument("--out", required=True, metavar="FILE.pdf")
