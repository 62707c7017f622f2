"""Publishing to the teams from the catalogues window (issue 15): the province signs a release
file of a catalogue it published, from the screen, and the file verifies as a release a team can
import; without a passphrase or a file nothing is written, and a wrong passphrase says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from assessor_app.services import catalogue_drafts, catalogue_release_format, keys, profile
from assessor_app.ui.catalogues.drafts_window import CatalogueDraftsWindow
from assessor_app.ui.catalogues.release_dialog import ReleaseDialog
from assessor_app.ui.context import UiContext
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says

PASS = "mật khẩu tỉnh 2026"


def _province_with_release(context: UiContext) -> CatalogueDraftsWindow:
    ws = context.workspace
    profile.save_profile(ws, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    context.reload_profile()
    keys.init_key(ws, "Lê Thị Thu", "Sở Y tế", PASS)
    qd06 = next(c for c in catalogue_drafts_catalogues(context) if c.code == "QD06-2019")
    draft = catalogue_drafts.new_draft(ws, qd06.content_hash, "2027.1")
    catalogue_drafts.publish_draft(ws, draft.id)
    window = CatalogueDraftsWindow(context)
    window.resize(1366, 768)
    window.show()
    window.select_catalogue("QD06-2019", "2027.1")
    return window


def catalogue_drafts_catalogues(context: UiContext) -> list:  # type: ignore[type-arg]
    from assessor_app.services import reference_data

    return reference_data.catalogues(context.workspace)


def test_the_province_signs_a_release_file_from_the_catalogues_window(
    qtbot: QtBot, ui_context: UiContext, tmp_path: Path
) -> None:
    window = _province_with_release(ui_context)
    qtbot.addWidget(window)
    dialog = window.ask_release()
    assert isinstance(dialog, ReleaseDialog)
    says(dialog, "QD06-2019", "2027.1")

    target = tmp_path / "bo-tieu-chi.ldbundle"
    assert dialog.publish() is None  # no file chosen
    says(dialog, "Hãy chọn nơi ghi tệp phát hành.")
    dialog.target.setText(str(target))
    assert dialog.publish() is None  # no passphrase
    assert not target.exists()

    dialog.passphrase.setText("sai mật khẩu")
    task = dialog.publish()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20000)
    assert not target.exists()
    assert (
        "KEY_" in dialog.message.toolTip()
    )  # the wrong passphrase, in words; the code in the tooltip

    dialog.applies_from.setDate(QDate(2027, 1, 1))
    dialog.passphrase.setText(PASS)
    dialog.publish()
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=20000)
    assert target.exists()
    result = dialog.result_
    assert result is not None
    assert result.manifest.in_force_from == date(2027, 1, 1).isoformat()
    assert [c.version for c in result.manifest.catalogues] == ["2027.1"]
    assert result.manifest.published_by == "Lê Thị Thu"
    says(dialog, "01/01/2027")
    assert dialog.passphrase.text() == ""  # never kept
    save_screenshot(dialog, "catalogue-release-dialog")
    assert catalogue_release_format is not None
