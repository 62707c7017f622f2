"""A held write lock at the command line: exit 6 and one line, never "a bug" (exit 1)."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Runner

pytestmark = pytest.mark.sqlite_only(
    "a SQLite write lock and a full disk under the file; the server's STORE_BUSY is in test_postgres_store.py"
)


def test_a_held_write_lock_is_exit_6_with_one_line(
    cli: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("init").code == 0
    assessment = cli("assessment", "new", "--commune", "06385", "--year", "2016").out.strip()
    monkeypatch.setenv("ASSESSOR_BUSY_TIMEOUT", "0.2")
    blocker = sqlite3.connect(home / "assessor.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # the app, saving, in another process
    try:
        result = cli("assessment", "set", assessment, "TC2.1", "49/50")
        vietnamese = cli("assessment", "set", assessment, "TC2.1", "49/50", lang="vi")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.code == 6
    assert result.err.count("\n") == 1
    assert "busy" in result.err
    assert "[STORE_BUSY]" in result.err
    assert vietnamese.code == 6
    assert cli("assessment", "set", assessment, "TC2.1", "49/50").code == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB file system (tmpfs), where the store soon fills the disk. Needs root."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        # The command pointed the log at the small disk: close that file before it goes away, so
        # that later tests do not log into a folder that no longer exists.
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_assessor", False)]:
            root.removeHandler(handler)
            handler.close()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_data_disk_says_disk_full(
    cli: Runner, tiny_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_HOME", str(tiny_disk / "home"))
    result = cli("init")
    assert result.code == 6
    assert "[STORE_DISK_FULL]" in result.err
    assert "full" in result.err
    assert "STORE_UNREADABLE" not in result.err
