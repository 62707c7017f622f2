"""Scoring without a store: `assessor-app score FILE.json` (reproducible from shipped data alone)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.text import clean, shorten
from assessor_app.domain.units import AdminUnit
from assessor_app.domain.values import Value, parse_json
from assessor_app.services.files import read_json
from assessor_app.services.reference_data import (
    load_catalogue_file,
    shipped_catalogues,
    shipped_unit_lists,
)


@dataclass(frozen=True)
class ScoreOutcome:
    catalogue: Catalogue
    result: ScoreResult
    commune: AdminUnit | None


# The keys a score request may hold (docs/cli.md, "score"); the rest is refused, as a bundle's
# documents are, so that a misspelt key ("valeus") is not silently ignored.
_REQUEST_KEYS = ("catalogue", "unit_category", "commune", "values")
_TEXT_KEYS = ("catalogue", "unit_category", "commune")


def _check_shape(request: dict[str, Any]) -> None:
    unknown = [key for key in request if key not in _REQUEST_KEYS]
    if unknown:
        raise InputError(
            "SCORE_UNKNOWN_KEY",
            N_("The score request has an unknown key '{key}'; the keys are: {allowed}."),
            key=shorten(unknown[0]),
            allowed=", ".join(_REQUEST_KEYS),
        )
    for key in _TEXT_KEYS:
        if key in request and not isinstance(request[key], str):
            raise InputError(
                "SCORE_NOT_TEXT",
                N_("In the score request, '{key}' must be text in quotes."),
                key=key,
            )


def _category(request: dict[str, Any]) -> tuple[UnitCategory, AdminUnit | None]:
    if "commune" in request:
        code = clean(request["commune"])
        found = [u for listing in shipped_unit_lists() for u in listing.units if u.code == code]
        if not found:
            raise NotFoundError(
                "UNIT_NOT_FOUND",
                N_("There is no administrative unit with code '{code}'."),
                code=shorten(code),
            )
        unit = found[-1]
        if "unit_category" not in request:
            return unit.default_category, unit
    else:
        unit = None
    raw = request["unit_category"]
    try:
        return UnitCategory(raw), unit
    except ValueError:
        raise InputError(
            "UNIT_BAD_CATEGORY",
            N_("Unknown unit category '{category}'; use one of: {allowed}."),
            category=shorten(raw),
            allowed=", ".join(c.value for c in UnitCategory),
        ) from None


def score_request(request: Any, catalogue_file: str | Path | None = None) -> ScoreOutcome:
    if not isinstance(request, dict):
        raise InputError("SCORE_BAD_REQUEST", N_("The score request must be a JSON object."))
    _check_shape(request)
    if catalogue_file is not None:
        catalogue = load_catalogue_file(catalogue_file)
    else:
        wanted = clean(request.get("catalogue", "")).upper()
        if not wanted:
            raise InputError("SCORE_BAD_REQUEST", N_("The score request must name a 'catalogue'."))
        known = shipped_catalogues()
        matching = [c for c in known if c.code == wanted]
        if not matching:
            raise NotFoundError(
                "CATALOGUE_NOT_FOUND",
                N_("There is no criteria catalogue '{code}'. Known: {known}."),
                code=shorten(wanted),
                known=", ".join(sorted(c.code for c in known)),
            )
        catalogue = matching[-1]
    if "unit_category" not in request and "commune" not in request:
        raise InputError(
            "SCORE_BAD_REQUEST", N_("The score request must give 'unit_category' or 'commune'.")
        )
    category, unit = _category(request)
    raw_values = request.get("values", {})
    if not isinstance(raw_values, dict):
        raise InputError("SCORE_BAD_REQUEST", N_("'values' must be an object of indicator codes."))
    values: dict[str, Value] = {}
    for code, raw in raw_values.items():
        indicator = catalogue.require_indicator(clean(code))
        values[indicator.code] = parse_json(indicator, raw)
    return ScoreOutcome(catalogue, score(catalogue, category, values), unit)


def score_file(path: str | Path, catalogue_file: str | Path | None = None) -> ScoreOutcome:
    return score_request(read_json(path), catalogue_file)
