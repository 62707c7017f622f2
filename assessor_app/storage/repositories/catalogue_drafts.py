"""Catalogue drafts as records (services/catalogue_drafts.py): add, read, replace, remove."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from assessor_app.storage.repositories.base import Queries, storable_id
from assessor_app.storage.schema_catalogue_drafts import CatalogueDraftRow


@dataclass(frozen=True)
class StoredDraft:
    id: int
    code: str
    version: str
    title_vi: str
    based_on: str | None
    document: str  # JSON text of the draft document
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str


def _draft(row: CatalogueDraftRow) -> StoredDraft:
    return StoredDraft(
        row.id,
        row.code,
        row.version,
        row.title_vi,
        row.based_on,
        row.document,
        row.created_at,
        row.created_by,
        row.updated_at,
        row.updated_by,
    )


class CatalogueDraftQueries(Queries):
    def catalogue_drafts(self) -> list[StoredDraft]:
        """Every draft, oldest first."""
        rows = self.session.scalars(select(CatalogueDraftRow).order_by(CatalogueDraftRow.id))
        return [_draft(row) for row in rows]

    def catalogue_draft(self, draft_id: int) -> StoredDraft | None:
        if not storable_id(draft_id):
            return None
        row = self.session.get(CatalogueDraftRow, draft_id)
        return _draft(row) if row else None

    def add_catalogue_draft(
        self,
        code: str,
        version: str,
        title_vi: str,
        based_on: str | None,
        document: str,
        by: str,
        at: str,
    ) -> StoredDraft:
        row = CatalogueDraftRow(
            code=code,
            version=version,
            title_vi=title_vi,
            based_on=based_on,
            document=document,
            created_at=at,
            created_by=by,
            updated_at=at,
            updated_by=by,
        )
        self.session.add(row)
        self.session.flush()
        return _draft(row)

    def replace_catalogue_draft(
        self, draft_id: int, code: str, version: str, title_vi: str, document: str, by: str, at: str
    ) -> StoredDraft:
        row = self.session.get_one(CatalogueDraftRow, draft_id)
        row.code, row.version, row.title_vi, row.document = code, version, title_vi, document
        row.updated_at, row.updated_by = at, by
        self.session.flush()
        return _draft(row)

    def remove_catalogue_draft(self, draft_id: int) -> None:
        row = self.session.get_one(CatalogueDraftRow, draft_id)
        self.session.delete(row)
        self.session.flush()
