"""What every part of the repository shares: the open session and the JSON column form."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assessor_app.core.canonical import canonical_text
from assessor_app.storage.schema import Meta

# Row ids are `integer` columns: 1 up to 2**31 - 1 on PostgreSQL (SQLite's integers go to
# 2**63 - 1, but a store moves to the server, and no store counts two billion rows). An id outside
# that range names no row; asking the store for it would fail (SQLite: OverflowError; PostgreSQL:
# "integer out of range") with a "bug" to the user instead.
LARGEST_ID = 2**31 - 1


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
