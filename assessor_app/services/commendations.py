"""Commendations (khen thưởng), as the province's plan provides: "Khen thưởng, biểu dương kịp thời
đối với các tập thể, cá nhân có thành tích xuất sắc trong công tác xây dựng xã, phường, thị trấn
phù hợp với trẻ em" (the seed plan, section III.4), the department appraising the dossiers and
submitting them "trình Chủ tịch UBND tỉnh xem xét, khen thưởng" (section V.1).

A commendation is recorded with its decision (number, date, the authority, signer), its form
("Bằng khen", "Giấy khen": as the decision writes it), the year it rewards, the reason, and the
units (communes of that year's unit list, by code) and people (name, position, unit) it
commends. The authority defaults to the province's people's committee, as the plan says; each
decision may name another. Audited on the store chain as `record_commendation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import check_year
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import clean
from assessor_app.services import permissions
from assessor_app.services.appraisal_data import province_name
from assessor_app.services.decisions import check_number, required
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.commendations import StoredCommendation
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import dates
from assessor_app.texts.documents import in_sentence

FORMS = ("Bằng khen", "Giấy khen")  # suggested; the decision's own words are kept


@dataclass(frozen=True)
class CommendedUnit:
    code: str
    name: str


@dataclass(frozen=True)
class CommendedPerson:
    name: str
    position: str = ""
    unit: str = ""


@dataclass(frozen=True)
class CommendationInput:
    year: int
    number: str
    decided_on: date
    form: str
    signer_name: str
    reason: str
    communes: tuple[str, ...] = ()
    people: tuple[CommendedPerson, ...] = ()
    authority: str = ""
    signer_position: str = ""


@dataclass(frozen=True)
class Commendation:
    id: int
    number: str
    decided_on: date
    year: int
    authority: str
    form: str
    signer_name: str
    signer_position: str
    reason: str
    units: tuple[CommendedUnit, ...]
    people: tuple[CommendedPerson, ...]
    recorded_at: str
    recorded_by: str

    @property
    def recipients_text(self) -> str:
        people = [", ".join(x for x in (p.name, p.position, p.unit) if x) for p in self.people]
        return "; ".join([u.name for u in self.units] + people)


def _commendation(stored: StoredCommendation) -> Commendation:
    recipients: dict[str, Any] = stored.recipients
    return Commendation(
        id=stored.id,
        number=stored.number,
        decided_on=date.fromisoformat(stored.decided_on),
        year=stored.year,
        authority=stored.authority,
        form=stored.form,
        signer_name=stored.signer_name,
        signer_position=stored.signer_position,
        reason=stored.reason,
        units=tuple(CommendedUnit(str(u["code"]), str(u["name"])) for u in recipients["units"]),
        people=tuple(
            CommendedPerson(str(p["name"]), str(p["position"]), str(p["unit"]))
            for p in recipients["people"]
        ),
        recorded_at=stored.recorded_at,
        recorded_by=stored.recorded_by,
    )


def _people(given: CommendationInput) -> list[CommendedPerson]:
    people = []
    for person in given.people:
        name = clean(person.name)
        if not name:
            raise InputError(
                "COMMENDATION_PERSON_NAME", N_("Give the name of each person commended.")
            )
        people.append(CommendedPerson(name, clean(person.position), clean(person.unit)))
    return people


def _check(given: CommendationInput, today: date) -> tuple[str, str, str, str]:
    check_year(given.year)
    number = check_number(given.number)
    signer = required(given.signer_name, "signer")
    form, reason = clean(given.form), clean(given.reason)
    if not form or not reason:
        raise InputError(
            "COMMENDATION_FIELD_REQUIRED",
            N_("Give the form of the commendation (e.g. Bằng khen) and its reason."),
        )
    if not date(given.year, 1, 1) <= given.decided_on <= today:
        raise InputError(
            "COMMENDATION_BAD_DATE",
            N_(
                "A commendation for {year} is dated in or after {year} and not after today ({today}), not {day}."
            ),
            year=given.year,
            today=dates.day(today),
            day=dates.day(given.decided_on),
        )
    return number, signer, form, reason


def _units(repo: Repository, given: CommendationInput) -> list[CommendedUnit]:
    listing = repo.unit_list_valid_on(date(given.year, 12, 31))
    known = {u.code: u.name for u in repo.units_in_list(listing.code)} if listing else {}
    units = []
    for code in dict.fromkeys(clean(c) for c in given.communes if clean(c)):
        if code not in known:
            raise InputError(
                "COMMENDATION_UNKNOWN_COMMUNE",
                N_("There is no commune {code} in the unit list of {year}."),
                code=code,
                year=given.year,
            )
        units.append(CommendedUnit(code, known[code]))
    return units


def record_commendation(workspace: Workspace, given: CommendationInput) -> Commendation:
    """Check and record a commendation; audited on the store chain as `record_commendation`."""
    number, signer, form, reason = _check(given, workspace.today())
    people = _people(given)

    def _work(session: WriteSession) -> Commendation:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.DECIDE)
        units = _units(repo, given)
        if not units and not people:
            raise InputError(
                "COMMENDATION_NO_RECIPIENT",
                N_("A commendation names at least one commune or person."),
            )
        authority = clean(given.authority) or (
            f"Ủy ban nhân dân {in_sentence(province_name(repo, given.year))}"
        )
        if repo.commendation_number_taken(authority, given.year, number):
            raise InputError(
                "COMMENDATION_NUMBER_TAKEN",
                N_(
                    "A commendation numbered {number} of {authority} is already recorded for {year}."
                ),
                number=number,
                authority=authority,
                year=given.year,
            )
        recipients = {
            "units": [{"code": u.code, "name": u.name} for u in units],
            "people": [{"name": p.name, "position": p.position, "unit": p.unit} for p in people],
        }
        now = workspace.clock()
        stored = repo.add_commendation(
            StoredCommendation(
                0,
                number,
                given.decided_on.isoformat(),
                given.year,
                authority,
                form,
                signer,
                clean(given.signer_position),
                reason,
                recipients,
                now,
                workspace.actor,
            )
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "record_commendation",
            f"commendation:{stored.id}",
            None,
            {
                "number": number,
                "date": stored.decided_on,
                "year": given.year,
                "issuer": authority,
                "form": form,
                "reason": reason,
                **recipients,
            },
        )
        return _commendation(stored)

    return workspace.database.run_in_transaction(_work)


def list_commendations(workspace: Workspace, year: int | None = None) -> list[Commendation]:
    with workspace.database.reading() as session:
        return [_commendation(s) for s in Repository(session).commendation_records(year)]


def get_commendation(workspace: Workspace, commendation_id: int) -> Commendation:
    with workspace.database.reading() as session:
        stored = Repository(session).commendation_record(commendation_id)
    if stored is None:
        raise NotFoundError(
            "COMMENDATION_NOT_FOUND", N_("There is no commendation {id}."), id=commendation_id
        )
    return _commendation(stored)
