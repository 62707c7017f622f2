"""Growth measures (issue 11): the same work on the synthetic province at 1× and at larger scales.

Each is a ratio of the larger store against the 1× store, timed in the same run, interleaved:

- start-up to the first painted window, and to the window attached to the store: must not grow
  with the store (goal: ratio ≤ 1.1);
- `assessment show` of one assessment: one assessment's work, whatever the store holds (≤ 1.1);
- importing a bundle of one assessment (a few figures and a 1 MB photo) into a copy of each
  province (each pair imports a bundle of its own, so that none is "already imported"): one
  assessment's work too (≤ 1.1), apart from the copy of the whole store that every import makes
  first (a safety copy, docs/store.md), which SQLite's backup API makes at the speed of the disk:
  it is timed on its own row, for information;
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
            big, one = pairs(
                command, command, _env(home), count, baseline_env=_env(small),
                until_output=command[-1] == FIRST_PAINT,
            )  # fmt: skip
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
    measure: Callable[[int], Any],
    baseline: Callable[[int], Any],
    count: int,
    own_time: bool = False,
) -> tuple[float, float]:
    """Alternately, after one warm-up each; the call's number is passed on (its own bundle).
    `own_time`: the calls return the time to count (a part of what they do)."""
    baseline(0), measure(0)
    times: list[float] = []
    base: list[float] = []
    for number in range(1, count + 1):
        for call, into in ((baseline, base), (measure, times)):
            started = time.perf_counter()
            returned = call(number)
            into.append(returned if own_time else time.perf_counter() - started)
    return statistics.median(times), statistics.median(base)


def _megabytes(home: Path) -> int:
    return round((home / "assessor.sqlite3").stat().st_size / 1024 / 1024)


def import_and_summary_growth(provinces: dict[int, Path], count: int) -> list[Result]:
    """Import and summary at each larger scale against 1×, on copies of the provinces (the
    provinces themselves are left as they were built). Each pair imports a bundle not imported
    before into either store."""
    from measure_reports import CREATED, PROVINCE, YEARS

    from assessor_app.services import backups, bundle_import, reports, trust
    from assessor_app.services.workspace import open_workspace

    larger = sorted(scale for scale in provinces if scale != 1)
    work = Path(tempfile.mkdtemp(prefix="bench-growth-"))
    offices: dict[int, Any] = {}
    make_copy = backups.backup
    try:
        bundles, card, fingerprint = _bundles(work, (count + 1) * len(larger))
        for scale, home in sorted(provinces.items()):
            copy = work / f"office-{scale}"
            shutil.copytree(home, copy, ignore=shutil.ignore_patterns("backups"))
            offices[scale] = open_workspace(copy, actor="Lý Thị Duyệt")
            trust.enrol_card(offices[scale], card, fingerprint)

        copying: list[float] = []  # the safety copy's time, per import

        def timed_copy(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return make_copy(*args, **kwargs)
            finally:
                copying.append(time.perf_counter() - started)

        backups.backup = timed_copy  # type: ignore[assignment]

        def importing(
            scale: int, first: int, copies: dict[str, list[float]]
        ) -> Callable[[int], float]:
            def run(number: int) -> float:
                started = time.perf_counter()
                result = bundle_import.apply(offices[scale], bundles[first + number])
                assert result.outcome == bundle_import.ACCEPTED, result
                copies.setdefault(str(scale), []).append(copying[-1])
                return time.perf_counter() - started - copying[-1]

            return run

        def summarising(scale: int) -> Callable[[int], object]:
            return lambda _number: reports.summary_bytes(
                offices[scale], PROVINCE, YEARS[-1], created=CREATED
            )

        results = []
        for index, scale in enumerate(larger):
            first = index * (count + 1)
            copies: dict[str, list[float]] = {}
            big, one = _interleaved(
                importing(scale, first, copies), importing(1, first, copies), count, own_time=True
            )
            results.append(
                Result(
                    f"growth: import of a one-assessment bundle (1 MB) at {scale}×, "
                    "without the safety copy",
                    "the same at 1×",
                    big,
                    one,
                    "ratio ≤ 1.1",
                )
            )
            results.append(
                Result(
                    f"growth: the safety copy of the store before an import at {scale}× "
                    f"({_megabytes(provinces[scale])} MB)",
                    f"the same at 1× ({_megabytes(provinces[1])} MB)",
                    statistics.median(copies[str(scale)][1:]),
                    statistics.median(copies["1"][1:]),
                    "(information: the disk's speed, proportional to the store)",
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
        backups.backup = make_copy  # type: ignore[assignment]
        for office in offices.values():
            office.close()
        shutil.rmtree(work, ignore_errors=True)
