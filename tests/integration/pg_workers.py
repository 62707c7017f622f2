"""What each process of tests/integration/test_postgres_concurrency.py does (importable: spawn)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assessor_app.domain.errors import StoreError
from assessor_app.services import assessments, bundle_import, reports
from assessor_app.services.workspace import Workspace, open_workspace

TRIES = 20


def _retried(action: object) -> object:
    for attempt in range(TRIES):
        try:
            return action()  # type: ignore[operator]
        except StoreError as error:
            if error.code != "STORE_BUSY" or attempt == TRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


def write_assessments(home: str, url: str, communes: list[str], actor: str, year: int) -> list[int]:
    """Create an assessment per commune and set a figure in it, retrying only STORE_BUSY."""
    ws = open_workspace(Path(home), actor=actor, store=url)
    try:
        made = []
        for code in communes:
            row = _retried(
                lambda code=code: assessments.create(ws, code, year, kind="self", join_team=False)
            )
            made.append(row.id)  # type: ignore[attr-defined]
            _retried(lambda row=row: assessments.set_value(ws, row.id, "TC2.1", "45/50"))  # type: ignore[attr-defined]
        return made
    finally:
        ws.close()


def read_lists(home: str, url: str, rounds: int) -> int:
    ws = open_workspace(Path(home), actor="Người đọc", store=url)
    try:
        seen = 0
        for _ in range(rounds):
            seen = max(seen, len(assessments.list_assessments(ws)))
        return seen
    finally:
        ws.close()


# --- several imports at once, a report and an editor (issue 16, item 7) --------------------------

WAIT_SECONDS = 120
RETRIED = "retrying a transaction the server refused"  # storage/database.py's log record


class _Retries(logging.Handler):
    """Counts the transactions `run_in_transaction` ran again in this process."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += RETRIED in record.getMessage()


@contextmanager
def counting_retries() -> Iterator[_Retries]:
    logger = logging.getLogger("assessor_app.storage.database")
    handler, level = _Retries(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def run(name: str, work: str, args: tuple[Any, ...], results: Any) -> None:
    """A process's body: `work(*args)`, its result put on `results` under `name`; an exception
    ends the process with a non-zero exit code (multiprocessing prints its traceback)."""
    results.put((name, globals()[work](*args)))


def _hold_first_run(ws: Workspace, reading: Any, committed: Any) -> None:
    """The first time the use case asks the time (inside its transaction, after its reads and
    before its writes), tell the other process and wait until its import has committed: the
    server then refuses this run, deterministically."""
    clock, calls = ws.clock, []

    def held() -> str:
        calls.append(1)
        if len(calls) == 1:
            reading.set()
            if not committed.wait(WAIT_SECONDS):
                raise TimeoutError("the other import did not commit")
        return clock()

    ws.clock = held


def import_bundle(
    home: str, url: str, bundle: str, actor: str, role: str, reading: Any, committed: Any
) -> tuple[str, tuple[int, ...], int]:
    """Import one bundle: (outcome, assessment ids, transactions retried). `role` "waits": its
    first run waits for the "gets_in" process's import to commit; "free": no arrangement."""
    ws = open_workspace(Path(home), actor=actor, store=url)
    try:
        with counting_retries() as retried:
            if role == "waits":
                _hold_first_run(ws, reading, committed)
            elif role == "gets_in" and not reading.wait(WAIT_SECONDS):
                raise TimeoutError("the other import did not start")
            result = _retried(lambda: bundle_import.apply(ws, Path(bundle)))
            if role == "gets_in":
                committed.set()
        return result.outcome, result.assessment_ids, retried.count  # type: ignore[attr-defined]
    finally:
        ws.close()


def edit_commune(
    home: str, url: str, commune: str, year: int, actor: str, figures: list[tuple[str, str]]
) -> tuple[int, int]:
    """Create an assessment of `commune` and enter `figures` in turn: (its id, retries)."""
    ws = open_workspace(Path(home), actor=actor, store=url)
    try:
        with counting_retries() as retried:
            row: Any = _retried(lambda: assessments.create(ws, commune, year, join_team=False))
            for code, text in figures:
                _retried(lambda code=code, text=text: assessments.set_value(ws, row.id, code, text))
        return row.id, retried.count
    finally:
        ws.close()


def summarise(home: str, url: str, year: int, rounds: int) -> list[int]:
    """Write the province's summary report `rounds` times: how many communes each summarised."""
    ws = open_workspace(Path(home), actor="Người in báo cáo", store=url)
    try:
        counts = []
        for number in range(rounds):
            out = Path(home) / f"summary-{number}.pdf"
            counts.append(len(reports.write_summary(ws, "20", year, out).communes))
        return counts
    finally:
        ws.close()
