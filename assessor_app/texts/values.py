"""Indicator values as people write them: the figures entered with their result ("1.957/2.000 =
97,9 %", "Có", "0 trường hợp", "60 điểm — giải trình: …") as the dossier and the command line
print them, and a value in its stored JSON form ("1.957/2.000", "Có", "60 điểm") as the history
and the conflicts of a held bundle show it."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from assessor_app.domain.catalogue import Indicator, RateRule
from assessor_app.domain.text import nfc
from assessor_app.domain.values import CountValue, ManualValue, RateValue, Value, YesNoValue
from assessor_app.i18n import gettext_in
from assessor_app.texts import labels, numbers

NONE = "—"


def stored(raw: Any, language: str) -> str:
    """`raw` as people write it; a form this does not know is shown as its JSON (never hidden)."""
    if raw is None:
        return NONE
    if isinstance(raw, bool):
        return labels.yes_no(raw, language)
    if isinstance(raw, int | float):
        return numbers.plain(raw, language, max_places=4)
    if isinstance(raw, str):
        return nfc(raw)
    if isinstance(raw, dict):
        numerator, denominator = raw.get("numerator"), raw.get("denominator")
        if isinstance(numerator, int) and isinstance(denominator, int):
            return numbers.fraction(numerator, denominator, language)
        if isinstance(raw.get("points"), int):
            return numbers.points(raw["points"], language)
    return nfc(json.dumps(raw, ensure_ascii=False, sort_keys=True))


def figures(indicator: Indicator, value: Value | None, language: str) -> str:
    """The figures entered and what they come to: "1.957/2.000 = 97,9 %" (the rate as precise as
    the indicator's thresholds need), "Có", "0 trường hợp", "60 điểm — giải trình: …"."""
    if value is None:
        return gettext_in("No figures yet", language)
    if isinstance(value, RateValue):
        rule = indicator.rule
        assert isinstance(rule, RateRule)
        entered = numbers.fraction(value.numerator, value.denominator, language)
        if value.denominator == 0:
            return gettext_in("{figures} — no case in the period", language).format(figures=entered)
        rate = Fraction(value.numerator * rule.scale, value.denominator)
        shown = numbers.rate(rate, rule.scale, language, (band.threshold for band in rule.bands))
        return f"{entered} = {shown}"
    if isinstance(value, YesNoValue):
        return labels.yes_no(value.answer, language)
    if isinstance(value, CountValue):
        return numbers.cases(value.count, language)
    assert isinstance(value, ManualValue)
    points = numbers.points(value.points, language)
    justification = nfc(value.justification).strip()
    if justification:
        return gettext_in("{points} — justification: {text}", language).format(
            points=points, text=justification
        )
    return points
