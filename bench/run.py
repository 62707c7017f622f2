"""The benchmark suite (not tests): each measure as a ratio against its baseline, both timed in the
same run, interleaved (baseline, measure, baseline, measure, …), median of N pairs.

    python bench/run.py [--pairs N] [--only SECTION…] [--scales 1,4,10] [--provinces DIR]

Prints a Markdown table (measure, baseline, median times, ratio, goal) and writes it with a JSON
copy next to it (bench/RESULTS.md, .json). The sections (bench/README.md says what each measure
is and why its baseline):

- cli, window: a command's fixed cost, and start-up to the first painted window (here);
- editor: keystroke → repainted, a save's share of the GUI thread (measure_editor.py);
- list: the list's refresh on the synthetic province at each scale (measure_list.py);
- exchange: export, import and peak memory of large bundles (measure_exchange.py);
- reports: printing a dossier, the province summary on the largest province (measure_reports.py);
- dashboard: the office's dashboard's data and its showing on the 1× province (measure_dashboard.py);
- growth: start-up and `assessment show` at larger provinces against 1× (measure_growth.py);
- postgres: the list, an import and the summary on a throwaway PostgreSQL server against SQLite,
  on the largest province (measure_postgres.py).

The provinces (bench/make_province.py) are built once into --provinces and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1]); window = QMainWindow(); window.show(); app.processEvents()\n"
    "window.grab(); window.close()\n"
    "print('painted', flush=True)\n"
)
# The app's real start (fonts, translations, the main window's shell) up to its first paint; the
# store is opened after it (ui/application.py), so it is not part of this measure.
FIRST_PAINT = (
    "import sys\n"
    "from assessor_app.ui.check import check_gui\n"
    "sys.exit(check_gui(until='painted'))\n"
)


@dataclass(frozen=True)
class Result:
    measure: str
    baseline: str
    median_s: float
    baseline_median_s: float
    goal: str

    @property
    def ratio(self) -> float:
        return self.median_s / self.baseline_median_s

    @property
    def difference_s(self) -> float:
        return self.median_s - self.baseline_median_s


def _timed(command: list[str], env: dict[str, str], until_output: bool = False) -> float:
    """The wall time of `command`; `until_output`: until its first line of output (a window's
    start, up to the moment it says it was painted: the interpreter's tear-down after it, which
    nobody waits for, is not counted)."""
    started = time.perf_counter()
    if not until_output:
        subprocess.run(
            command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return time.perf_counter() - started
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - started
        child.stdout.read()
    if child.returncode != 0 or not line:
        raise subprocess.CalledProcessError(child.returncode, command)
    return elapsed


def pairs(
    measure: list[str],
    baseline: list[str],
    env: dict[str, str],
    count: int,
    baseline_env: dict[str, str] | None = None,
    until_output: bool = False,
) -> tuple[float, float]:
    """Median times of `measure` and `baseline` (in `baseline_env`, default `env`), run alternately
    `count` times each (after one warm-up of each, which fills the disk cache)."""
    base_env = env if baseline_env is None else baseline_env
    _timed(baseline, base_env, until_output), _timed(measure, env, until_output)
    times: list[float] = []
    base: list[float] = []
    for _ in range(count):
        base.append(_timed(baseline, base_env, until_output))
        times.append(_timed(measure, env, until_output))
    return statistics.median(times), statistics.median(base)


def compile_app() -> None:
    """The app's bytecode, as `pip install` writes it (without it each start compiles the
    source again)."""
    import compileall

    compileall.compile_dir(ROOT / "assessor_app", quiet=1)


SECTIONS = (
    "cli", "window", "editor", "list", "exchange", "reports", "dashboard", "growth", "postgres",
)  # fmt: skip
READY = "province-ready"  # written once a province is complete: an interrupted build is redone


def province(folder: Path, scale: int) -> Path:
    """The synthetic province at `scale` (bench/make_province.py), built on first use and kept in
    `folder` for later runs (delete it to build again)."""
    home = folder / f"scale-{scale}"
    if not (home / READY).exists():
        import shutil

        from make_province import make_province

        shutil.rmtree(home, ignore_errors=True)
        started = time.perf_counter()
        ids = make_province(home, scale, quiet=True)
        print(f"province ×{scale}: {len(ids)} assessments in {time.perf_counter() - started:.0f} s")
        (home / READY).write_text("ok\n", encoding="utf-8")
    return home


def _startup(python: str, env: dict[str, str], count: int) -> list[Result]:
    cli, bare = pairs(
        [python, "-m", "assessor_app", "catalogue", "list"], [python, "-c", "pass"], env, count
    )
    results = [Result("cli: catalogue list", "python -c pass", cli, bare, "fixed cost ≤ 0.3 s")]
    # What no command can go under while it opens the store through SQLAlchemy's ORM (the design
    # card's data layer): importing it, before any of the app's code runs.
    orm, bare = pairs([python, "-c", "import sqlalchemy.orm"], [python, "-c", "pass"], env, count)
    results.append(
        Result("cli floor: import sqlalchemy.orm", "python -c pass", orm, bare,
               "(information: part of every command's fixed cost)")
    )  # fmt: skip
    window, bare_window = pairs(
        [python, "-c", FIRST_PAINT], [python, "-c", BARE_WINDOW], env, count, until_output=True
    )
    results.append(
        Result("window: first painted main window", "bare PySide6 window", window, bare_window,
               "ratio ≤ 1.5")
    )  # fmt: skip
    ready, bare_window = pairs(
        [python, "-m", "assessor_app", "check-gui"], [python, "-c", BARE_WINDOW], env, count
    )
    results.append(
        Result("window: attached to the store, list loading", "bare PySide6 window", ready,
               bare_window, "(information: after the first paint)")
    )  # fmt: skip
    return results


LIST_GOALS = {1: "≤ 50 ms", 10: "≤ 150 ms"}


def write_results(results: list[Result], pairs: int, out: Path) -> None:
    """The Markdown table, printed and written to `out`, with its JSON copy."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"Benchmarks: {stamp}, commit {commit or '?'}, {platform.machine()} × {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, median of {pairs} interleaved pairs.",
        "",
        "| measure | baseline | median | baseline median | ratio | difference | goal |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.measure} | {r.baseline} | {r.median_s:.3f} s | {r.baseline_median_s:.3f} s | "
            f"{r.ratio:.1f}× | {r.difference_s:.3f} s | {r.goal} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    out.write_text(table, encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps([asdict(r) | {"ratio": r.ratio} for r in results], indent=1), encoding="utf-8"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--scales", default="1,4,10", help="province scales, e.g. 1,4,10")
    parser.add_argument(
        "--provinces",
        type=Path,
        default=Path(tempfile.gettempdir()) / "assessor-bench-provinces",
        help="where the synthetic provinces are built once and kept",
    )
    args = parser.parse_args()
    scales = sorted({int(part) for part in args.scales.split(",")} | {1})
    python = sys.executable
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    # As installed: pip compiles a package's bytecode when it installs it. An editable checkout
    # (and PYTHONDONTWRITEBYTECODE, set on some machines) would compile the app's modules from
    # source at every start, which no user's start does.
    compile_app()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # for the children this process starts
    env = {
        **os.environ,
        "ASSESSOR_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    subprocess.run(
        [python, "-m", "assessor_app", "init"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    wanted = set(args.only)
    results: list[Result] = []
    if "cli" in wanted or "window" in wanted:
        results += _startup(python, env, args.pairs)
    if "editor" in wanted:
        from measure_editor import measures as editor

        results += editor(args.pairs)
    if "list" in wanted:
        from measure_list import list_measures

        for scale in scales:
            rows = f"{2260 * scale:,} rows"
            goal = LIST_GOALS.get(scale, "(between the goals at 1× and 10×)")
            results += list_measures(province(args.provinces, scale), rows, goal, args.pairs)
    if "exchange" in wanted:
        from measure_exchange import measures as exchange

        results += exchange(args.pairs)
    if "reports" in wanted:
        import measure_reports

        results += measure_reports.print_measures(args.pairs)
        largest = province(args.provinces, scales[-1])
        label = f"{2260 * scales[-1]:,} assessments (province ×{scales[-1]})"
        results.append(measure_reports.summary_measure(args.pairs, largest, label))
    if "dashboard" in wanted:
        from measure_dashboard import dashboard_measures

        results += dashboard_measures(province(args.provinces, 1), "2,260 assessments", args.pairs)
    if "growth" in wanted and len(scales) > 1:
        from measure_growth import growth_measures, import_and_summary_growth

        provinces = {scale: province(args.provinces, scale) for scale in scales}
        results += growth_measures(provinces, args.pairs)
        results += import_and_summary_growth(provinces, args.pairs)
    if "postgres" in wanted:
        from measure_postgres import postgres_measures

        label = f"{2260 * scales[-1]:,} assessments (province ×{scales[-1]})"
        found, notes = postgres_measures(province(args.provinces, scales[-1]), args.pairs, label)
        results += found
        print("\n".join(notes))

    write_results(results, args.pairs, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
