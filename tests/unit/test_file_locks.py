"""The OS locks that tell a live owner from a crash's leftover (core/files.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from assessor_app.core.files import (
    claim_if_unlocked,
    create_locked_file,
    lock,
    remove_locked,
)


def test_a_held_lock_cannot_be_claimed_a_released_one_can(tmp_path: Path) -> None:
    descriptor, path = create_locked_file(tmp_path, "bundle-", ".lock")
    assert claim_if_unlocked(path) is None  # held (another open file, as another process)
    assert path.exists()
    os.close(descriptor)  # what dying does
    claimed = claim_if_unlocked(path)
    assert claimed is not None
    remove_locked(claimed, path)
    assert list(tmp_path.iterdir()) == []


def test_a_file_gone_meanwhile_is_not_claimed(tmp_path: Path) -> None:
    assert claim_if_unlocked(tmp_path / "bundle-gone.lock") is None


def test_a_lock_file_taken_by_a_sweeper_before_it_was_locked_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The instant between creating a lock file and locking it: a sweeper in another process finds
    it unlocked, takes it for a leftover and removes it. The owner must not go on with a lock
    on a file that no longer has a name (the next sweep would find its folder unguarded)."""
    real = tempfile.mkstemp
    swept: list[Path] = []

    def sweeper_strikes_first(*args: object, **kwargs: object) -> tuple[int, str]:
        descriptor, name = real(*args, **kwargs)  # type: ignore[call-overload]
        if not swept:
            claimed = claim_if_unlocked(Path(name))
            assert claimed is not None
            remove_locked(claimed, Path(name))
            swept.append(Path(name))
        return descriptor, name

    monkeypatch.setattr(tempfile, "mkstemp", sweeper_strikes_first)
    descriptor, path = create_locked_file(tmp_path, "bundle-", ".lock")
    try:
        assert path != swept[0]
        assert path.exists()
        assert claim_if_unlocked(path) is None
    finally:
        remove_locked(descriptor, path)


def test_lock_without_waiting_says_no_while_held(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.touch()
    first, second = os.open(path, os.O_RDWR), os.open(path, os.O_RDWR)
    try:
        assert lock(first, wait=False)
        assert not lock(second, wait=False)
    finally:
        os.close(first)
        os.close(second)
