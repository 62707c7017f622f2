"""Benchmark (not a test): the list of assessments on a province's ten years of data.

Builds a throw-away store with every Lạng Sơn commune assessed each evaluation year from 2015 to 2024
(226 communes a year until 2019, 200 from 2020: about 2,100 assessments, each with a few figures),
through the services, as the app would. It measures the steps the list view takes:

    load     services.assessments.list_assessments
    model    AssessmentTableModel.set_summaries (every text and key computed once)
    sort     the proxy sorting by each column, both ways
    filter   the text filter (diacritic-insensitive), the year and the status filters
    view     AssessmentsView built from scratch (load + model + first sort)

first after the first year (the baseline, measured in the same run), then after all ten, and prints
the ratios: with ten times the rows each step should take about ten times as long (linear), or less.

    /work/venv/bin/python bench/bench_assessment_list.py [--years N] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.evaluation import period
from assessor_app.services import assessments, profile, reference_data
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.ui import fonts
from assessor_app.ui.assessments.list_model import AssessmentTableModel, Column
from assessor_app.ui.assessments.list_proxy import AssessmentFilterProxy
from assessor_app.ui.assessments.list_view import AssessmentsView
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import ErrorReporter

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


FIRST_YEAR = 2015
# Figures entered for each assessment (indicator, denominator); the numerators vary.
FIGURES = (("TC2.1", 50), ("TC10.1", 100))


def fill_year(workspace: Workspace, year: int, rng: random.Random) -> int:
    """Assess every commune of the list in force at the end of `year`; returns how many."""
    _, last_day = period(year)
    units = reference_data.units_on(workspace, last_day)
    for unit in units:
        created = assessments.create(workspace, unit.code, year, kind="team")
        for code, denominator in FIGURES:
            numerator = rng.randint(denominator * 8 // 10, denominator)
            assessments.set_value(workspace, created.id, code, f"{numerator}/{denominator}")
        if rng.random() < 0.6:
            assessments.finalize(workspace, created.id)
    return len(units)


def timed(work: Callable[[], object], repeat: int) -> float:
    """Median wall time of `work` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(context: UiContext, repeat: int) -> dict[str, float]:
    workspace = context.workspace
    summaries = assessments.list_assessments(workspace)
    model = AssessmentTableModel()
    proxy = AssessmentFilterProxy()
    proxy.setSourceModel(model)
    results = {
        "rows": float(len(summaries)),
        "load": timed(lambda: assessments.list_assessments(workspace), repeat),
        "model": timed(lambda: model.set_summaries(summaries), repeat),
    }

    def sort_all() -> None:
        for column in Column:
            proxy.sort(column, Qt.SortOrder.AscendingOrder)
            proxy.sort(column, Qt.SortOrder.DescendingOrder)

    results["sort (7 cols × 2)"] = timed(sort_all, repeat)
    proxy.sort(Column.YEAR, Qt.SortOrder.DescendingOrder)

    def filter_all() -> None:
        proxy.set_text("huu lien")
        proxy.set_text("")
        proxy.set_text("xa")
        proxy.set_text("")
        proxy.set_year(FIRST_YEAR)
        proxy.set_year(None)
        proxy.set_status(AssessmentStatus.DRAFT)
        proxy.set_status(None)

    results["filter (8 changes)"] = timed(filter_all, repeat)

    def build_view() -> None:
        view = AssessmentsView(context)
        view.deleteLater()

    results["view (load+model+sort)"] = timed(build_view, repeat)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    fonts.install(app)
    i18n.set_language("vi")
    rng = random.Random(20261128)

    with tempfile.TemporaryDirectory(prefix="assessor-bench-") as folder:
        home = Path(folder)
        workspace = open_workspace(home, actor="Benchmark")
        try:
            reference_data.ensure_initialised(workspace)
            profile.save_profile(
                workspace, "office", "Benchmark", "labour_social_affairs", "LS-2020"
            )
            errors = ErrorReporter(log_file=None)
            errors.modal = False
            context = UiContext(workspace, AppSettings(home=str(home)), errors)

            start = time.perf_counter()
            count = fill_year(workspace, FIRST_YEAR, rng)
            print(
                f"built year {FIRST_YEAR}: {count} assessments in {time.perf_counter() - start:.1f} s"
            )
            baseline = measure(context, args.repeat)

            start = time.perf_counter()
            for year in range(FIRST_YEAR + 1, FIRST_YEAR + args.years):
                count += fill_year(workspace, year, rng)
            last = FIRST_YEAR + args.years - 1
            print(
                f"built years {FIRST_YEAR + 1}–{last}: {count} assessments in total, "
                f"{time.perf_counter() - start:.1f} s"
            )
            full = measure(context, args.repeat)
            if errors.shown:
                print("errors:", errors.shown)
        finally:
            workspace.close()

    rows_ratio = full["rows"] / baseline["rows"]
    print()
    print(f"median of {args.repeat} runs, {date.today().isoformat()}, Qt offscreen")
    print(f"{'step':<24}{'1 year':>12}{f'{args.years} years':>12}{'ratio':>9}{'per row':>12}")
    print(f"{'rows':<24}{baseline['rows']:>12.0f}{full['rows']:>12.0f}{rows_ratio:>9.1f}")
    for step in baseline:
        if step == "rows":
            continue
        ratio = full[step] / baseline[step] if baseline[step] else float("nan")
        per_row_us = full[step] * 1000 / full["rows"]
        print(
            f"{step:<24}{baseline[step]:>10.1f}ms{full[step]:>10.1f}ms{ratio:>9.1f}"
            f"{per_row_us:>10.1f}µs"
        )
    print()
    print(
        f"rows grew ×{rows_ratio:.1f}; a step whose ratio stays near or below that scales linearly."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
