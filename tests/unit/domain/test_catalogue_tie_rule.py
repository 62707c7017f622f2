"""The catalogue in force for a year when two have the same dates: the services' rank decides
(domain/evaluation.catalogue_for_year), never the order they are given in."""

from __future__ import annotations

import pytest

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.evaluation import catalogue_for_year
from tests.unit.domain.test_units_and_years import make_catalogue

SHIPPED = make_catalogue("SHIPPED", "2019-03-25")
IMPORTED = make_catalogue("IMPORTED", "2019-03-25")
PUBLISHED = make_catalogue("PUBLISHED", "2019-03-25")
NEWER_DATES = make_catalogue("NEWER", "2024-01-01")
# origin rank, order loaded (as services/catalogue_preference.py gives them)
RANKS = {"SHIPPED": (0, 9), "IMPORTED": (1, 5), "PUBLISHED": (2, 1), "NEWER": (0, 2)}


def _rank(catalogue: Catalogue) -> tuple[int, ...]:
    return RANKS[catalogue.code]


@pytest.mark.parametrize(
    ("given", "year", "expected"),
    [
        ([SHIPPED, PUBLISHED], 2020, "PUBLISHED"),
        ([PUBLISHED, SHIPPED], 2020, "PUBLISHED"),
        ([SHIPPED, IMPORTED], 2020, "IMPORTED"),
        ([IMPORTED, PUBLISHED, SHIPPED], 2020, "PUBLISHED"),
        # Dates first: a shipped catalogue that took effect later wins over a published older one.
        ([PUBLISHED, NEWER_DATES], 2024, "NEWER"),
        ([PUBLISHED, NEWER_DATES], 2023, "PUBLISHED"),
    ],
)
def test_a_tie_of_dates_goes_to_the_highest_rank(
    given: list[Catalogue], year: int, expected: str
) -> None:
    assert catalogue_for_year(given, year, rank=_rank).code == expected


def test_then_the_newest_loaded_among_equal_origins() -> None:
    ranks = {"A": (2, 3), "B": (2, 7)}
    first, second = make_catalogue("A", "2019-03-25"), make_catalogue("B", "2019-03-25")
    for given in ([first, second], [second, first]):
        assert catalogue_for_year(given, 2020, rank=lambda c: ranks[c.code]).code == "B"


def test_without_a_rank_the_first_given_wins_a_tie_as_before() -> None:
    assert catalogue_for_year([SHIPPED, PUBLISHED], 2020).code == "SHIPPED"
