"""What the repository hands to the services: frozen records with domain enums, never ORM rows.

A record is a snapshot taken inside the caller's transaction. To change a stored thing, a service
makes a changed copy (`dataclasses.replace`) and gives it back to the repository, or calls the
repository method that names the change; the repository alone touches the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.catalogue import UnitCategory


@dataclass(frozen=True)
class CatalogueRecord:
    id: int
    code: str
    version: str
    content_hash: str
    title_vi: str
    document: str  # canonical JSON, hashed as is
    origin: str  # shipped | imported | published
    loaded_at: str


@dataclass(frozen=True)
class UnitListRecord:
    id: int
    code: str
    title_vi: str
    valid_from: str  # ISO dates
    valid_to: str | None
    unit_count: int
    district_count: int  # districts its communes belong to (none after the 2025 reform)


@dataclass(frozen=True)
class StoredUnit:
    """A unit of a stored unit list (`list_*`: the list it belongs to)."""

    code: str
    name: str
    unit_type: str
    district_code: str
    district_name: str
    default_category: UnitCategory
    list_code: str
    list_valid_from: str
    list_valid_to: str | None


@dataclass(frozen=True)
class CategoryOverride:
    code: str
    category: UnitCategory
    reason: str
    set_by: str
    set_at: str


@dataclass(frozen=True)
class NewAssessment:
    """What creating an assessment row needs (the repository adds the derived fields)."""

    uid: str
    commune_code: str
    commune_name: str
    unit_list_code: str
    year: int
    catalogue_id: int
    kind: AssessmentKind
    status: AssessmentStatus
    category: UnitCategory
    created_at: str
    created_by: str
    updated_at: str
    finalized_at: str | None = None
    revision: int = 0
    demo: bool = False  # sample data (a demo store marks every assessment it holds anyway)


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    uid: str
    commune_code: str
    commune_name: str
    unit_list_code: str
    year: int
    catalogue: CatalogueRecord
    kind: AssessmentKind
    status: AssessmentStatus
    category: UnitCategory
    created_at: str
    created_by: str
    updated_at: str
    finalized_at: str | None
    deleted_at: str | None
    revision: int
    total: int
    recognized: bool
    audit_count: int  # the head of its audit chain (kept by `append_audit`, never by a save)
    audit_head: str
    demo: bool = False  # sample data, never an official record (services/demo.py)

    @property
    def catalogue_id(self) -> int:
        return self.catalogue.id


@dataclass(frozen=True)
class StoredValue:
    indicator: str
    value: Any  # the JSON form (domain/values.py `to_json`)
    entered_by: str
    entered_at: str
    vid: str


@dataclass(frozen=True)
class ValueVersion:
    indicator: str
    vid: str
    parent: str
    value: Any  # JSON form; None when the value was cleared
    author: str
    at: str


@dataclass(frozen=True)
class TeamMember:
    id: int
    uid: str
    assessment_id: int
    name: str
    agency: str
    role: MemberRole
    added_at: str
    removed_at: str | None


@dataclass(frozen=True)
class Comment:
    id: int
    uid: str
    assessment_id: int
    indicator: str
    text: str
    author: str
    at: str


@dataclass(frozen=True)
class IndicatorSource:
    """Where an indicator's figures come from, as entered with the figure."""

    indicator: str
    text: str
    entered_by: str
    entered_at: str


@dataclass(frozen=True)
class EvidenceLink:
    id: int
    uid: str
    assessment_id: int
    indicator: str
    sha256: str
    size: int
    filename: str
    caption: str
    added_by: str
    added_at: str
    removed_at: str | None


@dataclass(frozen=True)
class DossierDocument:
    """The paperwork entered around an assessment (services/dossier_details.py)."""

    document: Any  # the JSON document, parsed
    updated_at: str
    updated_by: str
