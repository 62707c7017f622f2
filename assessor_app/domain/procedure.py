"""The procedure of a regime as data (issue 14): its cycle, its steps (the commune's
self-assessment, the dossier, the appraisal, the decision), who acts at each step by period, the
documents of each step, and the reporting deadlines by period.

Each fact carries its status (`exact`, `secondary`, `not_verified`) and its source, as shipped in
`resources/procedure/` (read by domain/procedure_format.py); a value the province set instead has
the status `province` and the reason it gave. A not-verified value is never presented as official.

The questions answered here are pure: which regime applies on a day or to an evaluation year
(the one in force on the year's last day, as for catalogues), who acts at a step on a day, whether
a year is an evaluation year of the regime's cycle, which reports are due for a level and a year
and on which day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import period

EXACT = "exact"
SECONDARY = "secondary"
NOT_VERIFIED = "not_verified"
SHIPPED_STATUSES = (EXACT, SECONDARY, NOT_VERIFIED)
PROVINCE = "province"  # a value the province set over the shipped one (services/procedures.py)

STEPS = ("self_assessment", "dossier", "appraisal", "decision")
LEVELS = ("district", "province")
YEARLY = "yearly"
PLAN_YEARS = "plan_years"


@dataclass(frozen=True)
class Fact:
    """A value with its status and source; `reason` says why a default was chosen (or, for a
    value the province set, why it set it)."""

    value: str
    status: str
    source: str
    reason: str = ""

    @property
    def verified(self) -> bool:
        """Settled by a source or by the province: may be presented as the rule."""
        return self.status != NOT_VERIFIED

    @property
    def set_by_province(self) -> bool:
        return self.status == PROVINCE


@dataclass(frozen=True)
class Span:
    """A period of days; `valid_to` None: still in force."""

    valid_from: date
    valid_to: date | None

    def contains(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Actor:
    """Who acts at a step during `span`."""

    span: Span
    who: Fact


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    documents: tuple[Fact, ...]
    actors: tuple[Actor, ...]

    def actor_on(self, day: date) -> Actor | None:
        return next((a for a in self.actors if a.span.contains(day)), None)


@dataclass(frozen=True)
class Deadline:
    """A report due each evaluation year from a level (district, province) to the next, on
    `month`/`day` after the year's end (31 October), during `span`."""

    code: str
    level: str
    span: Span
    report: str
    reporter: str
    recipient: str
    month: int
    day: int
    status: str
    source: str
    reason: str = ""

    @property
    def fact(self) -> Fact:
        """The due day as a fact (written MM-DD as in the file: "11-30"), with its status and
        source; texts.dates.day_month writes it for people."""
        due = date(2001, self.month, self.day).isoformat()[5:]
        return Fact(due, self.status, self.source, self.reason)

    @property
    def verified(self) -> bool:
        return self.fact.verified

    def due_on(self, year: int) -> date:
        """The day the report of evaluation year `year` is due: the first such day after the
        year's last day (30 November 2024 for 2024; a day in January falls in the next year)."""
        last = period(year)[1]
        due = date(last.year, self.month, self.day)
        return due if due > last else date(last.year + 1, self.month, self.day)


@dataclass(frozen=True)
class Cycle:
    """When communes are evaluated: every year, or in the listed years of each plan of
    `plan_length` years counted from `plan_first_year` (QĐ 06: the 2nd and 4th year)."""

    kind: str
    month: int
    status: str
    source: str
    reason: str = ""
    plan_first_year: int = 0
    plan_length: int = 0
    plan_years: tuple[int, ...] = ()

    def evaluates(self, year: int) -> bool:
        if self.kind == YEARLY:
            return True
        return (year - self.plan_first_year) % self.plan_length + 1 in self.plan_years


@dataclass(frozen=True)
class AuthorityPeriod:
    """Who appraises and decides during `span`, in the words a decision uses
    (services/recognition_authorities.py reads the fields; placeholders {district}, {province})."""

    span: Span
    status: str
    source: str
    reason: str
    fields: tuple[tuple[str, str], ...]
    recipients: tuple[str, ...]

    def field(self, name: str) -> str:
        return dict(self.fields)[name]


@dataclass(frozen=True)
class Regime:
    code: str
    version: str
    title: str
    notes: str
    span: Span
    bases: tuple[Fact, ...]
    cycle: Cycle
    steps: tuple[Step, ...]
    deadlines: tuple[Deadline, ...]
    authorities: tuple[AuthorityPeriod, ...]

    def step(self, code: str) -> Step:
        for step in self.steps:
            if step.code == code:
                return step
        raise NotFoundError(
            "PROCEDURE_NO_STEP",
            N_("The procedure {regime} has no step '{step}'; its steps: {steps}."),
            regime=self.code,
            step=code,
            steps=", ".join(s.code for s in self.steps),
        )

    def deadlines_on(self, day: date) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.span.contains(day))

    def deadline_for(self, level: str, year: int) -> Deadline | None:
        """The report due from `level` for evaluation year `year` (None: nothing due, as a
        district after the 2025 reform)."""
        found = [d for d in self.deadlines if d.level == level and d.span.contains(d.due_on(year))]
        return found[0] if found else None

    def with_steps(self, steps: Iterable[Step]) -> Regime:
        return replace(self, steps=tuple(steps))

    def with_deadlines(self, deadlines: Iterable[Deadline]) -> Regime:
        return replace(self, deadlines=tuple(deadlines))


def regime_on(regimes: Iterable[Regime], day: date) -> Regime:
    """The regime in force on `day`."""
    found = [r for r in regimes if r.span.contains(day)]
    if not found:
        raise NotFoundError(
            "PROCEDURE_NONE_IN_FORCE",
            N_("No procedure is in force on {day}."),
            day=day.isoformat(),
        )
    return max(found, key=lambda r: r.span.valid_from)


def regime_for_year(regimes: Iterable[Regime], year: int) -> Regime:
    """The regime of evaluation year `year`: the one in force on its last day (31 October)."""
    return regime_on(regimes, period(year)[1])


def find_regime(regimes: Iterable[Regime], code: str) -> Regime:
    listed = list(regimes)
    for regime in listed:
        if regime.code.casefold() == code.strip().casefold():
            return regime
    raise NotFoundError(
        "PROCEDURE_NOT_FOUND",
        N_("There is no procedure '{code}'; the procedures: {codes}."),
        code=code,
        codes=", ".join(r.code for r in listed),
    )


def parse_due_day(text: str) -> tuple[int, int]:
    """A due day typed as DD/MM ("30/11"): (month, day). 29 February is refused (not every year
    has it)."""
    parts = text.strip().split("/")
    try:
        day, month = (int(p) for p in parts)
        date(2023, month, day)  # a year without 29 February
    except ValueError:
        raise InputError(
            "PROCEDURE_BAD_DAY",
            N_("'{text}' is not a day of the year written DD/MM (as 30/11)."),
            text=text,
        ) from None
    return month, day
