"""Merging one incoming assessment document into the store (docs/bundle-format.md, "Merging").

`check_document` refuses a document that is not internally consistent (signed or not, a document is
never trusted); `plan_assessment` works out, without writing anything, what merging it would do;
`apply_assessment` does it inside the importer's transaction. Per indicator the decision is the
three-way merge of `domain.versions.decide` over the union of both histories; members, comments and
evidence links merge as unions by uid (a removal mark on either side wins); follow-up flags merge as
a union; an explicit assignment is taken only where the local side has none.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assessor_app.core.messages import Message
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.audit import GENESIS, AuditEntry, verify_chain
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.values import parse_json
from assessor_app.domain.versions import MergeKind, ancestors, decide, value_vid
from assessor_app.services import audit_trail
from assessor_app.services.assessments import _rescore
from assessor_app.services.bundle_payload import AssessmentDoc, VersionDoc
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import (
    AssessmentRow,
    CatalogueRow,
    CriterionAssignmentRow,
    EvidenceBlobRow,
    EvidenceLinkRow,
    IndicatorCommentRow,
    IndicatorFlagRow,
    TeamMemberRow,
)

log = logging.getLogger(__name__)

TAKE = "take"  # the incoming version becomes the head (fast-forward, or chosen)
KEEP = "keep"  # the local head stays (the bundle is older for this indicator)
CONFLICT = "conflict"  # both sides changed it: a person chooses

LOCAL = "local"
INCOMING = "incoming"


# Why a bundle is held, rejected or merged in a particular way: the one message type (a stable
# code, an English template translated by `i18n.render`, and its parameters).
Reason = Message


@dataclass(frozen=True)
class Side:
    """One side's head of an indicator: the value (JSON form, None = cleared), who, when."""

    vid: str
    value: Any
    author: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {"vid": self.vid, "value": self.value, "author": self.author, "at": self.at}


@dataclass(frozen=True)
class IndicatorMerge:
    assessment_uid: str
    indicator: str
    kind: str  # TAKE | KEEP | CONFLICT
    local: Side | None
    incoming: Side | None
    locked: bool = False  # a conflict only because the local assessment is finalised

    @property
    def key(self) -> str:
        return f"{self.assessment_uid}:{self.indicator}"

    def to_json(self) -> dict[str, Any]:
        return {
            "assessment": self.assessment_uid,
            "indicator": self.indicator,
            "kind": self.kind,
            "locked": self.locked,
            "local": self.local.to_json() if self.local else None,
            "incoming": self.incoming.to_json() if self.incoming else None,
        }


@dataclass(frozen=True)
class AssessmentPlan:
    """What importing one assessment document does (or would do)."""

    uid: str
    commune_code: str
    commune_name: str
    year: int
    local_id: int | None  # None: new here
    action: str  # "new" | "same" | "updated"
    indicators: tuple[IndicatorMerge, ...] = ()  # every indicator whose heads differ
    members_added: int = 0
    members_removed: int = 0
    comments_added: int = 0
    evidence_added: int = 0
    evidence_removed: int = 0
    flags_added: int = 0
    assignments_added: int = 0
    versions_added: int = 0
    audit_entries_added: int = 0
    status_from: str | None = None  # None for a new assessment
    status_to: str = AssessmentStatus.DRAFT.value
    holds: tuple[Reason, ...] = ()  # reasons it cannot be merged without a person
    notes: tuple[Reason, ...] = ()  # things worth saying that do not stop the merge

    @property
    def taken(self) -> list[IndicatorMerge]:
        return [i for i in self.indicators if i.kind == TAKE]

    @property
    def kept(self) -> list[IndicatorMerge]:
        return [i for i in self.indicators if i.kind == KEEP]

    @property
    def conflicts(self) -> list[IndicatorMerge]:
        return [i for i in self.indicators if i.kind == CONFLICT]

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "commune": {"code": self.commune_code, "name": self.commune_name},
            "year": self.year,
            "local_id": self.local_id,
            "action": self.action,
            "indicators": [i.to_json() for i in self.indicators],
            "members_added": self.members_added,
            "members_removed": self.members_removed,
            "comments_added": self.comments_added,
            "evidence_added": self.evidence_added,
            "evidence_removed": self.evidence_removed,
            "flags_added": self.flags_added,
            "assignments_added": self.assignments_added,
            "versions_added": self.versions_added,
            "audit_entries_added": self.audit_entries_added,
            "status_from": self.status_from,
            "status_to": self.status_to,
            "holds": [r.to_json() for r in self.holds],
            "notes": [r.to_json() for r in self.notes],
        }


