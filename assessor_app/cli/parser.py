"""The argument parser of `assessor-app`."""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from assessor_app import __version__
from assessor_app.cli.arguments import whole_number
from assessor_app.cli.exit_codes import USAGE
from assessor_app.cli.parser_catalogue_drafts import add_catalogue_draft_parsers
from assessor_app.cli.parser_decisions import add_decision_parsers
from assessor_app.cli.parser_exchange import add_import_parsers
from assessor_app.cli.parser_held import add_expect_previous, add_held_parsers
from assessor_app.cli.parser_keys import add_key_parsers
from assessor_app.cli.parser_merges import add_merge_parsers
from assessor_app.cli.parser_pdf import add_pdf_parsers
from assessor_app.cli.parser_plan import add_plan_parsers
from assessor_app.cli.parser_procedure import add_procedure_parsers
from assessor_app.cli.parser_profile import add_profile_parsers
from assessor_app.cli.parser_records import add_record_parsers
from assessor_app.cli.parser_releases import add_release_parsers
from assessor_app.cli.parser_reports import add_report_parsers
from assessor_app.cli.parser_review import add_review_parsers
from assessor_app.cli.parser_store import add_store_parsers
from assessor_app.i18n import _, ngettext


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and a hint to `--help`, not the usage block.

    Sub-commands are built with the same class (argparse's `parser_class` defaults to the
    parent's), so `assessor-app assessment set` names itself in its errors."""

    def error(self, message: str) -> NoReturn:
        one_line = " ".join(message.split("\n"))  # a value typed with a line break stays on one
        self.exit(
            USAGE,
            _("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": one_line}
            + _("Run '{command} --help' for the options.").format(command=self.prog)
            + "\n",
        )


def _common() -> Parser:
    """Options accepted before or after the command (`--home` anywhere is what people type)."""
    common = Parser(add_help=False)
    common.add_argument(
        "--home",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=_("data folder (default: $ASSESSOR_HOME, else the user data folder)"),
    )
    common.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        choices=["vi", "en"],
        help=_("language of messages (default: vi)"),
    )
    common.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help=_("name recorded in the audit log (default: $ASSESSOR_USER, else the login name)"),
    )
    common.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        metavar="URL",
        help=_(
            "keep the records on a PostgreSQL server, e.g. postgresql://officer@server/assessor (default: $ASSESSOR_STORE, else the data folder's file)"
        ),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    # argparse looks up its own messages ("usage:", "error:", "the following arguments are
    # required") through its module-level gettext functions at call time; route them through ours
    # so that usage errors come in the user's language too.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    common = _common()
    parser = Parser(
        prog="assessor-app",
        description=_(
            "Assessment of child-friendly communes (xã, phường, thị trấn phù hợp với trẻ em)."
        ),
        parents=[common],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"assessor-app {__version__}",
        help=_("show the program's version and exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(parent: argparse._SubParsersAction[Parser], name: str, help_text: str) -> Parser:
        return parent.add_parser(name, help=help_text, description=help_text, parents=[common])

    command(commands, "gui", _("open the desktop application"))
    command(
        commands,
        "init",
        _("create or upgrade the store and load the shipped catalogues and unit lists"),
    )

    catalogue = command(commands, "catalogue", _("criteria catalogues"))
    catalogue_cmds = catalogue.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command(catalogue_cmds, "list", _("list the catalogues in the store"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(catalogue_cmds, "show", _("show a catalogue's criteria and indicators"))
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    validate = command(catalogue_cmds, "validate", _("check a catalogue file without storing it"))
    validate.add_argument("file", metavar="FILE")
    validate.add_argument("--json", action="store_true", help=_("print JSON"))
    load = command(
        catalogue_cmds, "import", _("add a catalogue file (e.g. the official one) to the store")
    )
    load.add_argument("file", metavar="FILE")
    to_sheet = command(
        catalogue_cmds, "export-xlsx", _("write a catalogue as an XLSX table to edit")
    )
    to_sheet.add_argument("code", metavar="CODE")
    to_sheet.add_argument("--out", metavar="FILE.xlsx", required=True)
    from_sheet = command(
        catalogue_cmds,
        "import-xlsx",
        _("read an XLSX table back into a checked catalogue file (not stored)"),
    )
    from_sheet.add_argument("file", metavar="FILE.xlsx")
    from_sheet.add_argument("--out", metavar="FILE.json", required=True)
    from_sheet.add_argument("--json", action="store_true", help=_("print JSON"))
    migrate = command(
        catalogue_cmds,
        "migrate",
        _("move an assessment to another catalogue version (without --apply: show what changes)"),
    )
    migrate.add_argument("id", type=whole_number, metavar="ASSESSMENT")
    migrate.add_argument(
        "--to", required=True, metavar="CATALOGUE", help=_("a catalogue code or its hash")
    )
    migrate.add_argument("--apply", action="store_true", help=_("do it (needs --reason)"))
    migrate.add_argument("--reason", default="", metavar="TEXT", help=_("why it moves"))
    migrate.add_argument(
        "--anyway",
        action="store_true",
        help=_("move it even to a version not yet in force in the assessment's year"),
    )
    migrate.add_argument("--json", action="store_true", help=_("print JSON"))
    add_catalogue_draft_parsers(catalogue_cmds, command)  # cli/catalogue_draft_commands.py
    add_release_parsers(catalogue_cmds, command)  # issue 15: publish, in-force

    units = command(commands, "units", _("administrative units"))
    unit_cmds = units.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command(unit_cmds, "list", _("list the units valid on a date"))
    listing.add_argument("--date", metavar="YYYY-MM-DD", help=_("default: today"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    search = command(
        unit_cmds, "search", _("find units by name or code, with or without diacritics")
    )
    search.add_argument("text", metavar="TEXT")
    search.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help=_("search the list valid on this date (default: today)"),
    )
    search.add_argument("--all", action="store_true", help=_("search every list, past and present"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(unit_cmds, "show", _("show a unit and its history"))
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    category = command(unit_cmds, "set-category", _("correct the category a unit is judged in"))
    category.add_argument("code", metavar="CODE")
    category.add_argument(
        "category", metavar="CATEGORY", help="ward_central_city | mountain_island_difficult | other"
    )
    category.add_argument("--reason", required=True, metavar="TEXT")
    add_merge_parsers(unit_cmds, command)

    assessment = command(commands, "assessment", _("assessments of communes"))
    a_cmds = assessment.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = command(a_cmds, "new", _("start an assessment; prints its id"))
    new.add_argument("--commune", required=True, metavar="CODE")
    new.add_argument(
        "--year",
        required=True,
        type=whole_number,
        metavar="YYYY",
        help=_("evaluation year (1 Nov of the year before to 31 Oct)"),
    )
    new.add_argument(
        "--catalogue",
        metavar="CODE",
        help=_("default: the catalogue in force at the end of the evaluation year"),
    )
    new.add_argument("--kind", choices=["self", "team", "review"], default="team")
    listing = command(a_cmds, "list", _("list assessments"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    set_cmd = command(a_cmds, "set", _("enter an indicator's figure: N/D, yes/no, N or points=N"))
    # "-3/50" must reach the value check (and get its clear message) instead of looking like an
    # option to argparse, which only treats "-3" and "-0.5" as negative numbers.
    set_cmd._negative_number_matcher = re.compile(r"^-\d[\d/.]*$")
    set_cmd.add_argument("id", type=whole_number, metavar="ID")
    set_cmd.add_argument("indicator", metavar="INDICATOR")
    set_cmd.add_argument("value", metavar="VALUE")
    set_cmd.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help=_("why (required as justification for points=N)"),
    )
    add_expect_previous(set_cmd)
    show = command(a_cmds, "show", _("show figures, points and the verdict"))
    show.add_argument("id", type=whole_number, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    finalize = command(a_cmds, "finalize", _("finalise (lock) an assessment"))
    finalize.add_argument("id", type=whole_number, metavar="ID")
    finalize.add_argument(
        "--confirm-follow-ups",
        action="store_true",
        help=_("finalise even though indicators are still marked for follow-up"),
    )
    reopen = command(a_cmds, "reopen", _("reopen a finalised assessment"))
    reopen.add_argument("id", type=whole_number, metavar="ID")
    reopen.add_argument("--reason", required=True, metavar="TEXT")
    delete = command(
        a_cmds, "delete", _("delete an assessment (refused while a sent bundle is unacknowledged)")
    )
    delete.add_argument("id", type=whole_number, metavar="ID")
    delete.add_argument("--reason", required=True, metavar="TEXT")
    audit = command(a_cmds, "audit", _("show the audit trail"))
    audit.add_argument("id", type=whole_number, metavar="ID")
    audit.add_argument(
        "--verify", action="store_true", help=_("check the hash chain; exit 7 if broken")
    )
    audit.add_argument("--json", action="store_true", help=_("print JSON"))
    add_held_parsers(a_cmds, command)

    audit = command(commands, "audit", _("audit logs of the whole store"))
    audit_cmds = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify_store = command(
        audit_cmds,
        "verify-store",
        _(
            "check every audit log: hash chains, figures against the logs, signed heads; exit 7 if anything is broken"
        ),
    )
    verify_store.add_argument(
        "--all", action="store_true", help=_("list every log, not only the broken ones")
    )
    verify_store.add_argument("--json", action="store_true", help=_("print JSON"))

    score = command(commands, "score", _("score a JSON request without a store"))
    score.add_argument("file", metavar="FILE.json")
    score.add_argument("--catalogue-file", metavar="FILE")

    add_record_parsers(commands, command)  # evidence, team, comment, flag, source
    add_key_parsers(commands, command)  # keys, export, receipt (cli/key_commands.py)
    add_import_parsers(commands, command)  # verify, import, quarantine (cli/import_commands.py)
    add_store_parsers(commands, command)  # store backups|backup|restore (cli/store_commands.py)
    add_report_parsers(commands, command)  # report, dossier (cli/report_commands.py)
    add_decision_parsers(commands, command)  # decision (cli/decision_commands.py)
    add_plan_parsers(commands, command)  # plan (cli/plan_commands.py)
    add_review_parsers(commands, command)  # review (cli/review_commands.py)
    add_procedure_parsers(commands, command)  # procedure (cli/procedure_commands.py)
    add_pdf_parsers(commands, command)  # sign, verify-pdf (cli/pdf_commands.py)
    add_profile_parsers(commands, command)  # profile show|set (cli/profile_commands.py)
    return parser
