"""Commendations (services/commendations.py): recorded once, read by year."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from assessor_app.storage.repositories.base import Queries, dumps, storable_id
from assessor_app.storage.schema_office import CommendationRow


@dataclass(frozen=True)
class StoredCommendation:
    """A recorded commendation; `recipients` is the parsed `recipients_json`."""

    id: int
    number: str
    decided_on: str
    year: int
    authority: str
    form: str
    signer_name: str
    signer_position: str
    reason: str
    recipients: Any
    recorded_at: str
    recorded_by: str


def _record(row: CommendationRow) -> StoredCommendation:
    return StoredCommendation(
        row.id,
        row.number,
        row.decided_on,
        row.year,
        row.authority,
        row.form,
        row.signer_name,
        row.signer_position,
        row.reason,
        json.loads(row.recipients_json),
        row.recorded_at,
        row.recorded_by,
    )


class CommendationQueries(Queries):
    def commendation_records(self, year: int | None = None) -> list[StoredCommendation]:
        """Commendations, oldest first (by date, then as recorded)."""
        query = select(CommendationRow)
        if year is not None:
            query = query.where(CommendationRow.year == year)
        query = query.order_by(CommendationRow.decided_on, CommendationRow.id)
        return [_record(row) for row in self.session.scalars(query)]

    def commendation_record(self, commendation_id: int) -> StoredCommendation | None:
        if not storable_id(commendation_id):
            return None
        row = self.session.get(CommendationRow, commendation_id)
        return _record(row) if row is not None else None

    def commendation_number_taken(self, authority: str, year: int, number: str) -> bool:
        found = self.session.scalar(
            select(CommendationRow.id).where(
                CommendationRow.authority == authority,
                CommendationRow.year == year,
                CommendationRow.number == number,
            )
        )
        return found is not None

    def add_commendation(self, new: StoredCommendation) -> StoredCommendation:
        """Store `new` (its id is ignored) and return it with its id."""
        row = CommendationRow(
            number=new.number,
            decided_on=new.decided_on,
            year=new.year,
            authority=new.authority,
            form=new.form,
            signer_name=new.signer_name,
            signer_position=new.signer_position,
            reason=new.reason,
            recipients_json=dumps(new.recipients),
            recorded_at=new.recorded_at,
            recorded_by=new.recorded_by,
        )
        self.session.add(row)
        self.session.flush()
        return _record(row)
