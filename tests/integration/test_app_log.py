"""The application log records what the app did with bundles and documents — imports, quarantines,
refusals, exports, saved reports — with when and the outcome, and without personal data: no names,
no file paths or contents; a bundle's id, commune codes and years only."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app import logs
from assessor_app.logs import LOG_FILE, configure_logging
from assessor_app.services import bundle_import, quarantine, reports
from assessor_app.services.workspace import Workspace
from tests.integration.test_import import (
    OFFICE_PASS,
    enrol,
    export,
    open_site,
    rich_assessment,
)

TEAM_PASS = "mật khẩu của đoàn kiểm tra"
PERSONAL = ("Hoàng Thị Lan", "Vi Văn Đức", "Lý Thị Duyệt", "Chuyển công tác", "ảnh sổ khai sinh")


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    folder = tmp_path / "logs"
    configure_logging(folder)
    yield folder
    for handler in list(root.handlers):
        if getattr(handler, "_assessor", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _events(folder: Path) -> list[tuple[str, str, str, dict[str, str]]]:
    """(level, what, outcome, fields) of every event line in the log file."""
    found = []
    for line in (folder / LOG_FILE).read_text(encoding="utf-8").splitlines():
        stamp_level, sep, message = line.partition(f" {logs.EVENTS}: ")
        if not sep:
            continue
        parsed = logs.parse_event(message)
        assert parsed is not None, line
        found.append((stamp_level.rsplit(" ", 1)[1], *parsed))
    return found


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield team, office
    team.close()
    office.close()


def test_exports_imports_quarantines_refusals_and_reports_are_logged(
    sites: tuple[Workspace, Workspace], tmp_path: Path, log_folder: Path
) -> None:
    team, office = sites
    assessment = rich_assessment(team, tmp_path)
    bundle = export(team, [assessment], tmp_path / "Hoàng Thị Lan gửi.ldbundle")

    # Unknown signer: held in quarantine, then rejected by a person.
    held = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert held.quarantine_id is not None
    quarantine.reject(office, held.quarantine_id, "Hoàng Thị Lan gửi nhầm", OFFICE_PASS)
    # Trusted, sent again: accepted; a third time: nothing new.
    enrol(office, team, tmp_path / "cards")
    again = export(team, [assessment], tmp_path / "lần hai.ldbundle")
    accepted = bundle_import.apply(office, again, OFFICE_PASS)
    bundle_import.apply(office, again, OFFICE_PASS)
    # Not a bundle at all: refused.
    junk = tmp_path / "Vi Văn Đức.ldbundle"
    junk.write_bytes(b"PK not really a zip")
    bundle_import.apply(office, junk, OFFICE_PASS)
    # A dossier saved as a PDF.
    reports.write_dossier(team, assessment, tmp_path / "hồ sơ Hoàng Thị Lan.pdf")

    events = _events(log_folder)
    kinds = [(what, outcome) for _level, what, outcome, _fields in events]
    assert kinds == [
        ("export", "done"),
        ("import", "quarantined"),
        ("quarantine", "rejected"),
        ("export", "done"),
        ("import", "accepted"),
        ("import", "already"),
        ("import", "rejected"),
        ("report", "saved"),
    ]
    by_kind = {(what, outcome): (level, fields) for level, what, outcome, fields in events}
    level, fields = by_kind["import", "quarantined"]
    assert level == "WARNING"
    assert fields["bundle"] == held.bundle_id
    assert fields["communes"] == "06400"
    assert fields["years"] == "2026"
    assert "BUNDLE_UNKNOWN_SIGNER" in fields["reasons"].split(",")
    assert by_kind["import", "accepted"] == (
        "INFO",
        {"bundle": accepted.bundle_id, "communes": "06400", "years": "2026"},
    )
    assert by_kind["import", "rejected"][0] == "WARNING"
    assert by_kind["export", "done"][1]["sequence"] == "2"
    assert by_kind["report", "saved"][1] == {
        "document": "dossier",
        "assessment": str(assessment),
        "format": ".pdf",
    }

    text = (log_folder / LOG_FILE).read_text(encoding="utf-8")
    for personal in PERSONAL:
        assert personal not in text
    assert str(tmp_path) not in text  # no path: folder names are often people's names


def test_only_codes_reach_an_event() -> None:
    assert logs.safe_value("06400") == "06400"
    assert logs.safe_value("5f0c8e2a-8d7b-4c1e-9a53-0d6b2f6f1e11") == (
        "5f0c8e2a-8d7b-4c1e-9a53-0d6b2f6f1e11"
    )
    assert logs.safe_value("BUNDLE_REPLAYED,IMPORT_CONFLICT") == "BUNDLE_REPLAYED,IMPORT_CONFLICT"
    assert logs.safe_value(True) == "yes"
    for personal in ("Hoàng Thị Lan", "/home/lan/hồ sơ.pdf", "a b", "x=y", ""):
        assert logs.safe_value(personal) == logs.WITHHELD
    assert logs.parse_event("import accepted bundle=ab communes=06400") == (
        "import",
        "accepted",
        {"bundle": "ab", "communes": "06400"},
    )
    assert logs.parse_event("removed 3 leftover(s) of interrupted runs") is None
