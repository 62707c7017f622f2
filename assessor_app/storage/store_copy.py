"""Copying every record of one store into another (`store migrate --to`, issue 16).

Table by table in dependency order (a row's references are copied before it), every column as
stored, ids included, through the models' tables so that each back end's types are written its own
way (SQLite's 0/1 booleans become PostgreSQL's booleans). The source is read in one snapshot
(`Database.reading`) and the target written in one transaction (`Database.transaction`): a failure
or a cancel leaves the target as empty as it was. After the copy each sequence behind an integer id
starts after the largest id copied, so the next record made on the server does not collide.

Only the rows move; evidence files are the evidence store's business (services/store_move.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from assessor_app.core.progress import Cancelled, OperationCancelled, Progress
from assessor_app.storage import (  # noqa: F401  every model registered on Base.metadata
    schema_catalogue_drafts,
    schema_office,
    schema_release,
)
from assessor_app.storage.database import Database
from assessor_app.storage.schema import Base, EvidenceBlobRow, QuarantineRow

BATCH = 500

Row = dict[str, object]
# A change made to each row of a table as it is copied (and as the check reads the source):
# services/store_move.py names held bundles by hash in the copied quarantine rows.
RowTransform = Callable[[Row], Row]

# Tables a fresh migration fills (0017's yearly budget lines): a target holding only these rows is
# still empty; the copy replaces them with the source's. tests/integration/test_store_move.py
# checks that a freshly migrated database has rows in no other table.
SEEDED_BY_MIGRATIONS = frozenset({"plan_budget"})


# The evidence store's own tables (storage/evidence_database.py): file contents, not records. They
# are empty in a SQLite store (its evidence is in the data home's folder) and are filled on the
# server by the evidence copy (services/store_move.py), not by the row copy.
EVIDENCE_CONTENT_TABLES = frozenset({"evidence_contents", "evidence_chunks"})


def tables() -> list[sa.Table]:
    """Every table of records in the store, each after the tables it references."""
    return [t for t in Base.metadata.sorted_tables if t.name not in EVIDENCE_CONTENT_TABLES]


def table_counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {table.name: _count(session, table) for table in tables()}


def _count(session: Session, table: sa.Table) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def occupied_tables(database: Database) -> list[str]:
    """The tables holding records, not counting what the migrations put there."""
    counts = table_counts(database)
    return [name for name, count in counts.items() if count and name not in SEEDED_BY_MIGRATIONS]


def evidence_hashes(database: Database) -> list[str]:
    """Every content the records name in the evidence store: the evidence files and the bundles
    held in quarantine (migration 0026), each once, in order."""
    with database.reading() as session:
        files = session.scalars(sa.select(EvidenceBlobRow.sha256))
        held = session.scalars(
            sa.select(QuarantineRow.content_sha256).where(QuarantineRow.content_sha256.is_not(None))
        )
        return sorted({*files, *(h for h in held if h is not None)})


def held_without_content(database: Database) -> list[int]:
    """The quarantine rows whose bundle is a file in a data home (held before migration 0026)."""
    with database.reading() as session:
        query = sa.select(QuarantineRow.id).where(QuarantineRow.content_sha256.is_(None))
        return list(session.scalars(query.order_by(QuarantineRow.id)))


def table_contents(
    database: Database,
    leaving_out: Mapping[str, frozenset[str]] | None = None,
    transforms: Mapping[str, RowTransform] | None = None,
) -> dict[str, tuple[int, str]]:
    """Per table, its rows and the SHA-256 of their content in primary-key order: the same on both
    back ends for the same records (each value as the models read it, bytes in hex), without the
    columns `leaving_out` names for a table, each row as `transforms` changes it for its table."""
    left_out, changes = leaving_out or {}, transforms or {}
    with database.reading() as session:
        return {
            table.name: _content(
                session, table, left_out.get(table.name, frozenset()), changes.get(table.name)
            )
            for table in tables()
        }


def _content(
    session: Session, table: sa.Table, left_out: frozenset[str], change: RowTransform | None
) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    names = [column.name for column in table.columns if column.name not in left_out]
    for rows in _batches(session, table):
        for row in rows if change is None else map(change, rows):
            values = [_plain(row[name]) for name in names]
            line = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
            digest.update(line.encode("utf-8") + b"\n")
            count += 1
    return count, digest.hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _batches(session: Session, table: sa.Table) -> Iterator[list[dict[str, object]]]:
    # Text keys in byte order on both back ends (SQLite's BINARY; PostgreSQL's "C", whatever the
    # database's collation): the same rows come in the same order.
    postgres = session.get_bind().dialect.name == "postgresql"
    keys = [
        sa.collate(c, "C") if postgres and isinstance(c.type, sa.String) else c
        for c in table.primary_key.columns
    ]
    query = sa.select(table).order_by(*keys)
    result = session.execute(query.execution_options(yield_per=BATCH))
    for partition in result.partitions(BATCH):
        yield [dict(row._mapping) for row in partition]


def copy_rows(
    source: Database,
    target: Database,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    transforms: Mapping[str, RowTransform] | None = None,
) -> dict[str, int]:
    """Copy every row of `source` into `target` (empty but for the seeded tables), each as
    `transforms` changes it for its table; returns the rows copied per table. `progress(done,
    total)` counts rows; `cancelled()` is asked between batches and a cancel rolls the target
    back (OperationCancelled)."""
    changes = transforms or {}
    copied: dict[str, int] = {}
    total = sum(table_counts(source).values())
    done = 0
    with source.reading() as reading, target.transaction() as writing:
        for name in sorted(SEEDED_BY_MIGRATIONS):
            writing.execute(Base.metadata.tables[name].delete())
        for table in tables():
            copied[table.name] = 0
            for rows in _batches(reading, table):
                if cancelled is not None and cancelled():
                    raise OperationCancelled()
                change = changes.get(table.name)
                writing.execute(table.insert(), rows if change is None else list(map(change, rows)))
                copied[table.name] += len(rows)
                done += len(rows)
                if progress is not None:
                    progress(done, total)
        if target.is_postgres:
            _reset_sequences(writing)
    return copied


def analyze(database: Database) -> None:
    """Give the server's planner the statistics of the tables just filled (PostgreSQL only; the
    store's owner, who moves it, owns them): until autovacuum gets to it, a table filled in one
    transaction looks empty and its first queries are planned for none."""
    if not database.is_postgres:
        return
    with database.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


def _reset_sequences(session: Session) -> None:
    for table in tables():
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not isinstance(columns[0].type, sa.Integer):
            continue
        sequence = session.execute(
            sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": columns[0].name},
        ).scalar()
        if sequence is None:
            continue
        highest = session.execute(sa.select(sa.func.max(columns[0]))).scalar()
        # setval(seq, n, true): the next id is n + 1; (1, false): the next id is 1 (empty table).
        session.execute(
            sa.text("SELECT setval(:sequence, :value, :called)"),
            {"sequence": sequence, "value": highest or 1, "called": highest is not None},
        )
