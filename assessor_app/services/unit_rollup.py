"""Old communes rolled up into the 65 units of July 2025, through the merge table
(services/unit_merges.py): where one old commune is today, and a year's results seen both ways.

Historical assessments are never rewritten: they keep the commune, name and code they were made
for, and the historical view shows them so. The rolled-up view groups them under the unit each
went into, with the results of the parts as they were, and says how many of a unit's parts were
recognised: a merged unit is never itself called recognised (`texts.unit_merges.rollup_rule`).
Every part that went through a row nobody has verified is marked so."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from assessor_app.domain.errors import N_, NotFoundError
from assessor_app.domain.evaluation import period
from assessor_app.domain.text import clean
from assessor_app.domain.unit_merges import MergeMap, Rollup
from assessor_app.services.report_data import summary_data
from assessor_app.services.unit_merges import CURRENT_LIST, merge_rows, shipped_merge_table
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository

ROLLUP_RULE = "recognised_share_of_old_communes"


class PartResult(enum.StrEnum):
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    NOT_COUNTED = "not_counted"  # not assessed, not finalised, held... (`why` says)


@dataclass(frozen=True)
class Part:
    """An old commune as it was in the year, and its result (historical: never rewritten)."""

    code: str
    name: str
    result: PartResult
    why: str  # why it is not counted, in the summary's words; empty otherwise
    verified: bool  # every merge row it went through was confirmed or corrected by a person
    partial: bool  # only part of it went into the unit


@dataclass(frozen=True)
class UnitRollup:
    code: str
    name: str
    parts: tuple[Part, ...]

    @property
    def counted(self) -> int:
        return sum(p.result is not PartResult.NOT_COUNTED for p in self.parts)

    @property
    def recognised(self) -> int:
        return sum(p.result is PartResult.RECOGNISED for p in self.parts)

    @property
    def share(self) -> Fraction | None:
        """Recognised parts in per cent of all its parts (None without parts)."""
        return Fraction(self.recognised * 100, len(self.parts)) if self.parts else None

    @property
    def verified(self) -> bool:
        return all(p.verified for p in self.parts)


@dataclass(frozen=True)
class YearRollup:
    """`units`: the 65 units, each with its parts (the historical view is the parts as listed);
    `unresolved`: old communes the table cannot place (for a person to resolve)."""

    year: int
    units: tuple[UnitRollup, ...]
    unresolved: tuple[Part, ...]
    rule: str = ROLLUP_RULE

    @property
    def unverified_parts(self) -> int:
        return sum(not p.verified for u in self.units for p in u.parts)


def _current_units(repo: Repository) -> dict[str, str]:
    return {u.code: u.name for u in repo.units_in_list(CURRENT_LIST)}


def rollup_of(workspace: Workspace, code: str) -> Rollup:
    """Where the commune with `code` is since July 2025: a unit of today's list only is itself;
    a code of an earlier list goes through the merge table."""
    code = clean(code)
    with workspace.database.reading() as session:
        known = Repository(session).unit_records_with_code(code)
    if not known:
        raise NotFoundError(
            "UNIT_NOT_FOUND", N_("There is no administrative unit with code '{code}'."), code=code
        )
    if all(u.list_code == CURRENT_LIST for u in known):
        return Rollup(code, (code,), ())
    return MergeMap(merge_rows(workspace)).rollup(code)


def _part(code: str, name: str, result: PartResult, why: str, rollup: Rollup) -> Part:
    return Part(code, name, result, why, rollup.verified, rollup.partial)


def year_rollup(workspace: Workspace, year: int) -> YearRollup:
    """The province's results of evaluation `year` (the summary's figures), rolled up. A year
    whose list is today's needs no table: each unit is its own only part."""
    data = summary_data(workspace, shipped_merge_table().province_code, year)
    with workspace.database.reading() as session:
        repo = Repository(session)
        current = _current_units(repo)
        listing = repo.unit_list_valid_on(period(year)[1])
    merges = MergeMap(merge_rows(workspace))
    today = listing is not None and listing.code == CURRENT_LIST
    parts: dict[str, list[Part]] = {code: [] for code in current}
    unresolved: list[Part] = []
    seen = [
        (c.code, c.name, PartResult.RECOGNISED if c.recognized else PartResult.NOT_RECOGNISED, "")
        for c in data.communes
    ] + [(e.code, e.name, PartResult.NOT_COUNTED, e.reason_text) for e in data.excluded]
    for code, name, result, why in sorted(seen):
        rollup = Rollup(code, (code,), ()) if today else merges.rollup(code)
        part = _part(code, name, result, why, rollup)
        if not rollup.resolved:
            unresolved.append(part)
        for target in rollup.targets:
            parts.setdefault(target, []).append(part)
    units = tuple(
        UnitRollup(code, current.get(code, code), tuple(parts[code])) for code in sorted(parts)
    )
    return YearRollup(year, units, tuple(unresolved))
