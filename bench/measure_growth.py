"""Growth measures (issue 11): the same work on the synthetic province at 1× and at larger scales.

Each is a ratio of the larger store against the 1× store, timed in the same run, interleaved:

- start-up to the first painted window, and to the window attached to the store: must not grow
  with the store (goal: ratio ≤ 1.1);
- `assessment show` of one assessment: one assessment's work, whatever the store holds (≤ 1.1).

The list's refresh at each scale is in measure_list.py (an absolute goal per scale).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import FIRST_PAINT, Result, pairs  # bench/ is not a package: its folder is on the path


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "ASSESSOR_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}


def growth_measures(provinces: dict[int, Path], count: int) -> list[Result]:
    """`provinces`: scale → data home made by make_province.py (scale 1 required)."""
    python = sys.executable
    small = provinces[1]
    results = []
    for scale, home in sorted(provinces.items()):
        if scale == 1:
            continue
        commands = {
            "first painted window": [python, "-c", FIRST_PAINT],
            "window attached to the store": [python, "-m", "assessor_app", "check-gui"],
            "assessment show (one assessment)": [
                python, "-m", "assessor_app", "assessment", "show", "1", "--json",
            ],
        }  # fmt: skip
        for name, command in commands.items():
            big, one = pairs(command, command, _env(home), count, baseline_env=_env(small))
            results.append(
                Result(f"growth: {name} at {scale}×", "the same at 1×", big, one, "ratio ≤ 1.1")
            )
    return results
