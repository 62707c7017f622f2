"""Live validation of a catalogue document with the loader's own messages, each tied to the tree
node it is about so a click on the message selects that node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app import i18n
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import CatalogueError
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
    try:
        parse_catalogue(document)
    except CatalogueError as error:
        message = i18n.render(error)
        return [Problem(error.code, message, locate(document, message))]
    return []
