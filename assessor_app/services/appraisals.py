"""The office's appraisal of submitted assessments (thẩm định), with its effects (issue 14).

A finalised self-assessment or team check imported from a bundle is *submitted* to this office
until the office starts. Starting creates the office's own assessment (kind review) prefilled with
the submitted figures; the office changes the figures it appraises differently (`set_point`, with a
reason), then returns the assessment to its team with comments per indicator, or appraises it:
the review is finalised and both are locked here (`assessments.reopen` refuses). Undoing an
appraisal needs a reason. A recognition decision marks appraised ones recognised or not
(`mark_decided`, inside the decision's transaction).

Where the state lives: an `appraisals` row beside the review (storage/repositories/appraisals.py);
each transition is also an entry on the review's audit chain (`appraisal_*`), so the state travels
in bundles with the review and the receiver checks it against that chain
(services/appraisal_exchange.py). The steps allowed are domain/appraisal.py's table.

Every use case is one transaction. An id names either the submitted assessment or the review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assessor_app.core.progress import Cancelled
from assessor_app.domain.appraisal import AppraisalState, AppraisalStep, next_state
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import COMMENT, checked_clean, clean
from assessor_app.domain.values import parse_json, parse_text
from assessor_app.services import appraisal_reading as reading, permissions
from assessor_app.services.appraisal_reading import Target
from assessor_app.services.appraisal_records import AppraisalItem, AppraisalView
from assessor_app.services.assessments import (
    create_in,
    finalize_in,
    reopen_in,
    require_assessment,
    write_value_in,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repositories.appraisals import StoredAppraisal
from assessor_app.storage.repository import Repository

S, St = AppraisalState, AppraisalStep

# The audit action of each step, on the review's chain (texts/audit.py says them).
ACTIONS = {
    St.START: "appraisal_start",
    St.RETURN: "appraisal_return",
    St.APPRAISE: "appraisal_appraise",
    St.UNDO: "appraisal_undo",
    St.RESUBMIT: "appraisal_resubmit",
    St.RECOGNISE: "appraisal_decide",
    St.NOT_RECOGNISE: "appraisal_decide",
}
APPRAISAL_ACTIONS = frozenset(ACTIONS.values())


def resolve(repo: Repository, assessment_id: int) -> Target:
    """The appraisal an id names: the submitted assessment's id or the office's review's."""
    row = require_assessment(repo, assessment_id)
    own = repo.appraisal_of_review(row.id)
    if own is not None:
        submitted = repo.assessment_record_by_uid(own.appraises_uid)
        if submitted is None or submitted.deleted_at is not None:
            raise NotFoundError(
                "APPRAISAL_SUBMITTED_MISSING",
                N_(
                    "The assessment that appraisal {assessment} appraises is not in this store (or was deleted)."
                ),
                assessment=assessment_id,
            )
        return Target(submitted, own, row)
    found = [a for a in repo.appraisals_of(row.uid) if _live(repo, a.review_id)]
    if found:
        return Target(row, found[0], require_assessment(repo, found[0].review_id))
    return Target(row, None, None)


def _live(repo: Repository, review_id: int) -> bool:
    """The office's review is there (a deleted one leaves its appraisal behind: start again)."""
    review = repo.assessment_record(review_id)
    return review is not None and review.deleted_at is None


def _started(target: Target) -> tuple[AssessmentRecord, StoredAppraisal]:
    """The review and appraisal of a target whose state says it was started."""
    assert target.review is not None
    assert target.appraisal is not None
    return target.review, target.appraisal


def state_of(repo: Repository, target: Target) -> AppraisalState:
    """Its state; an assessment that is neither appraised here nor submitted is refused."""
    if target.appraisal is not None:
        return target.appraisal.state
    if reading.submitted_since(repo, target.submitted) is not None:
        return S.SUBMITTED
    raise StateError(
        "APPRAISAL_NONE",
        N_(
            "Assessment {assessment} is not submitted to this office for appraisal: only a finalised self-assessment or team check received in a bundle is."
        ),
        assessment=target.submitted.id,
    )


