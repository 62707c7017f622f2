"""The office's register of a year's decisions, as the decision screen lists them: recognitions,
revocations and commendations together, by date (then as recorded), each with the communes or
people it concerns. Plain records over services/decisions.py and services/commendations.py."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from assessor_app.services import commendations, decisions
from assessor_app.services.decisions import Decision
from assessor_app.services.recognition import Recognition, recognitions_in
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.texts.documents import lower_first


class EntryKind(enum.StrEnum):
    RECOGNITION = "recognition"
    REVOCATION = "revocation"
    COMMENDATION = "commendation"


@dataclass(frozen=True)
class RegisterEntry:
    """One decision of the year.

    Fields:
        kind, id: which decision (a decision's or a commendation's id).
        number, decided_on, authority: as recorded.
        concerns: the communes recognised, revoked or commended, and the people commended.
        revokes: the number of the decision a revocation revokes; empty otherwise.
        not_recognised: the communes a recognition lists as not recognised.
        revoked_since: the communes of a recognition whose recognition was revoked since.
        reason: a revocation's or commendation's reason; the form of a commendation in `form`.
    """

    kind: EntryKind
    id: int
    number: str
    decided_on: date
    authority: str
    concerns: tuple[str, ...]
    revokes: str = ""
    not_recognised: tuple[str, ...] = ()
    revoked_since: tuple[str, ...] = ()
    reason: str = ""
    form: str = ""


def _from_decision(decision: Decision, revoked: set[tuple[int, str]]) -> RegisterEntry:
    if decision.revokes is not None:
        return RegisterEntry(
            EntryKind.REVOCATION,
            decision.id,
            decision.number,
            decision.decided_on,
            decision.authority,
            tuple(c.name for c in decision.revoked),
            revokes=decision.revokes.number,
            reason=decision.reason,
        )
    return RegisterEntry(
        EntryKind.RECOGNITION,
        decision.id,
        decision.number,
        decision.decided_on,
        decision.authority,
        tuple(c.name for c in decision.recognised),
        not_recognised=tuple(c.name for c in decision.not_recognised),
        revoked_since=tuple(
            c.name for c in decision.recognised if (decision.id, c.code) in revoked
        ),
    )


def register(workspace: Workspace, year: int) -> list[RegisterEntry]:
    """The year's decisions and commendations, oldest first."""
    with workspace.database.reading() as session:
        standing = recognitions_in(Repository(session), year)
    revoked = {
        (r.decision.id, code)
        for code, r in standing.items()
        if r.revoked_by is not None and r.decision is not None
    }
    entries = [_from_decision(d, revoked) for d in decisions.list_decisions(workspace, year)]
    for found in commendations.list_commendations(workspace, year):
        # "Lý Thị Hoa (công chức văn hóa - xã hội)": one recipient, not a name and a position
        people = [
            f"{p.name} ({lower_first(p.position)})" if p.position else p.name for p in found.people
        ]
        entries.append(
            RegisterEntry(
                EntryKind.COMMENDATION,
                found.id,
                found.number,
                found.decided_on,
                found.authority,
                tuple([u.name for u in found.units] + people),
                reason=found.reason,
                form=found.form,
            )
        )
    order = list(EntryKind)  # on one day: recognitions, then revocations, then commendations
    return sorted(entries, key=lambda e: (e.decided_on, order.index(e.kind), e.id))


def standing_recognitions(workspace: Workspace, decision_id: int) -> list[tuple[str, str]]:
    """The communes (code, name) a recognition decision recognised whose recognition stands: what
    a revocation of it may name."""
    decision = decisions.get_decision(workspace, decision_id)
    with workspace.database.reading() as session:
        standing = recognitions_in(Repository(session), decision.year)
    return [
        (c.code, c.name) for c in decision.recognised if _stands(standing.get(c.code), decision)
    ]


def _stands(found: Recognition | None, decision: Decision) -> bool:
    """The commune's recognition stands, and by `decision`."""
    if found is None or not found.recognised or found.decision is None:
        return False
    return found.decision.id == decision.id
