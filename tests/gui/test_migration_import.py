"""The import wizard on a copy that follows a catalogue migration made by the team
(services/merge_migration.py): the preview and the result say which catalogue it moves to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app.services import assessments, bundle_export, bundle_import, catalogue_migration
from assessor_app.texts import labels
from tests.catalogue_versions import NEXT_VERSION, store_next_version
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_flow import apply_in_wizard, import_in_wizard
from tests.gui.test_bundles_support import OFFICE_PASS, TEAM_PASS, Site, site_factory
from tests.integration.test_catalogue_migration import REASON
from tests.integration.test_import import enrol


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


def test_the_wizard_says_the_copy_moves_to_the_new_catalogue(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    team = sites("team", "Hoàng Thị Lan", TEAM_PASS)
    office = sites("office", "Lý Thị Duyệt", OFFICE_PASS)
    ws = team.workspace
    created = assessments.create(ws, "06400", 2026)
    for code, text in [("TC2.1", "49/50"), ("TC1.1", "có"), ("TC1.4", "có")]:
        assessments.set_value(ws, created.id, code, text)
    enrol(office.workspace, ws, tmp_path / "cards")
    first = tmp_path / "trước.ldbundle"
    bundle_export.export(ws, [created.id], first, TEAM_PASS, include_drafts=True)
    assert bundle_import.apply(office.workspace, first, OFFICE_PASS).outcome == "accepted"
    store_next_version(ws, tmp_path)
    catalogue_migration.migrate(ws, created.id, "QD06-2019", REASON)
    second = tmp_path / "sau.ldbundle"
    bundle_export.export(ws, [created.id], second, TEAM_PASS, include_drafts=True)

    wizard = import_in_wizard(qtbot, office, second, OFFICE_PASS, shots="migration-import")
    preview = wizard.preview_page
    assert preview.banner.kind == "ok"
    assert f"chuyển sang bộ tiêu chí QD06-2019 {NEXT_VERSION}" in preview.banner.text()
    assert labels.plan_action("migrated", "vi") in [
        str(preview.plans.index(0, c).data()) for c in range(preview.plans.columnCount())
    ]
    apply_in_wizard(qtbot, wizard, "migration-import-4-result")
    assert f"chuyển sang bộ tiêu chí QD06-2019 {NEXT_VERSION}" in wizard.result_page.banner.text()
    [summary] = assessments.list_assessments(office.workspace)
    assert summary.catalogue_version == NEXT_VERSION
    save_screenshot(wizard, "migration-import-5-done")
