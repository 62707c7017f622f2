"""The appraisal of a submitted assessment by the office (thẩm định), as a table of transitions.

A commune's self-assessment or a team's check reaches the office finalised, in a signed bundle: it is
*submitted*. The office starts the appraisal (*under appraisal*: its own figures beside the
submitted ones), then either returns it to the team with comments per indicator (*returned*; the
team's correction comes back *submitted* again, a new round) or appraises it (*appraised*: the
office's figures decide and both assessments are locked). A recognition decision then makes it
*recognised* or *not recognised*. Taking an appraisal back (appraised → under appraisal) needs a
reason. Every other step is refused with a code that says which state allows it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from assessor_app.domain.assessment import optional_reason, require_reason
from assessor_app.domain.errors import N_, StateError


class AppraisalState(enum.StrEnum):
    SUBMITTED = "submitted"  # đã nộp: waiting on the office
    UNDER_APPRAISAL = "under_appraisal"  # đang thẩm định
    RETURNED = "returned"  # trả lại để hoàn thiện: waiting on the team
    APPRAISED = "appraised"  # đã thẩm định: locked, waiting for the decision
    RECOGNISED = "recognised"  # được công nhận by a decision
    NOT_RECOGNISED = "not_recognised"  # không được công nhận by a decision


class AppraisalStep(enum.StrEnum):
    START = "start"
    SET_POINT = "set_point"  # the office enters its own figure (stays under appraisal)
    RETURN = "return"
    RESUBMIT = "resubmit"  # the team's correction was imported
    APPRAISE = "appraise"
    UNDO = "undo"  # appraised → under appraisal, with a reason
    RECOGNISE = "recognise"
    NOT_RECOGNISE = "not_recognise"


S, St = AppraisalState, AppraisalStep

# (state, step) → the state after it. Anything not listed is refused.
TRANSITIONS: Mapping[tuple[AppraisalState, AppraisalStep], AppraisalState] = {
    (S.SUBMITTED, St.START): S.UNDER_APPRAISAL,
    (S.UNDER_APPRAISAL, St.SET_POINT): S.UNDER_APPRAISAL,
    (S.UNDER_APPRAISAL, St.RETURN): S.RETURNED,
    (S.UNDER_APPRAISAL, St.APPRAISE): S.APPRAISED,
    (S.RETURNED, St.RESUBMIT): S.SUBMITTED,
    (S.APPRAISED, St.UNDO): S.UNDER_APPRAISAL,
    (S.APPRAISED, St.RECOGNISE): S.RECOGNISED,
    (S.APPRAISED, St.NOT_RECOGNISE): S.NOT_RECOGNISED,
}

# Steps that need a reason (the reason is audited with the step).
NEEDS_REASON = frozenset({St.RETURN, St.UNDO, St.SET_POINT})

# States in which the appraised (submitted) assessment may not be reopened or changed here.
LOCKING = frozenset({S.UNDER_APPRAISAL, S.APPRAISED, S.RECOGNISED, S.NOT_RECOGNISED})

# The state a step needs, for the refusal: (code, English template).
_REFUSALS: Mapping[AppraisalStep, tuple[str, str]] = {
    St.START: (
        "APPRAISAL_NOT_SUBMITTED",
        N_(
            "The appraisal of assessment {assessment} cannot start: only a submitted assessment, waiting on this office, can be appraised."
        ),
    ),
    St.SET_POINT: (
        "APPRAISAL_NOT_UNDER_APPRAISAL",
        N_(
            "Assessment {assessment} is not under appraisal: the office's figures can be entered only while it is under appraisal."
        ),
    ),
    St.RETURN: (
        "APPRAISAL_NOT_UNDER_APPRAISAL",
        N_(
            "Assessment {assessment} is not under appraisal: only an assessment under appraisal can be returned to its team."
        ),
    ),
    St.APPRAISE: (
        "APPRAISAL_NOT_UNDER_APPRAISAL",
        N_(
            "Assessment {assessment} is not under appraisal: only an assessment under appraisal can be appraised."
        ),
    ),
    St.RESUBMIT: (
        "APPRAISAL_NOT_RETURNED",
        N_("Assessment {assessment} was not returned to its team: there is no correction to take."),
    ),
    St.UNDO: (
        "APPRAISAL_NOT_CLOSED",
        N_(
            "Assessment {assessment} is not appraised (or a decision was already recorded): only an appraised assessment can be taken back to appraisal."
        ),
    ),
    St.RECOGNISE: (
        "APPRAISAL_NOT_CLOSED",
        N_(
            "Assessment {assessment} is not appraised: a recognition decision applies only to an appraised assessment."
        ),
    ),
    St.NOT_RECOGNISE: (
        "APPRAISAL_NOT_CLOSED",
        N_(
            "Assessment {assessment} is not appraised: a recognition decision applies only to an appraised assessment."
        ),
    ),
}


def refusal(step: AppraisalStep, assessment: int | str) -> StateError:
    """Why `step` is refused (in any state that does not allow it)."""
    code, template = _REFUSALS[step]
    return StateError(code, template, assessment=assessment)


def next_state(
    state: AppraisalState, step: AppraisalStep, assessment: int | str, reason: str = ""
) -> tuple[AppraisalState, str]:
    """(the state after `step`, the cleaned reason); refused with a StateError when the table has
    no such transition, with REASON_REQUIRED when the step needs a reason and has none."""
    after = TRANSITIONS.get((state, step))
    if after is None:
        raise refusal(step, assessment)
    cleaned = require_reason(reason) if step in NEEDS_REASON else optional_reason(reason)
    return after, cleaned


# The steps a person takes in the appraisal itself; the others follow an import (resubmit) or a
# recorded decision (recognise, not recognise).
OFFICE_STEPS = frozenset({St.START, St.SET_POINT, St.RETURN, St.APPRAISE, St.UNDO})


def allowed_steps(state: AppraisalState, office_only: bool = False) -> tuple[AppraisalStep, ...]:
    """The steps the table allows from `state`; `office_only`: those the office takes in the
    appraisal (a screen's buttons)."""
    return tuple(
        step
        for (before, step) in TRANSITIONS
        if before is state and (step in OFFICE_STEPS or not office_only)
    )


def require_unlocked(state: AppraisalState | None, assessment: int | str) -> None:
    """An assessment under appraisal, appraised or decided cannot be reopened or changed here."""
    if state is not None and state in LOCKING:
        raise StateError(
            "APPRAISAL_LOCKED",
            N_(
                "Assessment {assessment} is being appraised or was appraised by the office: it cannot be changed. Take the appraisal back first, with a reason."
            ),
            assessment=assessment,
        )
