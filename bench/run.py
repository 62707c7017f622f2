"""The benchmark suite (not tests): each measure as a ratio against its baseline, both timed in the
same run, interleaved (baseline, measure, baseline, measure, …), median of N pairs.

    python bench/run.py [--pairs N] [--out bench/RESULTS.md]

Prints a Markdown table (measure, baseline, median times, ratio, goal) and writes it with a JSON
copy next to it. The measures so far (issue 11 adds the rest: list refresh, keystroke, save,
import/export, printing, the summary at 10× data):

- cli: `assessor-app catalogue list` on an initialised store, against `python -c pass`
  (goal: its fixed cost, the difference, ≤ 0.3 s).
- window: start to the first painted main window (`check_gui(until="painted")`: the app's own start
  up to the window's first paint), against a bare PySide6 window shown and painted in a fresh
  process (goal: ratio ≤ 1.5); and start to the window attached to the store (`assessor-app
  check-gui`), for information.
- export, import, memory: bench/measure_exchange.py (runnable alone).
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


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def pairs(
    measure: list[str],
    baseline: list[str],
    env: dict[str, str],
    count: int,
    baseline_env: dict[str, str] | None = None,
) -> tuple[float, float]:
    """Median times of `measure` and `baseline` (in `baseline_env`, default `env`), run alternately
    `count` times each (after one warm-up of each, which fills the disk cache)."""
    base_env = env if baseline_env is None else baseline_env
    _timed(baseline, base_env), _timed(measure, env)
    times: list[float] = []
    base: list[float] = []
    for _ in range(count):
        base.append(_timed(baseline, base_env))
        times.append(_timed(measure, env))
    return statistics.median(times), statistics.median(base)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    python = sys.executable
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    env = {
        **os.environ,
        "ASSESSOR_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    subprocess.run(
        [python, "-m", "assessor_app", "init"], env=env, check=True, stdout=subprocess.DEVNULL
    )

    results = []
    cli, bare = pairs(
        [python, "-m", "assessor_app", "catalogue", "list"], [python, "-c", "pass"], env, args.pairs
    )
    results.append(Result("cli: catalogue list", "python -c pass", cli, bare, "fixed cost ≤ 0.3 s"))
    window, bare_window = pairs(
        [python, "-c", FIRST_PAINT], [python, "-c", BARE_WINDOW], env, args.pairs
    )
    results.append(
        Result(
            "window: first painted main window",
            "bare PySide6 window",
            window,
            bare_window,
            "ratio ≤ 1.5",
        )
    )
    ready, bare_window = pairs(
        [python, "-m", "assessor_app", "check-gui"], [python, "-c", BARE_WINDOW], env, args.pairs
    )
    results.append(
        Result(
            "window: attached to the store, list loading",
            "bare PySide6 window",
            ready,
            bare_window,
            "(no goal: after the first paint)",
        )
    )
    from measure_exchange import measures as exchange  # bench/ is on sys.path; alone: run it

    results.extend(exchange(args.pairs))

    import measure_reports  # printing, the summary at 10× data (its province is built once, slowly)

    results += measure_reports.measures(args.pairs)

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    lines = [
        f"Benchmarks: {stamp}, commit {commit or '?'}, {platform.machine()} × {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, median of {args.pairs} interleaved pairs.",
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
    args.out.write_text(table, encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps([asdict(r) | {"ratio": r.ratio} for r in results], indent=1), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
