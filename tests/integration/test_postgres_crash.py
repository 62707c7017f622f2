"""Property of the trust issue's kill -9 harness, on the PostgreSQL store (issue 16): wherever two
officers' programs are killed, the server keeps every promise and nothing half-done is visible.

Two real processes (tests/integration/pg_crash_child.py) work at once on ONE office store on the
throwaway server (tests/postgres_server.py): they set figures, attach evidence files (streamed
into the database in 1 MiB rows), import bundles from a team and record decisions; each is killed
by SIGKILL at a drawn moment (seeded, the same on every run), or not at all. Then the store is
opened as the next start opens it and checked:

1. every transaction is all-or-nothing: each acknowledged operation is there (its audit entry,
   its row), nothing refused happened, at most the operation a writer was killed in is there
   without its acknowledgement; every bundle recorded as imported left its assessments with
   exactly the figures it carried, and no assessment came from a bundle that is not recorded;
   every decision row has its audit entry and every `record_decision` entry its row;
2. every audit log verifies (`audit verify-store`: chains, signed heads, figures replayed);
3. evidence: every stored content is complete (its rows, its size, its SHA-256), every link names
   a stored content, and no row of an unfinished upload is visible;
4. a program killed while it migrates an empty database, holding the migration's advisory lock,
   does not stop the next one: that one waits for the lock, then migrates and opens the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.bundle_file import read_header
from assessor_app.domain.audit import verify_chain
from assessor_app.services import (
    assessments,
    audit_trail,
    decisions,
    keys,
    notes,
    reference_data,
    startup,
)
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.database import SCHEMA_HEAD
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.crash_child import BUG_EXIT
from tests.integration.test_crash_property import (
    Promises,
    bundle_values,
    promises_of,
    read_journal,
    replayed_values,
    stored_values,
)
from tests.integration.test_import import OFFICE_PASS, TEAM_PASS, enrol, export, open_site
from tests.integration.test_reports import fill
from tests.postgres_server import PostgresServer, postgres_server

pytestmark = [pytest.mark.postgres]
__all__ = ["postgres_server"]

ROOT = Path(__file__).resolve().parents[2]
WRITERS = {"A": "Hoàng Thị Lan", "B": "Vi Văn Đức"}
DENOMINATORS = {"A": 97, "B": 89}  # each acknowledged figure is new: exactly one audit entry
INDICATORS = ("TC2.1", "TC3.1", "TC4.1")
EVIDENCE_MIB = 4  # several rows per file: a kill may fall in the middle of the stream
EXAMPLES = 4
OPS_PER_WRITER = 5
EXPECTED_REFUSALS = {"STORE_BUSY", "STORE_DUPLICATE", "DECISION_NUMBER_TAKEN"}
CHILD_TIMEOUT_S = 90
AGENCY = "Sở Lao động - Thương binh và Xã hội Lạng Sơn"


# --- the store each example starts from ---------------------------------------------------------


@dataclass(frozen=True)
class Template:
    root: Path  # the office's data home (keys) and the team's bundles
    database: str  # the office's database on the server, copied for each example
    drafts: tuple[int, ...]  # the office's own draft assessments (figures, evidence)
    bundles: tuple[Path, ...]


def build_template(server: PostgresServer, root: Path) -> Template:
    team = open_site(root / "team", "Trần Văn Mẫu", "Hoàng Thị Lan", TEAM_PASS)
    database = server.create_database()
    office = open_workspace(root / "office", actor="Lý Thị Duyệt", store=server.url(database))
    try:
        reference_data.ensure_initialised(office)
        keys.init_key(office, "Lý Thị Duyệt", AGENCY, OFFICE_PASS, "office")
        enrol(office, team, root / "cards")
        # Finalised team inspections of 2026 here: what a decision recognises.
        communes = [u.code for u in reference_data.units_on(office, date(2026, 12, 31))][:7]
        for commune in communes[:2]:
            fill(office, commune, 2026)
        drafts = tuple(assessments.create(office, code, 2026).id for code in communes[2:4])
        # The team's bundles: new assessments for the office, one with a photo to stream in.
        bundles = []
        photo = root / "anh.jpg"
        photo.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
        for number, commune in enumerate(communes[4:7]):
            created = assessments.create(team, commune, 2026)
            assessments.set_value(team, created.id, "TC2.1", f"{40 + number}/50")
            if number == 0:
                notes.attach_evidence(team, created.id, "TC2.1", photo)
            bundles.append(export(team, [created.id], root / f"T-{number}.ldbundle", drafts=True))
    finally:
        team.close()
        office.close()
    return Template(root, database, drafts, tuple(bundles))


# --- the writers --------------------------------------------------------------------------------


def plan_ops(
    writer: str, rng: random.Random, template: Template, files: Path
) -> list[dict[str, Any]]:
    ops: list[dict[str, Any]] = []
    for index in range(OPS_PER_WRITER):
        kind = rng.choice(("set", "set", "attach", "import", "decide"))
        if kind == "set":
            ops.append(
                {
                    "kind": kind,
                    "assessment": rng.choice(template.drafts),
                    "indicator": rng.choice(INDICATORS),
                    "text": f"{index + 1}/{DENOMINATORS[writer]}",
                }
            )
        elif kind == "attach":
            file = files / f"{writer}-{index}.jpg"
            with open(file, "wb") as out:  # its own content: a new stored file
                out.write(os.urandom(EVIDENCE_MIB * 1024 * 1024 - index))
            ops.append(
                {
                    "kind": kind,
                    "assessment": rng.choice(template.drafts),
                    "indicator": "TC2.1",
                    "file": str(file),
                }
            )
        elif kind == "import":
            ops.append({"kind": kind, "file": str(rng.choice(template.bundles))})
        else:
            ops.append({"kind": kind, "number": f"{rng.randint(1, 3)}/QĐ-UBND"})
    return ops


@dataclass
class Run:
    writer: str
    process: subprocess.Popen[bytes]
    journal: Path
    stderr: Path
    kill: tuple[int, float] | None  # after that many acknowledged operations and seconds


def start(plan: dict[str, Any], folder: Path, name: str) -> tuple[subprocess.Popen[bytes], Path]:
    cost = bundle_keys.KDF_COST
    plan = {**plan, "kdf_cost": {"n": cost.n, "r": cost.r, "p": cost.p}}
    plan_file = folder / f"plan-{name}.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    stderr = folder / f"stderr-{name}.txt"
    with open(stderr, "wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.pg_crash_child", str(plan_file)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    return process, stderr


def started(journal: Path) -> bool:
    return any(r.get("event") in ("started", "locked") for r in read_journal(journal))


def acknowledged(journal: Path) -> int | None:
    """How many operations the writer acknowledged; None until it is ready to work."""
    records = read_journal(journal)
    if not any(r.get("event") == "started" for r in records):
        return None
    return sum(1 for r in records if r.get("event") == "ack")


def supervise(runs: list[Run]) -> None:
    """Wait for the writers, killing each with SIGKILL when its drawn moment comes."""
    deadline = time.monotonic() + CHILD_TIMEOUT_S
    kill_at: dict[str, float] = {}
    while any(run.process.poll() is None for run in runs):
        now = time.monotonic()
        for run in runs:
            if run.process.poll() is not None or run.kill is None:
                continue
            acks, delay = run.kill
            done = acknowledged(run.journal)
            if run.writer not in kill_at and done is not None and done >= acks:
                kill_at[run.writer] = now + delay
            if run.writer in kill_at and now >= kill_at[run.writer]:
                run.process.kill()
        if now > deadline:
            for run in runs:
                run.process.kill()
            raise AssertionError("a writer hung")
        time.sleep(0.005)


def check_exits(runs: list[Run]) -> None:
    for run in runs:
        bugs = [r for r in read_journal(run.journal) if r.get("event") == "bug"]
        assert not bugs, f"writer {run.writer} failed:\n{bugs[0]['traceback']}"
        code = run.process.returncode
        assert code in (0, -signal.SIGKILL), (
            f"writer {run.writer} exited with {code}:\n{run.stderr.read_text(errors='replace')}"
        )
        assert code != BUG_EXIT


# --- checking the store -------------------------------------------------------------------------


def person(actor: str) -> str:
    """The name given, without the server's user the store adds in brackets."""
    return actor.rsplit(" [", 1)[0]