def corrupt(where: str, problem: str) -> InputError:
    return InputError(
        "BUNDLE_CORRUPT",
        N_("The bundle is damaged: {where}: {problem}"),
        where=where,
        problem=problem,
    )


# --- checking a document (no store writes)


def check_document(
    doc: AssessmentDoc,
    name: str,
    catalogue: Catalogue,
    evidence_available: Callable[[str], bool],
) -> None:
    """Refuse (`BUNDLE_CORRUPT`) a document whose parts do not fit together: unknown kind, status
    or category, a value the catalogue's rule refuses, a version id that is not the hash of its
    content, a head or parent that is not in the history, an evidence file found nowhere."""
    for label, value, allowed in (
        ("kind", doc.kind, [k.value for k in AssessmentKind]),
        ("status", doc.status, [s.value for s in AssessmentStatus]),
        ("category", doc.category, [c.value for c in UnitCategory]),
    ):
        if value not in allowed:
            raise corrupt(f"{name}.{label}", f"unknown value '{value}'")
    roles = ["", *(r.value for r in MemberRole)]  # "": members of bundles from early versions
    for member in doc.members:
        if member.role not in roles:
            raise corrupt(f"{name}.members", f"unknown role '{member.role}'")
    known = {v.vid: v for v in doc.versions}
    if len(known) != len(doc.versions):
        raise corrupt(f"{name}.versions", "a version is listed twice")
    for version in doc.versions:
        where = f"{name}.versions[{version.indicator}]"
        indicator = catalogue.indicator(version.indicator)
        if indicator is None:
            raise corrupt(where, f"catalogue {catalogue.code} has no such indicator")
        if version.value is not None:
            try:
                parse_json(indicator, version.value)
            except InputError as error:
                raise corrupt(where, error.english()) from None
        expected = value_vid(
            doc.uid, version.indicator, version.value, version.author, version.at, version.parent
        )
        if expected != version.vid:
            raise corrupt(where, "the version id does not match its content")
        if version.parent and (
            version.parent not in known or known[version.parent].indicator != version.indicator
        ):
            raise corrupt(where, "its parent version is missing")
    for code, vid in doc.heads.items():
        if vid and known[vid].indicator != code:
            raise corrupt(f"{name}.heads.{code}", "names a version of another indicator")
    for comment in doc.comments:
        if catalogue.indicator(comment.indicator) is None:
            raise corrupt(f"{name}.comments", f"unknown indicator {comment.indicator}")
    for item in doc.evidence:
        if catalogue.indicator(item.indicator) is None:
            raise corrupt(f"{name}.evidence", f"unknown indicator {item.indicator}")
        if item.size < 0 or not evidence_available(item.sha256):
            raise corrupt(f"{name}.evidence", f"the file {item.sha256} is missing")
    for uids, what in (
        ([m.uid for m in doc.members], "members"),
        ([c.uid for c in doc.comments], "comments"),
        ([e.uid for e in doc.evidence], "evidence"),
    ):
        if len(set(uids)) != len(uids) or not all(uids):
            raise corrupt(f"{name}.{what}", "a uid is empty or listed twice")


# --- planning (read only)


def _versions_of(repo: Repository, assessment_id: int) -> dict[str, VersionDoc]:
    return {
        v.vid: VersionDoc(
            v.indicator_code, v.vid, v.parent_vid, json.loads(v.value_json), v.author, v.at
        )
        for v in repo.versions(assessment_id)
    }


def _side(versions: Mapping[str, VersionDoc], vid: str) -> Side | None:
    version = versions.get(vid) if vid else None
    return Side(version.vid, version.value, version.author, version.at) if version else None


def _chain_plan(
    repo: Repository, doc: AssessmentDoc, own_device: str
) -> tuple[int, list[Reason], dict[str, list[AuditEntry]]]:
    """(entries to add, problems, the chains to store) for the foreign audit chains."""
    added, problems = 0, []
    to_store: dict[str, list[AuditEntry]] = {}
    for key in sorted(doc.audit):
        if key == f"{doc.uid}@{own_device}":
            continue  # our own history, already here as the local chain
        entries = doc.audit[key]
        broken = [e for e in entries if e.chain not in (doc.uid, key)]
        if broken:
            problems.append(_broken(doc.uid, key, broken[0].seq, "AUDIT_LINK"))
            continue
        # Every device writes its chain under the assessment's uid; the hashes cover that name.
        found = verify_chain([replace(e, chain=doc.uid) for e in entries])
        if found:
            problems.append(_broken(doc.uid, key, found[0].seq, found[0].code))
            continue
        stored = repo.audit_entries(key)
        mismatch = next(
            (s.seq for s, e in zip(stored, entries, strict=False) if s.hash != e.hash), None
        )
        if mismatch is not None:
            problems.append(_broken(doc.uid, key, mismatch, "AUDIT_DIVERGES"))
            continue
        if len(entries) > len(stored):
            to_store[key] = entries[len(stored) :]
            added += len(entries) - len(stored)
    return added, problems, to_store


