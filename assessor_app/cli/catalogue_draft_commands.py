"""`catalogue draft ...`: catalogue drafts and the draft → published lifecycle
(services/catalogue_drafts.py). Apart from reference_commands so that `catalogue list` loads
neither this nor openpyxl."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.catalogue_xlsx_commands import report_cell_errors
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, provisional_warning
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.errors import NotFoundError
from assessor_app.i18n import _
from assessor_app.services import catalogue_drafts, reference_data
from assessor_app.services.catalogue_drafts import DraftProblem, DraftRecord, check_draft
from assessor_app.services.catalogue_sheet_reading import CellErrors
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, labels


def cmd_catalogue_draft(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        return _run(workspace, args)
    finally:
        workspace.close()


def _run(workspace: Workspace, args: argparse.Namespace) -> int:
    action = args.draft_action
    if action in ("new", "import-xlsx"):
        return _start(workspace, args)
    if action == "list":
        drafts = catalogue_drafts.list_drafts(workspace)
        if args.json:
            emit_json([_json(d) for d in drafts])
            return OK
        if not drafts:
            line(_("No catalogue drafts."))
        for d in drafts:
            state = _("valid") if not check_draft(d.document) else _("not valid yet")
            saved = dates.stamp(d.updated_at)
            line(f"{d.id:>4}  {d.code or '-':<12} {d.version or '-':<22} {saved}  {state}")
        return OK
    if action == "show":
        draft = catalogue_drafts.get_draft(workspace, args.id)
        if args.json:
            emit_json(_json(draft))
            return OK
        line(f"{draft.id}  {draft.code or '-'} {draft.version or '-'} — {draft.title_vi or '-'}")
        line(_("Started from: {source}").format(source=_source(workspace, draft.based_on)))
        line(
            _("Last saved {at} by {by}.").format(
                at=dates.stamp(draft.updated_at), by=draft.updated_by
            )
        )
        _problems(check_draft(draft.document))
        return OK
    if action == "export-xlsx":
        catalogue = catalogue_drafts.export_draft_xlsx(workspace, args.id, args.out)
        line(
            _("Draft {id} ({code} {version}) written to {path}.").format(
                id=args.id, code=catalogue.code, version=catalogue.version, path=args.out
            )
        )
        return OK
    if action == "publish":
        catalogue = catalogue_drafts.publish_draft(workspace, args.id)
        line(
            _("Catalogue {code} {version} published, hash {hash}; it can no longer change.").format(
                code=catalogue.code, version=catalogue.version, hash=catalogue.content_hash
            )
        )
        provisional_warning(catalogue, full=True)  # said once, when it matters: whole titles
        return OK
    catalogue_drafts.delete_draft(workspace, args.id)
    line(_("Draft {id} deleted.").format(id=args.id))
    return OK


def _start(workspace: Workspace, args: argparse.Namespace) -> int:
    """`draft new` and `draft import-xlsx`: a table's unreadable cells are listed, all of them."""
    try:
        draft = (
            catalogue_drafts.new_draft(workspace, args.code, args.version)
            if args.draft_action == "new"
            else catalogue_drafts.new_draft_from_xlsx(workspace, args.file)
        )
    except CellErrors as errors:
        return report_cell_errors(errors)
    line(
        _("Draft {id} started: {code} {version}.").format(
            id=draft.id, code=draft.code or "-", version=draft.version or "-"
        )
    )
    _problems(check_draft(draft.document))
    return OK


def _source(workspace: Workspace, based_on: str | None) -> str:
    """The catalogue a draft was started from, by its code and version in words (its hash only
    when it is no longer in this store)."""
    if not based_on:
        return _("an XLSX table")
    try:
        source = reference_data.catalogue(workspace, based_on)
    except NotFoundError:
        return _("a catalogue no longer in this store ({hash})").format(hash=based_on[:12])
    return f"{source.code}, {labels.catalogue_version(source.version, i18n.language())}"


def _problems(problems: list[DraftProblem]) -> None:
    if not problems:
        line(_("The draft is a valid catalogue: it can be published."))
        return
    line(_("Not valid yet:"))
    for p in problems:
        line(f"  - {p.location}: {p.message}" if p.location else f"  - {p.message}")


def _json(draft: DraftRecord) -> dict[str, Any]:
    problems = check_draft(draft.document)
    data: dict[str, Any] = {
        "id": draft.id,
        "code": draft.code,
        "version": draft.version,
        "title_vi": draft.title_vi,
        "based_on": draft.based_on,
        "created_at": draft.created_at,
        "created_by": draft.created_by,
        "updated_at": draft.updated_at,
        "updated_by": draft.updated_by,
        "valid": not problems,
        "problems": [
            {"code": p.code, "location": p.location, "message": p.message} for p in problems
        ],
    }
    return data
