"""The office's dashboard on a province of ten evaluation years (issue 14), on the synthetic
province (bench/make_province.py):

- data: reading the dashboard's data (services/dashboard.py: ten years' shares against the targets,
  the last year's shortfalls, the flags and the waiting list; on a worker thread in the app),
  against reading the last year's summary data alone, which it builds on (its trend covers the
  same years), and then reads the range's assessments, flags and imports once more for the lists.
  Goal: ratio ≤ 2.
- show: the GUI thread's part of opening it, from the data arriving to the window repainted (two
  charts, two lists), against the same window repainted alone. Goal: ≤ 100 ms (no freeze).

    python bench/measure_dashboard.py --home DIR [--pairs N]   # a province made by make_province.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from run import Result  # noqa: E402 - bench/ is not a package: its folder is on the path

PROVINCE = "20"
FIRST_YEAR, LAST_YEAR = 2015, 2024  # the synthetic province's ten years before the reform


def _pairs(
    measure: Callable[[], object], baseline: Callable[[], object], count: int
) -> tuple[float, float]:
    """One warm-up each, then alternately; the medians."""
    baseline(), measure()
    times: list[float] = []
    base: list[float] = []
    for _ in range(count):
        started = time.perf_counter()
        baseline()
        base.append(time.perf_counter() - started)
        started = time.perf_counter()
        measure()
        times.append(time.perf_counter() - started)
    return statistics.median(times), statistics.median(base)


def dashboard_measures(home: Path, label: str, pairs: int = 5) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from assessor_app import i18n
    from assessor_app.logs import configure_logging
    from assessor_app.services import dashboard
    from assessor_app.services.report_data import summary_data
    from assessor_app.services.settings import AppSettings
    from assessor_app.services.workspace import open_workspace
    from assessor_app.ui import fonts
    from assessor_app.ui.context import UiContext
    from assessor_app.ui.dashboard.dashboard_window import DashboardWindow
    from assessor_app.ui.errors import ErrorReporter

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    fonts.install(app)
    i18n.set_language("vi")
    workspace = open_workspace(home, actor="Benchmark")
    errors = ErrorReporter(configure_logging(home / "logs"))
    errors.modal = False
    context = UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)
    try:
        data_s, summary_s = _pairs(
            lambda: dashboard.dashboard(workspace, PROVINCE, FIRST_YEAR, LAST_YEAR),
            lambda: summary_data(workspace, PROVINCE, LAST_YEAR),
            pairs,
        )
        data = dashboard.dashboard(workspace, PROVINCE, FIRST_YEAR, LAST_YEAR)
        window = DashboardWindow(context)
        window.resize(1366, 768)
        window.show()
        context.tasks.wait_all()
        app.processEvents()

        def show() -> None:
            window._show(data)
            window.repaint()

        show_s, repaint_s = _pairs(show, window.repaint, pairs)
        window.close()
    finally:
        context.tasks.wait_all()
        workspace.close()
    years = f"{LAST_YEAR - FIRST_YEAR + 1} years"
    return [
        Result(
            f"dashboard: its data, {years}, {label}",
            "the last year's summary data alone",
            data_s,
            summary_s,
            "ratio ≤ 2",
        ),
        Result(
            f"dashboard: the GUI thread's part of showing it, {label}",
            "the window repainted alone",
            show_s,
            repaint_s,
            "≤ 100 ms",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    for r in dashboard_measures(args.home, str(args.home.name), args.pairs):
        print(
            f"{r.measure}: {r.median_s:.3f} s against {r.baseline_median_s:.3f} s "
            f"({r.baseline}): {r.ratio:.2f}× (goal {r.goal})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