def _record(
    workspace: Workspace,
    repo: Repository,
    target: Target,
    review: AssessmentRecord,
    step: AppraisalStep,
    change: tuple[AppraisalState, AppraisalState, int],
    reason: str = "",
    **details: object,
) -> StoredAppraisal:
    """Store the new state and append the step's audit entry on the review's chain."""
    before, after, round_ = change
    now = workspace.clock()
    uid = target.submitted.uid
    stored = repo.save_appraisal(review.id, uid, after, round_, now)
    repo.append_audit(
        review.uid,
        now,
        workspace.actor,
        ACTIONS[step],
        f"appraisal:{uid}",
        before.value,
        {"state": after.value, "round": round_, "appraises": uid, **details},
        reason,
        assessment=require_assessment(repo, review.id),
    )
    return stored


# --- reading


def waiting(
    workspace: Workspace, include_all: bool = False, cancelled: Cancelled | None = None
) -> list[AppraisalItem]:
    """The assessments waiting on this office (submitted, under appraisal), longest waiting
    first; with `include_all`, every appraisal whatever its state."""
    with workspace.database.reading() as session:
        items = reading.items(workspace, Repository(session), cancelled)
    if not include_all:
        items = [item for item in items if item.waiting_on_office]
    return sorted(items, key=lambda item: (item.since, item.assessment_id))


def show(workspace: Workspace, assessment_id: int) -> AppraisalView:
    """One appraisal with its comparison, indicator by indicator."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        target = resolve(repo, assessment_id)
        return reading.view(workspace, repo, target, state_of(repo, target))


def comparison(workspace: Workspace, assessment_id: int) -> AppraisalView:
    """The same as `show` (the name the appraisal screen asks by)."""
    return show(workspace, assessment_id)


# --- the steps


def start(workspace: Workspace, assessment_id: int) -> AppraisalView:
    """Start appraising a submitted assessment: the office's own assessment (kind review), made
    now or reopened for a new round, holds the submitted figures, except those the office set
    itself in an earlier round."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.APPRAISE)
        target = resolve(repo, assessment_id)
        before = state_of(repo, target)
        after, _reason = next_state(before, St.START, target.submitted.id)
        submitted = target.submitted
        if target.review is None:
            review = create_in(
                workspace,
                repo,
                submitted.commune_code,
                submitted.year,
                submitted.catalogue.content_hash,
                kind=AssessmentKind.REVIEW.value,
            )
            round_, kept = 1, frozenset[str]()
        else:
            review, round_ = target.review, target.appraisal.round if target.appraisal else 1
            if review.status is AssessmentStatus.FINALIZED:
                review = reopen_in(workspace, repo, review, "")
            kept = reading.office_points(repo, review)
        _prefill(workspace, repo, review, submitted, kept)
        _record(workspace, repo, target, review, St.START, (before, after, round_))

    workspace.database.run_in_transaction(_work)
    return show(workspace, assessment_id)


def _prefill(
    workspace: Workspace,
    repo: Repository,
    review: AssessmentRecord,
    submitted: AssessmentRecord,
    kept: frozenset[str],
) -> None:
    """The submitted figures into the review, but for the indicators in `kept`."""
    catalogue = workspace.catalogue_of(review.catalogue)
    theirs = repo.stored_values(submitted.id)
    ours = repo.stored_values(review.id)
    for code in sorted(set(theirs) | set(ours)):
        indicator = catalogue.indicator(code)
        if indicator is None or code in kept:
            continue
        value = parse_json(indicator, theirs[code].value) if code in theirs else None
        review = write_value_in(workspace, repo, review, code, value, "")


