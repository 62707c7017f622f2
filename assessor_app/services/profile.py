"""Who uses this installation: a profile (inspection team or reviewing office), a name, an agency,
and the unit list in force. Stored in the data folder, so it travels with the store."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import NAME, checked_clean
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository


class ProfileKind(enum.StrEnum):
    TEAM = "team"  # đoàn kiểm tra liên ngành
    OFFICE = "office"  # cơ quan thẩm định (district until 30/6/2025, province after)


@dataclass(frozen=True)
class Profile:
    kind: ProfileKind
    name: str
    agency: Sector
    unit_list: str  # code of the unit list in force, e.g. LS-2025-07
    demo: bool = False

    @property
    def complete(self) -> bool:
        return bool(self.name)


META_KIND = "profile_kind"  # also read by services/keys.py: an office profile makes an office key
_KEYS = (META_KIND, "person_name", "person_agency", "unit_list", "demo")


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
    return Profile(
        kind=ProfileKind(values[META_KIND] or ProfileKind.TEAM.value),
        name=values["person_name"] or "",
        agency=Sector(values["person_agency"] or Sector.LABOUR_SOCIAL_AFFAIRS.value),
        unit_list=values["unit_list"] or default_list,
        demo=values["demo"] == "1",
    )


def save_profile(
    workspace: Workspace, kind: str, name: str, agency: str, unit_list: str
) -> Profile:
    name = checked_clean(name, NAME)
    if not name:
        raise InputError("PROFILE_NAME_REQUIRED", N_("Please enter your name."))
    try:
        chosen_kind, chosen_agency = ProfileKind(kind), Sector(agency)
    except ValueError:
        raise InputError("PROFILE_BAD_FIELD", N_("Unknown profile or agency.")) from None
    with workspace.database.transaction() as session:
        repo = Repository(session)
        if not repo.has_unit_list(unit_list):
            raise InputError(
                "PROFILE_BAD_UNIT_LIST", N_("Unknown unit list '{code}'."), code=unit_list
            )
        old = {key: repo.meta(key) for key in _KEYS[:4]}
        new = {
            META_KIND: chosen_kind.value,
            "person_name": name,
            "person_agency": chosen_agency.value,
            "unit_list": unit_list,
        }
        for key, value in new.items():
            repo.set_meta(key, value)
        if old != new:
            repo.append_audit(
                STORE_CHAIN, workspace.clock(), name, "set_profile", "profile", old, new
            )
    workspace.actor = name
    return load_profile(workspace)
