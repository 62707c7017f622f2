"""Live validation of a catalogue draft: the loader's messages, translated, with where each is.

The loader (domain/catalogue_format.parse_catalogue) stops at its first error. To show more than
one while the province office types, each criterion is also checked on its own, wrapped in a
minimal catalogue around it: its errors carry the same location ("TC3 / TC3.2 / band 1") as the
whole catalogue's would. Pure and fast (a few parses of a small document): the editor calls it on
every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.domain.catalogue_format import FORMAT_NAME, FORMAT_VERSION, parse_catalogue
from assessor_app.domain.errors import CatalogueError
from assessor_app.i18n import render


@dataclass(frozen=True)
class DraftProblem:
    """One message of the loader, ready to show."""

    code: str  # the loader's code, e.g. CAT_BANDS_ORDER
    message: str  # translated, in the app's language
    location: str  # where inside the catalogue: "TC3 / TC3.2 / band 1"


def check_draft(document: dict[str, Any]) -> list[DraftProblem]:
    """[] when the loader accepts `document`; otherwise its messages, first error first, then the
    other criteria's errors found by checking each criterion on its own."""
    try:
        parse_catalogue(document)
    except CatalogueError as error:
        first = _problem(error)
    else:
        return []
    problems = [first]
    for found in _criterion_errors(document):
        problem = _problem(found)
        if problem not in problems:
            problems.append(problem)
    return problems


def _problem(error: CatalogueError) -> DraftProblem:
    where = str(error.params.get("where", ""))
    # The location without the catalogue's own code: the editor shows the catalogue already.
    parts = where.split(" / ")
    location = " / ".join(parts[1:]) if len(parts) > 1 else ""
    # The message without its leading "where:", which `location` carries (shown beside it).
    mark = "\x00"
    text = render(CatalogueError(error.code, error.template, **{**error.params, "where": mark}))
    text = text.removeprefix(f"{mark}: ").replace(mark, location or where)
    return DraftProblem(error.code, text[:1].upper() + text[1:], location)


def _criterion_errors(document: dict[str, Any]) -> list[CatalogueError]:
    criteria = document.get("criteria") if isinstance(document, dict) else None
    if not isinstance(criteria, list) or len(criteria) < 2:
        return []  # none, or one: the whole catalogue's error already names it
    code = document.get("code")
    code = code if isinstance(code, str) and code.strip() else "catalogue"
    errors = []
    for raw in criteria:
        try:
            parse_catalogue(_wrapped(code, raw))
        except CatalogueError as error:
            errors.append(error)
    return errors


def _wrapped(code: str, criterion: Any) -> dict[str, Any]:
    """A minimal valid catalogue around one criterion, so that only the criterion can fail."""
    points = criterion.get("max_points") if isinstance(criterion, dict) else None
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "code": code,
        "version": "-",
        "title_vi": "-",
        "legal_basis": {"number": "-", "title_vi": "-"},
        "effective_from": "2000-01-01",
        "max_total": points if isinstance(points, int) and not isinstance(points, bool) else 0,
        "criteria": [criterion],
        "recognition": [{"id": "-", "kind": "all_indicators_assessed", "status": "exact"}],
    }
