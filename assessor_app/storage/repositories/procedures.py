"""The values of the shipped procedure the province set (services/procedures.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema_office import ProcedureOverrideRow


@dataclass(frozen=True)
class StoredOverride:
    regime: str
    item: str
    period_from: str
    field: str
    value: str
    reason: str
    set_at: str
    set_by: str


def _record(row: ProcedureOverrideRow) -> StoredOverride:
    return StoredOverride(
        row.regime,
        row.item,
        row.period_from,
        row.field,
        row.value,
        row.reason,
        row.set_at,
        row.set_by,
    )


class ProcedureQueries(Queries):
    def procedure_overrides(self) -> list[StoredOverride]:
        query = select(ProcedureOverrideRow).order_by(
            ProcedureOverrideRow.regime, ProcedureOverrideRow.item, ProcedureOverrideRow.period_from
        )
        return [_record(row) for row in self.session.scalars(query)]

    def remove_procedure_override(
        self, regime: str, item: str, period_from: str, field: str
    ) -> StoredOverride | None:
        """Remove the value set for the regime, item, period and field; the one removed (None
        when none was set)."""
        row = self.session.get(ProcedureOverrideRow, (regime, item, period_from, field))
        if row is None:
            return None
        removed = _record(row)
        self.session.delete(row)
        self.session.flush()
        return removed

    def set_procedure_override(self, new: StoredOverride) -> None:
        """Store `new`, replacing the value set before for the same regime, item, period and
        field."""
        key = (new.regime, new.item, new.period_from, new.field)
        row = self.session.get(ProcedureOverrideRow, key)
        if row is None:
            row = ProcedureOverrideRow(
                regime=new.regime, item=new.item, period_from=new.period_from, field=new.field
            )
            self.session.add(row)
        row.value, row.reason, row.set_at, row.set_by = (
            new.value,
            new.reason,
            new.set_at,
            new.set_by,
        )
        self.session.flush()
