"""Recognition decisions (Quyết định công nhận) as the office records them: number, date, signer and
authority, the evaluation year and scope (a district before the 2025 reform, else the province), the
communes recognised and those not with the reasons. Recorded once, audited on the store chain
(`record_decision`). Revoking a recognition is a later decision of its own
(services/revocations.py), listed here beside the recognitions (`Decision.kind`); whether a
commune stands recognised is services/recognition.py's answer. `decision_for(year, scope)` is the
recognition decision summaries cite.

The recognising authority defaults to the one configured for the period
(services/recognition_authorities.py: the district's chair until 30 June 2025; after it a default
not verified in the sources), and each decision may name another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import check_year, period
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import clean
from assessor_app.reports import describe
from assessor_app.reports.summary_model import ScopeLevel
from assessor_app.services import appraisals, permissions, recognition_authorities
from assessor_app.services.appraisal_data import pairs_in, province_name, scored
from assessor_app.services.procedures import regimes_in
from assessor_app.services.recognition import RECOGNITION, REVOCATION, DecisionRef
from assessor_app.services.report_data import resolve_scope
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.decisions import StoredDecision
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import dates

NUMBER = re.compile(r"^[0-9]{1,6}/QĐ-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
OVERRIDDEN = "overridden"


@dataclass(frozen=True)
class DecidedCommune:
    code: str
    name: str
    district: str = ""
    total: int | None = None
    reason: str = ""  # why not recognised; empty for a recognised commune


@dataclass(frozen=True)
class DecisionInput:
    """What recording a decision takes. `recognised` empty: every commune of the scope whose
    appraised result meets the standard; `not_recognised` empty: the other appraised communes
    with their failed conditions. `authority` / `decider` override the configured ones."""

    year: int
    unit: str
    number: str
    decided_on: date
    signer_name: str
    recognised: tuple[str, ...] = ()
    not_recognised: tuple[tuple[str, str], ...] = ()
    authority: str = ""
    decider: str = ""
    signer_position: str = ""
    signer_authority: str = ""
    appraisal_number: str = ""
    appraisal_date: date | None = None


@dataclass(frozen=True)
class Decision:
    """A recorded decision. `authority_status`: the configured authority's status ("secondary",
    "not_verified") or "overridden" when the decision names its own."""

    id: int
    number: str
    decided_on: date
    year: int
    scope_level: str
    scope_code: str
    scope_name: str
    authority: str
    decider: str
    signer_name: str
    signer_position: str
    signer_authority: str
    recognised: tuple[DecidedCommune, ...]
    not_recognised: tuple[DecidedCommune, ...]
    catalogue: str
    authority_status: str
    recorded_at: str
    recorded_by: str
    appraisal_number: str = ""
    appraisal_date: date | None = None
    kind: str = RECOGNITION
    reason: str = ""  # a revocation's reason
    revokes: DecisionRef | None = None  # the decision a revocation revokes
    revoked: tuple[DecidedCommune, ...] = ()  # the communes whose recognition it revokes
    proposer: str = ""  # a revocation's proposer, when given ("Xét đề nghị của …")
    basis: str = ""  # the act a revocation rests on, when given ("Căn cứ …")

    @property
    def revocation(self) -> bool:
        return self.kind == REVOCATION

    @property
    def verified(self) -> bool:
        return self.authority_status != recognition_authorities.NOT_VERIFIED


def _commune_json(c: DecidedCommune) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "district": c.district,
        "total": c.total,
        "reason": c.reason,
    }


def _commune_of(item: dict[str, Any]) -> DecidedCommune:
    return DecidedCommune(
        str(item["code"]),
        str(item["name"]),
        str(item.get("district", "")),
        item.get("total"),
        str(item.get("reason", "")),
    )


def _revokes(doc: dict[str, Any]) -> DecisionRef | None:
    cited = doc.get("revokes")
    if not cited:
        return None
    return DecisionRef(
        int(cited["id"]),
        str(cited["number"]),
        date.fromisoformat(cited["date"]),
        str(cited.get("authority", "")),
    )


def as_decision(stored: StoredDecision) -> Decision:
    """The service's record of a stored decision (either kind)."""
    doc = stored.document
    appraisal = doc.get("appraisal") or {}
    return Decision(
        id=stored.id,
        number=stored.number,
        decided_on=date.fromisoformat(stored.decided_on),
        year=stored.year,
        scope_level=stored.scope_level,
        scope_code=stored.scope_code,
        scope_name=stored.scope_name,
        authority=stored.authority,
        decider=str(doc.get("decider", "")),
        signer_name=stored.signer_name,
        signer_position=stored.signer_position,
        signer_authority=stored.signer_authority,
        recognised=tuple(_commune_of(i) for i in doc.get("recognised", [])),
        not_recognised=tuple(_commune_of(i) for i in doc.get("not_recognised", [])),
        catalogue=str(doc.get("catalogue", "")),
        authority_status=str(doc.get("authority_status", "")),
        recorded_at=stored.recorded_at,
        recorded_by=stored.recorded_by,
        appraisal_number=str(appraisal.get("number", "")),
        appraisal_date=date.fromisoformat(appraisal["date"]) if appraisal.get("date") else None,
        kind=stored.kind,
        reason=str(doc.get("reason", "")),
        revokes=_revokes(doc),
        revoked=tuple(_commune_of(i) for i in doc.get("revoked", [])),
        proposer=str(doc.get("proposer", "")),
        basis=str(doc.get("basis", "")),
    )