def _broken(uid: str, chain: str, seq: int, problem: str) -> Reason:
    return Reason(
        "AUDIT_CHAIN_BROKEN",
        N_(
            "The audit log {chain} of assessment {assessment} is broken at entry {seq} ({problem})."
        ),
        {"assessment": uid, "chain": chain, "seq": seq, "problem": problem},
    )


def plan_assessment(
    repo: Repository, doc: AssessmentDoc, own_device: str, catalogue_known: bool
) -> AssessmentPlan:
    """What merging `doc` into the store would do. `catalogue_known`: its catalogue is in the store
    or in the bundle (checked by the caller)."""
    audit_added, chain_problems, _chains = _chain_plan(repo, doc, own_device)
    _heads, head_problems = audit_trail.plan_bundle_heads(
        repo, doc.uid, doc.signed_heads, doc.audit, own_device
    )
    row = repo.assessment_by_uid(doc.uid)
    holds: list[Reason] = list(chain_problems)
    holds += [_broken(doc.uid, "signed heads", p.seq, p.code) for p in head_problems]
    incoming = {v.vid: v for v in doc.versions}
    if row is None:
        return _plan_new(repo, doc, incoming, audit_added, holds, catalogue_known)
    return _plan_update(repo, doc, row, incoming, audit_added, holds)


def _plan_new(
    repo: Repository,
    doc: AssessmentDoc,
    incoming: dict[str, VersionDoc],
    audit_added: int,
    holds: list[Reason],
    catalogue_known: bool,
) -> AssessmentPlan:
    unit_list = repo.unit_list(doc.unit_list)
    if unit_list is None or not any(u.code == doc.commune_code for u in unit_list.units):
        holds.append(
            Reason(
                "IMPORT_UNKNOWN_UNIT",
                N_(
                    "Commune {commune} of unit list {unit_list} is not in this installation's unit lists; update the app, then retry."
                ),
                {"commune": doc.commune_code, "unit_list": doc.unit_list},
            )
        )
    if not catalogue_known:  # pragma: no cover - refused as corrupt before planning
        holds.append(
            Reason(
                "IMPORT_UNKNOWN_CATALOGUE",
                N_("The catalogue {catalogue} is neither in the store nor in the bundle."),
                {"catalogue": doc.catalogue_hash},
            )
        )
    clashes = _uid_clashes(repo, doc, None)
    holds.extend(clashes)
    indicators = tuple(
        IndicatorMerge(doc.uid, code, TAKE, None, _side(incoming, vid))
        for code, vid in sorted(doc.heads.items())
        if vid
    )
    return AssessmentPlan(
        uid=doc.uid,
        commune_code=doc.commune_code,
        commune_name=doc.commune_name,
        year=doc.year,
        local_id=None,
        action="new",
        indicators=indicators,
        members_added=len(doc.members),
        comments_added=len(doc.comments),
        evidence_added=len(doc.evidence),
        flags_added=len(set(doc.follow_up)),
        assignments_added=len(doc.assignments),
        versions_added=len(doc.versions),
        audit_entries_added=audit_added,
        status_from=None,
        status_to=doc.status,
        holds=tuple(holds),
    )


def _uid_clashes(repo: Repository, doc: AssessmentDoc, assessment_id: int | None) -> list[Reason]:
    """Members, comments and evidence links carry uids that are unique in the whole store: one
    that belongs to another assessment here cannot be merged."""
    owners: list[tuple[str, int | None]] = []
    for member in doc.members:
        row = repo.member_by_uid(member.uid)
        owners.append((member.uid, row.assessment_id if row else None))
    for comment in doc.comments:
        found = repo.comment_by_uid(comment.uid)
        owners.append((comment.uid, found.assessment_id if found else None))
    for item in doc.evidence:
        link = repo.evidence_link_by_uid(item.uid)
        owners.append((item.uid, link.assessment_id if link else None))
    return [
        Reason(
            "IMPORT_UID_CLASH",
            N_(
                "The record {uid} of assessment {assessment} already belongs to another assessment here."
            ),
            {"uid": uid, "assessment": doc.uid},
        )
        for uid, owner in owners
        if owner is not None and owner != assessment_id
    ]