def check_sets(ws: Workspace, template: Template, promises: dict[str, Promises]) -> None:
    for assessment_id in template.drafts:
        entries = assessments.audit(ws, assessment_id).entries
        for writer, promised in promises.items():
            found = [
                (e.target.removeprefix("indicator:"), e.new)
                for e in entries
                if e.action == "set_value" and person(e.actor) == WRITERS[writer]
            ]
            acked = [
                (r["indicator"], _rate(r["text"]))
                for r in promised.acked
                if r["kind"] == "set" and r["assessment"] == assessment_id
            ]
            if found == acked:
                continue
            flying = promised.in_flight  # committed, then killed before the acknowledgement
            assert flying is not None, (writer, found, acked)
            assert flying["kind"] == "set", (writer, found, acked)
            assert flying["assessment"] == assessment_id, (writer, found, acked)
            assert found == [*acked, (flying["indicator"], _rate(flying["text"]))]


def _rate(figure: str) -> dict[str, int]:
    numerator, denominator = (int(n) for n in figure.split("/"))
    return {"numerator": numerator, "denominator": denominator}


def check_attachments(ws: Workspace, template: Template, promises: dict[str, Promises]) -> None:
    linked = {
        item.sha256
        for assessment_id in template.drafts
        for item in assessments.detail(ws, assessment_id).evidence
    }
    for promised in promises.values():
        for ack in (r for r in promised.acked if r["kind"] == "attach"):
            assert ack["sha256"] in linked


