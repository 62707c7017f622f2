"""The criteria catalogue: a versioned, sourced description of how a commune is scored.

A catalogue is data (see docs/catalogue-format.md). Every criterion, indicator, band and recognition
condition carries a `status` saying how far its value is known to match the legal text:
`exact` (wording seen verbatim), `secondary` (a reliable paraphrase) or `provisional` (a reasoned
placeholder until the province enters the official value). Outputs must never present a provisional
value as official, so the model exposes which parts are provisional.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from assessor_app.domain.errors import N_, InputError


class Status(enum.StrEnum):
    EXACT = "exact"
    SECONDARY = "secondary"
    PROVISIONAL = "provisional"

    @property
    def rank(self) -> int:
        """Higher is better known; the status of a whole is the lowest rank of its parts."""
        return {"exact": 2, "secondary": 1, "provisional": 0}[self.value]


def weakest(statuses: list[Status]) -> Status:
    return min(statuses, key=lambda s: s.rank) if statuses else Status.EXACT


class Sector(enum.StrEnum):
    """The agency responsible for a criterion's figures (who enters them in the team)."""

    COMMUNE_COMMITTEE = "commune_committee"
    LABOUR_SOCIAL_AFFAIRS = "labour_social_affairs"
    JUSTICE = "justice"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    CULTURE = "culture"
    YOUTH_UNION = "youth_union"
    WOMEN_UNION = "women_union"


class UnitCategory(enum.StrEnum):
    """The categories the recognition thresholds distinguish (QĐ 06/2019 wording)."""

    WARD_CENTRAL_CITY = "ward_central_city"
    MOUNTAIN_ISLAND_DIFFICULT = "mountain_island_difficult"
    OTHER = "other"


class Direction(enum.StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class RuleKind(enum.StrEnum):
    RATE = "rate"
    YES_NO = "yes_no"
    COUNT = "count"
    MANUAL = "manual"


@dataclass(frozen=True)
class Sourced:
    """Provenance shared by every scored part."""

    status: Status
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class RateBand:
    """`rate >= threshold` (or `>`) for higher-is-better, `rate <= threshold` (or `<`) otherwise."""

    threshold: Fraction
    inclusive: bool
    points: int
    provenance: Sourced

    def matches(self, rate: Fraction, direction: Direction) -> bool:
        if direction is Direction.HIGHER_IS_BETTER:
            return rate >= self.threshold if self.inclusive else rate > self.threshold
        return rate <= self.threshold if self.inclusive else rate < self.threshold


@dataclass(frozen=True)
class CountBand:
    """`count <= max_count` earns `points`."""

    max_count: int
    points: int
    provenance: Sourced


@dataclass(frozen=True)
class RateRule:
    direction: Direction
    bands: tuple[RateBand, ...]
    scale: int = 100  # 100: a percentage (tỷ lệ); 1000: per thousand children (tỷ suất)
    otherwise_points: int = 0
    # What a zero denominator means: "max" (nothing to do, e.g. no child needing help), "zero", or
    # "error" (the figure must exist, e.g. the number of births).
    empty_denominator: str = "error"
    numerator_label_vi: str = ""
    denominator_label_vi: str = ""

    kind = RuleKind.RATE


@dataclass(frozen=True)
class YesNoRule:
    points_yes: int
    points_no: int = 0

    kind = RuleKind.YES_NO


@dataclass(frozen=True)
class CountRule:
    bands: tuple[CountBand, ...]
    otherwise_points: int = 0
    count_label_vi: str = ""

    kind = RuleKind.COUNT


@dataclass(frozen=True)
class ManualRule:
    """Points judged by the team within [0, max], always with a written justification."""

    kind = RuleKind.MANUAL


Rule = RateRule | YesNoRule | CountRule | ManualRule


@dataclass(frozen=True)
class Indicator:
    code: str
    title_vi: str
    max_points: int
    rule: Rule
    provenance: Sourced
    title_en: str = ""
    criterion_code: str = ""

    @property
    def kind(self) -> RuleKind:
        return self.rule.kind

    @functools.cached_property
    def effective_status(self) -> Status:
        # Cached (the catalogue never changes): scoring asks for it of every part at every score.
        parts = [self.provenance.status]
        if isinstance(self.rule, RateRule | CountRule):
            parts += [band.provenance.status for band in self.rule.bands]
        return weakest(parts)


@dataclass(frozen=True)
class Criterion:
    code: str
    title_vi: str
    max_points: int
    sector: Sector
    indicators: tuple[Indicator, ...]
    provenance: Sourced
    title_en: str = ""

    @functools.cached_property
    def effective_status(self) -> Status:
        return weakest([self.provenance.status, *(i.effective_status for i in self.indicators)])


class ConditionKind(enum.StrEnum):
    MIN_TOTAL_BY_CATEGORY = "min_total_by_category"
    NO_CRITERION_ZERO = "no_criterion_zero"
    ALL_INDICATORS_ASSESSED = "all_indicators_assessed"
    CRITERION_MIN_POINTS = "criterion_min_points"


@dataclass(frozen=True)
class Condition:
    """A recognition condition; `params` depend on the kind (see catalogue_format)."""

    id: str
    kind: ConditionKind
    provenance: Sourced
    thresholds: dict[UnitCategory, int] = field(default_factory=dict)
    threshold_status: dict[UnitCategory, Status] = field(default_factory=dict)
    criterion: str = ""
    min_points: int = 0
    title_vi: str = ""

    @functools.cached_property
    def effective_status(self) -> Status:
        return weakest([self.provenance.status, *self.threshold_status.values()])


@dataclass(frozen=True)
class LegalBasis:
    number: str
    title_vi: str
    issued: date | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    code: str
    version: str
    title_vi: str
    legal_basis: LegalBasis
    effective_from: date
    effective_to: date | None
    max_total: int
    criteria: tuple[Criterion, ...]
    conditions: tuple[Condition, ...]
    content_hash: str
    title_en: str = ""
    publisher: str = ""
    notes_vi: str = ""

    def indicator(self, code: str) -> Indicator | None:
        return self._indicators().get(code)

    def require_indicator(self, code: str) -> Indicator:
        """The indicator with this code, or the input error every caller gives for an unknown one."""
        found = self._indicators().get(code)
        if found is None:
            raise InputError(
                "VAL_UNKNOWN_INDICATOR",
                N_("Catalogue {catalogue} has no indicator {indicator}."),
                catalogue=self.code,
                indicator=code,
            )
        return found

    def criterion(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)

    def indicators(self) -> list[Indicator]:
        return [i for c in self.criteria for i in c.indicators]

    def _indicators(self) -> dict[str, Indicator]:
        return self._by_code

    @functools.cached_property
    def _by_code(self) -> dict[str, Indicator]:
        # Built once per catalogue (it never changes): every value parsed and scored looks up
        # its indicator here.
        return {i.code: i for i in self.indicators()}

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def provisional_parts(self) -> list[str]:
        """Codes of every criterion, indicator and condition whose value is provisional."""
        return list(self._provisional)

    @functools.cached_property
    def _provisional(self) -> tuple[str, ...]:
        codes: list[str] = []
        for crit in self.criteria:
            if crit.effective_status is Status.PROVISIONAL:
                codes.append(crit.code)
            codes += [i.code for i in crit.indicators if i.effective_status is Status.PROVISIONAL]
        codes += [c.id for c in self.conditions if c.effective_status is Status.PROVISIONAL]
        return tuple(codes)

    @property
    def status(self) -> Status:
        return weakest(
            [c.effective_status for c in self.criteria]
            + [c.effective_status for c in self.conditions]
        )
