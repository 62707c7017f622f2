"""`decision …` and `report appraisal` (docs/cli.md, "Decisions"):

- `report appraisal --year YYYY (--commune CODE … | --unit CODE) --out FILE.pdf [--number …]`:
  the appraisal report, self-assessed and appraised points side by side;
- `decision new --year YYYY --unit CODE --number 125/QĐ-UBND --date YYYY-MM-DD --signer NAME
  [--recognise CODE…] [--not CODE[:REASON]…]` (`add` its former name): record a recognition
  decision (audited);
- `decision revoke --year YYYY --commune CODE… --number … --date … --signer … --reason …
  [--decision ID]`: a new decision revoking recognitions (audited);
- `decision status --commune CODE --year YYYY`: recognised or not, by which decision, revoked?
- `decision list [--year]`, `decision show ID`, `decision print ID --out FILE.pdf`;
- `decision authority --year YYYY --unit CODE`: who appraises and decides then, and how sure.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path
from typing import Any

from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import parse_date, prepared_workspace
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _, ngettext
from assessor_app.services import decision_documents, decisions, recognition, revocations
from assessor_app.services.decisions import Decision, DecisionInput
from assessor_app.services.revocations import RevocationInput
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates

COMMUNE_CODE = re.compile(r"^[0-9]{5}$")


def _not_recognised(items: list[str] | None) -> tuple[tuple[str, str], ...]:
    """`--not 06385` or `--not "06385:lý do"` (without a reason: the conditions it fails)."""
    pairs = []
    for item in items or []:
        code, _sep, reason = item.partition(":")
        if not COMMUNE_CODE.match(code.strip()):
            raise InputError(
                "DECISION_BAD_NOT_RECOGNISED",
                N_("Write a commune not recognised as CODE or CODE:REASON, not '{text}'."),
                text=item,
            )
        pairs.append((code.strip(), reason.strip()))
    return tuple(pairs)


def _status_text(status: str) -> str:
    return {
        "exact": _("verified in the legal text"),
        "secondary": _("from secondary sources"),
        "not_verified": _("NOT VERIFIED: a default of this software; check it before signing"),
        "overridden": _("named in the decision"),
        "province": _("set by the province (procedure)"),
    }.get(status, status)


def _as_json(decision: Decision) -> dict[str, Any]:
    data = dataclasses.asdict(decision)
    data["decided_on"] = decision.decided_on.isoformat()
    data["appraisal_date"] = (
        decision.appraisal_date.isoformat() if decision.appraisal_date else None
    )
    if decision.revokes is not None:
        data["revokes"]["decided_on"] = decision.revokes.decided_on.isoformat()
    return data


def _cited(ref: recognition.DecisionRef) -> str:
    return _("{number} of {date}").format(number=ref.number, date=dates.day(ref.decided_on))


def _show(decision: Decision) -> None:
    line(
        f"{decision.id}  {decision.number}  {dates.day(decision.decided_on)}  {decision.scope_name}  {decision.year}"
    )
    line(
        _("Authority: {authority} ({status})").format(
            authority=decision.authority, status=_status_text(decision.authority_status)
        )
    )
    line(
        _("Signed by: {position} {name}").format(
            position=decision.signer_position, name=decision.signer_name
        )
    )
    if decision.revokes is not None:
        line(_("Revokes decision {decision}").format(decision=_cited(decision.revokes)))
        line(
            _("Recognition revoked: {communes}").format(
                communes=decisions.communes_text(decision.revoked)
            )
        )
        line(_("Reason: {reason}").format(reason=decision.reason))
        return
    line(_("Recognised: {communes}").format(communes=decisions.communes_text(decision.recognised)))
    for commune in decision.not_recognised:
        line(_("Not recognised: {name}: {reason}").format(name=commune.name, reason=commune.reason))


def _list_line(decision: Decision) -> str:
    head = f"{decision.id}  {decision.number}  {dates.day(decision.decided_on)}  {decision.scope_name}  {decision.year}"
    if decision.revokes is not None:
        return (
            head
            + "  "
            + _("revokes {count} of {decision}").format(
                count=len(decision.revoked), decision=decision.revokes.number
            )
        )
    return f"{head}  {len(decision.recognised)}"


def _revoke(args: argparse.Namespace, workspace: Workspace) -> int:
    given = RevocationInput(
        year=args.year,
        communes=tuple(args.commune),
        number=args.number,
        decided_on=parse_date(args.date, workspace),
        signer_name=args.signer,
        reason=args.reason,
        revokes=args.decision,
        authority=args.authority,
        decider=args.decider,
        signer_position=args.signer_position,
        signer_authority=args.signer_authority,
        proposer=args.proposer,
        basis=args.basis,
    )
    decision = revocations.revoke_decision(workspace, given)
    if args.json:
        emit_json(_as_json(decision))
    else:
        line(_("Decision recorded: {id}").format(id=decision.id))
        _show(decision)
    return OK


def _status(args: argparse.Namespace, workspace: Workspace) -> int:
    found = recognition.recognition(workspace, args.commune, args.year)
    if args.json:
        data = dataclasses.asdict(found)
        for key in ("decision", "revoked_by"):
            if data[key] is not None:
                data[key]["decided_on"] = data[key]["decided_on"].isoformat()
        emit_json(data)
        return OK
    said = {
        recognition.RECOGNISED: _("recognised"),
        recognition.NOT_RECOGNISED: _("not recognised"),
        recognition.REVOKED: _("recognition revoked"),
        recognition.UNDECIDED: _("no decision yet"),
    }[found.status]
    line(f"{found.commune}  {found.year}  {said}")
    if found.decision is not None:
        line(_("By decision {decision}").format(decision=_cited(found.decision)))
    if found.revoked_by is not None:
        line(_("Revoked by decision {decision}").format(decision=_cited(found.revoked_by)))
    if found.reason:
        line(_("Reason: {reason}").format(reason=found.reason))
    return OK


def _add(args: argparse.Namespace, workspace: Workspace) -> int:
    given = DecisionInput(
        year=args.year,
        unit=args.unit,
        number=args.number,
        decided_on=parse_date(args.date, workspace),
        signer_name=args.signer,
        recognised=tuple(args.commune or ()),
        not_recognised=_not_recognised(args.not_recognised),
        authority=args.authority,
        decider=args.decider,
        signer_position=args.signer_position,
        signer_authority=args.signer_authority,
        appraisal_number=args.appraisal_number,
        appraisal_date=parse_date(args.appraisal_date, workspace) if args.appraisal_date else None,
    )
    decision = decisions.record_decision(workspace, given)
    if args.json:
        emit_json(_as_json(decision))
    else:
        line(_("Decision recorded: {id}").format(id=decision.id))
        _show(decision)
    return OK


def _authority(args: argparse.Namespace, workspace: Workspace) -> int:
    found = decisions.configured_authority(workspace, args.year, args.unit)
    if args.json:
        data = dataclasses.asdict(found)
        data["valid_from"] = found.valid_from.isoformat()
        data["valid_to"] = found.valid_to.isoformat() if found.valid_to else None
        emit_json(data)
        return OK
    line(_("Appraising body: {body}").format(body=f"{found.appraiser} ({found.appraiser_parent})"))
    line(_("Recognising authority: {authority}").format(authority=found.decider))
    line(_("Status: {status}").format(status=_status_text(found.status)))
    line(_("Source: {source}").format(source=found.source))
    if found.reason:
        line(_("Why this default: {reason}").format(reason=found.reason))
    return OK


def _list(args: argparse.Namespace, workspace: Workspace) -> int:
    found = decisions.list_decisions(workspace, args.year)
    if args.json:
        emit_json([_as_json(d) for d in found])
    for decision in [] if args.json else found:
        line(_list_line(decision))
    return OK


def _show_one(args: argparse.Namespace, workspace: Workspace) -> int:
    decision = decisions.get_decision(workspace, args.id)
    if args.json:
        emit_json(_as_json(decision))
    else:
        _show(decision)
    return OK


def _print(args: argparse.Namespace, workspace: Workspace) -> int:
    decision = decisions.get_decision(workspace, args.id)
    decision_documents.write_decision(workspace, args.id, Path(args.out))
    line(_("Decision written: {path}").format(path=args.out))
    if not decision.verified:
        line(
            _(
                "Warning: the recognising authority of this period is not verified; the document says so."
            )
        )
    return OK


ACTIONS = {
    "new": _add,
    "add": _add,
    "revoke": _revoke,
    "status": _status,
    "authority": _authority,
    "list": _list,
    "show": _show_one,
    "print": _print,
}


def cmd_decision(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        return ACTIONS[args.action](args, workspace)
    finally:
        workspace.close()


def cmd_appraisal(args: argparse.Namespace, workspace: Workspace) -> int:
    data = decision_documents.write_appraisal(
        workspace,
        Path(args.out),
        args.year,
        communes=tuple(args.commune or ()),
        unit=args.unit,
        number=args.number,
        day=parse_date(args.date, workspace) if args.date else None,
        signer=args.signer,
    )
    line(_("Appraisal report written: {path}").format(path=args.out))
    met = sum(1 for c in data.communes if c.recognized)
    line(
        ngettext(
            "{met} of {count} commune meets the standard.",
            "{met} of {count} communes meet the standard.",
            len(data.communes),
        ).format(met=met, count=len(data.communes))
    )
    return OK