def set_point(
    workspace: Workspace, assessment_id: int, indicator: str, text: str, reason: str
) -> AppraisalView:
    """The office's own figure for one indicator (its text form, as `assessment set` takes it),
    with the reason it differs; only while under appraisal."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.APPRAISE)
        target = resolve(repo, assessment_id)
        _after, why = next_state(state_of(repo, target), St.SET_POINT, target.submitted.id, reason)
        assert target.review is not None  # under appraisal: started
        catalogue = workspace.catalogue_of(target.review.catalogue)
        found = catalogue.require_indicator(clean(indicator))
        value = parse_text(found, text, why)
        write_value_in(workspace, repo, target.review, found.code, value, why)

    workspace.database.run_in_transaction(_work)
    return show(workspace, assessment_id)


def _comments(
    workspace: Workspace, review: AssessmentRecord, comments: Mapping[str, str]
) -> dict[str, str]:
    """The comments per indicator, checked (indicator known, text within the limit, not empty)."""
    catalogue = workspace.catalogue_of(review.catalogue)
    checked: dict[str, str] = {}
    for code, text in comments.items():
        indicator = catalogue.require_indicator(clean(code))
        said = checked_clean(text, COMMENT)
        if not said:
            raise InputError(
                "COMMENT_EMPTY",
                N_("The comment on {indicator} is empty."),
                indicator=indicator.code,
            )
        checked[indicator.code] = said
    return checked


def return_(
    workspace: Workspace, assessment_id: int, comments: Mapping[str, str], reason: str
) -> AppraisalView:
    """Return the assessment to its team, with the office's comments per indicator and a reason.
    The review is finalised (it travels back to the team in a bundle, `export`)."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.APPRAISE)
        target = resolve(repo, assessment_id)
        before = state_of(repo, target)
        after, why = next_state(before, St.RETURN, target.submitted.id, reason)
        review, appraisal = _started(target)
        checked = _comments(workspace, review, comments)
        reading.add_comments(workspace, repo, review, checked)
        review = finalize_in(workspace, repo, require_assessment(repo, review.id))
        change = (before, after, appraisal.round)
        _record(workspace, repo, target, review, St.RETURN, change, why, comments=sorted(checked))

    workspace.database.run_in_transaction(_work)
    return show(workspace, assessment_id)


def appraise(workspace: Workspace, assessment_id: int) -> AppraisalView:
    """Close the appraisal: the office's figures decide; the review is finalised, and neither it
    nor the submitted assessment can be reopened here until the appraisal is undone."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.APPRAISE)
        target = resolve(repo, assessment_id)
        before = state_of(repo, target)
        after, _why = next_state(before, St.APPRAISE, target.submitted.id)
        review, appraisal = _started(target)
        review = finalize_in(workspace, repo, review)
        change = (before, after, appraisal.round)
        _record(
            workspace,
            repo,
            target,
            review,
            St.APPRAISE,
            change,
            total=review.total,
            recognized=review.recognized,
        )

    workspace.database.run_in_transaction(_work)
    return show(workspace, assessment_id)


def undo(workspace: Workspace, assessment_id: int, reason: str) -> AppraisalView:
    """Take an appraisal back (appraised → under appraisal), with a reason."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.APPRAISE)
        target = resolve(repo, assessment_id)
        before = state_of(repo, target)
        after, why = next_state(before, St.UNDO, target.submitted.id, reason)
        review, appraisal = _started(target)
        review = reopen_in(workspace, repo, review, why)
        change = (before, after, appraisal.round)
        _record(workspace, repo, target, review, St.UNDO, change, why)

    workspace.database.run_in_transaction(_work)
    return show(workspace, assessment_id)


def resubmit_in(workspace: Workspace, repo: Repository, target: Target) -> StoredAppraisal:
    """A returned assessment came back corrected (services/appraisal_exchange.py, inside the
    import's transaction): submitted again, in a new round."""
    review, appraisal = _started(target)
    before = appraisal.state
    after, _why = next_state(before, St.RESUBMIT, target.submitted.id)
    change = (before, after, appraisal.round + 1)
    return _record(
        workspace,
        repo,
        target,
        review,
        St.RESUBMIT,
        change,
        revision=target.submitted.revision,
    )


def mark_decided(
    workspace: Workspace,
    repo: Repository,
    year: int,
    recognised: Sequence[str],
    not_recognised: Sequence[str],
    decision: str,
) -> dict[str, AppraisalState]:
    """Inside a decision's transaction (services/decisions.py): the appraised assessments of the
    year's communes become recognised or not recognised, citing `decision` (its number).
    Communes without an appraised assessment here are left as they are. Returns commune code →
    the state each appraisal took."""
    decided: dict[str, AppraisalState] = {}
    wanted = dict.fromkeys(recognised, St.RECOGNISE)
    wanted.update(dict.fromkeys(not_recognised, St.NOT_RECOGNISE))
    for appraisal in repo.appraisal_records():
        if appraisal.state is not S.APPRAISED:
            continue
        review = require_assessment(repo, appraisal.review_id)
        step = wanted.get(review.commune_code)
        if review.year != year or step is None:
            continue
        target = resolve(repo, review.id)
        after, _why = next_state(appraisal.state, step, target.submitted.id)
        change = (appraisal.state, after, appraisal.round)
        _record(workspace, repo, target, review, step, change, decision=decision)
        decided[review.commune_code] = after
    return decided
