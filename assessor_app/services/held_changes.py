"""Two officers on the same assessment (issue 16): a change that met another's is held, not lost.

The check is per figure (compare-and-set): an officer enters a figure together with the figure they
started from, as they last saw it stored (None: none was stored). If the stored figure of THAT
indicator is still the one they saw, or already the one they enter, it is written; a change by
someone else to another indicator of the assessment is no conflict (team members of different
sectors enter their own indicators at once). If another officer changed this figure in the meantime
(entered one where there was none, changed it or cleared it), the figure is not written over
theirs: it is kept in `held_changes`, and the officer is told who changed the figure, when, and
both figures (STORE_CONFLICT). Both versions stay: the stored one, and the held one, which a
person later applies (it is then entered like any figure, audited as theirs) or discards. Holding,
applying and discarding are recorded in the store's audit chain (the assessment's own chain records
figures). Evidence files are no part of the comparison.

Without an expected figure (`assessments.set_value`, `assessment set` without `--expect-previous`)
the last write wins, as it always did.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assessor_app import i18n
from assessor_app.core.canonical import canonical_text
from assessor_app.domain.assessment import require_editable
from assessor_app.domain.catalogue import Indicator, RuleKind
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError, StoreError
from assessor_app.domain.text import clean
from assessor_app.domain.values import Value, parse_json, parse_text, to_json
from assessor_app.services import appraisal_reasons, assessments
from assessor_app.services.assessments import require_assessment, write_value_in
from assessor_app.services.records import AssessmentSummary
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord, StoredValue
from assessor_app.storage.repositories.audit import STORE_CHAIN
from assessor_app.storage.repositories.held import HeldChange, HeldQueries
from assessor_app.storage.repository import Repository
from assessor_app.texts import dates, values

__all__ = [
    "HeldChange",
    "HeldDetail",
    "apply_held",
    "discard_held",
    "held_details",
    "list_held",
    "set_value_expecting",
    "set_value_object_expecting",
]


Matches = Callable[[Any], bool]  # is the stored figure (JSON form; None: none) the one read?


@dataclass(frozen=True)
class HeldDetail:
    """A held change beside the figure it met: what is stored now, by whom and when."""

    held: HeldChange
    theirs: Any  # the stored figure's JSON form; None: no figure
    theirs_by: str
    theirs_at: str

    @property
    def yours(self) -> Any:
        return json.loads(self.held.value) if self.held.value is not None else None


def conflict(held: HeldChange, who: str, at: str, theirs: Any) -> StoreError:
    language = i18n.language()
    return StoreError(
        "STORE_CONFLICT",
        N_(
            "{who} changed {indicator} of assessment {assessment} at {at}, after you read it: it is now {theirs}. Your figure {yours} was not written over it: it is kept aside as held change {held}, for a person to apply or discard."
        ),
        assessment=held.assessment_id,
        who=who,
        at=dates.stamp(at),
        indicator=held.indicator_code,
        theirs=values.stored(theirs, language),
        yours=values.stored(json.loads(held.value) if held.value else None, language),
        held=held.id,
    )


def set_value_expecting(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    text: str,
    expected: str,
    reason: str = "",
) -> int:
    """Enter one figure (as typed) if the stored figure of this indicator is still `expected`; the
    assessment's revision after it. `expected` is typed as the figure is ("": no figure stored)
    or its JSON form (as `assessment show --json` gives it); a manual indicator's figure only in
    JSON, points and justification (HELD_EXPECT_MANUAL_JSON for `points=N`): the whole stored
    figure is compared. STORE_CONFLICT, with the change held, if another officer changed this
    figure since."""

    def parsed(indicator: Indicator, reason: str) -> tuple[Value | None, Matches]:
        return parse_text(indicator, text, reason), _read_as(indicator, expected)

    return _enter(workspace, assessment_id, indicator_code, parsed, None, reason).revision


def _read_as(indicator: Indicator, expected: str) -> Matches:
    """Whether a stored figure (JSON form; None: none) is the one `expected` names."""
    text = clean(expected)
    if not text:
        return lambda stored: stored is None
    if text.startswith("{"):
        try:
            raw = json.loads(text)
        except ValueError:
            raw = text  # parsed as typed below: refused with the usual message
        seen = to_json(parse_json(indicator, raw))
        return lambda stored: stored == seen
    if indicator.kind is RuleKind.MANUAL:
        # `points=N` cannot name the justification read with it, and comparing the points alone
        # would write over another officer's new justification: the whole figure, as JSON.
        parse_text(indicator, text, "-")  # a typing mistake gets the usual message first
        raise InputError(
            "HELD_EXPECT_MANUAL_JSON",
            N_(
                "The figure you read for the manual indicator {indicator} names its points only: give it whole, points and justification, in its JSON form as 'assessment show --json' prints it (values.{indicator}.value), e.g. {example}."
            ),
            indicator=indicator.code,
            example='{"points": 10, "justification": "…"}',
        )
    seen = to_json(parse_text(indicator, text))
    return lambda stored: stored == seen


def set_value_object_expecting(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    value: Value | None,
    expected: Value | None,
    read_at: int,
    reason: str = "",
) -> AssessmentSummary:
    """The editor's save: an already-parsed figure (None: clear it), entered if the stored figure
    is still `expected`, the one the editor showed as stored (read at revision `read_at`); the
    assessment's summary after it. STORE_CONFLICT, held, as above."""

    seen = to_json(expected) if expected is not None else None

    def checked(indicator: Indicator, _reason: str) -> tuple[Value | None, Matches]:
        if value is not None:
            parse_json(indicator, to_json(value))  # validates against the rule
        return value, lambda stored: stored == seen

    return assessments.summary_of(
        _enter(workspace, assessment_id, indicator_code, checked, read_at, reason)
    )


