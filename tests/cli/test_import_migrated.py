"""`import` of a copy the team moved to another catalogue version, the office holding the copy
from before: the dry run says it moves (and to which catalogue), the import follows it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.services import bundle_import, catalogue_migration
from assessor_app.services.workspace import Workspace
from tests.catalogue_versions import NEXT_VERSION, store_next_version
from tests.cli.conftest import Runner
from tests.integration.test_catalogue_migration import REASON, scored
from tests.integration.test_import import OFFICE_PASS, TEAM_PASS, enrol, export, open_site


@pytest.fixture
def office(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", OFFICE_PASS)
    ws = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield ws
    ws.close()


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


def test_dry_run_says_the_copy_moves_then_import_follows(
    cli: Runner, office: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    own = scored(team_ws, tmp_path)
    enrol(office, team_ws, tmp_path / "cards")
    first = export(team_ws, [own], tmp_path / "trước.ldbundle", drafts=True)
    assert bundle_import.apply(office, first, OFFICE_PASS).outcome == "accepted"
    store_next_version(team_ws, tmp_path)
    catalogue_migration.migrate(team_ws, own, "QD06-2019", REASON)
    bundle = export(team_ws, [own], tmp_path / "sau.ldbundle", drafts=True)

    dry = cli("import", str(bundle), "--dry-run", lang="vi")
    assert dry.code == 0, dry.err
    assert "Được cập nhật, chuyển sang bộ tiêu chí mới" in dry.out
    assert f"chuyển sang bộ tiêu chí QD06-2019 {NEXT_VERSION}" in dry.out
    assert REASON in dry.out
    planned = cli("import", str(bundle), "--dry-run", "--json").json()
    [plan] = planned["assessments"]
    assert (plan["action"], plan["migration"]["version"]) == ("migrated", NEXT_VERSION)
    assert plan["migration"]["dropped"] == ["TC1.4"]

    done = cli("import", str(bundle))
    assert done.code == 0, done.err
    [listed] = cli("assessment", "list", "--json").json()
    assert listed["catalogue"]["version"] == NEXT_VERSION
    assert cli("assessment", "audit", str(listed["id"])).code == 0
