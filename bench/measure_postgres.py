"""PostgreSQL against SQLite (issue 16): the list, an import and the summary at 10× data.

    python bench/measure_postgres.py --province DIR [--pairs N]

`DIR` is a province made by bench/make_province.py (`--scale 10`: 22,600 assessments). A throwaway
PostgreSQL cluster is started as the tests start theirs (tests/postgres_server.py: Debian's
`postgresql` binaries, a temporary folder, a local TCP port, fsync off — as the tests', not a
tuned server), the province is moved onto it with `store move` (services/store_move.py) and each
measure is timed on both stores, interleaved (SQLite, PostgreSQL, SQLite, …), median of N pairs,
printed as the ratio PostgreSQL / SQLite:

- list: the store read and the rows of the assessments list (the worker thread's part of a refresh:
  `list_assessments` and `rows_of`; the GUI thread's part does not depend on the store);
- import: a bundle of one assessment (a few figures, a 1 MB photo), each pair a bundle of its own,
  without SQLite's safety copy of the whole file (a PostgreSQL store makes none: pg_dump is the
  office's; the copy is timed in bench/measure_growth.py);
- summary: the province summary PDF of a full year (2,000 assessments at 10×).

The server is on the same machine (a round trip of tens of microseconds, not a network's
milliseconds): a ratio here says how much more work the server does, and the number of queries
(counted on the PostgreSQL side) says what a network would add.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):  # the app's tests (the cluster) and bench/'s modules
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from run import Result  # noqa: E402

PROVINCE = "20"
SUMMARY_YEAR = 2023  # the last full year of the synthetic province
CREATED = datetime(2025, 12, 1, 9, 0)


@contextmanager
def counted_queries(engine: Any) -> Iterator[list[int]]:
    """The number of statements `engine` runs inside the block (in the list's one item)."""
    from sqlalchemy import event

    count = [0]

    def one(*_args: Any) -> None:
        count[0] += 1

    event.listen(engine, "before_cursor_execute", one)
    try:
        yield count
    finally:
        event.remove(engine, "before_cursor_execute", one)


def _interleaved(
    measure: Callable[[int], Any], baseline: Callable[[int], Any], count: int, own: bool = False
) -> tuple[float, float]:
    """Median times, alternately, after one warm-up each; `own`: the calls return their time."""
    baseline(0), measure(0)
    times: list[float] = []
    base: list[float] = []
    for number in range(1, count + 1):
        for call, into in ((baseline, base), (measure, times)):
            started = time.perf_counter()
            returned = call(number)
            into.append(returned if own else time.perf_counter() - started)
    return statistics.median(times), statistics.median(base)


class Stores:
    """The province on both stores (copies: imports go into them), the team's bundles enrolled,
    SQLite's safety copy before each import timed apart."""

    def __init__(self, work: Path, province: Path, url: str, bundles: int) -> None:
        from measure_growth import _bundles

        from assessor_app.services import backups, trust
        from assessor_app.services.store_move import move_store
        from assessor_app.services.workspace import open_workspace

        self.by_name: dict[str, Any] = {}
        self.copying: list[float] = []
        self._backup = backups.backup
        shutil.copytree(province, work / "sqlite", ignore=shutil.ignore_patterns("backups"))
        shutil.copytree(province, work / "pg", ignore=shutil.ignore_patterns("backups"))
        self.by_name["SQLite"] = open_workspace(work / "sqlite", actor="Lý Thị Duyệt")
        started = time.perf_counter()
        check = move_store(self.by_name["SQLite"], url)
        self.move_s = time.perf_counter() - started
        assert check.ok, check
        # The statistics autovacuum would gather within a minute of the move on any server.
        from sqlalchemy import create_engine

        from assessor_app.storage.database_postgres import driver_url

        engine = create_engine(driver_url(url), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
        engine.dispose()
        self.by_name["PostgreSQL"] = open_workspace(work / "pg", actor="Lý Thị Duyệt", store=url)
        self.bundles, card, fingerprint = _bundles(work / "bundles", bundles)
        for ws in self.by_name.values():
            trust.enrol_card(ws, card, fingerprint)
        backups.backup = self._timed_copy  # type: ignore[assignment]

    def _timed_copy(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._backup(*args, **kwargs)
        finally:
            self.copying.append(time.perf_counter() - started)

    def listing(self, name: str) -> Callable[[int], Any]:
        from assessor_app.services import assessments
        from assessor_app.ui.assessments.list_model import rows_of

        return lambda _n: rows_of(assessments.list_assessments(self.by_name[name]))

    def importing(self, name: str, first: int) -> Callable[[int], float]:
        from assessor_app.services import bundle_import

        def run(number: int) -> float:
            before = len(self.copying)
            started = time.perf_counter()
            result = bundle_import.apply(self.by_name[name], self.bundles[first + number])
            elapsed = time.perf_counter() - started
            assert result.outcome == bundle_import.ACCEPTED, result
            return elapsed - sum(self.copying[before:])

        return run

    def summarising(self, name: str) -> Callable[[int], Any]:
        from assessor_app.services import reports

        return lambda _n: reports.summary_bytes(
            self.by_name[name], PROVINCE, SUMMARY_YEAR, created=CREATED
        )

    def close(self) -> None:
        from assessor_app.services import backups

        backups.backup = self._backup  # type: ignore[assignment]
        for ws in self.by_name.values():
            ws.close()


def postgres_measures(province: Path, pairs: int, label: str) -> tuple[list[Result], list[str]]:
    """The results, and notes (statements per measure, the move's time) to print with them."""
    from tests.postgres_server import started_server

    work = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    try:
        with started_server() as server:
            url = server.url(server.create_database())
            stores = Stores(work, province, url, 2 * (pairs + 1) + 1)
            try:
                return _measure(stores, pairs, label)
            finally:
                stores.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(stores: Stores, pairs: int, label: str) -> tuple[list[Result], list[str]]:
    measures: list[tuple[str, Callable[[str], Callable[[int], Any]], bool]] = [
        (f"list: store read and rows, {label}", stores.listing, False),
        (
            "import: a one-assessment bundle (1 MB), without SQLite's safety copy",
            lambda name: stores.importing(name, 0 if name == "SQLite" else pairs + 1),
            True,
        ),
        (f"summary: province PDF of {SUMMARY_YEAR}, {label}", stores.summarising, False),
    ]
    results = []
    for title, make, own in measures:
        pg, lite = _interleaved(make("PostgreSQL"), make("SQLite"), pairs, own)
        results.append(
            Result(
                f"{title}, PostgreSQL",
                "the same on SQLite",
                pg,
                lite,
                "(information: PG/SQLite ratio)",
            )
        )
    notes = [f"store move of the province: {stores.move_s:.0f} s"]
    engine = stores.by_name["PostgreSQL"].database.engine
    for title, make, _ in measures:
        call = make("PostgreSQL")
        if title.startswith("import"):  # the spare bundle, not imported yet
            call = stores.importing("PostgreSQL", len(stores.bundles) - 1)
        with counted_queries(engine) as count:
            call(0)
        notes.append(f"{title.split(':')[0]}: {count[0]} statements on PostgreSQL")
    return results, notes


def main() -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--label", default="22,600 assessments (province ×10)")
    args = parser.parse_args()
    results, notes = postgres_measures(args.province, args.pairs, args.label)
    for r in results:
        print(
            f"{r.measure.split(':')[0]} PG/SQLite = {r.ratio:.1f}× "
            f"({r.median_s * 1000:.0f} ms vs {r.baseline_median_s * 1000:.0f} ms) — {r.measure}"
        )
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
