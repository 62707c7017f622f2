"""The office's dashboard, driven as a user would (Thẩm định → Bảng theo dõi): what its charts and
lists say on the store of tests/dashboard_store.py (figures worked out there), in Vietnamese and in
English, and a double-click opening the assessment. Pictures: test-artifacts/screens/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QHorizontalBarSeries, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.services import profile
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import open_workspace
from assessor_app.ui import qt_translations
from assessor_app.ui.context import UiContext
from assessor_app.ui.dashboard.dashboard_window import DashboardWindow
from assessor_app.ui.errors import ErrorReporter
from tests.dashboard_store import OFFICE_ACTOR, build_office
from tests.gui.conftest import save_screenshot

TODAY = "2026-12-07T03:00:00Z"  # 10:00 on 7/12/2026 in Vietnam: 17 days after 20/11


@pytest.fixture(scope="module")
def office_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("dashboard-gui")
    return folder / "office", build_office(folder / "office", folder / "exchange")


@pytest.fixture
def office(office_store: tuple[Path, dict[str, int]], qapp: QApplication) -> Iterator[UiContext]:
    home = office_store[0]
    workspace = open_workspace(home, actor=OFFICE_ACTOR, clock=lambda: TODAY)
    profile.save_profile(
        workspace, "province", OFFICE_ACTOR, "labour_social_affairs", "LS-2025-07", "20"
    )
    errors = ErrorReporter(log_file=home / "logs" / "assessor-app.log")
    errors.modal = False
    context = UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)
    yield context
    context.writes.wait_idle()
    context.tasks.wait_all()
    workspace.close()


def _open(qtbot: QtBot, context: UiContext, opened: list[int] | None = None) -> DashboardWindow:
    window = DashboardWindow(context, None, opened.append if opened is not None else None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=60000)
    return window


def _cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _years_shown(window: DashboardWindow, first: int, last: int, qtbot: QtBot) -> None:
    window.data = None
    window.first_year.setValue(first)
    window.last_year.setValue(last)
    window.refresh()
    qtbot.waitUntil(lambda: window.data is not None, timeout=60000)


def test_what_the_dashboard_says_in_vietnamese(qtbot: QtBot, office: UiContext) -> None:
    window = _open(qtbot, office)
    assert window.scope.currentData() == "20"  # the profile's office: the province
    assert (window.first_year.value(), window.last_year.value()) == (2017, 2026)
    _years_shown(window, 2023, 2026, qtbot)

    chart = window.share_view.chart()
    assert chart.title() == "Số xã được công nhận: Tỉnh Lạng Sơn"
    bars = next(s for s in chart.series() if isinstance(s, QBarSeries))
    share_set = bars.barSets()[0]
    assert [share_set.at(i) for i in range(share_set.count())] == pytest.approx([0, 1, 0, 60 / 13])
    years = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert years.categories() == [
        "2023<br>0,0 %",
        "2024<br>1,0 %",
        "2025<br>0,0 %",
        "2026<br>4,6 %",
    ]
    target = [s for s in chart.series() if isinstance(s, QLineSeries)]
    assert [(p.x(), p.y()) for p in target[0].points()] == [(0, 65), (1, 65), (2, 65), (3, 75)]
    assert target[0].name() == "Chỉ tiêu đang áp dụng"
    assert "nguồn thứ cấp" in window.note.text()

    shortfalls = window.shortfall_view.chart()
    assert shortfalls.title() == "Tiêu chí chưa đạt nhiều nhất năm 2026"
    series = next(s for s in shortfalls.series() if isinstance(s, QHorizontalBarSeries))
    criteria = next(a for a in shortfalls.axes() if isinstance(a, QBarCategoryAxis))
    names = criteria.categories()
    assert names[-1] == "TC11 · Trẻ em được thực hiện quyền tham gia của trẻ em"  # at the top
    not_met, below = series.barSets()
    assert (not_met.at(len(names) - 1), below.at(len(names) - 1)) == (1, 4)

    assert window.lists.tabText(0) == "Cần xem lại (1)"
    assert window.lists.tabText(1) == "Đang chờ cơ quan thẩm định (1)"
    # the province's report of 2026 to the ministry, by 10/12 (services/deadlines.py), not sent
    assert window.lists.tabText(2) == "Thời hạn (1)"
    [due] = _cells(window.deadlines)
    assert due[:4] == [
        "10/12/2026",
        "Báo cáo kết quả thực hiện xây dựng xã, phường, thị trấn phù hợp với trẻ em",
        "Tỉnh Lạng Sơn",
        "3 ngày",
    ]
    assert due[4].endswith("và 56 đơn vị khác")  # 61 communes not assessed: five named
    flags = _cells(window.flags)
    assert flags[0][:4] == ["Xã Đại Đồng", "2024", "Kiểm tra của đoàn liên ngành", "Đang đánh giá"]
    assert flags[0][4].startswith("TC2.1 Tỷ lệ trẻ em")
    assert "TC7.1" in flags[0][4]
    assert _cells(window.waiting) == [
        ["Xã Hữu Lũng", "2026", "Kiểm tra của đoàn liên ngành", "20/11/2026", "17 ngày"]
    ]
    save_screenshot(window, "vi-dashboard-office")


def test_what_it_says_in_english(qtbot: QtBot, office: UiContext, qapp: QApplication) -> None:
    i18n.set_language("en")
    qt_translations.install(qapp, "en")
    try:
        window = _open(qtbot, office)
        _years_shown(window, 2023, 2026, qtbot)
        years = next(a for a in window.share_view.chart().axes() if isinstance(a, QBarCategoryAxis))
        assert years.categories()[-1] == "2026<br>4.6 %"
        criteria = next(
            a for a in window.shortfall_view.chart().axes() if isinstance(a, QBarCategoryAxis)
        )
        assert criteria.categories()[-1] == "TC11 · Children exercise their right to participate"
        assert window.lists.tabText(1) == "Waiting on this office (1)"
        assert _cells(window.waiting)[0][3:] == ["20/11/2026", "17 days"]
        save_screenshot(window, "en-dashboard-office")
    finally:
        i18n.set_language("vi")
        qt_translations.install(qapp, "vi")


def test_a_double_click_opens_the_assessment(
    qtbot: QtBot, office: UiContext, office_store: tuple[Path, dict[str, int]]
) -> None:
    opened: list[int] = []
    window = _open(qtbot, office, opened)
    _years_shown(window, 2023, 2026, qtbot)
    item = window.waiting.item(0, 0)
    window.waiting.itemDoubleClicked.emit(item)
    window.flags.itemDoubleClicked.emit(window.flags.item(0, 2))
    ids = office_store[1]
    assert opened == [ids["06385-received"], ids["06040-2024"]]


def test_a_district_and_a_bad_range(qtbot: QtBot, office: UiContext) -> None:
    window = _open(qtbot, office)
    window.last_year.setValue(2024)  # districts exist: the choices grow
    codes = [window.scope.itemData(i) for i in range(window.scope.count())]
    assert codes[:2] == ["20", "178"]
    assert "186" in codes
    window.scope.setCurrentIndex(codes.index("186"))
    _years_shown(window, 2023, 2024, qtbot)
    assert window.share_view.chart().title() == "Số xã được công nhận: Huyện Hữu Lũng"
    window.first_year.setValue(2010)
    window.refresh()
    qtbot.waitUntil(lambda: window.error.isVisible(), timeout=60000)
    assert "Chọn từ 1 đến 10 năm đánh giá" in window.error.text()
    assert "DASHBOARD_BAD_YEARS" in window.error.toolTip()
    assert Qt.WindowType.Window & window.windowFlags()


# Records whether QtCharts is loaded once the main window is attached to its store.
PROBE = """
import sys
from PySide6.QtCore import QEventLoop
from assessor_app.paths import data_home
from assessor_app.services.settings import AppSettings
from assessor_app.ui.application import make_application, open_main_window
from assessor_app.ui.errors import ErrorReporter

