"""Who uses this installation: what it is (a team's laptop, a commune, an appraising office, the
province office), which unit's office (services/offices.py), a name, an agency, and the unit list
in force. Stored in the data folder, so it travels with the store; every change audited.

Stores made before kept "team" or "office" (then a reviewing office, which appraised) and no
office unit: they read as a team's laptop or an appraising office whose documents keep the
period's default issuing body until an office is chosen in Settings."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import NAME, checked_clean, clean
from assessor_app.services.offices import (
    OFFICE_UNIT,
    OfficeChoice,
    OfficeLevel,
    choices_in,
    choices_of,
    find_choice,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository


class ProfileKind(enum.StrEnum):
    TEAM = "team"  # a team's laptop: đoàn kiểm tra liên ngành
    COMMUNE = "commune"  # a commune's people's committee (it assesses itself)
    OFFICE = "office"  # an appraising office: cơ quan thẩm định (district until 30/6/2025)
    PROVINCE = "province"  # the province office: it sums up and reports to the ministry


# The unit an installation of each kind is the office of (a team's laptop has none).
OFFICE_LEVELS = {
    ProfileKind.COMMUNE: (OfficeLevel.COMMUNE,),
    ProfileKind.OFFICE: (OfficeLevel.DISTRICT, OfficeLevel.PROVINCE),
    ProfileKind.PROVINCE: (OfficeLevel.PROVINCE,),
}

# The role its signing key declares (bundles/cards.py): offices receive teams' and communes' data.
KEY_ROLES = {
    ProfileKind.TEAM: "team",
    ProfileKind.COMMUNE: "team",
    ProfileKind.OFFICE: "office",
    ProfileKind.PROVINCE: "province",  # an office's rights, and it publishes catalogue releases
}


@dataclass(frozen=True)
class Profile:
    kind: ProfileKind
    name: str
    agency: Sector
    unit_list: str  # code of the unit list in force, e.g. LS-2025-07
    demo: bool = False
    office: OfficeChoice | None = None  # whose office this installation is (None: a team's)

    @property
    def complete(self) -> bool:
        return bool(self.name)


META_KIND = "profile_kind"  # also read by services/keys.py: an office profile makes an office key
_KEYS = (META_KIND, "person_name", "person_agency", "unit_list", OFFICE_UNIT, "demo")


def load_profile(workspace: Workspace) -> Profile:
    with workspace.database.reading() as session:
        repo = Repository(session)
        values = {key: repo.meta(key) for key in _KEYS}
        lists = repo.unit_list_records()
        default_list = ""
        today = workspace.today().isoformat()
        for row in lists:
            if row.valid_from <= today and (row.valid_to is None or today <= row.valid_to):
                default_list = row.code
        unit_list = values["unit_list"] or default_list
        code = values[OFFICE_UNIT] or ""
        office = find_choice(repo, unit_list, code) if code else None
    return Profile(
        kind=_kind_of(values[META_KIND]),
        name=values["person_name"] or "",
        agency=Sector(values["person_agency"] or Sector.LABOUR_SOCIAL_AFFAIRS.value),
        unit_list=unit_list,
        demo=values["demo"] == "1",
        office=office,
    )


def _kind_of(stored: str | None) -> ProfileKind:
    """The stored kind; an unknown one (a newer app's) reads as a team's laptop."""
    try:
        return ProfileKind(stored or ProfileKind.TEAM.value)
    except ValueError:
        return ProfileKind.TEAM


def office_choices(workspace: Workspace, kind: str, unit_list: str) -> list[OfficeChoice]:
    """The units whose office an installation of `kind` can be, in the unit list `unit_list`:
    communes for a commune; for an appraising office the districts (a list from 1 July 2025 has
    none: then the province); the province for the province office; none for a team's laptop."""
    levels = OFFICE_LEVELS.get(_kind_of(kind), ())
    with workspace.database.reading() as session:
        repo = Repository(session)
        for level in levels:
            found = choices_in(repo, unit_list, level)
            if found:
                return found
    return []


def shipped_office_choices(kind: str, unit_list: str) -> list[OfficeChoice]:
    """`office_choices` from the shipped unit lists, before any store exists (first start)."""
    from assessor_app.services.reference_data import shipped_unit_lists

    found = next((u for u in shipped_unit_lists() if u.code == unit_list), None)
    if found is None:
        return []
    for level in OFFICE_LEVELS.get(_kind_of(kind), ()):
        choices = choices_of(found, level)
        if choices:
            return choices
    return []


def _checked_office(repo: Repository, kind: ProfileKind, unit_list: str, office: str) -> str:
    """The office's unit code, checked against what `kind` can be (PROFILE_BAD_OFFICE); empty
    for a team's laptop or when none is given (the documents' default)."""
    office = clean(office)
    if kind is ProfileKind.TEAM or not office:
        return ""
    for level in OFFICE_LEVELS[kind]:
        found = choices_in(repo, unit_list, level)
        if found:
            if any(c.code == office for c in found):
                return office
            break
    raise InputError(
        "PROFILE_BAD_OFFICE",
        N_("'{code}' is not an office this installation can be with the unit list '{list}'."),
        code=office,
        list=unit_list,
    )


def save_profile(
    workspace: Workspace, kind: str, name: str, agency: str, unit_list: str, office: str = ""
) -> Profile:
    """Store the profile (audited); `office`: the unit code of the office (services/offices.py),
    empty for a team's laptop."""
    name = checked_clean(name, NAME)
    if not name:
        raise InputError("PROFILE_NAME_REQUIRED", N_("Please enter your name."))
    try:
        chosen_kind, chosen_agency = ProfileKind(kind), Sector(agency)
    except ValueError:
        raise InputError("PROFILE_BAD_FIELD", N_("Unknown profile or agency.")) from None

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        if not repo.has_unit_list(unit_list):
            raise InputError(
                "PROFILE_BAD_UNIT_LIST", N_("Unknown unit list '{code}'."), code=unit_list
            )
        old = {key: repo.meta(key) for key in _KEYS[:5]}
        new = {
            META_KIND: chosen_kind.value,
            "person_name": name,
            "person_agency": chosen_agency.value,
            "unit_list": unit_list,
            OFFICE_UNIT: _checked_office(repo, chosen_kind, unit_list, office),
        }
        for key, value in new.items():
            repo.set_meta(key, value)
        if old != new:
            repo.append_audit(
                STORE_CHAIN, workspace.clock(), name, "set_profile", "profile", old, new
            )

    workspace.database.run_in_transaction(_work)
    workspace.actor = name
    return load_profile(workspace)
