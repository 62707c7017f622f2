"""Catalogue drafts and the draft → published lifecycle (services/catalogue_drafts.py) on real
stores: a draft may be invalid, publishing checks it, refuses a version already stored, is the
province office's alone, and a stored catalogue cannot be changed even with raw SQL."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from assessor_app.domain.errors import InputError, NotFoundError, StateError
from assessor_app.paths import data_home
from assessor_app.services import (
    assessments,
    catalogue_drafts,
    catalogue_xlsx,
    profile,
    reference_data,
)
from assessor_app.services.catalogue_drafts import check_draft
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.store_access import raw_store

CODE = "QD06-2019"
COMMUNE = "06385"


def _province(workspace: Workspace) -> None:
    profile.save_profile(
        workspace, "province", "Lê Thị Thu", "labour_social_affairs", "LS-2025-07", "20"
    )


def _stored(workspace: Workspace) -> list[tuple[str, str, str, str]]:
    with workspace.database.reading() as session:
        return [
            (r.code, r.version, r.content_hash, r.origin)
            for r in Repository(session).catalogue_records()
        ]


def _audit_actions(workspace: Workspace) -> list[str]:
    with workspace.database.reading() as session:
        return [e.action for e in Repository(session).audit_entries(STORE_CHAIN)]


def _official(document: dict[str, Any]) -> dict[str, Any]:
    """The draft as the province finishes it: every criterion's status exact, with its source."""
    done = copy.deepcopy(document)
    for criterion in done["criteria"]:
        criterion["status"] = "exact"
        criterion["source"] = "Phụ lục Quyết định chính thức"
    return done


def test_the_whole_lifecycle_new_edit_publish(workspace: Workspace) -> None:
    shipped = reference_data.catalogue(workspace, CODE)
    draft = catalogue_drafts.new_draft(workspace, CODE, "2026.1")
    assert (draft.code, draft.version, draft.based_on) == (CODE, "2026.1", shipped.content_hash)
    assert draft.created_by == workspace.actor  # the name given; on a server "Name [pguser]"
    assert [d.id for d in catalogue_drafts.list_drafts(workspace)] == [draft.id]
    assert check_draft(draft.document) == []

    # Typed in decomposed Unicode (as some editors do): stored in NFC.
    edited = _official(draft.document)
    edited["title_vi"] = "Bo tieu chi chi\u0301nh thu\u031b\u0301c"
    saved = catalogue_drafts.save_draft(workspace, draft.id, edited)
    assert saved.title_vi == "Bo tieu chi chính thức"
    assert catalogue_drafts.get_draft(workspace, draft.id).document["title_vi"] == saved.title_vi

    _province(workspace)
    published = catalogue_drafts.publish_draft(workspace, draft.id)
    assert (published.code, published.version) == (CODE, "2026.1")
    assert (CODE, "2026.1", published.content_hash, "published") in _stored(workspace)
    assert catalogue_drafts.list_drafts(workspace) == []
    with pytest.raises(NotFoundError):
        catalogue_drafts.get_draft(workspace, draft.id)
    actions = _audit_actions(workspace)
    assert actions.index("new_catalogue_draft") < actions.index("save_catalogue_draft")
    assert actions[-1] == "publish_catalogue"


@pytest.mark.parametrize(
    "assignment",
    [
        "document = '{}'",
        "version = 'sửa lén'",
        "code = 'KHAC'",
        "content_hash = '0000000000000000000000000000000000000000000000000000000000000000'",
    ],
)
def test_a_stored_catalogue_cannot_be_changed_with_raw_sql(
    workspace: Workspace, assignment: str
) -> None:
    before = _stored(workspace)
    with (
        pytest.raises(DBAPIError, match="immutable"),
        raw_store(workspace) as connection,
    ):
        connection.exec_driver_sql(f"UPDATE catalogues SET {assignment}")
    workspace.database.close()
    reopened = open_workspace(workspace.home.root, actor="Hoàng Văn Thụ")
    try:
        assert _stored(reopened) == before
    finally:
        reopened.close()


