"""Changes held after a conflict (issue 16): two officers changed the same assessment at once.

An officer's change made on an assessment that another officer changed since they opened it is
not written over the other's, nor lost: it is kept here, with the revision it was based on and
the one found, until a person applies or discards it (services/held_changes.py). Same base and
conventions as storage/schema.py, which imports this module."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assessor_app.storage.schema import Base, one_of

HELD_RESOLUTIONS = ("applied", "discarded")


class HeldChangeRow(Base):
    __tablename__ = "held_changes"
    __table_args__ = (one_of("resolution", HELD_RESOLUTIONS, nullable=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), index=True
    )
    indicator_code: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)  # the figure as JSON; None: clear it
    reason: Mapped[str] = mapped_column(Text)
    held_by: Mapped[str] = mapped_column(Text)
    held_at: Mapped[str] = mapped_column(String(32))
    based_on_revision: Mapped[int] = mapped_column(Integer)  # what the officer had open
    found_revision: Mapped[int] = mapped_column(Integer)  # what the store held by then
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[str | None] = mapped_column(String(32))