def _plan_update(
    repo: Repository,
    doc: AssessmentDoc,
    row: AssessmentRow,
    incoming: dict[str, VersionDoc],
    audit_added: int,
    holds: list[Reason],
) -> AssessmentPlan:
    if (row.commune_code, row.year, row.catalogue.content_hash) != (
        doc.commune_code,
        doc.year,
        doc.catalogue_hash,
    ):
        holds.append(
            Reason(
                "IMPORT_ASSESSMENT_MISMATCH",
                N_(
                    "Assessment {assessment} here is of {local}, the bundle's copy of {incoming}: they cannot be merged."
                ),
                {
                    "assessment": doc.uid,
                    "local": f"{row.commune_code} {row.year} {row.catalogue.code}",
                    "incoming": f"{doc.commune_code} {doc.year} {doc.catalogue_hash[:12]}",
                },
            )
        )
    holds.extend(_uid_clashes(repo, doc, row.id))
    local = _versions_of(repo, row.id)
    both = {**incoming, **local}
    parents = {vid: v.parent for vid, v in both.items()}
    values = {vid: v.value for vid, v in both.items()}
    local_heads = repo.heads(row.id)
    merges: list[IndicatorMerge] = []
    local_only = False
    for code in sorted(set(local_heads) | set(doc.heads)):
        local_head, incoming_head = local_heads.get(code, ""), doc.heads.get(code, "")
        decision = decide(code, local_head, incoming_head, parents, values)
        if (
            local_head
            and local_head not in ancestors(incoming_head, parents)
            and (values.get(local_head) != values.get(incoming_head) or not incoming_head)
        ):
            local_only = True
        kind = {
            MergeKind.TAKE_INCOMING: TAKE,
            MergeKind.KEEP_LOCAL: KEEP,
            MergeKind.CONFLICT: CONFLICT,
        }.get(decision.kind)
        if kind is not None:
            merges.append(
                IndicatorMerge(
                    doc.uid, code, kind, _side(both, local_head), _side(both, incoming_head)
                )
            )
    versions_added = sum(1 for vid in incoming if vid not in local)

    members = {m.uid: m for m in repo.members(row.id, include_removed=True)}
    incoming_members = {m.uid for m in doc.members}
    members_added = sum(1 for m in doc.members if m.uid not in members)
    members_removed = sum(
        1
        for m in doc.members
        if m.uid in members and members[m.uid].removed_at is None and m.removed_at is not None
    )
    local_only |= any(
        uid not in incoming_members
        or (m.removed_at is not None and _by_uid(doc.members)[uid].removed_at is None)
        for uid, m in members.items()
    )
    comments = {c.uid for c in repo.comments(row.id)}
    comments_added = sum(1 for c in doc.comments if c.uid not in comments)
    local_only |= bool(comments - {c.uid for c in doc.comments})
    links = {e.uid: e for e in repo.evidence(row.id, include_removed=True)}
    incoming_links = _by_uid(doc.evidence)
    evidence_added = sum(1 for e in doc.evidence if e.uid not in links)
    evidence_removed = sum(
        1
        for e in doc.evidence
        if e.uid in links and links[e.uid].removed_at is None and e.removed_at is not None
    )
    local_only |= any(
        uid not in incoming_links
        or (e.removed_at is not None and incoming_links[uid].removed_at is None)
        for uid, e in links.items()
    )
    flags = repo.flags(row.id)
    flags_added = sum(1 for code in set(doc.follow_up) if not flags.get(code))
    local_only |= any(on and code not in doc.follow_up for code, on in flags.items())
    assigned = repo.assignments(row.id)
    known_members = set(members) | incoming_members
    assignments_added = sum(
        1 for c, m in doc.assignments.items() if c not in assigned and m in known_members
    )

    status_from = row.status
    status_to = row.status
    notes: list[Reason] = []
    changes = any(m.kind in (TAKE, CONFLICT) for m in merges) or any(
        (
            members_added,
            members_removed,
            comments_added,
            evidence_added,
            evidence_removed,
            flags_added,
            assignments_added,
        )
    )
    finalized = AssessmentStatus.FINALIZED.value
    if row.status == finalized:
        if changes:
            holds.append(
                Reason(
                    "IMPORT_ASSESSMENT_LOCKED",
                    N_(
                        "Assessment {assessment} ({commune}) is finalised here and the bundle changes it (an older revision or a later edit): choose for each indicator."
                    ),
                    {"assessment": doc.uid, "commune": row.commune_name, "local_id": row.id},
                )
            )
            merges = [
                replace(m, kind=CONFLICT, locked=m.kind == TAKE) if m.kind == TAKE else m
                for m in merges
            ]
    elif doc.status == finalized:
        if local_only:
            notes.append(
                Reason(
                    "IMPORT_KEPT_DRAFT",
                    N_(
                        "Assessment {assessment} ({commune}) stays a draft here: it was finalised in the bundle, but it has changes here that the bundle does not have."
                    ),
                    {"assessment": doc.uid, "commune": row.commune_name, "local_id": row.id},
                )
            )
        else:
            status_to = finalized
    nothing = not changes and status_to == status_from and not versions_added and not audit_added
    return AssessmentPlan(
        uid=doc.uid,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        year=row.year,
        local_id=row.id,
        action="same" if nothing else "updated",
        indicators=tuple(merges),
        members_added=members_added,
        members_removed=members_removed,
        comments_added=comments_added,
        evidence_added=evidence_added,
        evidence_removed=evidence_removed,
        flags_added=flags_added,
        assignments_added=assignments_added,
        versions_added=versions_added,
        audit_entries_added=audit_added,
        status_from=status_from,
        status_to=status_to,
        holds=tuple(holds),
        notes=tuple(notes),
    )


