"""The merges of communes across the reforms, and how an old commune rolls up into a unit of today.

Lạng Sơn merged communes on 1 December 2024 (applied in the unit lists from 1 January 2025) and
again on 1 July 2025, into 65 units without districts. The mapping is shipped as data
(resources/units/merges/, built by packaging/build_unit_merges.py from the reference's table and
the unit lists): one row per old commune and the unit it went into. Every row is secondary and
unverified until a person confirms or corrects it (services/unit_merges.py); a roll-up says which
of the rows it went through were not verified.

Names in the source are matched to codes within the district the source names: first exactly
(letters and diacritics; upper and lower case alike), then without diacritics, and only when one
commune of that district matches. A name that matches none, or several, is left without a code
for a person to resolve: never guessed.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import clean, fold
from assessor_app.domain.units import AdminUnit

MERGES_FORMAT = "assessor-unit-merges"
MERGES_FORMAT_VERSION = 1


class MergeRound(enum.StrEnum):
    """The two rounds: the unit lists before each are LS-2020 and LS-2025-01."""

    DEC_2024 = "2024-12"
    JUL_2025 = "2025-07"


class MatchKind(enum.StrEnum):
    EXACT = "exact"
    NO_DIACRITICS = "no_diacritics"
    NONE = "none"


class SourceFlag(enum.StrEnum):
    """What the reference says of a row's source (its `verification` column)."""

    UNVERIFIED = "unverified"
    QUOTED = "quoted"  # the resolution's text quoted by a secondary source (items 33, 34)
    INCONSISTENT = "inconsistent"  # the source lists a commune twice (items 42, 43)


class ReviewStatus(enum.StrEnum):
    UNVERIFIED = "unverified"
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"


@dataclass(frozen=True)
class MergeRow:
    """One old commune and the unit it went into, as the source says.

    `old_code` None: the source's name matched no commune (or several) of its district; the
    `candidates` are communes of the same name elsewhere in the province, for a person to choose
    from (never applied). `new_code` None: the source does not say where the commune went.
    `partial`: only part of the commune went into this unit (the source lists it twice)."""

    row_id: str
    round: MergeRound
    item: int
    old_name: str
    district_label: str
    old_code: str | None
    old_name_in_list: str
    match: MatchKind
    candidates: tuple[str, ...]
    new_code: str | None
    new_name: str
    source_status: str
    source: str
    partial: bool = False
    note: str = ""

    @property
    def resolved(self) -> bool:
        return self.old_code is not None and self.new_code is not None

    @property
    def district(self) -> str:
        """The old district as the source labels it, without the reference's remark."""
        return self.district_label.split(" (", 1)[0]

    @property
    def district_doubtful(self) -> bool:
        """The reference doubts the source's district label (items 26, 27, 39)."""
        return "doubtful" in self.district_label

    @property
    def source_flag(self) -> SourceFlag:
        if "INCONSISTENT" in self.source_status:
            return SourceFlag.INCONSISTENT
        if "CONFIRMED" in self.source_status:
            return SourceFlag.QUOTED
        return SourceFlag.UNVERIFIED


@dataclass(frozen=True)
class Review:
    """A person's word on a row: confirmed as shipped, or corrected (the old commune, the unit)."""

    row_id: str
    status: ReviewStatus
    reason: str
    by: str
    at: str
    corrected_old: str | None = None
    corrected_new: str | None = None


@dataclass(frozen=True)
class ReviewedRow:
    """A shipped row with the person's review applied (`row` is as shipped)."""

    row: MergeRow
    review: Review | None

    @property
    def status(self) -> ReviewStatus:
        return self.review.status if self.review else ReviewStatus.UNVERIFIED

    @property
    def verified(self) -> bool:
        return self.review is not None

    @property
    def old_code(self) -> str | None:
        corrected = self.review.corrected_old if self.review else None
        return corrected or self.row.old_code

    @property
    def new_code(self) -> str | None:
        corrected = self.review.corrected_new if self.review else None
        return corrected or self.row.new_code

    @property
    def resolved_now(self) -> bool:
        """It names the old commune's code and the unit (after any correction)."""
        return self.old_code is not None and self.new_code is not None


def apply_reviews(rows: Iterable[MergeRow], reviews: Mapping[str, Review]) -> list[ReviewedRow]:
    return [ReviewedRow(row, reviews.get(row.row_id)) for row in rows]


# --- matching names to codes

_EXPLICIT_DISTRICT = re.compile(
    r"^(?P<name>.*?)\s*\((?:huyện|thành phố|tp)\s+(?P<district>[^)]*)\)$", re.I
)
_DISTRICT_PREFIXES = ("huyện ", "thành phố ", "tp ", "thị xã ")


def district_key(label: str) -> str:
    """A district's name without its type and without the source's remarks in brackets:
    "Huyện Lộc Bình", "Lộc Bình (label doubtful: …)" → "lộc bình"; "TP Lạng Sơn" → "lạng sơn"."""
    text = clean(label).split(" (", 1)[0].casefold()
    for prefix in _DISTRICT_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def split_district(name: str, label: str) -> tuple[str, str]:
    """The name and the district to look in: "Xã Mẫu Sơn (huyện Lộc Bình)" names its own district."""
    found = _EXPLICIT_DISTRICT.match(clean(name))
    if found:
        return clean(found["name"]), found["district"]
    return clean(name), label


@dataclass(frozen=True)
class NameMatch:
    unit: AdminUnit | None
    kind: MatchKind
    candidates: tuple[str, ...] = ()


