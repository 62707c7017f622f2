"""Reading appraisals out of the store for services/appraisals.py: what is submitted and since
when, the list's lines, the comparison indicator by indicator, and the office's own points."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from assessor_app.core.progress import Cancelled
from assessor_app.domain.appraisal import AppraisalState, allowed_steps
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.values import Value, parse_json
from assessor_app.services.appraisal_records import (
    AppraisalItem,
    AppraisalView,
    ComparedIndicator,
)
from assessor_app.services.clock import vietnam_date
from assessor_app.services.offices import OFFICE_UNIT, OfficeLevel, find_choice
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repositories.appraisals import StoredAppraisal
from assessor_app.storage.repository import Repository


@dataclass(frozen=True)
class Target:
    """An appraisal's two assessments: the submitted one and, once started, the office's."""

    submitted: AssessmentRecord
    appraisal: StoredAppraisal | None
    review: AssessmentRecord | None


SUBMITTING_KINDS = (AssessmentKind.SELF, AssessmentKind.TEAM)
# The reasons the office gave: of a return, of an undo (shown with the appraisal).
_REASONED = ("appraisal_return", "appraisal_undo")


def submitted_since(repo: Repository, row: AssessmentRecord) -> str | None:
    """When a finalised self-assessment or team check reached this store in a bundle (its last
    import); None when it is not submitted here (a draft, made here, a review, deleted)."""
    if (
        row.kind not in SUBMITTING_KINDS
        or row.status is not AssessmentStatus.FINALIZED
        or row.deleted_at is not None
    ):
        return None
    entries = repo.audit_entries(row.uid)
    if not entries or entries[0].action != "import":
        return None  # made in this store: nobody submitted it
    return [e.at for e in entries if e.action == "import"][-1]


def _office_district(repo: Repository) -> str | None:
    """The district this office appraises for (None: a province's office, or no office set)."""
    code, list_code = repo.meta(OFFICE_UNIT) or "", repo.meta("unit_list") or ""
    office = find_choice(repo, list_code, code) if code else None
    return office.code if office is not None and office.level is OfficeLevel.DISTRICT else None


def _in_scope(repo: Repository, row: AssessmentRecord, district: str | None) -> bool:
    if district is None:
        return True
    return any(
        unit.district_code == district
        for unit in repo.unit_records_with_code(row.commune_code)
        if unit.list_code == row.unit_list_code
    )


def items(
    workspace: Workspace, repo: Repository, cancelled: Cancelled | None = None
) -> list[AppraisalItem]:
    """Every appraisal of this store, and every submitted assessment not yet started."""
    found: list[AppraisalItem] = []
    appraised = {a.appraises_uid: a for a in reversed(repo.appraisal_records())}
    district = _office_district(repo)
    for row in repo.assessment_records(cancelled=cancelled):
        appraisal = appraised.get(row.uid)
        review = repo.assessment_record(appraisal.review_id) if appraisal else None
        if appraisal is not None and review is not None and review.deleted_at is None:
            found.append(
                item(workspace, row, appraisal.state, appraisal.round, appraisal.since, review)
            )
            continue
        since = submitted_since(repo, row)
        if since is not None and _in_scope(repo, row, district):
            found.append(item(workspace, row, AppraisalState.SUBMITTED, 1, since, None))
    return found


def item(
    workspace: Workspace,
    row: AssessmentRecord,
    state: AppraisalState,
    round_: int,
    since: str,
    review: AssessmentRecord | None,
) -> AppraisalItem:
    return AppraisalItem(
        assessment_id=row.id,
        assessment_uid=row.uid,
        review_id=review.id if review is not None else None,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        year=row.year,
        kind=row.kind,
        state=state,
        round=round_,
        since=since,
        days=max(0, (workspace.today() - vietnam_date(since)).days),
        submitted_total=row.total,
        appraised_total=review.total if review is not None else None,
        demo=row.demo,
    )


def _scored(
    workspace: Workspace, repo: Repository, row: AssessmentRecord
) -> tuple[dict[str, object], ScoreResult]:
    catalogue = workspace.catalogue_of(row.catalogue)
    stored = {code: v.value for code, v in repo.stored_values(row.id).items()}
    values: dict[str, Value] = {}
    for code, raw in stored.items():
        indicator = catalogue.indicator(code)
        if indicator is not None:
            values[code] = parse_json(indicator, raw)
    return dict(stored), score(catalogue, row.category, values)


def view(
    workspace: Workspace, repo: Repository, target: Target, state: AppraisalState
) -> AppraisalView:
    """One appraisal: its line and the comparison."""
    submitted, review, appraisal = target.submitted, target.review, target.appraisal
    since = appraisal.since if appraisal is not None else submitted_since(repo, submitted) or ""
    round_ = appraisal.round if appraisal is not None else 1
    line = item(workspace, submitted, state, round_, since, review)
    theirs, their_score = _scored(workspace, repo, submitted)
    ours, our_score = _scored(workspace, repo, review) if review is not None else ({}, None)
    ours_by_code = {i.code: i for i in our_score.indicators} if our_score else {}
    comments = _comments_by_indicator(repo, review)
    catalogue = workspace.catalogue_of(submitted.catalogue)
    rows = []
    for scored in their_score.indicators:
        indicator = catalogue.require_indicator(scored.code)
        mine = ours_by_code.get(scored.code)
        rows.append(
            ComparedIndicator(
                indicator=scored.code,
                criterion=scored.criterion,
                title_vi=indicator.title_vi,
                max_points=scored.max_points,
                submitted_value=theirs.get(scored.code),
                submitted_points=scored.points if scored.assessed else None,
                appraised_value=ours.get(scored.code),
                appraised_points=mine.points if mine is not None and mine.assessed else None,
                comments=comments.get(scored.code, ()),
                title_en=indicator.title_en,
            )
        )
    return AppraisalView(
        item=line,
        rows=tuple(rows),
        submitted_recognized=their_score.recognized,
        appraised_recognized=our_score.recognized if our_score else None,
        steps=allowed_steps(state, office_only=True),
        reason=_last_reason(repo, review),
    )


def _comments_by_indicator(
    repo: Repository, review: AssessmentRecord | None
) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    if review is not None:
        for comment in repo.comment_records(review.id):
            found.setdefault(comment.indicator, []).append(comment.text)
    return {code: tuple(texts) for code, texts in found.items()}


def _last_reason(repo: Repository, review: AssessmentRecord | None) -> str:
    """The reason of the last return or undo, from the office's chain (the review's own here,
    or the office's copy in a team's store)."""
    if review is None:
        return ""
    entries = [e for chain in repo.audit_chains(review.uid) for e in repo.audit_entries(chain)]
    # By time, then in the chain's order (a stable sort): two steps in the same second keep
    # their order instead of being ordered by their reasons' wording.
    reasoned = sorted((e for e in entries if e.action in _REASONED), key=lambda e: e.at)
    return reasoned[-1].reason if reasoned else ""


def office_points(repo: Repository, review: AssessmentRecord) -> frozenset[str]:
    """The indicators whose figure the office set itself (with a reason), which a new round
    keeps; the rest are taken again from the corrected submission."""
    return frozenset(
        e.target.removeprefix("indicator:")
        for e in repo.audit_entries(review.uid)
        if e.action in ("set_value", "clear_value") and e.reason
    )


def add_comments(
    workspace: Workspace, repo: Repository, review: AssessmentRecord, comments: Mapping[str, str]
) -> None:
    """The office's comments per indicator on its own assessment, audited as any comment."""
    for code, text in sorted(comments.items()):
        now = workspace.clock()
        repo.add_comment(review.id, str(uuid.uuid4()), code, text, workspace.actor, now)
        repo.append_audit(
            review.uid,
            now,
            workspace.actor,
            "comment",
            f"indicator:{code}",
            None,
            text,
            assessment=require(repo, review.id),
        )


def require(repo: Repository, assessment_id: int) -> AssessmentRecord:
    row = repo.assessment_record(assessment_id)
    assert row is not None
    return row