def check_evidence_rows(ws: Workspace) -> None:
    """Every stored content complete and true to its hash; no row of an unfinished upload."""
    with ws.database.reading() as session:
        contents = session.execute(
            text("SELECT sha256, size, upload, chunks FROM evidence_contents")
        ).all()
        for sha256, size, upload, chunks in contents:
            digest, total, count = hashlib.sha256(), 0, 0
            rows = session.execute(
                text("SELECT seq, data FROM evidence_chunks WHERE upload = :u ORDER BY seq"),
                {"u": upload},
            )
            for seq, data in rows:
                assert seq == count, (sha256, seq)
                digest.update(data)
                total += len(data)
                count += 1
            assert (count, total, digest.hexdigest()) == (chunks, size, sha256)
        stray = session.execute(
            text(
                "SELECT count(*) FROM evidence_chunks c WHERE NOT EXISTS "
                "(SELECT 1 FROM evidence_contents e WHERE e.upload = c.upload)"
            )
        ).scalar_one()
        assert stray == 0, "rows of an unfinished upload are visible"
        missing = session.execute(
            text(
                "SELECT count(*) FROM evidence_blobs b WHERE NOT EXISTS "
                "(SELECT 1 FROM evidence_contents e WHERE e.sha256 = b.sha256)"
            )
        ).scalar_one()
        assert missing == 0, "a linked evidence file has no content"


def check_imports(ws: Workspace, template: Template, promises: dict[str, Promises]) -> None:
    """Each bundle recorded as imported left its assessment with exactly its figures (one
    assessment per bundle here), or was held whole; none left anything unrecorded."""
    with ws.database.reading() as session:
        seen = dict(session.execute(text("SELECT bundle_id, outcome FROM seen_bundles")).all())
        reasons = {
            reason["code"]
            for (held,) in session.execute(text("SELECT reasons_json FROM quarantine"))
            for reason in json.loads(held)
        }
    assert reasons <= {"BUNDLE_REPLAYED"}, reasons  # an older bundle after a newer one
    for promised in promises.values():
        for ack in (r for r in promised.acked if r["kind"] == "import"):
            assert seen[ack["bundle_id"]] == ack["outcome"] != "rejected"
    scratch = template.root / "scratch"
    scratch.mkdir(exist_ok=True)
    by_id = {read_header(bundle, scratch).info.bundle_id: bundle for bundle in template.bundles}
    carried: dict[str, dict[str, Any]] = {}
    sources: dict[str, set[str]] = {}  # uid -> the accepted bundles that carried it
    for bundle_id, outcome in seen.items():
        assert outcome in ("accepted", "quarantined"), (bundle_id, outcome)
        if outcome == "accepted":
            values = bundle_values(by_id[bundle_id], scratch)
            carried.update(values)
            for uid in values:
                sources.setdefault(uid, set()).add(f"bundle:{bundle_id}")
    here = {s.uid: s.id for s in assessments.list_assessments(ws)}
    imported = {uid: i for uid, i in here.items() if uid in carried}
    assert set(imported) == set(carried), "a bundle recorded as imported lacks its assessments"
    for uid, values in carried.items():
        assert stored_values(ws, imported[uid]) == values, uid
        entries = assessments.audit(ws, imported[uid]).entries
        assert {e.target for e in entries if e.action == "import"} == sources[uid]
    local = len(here) - len(imported)
    assert local == len(template.drafts) + 2, "an assessment came from an unrecorded import"


def check_decisions(ws: Workspace, promises: dict[str, Promises]) -> None:
    recorded = decisions.list_decisions(ws, 2026)
    numbers = [d.number for d in recorded]
    assert len(numbers) == len(set(numbers))
    with ws.database.reading() as session:
        entries = Repository(session).audit_entries(STORE_CHAIN)
    assert len([e for e in entries if e.action == "record_decision"]) == len(recorded)
    for promised in promises.values():
        for ack in (r for r in promised.acked if r["kind"] == "decide"):
            assert ack["number"] in numbers