def test_a_version_already_stored_is_refused(workspace: Workspace) -> None:
    shipped_version = reference_data.catalogue(workspace, CODE).version
    with pytest.raises(InputError) as refused:
        catalogue_drafts.new_draft(workspace, CODE, shipped_version)
    assert refused.value.code == "CAT_VERSION_TAKEN"
    assert shipped_version in str(refused.value)
    # A draft whose version is changed afterwards to a taken one is refused at publishing.
    draft = catalogue_drafts.new_draft(workspace, CODE, "2026.1")
    document = dict(draft.document, version=shipped_version)
    catalogue_drafts.save_draft(workspace, draft.id, document)
    _province(workspace)
    before = _stored(workspace)
    with pytest.raises(InputError) as taken:
        catalogue_drafts.publish_draft(workspace, draft.id)
    assert taken.value.code == "CAT_VERSION_TAKEN"
    assert _stored(workspace) == before
    assert catalogue_drafts.get_draft(workspace, draft.id).version == shipped_version


def test_an_invalid_draft_is_saved_but_not_published(workspace: Workspace) -> None:
    draft = catalogue_drafts.new_draft(workspace, CODE, "2026.1")
    broken = copy.deepcopy(draft.document)
    broken["criteria"][0]["max_points"] = -1
    broken["criteria"][2]["indicators"][0]["kind"] = "guess"
    saved = catalogue_drafts.save_draft(workspace, draft.id, broken)
    assert saved.document == broken  # a draft is work in progress
    problems = check_draft(saved.document)
    first, third = broken["criteria"][0]["code"], broken["criteria"][2]["code"]
    indicator = broken["criteria"][2]["indicators"][0]["code"]
    assert [(p.code, p.location) for p in problems] == [
        ("CAT_FIELD", first),
        ("CAT_FIELD", f"{third} / {indicator}"),
    ]
    assert all(p.message for p in problems)
    _province(workspace)
    before, audit = _stored(workspace), _audit_actions(workspace)
    with pytest.raises(InputError) as refused:
        catalogue_drafts.publish_draft(workspace, draft.id)
    assert refused.value.code == "CAT_DRAFT_INVALID"
    assert indicator in str(refused.value)
    assert _stored(workspace) == before
    assert _audit_actions(workspace) == audit
    assert catalogue_drafts.get_draft(workspace, draft.id).document == broken


def test_only_the_province_office_publishes(workspace: Workspace) -> None:
    draft = catalogue_drafts.new_draft(workspace, CODE, "2026.1")  # drafts may be made anywhere
    profile.save_profile(workspace, "team", "Lê Thị Thu", "labour_social_affairs", "LS-2025-07")
    before = _stored(workspace)
    with pytest.raises(StateError) as refused:
        catalogue_drafts.publish_draft(workspace, draft.id)
    assert refused.value.code == "CAT_PUBLISH_NOT_PROVINCE"
    assert "Settings" in refused.value.english()
    assert _stored(workspace) == before
    assert catalogue_drafts.get_draft(workspace, draft.id).id == draft.id


def test_a_draft_is_deleted_with_an_audit_entry(workspace: Workspace) -> None:
    draft = catalogue_drafts.new_draft(workspace, CODE, "2026.1")
    catalogue_drafts.delete_draft(workspace, draft.id)
    assert catalogue_drafts.list_drafts(workspace) == []
    assert _audit_actions(workspace)[-1] == "delete_catalogue_draft"
    with pytest.raises(NotFoundError):
        catalogue_drafts.delete_draft(workspace, draft.id)


