"""Demo data on the command line (issue 13): `assessment list/show` mark it, `export` refuses it
unless `--demo`, `import` refuses a demo bundle unless `--accept-demo`, and a real store always."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.services import demo
from assessor_app.services.workspace import Workspace
from tests.cli.conftest import Runner
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    dump,
    enrol,
    listing,
    open_site,
)


@pytest.fixture
def demo_team(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    """The command line's data home is the demo store, with a real signing key."""
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", TEAM_PASS)
    ws = open_site(home, "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    demo.create_demo(ws)
    yield ws
    ws.close()


def test_list_and_show_mark_demo_assessments(cli: Runner, demo_team: Workspace) -> None:
    listed = cli("assessment", "list")
    assert listed.code == 0
    lines = listed.out.splitlines()
    assert len(lines) == 3
    assert all(line.endswith("DEMO") for line in lines)
    assert all(item["demo"] is True for item in cli("assessment", "list", "--json").json())
    shown = cli("assessment", "show", "1", lang="vi")
    assert shown.out.splitlines()[1] == (
        "DEMO — dữ liệu mẫu để dùng thử phần mềm; không phải hồ sơ chính thức."
    )
    assert cli("assessment", "show", "1", "--json").json()["demo"] is True


def test_export_refuses_demo_data_unless_asked_for_a_demo_bundle(
    cli: Runner, demo_team: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "demo.ldbundle"
    refused = cli("export", "1", "--out", str(target))
    assert refused.code == 5
    assert "EXPORT_DEMO" in refused.err
    assert not target.exists()
    done = cli("export", "1", "--out", str(target), "--demo", "--json")
    assert done.code == 0, done.err
    assert done.json()["demo"] is True
    assert target.exists()


def test_an_office_refuses_a_demo_bundle_from_the_command_line(
    cli: Runner, demo_team: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "demo.ldbundle"
    assert cli("export", "1", "--out", str(target), "--demo").code == 0
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        enrol(office, demo_team, tmp_path / "cards")
        monkeypatch.setenv("ASSESSOR_PASSPHRASE", OFFICE_PASS)
        before, files = dump(office), listing(office.home.root)
        home = ["--home", str(tmp_path / "office")]
        checked = cli(*home, "verify", str(target))
        assert checked.code == 0
        assert "DEMO bundle" in checked.out
        for extra, code in (
            ([], "IMPORT_DEMO_REFUSED"),
            (["--accept-demo"], "IMPORT_DEMO_REAL_STORE"),
        ):
            for dry in ([], ["--dry-run"]):
                refused = cli(*home, "import", str(target), *extra, *dry)
                assert refused.code == 5
                assert code in refused.err
        assert dump(office) == before
        assert listing(office.home.root) - files <= {"logs", "logs/assessor-app.log"}
    finally:
        office.close()
