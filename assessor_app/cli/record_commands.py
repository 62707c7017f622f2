"""`evidence …`, `team …`, `comment add`, `flag set|clear` and `source set|clear`: what the editor's side panels do.

Each command calls the same service as the desktop app, so the rules are the same (a finalised
assessment is locked, texts have their limits, removals are audited with their reason). Like the
app, which asks for it in a dialog, the command line requires a reason to remove a file or a
member.
"""

from __future__ import annotations

import argparse

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.assessment import require_reason
from assessor_app.domain.text import clean
from assessor_app.i18n import _
from assessor_app.services import assessments, assignments, notes, serialize, sources, team
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
            member = team.add_member(
                workspace, args.id, args.name, args.agency, args.role, args.replace_lead
            )
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
        elif args.action == "role":
            _team_role(workspace, args)
        elif args.action == "assign":
            _team_assign(workspace, args)
        else:
            _team_list(workspace, args)
        return OK
    finally:
        workspace.close()


def _team_role(workspace: Workspace, args: argparse.Namespace) -> None:
    member = team.set_member_role(workspace, args.id, args.member, args.role, args.replace_lead)
    line(
        _("Team member {member} ({name}) is now: {role}.").format(
            member=member.id,
            name=member.name,
            role=labels.member_role(member.role, i18n.language()),
        )
    )


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


def cmd_source(args: argparse.Namespace) -> int:
    text = args.text if args.action == "set" else ""
    workspace = prepared_workspace(args)
    try:
        sources.set_source(workspace, args.id, args.indicator, text)
    finally:
        workspace.close()
    indicator = clean(args.indicator)
    if clean(text):
        line(_("Data source of {indicator} saved.").format(indicator=indicator))
    else:
        line(_("{indicator} has no data source now.").format(indicator=indicator))
    return OK
