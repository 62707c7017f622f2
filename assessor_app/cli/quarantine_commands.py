"""`quarantine list|show|resolve|retry|reject`: the bundles held in quarantine (docs/cli.md,
"Verify, import and quarantine"). A retried or resolved bundle exits as `import` does."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.import_commands import (
    import_exit_code,
    print_conflicts,
    print_reasons,
    print_result,
    reason_json,
    receipt_passphrase,
    result_json,
)
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _, render
from assessor_app.services import quarantine
from assessor_app.services.bundle_import import ImportResult
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, labels


def item_json(item: quarantine.QuarantineItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "bundle_id": item.bundle_id,
        "file": str(item.path) if item.path is not None else None,  # held before 0026
        "sha256": item.sha256,  # the kept content in the store's evidence store
        "received_at": item.received_at,
        "device_id": item.device_id,
        "sequence": item.sequence,
        "key_fingerprint": item.key_fingerprint,
        "status": item.status,
        "reasons": [reason_json(r) for r in item.reasons],
        "resolved_at": item.resolved_at,
        "resolved_by": item.resolved_by,
        "resolution": item.resolution,
    }


def detail_json(detail: quarantine.QuarantineDetail) -> dict[str, Any]:
    return {
        **item_json(detail.item),
        "resolvable": detail.resolvable,
        "bundle": detail.bundle,
        "signer": detail.signer,
        "conflicts": [c.to_json() for c in detail.conflicts],
        "assessments": list(detail.assessments),
    }


def _choices(items: list[str]) -> dict[str, str]:
    choices: dict[str, str] = {}
    for item in items:
        indicator, sep, choice = item.partition("=")
        if not sep or not indicator.strip():
            raise InputError(
                "RESOLVE_BAD_CHOICE",
                N_("Write each choice as INDICATOR=local or INDICATOR=incoming, not '{item}'."),
                item=item,
            )
        choices[indicator.strip()] = choice.strip()
    return choices


def _print_list(items: list[quarantine.QuarantineItem]) -> None:
    if not items:
        line(_("No bundle was ever held in quarantine."))
    language = i18n.language()
    width = max(len(labels.quarantine_status(s, language)) for s in labels.QUARANTINE_STATUSES)
    for item in items:
        codes = ", ".join(r.code for r in item.reasons)
        status = labels.quarantine_status(item.status, language)
        line(
            f"{item.id:>4}  {status:<{width}}  {dates.stamp(item.received_at)}  {item.bundle_id}  #{item.sequence}  {codes}"
        )


def _print_detail(detail: quarantine.QuarantineDetail) -> None:
    item = detail.item
    line(
        _("#{id} bundle {bundle}, number {sequence} from device {device}: {status}").format(
            id=item.id,
            bundle=item.bundle_id,
            sequence=item.sequence,
            device=item.device_id,
            status=labels.quarantine_status(item.status, i18n.language()),
        )
    )
    signer = detail.signer
    line(
        _("Signed by key {fingerprint} {who}").format(
            fingerprint=signer.get("fingerprint") or item.key_fingerprint,
            who=f"({signer['owner']}, {signer.get('agency', '')})"
            if signer.get("owner")
            else _("(not enrolled here)"),
        )
    )
    line(
        _("Sent by {contact} ({organization}) on {created}").format(
            contact=detail.bundle.get("contact", "?"),
            organization=detail.bundle.get("organization", "?"),
            created=dates.stamp(str(detail.bundle.get("created") or "")),
        )
    )
    line(_("File: {path}").format(path=item.kept))
    line(_("Received: {at}").format(at=dates.stamp(item.received_at)))
    print_reasons(item.reasons)
    print_conflicts(detail.conflicts)
    if item.resolution:
        line(
            _("Closed {at} by {who}: {resolution}").format(
                at=dates.stamp(item.resolved_at),
                who=item.resolved_by,
                resolution=json.dumps(item.resolution, ensure_ascii=False),
            )
        )


def _list(workspace: Workspace, args: argparse.Namespace) -> int:
    items = quarantine.list_quarantine(workspace)
    if args.json:
        emit_json([item_json(i) for i in items])
    else:
        _print_list(items)
    return OK


def _show(workspace: Workspace, args: argparse.Namespace) -> int:
    detail = quarantine.show(workspace, args.id)
    if args.json:
        emit_json(detail_json(detail))
    else:
        _print_detail(detail)
    return OK


def _reject(workspace: Workspace, args: argparse.Namespace) -> int:
    rejected = quarantine.reject(workspace, args.id, args.reason, receipt_passphrase(workspace))
    line(
        _("Bundle #{id} rejected; its file stays at {path}.").format(
            id=args.id, path=rejected.item.kept
        )
    )
    if rejected.receipt_path is not None:
        line(_("Receipt for the sender: {path}").format(path=rejected.receipt_path))
    elif rejected.receipt_note is not None:
        line(render(rejected.receipt_note))
    return OK


def _retry(workspace: Workspace, args: argparse.Namespace) -> ImportResult:
    return quarantine.retry(workspace, args.id, receipt_passphrase(workspace))


def _resolve(workspace: Workspace, args: argparse.Namespace) -> ImportResult:
    choices = _choices(args.take)
    return quarantine.resolve(
        workspace, args.id, choices, args.reason, receipt_passphrase(workspace)
    )


# Actions that print what they find, and actions that import the held bundle again.
_LOOKS: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
    "list": _list,
    "show": _show,
    "reject": _reject,
}
_IMPORTS: dict[str, Callable[[Workspace, argparse.Namespace], ImportResult]] = {
    "retry": _retry,
    "resolve": _resolve,
}


def cmd_quarantine(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        look = _LOOKS.get(args.action)
        if look is not None:
            return look(workspace, args)
        result = _IMPORTS[args.action](workspace, args)
    finally:
        workspace.close()
    if getattr(args, "json", False):
        emit_json(result_json(result))
    else:
        print_result(result)
    return import_exit_code(result)
