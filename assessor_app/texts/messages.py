"""Messages with codes in their parameters, said in words: the reasons a commune is not recognised.

`i18n.render(item, language)` translates any error or reason; the reasons of a score also name a
category of unit (a code) and numbers of points, which read as labels and numbers here.
"""

from __future__ import annotations

from dataclasses import replace

from assessor_app.domain.catalogue import UnitCategory
from assessor_app.domain.scoring import Reason
from assessor_app.domain.text import nfc
from assessor_app.i18n import gettext_in, render
from assessor_app.texts import labels, numbers
from assessor_app.texts.documents import lower_first

_NUMBER_PARAMS = ("total", "threshold", "points", "min_points")


def reason(item: Reason, language: str, mark_provisional: bool = True) -> str:
    """A failed recognition condition: the category in words, the points as numbers, and (unless
    the caller says it otherwise) a mark when the condition is provisional."""
    params = dict(item.params)
    if params.get("category") in {c.value for c in UnitCategory}:
        # inside the sentence, in parentheses: "(xã, thị trấn thuộc miền núi…)"
        params["category"] = lower_first(labels.unit_category(params["category"], language))
    for key in _NUMBER_PARAMS:
        value = params.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            params[key] = numbers.number(value, language)
    text = render(replace(item, params=params), language)
    if item.provisional and mark_provisional:
        text += " " + gettext_in("(provisional condition — not the official value)", language)
    return nfc(text)
