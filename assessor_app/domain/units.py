"""Administrative units (đơn vị hành chính) and their lists over time.

A unit list is valid for a period (Lạng Sơn: 2014–2019, 2020–2024, Jan–Jun 2025, from July 2025).
Commune codes are the statistics office's and survive renames, so an assessment names its commune by
code and the list it was taken from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assessor_app.domain.catalogue import UnitCategory
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import clean, fold

UNITS_FORMAT = "assessor-units"
UNITS_FORMAT_VERSION = 1


class UnitType(enum.StrEnum):
    COMMUNE = "xa"
    WARD = "phuong"
    TOWNSHIP = "thi_tran"


def unit_type_from_name(name: str) -> UnitType:
    """The type is the first word(s) of the official name: "Thị trấn Đồng Đăng" → thị trấn."""
    key = fold(name)
    if key.startswith("phuong "):
        return UnitType.WARD
    if key.startswith("thi tran "):
        return UnitType.TOWNSHIP
    return UnitType.COMMUNE


def default_category(unit_type: UnitType, mountainous_province: bool) -> UnitCategory:
    """QĐ 06/2019 groups: communes and townships of mountainous areas count as mountainous; wards
    of a province (not a centrally-run city) fall in "the rest". The user corrects this per unit
    (e.g. a lowland commune, or a ward of a centrally-run city)."""
    if unit_type is UnitType.WARD:
        return UnitCategory.OTHER
    return UnitCategory.MOUNTAIN_ISLAND_DIFFICULT if mountainous_province else UnitCategory.OTHER


@dataclass(frozen=True)
class AdminUnit:
    code: str
    name: str
    unit_type: UnitType
    list_code: str
    district_code: str = ""
    district_name: str = ""
    default_category: UnitCategory = UnitCategory.OTHER
    merged_from: tuple[str, ...] = ()

    def search_key(self) -> str:
        return fold(f"{self.code} {self.name} {self.district_name}")


@dataclass(frozen=True)
class UnitList:
    code: str
    title_vi: str
    province_code: str
    province_name: str
    valid_from: date
    valid_to: date | None
    units: tuple[AdminUnit, ...]
    districts: tuple[tuple[str, str], ...] = ()
    source: str = ""
    legal_basis: str = ""
    mountainous_province: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, start: date, end: date) -> bool:
        return self.valid_from <= end and (self.valid_to is None or start <= self.valid_to)

    def unit(self, code: str) -> AdminUnit | None:
        return next((u for u in self.units if u.code == code), None)


def search(units: list[AdminUnit], text: str) -> list[AdminUnit]:
    """Units whose code, name or district contain every word of `text`, with or without diacritics.

    "Huu Lung" finds "Hữu Lũng"; an exact code match comes first, then matches on the unit's own
    name, then units matched through their district's name.
    """
    words = fold(text).split()
    if not words:
        return []
    hits = [u for u in units if all(w in u.search_key() for w in words)]

    def rank(unit: AdminUnit) -> tuple[bool, bool, str, str]:
        # exact code first, then units whose own name matches, then those matched by district
        name = fold(unit.name)
        return (unit.code != text.strip(), not all(w in name for w in words), name, unit.code)

    return sorted(hits, key=rank)


def parse_unit_list(document: Any) -> UnitList:
    """Build a UnitList from the JSON document shipped in resources/units (format in docs/)."""
    if not isinstance(document, dict) or document.get("format") != UNITS_FORMAT:
        raise InputError("UNITS_FORMAT", N_("This file is not a unit list."))
    if document.get("format_version") != UNITS_FORMAT_VERSION:
        raise InputError(
            "UNITS_FORMAT_VERSION",
            N_("Unit list format version {version} is not supported."),
            version=document.get("format_version"),
        )
    code = clean(document["code"])
    mountainous = bool(document.get("province", {}).get("mountainous", False))
    districts = {d["code"]: clean(d["name"]) for d in document.get("districts", [])}
    units = []
    for raw in document["communes"]:
        name = clean(raw["name"])
        unit_type = UnitType(raw["type"]) if "type" in raw else unit_type_from_name(name)
        district = raw.get("district") or ""
        units.append(
            AdminUnit(
                code=raw["code"],
                name=name,
                unit_type=unit_type,
                list_code=code,
                district_code=district,
                district_name=districts.get(district, ""),
                default_category=default_category(unit_type, mountainous),
                merged_from=tuple(raw.get("merged_from", [])),
            )
        )
    valid_to = document.get("valid_to")
    return UnitList(
        code=code,
        title_vi=clean(document.get("title_vi", code)),
        province_code=document["province"]["code"],
        province_name=clean(document["province"]["name"]),
        valid_from=date.fromisoformat(document["valid_from"]),
        valid_to=date.fromisoformat(valid_to) if valid_to else None,
        units=tuple(units),
        districts=tuple(districts.items()),
        source=clean(document.get("source", "")),
        legal_basis=clean(document.get("legal_basis", "")),
        mountainous_province=mountainous,
    )
