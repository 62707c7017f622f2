"""`verify`, `import` and `quarantine …`: receiving signed dossier bundles (docs/cli.md, "Verify,
import and quarantine"). The quarantine commands themselves are in cli/quarantine_commands.py; their
parser is here, beside the others'.

`verify` exits with the status of docs/bundle-format.md (0, 20–26) and says why in one line.
`import` exits 0 when the bundle was imported (or had been already), with the `verify` status when
it was rejected or held for its signer (20–26), and 5 when it was held for a conflict, a finalised
assessment it changes or a broken audit chain. Receipts are signed with this installation's key:
the passphrase comes from `$ASSESSOR_PASSPHRASE` or the terminal (not asked when there is no key).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assessor_app import i18n
from assessor_app.cli import exit_codes, release_commands
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, problem
from assessor_app.cli.opening import prepared_workspace
from assessor_app.cli.passphrase import read_passphrase
from assessor_app.i18n import _, ngettext, render
from assessor_app.services import bundle_import, keys
from assessor_app.services.bundle_import import ImportPlan, ImportResult, VerifyReport
from assessor_app.services.catalogue_release_import import is_release
from assessor_app.services.merge import AssessmentPlan, IndicatorMerge, Reason, Side
from assessor_app.services.workspace import Workspace
from assessor_app.texts import counts, dates, labels, values

# --- text and JSON forms


def value_text(value: Any) -> str:
    """An indicator value's JSON form as people write it ("49/50", "Có", "3", "60 điểm")."""
    if value is None:
        return _("(no value)")
    return values.stored(value, i18n.language())


def _side_text(side: Side | None) -> str:
    if side is None:
        return _("(none)")
    return f"{value_text(side.value)} ({side.author}, {dates.stamp(side.at)})"


def reason_json(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "message": render(reason), "params": reason.params}


def report_json(report: VerifyReport) -> dict[str, Any]:
    info = report.info
    return {
        "ok": report.ok,
        "exit_code": exit_codes.for_bundle_code(report.code),
        "code": report.code or None,
        "message": render(report),
        "params": report.params,
        "bundle": None
        if info is None
        else {
            "bundle_id": info.bundle_id,
            "device_id": info.device_id,
            "sequence": info.sequence,
            "supersedes": info.supersedes,
            "created": info.created,
            "contains_drafts": info.contains_drafts,
            "organization": info.organization,
            "contact": info.contact,
            "catalogues": list(info.catalogue_codes),
            "unit_lists": list(info.unit_lists),
        },
        "fingerprint": report.fingerprint or None,
        "signer": {"owner": report.signer_owner, "agency": report.signer_agency}
        if report.signer_owner
        else None,
        "already_seen": report.already_seen,
        "seen_outcome": report.seen_outcome,
        "assessments": list(report.assessments),
        "unsigned_entries": dict(report.unsigned),
        "demo": report.demo,
    }


def plan_json(plan: ImportPlan) -> dict[str, Any]:
    return {
        "outcome": plan.outcome,
        "already": plan.already,
        "reasons": [reason_json(r) for r in plan.reasons],
        "assessments": [a.to_json() for a in plan.assessments],
        "conflicts": [c.to_json() for c in plan.conflicts],
        "verify": report_json(plan.report),
    }


def result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "outcome": result.outcome,
        "already": result.already,
        "bundle_id": result.bundle_id or None,
        "reasons": [reason_json(r) for r in result.reasons],
        "quarantine_id": result.quarantine_id,
        "quarantine_file": str(result.quarantine_path) if result.quarantine_path else None,
        "quarantine_sha256": result.quarantine_sha256,
        "receipt": str(result.receipt_path) if result.receipt_path else None,
        "receipt_note": reason_json(result.receipt_note) if result.receipt_note else None,
        "assessment_ids": list(result.assessment_ids),
        "plan": plan_json(result.plan),
    }


def print_conflicts(
    conflicts: list[IndicatorMerge] | tuple[IndicatorMerge, ...],
    write: Callable[[str], None] = line,
) -> None:
    for conflict in conflicts:
        marker = _(" (finalised here)") if conflict.locked else ""
        write(
            _("  conflict {indicator}{marker}: here {local}; in the bundle {incoming}").format(
                indicator=conflict.indicator,
                marker=marker,
                local=_side_text(conflict.local),
                incoming=_side_text(conflict.incoming),
            )
        )


def _print_assessment(plan: AssessmentPlan) -> None:
    language = i18n.language()
    label = labels.plan_action(plan.action, language)
    where = f"#{plan.local_id}" if plan.local_id is not None else _("(new)")
    line(f"{where} {plan.commune_code} {plan.commune_name} {plan.year}: {label}")
    taken = [m.indicator for m in plan.taken]
    if taken:
        line(_("  indicators taken from the bundle: {items}").format(items=", ".join(taken)))
    kept = [m.indicator for m in plan.kept]
    if kept:
        line(_("  indicators kept (newer here): {items}").format(items=", ".join(kept)))
    parts = counts.plan_changes(
        language,
        members_added=plan.members_added,
        members_removed=plan.members_removed,
        comments_added=plan.comments_added,
        evidence_added=plan.evidence_added,
        evidence_removed=plan.evidence_removed,
        flags_added=plan.flags_added,
        audit_entries_added=plan.audit_entries_added,
    )
    if parts:
        line("  " + "; ".join(parts))
    if plan.status_from is not None and plan.status_to != plan.status_from:
        line(
            _("  status: {old} → {new}").format(
                old=labels.assessment_status(plan.status_from, language),
                new=labels.assessment_status(plan.status_to, language),
            )
        )
    for note in plan.notes:
        line("  " + render(note))
    print_conflicts(plan.conflicts)


