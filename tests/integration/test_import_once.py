"""An import reads each payload byte once and moves the evidence files it unpacked into the store
(issue 11), with the same guarantees as the copy it replaces: a file whose content is not what its
name says is refused, the moves are durable before the store refers to them, and a failed import
leaves no evidence behind."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessor_app.services import bundle_import, notes
from assessor_app.services.workspace import Workspace
from assessor_app.storage import evidence as evidence_module
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    dump,
    enrol,
    export,
    listing,
    open_site,
    resign,
    rich_assessment,
    unlock,
)

PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(3 * 1024 * 1024)
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield ws
    ws.close()


@pytest.fixture
def bundle(team_ws: Workspace, office: Workspace, tmp_path: Path) -> Path:
    stick = tmp_path / "USB"
    stick.mkdir()
    enrol(office, team_ws, tmp_path / "cards")
    assessment = rich_assessment(team_ws, tmp_path, finalise=False)
    photo = tmp_path / "ảnh trường học.jpg"
    photo.write_bytes(PHOTO)
    notes.attach_evidence(team_ws, assessment, "TC2.1", photo, caption="Trường học")
    return export(team_ws, [assessment], stick / "b.ldbundle", drafts=True)


def test_an_import_hashes_each_payload_byte_once_and_copies_no_evidence(
    office: Workspace, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = 0
    real = hashlib.sha256

    class Counting:
        def __init__(self, data: bytes = b"") -> None:
            self.inner = real()
            self.update(data)

        def update(self, data: Any) -> None:
            nonlocal hashed
            hashed += len(memoryview(data).cast("B"))
            self.inner.update(data)

        def hexdigest(self) -> str:
            return self.inner.hexdigest()

        def digest(self) -> bytes:
            return self.inner.digest()

    def no_copy(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the import copied an evidence file instead of moving it")

    monkeypatch.setattr(hashlib, "sha256", Counting)
    monkeypatch.setattr(evidence_module.EvidenceStore, "put_stream", no_copy)
    result = bundle_import.apply(office, bundle)
    monkeypatch.undo()
    assert result.outcome == "accepted"
    # The photo is most of the payload: read twice it would count 6 MiB. A server store checks
    # the hash once more as it sends the file (DatabaseEvidence.adopt, test_evidence_stores.py):
    # exactly one more reading of the photo, never more.
    readings = 2 if office.database.is_postgres else 1
    assert readings * len(PHOTO) <= hashed <= readings * len(PHOTO) + 512 * 1024
    assert office.evidence.verify(PHOTO_SHA)
    if not office.database.is_postgres:  # a file in the data home, private
        assert office.evidence.path_of(PHOTO_SHA).stat().st_mode & 0o777 == 0o600  # type: ignore[attr-defined]


@pytest.mark.sqlite_only(
    "the evidence file moved into the data home's folder is fsynced; a server store keeps the "
    "content in its transaction"
)
def test_moved_evidence_is_made_durable_before_the_commit(
    office: Workspace, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    real_directory = evidence_module.fsync_directory
    shard = office.evidence.path_of(PHOTO_SHA).parent

    def fsync(descriptor: int) -> None:
        if os.path.realpath(f"/proc/self/fd/{descriptor}").endswith(PHOTO_SHA):
            events.append("file")
        real_fsync(descriptor)

    def replace(source: Any, target: Any) -> None:
        if str(target).endswith(PHOTO_SHA):
            events.append("rename")
        real_replace(source, target)

    def fsync_directory(folder: Path) -> None:
        events.append("shard" if folder == shard else "folder")
        real_directory(folder)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(evidence_module, "fsync_directory", fsync_directory)
    bundle_import.apply(office, bundle)
    photo = [e for e in events if e in ("file", "rename", "shard")]
    if os.path.isdir("/proc/self/fd"):
        assert photo == ["file", "rename", "shard"]
    else:  # pragma: no cover - no /proc to name a descriptor's file
        assert photo == ["rename", "shard"]


def test_evidence_whose_content_is_not_its_name_is_refused_and_nothing_kept(
    team_ws: Workspace, office: Workspace, bundle: Path, tmp_path: Path
) -> None:
    def swap(files: dict[str, bytes]) -> None:
        # validly hashed, wrongly named: the last byte flipped (never the same file)
        files[f"evidence/{PHOTO_SHA}"] = PHOTO[:-1] + bytes([PHOTO[-1] ^ 0xFF])

    forged = resign(bundle, tmp_path / "forged.ldbundle", unlock(team_ws), swap)
    files = listing(office.home.root)
    assert bundle_import.verify(office, forged).code == "BUNDLE_CORRUPT"
    result = bundle_import.apply(office, forged, OFFICE_PASS)
    assert result.outcome == "rejected"
    assert result.report.code == "BUNDLE_CORRUPT"
    assert not office.evidence.exists(PHOTO_SHA)
    assert {f for f in listing(office.home.root) - files if f.startswith("evidence/")} == set()


def test_a_failed_import_removes_the_evidence_it_moved(
    office: Workspace, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, files = dump(office), listing(office.home.root)

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("assessor_app.services.merge_apply.rescore", broken)
    with pytest.raises(OSError):
        bundle_import.apply(office, bundle)
    assert dump(office) == before
    assert listing(office.home.root) == files
    monkeypatch.undo()
    assert bundle_import.apply(office, bundle).outcome == "accepted"
    assert office.evidence.verify(PHOTO_SHA)