def _by_uid(items: Sequence[Any]) -> dict[str, Any]:
    return {item.uid: item for item in items}


# --- applying (inside the caller's transaction)


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
    created_blobs: list[str] = field(default_factory=list)


def _ensure_blob(context: ApplyContext, sha256: str, size: int, now: str) -> None:
    repo, store = context.repo, context.workspace.evidence
    if not store.exists(sha256):
        source = context.evidence_path(sha256)
        with open(source, "rb") as handle:
            blob = store.put_stream(handle)  # hashes while it copies
        if blob.created:
            context.created_blobs.append(blob.sha256)
        if blob.sha256 != sha256 or blob.size != size:
            raise corrupt(f"evidence/{sha256}", "the file does not match its hash or size")
    if repo.blob(sha256) is None:
        repo.session.add(EvidenceBlobRow(sha256=sha256, size=size, stored_at=now))
        repo.session.flush()


def apply_assessment(
    context: ApplyContext,
    doc: AssessmentDoc,
    plan: AssessmentPlan,
    catalogue_row: CatalogueRow,
    choices: Mapping[str, str] | None = None,
    reason: str = "",
) -> AssessmentRow:
    """Write the merge `plan` of `doc`. Conflicts need a choice (`choices[merge.key]`, "local" or
    "incoming") and `reason`; the caller checked that every conflict has one."""
    workspace, repo = context.workspace, context.repo
    session = repo.session
    now = workspace.clock()
    row = repo.assessment_by_uid(doc.uid)
    new = row is None
    if row is None:
        row = AssessmentRow(
            uid=doc.uid,
            commune_code=doc.commune_code,
            commune_name=doc.commune_name,
            unit_list_code=doc.unit_list,
            year=doc.year,
            catalogue_id=catalogue_row.id,
            kind=doc.kind,
            status=doc.status,
            category=doc.category,
            created_at=doc.created_at,
            created_by=doc.created_by,
            updated_at=now,
            finalized_at=doc.finalized_at,
            revision=doc.revision,
            total=0,
            recognized=False,
            audit_count=0,
            audit_head=GENESIS,
        )
        row.catalogue = catalogue_row
        session.add(row)
        session.flush()
    assessment_id = row.id
    old_heads = {code: repo.head(assessment_id, code) for code in doc.heads}
    old_values = {code: json.loads(v.value_json) for code, v in repo.values(assessment_id).items()}

    # Value histories: the union of both sides, then the heads decided by the plan.
    for version in doc.versions:
        repo.add_version(
            assessment_id,
            version.indicator,
            version.vid,
            version.parent,
            version.value,
            version.author,
            version.at,
        )
    session.flush()
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

    _merge_members(context, doc, row, now)
    _merge_comments(context, doc, row)
    _merge_evidence(context, doc, row, now)
    _merge_flags(context, doc, row)
    _merge_assignments(context, doc, row)
    _store_chains(context, doc)

    if not new and plan.status_to != row.status:
        row.status = plan.status_to
        row.finalized_at = doc.finalized_at
    if not new and plan.action != "same":
        row.revision += 1
        row.updated_at = now
    session.flush()
    _rescore(workspace, repo, row)

    actor = workspace.actor
    repo.append_audit(
        row.uid,
        now,
        actor,
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
            "status": row.status,
            "revision": row.revision,  # so that replaying the log can check it
        },
        assessment=row,
    )
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
    return row


