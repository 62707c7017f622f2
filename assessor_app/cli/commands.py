"""What each command does: call a service, print its result."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from assessor_app import i18n
from assessor_app.cli.exit_codes import AUDIT_BROKEN, OK
from assessor_app.cli.formatting import (
    emit_json,
    line,
    score_text,
    signature_line,
)
from assessor_app.cli.opening import prepared_workspace
from assessor_app.cli.passphrase import read_passphrase
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import N_, StateError
from assessor_app.i18n import _, ngettext
from assessor_app.services import (
    assessments,
    audit_trail,
    deletion,
    keys,
    serialize,
    stateless,
)
from assessor_app.services.records import AssessmentDetail, AuditReport
from assessor_app.services.workspace import Workspace
from assessor_app.texts import catalogue_words, labels, numbers
from assessor_app.texts.audit import AuditTexts

# The mark of a demo assessment in lists (the same word in every language, as on paper).
DEMO_MARK = "DEMO"


def _assessment_new(workspace: Workspace, args: argparse.Namespace) -> int:
    summary = assessments.create(workspace, args.commune, args.year, args.catalogue, args.kind)
    line(str(summary.id))
    return OK


def _assessment_delete(workspace: Workspace, args: argparse.Namespace) -> int:
    deletion.delete_assessment(workspace, args.id, args.reason)
    line(
        _("Assessment {assessment} deleted (kept in the store's history).").format(
            assessment=args.id
        )
    )
    return OK


def _assessment_list(workspace: Workspace, args: argparse.Namespace) -> int:
    items = assessments.list_assessments(workspace)
    if args.json:
        emit_json([serialize.assessment_summary(s) for s in items])
        return OK
    language = i18n.language()
    kind_width = max(len(labels.assessment_kind(k, language)) for k in AssessmentKind)
    status_width = max(len(labels.assessment_status(s, language)) for s in AssessmentStatus)
    for s in items:
        verdict = labels.verdict(s.recognized, language)
        kind = labels.assessment_kind(s.kind, language)
        status = labels.assessment_status(s.status, language)
        total = numbers.number(s.total, language)
        mark = f"  {DEMO_MARK}" if s.demo else ""
        # The version pinned, so a lead sees which assessments are still on 2019.1 (issue 15).
        pinned = catalogue_words.pinned_version(s.catalogue_code, s.catalogue_version)
        line(
            f"{s.id:>5}  {s.year}  {s.commune_code} {s.commune_name:<28} {kind:<{kind_width}} {status:<{status_width}} {pinned:<20} {total:>5}  {verdict}{mark}"
        )
    return OK


def _assessment_set(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.expect_previous is not None:
        from assessor_app.cli.held_commands import set_expecting  # two officers on one store

        return set_expecting(workspace, args)
    detail = assessments.set_value(workspace, args.id, args.indicator, args.value, args.reason)
    code = args.indicator.strip()
    points = next((s for s in detail.score.indicators if s.code == code), None)
    language = i18n.language()
    line(
        _("{indicator}: {points}; total {total}.").format(
            indicator=code,
            points=numbers.points_of(points.points, points.max_points, language) if points else "?",
            total=numbers.number(detail.score.total, language),
        )
    )
    return OK


def _print_detail(detail: AssessmentDetail) -> None:
    s = detail.summary
    language = i18n.language()
    kind = labels.assessment_kind(s.kind, language)
    status = labels.assessment_status(s.status, language)
    line(f"#{s.id} {s.commune_code} {s.commune_name} — {s.year} — {kind} — {status}")
    if s.demo:
        line(_("DEMO — sample data to try the app; not an official record."))
    line(
        _("{code} {version}; category: {category}").format(
            code=s.catalogue_code,
            version=s.catalogue_version,
            category=labels.unit_category(s.category, language),
        )
    )
    line(_("Revision {revision}").format(revision=s.revision))
    entered = {code: record.value for code, record in detail.values.items()}
    score_text(detail.score, detail.catalogue, entered)


def _open_follow_ups(detail: AssessmentDetail) -> list[str]:
    """The indicators still marked for follow-up ("Cần xem lại"), in catalogue order."""
    return [
        indicator.code
        for indicator in detail.catalogue.indicators()
        if detail.follow_up.get(indicator.code, False)
    ]


def _finalize(workspace: Workspace, args: argparse.Namespace) -> AssessmentDetail:
    # Open follow-up marks are confirmed first, as the app's finalise dialog asks.
    still_open = _open_follow_ups(assessments.detail(workspace, args.id))
    if still_open and not args.confirm_follow_ups:
        raise StateError(
            "FINALIZE_FOLLOW_UPS_OPEN",
            N_(
                "These indicators are still marked for follow-up: {indicators}. Review them, or finalise anyway with --confirm-follow-ups."
            ),
            indicators=", ".join(still_open),
        )
    # With a signing key, the head of the audit log is signed as it is locked.
    passphrase = read_passphrase() if keys.key_info(workspace) is not None else None
    return assessments.finalize(workspace, args.id, passphrase)


# The actions that end by showing the assessment.
_SHOWING: dict[str, Callable[[Workspace, argparse.Namespace], AssessmentDetail]] = {
    "show": lambda workspace, args: assessments.detail(workspace, args.id),
    "finalize": _finalize,
    "reopen": lambda workspace, args: assessments.reopen(workspace, args.id, args.reason),
}


def _assessment_show(workspace: Workspace, args: argparse.Namespace) -> int:
    detail = _SHOWING[args.action](workspace, args)
    if getattr(args, "json", False):
        emit_json(serialize.assessment_detail(detail))
    else:
        _print_detail(detail)
    return OK


def _print_verification(report: AuditReport) -> None:
    if report.intact:
        count = len(report.entries)
        line(
            ngettext(
                "Audit chain intact ({count} entry).",
                "Audit chain intact ({count} entries).",
                count,
            ).format(count=count)
        )
    else:
        for problem in report.problems:
            line(i18n.render(problem))
    signature_line(report.signed_seq, report.signed_by, report.unsigned)


def _assessment_audit(workspace: Workspace, args: argparse.Namespace) -> int:
    report = assessments.audit(workspace, args.id)
    if args.json:
        emit_json(serialize.audit_report(report))
    else:
        texts = AuditTexts(report.entries, i18n.language())
        for e in report.entries:
            reason = f"  — {texts.reason(e)}" if texts.reason(e) else ""
            line(
                f"{e.seq:>4}  {texts.time(e)}  {e.actor}  {texts.action(e)}  {texts.target(e)}  {texts.change(e)}{reason}"
            )
        if args.verify:
            _print_verification(report)
    return AUDIT_BROKEN if args.verify and not report.intact else OK


def _assessment_held(workspace: Workspace, args: argparse.Namespace) -> int:
    from assessor_app.cli.held_commands import held  # loaded only for this command

    return held(workspace, args)


_ASSESSMENT_ACTIONS: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
    "new": _assessment_new,
    "delete": _assessment_delete,
    "list": _assessment_list,
    "set": _assessment_set,
    "show": _assessment_show,
    "finalize": _assessment_show,
    "reopen": _assessment_show,
    "audit": _assessment_audit,
    "held": _assessment_held,
}


def cmd_assessment(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        return _ASSESSMENT_ACTIONS[args.action](workspace, args)
    finally:
        workspace.close()


def cmd_score(args: argparse.Namespace) -> int:
    outcome = stateless.score_file(args.file, args.catalogue_file)
    data = serialize.score_result(outcome.result)
    data["catalogue_version"] = outcome.catalogue.version
    if outcome.commune is not None:
        data["commune"] = {
            "code": outcome.commune.code,
            "name": outcome.commune.name,
            "unit_list": outcome.commune.list_code,
        }
    emit_json(data)
    return OK


def cmd_audit(args: argparse.Namespace) -> int:
    """`audit verify-store`: every audit log of the store (docs/store.md)."""
    workspace = prepared_workspace(args)
    try:
        result = audit_trail.verify_store(workspace)
    finally:
        workspace.close()
    if args.json:
        emit_json(serialize.store_audit(result))
        return OK if result.intact else AUDIT_BROKEN
    for chain in result.chains:
        if chain.intact and not args.all:
            continue
        state = _("intact") if chain.intact else _("BROKEN")
        entries = ngettext("{count} entry", "{count} entries", chain.entries)
        line(f"{chain.chain} ({chain.kind}): {state}, " + entries.format(count=chain.entries))
        for problem in chain.problems:
            line("  - " + i18n.render(problem) + f" [{problem.code}]")
        if chain.kind != "store":
            signature_line(chain.signed_seq, chain.signed_by, chain.unsigned)
    unsigned = sum(c.unsigned for c in result.chains if c.kind != "store")
    broken = [c for c in result.chains if not c.intact]
    chains = len(result.chains)
    line(
        _(
            "{logs}, {entries} checked: {broken} broken; {unsigned} after the last signed heads."
        ).format(
            logs=ngettext("{count} audit log", "{count} audit logs", chains).format(count=chains),
            entries=ngettext("{count} entry", "{count} entries", result.entries).format(
                count=result.entries
            ),
            broken=len(broken),
            unsigned=ngettext("{count} entry", "{count} entries", unsigned).format(count=unsigned),
        )
    )
    return OK if result.intact else AUDIT_BROKEN
