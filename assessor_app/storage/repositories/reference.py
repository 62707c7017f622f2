"""Reference data as records: criteria catalogues, unit lists and their units, categories."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import distinct, func, select

from assessor_app.domain.catalogue import UnitCategory
from assessor_app.storage.records import (
    CatalogueRecord,
    CategoryOverride,
    StoredUnit,
    UnitListRecord,
)
from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema import CatalogueRow, UnitCategoryRow, UnitListRow, UnitRow


def catalogue_record(row: CatalogueRow) -> CatalogueRecord:
    return CatalogueRecord(
        row.id,
        row.code,
        row.version,
        row.content_hash,
        row.title_vi,
        row.document,
        row.origin,
        row.loaded_at,
    )


def _unit(row: UnitRow) -> StoredUnit:
    listing = row.unit_list
    return StoredUnit(
        row.code,
        row.name,
        row.unit_type,
        row.district_code,
        row.district_name,
        UnitCategory(row.default_category),
        listing.code,
        listing.valid_from,
        listing.valid_to,
    )


class ReferenceQueries(Queries):
    # --- catalogues
    def catalogue_records(self) -> list[CatalogueRecord]:
        """Every stored catalogue, by code, oldest version first."""
        rows = self.session.scalars(
            select(CatalogueRow).order_by(CatalogueRow.code, CatalogueRow.id)
        )
        return [catalogue_record(row) for row in rows]

    def catalogue_record_by_hash(self, content_hash: str) -> CatalogueRecord | None:
        row = self.session.scalar(
            select(CatalogueRow).where(CatalogueRow.content_hash == content_hash)
        )
        return catalogue_record(row) if row else None

    def add_catalogue(
        self,
        code: str,
        version: str,
        content_hash: str,
        title_vi: str,
        document: str,
        origin: str,
        at: str,
    ) -> None:
        self.session.add(
            CatalogueRow(
                code=code,
                version=version,
                content_hash=content_hash,
                title_vi=title_vi,
                document=document,
                origin=origin,
                loaded_at=at,
            )
        )
        self.session.flush()

    # --- unit lists
    def unit_list_records(self) -> list[UnitListRecord]:
        """Every unit list, oldest validity first, with its number of units and of districts."""
        counts = dict(
            self.session.execute(
                select(UnitRow.list_id, func.count()).group_by(UnitRow.list_id)
            ).all()
        )
        districts = dict(
            self.session.execute(
                select(UnitRow.list_id, func.count(distinct(UnitRow.district_code)))
                .where(UnitRow.district_code != "")
                .group_by(UnitRow.list_id)
            ).all()
        )
        rows = self.session.scalars(select(UnitListRow).order_by(UnitListRow.valid_from))
        return [
            UnitListRecord(
                row.id,
                row.code,
                row.title_vi,
                row.valid_from,
                row.valid_to,
                counts.get(row.id, 0),
                districts.get(row.id, 0),
            )
            for row in rows
        ]

    def unit_list_valid_on(self, day: date) -> UnitListRecord | None:
        """The unit list in force on `day`: of the lists valid then, the one that started last
        (a list that replaces another on a date wins from that date); None when none is valid."""
        chosen = None
        for listing in self.unit_list_records():  # oldest validity first
            start = date.fromisoformat(listing.valid_from)
            end = date.fromisoformat(listing.valid_to) if listing.valid_to else None
            if start <= day and (end is None or day <= end):
                chosen = listing
        return chosen

    def unit_list_document(self, code: str) -> str | None:
        """The unit list's document as loaded (canonical JSON), or None."""
        return self.session.scalar(select(UnitListRow.document).where(UnitListRow.code == code))

    def has_unit_list(self, code: str) -> bool:
        return (
            self.session.scalar(select(UnitListRow.id).where(UnitListRow.code == code)) is not None
        )

    def add_unit_list(
        self,
        code: str,
        title_vi: str,
        valid_from: str,
        valid_to: str | None,
        content_hash: str,
        document: str,
        at: str,
        units: Iterable[tuple[str, str, str, str, str, str, str]],
    ) -> None:
        """Store a unit list and its units: (code, name, search key, type, district code,
        district name, default category) each."""
        row = UnitListRow(
            code=code,
            title_vi=title_vi,
            valid_from=valid_from,
            valid_to=valid_to,
            content_hash=content_hash,
            document=document,
            loaded_at=at,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            UnitRow(
                list_id=row.id,
                code=unit[0],
                name=unit[1],
                search_key=unit[2],
                unit_type=unit[3],
                district_code=unit[4],
                district_name=unit[5],
                default_category=unit[6],
            )
            for unit in units
        )
        self.session.flush()

    def units_in_list(self, list_code: str) -> list[StoredUnit]:
        return [
            _unit(row)
            for row in self.session.scalars(
                select(UnitRow)
                .join(UnitListRow)
                .where(UnitListRow.code == list_code)
                .order_by(UnitRow.code)
            )
        ]

    def unit_records_with_code(self, code: str) -> list[StoredUnit]:
        """The unit `code` in every list that holds it, oldest list first."""
        return [
            _unit(row)
            for row in self.session.scalars(
                select(UnitRow)
                .join(UnitListRow)
                .where(UnitRow.code == code)
                .order_by(UnitListRow.valid_from)
            )
        ]

    # --- categories corrected by the user
    def category_override_record(self, code: str) -> CategoryOverride | None:
        row = self.session.get(UnitCategoryRow, code)
        if row is None:
            return None
        return CategoryOverride(
            row.code, UnitCategory(row.category), row.reason, row.set_by, row.set_at
        )

    def set_category_override(self, override: CategoryOverride) -> None:
        row = self.session.get(UnitCategoryRow, override.code)
        if row is None:
            row = UnitCategoryRow(code=override.code)
            self.session.add(row)
        row.category, row.reason = override.category.value, override.reason
        row.set_by, row.set_at = override.set_by, override.set_at
        self.session.flush()
