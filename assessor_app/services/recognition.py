"""Whether a commune is recognised for an evaluation year, and by which decision: the answer the
summaries, `plan status` and the decision screen share.

The store's decisions of the year are read in the order they were taken (by date, then as
recorded): a recognition decision recognises its communes (or lists them as not recognised), a
revocation decision (services/revocations.py) revokes the recognition of some. The latest word
stands, so a commune revoked and recognised again by a later decision is recognised. Recorded
decisions are never changed: a revoked decision stays as it was, and the answer says who revoked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor_app.services.workspace import Workspace
from assessor_app.storage.repositories.decisions import StoredDecision
from assessor_app.storage.repository import Repository

RECOGNITION = "recognition"
REVOCATION = "revocation"

RECOGNISED = "recognised"
NOT_RECOGNISED = "not_recognised"
REVOKED = "revoked"
UNDECIDED = "undecided"


@dataclass(frozen=True)
class DecisionRef:
    """A decision as another one cites it: "Quyết định số 125/QĐ-UBND ngày 05/12/2026"."""

    id: int
    number: str
    decided_on: date
    authority: str


@dataclass(frozen=True)
class Recognition:
    """A commune's recognition for `year`.

    Fields:
        status: RECOGNISED, NOT_RECOGNISED (a decision lists it as not recognised), REVOKED, or
            UNDECIDED (no decision names it).
        decision: the decision that recognised it (or did not); None when undecided.
        revoked_by: the revocation decision, when revoked.
        reason: why not recognised, or why revoked.
    """

    commune: str
    year: int
    status: str
    decision: DecisionRef | None = None
    revoked_by: DecisionRef | None = None
    reason: str = ""

    @property
    def recognised(self) -> bool:
        return self.status == RECOGNISED


def reference(stored: StoredDecision) -> DecisionRef:
    return DecisionRef(
        stored.id, stored.number, date.fromisoformat(stored.decided_on), stored.authority
    )


def _codes(items: Any) -> list[tuple[str, str]]:
    return [(str(i["code"]), str(i.get("reason", ""))) for i in items or []]


def _apply(state: dict[str, Recognition], stored: StoredDecision) -> None:
    ref = reference(stored)
    doc = stored.document
    if stored.kind == REVOCATION:
        why = str(doc.get("reason", ""))
        for code, _reason in _codes(doc.get("revoked")):
            before = state.get(code)
            if before is not None and before.recognised:
                state[code] = Recognition(code, stored.year, REVOKED, before.decision, ref, why)
        return
    for code, _reason in _codes(doc.get("recognised")):
        state[code] = Recognition(code, stored.year, RECOGNISED, ref)
    for code, reason in _codes(doc.get("not_recognised")):
        if code not in state or state[code].status == UNDECIDED:
            state[code] = Recognition(code, stored.year, NOT_RECOGNISED, ref, reason=reason)


def recognitions_in(repo: Repository, year: int) -> dict[str, Recognition]:
    """Every commune a decision of `year` names, by code."""
    state: dict[str, Recognition] = {}
    for stored in repo.decision_records(year):
        _apply(state, stored)
    return state


def recognition_of(repo: Repository, commune_code: str, year: int) -> Recognition:
    """The commune's recognition for `year` (UNDECIDED when no decision names it)."""
    found = recognitions_in(repo, year).get(commune_code)
    return found or Recognition(commune_code, year, UNDECIDED)


def recognition(workspace: Workspace, commune_code: str, year: int) -> Recognition:
    """`recognition_of` in a reading transaction of its own."""
    with workspace.database.reading() as session:
        return recognition_of(Repository(session), commune_code.strip(), year)


def revoked_codes(repo: Repository, year: int) -> dict[str, Recognition]:
    """The communes whose recognition for `year` stands revoked."""
    return {c: r for c, r in recognitions_in(repo, year).items() if r.status == REVOKED}
