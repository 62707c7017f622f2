"""`profile show` and `profile set` (docs/cli.md): the profile Settings → Profile sets, from the
command line (a province office set up by script, before it publishes a catalogue release).
Through services/profile.py `save_profile`: the same checks, audited."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.i18n import _
from assessor_app.services import profile as profiles
from assessor_app.texts import labels


def _json(found: profiles.Profile) -> dict[str, Any]:
    return {
        "kind": found.kind.value,
        "name": found.name,
        "agency": found.agency.value,
        "unit_list": found.unit_list,
        "office": None
        if found.office is None
        else {"code": found.office.code, "name": found.office.name},
    }


def _print(found: profiles.Profile) -> None:
    language = i18n.language()
    line(_("Name: {name}").format(name=found.name or "—"))
    line(_("Kind: {kind}").format(kind=found.kind.value))
    line(_("Agency: {agency}").format(agency=labels.sector(found.agency, language)))
    office = f"{found.office.name} ({found.office.code})" if found.office else "—"
    line(_("Office: {office}").format(office=office))
    line(_("Unit list: {code}").format(code=found.unit_list))


def cmd_profile(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "set":
            unit_list = args.unit_list or profiles.load_profile(workspace).unit_list
            found = profiles.save_profile(
                workspace, args.kind, args.name, args.agency, unit_list, args.office
            )
        else:
            found = profiles.load_profile(workspace)
    finally:
        workspace.close()
    if args.json:
        emit_json(_json(found))
    else:
        _print(found)
    return OK
