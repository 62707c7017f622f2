"""Planning a merge without writing anything (services/merge.py): per indicator the three-way
decision over both histories, the unions of members, comments, evidence, flags and assignments,
the foreign audit chains to store, and what holds the document for a person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.audit import AuditEntry, verify_chain
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.errors import N_
from assessor_app.domain.versions import MergeKind, ancestors, decide
from assessor_app.services import appraisal_exchange, audit_trail, merge_migration
from assessor_app.services.bundle_payload import AssessmentDoc, VersionDoc, sources_to_take
from assessor_app.services.merge_model import (
    CONFLICT,
    KEEP,
    TAKE,
    AssessmentPlan,
    IndicatorMerge,
    MigrationFollow,
    Reason,
    Side,
)
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository


def _versions_of(repo: Repository, assessment_id: int) -> dict[str, VersionDoc]:
    return {
        v.vid: VersionDoc(v.indicator, v.vid, v.parent, v.value, v.author, v.at)
        for v in repo.value_versions(assessment_id)
    }


def _side(versions: Mapping[str, VersionDoc], vid: str) -> Side | None:
    version = versions.get(vid) if vid else None
    return Side(version.vid, version.value, version.author, version.at) if version else None


def chain_plan(
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
    repo: Repository,
    doc: AssessmentDoc,
    own_device: str,
    catalogue_known: bool,
    catalogues: Mapping[str, Catalogue] | None = None,
) -> AssessmentPlan:
    """What merging `doc` into the store would do. `catalogue_known`: its catalogue is in the store
    or in the bundle (checked by the caller); `catalogues`: the bundle's, by content hash (a copy
    moved to another catalogue version is followed only to one of them or the store's)."""
    audit_added, chain_problems, _chains = chain_plan(repo, doc, own_device)
    _heads, head_problems = audit_trail.plan_bundle_heads(
        repo, doc.uid, doc.signed_heads, doc.audit, own_device
    )
    row = repo.assessment_record_by_uid(doc.uid)
    holds: list[Reason] = list(chain_problems)
    holds += [_broken(doc.uid, "signed heads", p.seq, p.code) for p in head_problems]
    incoming = {v.vid: v for v in doc.versions}
    if row is None:
        return _plan_new(repo, doc, incoming, audit_added, holds, catalogue_known)
    migration = None
    if (row.commune_code, row.year) != (doc.commune_code, doc.year):
        holds.append(_mismatch(doc, row))
    elif row.catalogue.content_hash != doc.catalogue_hash:
        migration, problems = merge_migration.follow(repo, doc, row, own_device, catalogues or {})
        holds.extend(problems)
    return _plan_update(repo, doc, row, incoming, audit_added, holds, migration)


def _plan_new(
    repo: Repository,
    doc: AssessmentDoc,
    incoming: dict[str, VersionDoc],
    audit_added: int,
    holds: list[Reason],
    catalogue_known: bool,
) -> AssessmentPlan:
    if not any(u.code == doc.commune_code for u in repo.units_in_list(doc.unit_list)):
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
    for kind, uids in (
        ("member", [m.uid for m in doc.members]),
        ("comment", [c.uid for c in doc.comments]),
        ("evidence", [e.uid for e in doc.evidence]),
    ):
        owners.extend((uid, repo.owner_of_uid(kind, uid)) for uid in uids)
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


def _mismatch(doc: AssessmentDoc, row: AssessmentRecord) -> Reason:
    return Reason(
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


def _plan_update(
    repo: Repository,
    doc: AssessmentDoc,
    row: AssessmentRecord,
    incoming: dict[str, VersionDoc],
    audit_added: int,
    holds: list[Reason],
    migration: MigrationFollow | None,
) -> AssessmentPlan:
    holds.extend(_uid_clashes(repo, doc, row.id))
    # Following a migration, the copy here is merged as it will be once repinned: without the
    # figures it took out, nor the notes of the indicators it dropped (merge_migration.py).
    gone = set(migration.removed) if migration else set()
    dropped = set(migration.dropped) if migration else set()
    local = {vid: v for vid, v in _versions_of(repo, row.id).items() if v.indicator not in gone}
    both = {**incoming, **local}
    parents = {vid: v.parent for vid, v in both.items()}
    values = {vid: v.value for vid, v in both.items()}
    local_heads = {c: vid for c, vid in repo.heads(row.id).items() if c not in gone}
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

    members = {m.uid: m for m in repo.team_members(row.id, include_removed=True)}
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
    comments = {c.uid for c in repo.comment_records(row.id) if c.indicator not in dropped}
    comments_added = sum(1 for c in doc.comments if c.uid not in comments)
    local_only |= bool(comments - {c.uid for c in doc.comments})
    links = {
        e.uid: e
        for e in repo.evidence_links(row.id, include_removed=True)
        if e.indicator not in dropped
    }
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
    flags = {c: on for c, on in repo.flags(row.id).items() if c not in dropped}
    flags_added = sum(1 for code in set(doc.follow_up) if not flags.get(code))
    local_only |= any(on and code not in doc.follow_up for code, on in flags.items())
    assigned = repo.assignments(row.id)
    known_members = set(members) | incoming_members
    assignments_added = sum(
        1 for c, m in doc.assignments.items() if c not in assigned and m in known_members
    )

    status_from = row.status.value
    status_to = row.status.value
    notes: list[Reason] = []
    if migration is not None:
        notes.append(merge_migration.follow_note(doc.uid, row.commune_name, migration))
    changes = (
        migration is not None
        or any(m.kind in (TAKE, CONFLICT) for m in merges)
        or any(
            (
                members_added,
                members_removed,
                comments_added,
                evidence_added,
                evidence_removed,
                flags_added,
                assignments_added,
                sources_to_take(doc, repo.sources(row.id)),
            )
        )
    )
    finalized = AssessmentStatus.FINALIZED.value
    # A finalised copy takes what only adds to it in the appraisal's exchange (the office's review
    # received, or the correction of an assessment returned from here): appraisal_exchange.py.
    forward = not local_only and all(m.kind == TAKE for m in merges)
    if status_from == finalized and not (
        forward and appraisal_exchange.takes_update(repo, row, doc)
    ):
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
        action="migrated" if migration else "same" if nothing else "updated",
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
        migration=migration,
    )


def _by_uid(items: Sequence[Any]) -> dict[str, Any]:
    return {item.uid: item for item in items}