def test_a_draft_from_the_xlsx_template(workspace: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "bo-tieu-chi.xlsx"
    catalogue_xlsx.export_xlsx(sheet, workspace=workspace, code=CODE)
    draft = catalogue_drafts.new_draft_from_xlsx(workspace, sheet)
    shipped = catalogue_xlsx.stored_document(workspace, CODE)
    assert json.dumps(draft.document, sort_keys=True) == json.dumps(shipped, sort_keys=True)
    assert draft.based_on is None
    assert check_draft(draft.document) == []


def test_the_province_text_wins_over_the_shipped_one_with_the_same_dates(
    workspace: Workspace,
) -> None:
    shipped = reference_data.catalogue(workspace, CODE)
    draft = catalogue_drafts.new_draft(workspace, CODE, "2026.1")
    catalogue_drafts.save_draft(workspace, draft.id, _official(draft.document))
    _province(workspace)
    published = catalogue_drafts.publish_draft(workspace, draft.id)
    assert (published.effective_from, published.effective_to) == (
        shipped.effective_from,
        shipped.effective_to,
    )
    # An app update later ships a corrected provisional file of the same code: loaded last, it
    # still does not displace the province's text.
    corrected = catalogue_xlsx.stored_document(workspace, shipped.content_hash)
    corrected["version"] = "2019.2-provisional"
    with workspace.database.transaction() as session:
        reference_data.store_catalogue(Repository(session), corrected, "shipped", workspace.clock())
    assert reference_data.catalogue(workspace, CODE).content_hash == published.content_hash
    made = assessments.create(workspace, COMMUNE, 2026)
    assert (made.catalogue_hash, made.catalogue_version) == (published.content_hash, "2026.1")
    # Named by its content hash, the shipped one can still be chosen.
    named = assessments.create(workspace, COMMUNE, 2025, shipped.content_hash)
    assert named.catalogue_hash == shipped.content_hash


def test_a_deleted_drafts_id_is_never_given_again(workspace: Workspace) -> None:
    first = catalogue_drafts.new_draft(workspace, CODE, "2026.1")
    second = catalogue_drafts.new_draft(workspace, CODE, "2026.2")
    catalogue_drafts.delete_draft(workspace, second.id)
    catalogue_drafts.delete_draft(workspace, first.id)
    third = catalogue_drafts.new_draft(workspace, CODE, "2026.3")
    assert third.id == second.id + 1  # "bản dự thảo 1" in the log names one draft only


@pytest.mark.sqlite_only("a store file of schema 0019 upgraded; AUTOINCREMENT in the file's schema")
def test_an_upgraded_store_keeps_its_drafts_and_stops_reusing_ids(home: Path) -> None:
    from tests.integration.test_store_upgrades import _store_at

    store = data_home(home).database
    store.parent.mkdir(parents=True, exist_ok=True)
    _store_at(store, "0019")
    with sqlite3.connect(store) as connection:
        for number in (1, 2):
            connection.execute(
                "INSERT INTO catalogue_drafts (id, code, version, title_vi, based_on, document,"
                " created_at, created_by, updated_at, updated_by) VALUES"
                " (?, 'QD06-2019', ?, 'Nháp', NULL, '{}', 't', 'Lê Thị Thu', 't', 'Lê Thị Thu')",
                (number, f"2026.{number}"),
            )
    ws = open_workspace(home, actor="Lê Thị Thu")
    try:
        reference_data.ensure_initialised(ws)
        assert [d.version for d in catalogue_drafts.list_drafts(ws)] == ["2026.1", "2026.2"]
        catalogue_drafts.delete_draft(ws, 2)
        again = catalogue_drafts.new_draft(ws, CODE, "2026.9")
        assert again.id == 3
    finally:
        ws.close()
    with sqlite3.connect(store) as connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'catalogue_drafts'"
        ).fetchone()
    assert "AUTOINCREMENT" in sql


def test_a_stored_catalogue_cannot_be_deleted_with_raw_sql(workspace: Workspace) -> None:
    """Removing a published text and storing another under its version would change it too."""
    before = _stored(workspace)
    with raw_store(workspace) as connection:
        if not workspace.database.is_postgres:  # the trigger, not the assessments' keys
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        with pytest.raises(DBAPIError, match="immutable"):
            connection.exec_driver_sql("DELETE FROM catalogues")
    workspace.database.close()
    reopened = open_workspace(workspace.home.root, actor="Hoàng Văn Thụ")
    try:
        assert _stored(reopened) == before
    finally:
        reopened.close()
