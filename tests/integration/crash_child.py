"""A writer process for tests/integration/test_crash_property.py (not a test module).

`python -m tests.integration.crash_child PLAN.json` starts as the app or a command does (open the
store, `startup.prepare`), then performs the plan's operations one after the other on the team's
store, the stick and the office's store, and journals each one in its own file:

- `{"op": i, "event": "begin", ...}` before the service is called;
- `{"op": i, "event": "ack", ...}` after the service call RETURNED: what the user was told succeeded
  ("acknowledged"). Each line is written, flushed and fsynced before the next step, so a line in
  the journal is a promise the store must keep whatever happens next;
- `{"op": i, "event": "refused", "code": ...}` for an expected error (the parent checks which);
- `{"event": "bug", "traceback": ...}` for anything else, and the process exits with BUG_EXIT.

The plan may also name a place where the process dies on its own (`os._exit`, as kill -9: no
cleanup, no atexit), at a point a timed kill rarely hits: just before, while or just after a
bundle file is written onto the stick, just before an import's receipt, or just after the service call returned and before
its acknowledgement was journalled; the first time it gets there from a given operation on.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any, BinaryIO

from assessor_app.bundles import (
    keys as bundle_keys,
    zip_writer as archive,  # write_zip writes through it
)
from assessor_app.domain.errors import AssessorError
from assessor_app.domain.values import to_json
from assessor_app.services import assessments, bundle_export, bundle_import, receipts, startup
from assessor_app.services.workspace import Workspace, open_workspace

BUG_EXIT = 70
DIED_EXIT = 9


class Journal:
    def __init__(self, path: Path) -> None:
        self.descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, **record: Any) -> None:
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        os.write(self.descriptor, line.encode("utf-8"))
        os.fsync(self.descriptor)


def die() -> None:
    os._exit(DIED_EXIT)


def arm(where: str) -> None:
    """Make the process die when it reaches `where` (see the module docstring)."""
    # Patched by name in the modules that call them, as tests/integration/test_export_crash.py does.
    write_bundle = getattr(bundle_export, "write_bundle")  # noqa: B009
    write_atomic = getattr(archive, "write_atomic")  # noqa: B009

    def dying_write(*args: Any, **kwargs: Any) -> str:
        if where == "before_write":
            die()
        write_bundle(*args, **kwargs)
        die()
        raise AssertionError("unreachable")

    def dying_receipt(*_args: Any, **_kwargs: Any) -> Path:
        die()
        raise AssertionError("unreachable")

    def dying_zip(target: Path, content: Any, **kwargs: Any) -> None:
        def half(handle: BinaryIO) -> None:
            handle.write(b"PK half a bundle")
            handle.flush()
            die()

        write_atomic(target, half, **kwargs)

    if where in ("before_write", "after_write"):
        setattr(bundle_export, "write_bundle", dying_write)  # noqa: B010
    elif where == "while_writing":
        setattr(archive, "write_atomic", dying_zip)  # noqa: B010
    elif where == "before_receipt":
        setattr(receipts, "write_receipt", dying_receipt)  # noqa: B010


class Writer:
    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.actor: str = plan["actor"]
        self.stick = Path(plan["stick"])
        self.team = self._open(plan["team"])
        self.office: Workspace | None = None  # opened at the first import

    def _open(self, home: str) -> Workspace:
        workspace = open_workspace(home, actor=self.actor)
        startup.prepare(workspace)
        return workspace

    def office_store(self) -> Workspace:
        if self.office is None:
            self.office = self._open(self.plan["office"])
        return self.office

    def run(self, op: dict[str, Any]) -> dict[str, Any]:
        kind = op["kind"]
        if kind == "set":
            detail = assessments.set_value(self.team, op["assessment"], op["indicator"], op["text"])
            return {"value": to_json(detail.values[op["indicator"]].value)}
        if kind == "export":
            result = bundle_export.export(
                self.team,
                op["assessments"],
                self.stick / op["file"],
                self.plan["team_passphrase"],
                include_drafts=True,
            )
            return {
                "bundle_id": result.bundle_id,
                "sequence": result.sequence,
                "path": str(result.path),
                "manifest_hash": result.manifest_hash,
                "uids": result.assessments,
            }
        if kind == "import":
            bundles = sorted(p.name for p in self.stick.glob("*.ldbundle"))
            if not bundles:
                return {"file": None}
            name = bundles[op["pick"] % len(bundles)]
            imported = bundle_import.apply(
                self.office_store(), self.stick / name, self.plan["office_passphrase"]
            )
            return {
                "file": name,
                "bundle_id": imported.bundle_id,
                "outcome": imported.outcome,
                "already": imported.already,
            }
        if kind == "start":  # another command or window starts meanwhile, and ends
            for home in (self.plan["team"], self.plan["office"]):
                self._open(home).close()
            return {}
        raise AssertionError(f"unknown operation {kind}")


def main(plan_file: str) -> None:
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    # Key files were written with the tests' low scrypt cost; the shipped cost would make every
    # unlock "upgrade" them (tests/conftest.py lowers it in the test process the same way).
    bundle_keys.KDF_COST = bundle_keys.ScryptCost(**plan["kdf_cost"])
    journal = Journal(Path(plan["journal"]))
    try:
        journal.write(op=-1, event="begin", kind="open")
        try:
            writer = Writer(plan)
        except AssessorError as error:  # STORE_BUSY: the command would stop there (exit 6)
            journal.write(op=-1, event="refused", kind="open", code=error.code)
            journal.write(event="done")
            return
        journal.write(op=-1, event="ack", kind="open")
        journal.write(event="started")
        dies = plan.get("dies")  # [op index, where]: armed from that operation on, or None
        for index, op in enumerate(plan["ops"]):
            if dies and dies[0] == index:
                arm(dies[1])
            journal.write(op=index, event="begin", **op)
            try:
                outcome = writer.run(op)
            except AssessorError as error:
                journal.write(op=index, event="refused", code=error.code, **op)
                continue
            if dies and dies[0] <= index and dies[1] == "after_call":
                die()
            journal.write(op=index, event="ack", **op, **outcome)
    except BaseException:
        journal.write(event="bug", traceback=traceback.format_exc())
        os._exit(BUG_EXIT)
    journal.write(event="done")


if __name__ == "__main__":
    main(sys.argv[1])
