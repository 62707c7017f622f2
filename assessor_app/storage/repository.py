"""Queries and writes on an open session. ORM rows never leave the services layer that calls these."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessor_app.domain.audit import GENESIS, AuditEntry, make_entry
from assessor_app.storage.schema import (
    AssessmentRow,
    AuditRow,
    CatalogueRow,
    CriterionAssignmentRow,
    EvidenceBlobRow,
    EvidenceLinkRow,
    IndicatorCommentRow,
    IndicatorFlagRow,
    IndicatorValueRow,
    Meta,
    TeamMemberRow,
    UnitCategoryRow,
    UnitListRow,
    UnitRow,
)

STORE_CHAIN = "store"  # audit chain for changes that belong to no assessment (unit categories...)


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- meta
    def meta(self, key: str) -> str | None:
        row = self.session.get(Meta, key)
        return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        row = self.session.get(Meta, key)
        if row is None:
            self.session.add(Meta(key=key, value=value))
        else:
            row.value = value

    # --- catalogues
    def catalogues(self) -> Sequence[CatalogueRow]:
        return self.session.scalars(
            select(CatalogueRow).order_by(CatalogueRow.code, CatalogueRow.id)
        ).all()

    def catalogue_by_hash(self, content_hash: str) -> CatalogueRow | None:
        return self.session.scalar(
            select(CatalogueRow).where(CatalogueRow.content_hash == content_hash)
        )

    def latest_catalogue(self, code: str) -> CatalogueRow | None:
        return self.session.scalar(
            select(CatalogueRow)
            .where(CatalogueRow.code == code)
            .order_by(CatalogueRow.id.desc())
            .limit(1)
        )

    # --- units
    def unit_lists(self) -> Sequence[UnitListRow]:
        return self.session.scalars(select(UnitListRow).order_by(UnitListRow.valid_from)).all()

    def unit_list(self, code: str) -> UnitListRow | None:
        return self.session.scalar(select(UnitListRow).where(UnitListRow.code == code))

    def units_of(self, list_id: int) -> Sequence[UnitRow]:
        return self.session.scalars(
            select(UnitRow).where(UnitRow.list_id == list_id).order_by(UnitRow.code)
        ).all()

    def units_with_code(self, code: str) -> Sequence[UnitRow]:
        return self.session.scalars(
            select(UnitRow)
            .join(UnitListRow)
            .where(UnitRow.code == code)
            .order_by(UnitListRow.valid_from)
        ).all()

    def category_override(self, code: str) -> UnitCategoryRow | None:
        return self.session.get(UnitCategoryRow, code)

    def category_overrides(self) -> dict[str, str]:
        return {row.code: row.category for row in self.session.scalars(select(UnitCategoryRow))}

    # --- assessments
    def assessment(self, assessment_id: int) -> AssessmentRow | None:
        return self.session.get(AssessmentRow, assessment_id)

    def assessments(self) -> Sequence[AssessmentRow]:
        return self.session.scalars(select(AssessmentRow).order_by(AssessmentRow.id)).all()

    def values(self, assessment_id: int) -> dict[str, IndicatorValueRow]:
        rows = self.session.scalars(
            select(IndicatorValueRow).where(IndicatorValueRow.assessment_id == assessment_id)
        )
        return {row.indicator_code: row for row in rows}

    def members(self, assessment_id: int) -> Sequence[TeamMemberRow]:
        return self.session.scalars(
            select(TeamMemberRow)
            .where(TeamMemberRow.assessment_id == assessment_id)
            .order_by(TeamMemberRow.id)
        ).all()

    def comments(self, assessment_id: int) -> Sequence[IndicatorCommentRow]:
        return self.session.scalars(
            select(IndicatorCommentRow)
            .where(IndicatorCommentRow.assessment_id == assessment_id)
            .order_by(IndicatorCommentRow.id)
        ).all()

    def flags(self, assessment_id: int) -> dict[str, bool]:
        rows = self.session.scalars(
            select(IndicatorFlagRow).where(IndicatorFlagRow.assessment_id == assessment_id)
        )
        return {row.indicator_code: row.follow_up for row in rows}

    def flag(self, assessment_id: int, indicator: str) -> IndicatorFlagRow | None:
        return self.session.get(IndicatorFlagRow, (assessment_id, indicator))

    def evidence(
        self, assessment_id: int, include_removed: bool = False
    ) -> Sequence[EvidenceLinkRow]:
        query = select(EvidenceLinkRow).where(EvidenceLinkRow.assessment_id == assessment_id)
        if not include_removed:
            query = query.where(EvidenceLinkRow.removed_at.is_(None))
        return self.session.scalars(query.order_by(EvidenceLinkRow.id)).all()

    def assignments(self, assessment_id: int) -> dict[str, int]:
        rows = self.session.scalars(
            select(CriterionAssignmentRow).where(
                CriterionAssignmentRow.assessment_id == assessment_id
            )
        )
        return {row.criterion_code: row.member_id for row in rows}

    def assignment(self, assessment_id: int, criterion: str) -> CriterionAssignmentRow | None:
        return self.session.get(CriterionAssignmentRow, (assessment_id, criterion))

    def blob(self, sha256: str) -> EvidenceBlobRow | None:
        return self.session.get(EvidenceBlobRow, sha256)

    # --- audit
    def audit_entries(self, chain: str) -> list[AuditEntry]:
        rows = self.session.scalars(
            select(AuditRow).where(AuditRow.chain == chain).order_by(AuditRow.seq)
        )
        return [
            AuditEntry(
                row.chain,
                row.seq,
                row.at,
                row.actor,
                row.action,
                row.target,
                json.loads(row.old_json),
                json.loads(row.new_json),
                row.reason,
                row.prev_hash,
                row.hash,
            )
            for row in rows
        ]

    def _chain_head(self, chain: str) -> tuple[int, str]:
        row = self.session.scalar(
            select(AuditRow).where(AuditRow.chain == chain).order_by(AuditRow.seq.desc()).limit(1)
        )
        return (row.seq, row.hash) if row else (0, GENESIS)

    def append_audit(
        self,
        chain: str,
        at: str,
        actor: str,
        action: str,
        target: str,
        old: Any,
        new: Any,
        reason: str = "",
        assessment: AssessmentRow | None = None,
    ) -> AuditEntry:
        previous = (
            (assessment.audit_count, assessment.audit_head)
            if assessment
            else self._chain_head(chain)
        )
        entry = make_entry(chain, previous, at, actor, action, target, old, new, reason)
        self.session.add(
            AuditRow(
                chain=entry.chain,
                seq=entry.seq,
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                target=entry.target,
                old_json=dumps(entry.old),
                new_json=dumps(entry.new),
                reason=entry.reason,
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
        if assessment is not None:
            assessment.audit_count, assessment.audit_head = entry.seq, entry.hash
        return entry
