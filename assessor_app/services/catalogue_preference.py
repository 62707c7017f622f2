"""Which stored catalogue speaks for a code, and which wins a tie of dates (issue 15).

The shipped catalogues hold provisional parts; once the province publishes the official text of
the same code (services/catalogue_drafts.py), or a team receives it, that one must be used even if
an app update later loads a corrected shipped file. So stored catalogues are ranked by origin
first (published or released over imported over shipped), then by the order they were loaded
(newest wins). The domain's `catalogue_for_year` takes this rank for catalogues with equal dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.errors import N_, NotFoundError
from assessor_app.domain.evaluation import catalogue_for_year
from assessor_app.domain.text import clean
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import CatalogueRecord
from assessor_app.storage.repository import Repository

# "release": a catalogue the province published elsewhere, received in a signed release
# (services/catalogue_release_import.py).
ORIGIN_RANK = {"shipped": 0, "imported": 1, "published": 2, "release": 2}


def preference(row: CatalogueRecord) -> tuple[int, int]:
    """Higher is preferred: the origin's rank, then the newest loaded."""
    return ORIGIN_RANK.get(row.origin, 0), row.id


def preferred(rows: Iterable[CatalogueRecord], code: str) -> CatalogueRecord | None:
    """The catalogue that speaks for `code`, or None when none is stored."""
    return max((r for r in rows if r.code == code), key=preference, default=None)


def preferred_per_code(rows: Iterable[CatalogueRecord]) -> list[CatalogueRecord]:
    """One catalogue per code (the preferred one), by code."""
    best: dict[str, CatalogueRecord] = {}
    for row in rows:
        if row.code not in best or preference(row) > preference(best[row.code]):
            best[row.code] = row
    return [best[code] for code in sorted(best)]


def in_force_for_year(
    workspace: Workspace, rows: Sequence[CatalogueRecord], year: int
) -> tuple[CatalogueRecord, Catalogue]:
    """The catalogue in force for `year` among the preferred one of each code, ties of dates
    broken by `preference`."""
    chosen_rows = preferred_per_code(rows)
    ranks = {r.content_hash: preference(r) for r in chosen_rows}
    catalogues = [workspace.catalogue_of(r) for r in chosen_rows]
    chosen = catalogue_for_year(catalogues, year, rank=lambda c: ranks[c.content_hash])
    return next(r for r in chosen_rows if r.content_hash == chosen.content_hash), chosen


def ranked_latest(workspace: Workspace, rows: Sequence[CatalogueRecord]) -> list[Catalogue]:
    """The preferred catalogue of each code, most preferred first (for callers that pick the
    first of equals, such as `catalogue_for_year` without a rank)."""
    chosen_rows = sorted(preferred_per_code(rows), key=preference, reverse=True)
    return [workspace.catalogue_of(r) for r in chosen_rows]


def stored_with_origin(workspace: Workspace) -> list[tuple[Catalogue, str]]:
    """Every stored catalogue with its origin (shipped, imported, published), by code, oldest
    loaded first."""
    with workspace.database.reading() as session:
        rows = Repository(session).catalogue_records()
    return [(workspace.catalogue_of(r), r.origin) for r in rows]


def named(rows: Sequence[CatalogueRecord], spec: str) -> list[CatalogueRecord]:
    """The stored catalogues `spec` names: CODE (every version), CODE@VERSION (as `catalogue
    publish` takes it) or a content hash; none is an error listing what is known."""
    wanted, _at, version = clean(spec).upper().partition("@")
    matching = [
        r
        for r in rows
        if (r.code == wanted and (not version or r.version.upper() == version))
        or r.content_hash == spec
    ]
    if not matching:
        raise NotFoundError(
            "CATALOGUE_NOT_FOUND",
            N_("There is no criteria catalogue '{code}'. Known: {known}."),
            code=spec,
            known=", ".join(sorted({f"{r.code}@{r.version}" for r in rows})) or "-",
        )
    return matching
