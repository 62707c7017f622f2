"""Two officers on the same assessment (issue 16): a change that met another's is held, not lost.

An officer enters a figure on the assessment as they last saw it (its revision). If another officer
changed that assessment in the meantime, the figure is not written over theirs: it is kept in
`held_changes` with both revisions, and the officer is told who changed the assessment and when
(STORE_CONFLICT). Both versions stay: the stored one, and the held one, which a person later
applies (it is then entered like any figure, audited as theirs) or discards. Holding, applying and
discarding are recorded in the store's audit chain (the assessment's own chain records figures).
"""

from __future__ import annotations

import json

from assessor_app.core.canonical import canonical_text
from assessor_app.domain.errors import N_, NotFoundError, StateError, StoreError
from assessor_app.domain.text import clean
from assessor_app.domain.values import parse_json, parse_text, to_json
from assessor_app.services import appraisal_reasons
from assessor_app.services.assessments import require_assessment, write_value_in
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.audit import STORE_CHAIN
from assessor_app.storage.repositories.held import HeldChange, HeldQueries
from assessor_app.storage.repository import Repository

__all__ = ["HeldChange", "apply_held", "discard_held", "list_held", "set_value_based_on"]


def conflict(held: HeldChange, who: str, at: str) -> StoreError:
    return StoreError(
        "STORE_CONFLICT",
        N_(
            "Assessment {assessment} was just changed by {who} at {at}; your change was kept for review (held change {held}): nothing of either was lost."
        ),
        assessment=held.assessment_id,
        who=who,
        at=at,
        held=held.id,
    )


def set_value_based_on(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    text: str,
    based_on: int,
    reason: str = "",
) -> int:
    """Enter one figure on the assessment as it was at revision `based_on` (what the officer had
    open); the new revision. STORE_CONFLICT, with the change held, if it has changed since."""

    def _work(session: WriteSession) -> int | StoreError:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        indicator = workspace.catalogue_of(row.catalogue).require_indicator(clean(indicator_code))
        why = appraisal_reasons.checked(repo, row, reason)
        value = parse_text(indicator, text, why)
        if row.revision == based_on:
            return write_value_in(workspace, repo, row, indicator.code, value, why).revision
        queries = HeldQueries(session)
        now = workspace.clock()
        stored = canonical_text(to_json(value)) if value is not None else None
        revisions = (based_on, row.revision)
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
        who, at = queries.last_change(row.uid) or (row.created_by, row.updated_at)
        return conflict(held, who, at)  # raised after the commit: the held change is kept

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


def apply_held(workspace: Workspace, held_id: int) -> int:
    """Enter the held figure over the stored one (audited as the person applying it, with the
    held reason); the assessment's new revision."""

    def _work(session: WriteSession) -> int:
        repo, queries = Repository(session), HeldQueries(session)
        held = _pending(queries, held_id)
        row = require_assessment(repo, held.assessment_id)
        indicator = workspace.catalogue_of(row.catalogue).require_indicator(held.indicator_code)
        value = parse_json(indicator, json.loads(held.value)) if held.value is not None else None
        row = write_value_in(workspace, repo, row, indicator.code, value, held.reason)
        _resolve(workspace, repo, queries, held, "applied")
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
