"""People's reviews of the shipped table of unit merges (domain/unit_merges.py)."""

from __future__ import annotations

from sqlalchemy import select

from assessor_app.domain.unit_merges import Review, ReviewStatus
from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema_office import UnitMergeReviewRow


def _review(row: UnitMergeReviewRow) -> Review:
    return Review(
        row.row_id,
        ReviewStatus(row.status),
        row.reason,
        row.reviewed_by,
        row.reviewed_at,
        row.corrected_old,
        row.corrected_new,
    )


class UnitMergeQueries(Queries):
    def unit_merge_reviews(self) -> dict[str, Review]:
        rows = self.session.scalars(select(UnitMergeReviewRow))
        return {row.row_id: _review(row) for row in rows}

    def set_unit_merge_review(self, review: Review) -> None:
        """Record `review` (a later word on the same row replaces the earlier; the audit keeps both)."""
        row = self.session.get(UnitMergeReviewRow, review.row_id)
        if row is None:
            row = UnitMergeReviewRow(row_id=review.row_id)
            self.session.add(row)
        row.status, row.reason = review.status.value, review.reason
        row.corrected_old, row.corrected_new = review.corrected_old, review.corrected_new
        row.reviewed_by, row.reviewed_at = review.by, review.at
        self.session.flush()
