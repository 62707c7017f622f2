"""The log viewer: shows what was logged (file and memory), filters by level, searches, copies."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app.i18n import _
from assessor_app.logs import configure_logging
from assessor_app.ui.logs.log_viewer import LogViewer, collect, parse_entries, read_file
from tests.gui.conftest import save_screenshot

log = logging.getLogger("assessor_app.ui.test")


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's logging set up as at start (file + in-memory tail), removed afterwards."""
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        if getattr(handler, "_assessor", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _log_some() -> None:
    log.info("Mở cơ sở dữ liệu tại %s", "/tmp/dữ liệu")
    log.info("Đã lưu số liệu chỉ tiêu TC2.1 của xã Hữu Lũng")
    log.warning("Không đọc được ảnh thu nhỏ của tệp %s", "Ảnh sổ tiêm chủng.jpg")
    try:
        raise ValueError("số liệu hỏng")
    except ValueError:
        log.exception("Lỗi không mong đợi khi xuất báo cáo")
    log.info("Đóng cửa sổ đánh giá")


def _viewer(qtbot: QtBot, path: Path | None) -> LogViewer:
    viewer = LogViewer(path)
    qtbot.addWidget(viewer)
    return viewer


def test_shows_logged_lines_newest_last(qtbot: QtBot, log_file: Path) -> None:
    _log_some()
    viewer = _viewer(qtbot, log_file)
    text = viewer.text.toPlainText()
    assert "Đã lưu số liệu chỉ tiêu TC2.1 của xã Hữu Lũng" in text
    assert "ValueError: số liệu hỏng" in text  # the traceback belongs to its entry
    assert text.index("Mở cơ sở dữ liệu") < text.index("Đóng cửa sổ đánh giá")
    assert text.rstrip().endswith("Đóng cửa sổ đánh giá")
    assert str(log_file) in viewer.path_label.text()
    # Written to the file and kept in memory, shown once.
    assert text.count("Đóng cửa sổ đánh giá") == 1
    assert len(viewer.entries) == 5


def test_level_filter_and_search(qtbot: QtBot, log_file: Path) -> None:
    _log_some()
    viewer = _viewer(qtbot, log_file)
    viewer.level.setCurrentIndex(1)  # warnings and errors
    assert [e.level for e in viewer.shown] == ["WARNING", "ERROR"]
    text = viewer.text.toPlainText()
    assert "Không đọc được ảnh thu nhỏ" in text
    assert "Traceback" in text
    assert "Đóng cửa sổ" not in text
    assert viewer.count_label.text().startswith("2 ")

    viewer.level.setCurrentIndex(0)
    viewer.search.setText("huu lung")  # without diacritics
    assert len(viewer.shown) == 1
    assert "xã Hữu Lũng" in viewer.text.toPlainText()
    viewer.search.setText("TC2.1 HỮU")  # every word, any case
    assert len(viewer.shown) == 1
    viewer.search.setText("không có dòng này")
    assert viewer.shown == []
    assert viewer.text.toPlainText() == ""
    viewer.search.clear()
    assert len(viewer.shown) == 5


def test_copy_all_and_open_folder(qtbot: QtBot, log_file: Path) -> None:
    _log_some()
    viewer = _viewer(qtbot, log_file)
    viewer.level.setCurrentIndex(1)
    viewer.copy_button.click()
    assert QApplication.clipboard().text() == viewer.text.toPlainText()
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    viewer.open_url = open_url
    viewer.folder_button.click()
    assert [Path(url.toLocalFile()) for url in opened] == [log_file.parent]


def test_reload_shows_new_lines(qtbot: QtBot, log_file: Path) -> None:
    viewer = _viewer(qtbot, log_file)
    before = len(viewer.entries)
    log.warning("Dòng mới sau khi mở nhật ký")
    viewer.refresh_button.click()
    assert len(viewer.entries) == before + 1
    assert "Dòng mới sau khi mở nhật ký" in viewer.text.toPlainText()


def test_without_a_log_file_the_memory_tail_is_shown(qtbot: QtBot, log_file: Path) -> None:
    log.info("Chỉ trong bộ nhớ")
    viewer = _viewer(qtbot, None)
    assert "Chỉ trong bộ nhớ" in viewer.text.toPlainText()
    assert not viewer.folder_button.isEnabled()


def test_a_file_alone_and_an_empty_log(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "assessor-app.log"
    path.write_text(
        "2026-05-01 08:00:00,001 INFO a: một\n"
        "2026-05-01 08:00:01,002 ERROR b: hai\n"
        "Traceback (most recent call last):\n"
        "  lỗi\n",
        encoding="utf-8",
    )
    entries = collect(path, tail=[])
    assert [(e.level, e.text.splitlines()[-1]) for e in entries] == [
        ("INFO", "2026-05-01 08:00:00,001 INFO a: một"),
        ("ERROR", "  lỗi"),
    ]
    # Memory entries the file lacks are merged in time order.
    merged = collect(path, tail=["2026-05-01 08:00:00,500 WARNING c: giữa"])
    assert [e.level for e in merged] == ["INFO", "WARNING", "ERROR"]
    # A file read from the middle drops its cut first line.
    assert read_file(path, limit=20) == ["  lỗi"]
    assert parse_entries(["tiếp theo", "2026-05-01 08:00:00,001 INFO a: x"])[0].level == ""

    empty = _viewer(qtbot, tmp_path / "missing.log")  # and no in-memory tail configured
    assert empty.entries == []
    assert empty.text.toPlainText() == _("The log is empty.")


def test_screenshot(qtbot: QtBot, log_file: Path) -> None:
    _log_some()
    viewer = _viewer(qtbot, log_file)
    viewer.resize(900, 560)
    viewer.show()
    qtbot.waitExposed(viewer)
    save_screenshot(viewer, "log-viewer")
    viewer.search.setText("tiêm chủng")
    save_screenshot(viewer, "log-viewer-search")
