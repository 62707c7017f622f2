"""Assessments as records, with what belongs to them: values and their versions, team members and
assignments, comments, follow-up flags and evidence links."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from assessor_app.core.progress import Cancelled, OperationCancelled
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.audit import GENESIS
from assessor_app.domain.catalogue import UnitCategory
from assessor_app.storage.records import (
    AssessmentRecord,
    CatalogueRecord,
    Comment,
    DossierDocument,
    EvidenceLink,
    NewAssessment,
    StoredValue,
    TeamMember,
    ValueVersion,
)
from assessor_app.storage.repositories.base import Queries, dumps, storable_id
from assessor_app.storage.repositories.reference import catalogue_record
from assessor_app.storage.schema import (
    AssessmentRow,
    CatalogueRow,
    CriterionAssignmentRow,
    DossierDetailsRow,
    EvidenceBlobRow,
    EvidenceLinkRow,
    IndicatorCommentRow,
    IndicatorFlagRow,
    IndicatorValueRow,
    ReportDetailsRow,
    TeamMemberRow,
    ValueVersionRow,
)

_IDS_PER_QUERY = 500  # well under SQLite's limit on bound parameters
_ROWS_PER_PART = 2000


def assessment_record(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        uid=row.uid,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        unit_list_code=row.unit_list_code,
        year=row.year,
        catalogue=catalogue_record(row.catalogue),
        kind=AssessmentKind(row.kind),
        status=AssessmentStatus(row.status),
        category=UnitCategory(row.category),
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        finalized_at=row.finalized_at,
        deleted_at=row.deleted_at,
        revision=row.revision,
        total=row.total,
        recognized=row.recognized,
        audit_count=row.audit_count,
        audit_head=row.audit_head,
        demo=bool(row.demo),
    )


# The columns `assessment_records` reads, in the order `_plain_record` takes them.
_LISTED = (
    "id", "uid", "commune_code", "commune_name", "unit_list_code", "year", "catalogue_id",
    "kind", "status", "category", "created_at", "created_by", "updated_at", "finalized_at",
    "deleted_at", "revision", "total", "recognized", "audit_count", "audit_head", "demo",
)  # fmt: skip
_KINDS = {kind.value: kind for kind in AssessmentKind}
_STATUSES = {status.value: status for status in AssessmentStatus}
_CATEGORIES = {category.value: category for category in UnitCategory}


def _plain_record(values: tuple[Any, ...], catalogue: CatalogueRecord) -> AssessmentRecord:
    """`assessment_record` of a row of the `_LISTED` columns read without the ORM (thousands at
    a time: unpacked by position, enums looked up in a dict)."""
    (id_, uid, code, name, unit_list, year, _catalogue_id, kind, status, category, created_at,
     created_by, updated_at, finalized_at, deleted_at, revision, total, recognized, audit_count,
     audit_head, demo) = values  # fmt: skip
    return AssessmentRecord(
        id=id_,
        uid=uid,
        commune_code=code,
        commune_name=name,
        unit_list_code=unit_list,
        year=year,
        catalogue=catalogue,
        kind=_KINDS[kind],
        status=_STATUSES[status],
        category=_CATEGORIES[category],
        created_at=created_at,
        created_by=created_by,
        updated_at=updated_at,
        finalized_at=finalized_at,
        deleted_at=deleted_at,
        revision=revision,
        total=total,
        recognized=bool(recognized),
        audit_count=audit_count,
        audit_head=audit_head,
        demo=bool(demo),
    )


def _member(row: TeamMemberRow) -> TeamMember:
    # "" came with bundles of early versions, which did not check roles: an ordinary member.
    role = MemberRole(row.role) if row.role else MemberRole.MEMBER
    return TeamMember(
        row.id, row.uid, row.assessment_id, row.name, row.agency, role, row.added_at, row.removed_at
    )


def _comment(row: IndicatorCommentRow) -> Comment:
    return Comment(
        row.id, row.uid, row.assessment_id, row.indicator_code, row.text, row.author, row.at
    )


def _link(row: EvidenceLinkRow) -> EvidenceLink:
    return EvidenceLink(
        row.id,
        row.uid,
        row.assessment_id,
        row.indicator_code,
        row.sha256,
        row.blob.size,
        row.filename,
        row.caption,
        row.added_by,
        row.added_at,
        row.removed_at,
    )


class AssessmentQueries(Queries):
    # --- the assessment itself
    def assessment_record(self, assessment_id: int) -> AssessmentRecord | None:
        """The assessment (also a deleted one: see `deleted_at`), or None."""
        if not storable_id(assessment_id):
            return None
        row = self.session.get(AssessmentRow, assessment_id)
        return assessment_record(row) if row else None

    def assessment_record_by_uid(self, uid: str) -> AssessmentRecord | None:
        row = self.session.scalar(select(AssessmentRow).where(AssessmentRow.uid == uid))
        return assessment_record(row) if row else None

    def assessment_records(
        self,
        include_deleted: bool = False,
        year: int | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[AssessmentRecord]:
        """Every assessment (by id), as plain rows: one query of the table's columns, no ORM
        object per assessment (a province holds thousands), and each catalogue read once.
        Read in parts of `_ROWS_PER_PART`; `cancelled()` is asked between parts (raises
        OperationCancelled), so that a window closing does not wait for a province's list."""
        table = AssessmentRow.__table__
        query = select(*(table.c[name] for name in _LISTED))
        if not include_deleted:
            query = query.where(table.c.deleted_at.is_(None))
        if year is not None:
            query = query.where(table.c.year == year)
        catalogue_at = _LISTED.index("catalogue_id")
        catalogues: dict[int, CatalogueRecord] = {}
        records: list[AssessmentRecord] = []
        for part in self.session.execute(query.order_by(table.c.id)).partitions(_ROWS_PER_PART):
            if cancelled is not None and cancelled():
                raise OperationCancelled
            for catalogue_id in {row[catalogue_at] for row in part} - catalogues.keys():
                catalogues[catalogue_id] = catalogue_record(
                    self.session.get_one(CatalogueRow, catalogue_id)
                )
            records += [_plain_record(row, catalogues[row[catalogue_at]]) for row in part]
        return records

    def add_assessment(self, new: NewAssessment) -> AssessmentRecord:
        """Store a new assessment: no values yet, total 0, an empty audit chain. In a demo store
        (meta "demo") every assessment is demo, however it came (created, entered in bulk,
        imported): the store decides, whatever the caller says."""
        row = AssessmentRow(
            uid=new.uid,
            commune_code=new.commune_code,
            commune_name=new.commune_name,
            unit_list_code=new.unit_list_code,
            year=new.year,
            catalogue_id=new.catalogue_id,
            kind=new.kind.value,
            status=new.status.value,
            category=new.category.value,
            created_at=new.created_at,
            created_by=new.created_by,
            updated_at=new.updated_at,
            finalized_at=new.finalized_at,
            revision=new.revision,
            total=0,
            recognized=False,
            audit_count=0,
            audit_head=GENESIS,
            demo=new.demo or self.meta("demo") == "1",
        )
        self.session.add(row)
        self.session.flush()
        return assessment_record(row)

    def save_assessment(self, record: AssessmentRecord) -> AssessmentRecord:
        """Write the changeable fields of `record` (status, dates, revision, derived score,
        category); the head of its audit chain is `append_audit`'s alone. Returns it as stored."""
        row = self.session.get(AssessmentRow, record.id)
        assert row is not None, "an assessment record names a stored row"
        row.status, row.category = record.status.value, record.category.value
        row.finalized_at, row.deleted_at = record.finalized_at, record.deleted_at
        row.updated_at, row.revision = record.updated_at, record.revision
        row.total, row.recognized = record.total, record.recognized
        self.session.flush()
        return assessment_record(row)

    # --- values
    def stored_values(self, assessment_id: int) -> dict[str, StoredValue]:
        rows = self.session.scalars(
            select(IndicatorValueRow).where(IndicatorValueRow.assessment_id == assessment_id)
        )
        return {
            row.indicator_code: StoredValue(
                row.indicator_code,
                json.loads(row.value_json),
                row.entered_by,
                row.entered_at,
                row.vid,
            )
            for row in rows
        }

    def stored_values_of(self, assessment_ids: Iterable[int]) -> dict[int, dict[str, StoredValue]]:
        """The values of many assessments in one query per 500 (a report over a province's
        communes), without loading rows into the session: assessment id → code → value."""
        found: dict[int, dict[str, StoredValue]] = {}
        ids = sorted(set(assessment_ids))
        table = IndicatorValueRow
        for start in range(0, len(ids), _IDS_PER_QUERY):
            query = select(
                table.assessment_id,
                table.indicator_code,
                table.value_json,
                table.entered_by,
                table.entered_at,
                table.vid,
            ).where(table.assessment_id.in_(ids[start : start + _IDS_PER_QUERY]))
            for owner, code, value, by, at, vid in self.session.execute(query):
                found.setdefault(owner, {})[code] = StoredValue(
                    code, json.loads(value), by, at, vid
                )
        return {i: found.get(i, {}) for i in ids}

    def value_versions(self, assessment_id: int) -> list[ValueVersion]:
        rows = self.session.scalars(
            select(ValueVersionRow)
            .where(ValueVersionRow.assessment_id == assessment_id)
            .order_by(ValueVersionRow.id)
        )
        return [
            ValueVersion(
                row.indicator_code,
                row.vid,
                row.parent_vid,
                json.loads(row.value_json),
                row.author,
                row.at,
            )
            for row in rows
        ]

    # --- team
    def team_members(self, assessment_id: int, include_removed: bool = False) -> list[TeamMember]:
        query = select(TeamMemberRow).where(TeamMemberRow.assessment_id == assessment_id)
        if not include_removed:
            query = query.where(TeamMemberRow.removed_at.is_(None))
        return [_member(row) for row in self.session.scalars(query.order_by(TeamMemberRow.id))]

    def add_member(
        self,
        assessment_id: int,
        uid: str,
        name: str,
        agency: str,
        role: MemberRole,
        added_at: str,
        removed_at: str | None = None,
    ) -> TeamMember:
        row = TeamMemberRow(
            uid=uid,
            assessment_id=assessment_id,
            name=name,
            agency=agency,
            role=role.value,
            added_at=added_at,
            removed_at=removed_at,
        )
        self.session.add(row)
        self.session.flush()
        return _member(row)

    def mark_member_removed(self, member_id: int, at: str) -> None:
        """A mark, not a delete: removals travel in bundles."""
        row = self.session.get(TeamMemberRow, member_id)
        assert row is not None
        row.removed_at = at
        self.session.flush()

    def set_member_role(self, member_id: int, role: MemberRole) -> None:
        row = self.session.get(TeamMemberRow, member_id)
        assert row is not None
        row.role = role.value
        self.session.flush()

    def set_assignment(self, assessment_id: int, criterion: str, member_id: int | None) -> None:
        """Assign `criterion` to a member, or back to the default by sector (None)."""
        row = self.session.get(CriterionAssignmentRow, (assessment_id, criterion))
        if row is not None:
            self.session.delete(row)
            self.session.flush()
        if member_id is not None:
            self.session.add(
                CriterionAssignmentRow(
                    assessment_id=assessment_id, criterion_code=criterion, member_id=member_id
                )
            )
            self.session.flush()

    # --- comments and follow-up flags
    def comment_records(self, assessment_id: int) -> list[Comment]:
        rows = self.session.scalars(
            select(IndicatorCommentRow)
            .where(IndicatorCommentRow.assessment_id == assessment_id)
            .order_by(IndicatorCommentRow.id)
        )
        return [_comment(row) for row in rows]

    def add_comment(
        self, assessment_id: int, uid: str, indicator: str, text: str, author: str, at: str
    ) -> Comment:
        row = IndicatorCommentRow(
            uid=uid,
            assessment_id=assessment_id,
            indicator_code=indicator,
            text=text,
            author=author,
            at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _comment(row)

    def open_flags(self) -> dict[int, list[str]]:
        """Every assessment with indicators still flagged for follow-up: id → their codes (one
        query for the office's dashboard, not one per assessment)."""
        found: dict[int, list[str]] = {}
        query = (
            select(IndicatorFlagRow.assessment_id, IndicatorFlagRow.indicator_code)
            .where(IndicatorFlagRow.follow_up.is_(True))
            .order_by(IndicatorFlagRow.assessment_id, IndicatorFlagRow.indicator_code)
        )
        for assessment_id, code in self.session.execute(query):
            found.setdefault(assessment_id, []).append(code)
        return found

    def set_flag(self, assessment_id: int, indicator: str, follow_up: bool) -> None:
        row = self.session.get(IndicatorFlagRow, (assessment_id, indicator))
        if row is None:
            self.session.add(
                IndicatorFlagRow(
                    assessment_id=assessment_id, indicator_code=indicator, follow_up=follow_up
                )
            )
        else:
            row.follow_up = follow_up
        self.session.flush()

    # --- evidence
    def evidence_links(
        self, assessment_id: int, include_removed: bool = False
    ) -> list[EvidenceLink]:
        query = select(EvidenceLinkRow).where(EvidenceLinkRow.assessment_id == assessment_id)
        if not include_removed:
            query = query.where(EvidenceLinkRow.removed_at.is_(None))
        return [_link(row) for row in self.session.scalars(query.order_by(EvidenceLinkRow.id))]

    def has_blob(self, sha256: str) -> bool:
        return self.session.get(EvidenceBlobRow, sha256) is not None

    def ensure_blob(self, sha256: str, size: int, at: str) -> None:
        """Record a stored evidence file (once per content)."""
        if self.session.get(EvidenceBlobRow, sha256) is None:
            self.session.add(EvidenceBlobRow(sha256=sha256, size=size, stored_at=at))
            self.session.flush()

    def add_evidence_link(
        self,
        assessment_id: int,
        uid: str,
        indicator: str,
        sha256: str,
        filename: str,
        caption: str,
        added_by: str,
        added_at: str,
        removed_at: str | None = None,
    ) -> EvidenceLink:
        """Link a stored file (`ensure_blob` first) to an indicator."""
        row = EvidenceLinkRow(
            uid=uid,
            assessment_id=assessment_id,
            indicator_code=indicator,
            sha256=sha256,
            filename=filename,
            caption=caption,
            added_by=added_by,
            added_at=added_at,
            removed_at=removed_at,
        )
        self.session.add(row)
        self.session.flush()
        return _link(row)

    def mark_evidence_removed(self, link_id: int, at: str) -> None:
        row = self.session.get(EvidenceLinkRow, link_id)
        assert row is not None
        row.removed_at = at
        self.session.flush()

    def set_evidence_caption(self, link_id: int, caption: str) -> None:
        row = self.session.get(EvidenceLinkRow, link_id)
        assert row is not None
        row.caption = caption
        self.session.flush()

    # --- the dossier's paperwork (services/dossier_details.py)
    def dossier_document(self, assessment_id: int) -> DossierDocument | None:
        row = (
            self.session.get(DossierDetailsRow, assessment_id)
            if storable_id(assessment_id)
            else None
        )
        if row is None:
            return None
        return DossierDocument(json.loads(row.document_json), row.updated_at, row.updated_by)

    def set_dossier_document(self, assessment_id: int, document: Any, at: str, by: str) -> None:
        row = self.session.get(DossierDetailsRow, assessment_id)
        if row is None:
            row = DossierDetailsRow(assessment_id=assessment_id)
            self.session.add(row)
        row.document_json, row.updated_at, row.updated_by = dumps(document), at, by
        self.session.flush()

    # --- a summary report's paperwork (services/report_details.py)
    def report_document(self, scope_code: str, year: int) -> DossierDocument | None:
        row = self.session.get(ReportDetailsRow, (scope_code, year))
        if row is None:
            return None
        return DossierDocument(json.loads(row.document_json), row.updated_at, row.updated_by)

    def set_report_document(
        self, scope_code: str, year: int, document: Any, at: str, by: str
    ) -> None:
        row = self.session.get(ReportDetailsRow, (scope_code, year))
        if row is None:
            row = ReportDetailsRow(scope_code=scope_code, year=year)
            self.session.add(row)
        row.document_json, row.updated_at, row.updated_by = dumps(document), at, by
        self.session.flush()

    # --- uids unique in the whole store (merging bundles)
    def owner_of_uid(self, kind: str, uid: str) -> int | None:
        """The assessment holding the `kind` ("member", "comment", "evidence") with `uid`, or
        None: uids are unique in the whole store, so one found elsewhere cannot be merged."""
        column, owner = {
            "member": (TeamMemberRow.uid, TeamMemberRow.assessment_id),
            "comment": (IndicatorCommentRow.uid, IndicatorCommentRow.assessment_id),
            "evidence": (EvidenceLinkRow.uid, EvidenceLinkRow.assessment_id),
        }[kind]
        return self.session.scalar(select(owner).where(column == uid))
