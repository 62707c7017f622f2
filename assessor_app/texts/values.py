"""An indicator value in its stored JSON form, as people write it: "1.957/2.000", "Có", "3",
"60 điểm" — in the history, the import plan and the conflicts of a held bundle, on screen and in
the command line alike."""

from __future__ import annotations

import json
from typing import Any

from assessor_app.domain.text import nfc
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
