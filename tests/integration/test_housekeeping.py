"""Leftovers of killed runs: a bundle unpacked under `incoming/`, a bundle half-built under `tmp/`,
an evidence file half-copied. The next start removes them; never the copy of a run that is alive
in another process (the app and the command line may run at once)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.cli import exit_codes
from assessor_app.services import bundle_import, housekeeping
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.evidence import LEFTOVER_AGE_SECONDS, TEMPORARY_PREFIX
from tests.cli import conftest as cli_conftest
from tests.cli.conftest import Runner
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    export,
    listing,
    open_site,
    rich_assessment,
)

cli = cli_conftest.cli  # the command line in-process, as in tests/cli

# Each child process starts a real operation and stops, still alive, in the middle of it: on the
# first progress report, once it has written something. The test then kills it (SIGKILL on POSIX).
PAUSE = """
import sys, time

def pause(*_progress):
    print("paused", flush=True)
    time.sleep(600)
"""
IMPORT = (
    PAUSE
    + """
from assessor_app.services import bundle_import
from assessor_app.services.workspace import open_workspace
workspace = open_workspace(sys.argv[1], store=sys.argv[4] or None)
bundle_import.apply(workspace, sys.argv[2], sys.argv[3], progress=pause)
"""
)
EXPORT = (
    PAUSE
    + """
from assessor_app.services import bundle_export
from assessor_app.services.workspace import open_workspace
workspace = open_workspace(sys.argv[1], store=sys.argv[5] or None)
bundle_export.export(workspace, [int(sys.argv[3])], sys.argv[2], sys.argv[4], progress=pause)
"""
)
EVIDENCE = (
    PAUSE
    + """
from pathlib import Path
from assessor_app.storage.evidence import EvidenceStore
EvidenceStore(Path(sys.argv[1])).put_file(Path(sys.argv[2]), progress=pause)
"""
)


@pytest.fixture
def office(home: Path) -> Iterator[Workspace]:
    workspace = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS)
    yield workspace
    workspace.close()


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield workspace
    workspace.close()


@pytest.fixture
def paused() -> Iterator[list[subprocess.Popen[str]]]:
    """Start children with `start(script, *args)`; any still alive is killed at the end."""
    children: list[subprocess.Popen[str]] = []
    yield children
    for child in children:
        child.kill()
        child.wait()
        assert child.stdout is not None
        child.stdout.close()


def start(children: list[subprocess.Popen[str]], script: str, *args: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
    )
    children.append(child)
    assert child.stdout is not None
    assert child.stdout.readline() == "paused\n"  # EOF (the child failed) reads ""
    return child


def kill(child: subprocess.Popen[str]) -> None:
    child.kill()  # SIGKILL: no finally, no atexit, as with a power cut
    child.wait()


def store_of(workspace: Workspace) -> str:
    """What a child opens `workspace`'s store with: its server's URL, "" for the home's file."""
    return workspace.database.url or ""


