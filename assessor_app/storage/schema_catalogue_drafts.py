"""Catalogue drafts (issue 15): a catalogue being written by the province office, kept as a JSON
document that may not validate yet. Publishing one stores it in `catalogues` (origin "published")
and removes the draft (services/catalogue_drafts.py). Same base as storage/schema.py, which
imports this module so that its metadata holds every table."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assessor_app.storage.schema import Base


class CatalogueDraftRow(Base):
    __tablename__ = "catalogue_drafts"
    # Ids are never given again after a deletion: the audit names a draft by its id (0020).
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64))  # as typed so far (may be empty in a draft)
    version: Mapped[str] = mapped_column(String(64))
    title_vi: Mapped[str] = mapped_column(Text)
    based_on: Mapped[str | None] = mapped_column(String(64))  # content hash it started from
    document: Mapped[str] = mapped_column(Text)  # JSON, NFC; possibly not a valid catalogue yet
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(Text)
