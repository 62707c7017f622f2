"""`store backups|backup|restore` on a real store in a temporary home."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.cli.exit_codes import INVALID_INPUT, NOT_FOUND, OK
from tests.cli.conftest import Runner

pytestmark = pytest.mark.sqlite_only(
    "copies of the file and their restore; pg_dump copies are in test_postgres_retry_backup.py"
)


def test_copies_are_listed_made_and_restored(cli: Runner, home: Path, tmp_path: Path) -> None:
    assert cli("init").code == OK
    assert cli("catalogue", "list").code == OK  # commands make no copy of their own
    listed = cli("store", "backups", "--json")
    assert listed.code == OK
    assert listed.json() == {"folder": str(home / "backups"), "backups": []}
    assert "none yet" in cli("store", "backups").out

    made = cli("store", "backup", "--json")
    assert made.code == OK
    copy = made.json()
    assert copy["kind"] == "manual"
    assert Path(copy["file"]).is_file()
    assert copy["schema"]

    said = cli("store", "backups", lang="vi").out
    assert "Tạo thủ công" in said
    assert "lược đồ" in said

    restored = cli("store", "restore", copy["file"], "--json")
    assert restored.code == OK, restored.err
    assert restored.json()["restored"] == copy["file"]
    assert Path(restored.json()["previous"]).is_file()
    assert cli("catalogue", "list").code == OK  # the restored store opens


def test_a_bad_copy_is_refused_with_its_reason(cli: Runner, home: Path, tmp_path: Path) -> None:
    assert cli("init").code == OK
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a store", encoding="utf-8")
    refused = cli("store", "restore", str(junk))
    assert refused.code == INVALID_INPUT
    assert "not an intact copy" in refused.err
    missing = cli("store", "restore", str(tmp_path / "missing.sqlite3"), lang="vi")
    assert missing.code == NOT_FOUND
    assert "Không có tệp" in missing.err
