"""`commendation …` (docs/cli.md, "Decisions"):

- `commendation new --year YYYY --number 88/QĐ-UBND --date YYYY-MM-DD --form "Bằng khen"
  --signer NAME --reason TEXT [--commune CODE…] [--person "NAME;POSITION;UNIT"…] [--authority …]`:
  record a commendation of units and people (audited);
- `commendation list [--year]`, `commendation show ID`;
- `commendation print ID --out FILE.pdf`: the decision on the commendation as the office prints it.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import parse_date, prepared_workspace
from assessor_app.i18n import _
from assessor_app.services import commendations
from assessor_app.services.commendations import (
    Commendation,
    CommendationInput,
    CommendedPerson,
)
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates


def _person(text: str) -> CommendedPerson:
    name, position, unit = [*(part.strip() for part in text.split(";")), "", ""][:3]
    return CommendedPerson(name, position, unit)


def _as_json(found: Commendation) -> dict[str, Any]:
    data = dataclasses.asdict(found)
    data["decided_on"] = found.decided_on.isoformat()
    return data


def _show(found: Commendation) -> None:
    line(f"{found.id}  {found.number}  {dates.day(found.decided_on)}  {found.form}  {found.year}")
    line(_("Authority: {authority}").format(authority=found.authority))
    line(
        _("Signed by: {position} {name}").format(
            position=found.signer_position, name=found.signer_name
        )
    )
    line(_("Commended: {recipients}").format(recipients=found.recipients_text))
    line(_("Reason: {reason}").format(reason=found.reason))


def _new(args: argparse.Namespace, workspace: Workspace) -> int:
    given = CommendationInput(
        year=args.year,
        number=args.number,
        decided_on=parse_date(args.date, workspace),
        form=args.form,
        signer_name=args.signer,
        reason=args.reason,
        communes=tuple(args.commune),
        people=tuple(_person(p) for p in args.person),
        authority=args.authority,
        signer_position=args.signer_position,
    )
    found = commendations.record_commendation(workspace, given)
    if args.json:
        emit_json(_as_json(found))
    else:
        line(_("Commendation recorded: {id}").format(id=found.id))
        _show(found)
    return OK


def cmd_commendation(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "new":
            return _new(args, workspace)
        if args.action == "list":
            found = commendations.list_commendations(workspace, args.year)
            if args.json:
                emit_json([_as_json(c) for c in found])
            for item in [] if args.json else found:
                line(
                    f"{item.id}  {item.number}  {dates.day(item.decided_on)}  {item.form}  {item.year}  {item.recipients_text}"
                )
            return OK
        if args.action == "print":
            from assessor_app.services import commendation_documents

            commendation_documents.write_commendation(workspace, args.id, Path(args.out))
            line(_("Decision written: {path}").format(path=args.out))
            return OK
        shown = commendations.get_commendation(workspace, args.id)
        if args.json:
            emit_json(_as_json(shown))
        else:
            _show(shown)
        return OK
    finally:
        workspace.close()
