"""Which office this installation is, and the name documents are issued in.

The profile says what the installation is (services/profile.py: a team's laptop, a commune, an
appraising office, the province office) and which unit's office it is (`office_unit`: a commune,
a district while districts existed, or the province), picked from the unit list in force: a list
from 1 July 2025 names no district, so an appraising office is then the province's.

An office's reports (the summary, the appraisal) are issued in its name, from its agency and level:
"Sở Lao động - Thương binh và Xã hội" under the province's people's committee, "Phòng Lao động -
Thương binh và Xã hội" under a district's. An agency without a known name at that level, or a
profile without an office (stores made before), leaves the documents' default for the period
(services/recognition_authorities.py), as before.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from assessor_app.domain.catalogue import Sector
from assessor_app.domain.text import fold, nfc
from assessor_app.domain.units import UnitList
from assessor_app.reports.model import IssuingBody, Letter, Signature
from assessor_app.services.report_shaping import list_info
from assessor_app.storage.repository import Repository
from assessor_app.texts.documents import in_sentence

OFFICE_UNIT = "office_unit"  # meta key of the profile: the office's unit code


class OfficeLevel(enum.StrEnum):
    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"


@dataclass(frozen=True)
class OfficeChoice:
    """A unit whose office an installation can be: its code, its name ("Tỉnh Lạng Sơn")."""

    code: str
    name: str
    level: OfficeLevel


@dataclass(frozen=True)
class IssuingOffice:
    """The body a report is issued in the name of, as the letter's frame needs it."""

    body: str  # "Sở Y tế"
    parent: str  # "Ủy ban nhân dân tỉnh Lạng Sơn" ("" for a people's committee itself)
    symbol: str  # "BC-SYT": the number is "/BC-SYT" until registered
    signer: str  # "Giám đốc"
    addressee: str  # whom a province's report goes to ("" : the default)


# Bodies whose names and report symbols the documents already use (the periods' data and the
# summary's defaults); other agencies keep the default of the period.
_PROVINCE_BODIES = {
    Sector.LABOUR_SOCIAL_AFFAIRS: (
        "Sở Lao động - Thương binh và Xã hội",
        "BC-SLĐTBXH",
        "Giám đốc",
        "Bộ Lao động - Thương binh và Xã hội",
    ),
    Sector.HEALTH: ("Sở Y tế", "BC-SYT", "Giám đốc", "Bộ Y tế"),
}
_DISTRICT_BODIES = {
    Sector.LABOUR_SOCIAL_AFFAIRS: (
        "Phòng Lao động - Thương binh và Xã hội",
        "BC-LĐTBXH",
        "Trưởng phòng",
        "",
    ),
}


def choices_in(repo: Repository, list_code: str, level: OfficeLevel) -> list[OfficeChoice]:
    """The units of `level` in the unit list `list_code` (districts: none in a list from 1 July
    2025)."""
    document = repo.unit_list_document(list_code)
    if document is None:
        return []
    info = list_info(0, list_code, document)
    if level is OfficeLevel.PROVINCE:
        return [OfficeChoice(info.province_code, info.province_name, level)]
    if level is OfficeLevel.DISTRICT:
        return [OfficeChoice(c, n, level) for c, n in sorted(info.districts.items())]
    units = repo.units_in_list(list_code)
    return sorted(
        (OfficeChoice(u.code, nfc(u.name), level) for u in units), key=lambda c: fold(c.name)
    )


def choices_of(unit_list: UnitList, level: OfficeLevel) -> list[OfficeChoice]:
    """`choices_in` for a shipped unit list (the first-start questions come before the store)."""
    if level is OfficeLevel.PROVINCE:
        return [OfficeChoice(unit_list.province_code, nfc(unit_list.province_name), level)]
    if level is OfficeLevel.DISTRICT:
        return [OfficeChoice(c, nfc(n), level) for c, n in sorted(unit_list.districts)]
    return sorted(
        (OfficeChoice(u.code, nfc(u.name), level) for u in unit_list.units),
        key=lambda c: fold(c.name),
    )


def find_choice(repo: Repository, list_code: str, code: str) -> OfficeChoice | None:
    for level in OfficeLevel:
        found = next((c for c in choices_in(repo, list_code, level) if c.code == code), None)
        if found is not None:
            return found
    return None


def issuing_office(agency: Sector, office: OfficeChoice) -> IssuingOffice | None:
    """The body of `agency` at `office`'s level, named for `office`'s unit; None when the
    documents know no name for it (then they keep the period's default)."""
    where = in_sentence(office.name)
    if agency is Sector.COMMUNE_COMMITTEE:
        signer = "Chủ tịch"
        return IssuingOffice(f"Ủy ban nhân dân {where}", "", "BC-UBND", signer, "")
    bodies = {OfficeLevel.PROVINCE: _PROVINCE_BODIES, OfficeLevel.DISTRICT: _DISTRICT_BODIES}
    known = bodies.get(office.level, {}).get(agency)
    if known is None:
        return None
    body, symbol, signer, addressee = known
    return IssuingOffice(body, f"Ủy ban nhân dân {where}", symbol, signer, addressee)


def office_title(agency: Sector, office: OfficeChoice) -> str:
    """The office's name as a sentence says who issued something: "Sở Y tế tỉnh Lạng Sơn"; a
    body the documents do not know is named by its people's committee ("Ủy ban nhân dân tỉnh
    Lạng Sơn"), never by the bare unit ("Tỉnh Lạng Sơn")."""
    known = issuing_office(agency, office)
    where = in_sentence(office.name)
    if known is None:
        return f"Ủy ban nhân dân {where}"
    return known.body if not known.parent else f"{known.body} {where}"


def profile_office(repo: Repository) -> IssuingOffice | None:
    """The office this installation's profile names, as documents issue in its name; None for a
    team's laptop, a profile without an office (stores made before), or an unknown body."""
    if (repo.meta("profile_kind") or "team") == "team":
        return None
    code, list_code = repo.meta(OFFICE_UNIT) or "", repo.meta("unit_list") or ""
    office = find_choice(repo, list_code, code) if code else None
    if office is None:
        return None
    try:
        agency = Sector(repo.meta("person_agency") or "")
    except ValueError:
        return None
    return issuing_office(agency, office)


def office_for_area(repo: Repository, area: str) -> IssuingOffice | None:
    """The profile's office when it is the office of `area` (a district's or the province's
    name, as documents print it), else None: an office issues only for its own area."""
    code, list_code = repo.meta(OFFICE_UNIT) or "", repo.meta("unit_list") or ""
    office = find_choice(repo, list_code, code) if code else None
    if office is None or fold(office.name) != fold(area):
        return None
    return profile_office(repo)


def issued_by(letter: Letter, office: IssuingOffice | None) -> Letter:
    """A report's default frame issued in `office`'s name (None: unchanged); what the office
    entered for the report goes over this afterwards."""
    if office is None:
        return letter
    committee = not office.parent
    signature = Signature(
        office.signer, letter.signature.name, "TM. Ủy ban nhân dân" if committee else ""
    )
    return replace(
        letter,
        issuer=IssuingBody(office.body, office.parent),
        number=f"/{office.symbol}",
        signature=signature,
        addressee=office.addressee or letter.addressee,
    )
