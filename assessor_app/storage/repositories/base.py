"""What every part of the repository shares: the open session and the JSON column form."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assessor_app.core.canonical import canonical_text
from assessor_app.storage.schema import Meta

# Row ids are SQLite integers: 1 up to 2**63 - 1. An id outside that range names no row, and
# asking SQLite for it would fail with an OverflowError (a "bug" to the user) instead.
LARGEST_ID = 2**63 - 1


def storable_id(value: int) -> bool:
    """True when `value` can be the id of a row (the by-id getters answer None otherwise)."""
    return 1 <= value <= LARGEST_ID


def dumps(value: Any) -> str:
    """How the store keeps a JSON column: the canonical text (core/canonical.py)."""
    return canonical_text(value)


class Queries:
    """Base of the repository's parts: they all work on the caller's session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- store-wide settings (the meta table)
    def meta(self, key: str) -> str | None:
        row = self.session.get(Meta, key)
        return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        row = self.session.get(Meta, key)
        if row is None:
            self.session.add(Meta(key=key, value=value))
        else:
            row.value = value