@contextlib.contextmanager
def next_start(home: Path, url: str) -> Iterator[Workspace]:
    ws = open_workspace(home, actor="Người kiểm tra", store=url)
    try:
        startup.prepare(ws)
        yield ws
    finally:
        ws.close()


def check_example(home: Path, url: str, template: Template, runs: list[Run]) -> None:
    check_exits(runs)
    promises = {run.writer: promises_of(run.journal) for run in runs}
    for promised in promises.values():
        assert {r["code"] for r in promised.refused} <= EXPECTED_REFUSALS, promised.refused
    with next_start(home, url) as ws:
        assert audit_trail.verify_store(ws).intact
        for summary in assessments.list_assessments(ws):
            report = assessments.audit(ws, summary.id)
            assert report.intact, (summary.uid, report.problems)
            assert stored_values(ws, summary.id) == replayed_values(report.entries)
        with ws.database.reading() as session:
            assert verify_chain(Repository(session).audit_entries(STORE_CHAIN)) == []
        check_sets(ws, template, promises)
        check_attachments(ws, template, promises)
        check_evidence_rows(ws)
        check_imports(ws, template, promises)
        check_decisions(ws, promises)


# --- the tests ----------------------------------------------------------------------------------


def test_two_officers_killed_anywhere_on_the_server_keep_every_promise(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    template = build_template(postgres_server, tmp_path / "template")
    rng = random.Random(16)  # the same examples on every run and machine
    for number in range(EXAMPLES):
        example = tmp_path / f"example-{number}"
        example.mkdir()
        database = f"crash_{uuid.uuid4().hex[:10]}"
        postgres_server.psql(f'CREATE DATABASE "{database}" TEMPLATE "{template.database}"')
        url = postgres_server.url(database)
        shutil.copytree(template.root / "office", example / "office")
        try:
            runs = []
            for writer, actor in WRITERS.items():
                journal = example / f"journal-{writer}.jsonl"
                plan = {
                    "actor": actor,
                    "home": str(example / "office"),
                    "store": url,
                    "office_passphrase": OFFICE_PASS,
                    "journal": str(journal),
                    "ops": plan_ops(writer, rng, template, example),
                }
                # Killed while working: after some acknowledged operations and a delay; or never.
                kill = None
                if rng.random() >= 0.2:
                    kill = (rng.randrange(OPS_PER_WRITER), rng.uniform(0.0, 0.6))
                process, stderr = start(plan, example, writer)
                runs.append(Run(writer, process, journal, stderr, kill))
            try:
                supervise(runs)
            finally:
                for run in runs:
                    if run.process.poll() is None:
                        run.process.kill()
                    run.process.wait()
            check_example(example / "office", url, template, runs)
        finally:
            postgres_server.drop_database(database)
            shutil.rmtree(example, ignore_errors=True)


def test_a_program_killed_holding_the_migration_lock_does_not_stop_the_next(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    database = postgres_server.create_database()
    url = postgres_server.url(database)
    try:
        holder_journal = tmp_path / "journal-holder.jsonl"
        holder, holder_err = start(
            {
                "hold_migration_lock": True,
                "actor": "Hoàng Thị Lan",
                "home": str(tmp_path / "holder"),
                "store": url,
                "journal": str(holder_journal),
            },
            tmp_path,
            "holder",
        )
        deadline = time.monotonic() + CHILD_TIMEOUT_S
        while not started(holder_journal):
            assert holder.poll() is None, holder_err.read_text(errors="replace")
            assert time.monotonic() < deadline, "the first program never took the lock"
            time.sleep(0.01)
        # The next program meanwhile: it waits for the lock, in its own process.
        script = (
            "import sys\n"
            "from pathlib import Path\n"
            "from assessor_app.services.workspace import open_workspace\n"
            "open_workspace(Path(sys.argv[1]), actor='Vi Văn Đức', store=sys.argv[2]).close()\n"
            "print('opened', flush=True)\n"
        )
        follower = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / "follower"), url],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            time.sleep(2.0)
            assert follower.poll() is None, "the next program did not wait for the lock"
            holder.kill()  # kill -9, inside the migration's transaction
            holder.wait()
            out, err = follower.communicate(timeout=60)
        finally:
            if follower.poll() is None:
                follower.kill()
                follower.wait()
        assert follower.returncode == 0, err.decode(errors="replace")
        assert out.decode().strip() == "opened"
        with next_start(tmp_path / "check", url) as ws:
            with ws.database.reading() as session:
                version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == SCHEMA_HEAD
            assert audit_trail.verify_store(ws).intact
    finally:
        postgres_server.drop_database(database)
