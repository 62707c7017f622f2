"""Writes of a catalogue migration (services/catalogue_migration.py): repin an assessment and
forget, in its current state, what the new catalogue cannot hold. The audit log keeps the history."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete

from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema import (
    AssessmentRow,
    CriterionAssignmentRow,
    EvidenceLinkRow,
    IndicatorCommentRow,
    IndicatorFlagRow,
    IndicatorHeadRow,
    IndicatorSourceRow,
    IndicatorValueRow,
    ValueVersionRow,
)


class CatalogueMigrationQueries(Queries):
    def repin_assessment(self, assessment_id: int, catalogue_id: int) -> None:
        row = self.session.get(AssessmentRow, assessment_id)
        assert row is not None, "the service checked the assessment"
        row.catalogue_id = catalogue_id
        self.session.flush()

    def forget_figure(self, assessment_id: int, indicator: str) -> None:
        """Remove the figure of `indicator` with its versions: a version of a figure the new
        catalogue's rule cannot read would make a bundle of the assessment corrupt."""
        for table in (IndicatorValueRow, IndicatorHeadRow, ValueVersionRow):
            self.session.execute(
                delete(table).where(
                    table.assessment_id == assessment_id, table.indicator_code == indicator
                )
            )
        self.session.flush()

    def forget_notes(self, assessment_id: int, indicator: str) -> None:
        """Remove the comments, follow-up flag, data source and evidence links of an indicator
        the new catalogue does not have (the evidence files stay in the store)."""
        for table in (IndicatorCommentRow, IndicatorFlagRow, IndicatorSourceRow, EvidenceLinkRow):
            self.session.execute(
                delete(table).where(
                    table.assessment_id == assessment_id, table.indicator_code == indicator
                )
            )
        self.session.flush()

    def forget_assignments(self, assessment_id: int, criteria: Iterable[str]) -> None:
        self.session.execute(
            delete(CriterionAssignmentRow).where(
                CriterionAssignmentRow.assessment_id == assessment_id,
                CriterionAssignmentRow.criterion_code.in_(list(criteria)),
            )
        )
        self.session.flush()
