"""Plausible figures for a sample commune, for the catalogue editor's preview (issue 15).

Read-only: the demo commune's figures where the catalogue is the demo's standard and its
indicator still reads them, otherwise a figure in each indicator's best band, so the preview
starts from a commune that earns the maximum and the office can lower figures to see the bands.
"""

from __future__ import annotations

import math
from fractions import Fraction

from assessor_app.domain.catalogue import (
    Catalogue,
    CountRule,
    Direction,
    Indicator,
    RateRule,
    YesNoRule,
)
from assessor_app.domain.errors import InputError
from assessor_app.domain.values import (
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
    parse_text,
)
from assessor_app.services import demo

DEMO_CATALOGUE = "QD06-2019"
SAMPLE_JUSTIFICATION = "Số liệu mẫu để xem thử bộ tiêu chí"
_SAMPLE_DENOMINATOR = 200


def sample_values(catalogue: Catalogue) -> dict[str, Value]:
    """A value for every indicator of `catalogue`."""
    demo_texts: dict[str, tuple[str, str]] = {}
    if catalogue.code == DEMO_CATALOGUE:
        # The demo's own figures (services/demo.py), so the preview shows a commune users know.
        demo_texts = {code: (text, "") for code, text in demo._COMPLETE_QD06.items()}
        demo_texts.update(demo._MANUAL_QD06)
    values: dict[str, Value] = {}
    for indicator in catalogue.indicators():
        known = demo_texts.get(indicator.code)
        if known is not None:
            try:
                values[indicator.code] = parse_text(indicator, *known)
                continue
            except InputError:
                pass  # the edited rule no longer reads the demo figure: use its best band
        values[indicator.code] = best_band_value(indicator)
    return values


def best_band_value(indicator: Indicator) -> Value:
    rule = indicator.rule
    if isinstance(rule, RateRule):
        return RateValue(_numerator_in(rule), _SAMPLE_DENOMINATOR)
    if isinstance(rule, CountRule):
        return CountValue(0)
    if isinstance(rule, YesNoRule):
        return YesNoValue(True)
    return ManualValue(indicator.max_points, SAMPLE_JUSTIFICATION)


def _numerator_in(rule: RateRule) -> int:
    """The numerator (of 200) whose rate falls in the first band, as near its threshold as can be."""
    top = rule.bands[0]
    exact = top.threshold * _SAMPLE_DENOMINATOR / rule.scale
    if rule.direction is Direction.HIGHER_IS_BETTER:
        numerator = math.ceil(exact)
        if not top.inclusive and Fraction(numerator) == exact:
            numerator += 1
        return min(numerator, _SAMPLE_DENOMINATOR)
    numerator = math.floor(exact)
    if not top.inclusive and Fraction(numerator) == exact:
        numerator -= 1
    return max(numerator, 0)
