"""Moving an office's store from its SQLite file to a PostgreSQL server (`store migrate --to`,
issue 16; docs/store.md, "Moving a store to the server").

1. The target must be a PostgreSQL database, empty (it is migrated to the head on opening; the rows
   a migration puts there do not count): anything else is refused (STORE_TARGET_NOT_EMPTY), so a
   move never mixes two offices' records.
2. Evidence files first: each one the records name, and each bundle held before migration 0026
   (a file in the data home's quarantine/), must be on this computer (one missing:
   MOVE_EVIDENCE_MISSING naming it, nothing copied); then each is streamed into the server
   store's evidence place (the database's chunks, or the shared folder configured:
   storage/evidence_store.py), unless that place already holds it. Content-addressed, so a
   failure here leaves the server without records and the move can simply be run again.
3. Then every row, in one transaction (storage/store_copy.py): ids kept, sequences moved on. The
   SQLite file is only read. A failure or a cancel rolls it back: the server holds no records.
   Held bundles are evidence content too (migration 0026): the row of a bundle held before 0026
   is copied naming the content streamed in step 2 by hash (and no file), so every officer of the
   server can retry, resolve or reject it. Then the server analyses the tables (ANALYZE): its
   planner knows from the first query that they are not empty.
4. The check, on the server, after the commit: per table, the rows and a hash of their content in
   key order equal the source's (where a held bundle's file was is left out: it moves by design;
   its hash is compared, against the content the move streamed for a bundle held before 0026);
   every audit log replays and matches its signed heads (services/audit_trail.verify_store, as
   `audit verify-store`); every evidence file and held bundle the server's records name is there
   with its hash; no held bundle is left naming a file on this computer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assessor_app.core.progress import Cancelled, OperationCancelled, Progress
from assessor_app.domain.errors import N_, InputError, StateError
from assessor_app.services.audit_trail import StoreAudit, verify_store
from assessor_app.services.exchange_store import exchange
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage import store_copy
from assessor_app.storage.database_postgres import is_openable_url, safely_shown, shown_url
from assessor_app.storage.repository import Repository

# Where a held bundle's file was kept before 0026: the move names it by hash instead
# (carry_old_holds). Not compared: the bundle itself is, as evidence content.
MOVED_COLUMNS = {"quarantine": frozenset({"stored_path"})}

# (source, target, hashes, progress, cancelled): make each evidence file reachable from the target.
EvidenceCopier = Callable[[Workspace, Workspace, Sequence[str], Progress, Cancelled], None]


def copy_evidence_files(
    source: Workspace,
    target: Workspace,
    hashes: Sequence[str],
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    """Store each evidence file the records name in the target's evidence store (the database, or
    the shared folder configured), streamed a chunk at a time; a file the target already reaches
    (the same folder, or stored before) is left as it is. The check then reads every one back."""
    for done, sha256 in enumerate(hashes, start=1):
        if cancelled():
            raise OperationCancelled()
        if not target.evidence.exists(sha256):
            try:
                with source.evidence.open(sha256) as stream:
                    stored = target.evidence.put_stream(stream, cancelled=cancelled)
            except OSError as error:  # gone or unreadable since the check
                raise _evidence_unreadable(sha256, error.strerror or str(error)) from error
            if stored.sha256 != sha256 and stored.created:  # the file here changed since stored
                target.evidence.discard(stored.sha256)
        progress(done, len(hashes))


def _evidence_unreadable(sha256: str, detail: str) -> StateError:
    return StateError(
        "MOVE_EVIDENCE_MISSING",
        N_(
            "The evidence file {files} that the records name cannot be read from this computer's store ({detail}). No record was copied to the server. Put the file back (from a copy of the data folder) and run the move again."
        ),
        files=sha256,
        detail=detail,
    )


def _refuse_missing_evidence(source: Workspace, hashes: Sequence[str]) -> None:
    missing = [h for h in hashes if not source.evidence.exists(h)]
    if missing:
        raise StateError(
            "MOVE_EVIDENCE_MISSING",
            N_(
                "The evidence files {files} that the records name are missing from this computer's store. No record was copied to the server. Put the files back (from a copy of the data folder) and run the move again."
            ),
            files=", ".join(missing),
        )


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int
    source_hash: str = ""  # of the rows' content in key order (storage/store_copy.table_contents)
    target_hash: str = ""

    @property
    def same_count(self) -> bool:
        return self.source == self.target

    @property
    def equal(self) -> bool:
        return self.same_count and self.source_hash == self.target_hash


@dataclass(frozen=True)
class MoveCheck:
    """The server's store compared with the file it came from."""

    target: str  # the URL, without its password
    tables: tuple[TableCount, ...]
    audit: StoreAudit
    evidence_files: int
    evidence_bad: tuple[str, ...]  # hashes whose file is missing or differs
    held_not_carried: tuple[int, ...] = ()  # quarantine rows still naming a file of the source

    @property
    def counts_equal(self) -> bool:
        return all(t.same_count for t in self.tables)

    @property
    def contents_equal(self) -> bool:
        return all(t.equal for t in self.tables)

    @property
    def ok(self) -> bool:
        return (
            self.contents_equal
            and self.audit.intact
            and not self.evidence_bad
            and not self.held_not_carried
        )

    @property
    def rows(self) -> int:
        return sum(t.target for t in self.tables)


