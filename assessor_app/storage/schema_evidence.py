"""Evidence files kept in the store itself (a PostgreSQL store without a shared folder, issue 16).

Why chunked rows of `bytea` rather than PostgreSQL's large objects: rows are ordinary table data,
so the officers' roles are granted on two tables like any other (a large object belongs to the
role that made it and needs grants one object at a time), `pg_dump` of the database and logical
replication carry them, a rolled-back import leaves nothing behind (an orphan large object stays
until someone runs `vacuumlo`), and the same tables exist on SQLite (empty: a SQLite store keeps
its evidence in the data home), so the migrations and the drift test stay one. A file is written
one 1 MiB row at a time and read back the same way, so memory stays flat whatever its size.

`evidence_contents` says which upload holds the content of a SHA-256; `evidence_chunks` holds the
bytes under an upload id chosen before the hash is known (the hash is only known at the end of the
stream). Both are written in one transaction: a stream that fails, or whose content was stored by
someone else meanwhile, is rolled back whole. `evidence_blobs` (schema.py) stays the record that
an assessment may refer to a file; these tables are only where its bytes are.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from assessor_app.storage.schema import Base


class EvidenceContentRow(Base):
    __tablename__ = "evidence_contents"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    upload: Mapped[str] = mapped_column(String(32), unique=True)
    chunks: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[str] = mapped_column(String(32))


class EvidenceChunkRow(Base):
    __tablename__ = "evidence_chunks"
    upload: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
