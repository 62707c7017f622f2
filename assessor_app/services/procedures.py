"""The effective procedure: the shipped one (services/procedure_files.py) with the values the
province set in this store — who acts at a step, the day a report is due — for one period of a
regime, each with its reason (`procedure_overrides`, audited on the store chain as
`set_procedure_actor` / `set_procedure_deadline`, old → new; removed, with a reason too, as
`unset_procedure_actor` / `unset_procedure_deadline`, the shipped value again in force). A value the province set has the
status `province` ("set by the province"); a shipped value not verified keeps its status and is
never shown as official. The CLI (`procedure …`) and the procedure window run the same checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from assessor_app.domain.assessment import require_reason
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.evaluation import year_to_assess
from assessor_app.domain.procedure import (
    PROVINCE,
    Actor,
    Deadline,
    Fact,
    Regime,
    Span,
    Step,
    find_regime,
    parse_due_day,
    regime_on,
)
from assessor_app.domain.text import DOSSIER_LINE, check_text, clean
from assessor_app.services.procedure_files import shipped_regimes
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.procedures import StoredOverride
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import dates

ACTOR = "actor"
DUE = "due"
AUDIT_ACTOR = "set_procedure_actor"
AUDIT_DEADLINE = "set_procedure_deadline"
AUDIT_UNSET = {ACTOR: "unset_procedure_actor", DUE: "unset_procedure_deadline"}


@dataclass(frozen=True)
class StepView:
    """A step as it stands on a day: who acts then (None outside the step's periods)."""

    step: Step
    actor: Actor | None


@dataclass(frozen=True)
class ProcedureView:
    """The effective procedure on `day`: its regime, each step with its actor then, the reports
    due in the period of `day`, and whether the year people work on at `day` is an evaluation
    year of the regime's cycle (QĐ 06 evaluates twice in five years)."""

    regime: Regime
    day: date
    steps: tuple[StepView, ...]
    deadlines: tuple[Deadline, ...]
    year: int
    evaluates: bool


# --- applying what the province set


def _set_fact(fact: Fact, stored: StoredOverride) -> Fact:
    return Fact(
        stored.value, PROVINCE, f"{stored.set_by}, {dates.stamp_day(stored.set_at)}", stored.reason
    )


def _step_with(step: Step, found: dict[tuple[str, str, str], StoredOverride]) -> Step:
    actors = []
    for actor in step.actors:
        stored = found.get((step.code, actor.span.valid_from.isoformat(), ACTOR))
        actors.append(replace(actor, who=_set_fact(actor.who, stored)) if stored else actor)
    return replace(step, actors=tuple(actors))


def _deadline_with(deadline: Deadline, stored: StoredOverride | None) -> Deadline:
    if stored is None:
        return deadline
    month, day = parse_due_day(stored.value)
    fact = _set_fact(deadline.fact, stored)
    return replace(
        deadline, month=month, day=day, status=PROVINCE, source=fact.source, reason=fact.reason
    )


def _effective(regime: Regime, overrides: Iterable[StoredOverride]) -> Regime:
    found = {(o.item, o.period_from, o.field): o for o in overrides if o.regime == regime.code}
    if not found:
        return regime
    steps = [_step_with(step, found) for step in regime.steps]
    deadlines = [
        _deadline_with(d, found.get((d.code, d.span.valid_from.isoformat(), DUE)))
        for d in regime.deadlines
    ]
    return regime.with_steps(steps).with_deadlines(deadlines)


def regimes_in(repo: Repository) -> tuple[Regime, ...]:
    """The shipped regimes with what the province set in this store."""
    overrides = repo.procedure_overrides()
    return tuple(_effective(regime, overrides) for regime in shipped_regimes())


def regimes(workspace: Workspace) -> tuple[Regime, ...]:
    with workspace.database.reading() as session:
        return regimes_in(Repository(session))


def procedure_on(workspace: Workspace, day: date | None = None, code: str = "") -> ProcedureView:
    """The effective procedure on `day` (today by default): the regime in force then, or the one
    named by `code` (its last day when `day` is outside it)."""
    effective = regimes(workspace)
    day = day or workspace.today()
    if code:
        regime = find_regime(effective, code)
        if not regime.span.contains(day):
            day = regime.span.valid_to or day
    else:
        regime = regime_on(effective, day)
    year = year_to_assess(day)
    return ProcedureView(
        regime=regime,
        day=day,
        steps=tuple(StepView(step, step.actor_on(day)) for step in regime.steps),
        deadlines=regime.deadlines_on(day),
        year=year,
        evaluates=regime.cycle.evaluates(year),
    )


# --- what the province sets


def _period(regime: Regime, spans: Iterable[Span], day: date) -> Span:
    for span in spans:
        if span.contains(day):
            return span
    raise InputError(
        "PROCEDURE_NO_PERIOD",
        N_("{day} is not within the procedure {regime}: give a day of its period."),
        day=dates.day(day),
        regime=regime.code,
    )


def _store(
    workspace: Workspace, key: tuple[str, str, str, str], old: str, new: str, reason: str
) -> None:
    regime, item, period_from, field = key

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        now = workspace.clock()
        repo.set_procedure_override(
            StoredOverride(regime, item, period_from, field, new, reason, now, workspace.actor)
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            AUDIT_ACTOR if field == ACTOR else AUDIT_DEADLINE,
            f"procedure:{regime}:{item}:{period_from}",
            old,
            new,
            reason,
        )

    workspace.database.run_in_transaction(_work)


def set_actor(
    workspace: Workspace, code: str, step_code: str, day: date, name: str, reason: str
) -> Actor:
    """Set who acts at `step_code` of the regime `code` during the period that contains `day`."""
    who = check_text(clean(name), DOSSIER_LINE, field="name")
    if not who:
        raise InputError("PROCEDURE_NAME_REQUIRED", N_("Name who acts at this step."))
    why = require_reason(reason)
    regime = find_regime(regimes(workspace), code)
    step = regime.step(clean(step_code))
    span = _period(regime, (a.span for a in step.actors), day)
    old = next(a for a in step.actors if a.span == span).who
    if old.value != who or not old.set_by_province:  # the same name, confirmed, is news too
        key = (regime.code, step.code, span.valid_from.isoformat(), ACTOR)
        _store(workspace, key, old.value, who, why)
    found = find_regime(regimes(workspace), regime.code).step(step.code).actor_on(day)
    assert found is not None
    return found


def set_deadline(
    workspace: Workspace, code: str, deadline_code: str, day: date, due: str, reason: str
) -> Deadline:
    """Set the day (DD/MM) the report `deadline_code` of the regime `code` is due, for the period
    that contains `day`."""
    month, due_day = parse_due_day(due)
    why = require_reason(reason)
    regime = find_regime(regimes(workspace), code)
    candidates = [d for d in regime.deadlines if d.code == clean(deadline_code)]
    if not candidates:
        raise InputError(
            "PROCEDURE_NO_DEADLINE",
            N_("The procedure {regime} has no report '{report}'; its reports: {reports}."),
            regime=regime.code,
            report=deadline_code,
            reports=", ".join(dict.fromkeys(d.code for d in regime.deadlines)),
        )
    span = _period(regime, (d.span for d in candidates), day)
    deadline = next(d for d in candidates if d.span == span)
    old, new = dates.day_month(deadline.month, deadline.day), dates.day_month(month, due_day)
    if old != new or not deadline.fact.set_by_province:
        key = (regime.code, deadline.code, span.valid_from.isoformat(), DUE)
        _store(workspace, key, old, new, why)
    effective = find_regime(regimes(workspace), regime.code)
    return next(d for d in effective.deadlines if d.code == deadline.code and d.span == span)


# --- removing what the province set: the shipped value is in force again


def _unset(workspace: Workspace, key: tuple[str, str, str, str], shipped: str, why: str) -> None:
    regime, item, period_from, field = key

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        removed = repo.remove_procedure_override(regime, item, period_from, field)
        if removed is None:
            raise InputError(
                "PROCEDURE_NOT_SET",
                N_("The province set no value here: the shipped value is already in force."),
            )
        repo.append_audit(
            STORE_CHAIN,
            workspace.clock(),
            workspace.actor,
            AUDIT_UNSET[field],
            f"procedure:{regime}:{item}:{period_from}",
            removed.value,
            shipped,
            why,
        )

    workspace.database.run_in_transaction(_work)


def _shipped(code: str) -> Regime:
    return find_regime(shipped_regimes(), code)


def unset_actor(workspace: Workspace, code: str, step_code: str, day: date, reason: str) -> Actor:
    """Remove who the province set to act at `step_code` in the period that contains `day`: the
    shipped actor (with its own status, verified or not) is in force again."""
    why = require_reason(reason)
    regime = find_regime(regimes(workspace), code)
    step = regime.step(clean(step_code))
    span = _period(regime, (a.span for a in step.actors), day)
    shipped = next(a for a in _shipped(regime.code).step(step.code).actors if a.span == span)
    key = (regime.code, step.code, span.valid_from.isoformat(), ACTOR)
    _unset(workspace, key, shipped.who.value, why)
    found = find_regime(regimes(workspace), regime.code).step(step.code).actor_on(day)
    assert found is not None
    return found


def unset_deadline(
    workspace: Workspace, code: str, deadline_code: str, day: date, reason: str
) -> Deadline:
    """Remove the day the province set for the report `deadline_code` in the period that
    contains `day`: the shipped day is in force again."""
    why = require_reason(reason)
    regime = find_regime(regimes(workspace), code)
    candidates = [d for d in _shipped(regime.code).deadlines if d.code == clean(deadline_code)]
    if not candidates:
        raise InputError(
            "PROCEDURE_NO_DEADLINE",
            N_("The procedure {regime} has no report '{report}'; its reports: {reports}."),
            regime=regime.code,
            report=deadline_code,
            reports=", ".join(dict.fromkeys(d.code for d in regime.deadlines)),
        )
    span = _period(regime, (d.span for d in candidates), day)
    shipped = next(d for d in candidates if d.span == span)
    key = (regime.code, shipped.code, span.valid_from.isoformat(), DUE)
    _unset(workspace, key, dates.day_month(shipped.month, shipped.day), why)
    effective = find_regime(regimes(workspace), regime.code)
    return next(d for d in effective.deadlines if d.code == shipped.code and d.span == span)
