"""Writes of many rows at once, for entering many assessments in one go (services/bulk_entry.py):
the rows `add_version`, `set_head` and `append_audit` write one by one, added together and
flushed together (one INSERT of many rows per table instead of a few statements per figure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.audit import AuditEntry
from assessor_app.storage.repositories.audit import AuditQueries
from assessor_app.storage.repositories.base import dumps
from assessor_app.storage.schema import (
    AssessmentRow,
    IndicatorHeadRow,
    IndicatorValueRow,
    ValueVersionRow,
)


@dataclass(frozen=True)
class FirstValue:
    """The first version of an indicator's figure (no parent): its version id and JSON form."""

    indicator: str
    vid: str
    value: Any


class BulkQueries(AuditQueries):
    def add_first_values(
        self, assessment_id: int, values: Sequence[FirstValue], author: str, at: str
    ) -> None:
        """Store the first figure of indicators that have none yet: its version, the head
        pointing at it and the current value (what `add_version` and `set_head` write). Not
        flushed here: they go with the assessment's other rows, one INSERT per table."""
        for item in values:
            text = dumps(item.value)
            self.session.add_all(
                (
                    ValueVersionRow(
                        assessment_id=assessment_id,
                        indicator_code=item.indicator,
                        vid=item.vid,
                        parent_vid="",
                        value_json=text,
                        author=author,
                        at=at,
                    ),
                    IndicatorHeadRow(
                        assessment_id=assessment_id, indicator_code=item.indicator, vid=item.vid
                    ),
                    IndicatorValueRow(
                        assessment_id=assessment_id,
                        indicator_code=item.indicator,
                        value_json=text,
                        entered_by=author,
                        entered_at=at,
                        vid=item.vid,
                    ),
                )
            )

    def add_chained_entries(self, assessment_id: int, entries: Sequence[AuditEntry]) -> None:
        """Append entries already chained to the assessment's last one (`domain.audit.make_entry`
        from its (audit_count, audit_head)); its head moves to the last of them. Not flushed
        (see `add_first_values`)."""
        row = self.session.get(AssessmentRow, assessment_id)
        assert row is not None, "entries are appended to a stored assessment"
        for entry in entries:
            assert entry.chain == row.uid, "an entry of another chain"
            assert entry.seq == row.audit_count + 1, "not chained to the last entry"
            assert entry.prev_hash == row.audit_head, "not chained to the last entry"
            self._add_audit_row(entry.chain, entry)
            row.audit_count, row.audit_head = entry.seq, entry.hash