def _refuse_target(url: str) -> None:
    if not is_openable_url(url):
        raise InputError(
            "STORE_TARGET_NOT_SERVER",
            N_(
                "{target} is not the address of a PostgreSQL database; give one like postgresql://user@server/database."
            ),
            target=safely_shown(url),
        )


def _refuse_occupied(target: Workspace) -> None:
    occupied = store_copy.occupied_tables(target.database)
    if occupied:
        raise StateError(
            "STORE_TARGET_NOT_EMPTY",
            N_(
                "The database {target} already holds records (in {tables}): a store is moved only into an empty database. Nothing was copied."
            ),
            target=str(target.database.location),
            tables=", ".join(occupied),
        )


def open_target(source: Workspace, url: str) -> Workspace:
    """The workspace of the server's store, sharing the source's data home (keys, evidence)."""
    _refuse_target(url)
    return open_workspace(source.home.root, actor=source.actor, clock=source.clock, store=url)


def move_store(
    source: Workspace,
    url: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    copy_evidence: EvidenceCopier = copy_evidence_files,
) -> MoveCheck:
    """Copy every record of `source` into the empty PostgreSQL database at `url`, then check the
    copy there. A cancel (OperationCancelled) or a failure leaves the server's database without
    records (evidence files copied before stay: content-addressed, a new run uses them)."""
    never: Cancelled = lambda: False  # noqa: E731
    quiet: Progress = lambda _done, _total: None  # noqa: E731
    target = open_target(source, url)
    try:
        _refuse_occupied(target)
        hashes = store_copy.evidence_hashes(source.database)
        _refuse_missing_evidence(source, hashes)
        held = _old_hold_files(source)
        filled = carry_old_holds(target, held, cancelled or never)
        copy_evidence(source, target, hashes, quiet, cancelled or never)
        store_copy.copy_rows(
            source.database,
            target.database,
            progress,
            cancelled,
            transforms={"quarantine": _naming(filled)},
        )
        store_copy.analyze(target.database)
        return check_move(source, target, filled)
    finally:
        target.close()


def _old_hold_files(source: Workspace) -> dict[int, Path]:
    """The file of each bundle held before migration 0026 (a file in the data home's
    quarantine/), by quarantine row; MOVE_EVIDENCE_MISSING when one is not on this computer."""
    with source.database.reading() as session:
        kept = exchange(source, Repository(session))
        records = [
            kept.quarantine_item(i) for i in store_copy.held_without_content(source.database)
        ]
    files = {r.id: r.stored_path for r in records if r is not None and r.stored_path is not None}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise StateError(
            "MOVE_EVIDENCE_MISSING",
            N_(
                "The bundles held in quarantine {files} are missing from this computer. No record was copied to the server. Put the files back (from a copy of the data folder) and run the move again."
            ),
            files=", ".join(missing),
        )
    return files


def carry_old_holds(
    target: Workspace, files: Mapping[int, Path], cancelled: Cancelled
) -> dict[int, str]:
    """Stream the file of each bundle held before 0026 into the server's evidence store, before
    any row is copied: the hash naming each, by quarantine row."""
    filled: dict[int, str] = {}
    for quarantine_id, path in files.items():
        if cancelled():
            raise OperationCancelled()
        try:
            filled[quarantine_id] = target.evidence.put_file(path, cancelled=cancelled).sha256
        except OSError as error:  # gone or unreadable since the check
            raise _evidence_unreadable(str(path), error.strerror or str(error)) from error
    return filled


def _naming(filled: Mapping[int, str]) -> store_copy.RowTransform:
    """A quarantine row as copied: a bundle held before 0026 named by the hash of its content."""

    def change(row: store_copy.Row) -> store_copy.Row:
        sha256 = filled.get(row["id"])  # type: ignore[call-overload]
        return row if sha256 is None else {**row, "content_sha256": sha256, "stored_path": None}

    return change


def check_move(
    source: Workspace, target: Workspace, filled: Mapping[int, str] | None = None
) -> MoveCheck:
    """Compare the server's store with the source: rows and their content per table, audit logs,
    evidence files. `filled`: the hash the move gave each bundle held before 0026, by quarantine
    row (by default, what the server's rows name for those held without one in the source)."""
    if filled is None:
        filled = _filled_on_server(source, target)
    before = store_copy.table_contents(
        source.database, leaving_out=MOVED_COLUMNS, transforms={"quarantine": _naming(filled)}
    )
    after = store_copy.table_contents(target.database, leaving_out=MOVED_COLUMNS)
    tables = tuple(
        TableCount(name, count, after.get(name, (0, ""))[0], digest, after.get(name, (0, ""))[1])
        for name, (count, digest) in before.items()
    )
    hashes = store_copy.evidence_hashes(target.database)
    bad = tuple(h for h in hashes if not target.evidence.exists(h) or not target.evidence.verify(h))
    return MoveCheck(
        target=shown_url(target.database.url or ""),
        tables=tables,
        audit=verify_store(target),
        evidence_files=len(hashes),
        evidence_bad=bad,
        held_not_carried=tuple(store_copy.held_without_content(target.database)),
    )


def _filled_on_server(source: Workspace, target: Workspace) -> dict[int, str]:
    old = store_copy.held_without_content(source.database)
    with target.database.reading() as session:
        kept = exchange(target, Repository(session))
        records = [kept.quarantine_item(quarantine_id) for quarantine_id in old]
    return {r.id: r.content_sha256 for r in records if r is not None and r.content_sha256}
