"""The import wizard's other roads: a file that is not there, Cancel while checking, a tampered
bundle (rejected, in plain words with its code), and an office without a key (no receipt, said so,
the import still happens)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app.i18n import _
from assessor_app.services import assessments, bundle_export, bundle_import
from assessor_app.ui.bundles.import_wizard import PAGE_CHOOSE, PAGE_VERIFY, ImportWizard
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_flow import apply_in_wizard, import_in_wizard
from tests.gui.test_bundles_support import (
    OFFICE_PASS,
    TEAM_PASS,
    Site,
    finalised_assessment,
    settle,
    site_factory,
    wait_task,
)
from tests.integration.test_import import rewrite_zip


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


@pytest.fixture
def bundle(sites: Site, tmp_path: Path) -> Path:
    team = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    assessment_id = finalised_assessment(team)
    target = tmp_path / "USB" / "LangSon-XaHuuLien-2026-1.ldbundle"
    target.parent.mkdir()
    bundle_export.export(team.workspace, [assessment_id], target, TEAM_PASS)
    return target


def test_a_missing_file_is_said_on_the_first_page(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    office = sites("office", "Lý Thị Duyệt")
    wizard = ImportWizard(office)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.choose_page.isComplete()  # nothing chosen: Next is greyed
    wizard.choose_page.picker.edit.setText(str(tmp_path / "E" / "không có.ldbundle"))
    wizard.next()
    assert wizard.currentId() == PAGE_CHOOSE
    assert wizard.choose_page.error.isVisible()
    assert "không có.ldbundle" in wizard.choose_page.error.text()
    assert office.errors.shown == []


def test_cancel_while_checking_offers_to_check_again(
    qtbot: QtBot, sites: Site, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = sites("office", "Lý Thị Duyệt")
    real_verify = bundle_import.verify
    cancel = {"now": True}

    def verify(workspace: Any, path: Any, progress: Any, cancelled: Any) -> Any:
        return real_verify(workspace, path, progress, lambda: cancel["now"] or cancelled())

    monkeypatch.setattr(bundle_import, "verify", verify)
    wizard = ImportWizard(office)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_file = lambda: str(bundle)
    wizard.choose()
    wizard.next()
    assert wizard.currentId() == PAGE_VERIFY
    page = wizard.verify_page
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert page.status.text() == _("The check was cancelled.")
    assert page.again.isVisible()
    assert not page.isComplete()
    assert office.errors.shown == []
    cancel["now"] = False
    page.again.click()
    wait_task(qtbot, page.task)
    assert page.isComplete()
    assert wizard.report is not None
    assert wizard.report.code == "BUNDLE_UNKNOWN_SIGNER"


def test_a_tampered_bundle_is_rejected_in_plain_words(
    qtbot: QtBot, sites: Site, bundle: Path, tmp_path: Path
) -> None:
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)

    def change(name: str, data: bytes) -> bytes:
        if name.endswith("data/bundle.json"):
            return data.replace(b'"version": 1', b'"version":  1')
        return data

    tampered = rewrite_zip(bundle, tmp_path / "tampered.ldbundle", change)
    wizard = import_in_wizard(qtbot, office, tampered, OFFICE_PASS, shots="bundles-tampered")
    report = wizard.report
    assert report is not None
    assert report.code == "BUNDLE_TAMPERED"
    assert wizard.verify_page.banner.kind == "error"
    assert "BUNDLE_TAMPERED" in wizard.verify_page.banner.text()
    assert wizard.preview_page.banner.kind == "error"
    apply_in_wizard(qtbot, wizard)
    result = wizard.import_result
    assert result is not None
    assert result.outcome == "rejected"
    assert wizard.result_page.banner.kind == "error"
    assert "BUNDLE_TAMPERED" in wizard.result_page.details.text()
    assert not wizard.result_page.open_quarantine.isVisible()
    assert assessments.list_assessments(office.workspace) == []


def test_without_an_office_key_the_import_happens_without_a_receipt(
    qtbot: QtBot, sites: Site, bundle: Path
) -> None:
    office = sites("office", "Lý Thị Duyệt")
    wizard = import_in_wizard(qtbot, office, bundle, None)
    assert wizard.preview_page.receipt_note.text() == _(
        "This computer has no signing key, so no receipt can be written for the sender; the bundle is handled all the same. To create a key: menu Dossiers → My signing key."
    )
    asked: list[str] = []
    wizard.ask_passphrase = lambda purpose: asked.append(purpose) or None  # type: ignore[func-returns-value]
    apply_in_wizard(qtbot, wizard, shot="bundles-import-4-result-no-key")
    assert asked == []  # nothing to unlock
    result = wizard.import_result
    assert result is not None
    assert result.outcome == "quarantined"  # the signer is unknown here: held, not lost
    assert result.receipt_path is None
    assert "RECEIPT_NO_KEY" in wizard.result_page.receipt.text()
    settle()


def test_the_same_bundle_again_changes_nothing(qtbot: QtBot, sites: Site, bundle: Path) -> None:
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    first = import_in_wizard(qtbot, office, bundle, OFFICE_PASS)
    apply_in_wizard(qtbot, first)
    second = import_in_wizard(qtbot, office, bundle, OFFICE_PASS)
    assert second.report is not None
    assert second.report.already_seen
    assert second.verify_page.banner.kind == "info"
    assert second.preview_page.banner.kind == "info"
    apply_in_wizard(qtbot, second)
    assert second.import_result is not None
    assert second.import_result.already
    assert second.result_page.banner.kind == "info"
    save_screenshot(second, "bundles-import-4-result-already")


def test_a_double_clicked_bundle_opens_the_wizard_checking_it(
    qtbot: QtBot, sites: Site, bundle: Path
) -> None:
    from assessor_app.ui.main_window import MainWindow

    office = sites("office", "Lý Thị Duyệt")
    window = MainWindow(office)
    qtbot.addWidget(window)
    window.show()
    window.open_bundle(bundle)
    wizard = window.dossiers.import_bundle()  # the same wizard, already on the file
    assert wizard.choose_page.picker.edit.text() == str(bundle)
    assert wizard.currentId() == PAGE_VERIFY
    qtbot.waitUntil(lambda: wizard.report is not None, timeout=20000)
    assert wizard.report is not None
    assert wizard.path == bundle
    wizard.reject()
