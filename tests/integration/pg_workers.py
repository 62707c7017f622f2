"""What each process of tests/integration/test_postgres_concurrency.py does (importable: spawn)."""

from __future__ import annotations

import time
from pathlib import Path

from assessor_app.domain.errors import StoreError
from assessor_app.services import assessments
from assessor_app.services.workspace import open_workspace

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
