"""Recognition decisions and their revocations (services/decisions.py, services/revocations.py):
recorded once, read by year and scope."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from assessor_app.storage.repositories.base import Queries, dumps, storable_id
from assessor_app.storage.schema_office import RecognitionDecisionRow


@dataclass(frozen=True)
class StoredDecision:
    """A recorded decision; `document` is the parsed `document_json` (the communes)."""

    id: int
    number: str
    decided_on: str
    year: int
    scope_level: str
    scope_code: str
    scope_name: str
    authority: str
    signer_name: str
    signer_position: str
    signer_authority: str
    document: Any
    recorded_at: str
    recorded_by: str
    kind: str = "recognition"  # or "revocation" (services/revocations.py)


def _record(row: RecognitionDecisionRow) -> StoredDecision:
    return StoredDecision(
        row.id,
        row.number,
        row.decided_on,
        row.year,
        row.scope_level,
        row.scope_code,
        row.scope_name,
        row.authority,
        row.signer_name,
        row.signer_position,
        row.signer_authority,
        json.loads(row.document_json),
        row.recorded_at,
        row.recorded_by,
        row.kind,
    )


class DecisionQueries(Queries):
    def decision_records(
        self, year: int | None = None, scope_code: str | None = None
    ) -> list[StoredDecision]:
        """Decisions, oldest first (by date, then as recorded)."""
        query = select(RecognitionDecisionRow)
        if year is not None:
            query = query.where(RecognitionDecisionRow.year == year)
        if scope_code is not None:
            query = query.where(RecognitionDecisionRow.scope_code == scope_code)
        query = query.order_by(RecognitionDecisionRow.decided_on, RecognitionDecisionRow.id)
        return [_record(row) for row in self.session.scalars(query)]

    def decision_record(self, decision_id: int) -> StoredDecision | None:
        if not storable_id(decision_id):
            return None
        row = self.session.get(RecognitionDecisionRow, decision_id)
        return _record(row) if row is not None else None

    def decision_number_taken(self, scope_code: str, year: int, number: str) -> bool:
        return (
            self.session.scalar(
                select(RecognitionDecisionRow.id).where(
                    RecognitionDecisionRow.scope_code == scope_code,
                    RecognitionDecisionRow.year == year,
                    RecognitionDecisionRow.number == number,
                )
            )
            is not None
        )

    def add_decision(self, new: StoredDecision) -> StoredDecision:
        """Store `new` (its id is ignored) and return it with its id."""
        row = RecognitionDecisionRow(
            number=new.number,
            decided_on=new.decided_on,
            year=new.year,
            scope_level=new.scope_level,
            scope_code=new.scope_code,
            scope_name=new.scope_name,
            authority=new.authority,
            signer_name=new.signer_name,
            signer_position=new.signer_position,
            signer_authority=new.signer_authority,
            document_json=dumps(new.document),
            recorded_at=new.recorded_at,
            recorded_by=new.recorded_by,
            kind=new.kind,
        )
        self.session.add(row)
        self.session.flush()
        return _record(row)