app = make_application(sys.argv[:1])
home = data_home(sys.argv[1])
errors = ErrorReporter(home.logs / "x.log")
errors.modal = False
loop = QEventLoop()
window = open_main_window(None, home.root, AppSettings(home=str(home.root)), errors, loop.quit)
window.ready.connect(loop.quit)
loop.exec()
titles = [a.text() for a in window.menus["office"].actions()]
print(json.dumps({"charts": "PySide6.QtCharts" in sys.modules, "office": titles}))
window.close()
window.context.workspace.close()
"""


def test_charts_load_only_when_the_dashboard_opens(home: Path) -> None:
    open_workspace(home).close()
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + PROBE, str(home)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["charts"] is False
    assert seen["office"][0] == "&Bảng theo dõi…"


def test_deadlines_show_when_the_procedure_gives_them(
    qtbot: QtBot, office: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The section the lead connects to services/deadlines.py: shown only with lines."""
    from datetime import date

    from assessor_app.services import dashboard

    lines = (
        dashboard.DeadlineLine(
            "Báo cáo kết quả gửi Bộ", "Tỉnh Lạng Sơn", date(2026, 12, 10), False, 3, ("Xã A",)
        ),
        dashboard.DeadlineLine("Báo cáo năm 2025", "Tỉnh Lạng Sơn", date(2025, 12, 10), True, -362),
        dashboard.DeadlineLine(
            "Quyết định công nhận", "Tỉnh Lạng Sơn", date(2026, 12, 1), False, -6
        ),
    )
    monkeypatch.setattr(dashboard, "deadline_lines", lambda *_args: lines)
    window = _open(qtbot, office)
    assert window.lists.count() == 3
    assert window.lists.tabText(2) == "Thời hạn (3)"
    assert _cells(window.deadlines) == [
        ["10/12/2025", "Báo cáo năm 2025", "Tỉnh Lạng Sơn", "Đã xong", ""],
        ["01/12/2026", "Quyết định công nhận", "Tỉnh Lạng Sơn", "Quá hạn 6 ngày", ""],
        ["10/12/2026", "Báo cáo kết quả gửi Bộ", "Tỉnh Lạng Sơn", "3 ngày", "Xã A"],
    ]
