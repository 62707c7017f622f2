"""What each command does: call a service, print its result."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from assessor_app import i18n
from assessor_app.cli.exit_codes import AUDIT_BROKEN, OK
from assessor_app.cli.formatting import (
    emit_json,
    line,
    provisional_warning,
    score_text,
    signature_line,
    status_label,
)
from assessor_app.cli.passphrase import read_passphrase
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _, ngettext
from assessor_app.services import (
    assessments,
    audit_trail,
    deletion,
    housekeeping,
    keys,
    reference_data,
    serialize,
    startup,
    stateless,
)
from assessor_app.services.records import AssessmentDetail, AuditReport
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.texts import dates, labels, numbers
from assessor_app.texts.audit import AuditTexts


def parse_date(text: str | None, workspace: Workspace) -> date:
    """The date written YYYY-MM-DD, or today in Vietnam by the workspace's clock when none."""
    if not text:
        return workspace.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            "BAD_DATE", N_("'{text}' is not a date written YYYY-MM-DD."), text=text
        ) from None


def _open(args: argparse.Namespace) -> Workspace:
    workspace = open_workspace(getattr(args, "home", None), getattr(args, "user", None))
    # Each command is a start of the app: remove what a killed run (of either) left behind.
    housekeeping.sweep(workspace)
    return workspace


def prepared_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace a command works in (--home, --user), prepared as the app prepares it at
    start; the command closes it."""
    workspace = open_workspace(getattr(args, "home", None), getattr(args, "user", None))
    # Every command is a start of the app; it works on a fresh home too.
    startup.prepare(workspace)
    return workspace


def cmd_init(args: argparse.Namespace) -> int:
    workspace = _open(args)
    try:
        report = reference_data.initialise(workspace)
    finally:
        workspace.close()
    line(_("Store: {path}").format(path=report.database))
    line(
        _("Catalogues added: {items}").format(
            items=", ".join(report.catalogues_added) or _("none (already loaded)")
        )
    )
    line(
        _("Unit lists added: {items}").format(
            items=", ".join(report.unit_lists_added) or _("none (already loaded)")
        )
    )
    return OK


def cmd_catalogue(args: argparse.Namespace) -> int:
    if args.action == "validate":
        catalogue = reference_data.load_catalogue_file(args.file)
        if args.json:
            emit_json({"valid": True, **serialize.catalogue_summary(catalogue)})
        else:
            count = len(catalogue.criteria)
            line(
                ngettext(
                    "Valid catalogue {code} {version}: {count} criterion, {points}, hash {hash}.",
                    "Valid catalogue {code} {version}: {count} criteria, {points}, hash {hash}.",
                    count,
                ).format(
                    code=catalogue.code,
                    version=catalogue.version,
                    count=count,
                    points=numbers.points(catalogue.max_total, i18n.language()),
                    hash=catalogue.content_hash,
                )
            )
            provisional_warning(catalogue)
        return OK
    workspace = prepared_workspace(args)
    try:
        if args.action == "import":
            catalogue, added = reference_data.import_catalogue(workspace, args.file)
            message = (
                _("Catalogue {code} {version} added.")
                if added
                else _("Catalogue {code} {version} was already in the store.")
            )
            line(message.format(code=catalogue.code, version=catalogue.version))
            return OK
        if args.action == "list":
            items = reference_data.catalogues(workspace)
            if args.json:
                emit_json([serialize.catalogue_summary(c) for c in items])
            for c in [] if args.json else items:
                start = dates.day(c.effective_from)
                to = dates.day(c.effective_to) if c.effective_to else "…"
                total = numbers.number(c.max_total, i18n.language())
                line(
                    f"{c.code:<12} {c.version:<22} {start} → {to}  {total:>5}  {status_label(c.status)}  {c.legal_basis.number}"
                )
            return OK
        catalogue = reference_data.catalogue(workspace, args.code)
        if args.json:
            emit_json(serialize.catalogue_full(catalogue))
            return OK
        language = i18n.language()
        line(f"{catalogue.code} {catalogue.version} — {catalogue.title_vi}")
        line(f"{catalogue.legal_basis.number}; {numbers.points(catalogue.max_total, language)}")
        provisional_warning(catalogue)
        for crit in catalogue.criteria:
            points = numbers.number(crit.max_points, language)
            line(
                f"{crit.code:<6} {points:>5}  [{status_label(crit.effective_status)}] {crit.title_vi}"
            )
            for ind in crit.indicators:
                kind = labels.rule_kind(ind.kind, language)
                points = numbers.number(ind.max_points, language)
                line(
                    f"    {ind.code:<8} {points:>5}  {kind} [{status_label(ind.effective_status)}] {ind.title_vi}"
                )
        return OK
    finally:
        workspace.close()


def cmd_units(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "list":
            records = reference_data.units_on(workspace, parse_date(args.date, workspace))
        elif args.action == "search":
            records = reference_data.search_units(
                workspace, args.text, parse_date(args.date, workspace), args.all
            )
        elif args.action == "set-category":
            record = reference_data.set_unit_category(
                workspace, args.code, args.category, args.reason
            )
            line(
                _("{code} {name}: category {category}.").format(
                    code=record.code,
                    name=record.name,
                    category=labels.unit_category(record.category, i18n.language()),
                )
            )
            return OK
        else:
            records = reference_data.unit_history(workspace, args.code)
            if args.json:
                emit_json(
                    {
                        "code": records[-1].code,
                        "name": records[-1].name,
                        "category": records[-1].category.value,
                        "history": [serialize.unit(r) for r in records],
                    }
                )
                return OK
        if args.json:
            emit_json([serialize.unit(r) for r in records])
            return OK
        if args.action == "search" and not records:
            line(_("No unit matches '{text}'.").format(text=args.text))
        for r in records:
            period = f"{dates.day(r.valid_from)}→{dates.day(r.valid_to) if r.valid_to else ''}"
            district = f"  ({r.district_name})" if r.district_name else ""
            category = labels.unit_category(r.category, i18n.language())
            line(f"{r.code}  {r.name}{district}  [{category}]  {r.list_code} {period}")
        return OK
    finally:
        workspace.close()


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
        line(
            f"{s.id:>5}  {s.year}  {s.commune_code} {s.commune_name:<28} {kind:<{kind_width}} {status:<{status_width}} {s.catalogue_code:<10} {total:>5}  {verdict}"
        )
    return OK


def _assessment_set(workspace: Workspace, args: argparse.Namespace) -> int:
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
    line(
        _("{code} {version}; category: {category}").format(
            code=s.catalogue_code,
            version=s.catalogue_version,
            category=labels.unit_category(s.category, language),
        )
    )
    entered = {code: record.value for code, record in detail.values.items()}
    score_text(detail.score, detail.catalogue, entered)


def _finalize(workspace: Workspace, args: argparse.Namespace) -> AssessmentDetail:
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
            reason = f"  — {e.reason}" if e.reason else ""
            line(
                f"{e.seq:>4}  {texts.time(e)}  {e.actor}  {texts.action(e)}  {texts.target(e)}  {texts.change(e)}{reason}"
            )
        if args.verify:
            _print_verification(report)
    return AUDIT_BROKEN if args.verify and not report.intact else OK


_ASSESSMENT_ACTIONS: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
    "new": _assessment_new,
    "delete": _assessment_delete,
    "list": _assessment_list,
    "set": _assessment_set,
    "show": _assessment_show,
    "finalize": _assessment_show,
    "reopen": _assessment_show,
    "audit": _assessment_audit,
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