def _enter(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    values_of: Callable[[Indicator, str], tuple[Value | None, Matches]],
    read_at: int | None,
    reason: str,
) -> AssessmentRecord:
    def _work(session: WriteSession) -> AssessmentRecord | StoreError:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        indicator = workspace.catalogue_of(row.catalogue).require_indicator(clean(indicator_code))
        why = appraisal_reasons.checked(repo, row, reason)
        value, read = values_of(indicator, why)
        current = repo.stored_values(row.id).get(indicator.code)
        now_json = current.value if current else None
        new_json = to_json(value) if value is not None else None
        if read(now_json) or now_json == new_json:  # unchanged since read, or already this one
            return write_value_in(workspace, repo, row, indicator.code, value, why)
        require_editable(row.status, row.id)  # a finalised assessment refuses, as ever
        queries = HeldQueries(session)
        now = workspace.clock()
        stored = canonical_text(new_json) if new_json is not None else None
        revisions = (row.revision if read_at is None else read_at, row.revision)
        held = queries.hold(row.id, indicator.code, stored, why, workspace.actor, now, revisions)
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "hold_change",
            _target(held),
            None,
            None,
            why,
        )
        if current is not None:
            who, at = current.entered_by, current.entered_at
        else:  # cleared: the entry that cleared it
            who, at = queries.last_change(row.uid, _target(held)) or (
                row.created_by,
                row.updated_at,
            )
        return conflict(held, who, at, now_json)  # raised after the commit: the change is kept

    outcome = workspace.database.run_in_transaction(_work)
    if isinstance(outcome, StoreError):
        raise outcome
    return outcome


def _target(held: HeldChange) -> str:
    # The indicator, as the history reads targets; the figures themselves are in held_changes.
    return f"indicator:{held.indicator_code}"


def list_held(workspace: Workspace, assessment_id: int | None = None) -> list[HeldChange]:
    """The held changes waiting for a person (of one assessment, or all)."""
    with workspace.database.reading() as session:
        return HeldQueries(session).held(assessment_id)


def held_details(workspace: Workspace, assessment_id: int | None = None) -> list[HeldDetail]:
    """The held changes waiting, each with the figure now stored for its indicator."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        found: list[HeldDetail] = []
        stored: dict[int, dict[str, StoredValue]] = {}
        for held in HeldQueries(session).held(assessment_id):
            if held.assessment_id not in stored:
                stored[held.assessment_id] = repo.stored_values(held.assessment_id)
            now = stored[held.assessment_id].get(held.indicator_code)
            if now is None:
                found.append(HeldDetail(held, None, "", ""))
            else:
                found.append(HeldDetail(held, now.value, now.entered_by, now.entered_at))
        return found


def _pending(queries: HeldQueries, held_id: int) -> HeldChange:
    held = queries.held_change(held_id)
    if held is None:
        raise NotFoundError("HELD_NOT_FOUND", N_("No held change {held}."), held=held_id)
    if held.resolution is not None:
        raise StateError(
            "HELD_RESOLVED",
            N_("Held change {held} was already resolved by {who} at {at}."),
            held=held_id,
            who=held.resolved_by or "",
            at=held.resolved_at or "",
        )
    return held


def apply_held(workspace: Workspace, held_id: int, reason: str = "") -> int:
    """Enter the held figure over the stored one (audited as the person applying it, with their
    reason, else the held one); the assessment's new revision."""
    why = clean(reason)

    def _work(session: WriteSession) -> int:
        repo, queries = Repository(session), HeldQueries(session)
        held = _pending(queries, held_id)
        row = require_assessment(repo, held.assessment_id)
        indicator = workspace.catalogue_of(row.catalogue).require_indicator(held.indicator_code)
        value = parse_json(indicator, json.loads(held.value)) if held.value is not None else None
        row = write_value_in(workspace, repo, row, indicator.code, value, why or held.reason)
        _resolve(workspace, repo, queries, held, "applied", why)
        return row.revision

    return workspace.database.run_in_transaction(_work)


def discard_held(workspace: Workspace, held_id: int, reason: str) -> None:
    """Keep the stored figure; the held one stays in the store, marked discarded."""

    def _work(session: WriteSession) -> None:
        repo, queries = Repository(session), HeldQueries(session)
        held = _pending(queries, held_id)
        _resolve(workspace, repo, queries, held, "discarded", clean(reason))

    workspace.database.run_in_transaction(_work)


def _resolve(
    workspace: Workspace,
    repo: Repository,
    queries: HeldQueries,
    held: HeldChange,
    resolution: str,
    reason: str = "",
) -> None:
    now = workspace.clock()
    queries.resolve_held(held.id, resolution, workspace.actor, now)
    action = "apply_held_change" if resolution == "applied" else "discard_held_change"
    repo.append_audit(STORE_CHAIN, now, workspace.actor, action, _target(held), None, None, reason)