def _merge_members(context: ApplyContext, doc: AssessmentDoc, row: AssessmentRow, now: str) -> None:
    repo = context.repo
    members = {m.uid: m for m in repo.members(row.id, include_removed=True)}
    for member in doc.members:
        local = members.get(member.uid)
        if local is None:
            repo.session.add(
                TeamMemberRow(
                    uid=member.uid,
                    assessment_id=row.id,
                    name=member.name,
                    agency=member.agency,
                    role=member.role,
                    added_at=member.added_at,
                    removed_at=member.removed_at,
                )
            )
        elif local.removed_at is None and member.removed_at is not None:
            local.removed_at = member.removed_at
    repo.session.flush()


def _merge_comments(context: ApplyContext, doc: AssessmentDoc, row: AssessmentRow) -> None:
    repo = context.repo
    present = {c.uid for c in repo.comments(row.id)}
    for comment in doc.comments:
        if comment.uid not in present:
            repo.session.add(
                IndicatorCommentRow(
                    uid=comment.uid,
                    assessment_id=row.id,
                    indicator_code=comment.indicator,
                    text=comment.text,
                    author=comment.author,
                    at=comment.at,
                )
            )
    repo.session.flush()


def _merge_evidence(
    context: ApplyContext, doc: AssessmentDoc, row: AssessmentRow, now: str
) -> None:
    repo = context.repo
    links = {e.uid: e for e in repo.evidence(row.id, include_removed=True)}
    for item in doc.evidence:
        local = links.get(item.uid)
        if local is None:
            _ensure_blob(context, item.sha256, item.size, now)
            repo.session.add(
                EvidenceLinkRow(
                    uid=item.uid,
                    assessment_id=row.id,
                    indicator_code=item.indicator,
                    sha256=item.sha256,
                    filename=item.filename,
                    caption=item.caption,
                    added_by=item.added_by,
                    added_at=item.added_at,
                    removed_at=item.removed_at,
                )
            )
        elif local.removed_at is None and item.removed_at is not None:
            local.removed_at = item.removed_at
    repo.session.flush()


def _merge_flags(context: ApplyContext, doc: AssessmentDoc, row: AssessmentRow) -> None:
    repo = context.repo
    for code in sorted(set(doc.follow_up)):
        flag = repo.flag(row.id, code)
        if flag is None:
            repo.session.add(
                IndicatorFlagRow(assessment_id=row.id, indicator_code=code, follow_up=True)
            )
        elif not flag.follow_up:
            flag.follow_up = True
    repo.session.flush()


def _merge_assignments(context: ApplyContext, doc: AssessmentDoc, row: AssessmentRow) -> None:
    repo = context.repo
    member_ids = {m.uid: m.id for m in repo.members(row.id, include_removed=True)}
    assigned = repo.assignments(row.id)
    for criterion, member_uid in sorted(doc.assignments.items()):
        if criterion in assigned or member_uid not in member_ids:
            continue  # the local side's assignment stays
        repo.session.add(
            CriterionAssignmentRow(
                assessment_id=row.id, criterion_code=criterion, member_id=member_ids[member_uid]
            )
        )
    repo.session.flush()


def _store_chains(context: ApplyContext, doc: AssessmentDoc) -> None:
    _added, problems, chains = _chain_plan(context.repo, doc, context.own_device)
    if problems:  # pragma: no cover - the plan holds such a bundle in quarantine
        raise corrupt(f"assessments/{doc.uid}.json", problems[0].english())
    for key, entries in chains.items():
        for entry in entries:
            context.repo.add_foreign_audit(key, entry)
    context.repo.session.flush()
    heads, _head_problems = audit_trail.plan_bundle_heads(
        context.repo, doc.uid, doc.signed_heads, doc.audit, context.own_device
    )
    audit_trail.store_bundle_heads(context.repo, heads)
    context.repo.session.flush()