# --- checks


def required(value: str, name: str) -> str:
    value = clean(value)
    if not value:
        raise InputError(
            "DECISION_FIELD_REQUIRED",
            N_("Name the person who signs the decision."),
            field=name,
        )
    return value


def check_number(number: str) -> str:
    """ "125/QĐ-UBND" (NFC, no spaces); DECISION_BAD_NUMBER otherwise."""
    value = clean(number).replace(" ", "")
    if not NUMBER.match(value):
        raise InputError(
            "DECISION_BAD_NUMBER",
            N_("'{number}' is not a decision number: write it as 125/QĐ-UBND."),
            number=number,
        )
    return value


def check_date(day: date, year: int, today: date) -> date:
    """After the evaluation year's last day, and not in the future."""
    last = period(year)[1]
    if not last < day <= today:
        raise InputError(
            "DECISION_BAD_DATE",
            N_(
                "The decision on {year} must be dated after the end of that evaluation year ({last}) and not after today ({today}), not {day}."
            ),
            year=year,
            last=dates.day(last),
            today=dates.day(today),
            day=dates.day(day),
        )
    return day


def _split(
    repo: Repository, workspace: Workspace, given: DecisionInput, scope_code: str, district: bool
) -> tuple[list[DecidedCommune], list[DecidedCommune], str]:
    """The recognised and not recognised communes, checked against the appraised results."""
    pairs = pairs_in(repo, given.year, unit=scope_code)
    results: dict[str, tuple[DecidedCommune, bool, tuple[str, ...]]] = {}
    for pair in pairs:
        result = scored(workspace, repo, pair.appraised)
        commune = DecidedCommune(
            pair.unit.code,
            pair.unit.name,
            pair.unit.district_name if district else "",
            result.total,
        )
        results[pair.unit.code] = (commune, result.recognized, describe.reasons_text(result))
    wanted = [clean(c) for c in given.recognised] or [c for c, r in results.items() if r[1]]
    recognised: list[DecidedCommune] = []
    for code in dict.fromkeys(wanted):
        if code not in results or not results[code][1]:
            raise InputError(
                "DECISION_NOT_MET",
                N_(
                    "Commune {code} has no appraised result meeting the standard in {year}: it cannot be recognised."
                ),
                code=code,
                year=given.year,
            )
        recognised.append(results[code][0])
    if not recognised:
        raise InputError("DECISION_NO_COMMUNE", N_("A decision recognises at least one commune."))
    reasons = {clean(code): clean(why) for code, why in given.not_recognised}
    others = [
        DecidedCommune(c.code, c.name, c.district, c.total, reasons.get(code) or "; ".join(why))
        for code, (c, _met, why) in results.items()
        if c not in recognised and (not reasons or code in reasons)
    ]
    catalogue = workspace.catalogue_of(pairs[0].appraised.catalogue).code
    return recognised, others, catalogue


