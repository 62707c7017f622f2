"""Assessments list measures (issue 11), on the synthetic province (bench/make_province.py).

In one process, the real list view (AssessmentsView) at 1366×768, offscreen, on a province store:

- refresh: the GUI thread's part of a refresh, from the rows arriving from the worker thread (the
  store read and the rows' texts and keys are made there) until the event loop has repainted the
  list. Baseline: the list repainted alone. Goals: ≤ 50 ms at 2,260 rows, ≤ 150 ms at 22,600.
- read: the worker thread's part (the store read and the rows), for information.

    python bench/measure_list.py --home DIR       # a province made by make_province.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Result  # bench/ is not a package: its folder is on the path


def _seconds(work: Any) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def list_measures(home: Path, label: str, goal: str, pairs: int = 5) -> list[Result]:
    """The refresh of the list on the province in `home` (`label`: e.g. "2,260 rows")."""
    from PySide6.QtWidgets import QApplication

    from assessor_app import i18n
    from assessor_app.logs import configure_logging
    from assessor_app.services import assessments
    from assessor_app.services.settings import AppSettings
    from assessor_app.services.workspace import open_workspace
    from assessor_app.ui import fonts
    from assessor_app.ui.assessments.list_model import rows_of
    from assessor_app.ui.assessments.list_view import AssessmentsView
    from assessor_app.ui.context import UiContext
    from assessor_app.ui.errors import ErrorReporter

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    fonts.install(app)
    i18n.set_language("vi")
    workspace = open_workspace(home, actor="Benchmark")
    errors = ErrorReporter(configure_logging(home / "logs"))
    errors.modal = False
    context = UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)
    view = AssessmentsView(context)
    try:
        view.resize(1366, 700)
        view.show()
        context.tasks.wait_idle()
        app.processEvents()

        def read() -> Any:
            return rows_of(assessments.list_assessments(workspace))

        rows = read()
        refresh, repaint, reads = [], [], []
        for _ in range(pairs):

            def repainted() -> None:
                view.table.viewport().update()
                app.processEvents()

            def refreshed() -> None:
                view._loaded(view._generation, list(rows))
                app.processEvents()

            repaint.append(_seconds(repainted))
            refresh.append(_seconds(refreshed))
            reads.append(_seconds(read))
    finally:
        view.close()
        context.tasks.wait_idle()
        workspace.close()
    base = statistics.median(repaint)
    return [
        Result(
            f"list: refresh, {label}, shown and painted",
            "list repainted alone",
            statistics.median(refresh),
            base,
            goal,
        ),
        Result(
            f"list: store read and rows (worker thread), {label}",
            "list repainted alone",
            statistics.median(reads),
            base,
            "(information: off the GUI thread)",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=5)
    args = parser.parse_args()
    for result in list_measures(args.home, "this store", "≤ 50 ms at 2,260 rows", args.pairs):
        print(
            f"{result.measure}: {result.median_s * 1000:.1f} ms "
            f"(baseline {result.baseline_median_s * 1000:.1f} ms, goal {result.goal})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
