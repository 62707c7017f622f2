"""`catalogue publish`, `catalogue in-force`, and `import`/`verify` of a catalogue release
(docs/cli.md, "Catalogue releases"; docs/bundle-format.md, "Catalogue releases").

`import FILE` and `verify FILE` hand a release here (cli/import_commands.py asks
`is_release`). A refused release exits with the status of docs/bundle-format.md (20–26; a
signer not enrolled as the province's: 24; a catalogue that does not match its hash: 20) and says
why on stderr; the store is unchanged.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from assessor_app import i18n
from assessor_app.cli import exit_codes
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, problem
from assessor_app.cli.opening import parse_date, prepared_workspace
from assessor_app.cli.passphrase import read_passphrase
from assessor_app.i18n import _, render
from assessor_app.services import catalogue_in_force
from assessor_app.services.catalogue_release import publish
from assessor_app.services.catalogue_release_import import (
    ReleaseRefused,
    ReleaseResult,
    import_release,
    verify_release,
)
from assessor_app.texts import dates, releases


def cmd_publish(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        result = publish(
            workspace,
            args.code,
            Path(args.out),
            read_passphrase(),
            in_force_from=args.in_force_from,
            with_procedure=args.with_procedure,
            overwrite=args.overwrite,
        )
    finally:
        workspace.close()
    manifest = result.manifest
    item = manifest.catalogues[0]
    if args.json:
        emit_json(
            {
                "release_id": result.release_id,
                "sequence": result.sequence,
                "path": str(result.path),
                "manifest_hash": result.manifest_hash,
                "release": manifest.to_json(),
            }
        )
        return OK
    line(
        _("Catalogue release {release} written: {path}").format(
            release=result.release_id, path=result.path
        )
    )
    line(
        releases.in_force_line(
            item.code,
            item.version,
            date.fromisoformat(manifest.in_force_from),
            manifest.publisher,
            i18n.language(),
        )
    )
    if manifest.procedure:
        line(_("Procedure values carried: {count}").format(count=len(manifest.procedure)))
    return OK


def _in_force_json(item: catalogue_in_force.InForce) -> dict[str, Any]:
    return {
        "code": item.code,
        "version": item.version,
        "content_hash": item.content_hash,
        "in_force_from": item.since.isoformat(),
        "publisher": item.publisher,
        "published_by": item.published_by,
        "received_at": item.received_at,
        "release_id": item.release_id,
        "signer": item.signer,
        "signer_owner": item.signer_owner,
        "upcoming": [
            {"version": r.catalogue_version, "in_force_from": r.in_force_from}
            for r in item.upcoming
        ],
    }


def print_in_force(found: list[catalogue_in_force.InForce]) -> None:
    language = i18n.language()
    if not found:
        line(releases.none_in_force(language))
    for item in found:
        line(releases.in_force_line(item.code, item.version, item.since, item.publisher, language))
        by = releases.published_by_line(
            item.publisher, item.published_by, item.signer_owner, language
        )
        line(f"  {by}")
        line(_("  received {when}").format(when=dates.stamp(item.received_at)))
        for later in item.upcoming:
            line(
                _("  then version {version} from {day}").format(
                    version=later.catalogue_version,
                    day=dates.day(date.fromisoformat(later.in_force_from)),
                )
            )


def cmd_in_force(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        day = parse_date(args.date, workspace) if args.date else None
        found = catalogue_in_force.in_force(workspace, day)
    finally:
        workspace.close()
    if args.json:
        emit_json([_in_force_json(item) for item in found])
    else:
        print_in_force(found)
    return OK


def _result_json(result: ReleaseResult) -> dict[str, Any]:
    return {
        "kind": "catalogue-release",
        "release_id": result.release_id,
        "already": result.already,
        "signer": result.signer,
        "signer_owner": result.signer_owner,
        "catalogues_added": list(result.catalogues_added),
        "procedure_items": result.procedure_items,
        "release": result.manifest.to_json(),
    }


def _refusal(args: argparse.Namespace, error: ReleaseRefused) -> int:
    status = exit_codes.for_bundle_code(error.code)
    if getattr(args, "json", False):
        emit_json(
            {
                "kind": "catalogue-release",
                "ok": False,
                "exit_code": status,
                "code": error.code,
                "message": render(error),
                "params": error.params,
            }
        )
    else:
        problem(_("The catalogue release was refused; nothing was changed:"))
        problem(f"  - {render(error)} [{error.code}]")
    return status


def cmd_release(args: argparse.Namespace, verify_only: bool) -> int:
    """`verify FILE` / `import FILE` of a catalogue release."""
    workspace = prepared_workspace(args)
    try:
        try:
            result = (verify_release if verify_only else import_release)(workspace, args.file)
        except ReleaseRefused as error:
            return _refusal(args, error)
    finally:
        workspace.close()
    if args.json:
        emit_json(_result_json(result))
        return OK
    manifest = result.manifest
    if verify_only:
        line(
            _("Valid catalogue release {release} signed by {owner}, key {fingerprint}.").format(
                release=result.release_id, owner=result.signer_owner, fingerprint=result.signer
            )
        )
    elif result.already:
        line(
            _("Catalogue release {release} was already imported; nothing changed.").format(
                release=result.release_id
            )
        )
    else:
        line(_("Catalogue release {release} imported.").format(release=result.release_id))
    for item in manifest.catalogues:
        line(
            releases.in_force_line(
                item.code,
                item.version,
                date.fromisoformat(manifest.in_force_from),
                manifest.publisher,
                i18n.language(),
            )
        )
    if result.procedure_items:
        line(_("Procedure values applied: {count}").format(count=result.procedure_items))
    return OK
