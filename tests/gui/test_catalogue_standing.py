"""The catalogues window says since when a version applies (the day of the province's release,
not the legal text's effective date), which version is in force and which are provisional
(issue 15, review)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assessor_app.services import profile
from assessor_app.storage.repositories.releases import ReleaseQueries, StoredRelease
from assessor_app.ui.catalogues.drafts_window import CatalogueDraftsWindow
from assessor_app.ui.context import UiContext
from tests.gui.conftest import save_screenshot


def _row(window: CatalogueDraftsWindow, version_text: str) -> list[str]:
    table = window.published
    for row in range(table.rowCount()):
        cells = [table.item(row, c).text() for c in range(table.columnCount())]
        if cells[1] == version_text:
            return cells
    raise AssertionError(f"no row {version_text}")


def test_the_version_in_force_and_since_when(qtbot: QtBot, ui_context: UiContext) -> None:
    workspace = ui_context.workspace
    profile.save_profile(workspace, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    ui_context.reload_profile()
    window = CatalogueDraftsWindow(ui_context)
    qtbot.addWidget(window)
    base = next(c for c in window.catalogues if c.code == "QD06-2019")
    draft = window.new_version(base.content_hash, "2026.1")
    assert draft is not None
    published = window.publish(draft.id)
    assert published is not None
    with workspace.database.transaction() as session:
        ReleaseQueries(session).add_release(
            StoredRelease(
                "r-1", published.content_hash, "QD06-2019", "2026.1", "2020-06-01", "ab" * 32,
                "Sở Y tế tỉnh Lạng Sơn", "Lê Thị Thu", "2020-05-20T08:00:00Z", 1,
                "2020-05-21T08:00:00Z", "cd" * 32, 0,
            )
        )  # fmt: skip
    window.refresh()
    window.resize(1366, 600)
    window.show()
    headers = [
        window.published.horizontalHeaderItem(c).text()
        for c in range(window.published.columnCount())
    ]
    assert "Áp dụng từ" in headers
    assert "Tình trạng" in headers
    released = dict(zip(headers, _row(window, "phiên bản 2026.1"), strict=True))
    assert released["Áp dụng từ"] == "01/06/2020"
    # Made from the shipped text, it keeps its provisional parts: said too.
    assert released["Tình trạng"] == "đang áp dụng, tạm tính"
    shipped = dict(zip(headers, _row(window, "phiên bản tạm thời 2019.1"), strict=True))
    assert shipped["Áp dụng từ"] == "—"
    assert shipped["Tình trạng"] == "tạm tính"
    save_screenshot(window, "catalogue-standing")
