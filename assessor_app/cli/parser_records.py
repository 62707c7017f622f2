"""The arguments of `evidence`, `team`, `comment` and `flag` (handled in cli/record_commands.py).

Only argparse and the translations: building the parser loads no command's code, so a command
imports only what it runs (cli/main.py)."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app.cli.arguments import whole_number
from assessor_app.domain.assessment import MemberRole
from assessor_app.domain.catalogue import Sector
from assessor_app.i18n import _


def _id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=whole_number, metavar="ID", help=_("the assessment's id"))


def _add_evidence_parsers(commands: Any, command: Any) -> None:
    evidence = command(commands, "evidence", _("evidence files of an assessment's indicators"))
    e_cmds = evidence.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = command(
        e_cmds, "add", _("copy a file into the store and attach it to an indicator; prints its id")
    )
    _id(add)
    add.add_argument("indicator", metavar="INDICATOR")
    add.add_argument("file", metavar="FILE")
    add.add_argument(
        "--caption", default="", metavar="TEXT", help=_("what the file shows (optional)")
    )
    add.add_argument("--json", action="store_true", help=_("print JSON"))
    listing = command(e_cmds, "list", _("list the evidence attached to an assessment"))
    _id(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    caption = command(e_cmds, "caption", _("change the caption of an evidence file"))
    _id(caption)
    caption.add_argument("evidence", type=whole_number, metavar="EVIDENCE_ID")
    caption.add_argument("caption", metavar="TEXT")
    remove = command(
        e_cmds, "remove", _("detach an evidence file, with a reason (the file stays in the store)")
    )
    _id(remove)
    remove.add_argument("evidence", type=whole_number, metavar="EVIDENCE_ID")
    remove.add_argument("--reason", required=True, metavar="TEXT")


def _replace_lead(parser: Any) -> None:
    parser.add_argument(
        "--replace-lead",
        action="store_true",
        help=_("a team has one leader: the current one becomes a member"),
    )


def _add_team_parsers(commands: Any, command: Any) -> None:
    team_parser = command(commands, "team", _("an assessment's team and who answers for what"))
    t_cmds = team_parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = command(t_cmds, "add", _("add a team member; prints their id"))
    _id(add)
    add.add_argument("--name", required=True, metavar="NAME")
    add.add_argument(
        "--agency",
        required=True,
        metavar="AGENCY",
        help=_("one of: {codes}").format(codes=", ".join(s.value for s in Sector)),
    )
    add.add_argument(
        "--role",
        default=MemberRole.MEMBER.value,
        metavar="ROLE",
        help=_("one of: {codes} (default: member)").format(
            codes=", ".join(r.value for r in MemberRole)
        ),
    )
    _replace_lead(add)
    add.add_argument("--json", action="store_true", help=_("print JSON"))
    role = command(t_cmds, "role", _("change a team member's role"))
    _id(role)
    role.add_argument("member", type=whole_number, metavar="MEMBER_ID")
    role.add_argument(
        "role",
        metavar="ROLE",
        help=_("one of: {codes}").format(codes=", ".join(r.value for r in MemberRole)),
    )
    _replace_lead(role)
    remove = command(
        t_cmds,
        "remove",
        _("remove a team member, with a reason; their criteria go back to the default by sector"),
    )
    _id(remove)
    remove.add_argument("member", type=whole_number, metavar="MEMBER_ID")
    remove.add_argument("--reason", required=True, metavar="TEXT")
    assign = command(
        t_cmds, "assign", _("make a member answer for a criterion (--default: back to by sector)")
    )
    _id(assign)
    assign.add_argument("criterion", metavar="CRITERION")
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("member", nargs="?", type=whole_number, metavar="MEMBER_ID")
    who.add_argument(
        "--default",
        action="store_true",
        help=_("the first member from the criterion's sector answers for it"),
    )
    listing = command(t_cmds, "list", _("list the team and who answers for each criterion"))
    _id(listing)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))


def add_record_parsers(commands: Any, command: Any) -> None:
    """Add `evidence`, `team`, `comment`, `flag` and `source` to the parser (cli/parser.py calls this)."""
    _add_evidence_parsers(commands, command)
    _add_team_parsers(commands, command)

    comment = command(commands, "comment", _("comments on indicators, for the team"))
    c_cmds = comment.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = command(c_cmds, "add", _("add a comment to an indicator"))
    _id(add)
    add.add_argument("indicator", metavar="INDICATOR")
    add.add_argument("text", metavar="TEXT")
    add.add_argument("--json", action="store_true", help=_("print JSON"))

    flag = command(commands, "flag", _("follow-up marks on indicators"))
    f_cmds = flag.add_subparsers(dest="action", metavar="ACTION", required=True)
    for action, help_text in (
        ("set", _("mark an indicator for follow-up")),
        ("clear", _("remove an indicator's follow-up mark")),
    ):
        sub = command(f_cmds, action, help_text)
        _id(sub)
        sub.add_argument("indicator", metavar="INDICATOR")

    source = command(commands, "source", _("where the figures of an indicator come from"))
    s_cmds = source.add_subparsers(dest="action", metavar="ACTION", required=True)
    setter = command(
        s_cmds, "set", _("set the data source of an indicator (printed in the dossier)")
    )
    _id(setter)
    setter.add_argument("indicator", metavar="INDICATOR")
    setter.add_argument("text", metavar="TEXT")
    clearer = command(s_cmds, "clear", _("remove the data source of an indicator"))
    _id(clearer)
    clearer.add_argument("indicator", metavar="INDICATOR")
