"""Writing a merge plan inside the importer's transaction (services/merge.py): the histories and
heads, the unions of members, comments, evidence, flags and assignments, the foreign audit chains
and signed heads, then the rescore and the audit entries of the import."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.catalogue import UnitCategory
from assessor_app.services import audit_trail, merge_migration
from assessor_app.services.assessments import rescore
from assessor_app.services.bundle_payload import AssessmentDoc, sources_to_take
from assessor_app.services.merge_model import (
    CONFLICT,
    INCOMING,
    KEEP,
    LOCAL,
    TAKE,
    AssessmentPlan,
    IndicatorMerge,
    corrupt,
)
from assessor_app.services.merge_plan import chain_plan
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord, CatalogueRecord, NewAssessment
from assessor_app.storage.repository import Repository


@dataclass
class ApplyContext:
    """What applying needs besides the store: who and when, the bundle, and where to record the
    evidence files written (so that a failed transaction can remove them)."""

    workspace: Workspace
    repo: Repository
    own_device: str
    bundle_id: str
    device_id: str
    sequence: int
    evidence_path: Callable[[str], Path]  # sha256 → the file inside the unpacked bundle
    # payload path → SHA-256 the file was checked against as it was unpacked (OpenedBundle.digests)
    digests: Mapping[str, str] = field(default_factory=dict)
    created_blobs: list[str] = field(default_factory=list)


def _ensure_blob(context: ApplyContext, sha256: str, size: int, now: str) -> None:
    """The evidence file `sha256` in the store: moved there from the unpacked bundle (it was
    hashed as it was unpacked, and its name is checked against that hash here), not copied; the
    caller makes the moves durable (`EvidenceStore.sync_folders`) before committing."""
    store = context.workspace.evidence
    if not store.exists(sha256):
        name = f"evidence/{sha256}"
        source = context.evidence_path(sha256)
        if context.digests.get(name) != sha256 or source.stat().st_size != size:
            raise corrupt(name, "the file does not match its hash or size")
        if store.adopt(source, sha256):
            context.created_blobs.append(sha256)
    context.repo.ensure_blob(sha256, size, now)


def _stored_assessment(
    repo: Repository, doc: AssessmentDoc, catalogue: CatalogueRecord, now: str
) -> tuple[AssessmentRecord, bool]:
    """(the assessment here, created now): a new one is stored as the document describes it."""
    row = repo.assessment_record_by_uid(doc.uid)
    if row is not None:
        return row, False
    created = repo.add_assessment(
        NewAssessment(
            uid=doc.uid,
            commune_code=doc.commune_code,
            commune_name=doc.commune_name,
            unit_list_code=doc.unit_list,
            year=doc.year,
            catalogue_id=catalogue.id,
            kind=AssessmentKind(doc.kind),  # checked by check_document
            status=AssessmentStatus(doc.status),
            category=UnitCategory(doc.category),
            created_at=doc.created_at,
            created_by=doc.created_by,
            updated_at=now,
            finalized_at=doc.finalized_at,
            revision=doc.revision,
        )
    )
    return created, True


def _apply_heads(
    repo: Repository,
    assessment_id: int,
    plan: AssessmentPlan,
    choices: Mapping[str, str] | None,
) -> tuple[list[IndicatorMerge], list[tuple[IndicatorMerge, str]]]:
    """Move the heads the plan takes (and the conflicts resolved for the incoming side):
    (indicators taken, conflicts with the choice made)."""
    taken: list[IndicatorMerge] = []
    resolved: list[tuple[IndicatorMerge, str]] = []
    for merge in plan.indicators:
        choice = INCOMING if merge.kind == TAKE else LOCAL
        if merge.kind == CONFLICT:
            choice = (choices or {})[merge.key]
            resolved.append((merge, choice))
        if merge.kind != KEEP and choice == INCOMING and merge.incoming is not None:
            incoming = merge.incoming
            repo.set_head(
                assessment_id,
                merge.indicator,
                incoming.vid,
                incoming.value,
                incoming.author,
                incoming.at,
            )
            if merge.kind == TAKE:
                taken.append(merge)
    return taken, resolved


def apply_assessment(
    context: ApplyContext,
    doc: AssessmentDoc,
    plan: AssessmentPlan,
    catalogue_row: CatalogueRecord,
    choices: Mapping[str, str] | None = None,
    reason: str = "",
) -> AssessmentRecord:
    """Write the merge `plan` of `doc`. Conflicts need a choice (`choices[merge.key]`, "local" or
    "incoming") and `reason`; the caller checked that every conflict has one."""
    workspace, repo = context.workspace, context.repo
    now = workspace.clock()
    row, new = _stored_assessment(repo, doc, catalogue_row, now)
    if plan.migration is not None and not new:  # repinned first: the merge is under the new version
        row = merge_migration.apply_follow(workspace, repo, row, plan.migration, catalogue_row)
    old_heads = {code: repo.head(row.id, code) for code in doc.heads}
    old_values = {code: v.value for code, v in repo.stored_values(row.id).items()}

    # Value histories: the union of both sides, then the heads decided by the plan.
    for version in doc.versions:
        repo.add_version(
            row.id,
            version.indicator,
            version.vid,
            version.parent,
            version.value,
            version.author,
            version.at,
        )
    taken, resolved = _apply_heads(repo, row.id, plan, choices)
    _merge_notes(context, doc, row.id, now)
    _store_chains(context, doc)

    if not new and plan.status_to != row.status.value:
        row = replace(row, status=AssessmentStatus(plan.status_to), finalized_at=doc.finalized_at)
    if not new and plan.action != "same":
        row = replace(row, revision=row.revision + 1, updated_at=now)
    row, _score = rescore(workspace, repo, row)
    _audit_import(context, row, plan, taken, resolved, now)
    _audit_merges(context, row, taken, resolved, old_heads, old_values, reason, now)
    return row


def _audit_import(
    context: ApplyContext,
    row: AssessmentRecord,
    plan: AssessmentPlan,
    taken: list[IndicatorMerge],
    resolved: list[tuple[IndicatorMerge, str]],
    now: str,
) -> None:
    context.repo.append_audit(
        row.uid,
        now,
        context.workspace.actor,
        "import",
        f"bundle:{context.bundle_id}",
        None,
        {
            "bundle": context.bundle_id,
            "device": context.device_id,
            "sequence": context.sequence,
            "action": plan.action,
            "indicators": [m.indicator for m in taken],
            "resolved": {m.indicator: choice for m, choice in resolved},
            "members_added": plan.members_added,
            "comments_added": plan.comments_added,
            "evidence_added": plan.evidence_added,
            "status": row.status.value,
            "revision": row.revision,  # so that replaying the log can check it
            **({"migration": plan.migration.to_json()} if plan.migration else {}),
        },
        assessment=row,
    )


def _audit_merges(
    context: ApplyContext,
    row: AssessmentRecord,
    taken: list[IndicatorMerge],
    resolved: list[tuple[IndicatorMerge, str]],
    old_heads: dict[str, str],
    old_values: dict[str, object],
    reason: str,
    now: str,
) -> None:
    repo, actor = context.repo, context.workspace.actor
    for merge in taken:
        repo.append_audit(
            row.uid,
            now,
            actor,
            "merge",
            f"indicator:{merge.indicator}",
            old_values.get(merge.indicator),
            merge.incoming.value if merge.incoming else None,
            "",
            assessment=row,
        )
    for merge, choice in resolved:
        chosen = merge.incoming if choice == INCOMING else merge.local
        repo.append_audit(
            row.uid,
            now,
            actor,
            "resolve",
            f"indicator:{merge.indicator}",
            {
                "local": merge.local.value if merge.local else None,
                "incoming": merge.incoming.value if merge.incoming else None,
                "vid": old_heads.get(merge.indicator, ""),
            },
            {"choice": choice, "value": chosen.value if chosen else None},
            reason,
            assessment=row,
        )


def _merge_notes(context: ApplyContext, doc: AssessmentDoc, assessment_id: int, now: str) -> None:
    """The unions by uid (a removal mark on either side wins), flags, assignments and the
    newer data sources."""
    _merge_members(context, doc, assessment_id)
    _merge_comments(context, doc, assessment_id)
    _merge_evidence(context, doc, assessment_id, now)
    _merge_flags(context, doc, assessment_id)
    _merge_assignments(context, doc, assessment_id)
    for source in sources_to_take(doc, context.repo.sources(assessment_id)):
        context.repo.set_source(
            assessment_id, source.indicator, source.text, source.entered_by, source.entered_at
        )


def _merge_members(context: ApplyContext, doc: AssessmentDoc, assessment_id: int) -> None:
    repo = context.repo
    members = {m.uid: m for m in repo.team_members(assessment_id, include_removed=True)}
    for member in doc.members:
        local = members.get(member.uid)
        if local is None:
            repo.add_member(
                assessment_id,
                member.uid,
                member.name,
                member.agency,
                # "": a bundle of an early version, which did not check roles
                MemberRole(member.role) if member.role else MemberRole.MEMBER,
                member.added_at,
                member.removed_at,
            )
        elif local.removed_at is None and member.removed_at is not None:
            repo.mark_member_removed(local.id, member.removed_at)


def _merge_comments(context: ApplyContext, doc: AssessmentDoc, assessment_id: int) -> None:
    repo = context.repo
    present = {c.uid for c in repo.comment_records(assessment_id)}
    for comment in doc.comments:
        if comment.uid not in present:
            repo.add_comment(
                assessment_id,
                comment.uid,
                comment.indicator,
                comment.text,
                comment.author,
                comment.at,
            )


def _merge_evidence(
    context: ApplyContext, doc: AssessmentDoc, assessment_id: int, now: str
) -> None:
    repo = context.repo
    links = {e.uid: e for e in repo.evidence_links(assessment_id, include_removed=True)}
    for item in doc.evidence:
        local = links.get(item.uid)
        if local is None:
            _ensure_blob(context, item.sha256, item.size, now)
            repo.add_evidence_link(
                assessment_id,
                item.uid,
                item.indicator,
                item.sha256,
                item.filename,
                item.caption,
                item.added_by,
                item.added_at,
                item.removed_at,
            )
        elif local.removed_at is None and item.removed_at is not None:
            repo.mark_evidence_removed(local.id, item.removed_at)


def _merge_flags(context: ApplyContext, doc: AssessmentDoc, assessment_id: int) -> None:
    repo = context.repo
    flags = repo.flags(assessment_id)
    for code in sorted(set(doc.follow_up)):
        if not flags.get(code):
            repo.set_flag(assessment_id, code, True)


def _merge_assignments(context: ApplyContext, doc: AssessmentDoc, assessment_id: int) -> None:
    repo = context.repo
    member_ids = {m.uid: m.id for m in repo.team_members(assessment_id, include_removed=True)}
    assigned = repo.assignments(assessment_id)
    for criterion, member_uid in sorted(doc.assignments.items()):
        if criterion in assigned or member_uid not in member_ids:
            continue  # the local side's assignment stays
        repo.set_assignment(assessment_id, criterion, member_ids[member_uid])


def _store_chains(context: ApplyContext, doc: AssessmentDoc) -> None:
    _added, problems, chains = chain_plan(context.repo, doc, context.own_device)
    if problems:  # pragma: no cover - the plan holds such a bundle in quarantine
        raise corrupt(f"assessments/{doc.uid}.json", problems[0].english())
    for key, entries in chains.items():
        for entry in entries:
            context.repo.add_foreign_audit(key, entry)
    heads, _head_problems = audit_trail.plan_bundle_heads(
        context.repo, doc.uid, doc.signed_heads, doc.audit, context.own_device
    )
    audit_trail.store_bundle_heads(context.repo, heads)
