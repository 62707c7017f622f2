"""Two writers on one store (the app and the command line, or two windows): serialised by the
write lock taken before any read, never an IntegrityError on the audit chain, and a clear
STORE_BUSY when the lock is held too long."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from assessor_app.domain.errors import StoreError
from assessor_app.services import assessments, reference_data
from assessor_app.services.workspace import open_workspace

pytestmark = pytest.mark.sqlite_only(
    "processes writing the same file; the server's are in test_postgres_concurrency.py"
)


def test_two_long_lived_writers_never_break_the_audit_chain(home: Path) -> None:
    """Attack: two workspaces (two processes' worth of connections) set values on the same
    assessment as fast as they can. With deferred transactions both read the same chain head
    and one of them failed at commit with an IntegrityError (about 40 % of the sets)."""
    first = open_workspace(home, actor="A", busy_timeout=20_000)
    reference_data.initialise(first)
    created = assessments.create(first, "06385", 2016)
    second = open_workspace(home, actor="B", busy_timeout=20_000)
    errors: list[BaseException] = []
    rounds = 40

    def writer(workspace: object, figures: list[str]) -> None:
        try:
            for text in figures:
                assessments.set_value(workspace, created.id, "TC2.1", text)  # type: ignore[arg-type]
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [
        threading.Thread(target=writer, args=(first, [f"{n}/100" for n in range(1, rounds)])),
        threading.Thread(target=writer, args=(second, [f"{n}/200" for n in range(1, rounds)])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        report = assessments.audit(first, created.id)
        assert report.intact
        assert len(report.entries) == 1 + 2 * (rounds - 1)
    finally:
        first.close()
        second.close()


def test_a_held_write_lock_gives_store_busy_and_changes_nothing(home: Path) -> None:
    workspace = open_workspace(home, actor="A", busy_timeout=200)
    reference_data.initialise(workspace)
    created = assessments.create(workspace, "06385", 2016)
    blocker = sqlite3.connect(home / "assessor.sqlite3", isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError) as caught:
            assessments.set_value(workspace, created.id, "TC2.1", "49/50")
        assert caught.value.code == "STORE_BUSY"
        assert "busy" in caught.value.english()
        # Readers are not blocked by a writer (WAL).
        assert assessments.summary(workspace, created.id).total == 0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    assert assessments.audit(workspace, created.id).intact
    workspace.close()


def test_a_full_database_says_disk_full_and_keeps_the_store(home: Path) -> None:
    """SQLITE_FULL (here provoked with max_page_count, as a full disk would) is STORE_DISK_FULL,
    not 'store unreadable' and not a bug; the transaction is rolled back whole."""
    from sqlalchemy import event

    workspace = open_workspace(home, actor="A")
    reference_data.initialise(workspace)
    created = assessments.create(workspace, "06385", 2016)

    def cap(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        (pages,) = cursor.execute("PRAGMA page_count").fetchone()
        cursor.execute(f"PRAGMA max_page_count={pages}")
        cursor.close()

    workspace.database.engine.dispose()
    event.listen(workspace.database.engine, "connect", cap)
    caught: StoreError | None = None
    for number in range(1, 2000):  # each set adds versions and audit rows until full
        try:
            assessments.set_value(workspace, created.id, "TC2.1", f"{number}/5000")
        except StoreError as error:
            caught = error
            break
    assert caught is not None
    assert caught.code == "STORE_DISK_FULL"
    event.remove(workspace.database.engine, "connect", cap)
    workspace.database.engine.dispose()
    assert assessments.audit(workspace, created.id).intact
    workspace.close()
