"""Where the office's appraisal of each assessment stands, for the assessments list and the editor
(issue 14): the state of its newest appraisal, the appraisal's own state for the office's review,
*submitted* for a finalised self-assessment or team check received in a bundle and not started
yet, None otherwise. Light reads: the appraisals once, and for the candidates not started the
first entry of their chains, a few hundred chains a query (services/appraisal_reading.py reads the
whole chain for the dates)."""

from __future__ import annotations

from collections.abc import Sequence

from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.services.appraisal_reading import SUBMITTING_KINDS
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository


def _maybe_submitted(row: AssessmentRecord) -> bool:
    """A finalised self-assessment or team check, not deleted: submitted if it came in a bundle."""
    return (
        row.kind in SUBMITTING_KINDS
        and row.status is AssessmentStatus.FINALIZED
        and row.deleted_at is None
    )


def _live(repo: Repository, review_id: int, live: set[int]) -> bool:
    """The office's review is there (a deleted one leaves its appraisal behind)."""
    if review_id in live:
        return True
    review = repo.assessment_record(review_id)
    return review is not None and review.deleted_at is None


def states_of_rows(repo: Repository, rows: Sequence[AssessmentRecord]) -> dict[int, AppraisalState]:
    """Assessment id → its appraisal state, for the rows that have one."""
    live = {row.id for row in rows if row.deleted_at is None}
    by_review: dict[int, AppraisalState] = {}
    by_uid: dict[str, AppraisalState] = {}
    for appraisal in repo.appraisal_records():  # oldest first: the newest one wins
        if _live(repo, appraisal.review_id, live):
            by_review[appraisal.review_id] = appraisal.state
            by_uid[appraisal.appraises_uid] = appraisal.state
    found: dict[int, AppraisalState] = {}
    candidates: list[AssessmentRecord] = []
    for row in rows:
        state = by_review.get(row.id) or by_uid.get(row.uid)
        if state is not None:
            found[row.id] = state
        elif _maybe_submitted(row):
            candidates.append(row)
    # The first entry of each candidate's chain, a few hundred chains a query (not one each).
    first = repo.first_audit_actions([row.uid for row in candidates])
    for row in candidates:
        if first.get(row.uid) == "import":
            found[row.id] = AppraisalState.SUBMITTED
    return found


def state_of_row(repo: Repository, row: AssessmentRecord) -> AppraisalState | None:
    """The appraisal state of one assessment (the editor's header)."""
    return states_of_rows(repo, [row]).get(row.id)