def entries(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_an_import_killed_midway_is_removed_at_the_next_start_never_while_alive(
    cli: Runner,
    office: Workspace,
    team: Workspace,
    home: Path,
    tmp_path: Path,
    paused: list[subprocess.Popen[str]],
) -> None:
    (tmp_path / "USB").mkdir()
    bundle = export(team, [rich_assessment(team, tmp_path)], tmp_path / "USB" / "b.ldbundle")
    importing = start(paused, IMPORT, str(home), str(bundle), OFFICE_PASS, store_of(office))
    incoming = home / "incoming"
    (folder,) = (p for p in incoming.iterdir() if p.is_dir())
    assert entries(incoming) == {folder.name, folder.name + ".lock"}
    unpacked = listing(folder)
    assert unpacked  # the bundle is being unpacked there

    # A start of the command line meanwhile keeps the running import's copy.
    assert cli("assessment", "list").code == 0
    assert listing(folder) == unpacked

    kill(importing)
    assert listing(folder) == unpacked  # what a killed import leaves: forever, before this fix
    assert cli("assessment", "list").code == 0
    assert not incoming.exists()


def test_an_export_killed_midway_leaves_nothing_after_the_next_start(
    cli: Runner, team: Workspace, tmp_path: Path, paused: list[subprocess.Popen[str]]
) -> None:
    (tmp_path / "USB").mkdir()
    assessment = rich_assessment(team, tmp_path)
    root, target = team.home.root, tmp_path / "USB" / "b.ldbundle"
    exporting = start(
        paused, EXPORT, str(root), str(target), str(assessment), TEAM_PASS, store_of(team)
    )
    staging = root / "tmp"
    (folder,) = (p for p in staging.iterdir() if p.is_dir())
    assert entries(staging) == {folder.name, folder.name + ".lock"}

    assert cli("--home", str(root), "assessment", "list").code == 0
    assert folder.is_dir()
    kill(exporting)
    assert cli("--home", str(root), "assessment", "list").code == 0
    assert not staging.exists()


@pytest.mark.sqlite_only(
    "the half-copied file in the data home's evidence folder; a server store writes a file's "
    "content in its transaction, which a killed run rolls back"
)
def test_an_evidence_copy_killed_midway_is_removed_once_unlocked_and_old(
    cli: Runner, office: Workspace, home: Path, tmp_path: Path, paused: list[subprocess.Popen[str]]
) -> None:
    photo = tmp_path / "ảnh.jpg"
    photo.write_bytes(os.urandom(3 * 1024 * 1024))  # more than one chunk: progress is reported
    copying = start(paused, EVIDENCE, str(office.evidence.root), str(photo))
    (temporary,) = office.evidence.root.glob(TEMPORARY_PREFIX + "*")
    long_ago = time.time() - LEFTOVER_AGE_SECONDS - 60

    os.utime(temporary, (long_ago, long_ago))  # a copy that has been running for a long time
    assert cli("assessment", "list").code == 0
    assert temporary.exists()  # kept: its writer is alive

    kill(copying)
    os.utime(temporary)  # written a moment ago: maybe a copy starting or finishing right now
    assert cli("assessment", "list").code == 0
    assert temporary.exists()

    os.utime(temporary, (long_ago, long_ago))
    assert cli("assessment", "list").code == 0
    assert not temporary.exists()
    assert office.evidence.put_file(photo).created  # the store still works


def test_leftovers_as_a_crash_or_an_earlier_version_leaves_them(
    cli: Runner, home: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "Tài liệu"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the app's", encoding="utf-8")
    incoming, staging = home / "incoming", home / "tmp"
    crashed = staging / "export-k1lled00" / "assessor-bundle-x" / "bundle" / "data"
    crashed.mkdir(parents=True)
    (crashed / "bundle.json").write_text("{}", encoding="utf-8")
    (staging / "export-k1lled00.lock").touch()  # nobody holds it any more
    (staging / "assessor-bundle-0ld").mkdir()  # made by a version without locks
    (incoming / "bundle-0ld").mkdir(parents=True)
    (incoming / "bundle-0ld" / "bundle").mkdir()
    (incoming / "bundle-gone.lock").touch()  # its folder was removed, not yet its lock
    (incoming / "bundle-link").symlink_to(outside, target_is_directory=True)

    assert cli("assessment", "list").code == 0
    assert not incoming.exists()
    assert not staging.exists()
    assert entries(outside) == {"keep.txt"}  # a link is removed, never followed


def test_the_sweep_is_cheap_and_only_at_start_up(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leftover = home / "incoming" / "bundle-0ld"
    leftover.mkdir(parents=True)
    workspace = open_workspace(home)  # the services open the store freely: no sweep there
    try:
        assert leftover.is_dir()
        assert housekeeping.sweep(workspace) == 1
        listed: list[str] = []
        real = os.listdir

        def counting(path: str | os.PathLike[str]) -> list[str]:
            listed.append(os.fspath(path))
            return real(path)

        monkeypatch.setattr(os, "listdir", counting)
        monkeypatch.setattr(os, "scandir", None)  # no walking of any tree when nothing is left
        assert housekeeping.sweep(workspace) == 0
        on_server = workspace.database.is_postgres  # no evidence folder: files in the store
    finally:
        workspace.close()
    expected = ["incoming", "tmp"] if on_server else ["evidence", "incoming", "tmp"]
    assert sorted(Path(p).name for p in listed) == expected


def test_successful_runs_leave_no_lock_and_no_folder(
    office: Workspace, team: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "USB").mkdir()
    bundle = export(team, [rich_assessment(team, tmp_path)], tmp_path / "USB" / "b.ldbundle")
    assert (
        exit_codes.for_bundle_code(bundle_import.verify(office, bundle).code) == 24
    )  # not enrolled: refused
    bundle_import.apply(office, bundle, OFFICE_PASS)
    assert not (office.home.root / "incoming").exists()
    assert not (team.home.root / "tmp").exists()
    evidence_folder = team.home.evidence  # the files of a SQLite store (none on a server)
    assert not list(evidence_folder.glob(TEMPORARY_PREFIX + "*"))
