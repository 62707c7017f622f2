"""Catalogue releases received from (or published by) the province office (issue 15,
services/catalogue_release*.py): which signed release brought which catalogue, in force from which
day, signed by which key, published by which office, received when. Same base and conventions as
storage/schema.py, which imports this module so that its metadata holds every table."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assessor_app.storage.schema import Base


class CatalogueReleaseRow(Base):
    """One catalogue of one release (a release may carry several catalogues: one row each). The
    catalogue itself is in `catalogues` (origin "release", or "published" on the province's own
    store); `catalogue_hash` names it. Rows are never changed: a new release is a new row."""

    __tablename__ = "catalogue_releases"
    release_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    catalogue_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    catalogue_code: Mapped[str] = mapped_column(String(64), index=True)
    catalogue_version: Mapped[str] = mapped_column(String(64))
    in_force_from: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD
    signer_fingerprint: Mapped[str] = mapped_column(String(64))
    publisher: Mapped[str] = mapped_column(Text)  # the publishing office's name
    published_by: Mapped[str] = mapped_column(Text)  # the person who published it
    published_at: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)  # the signing device's bundle number
    received_at: Mapped[str] = mapped_column(String(32))
    manifest_hash: Mapped[str] = mapped_column(String(64))
    procedure_items: Mapped[int] = mapped_column(Integer)  # procedure values it carried
