"""A writer process for tests/integration/test_postgres_crash.py (not a test module).

`python -m tests.integration.pg_crash_child PLAN.json` opens the office's store on the PostgreSQL
server as the app does (`open_workspace(home, store=URL)`, `startup.prepare`), then performs the
plan's operations one after the other — figures set, evidence files attached (streamed into the
database), bundles imported, decisions recorded — and journals each one as
tests/integration/crash_child.py does (`begin`, then `ack` once the service call returned, or
`refused` with the code of an expected error; a `bug` line and BUG_EXIT for anything else).
The parent kills it with SIGKILL at a drawn moment.

`--hold-migration-lock`: open an EMPTY database instead and stop for good inside its migration
transaction, holding the migration's advisory lock, after journalling `locked` (the parent kills
it there).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from assessor_app.bundles import keys as bundle_keys
from assessor_app.domain.errors import AssessorError
from assessor_app.services import assessments, bundle_import, decisions, notes, startup
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage import database_postgres
from tests.integration.crash_child import BUG_EXIT, Journal


def run(ws: Workspace, plan: dict[str, Any], op: dict[str, Any]) -> dict[str, Any]:
    kind = op["kind"]
    if kind == "set":
        detail = assessments.set_value(ws, op["assessment"], op["indicator"], op["text"])
        return {"entered_by": detail.values[op["indicator"]].entered_by}
    if kind == "attach":
        record = notes.attach_evidence(ws, op["assessment"], op["indicator"], op["file"])
        return {"sha256": record.sha256}
    if kind == "import":
        imported = bundle_import.apply(ws, Path(op["file"]), plan["office_passphrase"])
        return {"bundle_id": imported.bundle_id, "outcome": imported.outcome}
    if kind == "decide":
        decided = decisions.record_decision(
            ws,
            decisions.DecisionInput(
                year=2026,
                unit="20",
                number=op["number"],
                decided_on=date(2026, 12, 5),
                signer_name="Đoàn Thu Hà",
            ),
        )
        return {"decision": decided.id}
    raise AssertionError(f"unknown operation {kind}")


def hold_migration_lock(plan: dict[str, Any], journal: Journal) -> None:
    lock = database_postgres.migration_lock

    @contextmanager
    def locked_for_good(engine: Any) -> Iterator[None]:
        with lock(engine):
            journal.write(event="locked")
            time.sleep(600)  # killed here, holding the migration lock
            yield

    database_postgres.migration_lock = locked_for_good  # type: ignore[assignment]
    open_workspace(Path(plan["home"]), actor=plan["actor"], store=plan["store"])


def main(plan_file: str) -> None:
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    bundle_keys.KDF_COST = bundle_keys.ScryptCost(**plan["kdf_cost"])  # as crash_child does
    journal = Journal(Path(plan["journal"]))
    try:
        if plan.get("hold_migration_lock"):
            hold_migration_lock(plan, journal)
            return
        ws = open_workspace(Path(plan["home"]), actor=plan["actor"], store=plan["store"])
        startup.prepare(ws)
        journal.write(event="started")
        for index, op in enumerate(plan["ops"]):
            journal.write(op=index, event="begin", **op)
            try:
                outcome = run(ws, plan, op)
            except AssessorError as error:
                journal.write(op=index, event="refused", code=error.code, **op)
                continue
            journal.write(op=index, event="ack", **op, **outcome)
        ws.close()
    except BaseException:
        journal.write(event="bug", traceback=traceback.format_exc())
        os._exit(BUG_EXIT)
    journal.write(event="done")


if __name__ == "__main__":
    main(sys.argv[1])
