"""The data source of each indicator's figures (one text per assessment and indicator)."""

from __future__ import annotations

from sqlalchemy import select

from assessor_app.storage.records import IndicatorSource
from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema import IndicatorSourceRow


class SourceQueries(Queries):
    def sources(self, assessment_id: int) -> dict[str, IndicatorSource]:
        """The sources entered, by indicator code (in code order)."""
        rows = self.session.scalars(
            select(IndicatorSourceRow)
            .where(IndicatorSourceRow.assessment_id == assessment_id)
            .order_by(IndicatorSourceRow.indicator_code)
        )
        return {
            row.indicator_code: IndicatorSource(
                row.indicator_code, row.text, row.entered_by, row.entered_at
            )
            for row in rows
        }

    def set_source(
        self, assessment_id: int, indicator: str, text: str, entered_by: str, entered_at: str
    ) -> None:
        """Store the source of `indicator`; an empty text removes it."""
        row = self.session.get(IndicatorSourceRow, (assessment_id, indicator))
        if not text:
            if row is not None:
                self.session.delete(row)
                self.session.flush()
            return
        if row is None:
            row = IndicatorSourceRow(assessment_id=assessment_id, indicator_code=indicator)
            self.session.add(row)
        row.text, row.entered_by, row.entered_at = text, entered_by, entered_at
        self.session.flush()
