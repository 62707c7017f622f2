"""Growth measures (issue 11): the same work on the synthetic province at 1× and at larger scales.

Each is a ratio of the larger store against the 1× store, timed in the same run, interleaved:

- start-up to the first painted window, and to the window attached to the store: must not grow
  with the store (goal: ratio ≤ 1.1);
- `assessment show` of one assessment: one assessment's work, whatever the store holds (≤ 1.1);
- importing a bundle of one assessment (a few figures and a 1 MB photo) into a copy of each
  province: one assessment's work too (≤ 1.1; each pair imports a bundle of its own, so that
  none is "already imported");
- the province's summary PDF of one year: for information, as it reads every assessment of the
  year, which the larger province holds N times over (its absolute goal is in measure_reports.py).

The list's refresh at each scale is in measure_list.py (an absolute goal per scale).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

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


# --- import and summary, in this process --------------------------------------------------------


def _bundles(work: Path, count: int) -> tuple[list[Path], Path, str]:
    """`count` bundles of one assessment each (communes in force in 2026), and the team's key
    card with its fingerprint, for the offices to enrol."""
    from measure_exchange import AGENCY, PASSPHRASE, _cheap_keys

    _cheap_keys()
    from assessor_app.services import assessments, bundle_export, keys, notes, reference_data
    from assessor_app.services.workspace import open_workspace

    team = open_workspace(work / "team", actor="Hoàng Thị Lan")
    try:
        reference_data.initialise(team)
        keys.init_key(team, "Hoàng Thị Lan", AGENCY, PASSPHRASE, "team")
        photo = work / "anh-so-tiem-chung.jpg"
        photo.write_bytes(os.urandom(1024 * 1024))
        communes = [unit.code for unit in reference_data.units_on(team, date(2026, 12, 31))]
        bundles = []
        for number, code in enumerate(communes[:count]):
            created = assessments.create(team, code, 2026)
            assessments.set_value(team, created.id, "TC2.1", "49/50")
            notes.attach_evidence(team, created.id, "TC2.1", photo, caption=photo.name)
            bundle = work / f"bundle-{number}.ldbundle"
            bundle_export.export(team, [created.id], bundle, PASSPHRASE, include_drafts=True)
            bundles.append(bundle)
        card = work / "card.json"
        keys.write_card(team, card)
        info = keys.key_info(team)
        assert info is not None
        return bundles, card, info.formatted
    finally:
        team.close()


def _interleaved(
    measure: Callable[[int], object], baseline: Callable[[int], object], count: int
) -> tuple[float, float]:
    """Alternately, after one warm-up each; the call's number is passed on (its own bundle)."""
    baseline(0), measure(0)
    times: list[float] = []
    base: list[float] = []
    for number in range(1, count + 1):
        started = time.perf_counter()
        baseline(number)
        base.append(time.perf_counter() - started)
        started = time.perf_counter()
        measure(number)
        times.append(time.perf_counter() - started)
    return statistics.median(times), statistics.median(base)


def import_and_summary_growth(provinces: dict[int, Path], count: int) -> list[Result]:
    """Import and summary at each larger scale against 1×, on copies of the provinces (the
    provinces themselves are left as they were built). Each pair imports a bundle not imported
    before into either store."""
    from measure_reports import CREATED, PROVINCE, YEARS

    from assessor_app.services import bundle_import, reports, trust
    from assessor_app.services.workspace import open_workspace

    larger = sorted(scale for scale in provinces if scale != 1)
    work = Path(tempfile.mkdtemp(prefix="bench-growth-"))
    offices: dict[int, Any] = {}
    try:
        bundles, card, fingerprint = _bundles(work, (count + 1) * len(larger))
        for scale, home in sorted(provinces.items()):
            copy = work / f"office-{scale}"
            shutil.copytree(home, copy)
            offices[scale] = open_workspace(copy, actor="Lý Thị Duyệt")
            trust.enrol_card(offices[scale], card, fingerprint)

        def importing(scale: int, first: int) -> Callable[[int], object]:
            def run(number: int) -> None:
                result = bundle_import.apply(offices[scale], bundles[first + number])
                assert result.outcome == bundle_import.ACCEPTED, result

            return run

        def summarising(scale: int) -> Callable[[int], object]:
            return lambda _number: reports.summary_bytes(
                offices[scale], PROVINCE, YEARS[-1], created=CREATED
            )

        results = []
        for index, scale in enumerate(larger):
            first = index * (count + 1)
            big, one = _interleaved(importing(scale, first), importing(1, first), count)
            results.append(
                Result(
                    f"growth: import of a one-assessment bundle (1 MB) at {scale}×",
                    "the same at 1×",
                    big,
                    one,
                    "ratio ≤ 1.1",
                )
            )
            big, one = _interleaved(summarising(scale), summarising(1), count)
            results.append(
                Result(
                    f"growth: summary PDF of {YEARS[-1]} at {scale}×",
                    "the same at 1×",
                    big,
                    one,
                    "(information: it reads the year's assessments, N times as many)",
                )
            )
        return results
    finally:
        for office in offices.values():
            office.close()
        shutil.rmtree(work, ignore_errors=True)
