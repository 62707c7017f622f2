"""Changes held after a conflict (storage/schema_held.py; services/held_changes.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema import AuditRow
from assessor_app.storage.schema_held import HeldChangeRow


@dataclass(frozen=True)
class HeldChange:
    id: int
    assessment_id: int
    indicator_code: str
    value: str | None  # JSON of the figure; None: clear it
    reason: str
    held_by: str
    held_at: str
    based_on_revision: int
    found_revision: int
    resolution: str | None
    resolved_by: str | None
    resolved_at: str | None


def _record(row: HeldChangeRow) -> HeldChange:
    return HeldChange(
        row.id,
        row.assessment_id,
        row.indicator_code,
        row.value,
        row.reason,
        row.held_by,
        row.held_at,
        row.based_on_revision,
        row.found_revision,
        row.resolution,
        row.resolved_by,
        row.resolved_at,
    )


class HeldQueries(Queries):
    def hold(
        self,
        assessment_id: int,
        indicator_code: str,
        value: str | None,
        reason: str,
        held_by: str,
        held_at: str,
        revisions: tuple[int, int],
    ) -> HeldChange:
        """Keep a change that met another's: `revisions` = (based on, found)."""
        row = HeldChangeRow(
            assessment_id=assessment_id,
            indicator_code=indicator_code,
            value=value,
            reason=reason,
            held_by=held_by,
            held_at=held_at,
            based_on_revision=revisions[0],
            found_revision=revisions[1],
        )
        self.session.add(row)
        self.session.flush()
        return _record(row)

    def held(self, assessment_id: int | None = None, pending: bool = True) -> list[HeldChange]:
        query = select(HeldChangeRow).order_by(HeldChangeRow.id)
        if assessment_id is not None:
            query = query.where(HeldChangeRow.assessment_id == assessment_id)
        if pending:
            query = query.where(HeldChangeRow.resolution.is_(None))
        return [_record(row) for row in self.session.scalars(query)]

    def held_change(self, held_id: int) -> HeldChange | None:
        row = self.session.get(HeldChangeRow, held_id)
        return None if row is None else _record(row)

    def resolve_held(self, held_id: int, resolution: str, by: str, at: str) -> None:
        row = self.session.get(HeldChangeRow, held_id)
        assert row is not None  # the service checked it exists and is pending
        row.resolution, row.resolved_by, row.resolved_at = resolution, by, at

    def last_change(self, chain: str, target: str | None = None) -> tuple[str, str] | None:
        """(who, when) of the newest entry of an audit chain (about `target`, if given)."""
        query = select(AuditRow.actor, AuditRow.at).where(AuditRow.chain == chain)
        if target is not None:
            query = query.where(AuditRow.target == target)
        row = self.session.execute(query.order_by(AuditRow.seq.desc()).limit(1)).first()
        return None if row is None else (str(row[0]), str(row[1]))
