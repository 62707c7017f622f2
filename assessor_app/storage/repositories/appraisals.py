"""Appraisals (services/appraisals.py): the office's review of a submitted assessment, its state."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from assessor_app.domain.appraisal import AppraisalState
from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema_office import AppraisalRow


@dataclass(frozen=True)
class StoredAppraisal:
    id: int
    review_id: int  # the office's REVIEW assessment
    appraises_uid: str  # the submitted assessment's uid
    state: AppraisalState
    round: int
    since: str  # UTC time of the last transition


def _record(row: AppraisalRow) -> StoredAppraisal:
    return StoredAppraisal(
        row.id, row.review_id, row.appraises_uid, AppraisalState(row.state), row.round, row.since
    )


class AppraisalQueries(Queries):
    def appraisal_records(self) -> list[StoredAppraisal]:
        """Every appraisal, oldest first."""
        query = select(AppraisalRow).order_by(AppraisalRow.id)
        return [_record(row) for row in self.session.scalars(query)]

    def appraisal_of_review(self, review_id: int) -> StoredAppraisal | None:
        row = self.session.scalar(select(AppraisalRow).where(AppraisalRow.review_id == review_id))
        return _record(row) if row is not None else None

    def appraisals_of(self, appraises_uid: str) -> list[StoredAppraisal]:
        """The appraisals of one submitted assessment, newest first (normally one)."""
        query = (
            select(AppraisalRow)
            .where(AppraisalRow.appraises_uid == appraises_uid)
            .order_by(AppraisalRow.id.desc())
        )
        return [_record(row) for row in self.session.scalars(query)]

    def appraisal_lock(self, assessment_id: int, uid: str) -> AppraisalState | None:
        """The appraisal state that decides whether an assessment may be reopened: its newest
        appraisal's; the office's own appraisal is always locked (its steps are the appraisal's)."""
        if self.appraisal_of_review(assessment_id) is not None:
            return AppraisalState.APPRAISED
        found = self.appraisals_of(uid)
        return found[0].state if found else None

    def save_appraisal(
        self,
        review_id: int,
        appraises_uid: str,
        state: AppraisalState,
        round_: int,
        since: str,
    ) -> StoredAppraisal:
        """Add the appraisal of `review_id`, or change its state, round and time."""
        row = self.session.scalar(select(AppraisalRow).where(AppraisalRow.review_id == review_id))
        if row is None:
            row = AppraisalRow(review_id=review_id, appraises_uid=appraises_uid)
            self.session.add(row)
        row.state, row.round, row.since = state.value, round_, since
        self.session.flush()
        return _record(row)
