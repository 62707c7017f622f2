"""The desktop app logs to memory until its window is painted, then to its file: the file starts
with what was logged before it was opened, and nothing is lost on the way."""

from __future__ import annotations

import logging
from pathlib import Path

from assessor_app.logs import LOG_FILE, configure_logging, log_file, start_logging, tail

log = logging.getLogger("assessor_app.test")


def test_the_file_opened_after_the_first_paint_starts_with_what_was_logged_before(
    tmp_path: Path,
) -> None:
    start_logging()
    log.warning("Không đọc được tệp cài đặt (trước khi cửa sổ hiện)")
    assert not (tmp_path / "logs").exists()  # no file yet: nothing written before the paint

    path = configure_logging(tmp_path / "logs")
    log.info("Đã mở cơ sở dữ liệu")

    assert path == log_file(tmp_path / "logs") == tmp_path / "logs" / LOG_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "Không đọc được tệp cài đặt (trước khi cửa sổ hiện)",
        "Đã mở cơ sở dữ liệu",
    ]
    assert len(tail()) == 2  # the log viewer's memory has both too, once each


def test_another_data_folder_chosen_at_first_start_moves_the_file_without_copying_it(
    tmp_path: Path,
) -> None:
    configure_logging(tmp_path / "first" / "logs")
    log.info("Trong thư mục thứ nhất")
    second = configure_logging(tmp_path / "second" / "logs")
    log.info("Trong thư mục thứ hai")
    assert "Trong thư mục thứ hai" not in (tmp_path / "first" / "logs" / LOG_FILE).read_text(
        encoding="utf-8"
    )
    assert second.read_text(encoding="utf-8").count("Trong thư mục") == 1
