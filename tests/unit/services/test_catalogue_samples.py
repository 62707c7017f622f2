"""The catalogue editor's sample commune (services/catalogue_samples.py): the demo commune's
figures for the demo's standard, else a figure in each indicator's best band (hand-computed)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.catalogue import UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.scoring import score
from assessor_app.domain.values import RateValue
from assessor_app.services.catalogue_samples import best_band_value, sample_values

CATALOGUES = Path(__file__).resolve().parents[3] / "resources" / "catalogues"


def _document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((CATALOGUES / name).read_text(encoding="utf-8"))
    return loaded


def test_the_demo_standard_gets_the_demo_commune_s_figures() -> None:
    catalogue = parse_catalogue(_document("qd06-2019.json"))
    values = sample_values(catalogue)
    assert values["TC2.1"] == RateValue(49, 50)  # services/demo.py
    assert set(values) == {i.code for i in catalogue.indicators()}
    result = score(catalogue, UnitCategory.OTHER, values)
    assert result.total == 855  # the demo's finalised assessment
    assert result.recognized


def test_another_standard_starts_at_every_maximum() -> None:
    catalogue = parse_catalogue(_document("qd34-2014.json"))
    result = score(catalogue, UnitCategory.OTHER, sample_values(catalogue))
    assert result.total == catalogue.max_total


@pytest.mark.parametrize(
    ("direction", "scale", "threshold", "inclusive", "numerator"),
    [
        ("higher_is_better", 100, 98, True, 196),  # 196/200 = 98 %
        ("higher_is_better", 100, 98, False, 197),  # above 98 %: 98.5 %
        ("higher_is_better", 100, 97.3, True, 195),  # 194.6 rounded up
        ("lower_is_better", 100, 2, False, 3),  # below 2 %: 1.5 %
        ("lower_is_better", 1000, 5, True, 1),  # 1/200 = 5 ‰
        ("lower_is_better", 100, 0, False, 0),  # nothing below 0: the best there is
    ],
)
def test_a_rate_in_the_best_band(
    direction: str, scale: int, threshold: float, inclusive: bool, numerator: int
) -> None:
    document = _document("qd06-2019.json")
    indicator = document["criteria"][1]["indicators"][0]
    indicator.update(direction=direction, scale=scale, otherwise_points=0)
    indicator["bands"] = [{"threshold": threshold, "inclusive": inclusive, "points": 75}]
    catalogue = parse_catalogue(copy.deepcopy(document))
    assert best_band_value(catalogue.require_indicator("TC2.1")) == RateValue(numerator, 200)
