"""Moving an office's store from its SQLite file to a PostgreSQL server (`store migrate --to`,
issue 16; docs/store.md, "Moving a store to the server").

1. The target must be a PostgreSQL database, empty (it is migrated to the head on opening; the rows
   a migration puts there do not count): anything else is refused (STORE_TARGET_NOT_EMPTY), so a
   move never mixes two offices' records.
2. Evidence files first: each one the records name must be in the source's evidence place (one
   missing: MOVE_EVIDENCE_MISSING naming it, nothing copied); then each is streamed into the
   server store's evidence place (the database's chunks, or the shared folder configured:
   storage/evidence_store.py), unless that place already holds it. Content-addressed, so a
   failure here leaves the server without records and the move can simply be run again.
3. Then every row, in one transaction (storage/store_copy.py): ids kept, sequences moved on. The
   SQLite file is only read. A failure or a cancel rolls it back: the server holds no records.
   Held bundles are evidence content too (migration 0026); a bundle held before 0026 (a file in
   the data home's quarantine/) is then streamed into the server's evidence store and its row
   names it by hash, so every officer of the server can retry, resolve or reject it.
4. The check, on the server, after the commit: per table, the rows and a hash of their content in
   key order equal the source's (where a held bundle's bytes are kept is left out: it moves by
   design); every audit log replays and matches its signed heads (services/audit_trail.
   verify_store, as `audit verify-store`); every evidence file and held bundle the server's
   records name is there with its hash; no held bundle is left naming a file on this computer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assessor_app.core.progress import Cancelled, OperationCancelled, Progress
from assessor_app.domain.errors import N_, InputError, StateError
from assessor_app.services.audit_trail import StoreAudit, verify_store
from assessor_app.services.exchange_store import exchange
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage import store_copy
from assessor_app.storage.database import WriteSession
from assessor_app.storage.database_postgres import is_openable_url, safely_shown, shown_url
from assessor_app.storage.repository import Repository

# Where a held bundle's bytes are kept: a file of the data home before 0026, the evidence store
# after the move (carry_old_holds). Not compared: the bundle itself is, as evidence content.
MOVED_COLUMNS = {"quarantine": frozenset({"stored_path", "content_sha256"})}

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
        copy_evidence(source, target, hashes, quiet, cancelled or never)
        store_copy.copy_rows(source.database, target.database, progress, cancelled)
        carry_old_holds(target, cancelled or never)
        return check_move(source, target)
    finally:
        target.close()


def carry_old_holds(target: Workspace, cancelled: Cancelled) -> None:
    """Bundles held before migration 0026 are files in the data home's quarantine/: stream each
    into the server's evidence store and name it by hash in its row (a file that cannot be read is
    left, and the check reports its row)."""
    for quarantine_id in store_copy.held_without_content(target.database):
        if cancelled():
            raise OperationCancelled()
        with target.database.reading() as session:
            record = exchange(target, Repository(session)).quarantine_item(quarantine_id)
        if record is None or record.stored_path is None:
            continue
        try:
            stored = target.evidence.put_file(record.stored_path)
        except OSError:
            continue
        _name_hold(target, quarantine_id, stored.sha256)


def _name_hold(target: Workspace, quarantine_id: int, sha256: str) -> None:
    """The held bundle's row names its content in the evidence store (one retried transaction)."""

    def _work(session: WriteSession) -> None:
        exchange(target, Repository(session)).set_hold_content(quarantine_id, sha256)

    target.database.run_in_transaction(_work)


def check_move(source: Workspace, target: Workspace) -> MoveCheck:
    """Compare the server's store with the source: rows and their content per table, audit logs,
    evidence files."""
    before = store_copy.table_contents(source.database, leaving_out=MOVED_COLUMNS)
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
