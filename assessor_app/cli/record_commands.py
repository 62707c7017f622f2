"""`evidence …`, `team …`, `comment add` and `flag set|clear`: what the editor's side panels do.

Each command calls the same service as the desktop app, so the rules are the same (a finalised
assessment is locked, texts have their limits, removals are audited with their reason). Like the
app, which asks for it in a dialog, the command line requires a reason to remove a file or a
member.
"""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.arguments import whole_number
from assessor_app.cli.commands import prepared_workspace
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.domain.assessment import MemberRole, require_reason
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services import assessments, assignments, notes, serialize, team
from assessor_app.services.workspace import Workspace
from assessor_app.texts import labels, numbers


def cmd_evidence(args: argparse.Namespace) -> int:
    if args.action == "remove":
        require_reason(args.reason)  # before opening the store, as the app's dialog does
    workspace = prepared_workspace(args)
    try:
        if args.action == "add":
            _evidence_add(workspace, args)
        elif args.action == "list":
            _evidence_list(workspace, args)
        elif args.action == "caption":
            notes.set_caption(workspace, args.id, args.evidence, args.caption)
            line(_("Caption of evidence {evidence} saved.").format(evidence=args.evidence))
        else:
            notes.remove_evidence(workspace, args.id, args.evidence, args.reason)
            line(
                _(
                    "Evidence {evidence} removed from assessment {assessment}; the file stays in the store."
                ).format(evidence=args.evidence, assessment=args.id)
            )
        return OK
    finally:
        workspace.close()


def _evidence_add(workspace: Workspace, args: argparse.Namespace) -> None:
    record = notes.attach_evidence(workspace, args.id, args.indicator, args.file, args.caption)
    if args.json:
        emit_json(serialize.evidence(record))
        return
    line(
        _("Evidence {evidence} attached to {indicator}: {filename}, SHA-256 {sha256}.").format(
            evidence=record.id,
            indicator=record.indicator,
            filename=record.filename,
            sha256=record.sha256,
        )
    )


def _evidence_list(workspace: Workspace, args: argparse.Namespace) -> None:
    records = assessments.detail(workspace, args.id).evidence
    if args.json:
        emit_json([serialize.evidence(e) for e in records])
        return
    if not records:
        line(_("Assessment {assessment} has no evidence.").format(assessment=args.id))
    for e in records:
        caption = f"  — {e.caption}" if e.caption else ""
        size = numbers.file_size(e.size, i18n.language())
        line(f"{e.id:>5}  {e.indicator:<8} {e.filename}  {size}  {e.sha256[:16]}{caption}")


def cmd_team(args: argparse.Namespace) -> int:
    if args.action == "remove":
        require_reason(args.reason)
    workspace = prepared_workspace(args)
    try:
        if args.action == "add":
            member = team.add_member(workspace, args.id, args.name, args.agency, args.role)
            if args.json:
                emit_json(serialize.member(member))
            else:
                line(
                    _("Team member {member} added: {name}, {agency}, {role}.").format(
                        member=member.id,
                        name=member.name,
                        agency=labels.sector(member.agency, i18n.language()),
                        role=labels.member_role(member.role, i18n.language()),
                    )
                )
        elif args.action == "remove":
            team.remove_member(workspace, args.id, args.member, args.reason)
            line(
                _(
                    "Team member {member} removed; their criteria go back to the default by sector."
                ).format(member=args.member)
            )
        elif args.action == "assign":
            _team_assign(workspace, args)
        else:
            _team_list(workspace, args)
        return OK
    finally:
        workspace.close()


def _team_assign(workspace: Workspace, args: argparse.Namespace) -> None:
    member_id = None if args.default else args.member
    assignments.assign(workspace, args.id, args.criterion, member_id)
    now = assignments.assignments(workspace, args.id)[clean(args.criterion)]
    if now.explicit and now.member is not None:
        text = _("Criterion {criterion} assigned to {name} (member {member}).")
    elif now.member is not None:
        text = _(
            "Criterion {criterion} goes back to the default by sector: {name} (member {member})."
        )
    else:
        text = _("Criterion {criterion} goes back to the default by sector: nobody yet.")
    name, member = (now.member.name, now.member.id) if now.member else ("", "")
    line(text.format(criterion=now.criterion, name=name, member=member))


def _team_list(workspace: Workspace, args: argparse.Namespace) -> None:
    members = assessments.detail(workspace, args.id).members
    current = assignments.assignments(workspace, args.id)
    if args.json:
        emit_json(
            {
                "members": [serialize.member(m) for m in members],
                "assignments": [serialize.assignment(a) for a in current.values()],
            }
        )
        return
    if not members:
        line(_("Assessment {assessment} has no team member yet.").format(assessment=args.id))
    language = i18n.language()
    for m in members:
        agency, role = labels.sector(m.agency, language), labels.member_role(m.role, language)
        line(f"{m.id:>5}  {m.name}  {agency}  {role}")
    for a in current.values():
        who = f"{a.member.id} {a.member.name}" if a.member else "—"
        how = "" if a.explicit else "  " + _("(default by sector)")
        line(f"  {a.criterion:<6} {who}{how}")


def cmd_comment(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        record = notes.add_comment(workspace, args.id, args.indicator, args.text)
    finally:
        workspace.close()
    if args.json:
        emit_json(serialize.comment(record))
    else:
        line(
            _("Comment {comment} added to {indicator}.").format(
                comment=record.id, indicator=record.indicator
            )
        )
    return OK


def cmd_flag(args: argparse.Namespace) -> int:
    follow_up = args.action == "set"
    workspace = prepared_workspace(args)
    try:
        notes.set_follow_up(workspace, args.id, args.indicator, follow_up)
    finally:
        workspace.close()
    text = (
        _("{indicator} is marked for follow-up.")
        if follow_up
        else _("{indicator} is no longer marked for follow-up.")
    )
    line(text.format(indicator=clean(args.indicator)))
    return OK


def _id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", type=whole_number, metavar="ID", help=_("the assessment's id"))


def add_record_parsers(commands: Any, command: Any) -> None:
    """Add `evidence`, `team`, `comment` and `flag` to the parser (cli/parser.py calls this)."""
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
    add.add_argument("--json", action="store_true", help=_("print JSON"))
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
