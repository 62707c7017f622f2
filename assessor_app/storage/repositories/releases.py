"""The catalogue releases recorded here (services/catalogue_release_import.py and
catalogue_release.py): added once, never changed, read per catalogue code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema_release import CatalogueReleaseRow


@dataclass(frozen=True)
class StoredRelease:
    release_id: str
    catalogue_hash: str
    catalogue_code: str
    catalogue_version: str
    in_force_from: str
    signer_fingerprint: str
    publisher: str
    published_by: str
    published_at: str
    sequence: int
    received_at: str
    manifest_hash: str
    procedure_items: int


def _record(row: CatalogueReleaseRow) -> StoredRelease:
    return StoredRelease(
        row.release_id,
        row.catalogue_hash,
        row.catalogue_code,
        row.catalogue_version,
        row.in_force_from,
        row.signer_fingerprint,
        row.publisher,
        row.published_by,
        row.published_at,
        row.sequence,
        row.received_at,
        row.manifest_hash,
        row.procedure_items,
    )


class ReleaseQueries(Queries):
    def releases(self) -> list[StoredRelease]:
        """Every release recorded, by code, then in the order received."""
        query = select(CatalogueReleaseRow).order_by(
            CatalogueReleaseRow.catalogue_code,
            CatalogueReleaseRow.received_at,
            CatalogueReleaseRow.sequence,
        )
        return [_record(row) for row in self.session.scalars(query)]

    def release_rows(self, release_id: str) -> list[StoredRelease]:
        query = select(CatalogueReleaseRow).where(CatalogueReleaseRow.release_id == release_id)
        return [_record(row) for row in self.session.scalars(query)]

    def add_release(self, new: StoredRelease) -> None:
        self.session.add(
            CatalogueReleaseRow(
                release_id=new.release_id,
                catalogue_hash=new.catalogue_hash,
                catalogue_code=new.catalogue_code,
                catalogue_version=new.catalogue_version,
                in_force_from=new.in_force_from,
                signer_fingerprint=new.signer_fingerprint,
                publisher=new.publisher,
                published_by=new.published_by,
                published_at=new.published_at,
                sequence=new.sequence,
                received_at=new.received_at,
                manifest_hash=new.manifest_hash,
                procedure_items=new.procedure_items,
            )
        )
        self.session.flush()
