"""The arguments of `report` and `dossier` (handled in cli/report_commands.py).

Only argparse and the translations: building the parser loads no command's code, so a command
imports only what it runs (cli/main.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.cli.arguments import decimal_number, whole_number
from assessor_app.cli.parser_decisions import add_appraisal_parser
from assessor_app.cli.parser_plan import add_yearly_report_parser
from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def add_report_parsers(commands: Any, command: Command) -> None:
    """`report …` and `dossier …` (called by cli/parser.py)."""
    report = command(commands, "report", _("printed documents: dossiers and summary reports"))
    r_cmds = report.add_subparsers(dest="action", metavar="ACTION", required=True)
    dossier = command(r_cmds, "dossier", _("write the dossier of an assessment as a PDF"))
    dossier.add_argument("id", type=whole_number, metavar="ASSESSMENT")
    dossier.add_argument("--out", required=True, metavar="FILE.pdf")
    summary = command(r_cmds, "summary", _("write the yearly report of a district or the province"))
    summary.add_argument(
        "--unit",
        required=True,
        metavar="CODE",
        help=_("the province's code (20) or, for years up to 2024, a district's (3 digits)"),
    )
    summary.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    summary.add_argument("--out", required=True, metavar="FILE.pdf|FILE.xlsx")
    summary.add_argument(
        "--reviewed-only",
        action="store_true",
        help=_("count only finalised reviews; leave out communes without one"),
    )
    _add_report_details(summary)
    listing = command(r_cmds, "targets", _("the plan's targets"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    target = command(r_cmds, "target", _("set or clear the target of a year after 2020"))
    target.add_argument("--year", required=True, type=whole_number, metavar="YYYY")
    choice = target.add_mutually_exclusive_group(required=True)
    choice.add_argument("--percent", type=decimal_number, metavar="N")
    choice.add_argument("--clear", action="store_true")
    add_appraisal_parser(r_cmds, command)  # report appraisal (cli/decision_commands.py)
    add_yearly_report_parser(r_cmds, command)  # report yearly (cli/plan_entry_commands.py)

    paperwork = command(
        commands, "dossier", _("the request letter and the council's minutes of an assessment")
    )
    d_cmds = paperwork.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = command(d_cmds, "show", _("show the letter and the minutes (defaults until set)"))
    show.add_argument("id", type=whole_number, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    setter = command(d_cmds, "set", _("change the letter or the minutes; audited"))
    setter.add_argument("id", type=whole_number, metavar="ID")
    for flag in (
        "--issuer",
        "--issuer-parent",
        "--letter-number",
        "--place",
        "--signer-name",
        "--signer-title",
        "--signer-authority",
        "--addressee",
        "--council-place",
        "--council-number",
        "--chair",
        "--chair-position",
        "--secretary",
        "--conclusion",
        "--council-date-reason",
    ):
        setter.add_argument(flag, metavar="TEXT")
    for flag in ("--votes-for", "--votes-against"):
        setter.add_argument(flag, type=whole_number, metavar="N")
    setter.add_argument("--letter-date", metavar="YYYY-MM-DD")
    setter.add_argument("--recipient", action="append", metavar="TEXT")
    setter.add_argument("--council-date", metavar="YYYY-MM-DD")
    setter.add_argument("--council-time", metavar="HH:MM")
    setter.add_argument("--council-end", metavar="HH:MM")
    setter.add_argument(
        "--council-member", action="append", metavar="NAME|POSITION[|ROLE][|absent]"
    )
    setter.add_argument("--content", action="append", metavar="TEXT")
    setter.add_argument("--no-council", action="store_true")


NARRATIVE_OPTIONS = ("general", "shortcomings", "causes", "directions", "proposals")


def _add_report_details(summary: argparse.ArgumentParser) -> None:
    """What the office sets on the report; kept for the scope and year (an empty value goes back
    to the default)."""
    details = summary.add_argument_group(_("report details (kept for the next print)"))
    details.add_argument(
        "--number", metavar="TEXT", help=_("the report's number and symbol, as 12/BC-UBND")
    )
    details.add_argument("--date", metavar="YYYY-MM-DD", help=_("the report's date"))
    details.add_argument(
        "--signer", metavar="POSITION|NAME[|AUTHORITY]", help=_("who signs the report")
    )
    details.add_argument("--addressee", metavar="TEXT", help=_("to whom the report is sent"))
    details.add_argument(
        "--recipient", action="append", metavar="TEXT", help=_("a recipient; repeat for each")
    )
    details.add_argument(
        "--plan-number", metavar="TEXT", help=_("the number of the plan reported on")
    )
    details.add_argument("--plan-date", metavar="YYYY-MM-DD", help=_("the date of that plan"))
    details.add_argument("--plan-title", metavar="TEXT", help=_("what that plan is about"))
    for name in NARRATIVE_OPTIONS:
        details.add_argument(
            f"--{name}", metavar="TEXT", help=_("a section of the report in words")
        )
    details.add_argument(
        "--text-file",
        action="append",
        metavar="SECTION=FILE",
        help=_(
            "a section's text from a UTF-8 file (general, shortcomings, causes, directions, proposals)"
        ),
    )


# --- parsing values
