"""The evaluation year: year Y runs from 1 November of Y-1 to 31 October of Y (QĐ 34/2014, Điều 3).

The catalogue in force for year Y is the one in force on the last day of that period; the 2019 year,
which some provinces still assessed under QĐ 34 with the ministry's transitional guidance, can name
its catalogue explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.errors import N_, InputError, NotFoundError

FIRST_YEAR = 2000
LAST_YEAR = 2100


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            "YEAR_OUT_OF_RANGE",
            N_("The evaluation year must be between {first} and {last}, not {year}."),
            first=FIRST_YEAR,
            last=LAST_YEAR,
            year=year,
        )
    return year


def period(year: int) -> tuple[date, date]:
    """First and last day of evaluation year `year`."""
    check_year(year)
    return date(year - 1, 11, 1), date(year, 10, 31)


def year_of(day: date) -> int:
    """The evaluation year a day belongs to."""
    return day.year + 1 if day.month >= 11 else day.year


def catalogue_for_year(
    catalogues: Iterable[Catalogue],
    year: int,
    rank: Callable[[Catalogue], tuple[int, ...]] | None = None,
) -> Catalogue:
    """Of the catalogues in force on the year's last day, the one that took effect last; between
    catalogues with the same dates, the highest `rank` (the services rank the official text
    published by the province over an imported file over the shipped provisional one, then the
    newest loaded: services/catalogue_preference.py). Without a rank, the first given wins a tie."""
    _, last_day = period(year)
    candidates = [c for c in catalogues if c.in_force_on(last_day)]
    if not candidates:
        raise NotFoundError(
            "CATALOGUE_NONE_IN_FORCE",
            N_(
                "No criteria catalogue is in force for the evaluation year {year}; name one with --catalogue."
            ),
            year=year,
        )
    return max(candidates, key=lambda c: (c.effective_from, rank(c) if rank else ()))


def year_to_assess(day: date) -> int:
    """The evaluation year people work on at `day`: in November and December, the year that has
    just ended on 31 October (the month of the assessments); otherwise the year in progress.
    Both come to the calendar year of `day`."""
    return day.year
