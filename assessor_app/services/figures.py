"""Figures not stored (yet): parsing what the user types and scoring it live. Pure, no store;
re-exported by services/assessments.py, where the editor finds them."""

from __future__ import annotations

from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.values import Value, parse_text


def preview_score(
    catalogue: Catalogue, category: UnitCategory, values: dict[str, Value]
) -> ScoreResult:
    """Score figures that are not stored (yet): the live verdict while the user types."""
    return score(catalogue, category, values)


def parse_value(
    catalogue: Catalogue, indicator_code: str, text: str, justification: str = ""
) -> Value:
    """Parse and validate a typed value; raises InputError with the message to show inline."""
    indicator = catalogue.require_indicator(indicator_code)
    return parse_text(indicator, text, justification)