def record_decision(
    workspace: Workspace,
    given: DecisionInput,
    then: Callable[[Repository, Decision], None] | None = None,
) -> Decision:
    """Check and record a decision; audited on the store chain as `record_decision`. `then` runs
    in the same transaction with what was decided (the appraisal states follow the decision
    there), so a refusal there records nothing."""
    year = check_year(given.year)
    number = check_number(given.number)
    signer = required(given.signer_name, "signer")
    check_date(given.decided_on, year, workspace.today())

    def _work(session: WriteSession) -> Decision:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.DECIDE)
        scope = resolve_scope(repo, given.unit, year)
        district = scope.level is ScopeLevel.DISTRICT
        authorities = recognition_authorities.effective_authorities(
            regimes_in(repo), year, scope.name if district else "", province_name(repo, year)
        )
        overridden = bool(clean(given.authority) or clean(given.decider))
        if authorities.scope != scope.level.value and not overridden:
            raise InputError(
                "DECISION_WRONG_SCOPE",
                N_(
                    "The authority configured for {year} does not decide for {scope}: give the right district or province, or name the authority."
                ),
                year=year,
                scope=scope.name,
            )
        if repo.decision_number_taken(scope.code, year, number):
            raise InputError(
                "DECISION_NUMBER_TAKEN",
                N_("A decision numbered {number} is already recorded for {scope} in {year}."),
                number=number,
                scope=scope.name,
                year=year,
            )
        recognised, others, catalogue = _split(repo, workspace, given, scope.code, district)
        authority = clean(given.authority) or authorities.issuer
        position = clean(given.signer_position) or authorities.signer_position
        decider = clean(given.decider) or (
            f"{position} {authority}" if clean(given.authority) else authorities.decider
        )
        document = {
            "decider": decider,
            "recognised": [_commune_json(c) for c in recognised],
            "not_recognised": [_commune_json(c) for c in others],
            "catalogue": catalogue,
            "authority_status": OVERRIDDEN if overridden else authorities.status,
            "authorities_version": recognition_authorities.version(),
            "appraisal": {
                "number": clean(given.appraisal_number),
                "date": given.appraisal_date.isoformat() if given.appraisal_date else "",
            },
        }
        now = workspace.clock()
        stored = repo.add_decision(
            StoredDecision(
                0,
                number,
                given.decided_on.isoformat(),
                year,
                scope.level.value,
                scope.code,
                scope.name,
                authority,
                signer,
                position,
                clean(given.signer_authority),
                document,
                now,
                workspace.actor,
            )
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "record_decision",
            f"decision:{stored.id}",
            None,
            {"number": number, "year": year, "scope": scope.code, **document},
        )
        decided = as_decision(stored)
        # The appraisals of the year's communes follow the decision in its own transaction.
        appraisals.mark_decided(
            workspace,
            repo,
            year,
            [c.code for c in decided.recognised],
            [c.code for c in decided.not_recognised],
            number,
        )
        if then is not None:
            then(repo, decided)
        return decided

    return workspace.database.run_in_transaction(_work)


# --- reading


def list_decisions(workspace: Workspace, year: int | None = None) -> list[Decision]:
    with workspace.database.reading() as session:
        return [as_decision(s) for s in Repository(session).decision_records(year)]


def get_decision(workspace: Workspace, decision_id: int) -> Decision:
    with workspace.database.reading() as session:
        stored = Repository(session).decision_record(decision_id)
    if stored is None:
        raise NotFoundError("DECISION_NOT_FOUND", N_("There is no decision {id}."), id=decision_id)
    return as_decision(stored)


def decision_for(workspace: Workspace, year: int, scope: str) -> Decision | None:
    """The recognition decision a summary of `scope` (a district's or the province's code) for
    `year` cites: the latest recorded (by date, then as recorded); None when there is none."""
    with workspace.database.reading() as session:
        found = Repository(session).decision_records(year, clean(scope))
    found = [s for s in found if s.kind == RECOGNITION]
    return as_decision(found[-1]) if found else None


def configured_authority(
    workspace: Workspace, year: int, unit: str
) -> recognition_authorities.Authorities:
    """The authorities configured for `year` and the scope `unit` (for the dialog and `decision
    add` to show, with their status)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        scope = resolve_scope(repo, unit, year)
        district = scope.name if scope.level is ScopeLevel.DISTRICT else ""
        return recognition_authorities.effective_authorities(
            regimes_in(repo), year, district, province_name(repo, year)
        )


def communes_text(communes: Sequence[DecidedCommune]) -> str:
    return ", ".join(c.name for c in communes)
