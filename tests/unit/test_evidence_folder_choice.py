"""The shared evidence folder of a server store chosen in Settings (issue 16): checked before it
is saved (there, a folder, writable: a test file written and removed), kept in the settings file,
$ASSESSOR_EVIDENCE_FOLDER overriding it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor_app.domain.errors import AssessorError
from assessor_app.services.settings import AppSettings, read_settings, save_settings
from assessor_app.services.store_choice import check_evidence_folder, chosen_evidence_folder
from assessor_app.services.workspace import EVIDENCE_FOLDER_ENV


def test_a_writable_folder_passes_and_nothing_is_left_in_it(tmp_path: Path) -> None:
    assert check_evidence_folder(str(tmp_path)) == tmp_path
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(AssessorError) as caught:
        check_evidence_folder(str(tmp_path / "khong-co"))
    assert caught.value.code == "EVIDENCE_FOLDER_MISSING"
    assert "khong-co" in caught.value.english()


def test_no_folder_given_is_said(tmp_path: Path) -> None:
    with pytest.raises(AssessorError) as caught:
        check_evidence_folder("  ")
    assert caught.value.code == "EVIDENCE_FOLDER_NOT_CHOSEN"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(AssessorError) as caught:
            check_evidence_folder(str(tmp_path))
    finally:
        tmp_path.chmod(0o755)
    assert caught.value.code == "EVIDENCE_FOLDER_READ_ONLY"


def test_the_choice_is_saved_and_the_environment_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "settings.json"
    save_settings(AppSettings(evidence_folder="/mnt/chung/minh-chung"), config)
    saved = read_settings(config).settings.evidence_folder
    assert saved == "/mnt/chung/minh-chung"
    monkeypatch.delenv(EVIDENCE_FOLDER_ENV, raising=False)
    assert chosen_evidence_folder(saved) == "/mnt/chung/minh-chung"
    assert chosen_evidence_folder("") is None  # in the database
    monkeypatch.setenv(EVIDENCE_FOLDER_ENV, "/srv/khac")
    assert chosen_evidence_folder(saved) == "/srv/khac"
    save_settings(AppSettings(), config)  # back to the database: no key left
    assert "evidence_folder" not in config.read_text(encoding="utf-8")
