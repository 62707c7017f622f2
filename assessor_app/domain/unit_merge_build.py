"""Building the shipped table of merges (domain/unit_merges.py) from its sources, without files:
packaging/build_unit_merges.py reads the reference's table and the unit lists and writes the JSON;
tests/unit/domain/test_unit_merge_build.py checks the shipped JSON is what this builds.

The 1 July 2025 round comes from the reference's table (one line per new unit, the old communes by
name and the old district as the source labels it). The 1 December 2024 round comes from the unit
lists (the codes LS-2020 has and LS-2025-01 lacks) and the examples the legal reference gives of
where they went; a removed code nobody says the target of stays without one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.text import clean
from assessor_app.domain.unit_merges import (
    MERGES_FORMAT,
    MERGES_FORMAT_VERSION,
    MatchKind,
    MergeRound,
    MergeRow,
    match_name,
    row_document,
    with_partial_marks,
)
from assessor_app.domain.units import UnitList

SOURCE_2025 = (
    "lang-son-2025-merges-secondary.csv (NQ 1672/NQ-UBTVQH15, item {item}; new code per "
    "QĐ 19/2025/QĐ-TTg), SECONDARY"
)
SOURCE_2024 = (
    "unit lists LS-2020 → LS-2025-01 (NQ 1246/NQ-UBTVQH15, in force 01/12/2024, "
    "in the lists from 01/01/2025)"
)


@dataclass(frozen=True)
class Known2024:
    """Where a commune removed in the 2024 round went, as a secondary source or the lists say."""

    old_name: str
    district: str
    new_name: str
    basis: str


# why a 2024 row says where the commune went (MergeRow.note; texts/unit_merges.py words them)
LEGAL_EXAMPLE = (
    "legal_example"  # an example in the legal reference (legal-status-2026.md), SECONDARY
)
INFERRED_FROM_LISTS = "inferred_from_lists"  # the lists: the code that remained took its name
TARGET_UNKNOWN = "target_unknown"  # the lists only show the code removed

KNOWN_2024 = (
    Known2024("Xã Vĩnh Tiến", "Tràng Định", "Xã Khánh Long", LEGAL_EXAMPLE),
    Known2024("Xã Đồng Giáp", "Văn Quan", "Xã Khánh Khê", LEGAL_EXAMPLE),
    Known2024("Xã Tràng Các", "Văn Quan", "Xã Khánh Khê", LEGAL_EXAMPLE),
    Known2024(
        "Thị trấn Thất Khê",
        "Tràng Định",
        "Thị trấn Thất Khê",
        INFERRED_FROM_LISTS,  # 06040 Xã Đại Đồng took the name when 05995 was removed
    ),
)


def _rows_2025(
    lines: Sequence[Mapping[str, str]], before: UnitList, after: UnitList
) -> list[MergeRow]:
    rows: list[MergeRow] = []
    units = list(before.units)
    for line in lines:
        item = int(line["item_no"])
        new_code = line["new_code_QD19_2025"].strip()
        if after.unit(new_code) is None:
            raise ValueError(f"item {item}: {new_code} is not in {after.code}")
        label = clean(line["old_district_label_in_source"])
        for position, old_name in enumerate(line["old_units_merged"].split(";"), start=1):
            found = match_name(old_name, label, units)
            rows.append(
                MergeRow(
                    row_id=f"2025-{item}.{position}",
                    round=MergeRound.JUL_2025,
                    item=item,
                    old_name=clean(old_name),
                    district_label=label,
                    old_code=found.unit.code if found.unit else None,
                    old_name_in_list=found.unit.name if found.unit else "",
                    match=found.kind,
                    candidates=found.candidates,
                    new_code=new_code,
                    new_name=clean(line["new_unit"]),
                    source_status=clean(line["verification"]),
                    source=SOURCE_2025.format(item=item),
                )
            )
    return with_partial_marks(rows)


def _rows_2024(before: UnitList, after: UnitList, known: Iterable[Known2024]) -> list[MergeRow]:
    kept = {u.code for u in after.units}
    removed = [u for u in before.units if u.code not in kept]
    by_code = {}
    for fact in known:
        old = match_name(fact.old_name, fact.district, list(before.units))
        new = match_name(fact.new_name, fact.district, list(after.units))
        if old.unit is None or new.unit is None:
            raise ValueError(
                f"2024 round: {fact.old_name} → {fact.new_name} does not match the lists"
            )
        by_code[old.unit.code] = (new.unit, fact.basis)
    rows = []
    for number, unit in enumerate(removed, start=1):
        target, basis = by_code.get(unit.code, (None, TARGET_UNKNOWN))
        rows.append(
            MergeRow(
                row_id=f"2024-{number}",
                round=MergeRound.DEC_2024,
                item=number,
                old_name=unit.name,
                district_label=unit.district_name,
                old_code=unit.code,
                old_name_in_list=unit.name,
                match=MatchKind.EXACT,
                candidates=(),
                new_code=target.code if target else None,
                new_name=target.name if target else "",
                source_status="secondary-unverified",
                source=SOURCE_2024,
                note=basis,
            )
        )
    return rows


def build_document(
    version: str,
    lines_2025: Sequence[Mapping[str, str]],
    lists: Mapping[str, UnitList],
    known_2024: Iterable[Known2024],
) -> dict[str, Any]:
    """The JSON document of the table: `lists` by code (LS-2020, LS-2025-01, LS-2025-07)."""
    rows = _rows_2024(lists["LS-2020"], lists["LS-2025-01"], known_2024) + _rows_2025(
        lines_2025, lists["LS-2025-01"], lists["LS-2025-07"]
    )
    return {
        "format": MERGES_FORMAT,
        "format_version": MERGES_FORMAT_VERSION,
        "version": version,
        "province": lists["LS-2025-07"].province_code,
        "status": "secondary-unverified",
        "note": (
            "Every row is unverified until a person confirms or corrects it in the app. "
            "Names matched to codes within the district the source names, exactly then without "
            "diacritics; rows without old_code or new_code are for a person to resolve."
        ),
        "unit_lists": sorted(lists),
        "rows": [row_document(r) for r in rows],
    }
