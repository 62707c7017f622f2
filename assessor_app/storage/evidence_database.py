"""Evidence files in the PostgreSQL store itself, streamed in 1 MiB rows (issue 16).

Tables and the choice of rows over large objects: storage/schema_evidence.py. Writing a file is
one transaction of its own (not the use case's): each chunk is sent to the server as it is read,
under a fresh upload id, while the SHA-256 is computed; at the end the content row names the hash.
If the same content is stored already (or another officer stored it meanwhile: the primary key
says so at commit), the transaction is rolled back and the chunks vanish with it. A use case whose
own transaction fails removes what it created (`discard`), but only when nothing refers to it:
the server's `assessor_discard_evidence` checks that in the same SERIALIZABLE transaction
(storage/officer_checks.py), since another officer may have found the content stored and referred
to it meanwhile. Officers have no DELETE on these tables: that function is the only way out.

Reading is a stream too (`open`): one chunk per query, in a read-only snapshot, so a 1 GB file
never sits in memory. The size and SHA-256 of what was read are checked at the end of the stream:
content changed on the server is EVIDENCE_CORRUPT, never handed on as the file. What needs a path (a viewer, a thumbnail) gets a copy in a cache folder of
the data home (`readable_path`), written once per content and named by its hash.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from assessor_app.core.files import PRIVATE_FOLDER, fsync_and_replace, private_folder
from assessor_app.domain.errors import N_, OperationCancelled, StoreError
from assessor_app.storage.database import Database
from assessor_app.storage.database_postgres import is_busy
from assessor_app.storage.evidence import CHUNK, StoredBlob, check_sha256
from assessor_app.storage.officer_checks import DISCARD_FUNCTION

log = logging.getLogger(__name__)

_INSERT_CHUNK = text("INSERT INTO evidence_chunks (upload, seq, data) VALUES (:u, :s, :d)")
_INSERT_CONTENT = text(
    "INSERT INTO evidence_contents (sha256, size, upload, chunks, stored_at) "
    "VALUES (:h, :n, :u, :c, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
)
_FIND = text("SELECT upload, chunks, size FROM evidence_contents WHERE sha256 = :h")
_CHUNK = text("SELECT data FROM evidence_chunks WHERE upload = :u AND seq = :s")
_DISCARD = text(f"SELECT {DISCARD_FUNCTION}(:h)")


class _StoredAlready(Exception):
    pass


class DatabaseEvidence:
    def __init__(self, database: Database, cache: Path) -> None:
        self.database = database
        self.cache = cache  # copies for viewers (`readable_path`), safe to delete at any time

    def exists(self, sha256: str) -> bool:
        check_sha256(sha256)
        with self.database.expected_errors(), self.database.engine.connect() as connection:
            return connection.execute(_FIND, {"h": sha256}).first() is not None

    def put_stream(
        self,
        source: BinaryIO,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        expected: str | None = None,
    ) -> StoredBlob:
        """Store the stream; with `expected`, refuse (ValueError, nothing stored) content that
        does not hash to it."""
        with self.database.expected_errors():  # a server out of reach, a connection lost
            return self._put_stream(source, progress, cancelled, expected)

    def _put_stream(
        self,
        source: BinaryIO,
        progress: Callable[[int], None] | None,
        cancelled: Callable[[], bool] | None,
        expected: str | None,
    ) -> StoredBlob:
        upload = uuid.uuid4().hex
        digest, size, seq = hashlib.sha256(), 0, 0
        with self.database.write_sessions() as session:
            try:
                with session.begin():
                    connection = session.connection()
                    while chunk := source.read(CHUNK):
                        if cancelled is not None and cancelled():
                            raise OperationCancelled  # rolled back: nothing is left
                        digest.update(chunk)
                        connection.execute(_INSERT_CHUNK, {"u": upload, "s": seq, "d": chunk})
                        size += len(chunk)
                        seq += 1
                        if progress is not None:
                            progress(size)
                    sha256 = digest.hexdigest()
                    if expected is not None and sha256 != expected:
                        raise ValueError(f"the content does not hash to {expected}")
                    if self._find(connection, sha256) is not None:
                        raise _StoredAlready  # rolled back: the chunks just sent are dropped
                    connection.execute(
                        _INSERT_CONTENT, {"h": sha256, "n": size, "u": upload, "c": seq}
                    )
            except (_StoredAlready, IntegrityError):  # IntegrityError: stored meanwhile
                return StoredBlob(digest.hexdigest(), size, created=False)
            except Exception as error:
                if is_busy(error) and self.exists(digest.hexdigest()):
                    return StoredBlob(digest.hexdigest(), size, created=False)
                raise
        return StoredBlob(sha256, size, created=True)

    @staticmethod
    def _find(connection: Connection, sha256: str) -> tuple[str, int, int] | None:
        row = connection.execute(_FIND, {"h": sha256}).first()
        return None if row is None else (str(row[0]), int(row[1]), int(row[2]))

    def put_file(self, path: Path, **kwargs: object) -> StoredBlob:
        with open(path, "rb") as source:
            return self.put_stream(source, **kwargs)  # type: ignore[arg-type]

    def adopt(self, source: Path, sha256: str) -> bool:
        """Copy the file `source` (left where it is) into the store, checking on the way that it
        hashes to `sha256` (ValueError, nothing stored, when it does not)."""
        check_sha256(sha256)
        if self.exists(sha256):
            return False
        with open(source, "rb") as stream:
            return self.put_stream(stream, expected=sha256).created

    def sync_folders(self, blobs: Iterable[str]) -> None:
        """Nothing to do: each blob was committed by the server when `adopt` returned."""

    def discard(self, sha256: str) -> None:
        """Remove the content, unless a record refers to it (another officer may have found it
        stored and referred to it since this program stored it). When the server keeps refusing
        (another officer's transaction is referring to it right now), the content stays: content
        nothing refers to is harmless, and a cleanup must not hide the error that called it."""
        check_sha256(sha256)
        try:
            self.database.run_in_transaction(
                lambda session: session.connection().execute(_DISCARD, {"h": sha256})
            )
        except StoreError as error:
            if error.code != "STORE_BUSY":
                raise
            log.info("evidence %s kept: the server refused its removal (%s)", sha256, error.code)

    def undo_created(self, sha256: str) -> None:
        self.discard(sha256)

    def remove_leftovers(self, now: float | None = None) -> int:
        """Nothing is ever left over: a write that dies is rolled back by the server. Old cached
        copies for viewers are not leftovers either (they are re-used)."""
        return 0

    def verify(self, sha256: str) -> bool:
        try:
            with self.open(sha256) as stream:
                while stream.read(CHUNK):
                    pass
        except StoreError as error:
            if error.code in ("EVIDENCE_CORRUPT", "EVIDENCE_INCOMPLETE"):
                return False
            raise
        return True

    def open(self, sha256: str) -> BinaryIO:
        check_sha256(sha256)
        with self.database.expected_errors():
            connection = self.database.engine.connect()  # a read-only snapshot, held while reading
            try:
                found = self._find(connection, sha256)
            except BaseException:
                connection.close()
                raise
        if found is None:
            connection.close()
            raise FileNotFoundError(f"evidence {sha256} is not in the store")
        reader = _ChunkReader(self.database, connection, sha256, found)
        return io.BufferedReader(reader, CHUNK)

    def readable_path(self, sha256: str) -> Path:
        check_sha256(sha256)
        target = self.cache / sha256[:2] / sha256
        if target.is_file():
            return target
        private_folder(self.cache)
        target.parent.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=".incoming.", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as out, self.open(sha256) as stream:
                while chunk := stream.read(CHUNK):
                    out.write(chunk)
            fsync_and_replace(Path(name), target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return target


class _ChunkReader(io.RawIOBase):
    """The chunks of one upload, fetched one query at a time; at the end, the size and hash of
    what was read are checked against the content's."""

    def __init__(
        self, database: Database, connection: Connection, sha256: str, found: tuple[str, int, int]
    ) -> None:
        self.database = database  # its expected errors: a connection lost mid-stream
        self.connection = connection
        self.sha256 = sha256
        self.upload, self.chunks, self.size = found
        self.seq = 0
        self.pending = memoryview(b"")
        self.digest = hashlib.sha256()
        self.read_size = 0
        self.checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if not self.pending and self.seq < self.chunks:
            with self.database.expected_errors():
                row = self.connection.execute(_CHUNK, {"u": self.upload, "s": self.seq}).first()
            if row is None:
                raise StoreError(
                    "EVIDENCE_INCOMPLETE",
                    N_("Part {part} of the evidence file {upload} is missing from the store."),
                    part=self.seq,
                    upload=self.upload,
                )
            self.pending = memoryview(row[0])
            self.digest.update(self.pending)
            self.read_size += len(self.pending)
            self.seq += 1
        if not self.pending and self.seq >= self.chunks and not self.checked:
            self._check()
        count = min(len(buffer), len(self.pending))
        buffer[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count

    def _check(self) -> None:
        if self.read_size != self.size or self.digest.hexdigest() != self.sha256:
            raise StoreError(
                "EVIDENCE_CORRUPT",
                N_(
                    "The evidence file {sha256} in the store has changed since it was stored (its size or content no longer matches). It was not opened; ask the store's administrator to restore it from a backup."
                ),
                sha256=self.sha256,
            )
        self.checked = True

    def close(self) -> None:
        if not self.closed:
            self.connection.close()
        super().close()
