"""Catalogue drafts and the draft → published lifecycle (issue 15).

A draft is a catalogue being written, kept even while it does not validate (work in progress).
Publishing checks it with the loader, refuses a version already stored under its code, stores it
as an immutable catalogue of origin "published" and removes the draft; only the province office
publishes (it enters the official text); on a shared store, making, saving and deleting a draft
is the publishers' work too (services/permissions.py). A stored catalogue never changes (a trigger
refuses it, migration 0018): changing one means a new draft with a new version. Every change is
audited on the store's chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app.core.canonical import canonical_json, canonical_sha256, normalise
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import clean
from assessor_app.services import permissions
from assessor_app.services.catalogue_draft_checks import DraftProblem, check_draft
from assessor_app.services.profile import ProfileKind, load_profile
from assessor_app.services.reference_data import catalogue as stored_catalogue
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.catalogue_drafts import StoredDraft
from assessor_app.storage.repository import STORE_CHAIN, Repository

__all__ = [
    "DraftProblem",
    "DraftRecord",
    "check_draft",
    "delete_draft",
    "export_draft_xlsx",
    "get_draft",
    "list_drafts",
    "new_draft",
    "new_draft_from_xlsx",
    "publish_draft",
    "save_draft",
]

PUBLISHED = "published"


@dataclass(frozen=True)
class DraftRecord:
    id: int
    code: str
    version: str
    title_vi: str
    based_on: str | None  # content hash of the catalogue it was started from
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    document: dict[str, Any]  # the catalogue document (docs/catalogue-format.md), maybe invalid


def _record(row: StoredDraft) -> DraftRecord:
    return DraftRecord(
        row.id,
        row.code,
        row.version,
        row.title_vi,
        row.based_on,
        row.created_at,
        row.created_by,
        row.updated_at,
        row.updated_by,
        json.loads(row.document),
    )


def _field(document: dict[str, Any], key: str) -> str:
    value = document.get(key)
    return clean(value) if isinstance(value, str) else ""


def _normalised(document: object) -> dict[str, Any]:
    """The draft document in NFC, as JSON can hold it (the editor may send anything)."""
    try:
        value = normalise(document)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise InputError(
            "CAT_DRAFT_NOT_JSON", N_("A catalogue draft must be a JSON object (a document).")
        )
    return value


def _require(repo: Repository, draft_id: int) -> StoredDraft:
    row = repo.catalogue_draft(draft_id)
    if row is None:
        raise NotFoundError(
            "CAT_DRAFT_NOT_FOUND", N_("There is no catalogue draft {id}."), id=draft_id
        )
    return row


def _check_version_free(repo: Repository, code: str, version: str) -> None:
    taken = [r for r in repo.catalogue_records() if r.code == code and r.version == version]
    if taken:
        raise InputError(
            "CAT_VERSION_TAKEN",
            N_(
                "Catalogue {code} already has a version '{version}', and a stored catalogue never "
                "changes; give the draft a new version."
            ),
            code=code,
            version=version,
        )


def list_drafts(ws: Workspace) -> list[DraftRecord]:
    with ws.database.reading() as session:
        return [_record(row) for row in Repository(session).catalogue_drafts()]


def get_draft(ws: Workspace, draft_id: int) -> DraftRecord:
    with ws.database.reading() as session:
        return _record(_require(Repository(session), draft_id))


def _add(ws: Workspace, document: dict[str, Any], based_on: str | None) -> DraftRecord:
    now = ws.clock()

    def _work(session: WriteSession) -> DraftRecord:
        repo = Repository(session)
        permissions.require(ws, repo, Duty.PUBLISH)
        row = repo.add_catalogue_draft(
            _field(document, "code"),
            _field(document, "version"),
            _field(document, "title_vi"),
            based_on,
            canonical_json(document).decode("utf-8"),
            ws.actor,
            now,
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            ws.actor,
            "new_catalogue_draft",
            f"catalogue:{row.code or '-'}",
            None,
            {"version": row.version, "content_hash": based_on, "draft": row.id},
        )
        return _record(row)

    return ws.database.run_in_transaction(_work)


def new_draft(ws: Workspace, from_catalogue: str, version: str) -> DraftRecord:
    """A draft copying a stored catalogue (its code or content hash), with a new version."""
    version = clean(version)
    if not version:
        raise InputError(
            "CAT_DRAFT_NO_VERSION", N_("Give the new version of the catalogue (e.g. 2026.1).")
        )
    source = stored_catalogue(ws, from_catalogue)
    with ws.database.reading() as session:
        repo = Repository(session)
        _check_version_free(repo, source.code, version)
        row = repo.catalogue_record_by_hash(source.content_hash)
        assert row is not None  # just found by the same hash
        document = json.loads(row.document)
    document["version"] = version
    return _add(ws, _normalised(document), source.content_hash)


def new_draft_from_xlsx(ws: Workspace, path: str | Path) -> DraftRecord:
    """A draft from the XLSX template (services/catalogue_xlsx.py). A sheet that cannot be read
    is refused with its row and column; a catalogue that reads but does not validate yet still
    lands as a draft, to be finished in the editor."""
    from assessor_app.services import catalogue_xlsx  # loads openpyxl: only when asked

    document = _normalised(catalogue_xlsx.unchecked_document(catalogue_xlsx.sheets_of(path)))
    return _add(ws, document, None)


def export_draft_xlsx(ws: Workspace, draft_id: int, out: str | Path) -> Catalogue:
    """Write a draft as the XLSX template (only a draft that validates: the template is read back
    by the loader)."""
    from assessor_app.services import catalogue_xlsx  # loads openpyxl: only when asked

    return catalogue_xlsx.export_document(out, get_draft(ws, draft_id).document)


def save_draft(ws: Workspace, draft_id: int, document: dict[str, Any]) -> DraftRecord:
    """Replace a draft's document (in NFC), valid or not; audited with the document's hash."""
    document = _normalised(document)
    now = ws.clock()

    def _work(session: WriteSession) -> DraftRecord:
        repo = Repository(session)
        permissions.require(ws, repo, Duty.PUBLISH)
        old = _require(repo, draft_id)
        text = canonical_json(document).decode("utf-8")
        if text == old.document:
            return _record(old)  # nothing changed: no audit entry for a save without changes
        row = repo.replace_catalogue_draft(
            draft_id,
            _field(document, "code"),
            _field(document, "version"),
            _field(document, "title_vi"),
            text,
            ws.actor,
            now,
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            ws.actor,
            "save_catalogue_draft",
            f"catalogue:{row.code or '-'}",
            {"version": old.version, "content_hash": canonical_sha256(json.loads(old.document))},
            {"version": row.version, "content_hash": canonical_sha256(document), "draft": draft_id},
        )
        return _record(row)

    return ws.database.run_in_transaction(_work)


def _require_province(ws: Workspace) -> None:
    if load_profile(ws).kind is not ProfileKind.PROVINCE:
        raise StateError(
            "CAT_PUBLISH_NOT_PROVINCE",
            N_(
                "Only the province office publishes a criteria catalogue (it enters the official "
                "text). Send the draft to the province as an XLSX file, or set this installation's "
                "profile to the province office in Settings."
            ),
        )


def publish_draft(ws: Workspace, draft_id: int) -> Catalogue:
    """Store a valid draft as an immutable catalogue (origin "published") and remove the draft."""
    _require_province(ws)
    now = ws.clock()

    def _work(session: WriteSession) -> Catalogue:
        repo = Repository(session)
        permissions.require(ws, repo, Duty.PUBLISH)
        row = _require(repo, draft_id)
        document = json.loads(row.document)
        problems = check_draft(document)
        if problems:
            raise InputError(
                "CAT_DRAFT_INVALID",
                N_(
                    "Draft {id} is not a valid catalogue yet, so it cannot be published: {problems}"
                ),
                id=draft_id,
                problems="; ".join(
                    f"{p.location}: {p.message}" if p.location else p.message for p in problems
                ),
            )
        catalogue = parse_catalogue(document)
        _check_version_free(repo, catalogue.code, catalogue.version)
        if repo.catalogue_record_by_hash(catalogue.content_hash) is not None:
            raise InputError(  # the same content under the same version: already stored
                "CAT_VERSION_TAKEN",
                N_("This catalogue is already stored as {code} {version}."),
                code=catalogue.code,
                version=catalogue.version,
            )
        repo.add_catalogue(
            catalogue.code,
            catalogue.version,
            catalogue.content_hash,
            catalogue.title_vi,
            canonical_json(document).decode("utf-8"),
            PUBLISHED,
            now,
        )
        repo.remove_catalogue_draft(draft_id)
        repo.append_audit(
            STORE_CHAIN,
            now,
            ws.actor,
            "publish_catalogue",
            f"catalogue:{catalogue.code}",
            None,
            {
                "version": catalogue.version,
                "content_hash": catalogue.content_hash,
                "draft": draft_id,
                "based_on": row.based_on,
            },
        )
        return catalogue

    return ws.database.run_in_transaction(_work)


def delete_draft(ws: Workspace, draft_id: int) -> None:
    now = ws.clock()

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(ws, repo, Duty.PUBLISH)
        row = _require(repo, draft_id)
        repo.remove_catalogue_draft(draft_id)
        repo.append_audit(
            STORE_CHAIN,
            now,
            ws.actor,
            "delete_catalogue_draft",
            f"catalogue:{row.code or '-'}",
            {"version": row.version, "draft": draft_id},
            None,
        )

    ws.database.run_in_transaction(_work)
