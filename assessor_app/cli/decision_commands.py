"""`decision …` and `report appraisal` (docs/cli.md, "Decisions"):

- `report appraisal --year YYYY (--commune CODE … | --unit CODE) --out FILE.pdf [--number …]`:
  the appraisal report, self-assessed and appraised points side by side;
- `decision add --year YYYY --unit CODE --number 125/QĐ-UBND --date YYYY-MM-DD --signer NAME …`:
  record a recognition decision (audited);
- `decision list [--year]`, `decision show ID`, `decision print ID --out FILE.pdf`;
- `decision authority --year YYYY --unit CODE`: who appraises and decides then, and how sure.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import parse_date, prepared_workspace
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _, ngettext
from assessor_app.services import decision_documents, decisions
from assessor_app.services.decisions import Decision, DecisionInput
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates


def _not_recognised(items: list[str] | None) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in items or []:
        code, sep, reason = item.partition(":")
        if not sep or not code.strip():
            raise InputError(
                "DECISION_BAD_NOT_RECOGNISED",
                N_("Write a commune not recognised as CODE:REASON, not '{text}'."),
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
    }.get(status, status)


def _as_json(decision: Decision) -> dict[str, Any]:
    data = dataclasses.asdict(decision)
    data["decided_on"] = decision.decided_on.isoformat()
    data["appraisal_date"] = (
        decision.appraisal_date.isoformat() if decision.appraisal_date else None
    )
    return data


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
    line(_("Recognised: {communes}").format(communes=decisions.communes_text(decision.recognised)))
    for commune in decision.not_recognised:
        line(_("Not recognised: {name}: {reason}").format(name=commune.name, reason=commune.reason))


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


def cmd_decision(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "add":
            return _add(args, workspace)
        if args.action == "authority":
            return _authority(args, workspace)
        if args.action == "list":
            found = decisions.list_decisions(workspace, args.year)
            if args.json:
                emit_json([_as_json(d) for d in found])
            for decision in [] if args.json else found:
                line(
                    f"{decision.id}  {decision.number}  {dates.day(decision.decided_on)}  {decision.scope_name}  {decision.year}  {len(decision.recognised)}"
                )
            return OK
        decision = decisions.get_decision(workspace, args.id)
        if args.action == "show":
            if args.json:
                emit_json(_as_json(decision))
            else:
                _show(decision)
            return OK
        decision_documents.write_decision(workspace, args.id, Path(args.out))
        line(_("Decision written: {path}").format(path=args.out))
        if not decision.verified:
            line(
                _(
                    "Warning: the recognising authority of this period is not verified; the document says so."
                )
            )
        return OK
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
