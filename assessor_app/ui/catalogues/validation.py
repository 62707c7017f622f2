"""Live validation of a catalogue document with the loader's own messages, each tied to the tree
node it is about so a click on the message selects that node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import CatalogueError
from assessor_app.services.catalogue_drafts import check_draft
from assessor_app.ui.catalogues.document_nodes import Node, locate


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    node: Node


def catalogue_of(document: dict[str, Any]) -> Catalogue | None:
    """The catalogue the document describes, or None while it does not validate."""
    try:
        return parse_catalogue(document)
    except CatalogueError:
        return None


def problems_of(document: dict[str, Any]) -> list[Problem]:
    """The drafts service's check (the first error, then each other criterion's first error), each
    problem tied to its node by the place the loader names."""
    problems = []
    for problem in check_draft(document):
        # Shown with its place ("TC2 / TC2.1 / band 2: …"), which also says which node it is.
        shown = f"{problem.location}: {problem.message}" if problem.location else problem.message
        problems.append(Problem(problem.code, shown, locate(document, shown)))
    return problems
