"""Plain, immutable results handed to the command line and the GUI (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.audit import AuditEntry, ChainProblem
from assessor_app.domain.catalogue import Catalogue, Sector, UnitCategory
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.values import Value


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    uid: str
    commune_code: str
    commune_name: str
    unit_list: str
    year: int
    kind: AssessmentKind
    status: AssessmentStatus
    catalogue_code: str
    catalogue_version: str
    catalogue_hash: str
    category: UnitCategory
    total: int
    recognized: bool
    created_at: str
    created_by: str
    updated_at: str
    finalized_at: str | None
    revision: int
    demo: bool = False  # sample data, never an official record (services/demo.py)
    # Where the office's appraisal of it stands (services/appraisal_states.py); None: not appraised
    appraisal: AppraisalState | None = None


@dataclass(frozen=True)
class ValueRecord:
    indicator: str
    value: Value
    entered_by: str
    entered_at: str


@dataclass(frozen=True)
class MemberRecord:
    id: int
    name: str
    agency: Sector
    role: MemberRole


@dataclass(frozen=True)
class CommentRecord:
    id: int
    indicator: str
    text: str
    author: str
    at: str


@dataclass(frozen=True)
class EvidenceRecord:
    id: int
    indicator: str
    sha256: str
    size: int
    filename: str
    caption: str
    added_by: str
    added_at: str


@dataclass(frozen=True)
class AssessmentDetail:
    summary: AssessmentSummary
    catalogue: Catalogue
    values: dict[str, ValueRecord]
    score: ScoreResult
    members: list[MemberRecord] = field(default_factory=list)
    comments: list[CommentRecord] = field(default_factory=list)
    follow_up: dict[str, bool] = field(default_factory=dict)
    evidence: list[EvidenceRecord] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # indicator → where its figures come from


@dataclass(frozen=True)
class AuditReport:
    chain: str
    entries: list[AuditEntry]
    problems: list[ChainProblem]
    signed_seq: int = 0  # the last entry vouched for by a signed head (0: none)
    signed_by: str = ""  # the fingerprint of the key that signed it

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def unsigned(self) -> int:
        """Entries after the last signed head: vouched for by nothing but the store file."""
        return len(self.entries) - self.signed_seq
