"""Benchmarks of printed documents (issue 11): printing a dossier, the province summary at 10× data.

    python bench/measure_reports.py [--pairs N]      (or through bench/run.py)

- print: a 9-page dossier printed to a PDF file (the preview dialog's print job, "Print to file"),
  against saving the same dossier's PDF (goal: ≤ 2 s, and the output ≈ the saved PDF's size).
- summary: the province's summary PDF with 226 communes × 10 years of full figures, against reading
  its data only (goal: ≤ 1 s absolute).

The province is made here through the public services (deterministic, no random numbers), once per
data folder: `--province DIR` keeps it between runs (building takes minutes on a slow machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python bench/measure_reports.py`
    sys.path.insert(0, str(ROOT))

from assessor_app.domain.catalogue import Indicator, RuleKind  # noqa: E402
from assessor_app.domain.values import (  # noqa: E402
    CountValue,
    ManualValue,
    RateValue,
    Value,
    YesNoValue,
)
from assessor_app.services import assessments, notes, reference_data, team  # noqa: E402
from assessor_app.services.workspace import Workspace, open_workspace  # noqa: E402
from bench.run import Result  # noqa: E402

PROVINCE = "20"
YEARS = tuple(range(2015, 2025))  # ten evaluation years of the 226 communes (before the reform)
CREATED = datetime(2025, 12, 1, 9, 0)
READY_MARK = ".province-ready"


def _value(indicator: Indicator, seed: int) -> Value:
    """Full figures that vary from commune to commune and year to year, deterministically."""
    rule = indicator.rule
    if rule.kind is RuleKind.RATE:
        denominator = 40 + seed % 900
        return RateValue(denominator - seed % 7, denominator)
    if rule.kind is RuleKind.YES_NO:
        return YesNoValue(seed % 5 != 0)
    if rule.kind is RuleKind.COUNT:
        return CountValue(seed % 3)
    return ManualValue(max(indicator.max_points - seed % 20, 0), "Tự đánh giá của xã, có biên bản")


def make_province(workspace: Workspace, years: tuple[int, ...] = YEARS) -> int:
    """Every commune of Lạng Sơn valid in each year, one finalised team inspection each, every
    indicator entered, a team of two and a comment; returns the number of assessments."""
    reference_data.ensure_initialised(workspace)
    made = 0
    for year in years:
        for position, unit in enumerate(reference_data.units_on(workspace, date(year, 10, 31))):
            made += 1
            summary = assessments.create(workspace, unit.code, year, kind="team")
            catalogue = reference_data.catalogue(workspace, summary.catalogue_code)
            for number, indicator in enumerate(catalogue.indicators()):
                seed = position * 31 + year * 7 + number * 13
                assessments.set_value_object(
                    workspace, summary.id, indicator.code, _value(indicator, seed)
                )
            team.add_member(workspace, summary.id, "Hoàng Thị Lan", "labour_social_affairs", "lead")
            team.add_member(workspace, summary.id, "Nông Văn Minh", "health", "member")
            notes.add_comment(
                workspace, summary.id, catalogue.indicators()[0].code, "Đối chiếu với sổ sách"
            )
            assessments.finalize(workspace, summary.id)
    return made


def province_home(folder: Path | None) -> Path:
    """A data folder holding the 10× province, built on first use."""
    home = folder or Path(tempfile.gettempdir()) / "assessor-bench-province-10x"
    if not (home / READY_MARK).exists():
        home.mkdir(parents=True, exist_ok=True)
        workspace = open_workspace(home, actor="Bench")
        try:
            started = time.perf_counter()
            count = make_province(workspace)
            print(f"made {count} assessments in {time.perf_counter() - started:.0f} s")
        finally:
            workspace.close()
        (home / READY_MARK).write_text("ok\n")
    return home


def _median_pairs(
    measure: Callable[[], object], baseline: Callable[[], object], count: int
) -> tuple[float, float]:
    """In-process counterpart of bench/run.py's `pairs`: one warm-up each, then alternately."""
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


def summary_measure(pairs: int, home: Path, label: str = "226 communes × 10 years") -> Result:
    from assessor_app.services import report_data, reports

    workspace = open_workspace(home, actor="Bench")
    try:
        year = YEARS[-1]
        pdf, data_only = _median_pairs(
            lambda: reports.summary_bytes(workspace, PROVINCE, year, created=CREATED),
            lambda: report_data.summary_data(workspace, PROVINCE, year, CREATED),
            pairs,
        )
    finally:
        workspace.close()
    return Result(
        f"summary: province PDF, {label}",
        "reading its data only",
        pdf,
        data_only,
        "≤ 1 s absolute",
    )


def _dossier_pdf(folder: Path) -> bytes:
    """The demo's finalised dossier (11 pages), as the preview holds it."""
    from assessor_app.services import demo, reports

    workspace = open_workspace(folder / "home", actor="Bench")
    try:
        demo.create_demo(workspace)
        return reports.dossier_bytes(workspace, 1, created=CREATED)
    finally:
        workspace.close()


def print_measures(pairs: int) -> list[Result]:
    """The preview's print job to a PDF file, against saving the same PDF: the whole document (the
    vector PDF itself), a page range (those pages copied, still vector), and the render route that
    Windows printers take (every page rendered at 240 dpi; printed to a file here, to be timed).
    The job runs here on the calling thread; in the app it runs on a worker."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from assessor_app.services import reports
    from assessor_app.ui.reports.print_job import PrintJob, PrintRequest, Route

    app = QApplication.instance() or QApplication([])  # noqa: F841 - QtPdf needs one
    folder = Path(tempfile.mkdtemp(prefix="bench-print-"))
    data = _dossier_pdf(folder)
    saved, printed = folder / "saved.pdf", folder / "printed.pdf"

    def print_pages(pages: tuple[int, int] | None, route: Route | None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        if pages is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*pages)
        job = PrintJob.of(data, printer)
        if route is not None:  # as the dialog would choose it for a Windows printer
            job = PrintJob(data, printer, PrintRequest.of(printer), route)
        job.run(lambda done, total: None, lambda: False)

    results = []
    for pages, route, what in (
        (None, None, "the vector PDF"),
        ((2, 9), None, "pages 2-9 (copied, vector)"),
        (None, Route.RENDER, "Windows printers' route: every page rendered at 240 dpi"),
    ):
        median, base = _median_pairs(
            lambda pages=pages, route=route: print_pages(pages, route),
            lambda: reports.write_file(saved, data),
            pairs,
        )
        size = printed.stat().st_size
        results.append(
            Result(
                f"print: dossier to a PDF file, {what} ({size // 1024} KB)",
                f"saving the same PDF ({len(data) // 1024} KB)",
                median,
                base,
                "≤ 2 s, never frozen, ≈ the saved PDF's size",
            )
        )
    return results


def measures(pairs: int, province: Path | None = None) -> list[Result]:
    results = print_measures(pairs)
    home = province_home(province)
    return [*results, summary_measure(pairs, home)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--province", type=Path, default=None)
    parser.add_argument("--only", choices=("print", "summary"), default=None)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.only == "print":
        results = print_measures(args.pairs)
    elif args.only == "summary":
        results = [summary_measure(args.pairs, province_home(args.province))]
    else:
        results = measures(args.pairs, args.province)
    for r in results:
        print(
            f"{r.measure}: {r.median_s:.3f} s; {r.baseline}: {r.baseline_median_s:.3f} s; "
            f"ratio {r.ratio:.2f}; goal {r.goal}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
