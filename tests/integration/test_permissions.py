"""Files at rest: what the app keeps in the data home is its owner's only (folders 0700, the store
and the logs 0600), even under a permissive umask; what the user saves elsewhere follows the umask.

The data home holds personal data of children and officials, often on a computer an office shares.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.core import files
from assessor_app.logs import LOG_FILE, configure_logging
from assessor_app.paths import data_home
from assessor_app.services import bundle_import
from assessor_app.services.workspace import open_workspace
from tests.cli import conftest as cli_conftest
from tests.cli.conftest import Runner
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    open_site,
    rich_assessment,
)

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="Windows has no mode bits"),
    pytest.mark.sqlite_only("file modes of the data home and its store file"),
]

FOLDERS = ("", "keys", "receipts", "quarantine", "logs")

cli = cli_conftest.cli  # the command line in-process, as in tests/cli


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The usual umask of a desktop session: new files readable by everyone."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def not_private(root: Path) -> dict[str, str]:
    """Everything under `root` (itself included) that someone else could read or enter."""
    found = {}
    for path in [root, *root.rglob("*")]:
        wanted = 0o700 if path.is_dir() else 0o600
        if mode(path) != wanted:
            found[path.relative_to(root).as_posix() or "."] = oct(mode(path))
    return found


def log_line() -> None:
    logging.getLogger("assessor_app.test").warning("a line for the log file")


def test_init_makes_the_data_home_private(cli: Runner, home: Path) -> None:
    assert cli("init").code == 0
    log_line()
    for folder in FOLDERS:
        assert mode(home / folder) == 0o700, folder
    assert mode(home / "assessor.sqlite3") == 0o600
    assert mode(home / "logs" / LOG_FILE) == 0o600
    assert not_private(home) == {}


def test_keys_receipts_quarantine_evidence_and_journals_are_private(
    cli: Runner, home: Path, tmp_path: Path
) -> None:
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)  # keys init
    stranger = open_site(tmp_path / "stranger", "Vi Văn Đức", "Vi Văn Đức", TEAM_PASS)
    office = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS)
    try:
        usb, cards = tmp_path / "USB", tmp_path / "cards"
        usb.mkdir()
        enrol(office, team, cards)
        known = export(team, [rich_assessment(team, tmp_path)], usb / "known.ldbundle")
        unknown = export(stranger, [rich_assessment(stranger, tmp_path)], usb / "unknown.ldbundle")

        accepted = bundle_import.apply(office, known, OFFICE_PASS)
        held = bundle_import.apply(office, unknown, OFFICE_PASS)
        assert (accepted.outcome, held.outcome) == ("accepted", "quarantined")
        assert accepted.receipt_path is not None
        assert accepted.receipt_path.parent == home / "receipts"
        assert held.quarantine_sha256 is not None  # kept in the evidence folder
        assert office.evidence.readable_path(held.quarantine_sha256).is_relative_to(
            home / "evidence"
        )
        # SQLite's journals, while the store is open, have the store file's mode.
        for side in ("assessor.sqlite3-wal", "assessor.sqlite3-shm"):
            assert mode(home / side) == 0o600, side
        assert cli("assessment", "list").code == 0
        log_line()

        assert (home / "keys" / "signing-key.pem").is_file()
        assert any((home / "evidence").iterdir())
        assert not_private(home) == {}
        assert not_private(team.home.root) == {}
        # What the user saves elsewhere follows the umask; the process umask is left alone.
        assert mode(usb) == mode(cards) == 0o755
        assert mode(known) == 0o644
        assert os.umask(0o022) == 0o022
    finally:
        for workspace in (team, stranger, office):
            workspace.close()


def test_a_home_made_by_an_earlier_version_is_tightened_when_opened(
    cli: Runner, home: Path
) -> None:
    assert cli("init").code == 0
    log_line()
    for folder in ("", "keys", "receipts", "quarantine", "logs", "evidence", "backups", "tmp"):
        (home / folder).mkdir(exist_ok=True)
        (home / folder).chmod(0o755)
    for name in (
        "assessor.sqlite3",
        "assessor.sqlite3-wal",
        f"logs/{LOG_FILE}",
        f"logs/{LOG_FILE}.3",
    ):
        (home / name).touch()
        (home / name).chmod(0o644)

    assert cli("assessment", "list").code == 0
    assert not_private(home) == {}


def test_log_files_stay_private_when_they_rotate(home: Path) -> None:
    configure_logging(home / "logs")
    handler = next(
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    )
    log_line()
    handler.doRollover()
    log_line()
    handler.doRollover()
    log_line()
    names = {p.name for p in (home / "logs").iterdir()}
    assert names == {LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2"}
    assert not_private(home / "logs") == {}


def test_on_windows_nothing_is_chmodded_and_nothing_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("chmod on Windows")

    home = data_home(tmp_path / "windows")
    for folder in (*home.kept_folders(), home.logs, home.incoming):
        folder.mkdir(mode=0o755, parents=True)  # loose, as a start on POSIX would tighten them
    monkeypatch.setattr(files, "_POSIX", False)
    monkeypatch.setattr(os, "chmod", refuse)
    monkeypatch.setattr(os, "fchmod", refuse)
    configure_logging(home.logs)
    log_line()
    open_workspace(home.root).close()
    assert home.database.is_file()
    assert (home.logs / LOG_FILE).is_file()
    assert mode(home.root) == 0o755