def match_name(name: str, district_label: str, units: Sequence[AdminUnit]) -> NameMatch:
    """The commune called `name` in the district `district_label` of `units` (module docstring)."""
    wanted, label = split_district(name, district_label)
    in_district = [u for u in units if district_key(u.district_name) == district_key(label)]
    exact = [u for u in in_district if u.name.casefold() == wanted.casefold()]
    if len(exact) == 1:
        return NameMatch(exact[0], MatchKind.EXACT)
    loose = [u for u in in_district if fold(u.name) == fold(wanted)]
    if len(loose) == 1 and not exact:
        return NameMatch(loose[0], MatchKind.NO_DIACRITICS)
    elsewhere = tuple(u.code for u in units if fold(u.name) == fold(wanted))
    return NameMatch(None, MatchKind.NONE, elsewhere)


# --- rolling up


@dataclass(frozen=True)
class Rollup:
    """Where an old commune is today: `targets` (several when it was split), the rows it went
    through, and whether each of them was verified by a person. Empty `targets`: the mapping does
    not say (a code removed in a round the mapping lacks, or a row without a target)."""

    code: str
    targets: tuple[str, ...]
    rows: tuple[ReviewedRow, ...]

    @property
    def verified(self) -> bool:
        return all(r.verified for r in self.rows)

    @property
    def resolved(self) -> bool:
        return bool(self.targets)

    @property
    def partial(self) -> bool:
        return any(r.row.partial for r in self.rows)


class MergeMap:
    """The reviewed rows, by round and old code: what `rollup` walks."""

    def __init__(self, rows: Iterable[ReviewedRow]) -> None:
        self._by_round: dict[MergeRound, dict[str, list[ReviewedRow]]] = {r: {} for r in MergeRound}
        for row in rows:
            if row.old_code is not None:
                self._by_round[row.row.round].setdefault(row.old_code, []).append(row)

    def _step(
        self, round_: MergeRound, codes: tuple[str, ...], keep_unlisted: bool
    ) -> tuple[tuple[str, ...], list[ReviewedRow]]:
        targets: list[str] = []
        used: list[ReviewedRow] = []
        for code in codes:
            rows = self._by_round[round_].get(code)
            if not rows:
                if keep_unlisted:
                    targets.append(code)
                continue
            used.extend(rows)
            targets.extend(r.new_code for r in rows if r.new_code is not None)
        return tuple(dict.fromkeys(targets)), used

    def rollup(self, code: str) -> Rollup:
        """A commune of a list before July 2025: through the 2024 round (a commune it did not
        touch keeps its code), then 2025's (every commune of the list before July 2025 is in it:
        one no row names stays unplaced, even when today's unit has its code)."""
        after_2024, used_2024 = self._step(MergeRound.DEC_2024, (code,), keep_unlisted=True)
        targets, used_2025 = self._step(MergeRound.JUL_2025, after_2024, keep_unlisted=False)
        return Rollup(code, targets, tuple(used_2024 + used_2025))


# --- the shipped file


def _row(raw: Mapping[str, Any]) -> MergeRow:
    return MergeRow(
        row_id=raw["id"],
        round=MergeRound(raw["round"]),
        item=int(raw["item"]),
        old_name=clean(raw["old_name"]),
        district_label=clean(raw["district_label"]),
        old_code=raw.get("old_code"),
        old_name_in_list=clean(raw.get("old_name_in_list") or ""),
        match=MatchKind(raw["match"]),
        candidates=tuple(raw.get("candidates", ())),
        new_code=raw.get("new_code"),
        new_name=clean(raw.get("new_name") or ""),
        source_status=raw["source_status"],
        source=raw["source"],
        partial=bool(raw.get("partial", False)),
        note=clean(raw.get("note") or ""),
    )


def row_document(row: MergeRow) -> dict[str, Any]:
    return {
        "id": row.row_id,
        "round": row.round.value,
        "item": row.item,
        "old_name": row.old_name,
        "district_label": row.district_label,
        "old_code": row.old_code,
        "old_name_in_list": row.old_name_in_list,
        "match": row.match.value,
        "candidates": list(row.candidates),
        "new_code": row.new_code,
        "new_name": row.new_name,
        "source_status": row.source_status,
        "source": row.source,
        "partial": row.partial,
        "note": row.note,
    }


@dataclass(frozen=True)
class MergeTable:
    version: str
    province_code: str
    rows: tuple[MergeRow, ...]
    unmatched: tuple[str, ...]

    def row(self, row_id: str) -> MergeRow | None:
        return next((r for r in self.rows if r.row_id == row_id), None)


def parse_merge_table(document: Any) -> MergeTable:
    if not isinstance(document, dict) or document.get("format") != MERGES_FORMAT:
        raise InputError("MERGES_FORMAT", N_("This file is not a table of unit merges."))
    if document.get("format_version") != MERGES_FORMAT_VERSION:
        raise InputError(
            "MERGES_FORMAT_VERSION",
            N_("Unit merge table format version {version} is not supported."),
            version=document.get("format_version"),
        )
    rows = tuple(_row(raw) for raw in document["rows"])
    return MergeTable(
        version=document["version"],
        province_code=document["province"],
        rows=rows,
        unmatched=tuple(r.row_id for r in rows if not r.resolved),
    )


def with_partial_marks(rows: Sequence[MergeRow]) -> list[MergeRow]:
    """A commune the 2025 round lists under two units went partly into each (the source says
    "một phần" only in the unit lists): both rows are marked partial."""
    seen: dict[str, int] = {}
    for row in rows:
        if row.round is MergeRound.JUL_2025 and row.old_code:
            seen[row.old_code] = seen.get(row.old_code, 0) + 1
    return [
        replace(row, partial=True)
        if row.round is MergeRound.JUL_2025 and row.old_code and seen[row.old_code] > 1
        else row
        for row in rows
    ]
