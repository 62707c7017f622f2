"""The repository: one entry point over an open session (`Repository(session)`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from assessor_app.domain.audit import AuditEntry
from assessor_app.storage.repositories.appraisals import AppraisalQueries
from assessor_app.storage.repositories.assessments import AssessmentQueries
from assessor_app.storage.repositories.audit import (
    STORE_CHAIN,
    STORE_HEAD,
    audit_chains_query,
)
from assessor_app.storage.repositories.base import dumps, storable_id
from assessor_app.storage.repositories.bulk import BulkQueries
from assessor_app.storage.repositories.catalogue_drafts import CatalogueDraftQueries
from assessor_app.storage.repositories.catalogue_migration import CatalogueMigrationQueries
from assessor_app.storage.repositories.commendations import CommendationQueries
from assessor_app.storage.repositories.decisions import DecisionQueries
from assessor_app.storage.repositories.plan import PlanQueries
from assessor_app.storage.repositories.procedures import ProcedureQueries
from assessor_app.storage.repositories.reference import ReferenceQueries
from assessor_app.storage.repositories.sources import SourceQueries
from assessor_app.storage.repositories.unit_merges import UnitMergeQueries
from assessor_app.storage.schema import (
    AssessmentRow,
    CriterionAssignmentRow,
    EvidenceLinkRow,
    IndicatorCommentRow,
    IndicatorFlagRow,
    IndicatorHeadRow,
    IndicatorValueRow,
    TeamMemberRow,
    UnitCategoryRow,
    ValueVersionRow,
)

__all__ = ["STORE_CHAIN", "STORE_HEAD", "Repository", "audit_chains_query", "dumps", "storable_id"]


class Repository(
    ReferenceQueries,
    AssessmentQueries,
    BulkQueries,
    DecisionQueries,
    SourceQueries,
    PlanQueries,
    CommendationQueries,
    AppraisalQueries,
    UnitMergeQueries,
    ProcedureQueries,
    CatalogueMigrationQueries,
    CatalogueDraftQueries,
):
    """Queries and writes on an open session. The parts in `storage/repositories/` take and
    return records; the row-returning methods below are what the bundle exchange services still
    call (slice B moves them to records in `repositories/exchange.py`)."""

    # --- catalogues
    # --- units
    def category_overrides(self) -> dict[str, str]:
        return {row.code: row.category for row in self.session.scalars(select(UnitCategoryRow))}

    # --- assessments
    def values(self, assessment_id: int) -> dict[str, IndicatorValueRow]:
        rows = self.session.scalars(
            select(IndicatorValueRow).where(IndicatorValueRow.assessment_id == assessment_id)
        )
        return {row.indicator_code: row for row in rows}

    def members(self, assessment_id: int, include_removed: bool = False) -> Sequence[TeamMemberRow]:
        query = select(TeamMemberRow).where(TeamMemberRow.assessment_id == assessment_id)
        if not include_removed:
            query = query.where(TeamMemberRow.removed_at.is_(None))
        return self.session.scalars(query.order_by(TeamMemberRow.id)).all()

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

    def evidence(
        self, assessment_id: int, include_removed: bool = False
    ) -> Sequence[EvidenceLinkRow]:
        query = select(EvidenceLinkRow).where(EvidenceLinkRow.assessment_id == assessment_id)
        if not include_removed:
            query = query.where(EvidenceLinkRow.removed_at.is_(None))
        return self.session.scalars(query.order_by(EvidenceLinkRow.id)).all()

    # --- value versions (domain/versions.py)
    def head(self, assessment_id: int, indicator: str) -> str:
        row = self.session.get(IndicatorHeadRow, (assessment_id, indicator))
        return row.vid if row else ""

    def heads(self, assessment_id: int) -> dict[str, str]:
        rows = self.session.scalars(
            select(IndicatorHeadRow).where(IndicatorHeadRow.assessment_id == assessment_id)
        )
        return {row.indicator_code: row.vid for row in rows}

    def versions(self, assessment_id: int) -> Sequence[ValueVersionRow]:
        return self.session.scalars(
            select(ValueVersionRow)
            .where(ValueVersionRow.assessment_id == assessment_id)
            .order_by(ValueVersionRow.id)
        ).all()

    def add_version(
        self,
        assessment_id: int,
        indicator: str,
        vid: str,
        parent: str,
        value: Any,
        author: str,
        at: str,
    ) -> None:
        """Record a version (once: versions are identified by their vid)."""
        exists = self.session.scalar(
            select(ValueVersionRow.id).where(
                ValueVersionRow.assessment_id == assessment_id,
                ValueVersionRow.indicator_code == indicator,
                ValueVersionRow.vid == vid,
            )
        )
        if exists is None:
            self.session.add(
                ValueVersionRow(
                    assessment_id=assessment_id,
                    indicator_code=indicator,
                    vid=vid,
                    parent_vid=parent,
                    value_json=dumps(value),
                    author=author,
                    at=at,
                )
            )

    def set_head(
        self, assessment_id: int, indicator: str, vid: str, value: Any, author: str, at: str
    ) -> None:
        """Make `vid` the indicator's current version and its value the current value."""
        head = self.session.get(IndicatorHeadRow, (assessment_id, indicator))
        if head is None:
            self.session.add(
                IndicatorHeadRow(assessment_id=assessment_id, indicator_code=indicator, vid=vid)
            )
        else:
            head.vid = vid
        current = self.values(assessment_id).get(indicator)
        if value is None:
            if current is not None:
                self.session.delete(current)
        elif current is None:
            self.session.add(
                IndicatorValueRow(
                    assessment_id=assessment_id,
                    indicator_code=indicator,
                    value_json=dumps(value),
                    entered_by=author,
                    entered_at=at,
                    vid=vid,
                )
            )
        else:
            current.value_json, current.entered_by, current.entered_at, current.vid = (
                dumps(value),
                author,
                at,
                vid,
            )
        self.session.flush()

    def assignments(self, assessment_id: int) -> dict[str, int]:
        rows = self.session.scalars(
            select(CriterionAssignmentRow).where(
                CriterionAssignmentRow.assessment_id == assessment_id
            )
        )
        return {row.criterion_code: row.member_id for row in rows}

    # --- keys, trust store, sent and seen bundles (services/keys, trust, bundle_export, receipts)
    # --- import and quarantine (services/bundle_import, merge, quarantine)
    def add_foreign_audit(self, chain: str, entry: AuditEntry) -> None:
        """Store an entry of another device's chain as it is (`chain` = "<uid>@<device>")."""
        self._add_audit_row(chain, entry)

    # --- dossier details and reports (services/dossier_details, report_data)
    def assessment_years(self) -> list[int]:
        """Every evaluation year that has an assessment, oldest first."""
        rows = self.session.scalars(
            select(AssessmentRow.year).distinct().order_by(AssessmentRow.year)
        )
        return list(rows)
