"""While an appraisal is under way, the office's own figures (its review) change only with a
reason, the same rule as `review points` (services/appraisals.set_point): whichever way a figure
is entered — the assessment editor, `assessment set` — the audit entry then says why the office's
figure differs. The editor asks `needs_change_reason` to know when to ask."""

from __future__ import annotations

from assessor_app.domain.assessment import AssessmentKind, require_editable, require_reason
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository


def _under_appraisal(repo: Repository, row: AssessmentRecord) -> bool:
    # The office's review of an appraisal; editable only while the appraisal is under way
    # (returning or appraising finalises it).
    return row.kind is AssessmentKind.REVIEW and repo.appraisal_of_review(row.id) is not None


def checked(repo: Repository, row: AssessmentRecord, reason: str) -> str:
    """`reason`, required (REASON_REQUIRED) when `row` is the office's review of an appraisal
    under way; a finalised assessment is refused as such first."""
    require_editable(row.status, row.id)
    return require_reason(reason) if _under_appraisal(repo, row) else reason


def needs_change_reason(workspace: Workspace, assessment_id: int) -> bool:
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment_record(assessment_id)
        return row is not None and _under_appraisal(repo, row)
