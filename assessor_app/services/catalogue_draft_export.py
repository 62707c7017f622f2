"""Exporting a catalogue draft to the XLSX template (issue 15, the catalogues screen): the same
sheets as a stored catalogue's export, for a draft that validates (a sheet is only written for a
catalogue the loader accepts, as services/catalogue_xlsx.py does)."""

from __future__ import annotations

from pathlib import Path

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.services import catalogue_drafts, catalogue_xlsx
from assessor_app.services.workspace import Workspace


def export_draft_xlsx(workspace: Workspace, draft_id: int, out: str | Path) -> Catalogue:
    document = catalogue_drafts.get_draft(workspace, draft_id).document
    catalogue = parse_catalogue(document)  # a draft that does not validate says why
    catalogue_xlsx._write(Path(out), catalogue_xlsx.workbook_bytes(document))  # same atomic write
    return catalogue