def print_reasons(
    reasons: tuple[Reason, ...] | list[Reason], write: Callable[[str], None] = line
) -> None:
    for reason in reasons:
        write(f"  - {render(reason)} [{reason.code}]")


def _print_plan(plan: ImportPlan) -> None:
    outcomes: dict[str, str] = {
        bundle_import.ACCEPTED: _("would be imported"),
        bundle_import.QUARANTINED: _("would be held in quarantine"),
        bundle_import.REJECTED: _("would be rejected"),
    }
    outcome = outcomes[plan.outcome]
    if plan.already:
        line(
            _(
                "This bundle was received before ({outcome}); importing it again changes nothing."
            ).format(outcome=labels.import_outcome(plan.outcome, i18n.language()))
        )
        return
    line(_("Dry run: the bundle {outcome}. Nothing was changed.").format(outcome=outcome))
    print_reasons(plan.reasons)
    for assessment in plan.assessments:
        _print_assessment(assessment)


def _print_receipt(result: ImportResult) -> None:
    if result.receipt_path is not None:
        line(_("Receipt for the sender: {path}").format(path=result.receipt_path))
    elif result.receipt_note is not None:
        line(render(result.receipt_note))


def print_result(result: ImportResult) -> None:
    """What happened, on stdout when the bundle was imported; the refusal (rejected or held in
    quarantine) on stderr, with its reasons. The receipt for the sender is output either way."""
    bundle = result.bundle_id or "?"
    if result.already:
        if result.outcome == bundle_import.QUARANTINED:
            problem(
                _(
                    "Bundle {bundle} was received before and is held in quarantine (#{id}); nothing changed."
                ).format(bundle=bundle, id=result.quarantine_id)
            )
        elif result.outcome == bundle_import.REJECTED:
            problem(
                _("Bundle {bundle} was rejected before; nothing changed.").format(bundle=bundle)
            )
        else:
            line(_("Bundle {bundle} was already imported; nothing changed.").format(bundle=bundle))
        return
    if result.outcome == bundle_import.ACCEPTED:
        line(_("Bundle {bundle} imported.").format(bundle=bundle))
        for assessment in result.plan.assessments:
            _print_assessment(assessment)
    elif result.outcome == bundle_import.QUARANTINED:
        problem(
            _("Bundle {bundle} is held in quarantine as #{id} ({path}):").format(
                bundle=bundle, id=result.quarantine_id, path=result.quarantine_kept
            )
        )
        print_reasons(result.reasons, problem)
        print_conflicts(result.plan.conflicts, problem)
        problem(
            _("See `assessor-app quarantine show {id}`; then resolve, retry or reject it.").format(
                id=result.quarantine_id
            )
        )
    else:
        problem(_("Bundle {bundle} was rejected:").format(bundle=bundle))
        print_reasons(result.reasons, problem)
    _print_receipt(result)


def import_exit_code(result: ImportResult) -> int:
    if result.outcome == bundle_import.ACCEPTED:
        return OK
    return exit_codes.for_import([r.code for r in result.reasons])


def receipt_passphrase(workspace: Workspace) -> str | None:
    """Asked only when this installation has a key to sign the receipt with."""
    return read_passphrase() if keys.key_info(workspace) is not None else None


# --- commands


def cmd_verify(args: argparse.Namespace) -> int:
    if is_release(args.file):  # a catalogue release of the province (issue 15)
        return release_commands.cmd_release(args, verify_only=True)
    workspace = prepared_workspace(args)
    try:
        report = bundle_import.verify(workspace, Path(args.file))
    finally:
        workspace.close()
    if args.json:  # the refusal, if any, is in the JSON (and the exit status)
        emit_json(report_json(report))
    elif report.ok:
        suffix = _(" (already received)") if report.already_seen else ""
        line(render(report) + suffix)
        if report.demo:
            line(_("DEMO bundle: sample data, not official records; offices refuse it."))
        unsigned_lines(report)
    else:  # a refusal is not output: one line on stderr
        problem(f"{render(report)} [{report.code}]")
    return exit_codes.for_bundle_code(report.code)


def unsigned_lines(report: VerifyReport) -> None:
    """Entries of the sender's audit log after the last head the sender signed."""
    for uid, count in report.unsigned:
        line(
            ngettext(
                "Assessment {assessment}: {count} audit entry after the last signed head is not signed.",
                "Assessment {assessment}: {count} audit entries after the last signed head are not signed.",
                count,
            ).format(assessment=uid, count=count)
        )


def cmd_import(args: argparse.Namespace) -> int:
    if is_release(args.file):  # a catalogue release of the province (issue 15)
        return release_commands.cmd_release(args, verify_only=bool(args.dry_run))
    workspace = prepared_workspace(args)
    try:
        if args.dry_run:
            plan = bundle_import.preview(workspace, Path(args.file), accept_demo=args.accept_demo)
            if args.json:
                emit_json(plan_json(plan))
            else:
                _print_plan(plan)
            return OK
        receipt_dir = Path(args.receipt_dir) if args.receipt_dir else None
        result = bundle_import.apply(
            workspace,
            Path(args.file),
            receipt_passphrase(workspace),
            receipt_dir,
            accept_demo=args.accept_demo,
        )
    finally:
        workspace.close()
    if args.json:
        emit_json(result_json(result))
    else:
        print_result(result)
    return import_exit_code(result)


# --- the parser
