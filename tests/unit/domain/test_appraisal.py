"""The appraisal's transitions (domain/appraisal.py): every allowed step as designed, every other
(state, step) refused with the code that names the state it needs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, strategies as st

from assessor_app.domain.appraisal import (
    LOCKING,
    TRANSITIONS,
    AppraisalState as S,
    AppraisalStep as St,
    allowed_steps,
    next_state,
    require_unlocked,
)
from assessor_app.domain.errors import InputError, StateError

# The design, written out by hand: (state, step) → state after.
ALLOWED = {
    (S.SUBMITTED, St.START): S.UNDER_APPRAISAL,
    (S.UNDER_APPRAISAL, St.SET_POINT): S.UNDER_APPRAISAL,
    (S.UNDER_APPRAISAL, St.RETURN): S.RETURNED,
    (S.UNDER_APPRAISAL, St.APPRAISE): S.APPRAISED,
    (S.RETURNED, St.RESUBMIT): S.SUBMITTED,
    (S.APPRAISED, St.UNDO): S.UNDER_APPRAISAL,
    (S.APPRAISED, St.RECOGNISE): S.RECOGNISED,
    (S.APPRAISED, St.NOT_RECOGNISE): S.NOT_RECOGNISED,
}
# The code each step is refused with, wherever it is not allowed.
REFUSED_WITH = {
    St.START: "APPRAISAL_NOT_SUBMITTED",
    St.SET_POINT: "APPRAISAL_NOT_UNDER_APPRAISAL",
    St.RETURN: "APPRAISAL_NOT_UNDER_APPRAISAL",
    St.APPRAISE: "APPRAISAL_NOT_UNDER_APPRAISAL",
    St.RESUBMIT: "APPRAISAL_NOT_RETURNED",
    St.UNDO: "APPRAISAL_NOT_CLOSED",
    St.RECOGNISE: "APPRAISAL_NOT_CLOSED",
    St.NOT_RECOGNISE: "APPRAISAL_NOT_CLOSED",
}
REASON = "Nhập nhầm điểm"


def test_the_table_is_the_design() -> None:
    assert dict(TRANSITIONS) == ALLOWED


@pytest.mark.parametrize(("state", "step"), sorted(ALLOWED))
def test_every_allowed_step(state: S, step: St) -> None:
    after, _reason = next_state(state, step, 7, REASON)
    assert after is ALLOWED[(state, step)]
    assert step in allowed_steps(state)


REFUSED = sorted(set(itertools.product(S, St)) - set(ALLOWED))


@pytest.mark.parametrize(("state", "step"), REFUSED)
def test_every_other_step_is_refused_with_its_code(state: S, step: St) -> None:
    with pytest.raises(StateError) as caught:
        next_state(state, step, 7, REASON)
    assert caught.value.code == REFUSED_WITH[step]
    assert caught.value.params == {"assessment": 7}
    assert step not in allowed_steps(state)


@pytest.mark.parametrize("step", [St.RETURN, St.UNDO, St.SET_POINT])
def test_return_undo_and_the_office_s_figures_need_a_reason(step: St) -> None:
    state = next(before for before, allowed in ALLOWED if allowed is step)
    for missing in ("", "   "):
        with pytest.raises(InputError) as caught:
            next_state(state, step, 7, missing)
        assert caught.value.code == "REASON_REQUIRED"
    assert next_state(state, step, 7, f"  {REASON} ")[1] == REASON


def test_decided_appraisals_have_no_way_back_here() -> None:
    """Revoking a recognition is a decision of its own (issue 14's decisions), not an undo."""
    for state in (S.RECOGNISED, S.NOT_RECOGNISED):
        assert allowed_steps(state) == ()


@given(st.lists(st.sampled_from(list(St)), max_size=30))
def test_any_walk_stays_in_the_table(steps: list[St]) -> None:
    """Whatever is tried in whatever order, the state only ever moves along the table, and a
    refused step leaves it where it was."""
    state = S.SUBMITTED
    for step in steps:
        try:
            after, _reason = next_state(state, step, 1, REASON)
        except StateError:
            assert (state, step) not in ALLOWED
            continue
        assert ALLOWED[(state, step)] is after
        state = after


def test_which_states_lock_the_assessment() -> None:
    assert {S.UNDER_APPRAISAL, S.APPRAISED, S.RECOGNISED, S.NOT_RECOGNISED} == LOCKING
    for state in (None, S.SUBMITTED, S.RETURNED):
        require_unlocked(state, 3)  # the team may reopen a returned assessment
    for state in LOCKING:
        with pytest.raises(StateError) as caught:
            require_unlocked(state, 3)
        assert caught.value.code == "APPRAISAL_LOCKED"
