"""What a merge decides, as data (services/merge.py): one indicator's merge, one assessment's
plan, the reasons a bundle is held, and the error of a damaged document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.core.messages import Message
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.errors import N_, InputError

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
class MigrationFollow:
    """A migration to another catalogue version made in the sending store, which this store
    follows (services/merge_migration.py): recorded by the `migrate_catalogue` entry `seq` of the
    incoming audit chain `chain`."""

    from_hash: str
    to_hash: str
    to_code: str
    to_version: str
    removed: tuple[str, ...]  # indicators whose figures it took out (dropped or to re-enter)
    dropped: tuple[str, ...]  # indicators the new version does not have (their notes go too)
    reason: str
    chain: str
    seq: int

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.from_hash,
            "to": self.to_hash,
            "code": self.to_code,
            "version": self.to_version,
            "removed": list(self.removed),
            "dropped": list(self.dropped),
            "chain": self.chain,
            "seq": self.seq,
        }


@dataclass(frozen=True)
class AssessmentPlan:
    """What importing one assessment document does (or would do)."""

    uid: str
    commune_code: str
    commune_name: str
    year: int
    local_id: int | None  # None: new here
    action: str  # "new" | "same" | "updated" | "migrated" (updated, after following a migration)
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
    migration: MigrationFollow | None = None  # the sender's migration this store follows

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
            "migration": self.migration.to_json() if self.migration else None,
        }


def corrupt(where: str, problem: str) -> InputError:
    return InputError(
        "BUNDLE_CORRUPT",
        N_("The bundle is damaged: {where}: {problem}"),
        where=where,
        problem=problem,
    )
