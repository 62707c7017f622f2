"""Revoking a recognition (thu hồi quyết định công nhận): a NEW decision, with its own number,
date, signer and authority, the reason, and the communes whose recognition for the year it revokes,
citing the decision that recognised them. The revoked decision stays as recorded; what stands is
services/recognition.py's answer. Audited on the store chain as `revoke_decision`.

Refused with a code when a commune was not recognised that year (or not by the decision cited),
when its recognition is already revoked, when the communes were recognised by several decisions
and none is named, and when the number is taken for the scope and year (recognitions and
revocations share the numbers: services/decisions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import DOSSIER_LINE, check_text, clean
from assessor_app.services import permissions
from assessor_app.services.decisions import (
    OVERRIDDEN,
    DecidedCommune,
    Decision,
    as_decision,
    check_number,
    required,
)
from assessor_app.services.recognition import (
    RECOGNITION,
    REVOCATION,
    REVOKED,
    Recognition,
    recognitions_in,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.decisions import StoredDecision
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import dates


@dataclass(frozen=True)
class RevocationInput:
    """What revoking takes. `revokes`: the id of the decision revoked (0: the one that recognised
    the communes, when it is one). Authority, decider and signer's position default to the
    revoked decision's: the body that recognised revokes."""

    year: int
    communes: tuple[str, ...]
    number: str
    decided_on: date
    signer_name: str
    reason: str
    revokes: int = 0
    authority: str = ""
    decider: str = ""
    signer_position: str = ""
    signer_authority: str = ""
    proposer: str = ""  # "Giám đốc Sở Y tế": fills "Xét đề nghị của …" (empty: a dotted line)
    basis: str = ""  # the act the revocation rests on: fills its "Căn cứ …" line (empty: dotted)


def _optional_lines(given: RevocationInput) -> dict[str, str]:
    """The proposer and the basis when given (kept in the decision's document only then, so a
    revocation recorded without them reads as before)."""
    lines = {
        "proposer": check_text(clean(given.proposer), DOSSIER_LINE, field="proposer"),
        "basis": check_text(clean(given.basis), DOSSIER_LINE, field="basis"),
    }
    return {key: text for key, text in lines.items() if text}


def _check_given(given: RevocationInput) -> tuple[str, str, str, tuple[str, ...]]:
    number = check_number(given.number)
    signer = required(given.signer_name, "signer")
    reason = clean(given.reason)
    if not reason:
        raise InputError(
            "REVOCATION_REASON_REQUIRED", N_("Give the reason why the recognition is revoked.")
        )
    communes = tuple(dict.fromkeys(c for c in (clean(x) for x in given.communes) if c))
    if not communes:
        raise InputError(
            "REVOCATION_NO_COMMUNE", N_("Name at least one commune whose recognition is revoked.")
        )
    return number, signer, reason, communes


def _standing(
    state: dict[str, Recognition], communes: tuple[str, ...], year: int
) -> list[Recognition]:
    found = []
    for code in communes:
        known = state.get(code)
        if known is not None and known.status == REVOKED:
            assert known.revoked_by is not None
            raise StateError(
                "REVOCATION_ALREADY_REVOKED",
                N_(
                    "The recognition of commune {code} for {year} is already revoked by decision {number}."
                ),
                code=code,
                year=year,
                number=known.revoked_by.number,
            )
        if known is None or not known.recognised:
            raise StateError(
                "REVOCATION_NOT_RECOGNISED",
                N_("Commune {code} is not recognised for {year}: there is nothing to revoke."),
                code=code,
                year=year,
            )
        found.append(known)
    return found


def _revoked_decision(
    repo: Repository, standing: list[Recognition], given: RevocationInput
) -> StoredDecision:
    ids = {r.decision.id for r in standing if r.decision is not None}
    wanted = given.revokes or (ids.pop() if len(ids) == 1 else 0)
    if not wanted:
        raise InputError(
            "REVOCATION_SEVERAL_DECISIONS",
            N_(
                "These communes were recognised by different decisions: revoke them one decision at a time."
            ),
        )
    stored = repo.decision_record(wanted)
    if stored is None or stored.kind != RECOGNITION or stored.year != given.year:
        raise NotFoundError(
            "REVOCATION_NO_SUCH_DECISION",
            N_("There is no recognition decision {id} for {year}."),
            id=wanted,
            year=given.year,
        )
    for known in standing:
        if known.decision is None or known.decision.id != wanted:
            raise StateError(
                "REVOCATION_NOT_RECOGNISED",
                N_("Commune {code} is not recognised for {year}: there is nothing to revoke."),
                code=known.commune,
                year=given.year,
            )
    return stored


def _check_date(day: date, revoked: StoredDecision, today: date) -> None:
    since = date.fromisoformat(revoked.decided_on)
    if not since <= day <= today:
        raise InputError(
            "REVOCATION_BAD_DATE",
            N_(
                "A revocation is dated on or after the decision it revokes ({since}) and not after today ({today}), not {day}."
            ),
            since=dates.day(since),
            today=dates.day(today),
            day=dates.day(day),
        )


def revoke_decision(workspace: Workspace, given: RevocationInput) -> Decision:
    """Check and record the revocation; audited on the store chain as `revoke_decision`."""
    number, signer, reason, communes = _check_given(given)

    def _work(session: WriteSession) -> Decision:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.DECIDE)
        standing = _standing(recognitions_in(repo, given.year), communes, given.year)
        revoked = _revoked_decision(repo, standing, given)
        _check_date(given.decided_on, revoked, workspace.today())
        if repo.decision_number_taken(revoked.scope_code, given.year, number):
            raise InputError(
                "DECISION_NUMBER_TAKEN",
                N_("A decision numbered {number} is already recorded for {scope} in {year}."),
                number=number,
                scope=revoked.scope_name,
                year=given.year,
            )
        cited = as_decision(revoked)
        by_code = {c.code: c for c in cited.recognised}
        named = [by_code.get(code, DecidedCommune(code, code)) for code in communes]
        overridden = bool(clean(given.authority) or clean(given.decider))
        document = {
            "decider": clean(given.decider) or cited.decider,
            "reason": reason,
            "revokes": {
                "id": revoked.id,
                "number": revoked.number,
                "date": revoked.decided_on,
                "authority": revoked.authority,
            },
            "revoked": [
                {"code": c.code, "name": c.name, "district": c.district, "total": c.total}
                for c in named
            ],
            "catalogue": cited.catalogue,
            "authority_status": OVERRIDDEN if overridden else cited.authority_status,
            **_optional_lines(given),
        }
        now = workspace.clock()
        stored = repo.add_decision(
            StoredDecision(
                0,
                number,
                given.decided_on.isoformat(),
                given.year,
                revoked.scope_level,
                revoked.scope_code,
                revoked.scope_name,
                clean(given.authority) or revoked.authority,
                signer,
                clean(given.signer_position) or revoked.signer_position,
                clean(given.signer_authority),
                document,
                now,
                workspace.actor,
                kind=REVOCATION,
            )
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "revoke_decision",
            f"decision:{stored.id}",
            None,
            {"number": number, "year": given.year, "scope": revoked.scope_code, **document},
            reason,
        )
        return as_decision(stored)

    return workspace.database.run_in_transaction(_work)
