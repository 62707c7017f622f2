"""Property: whatever the interleaving of two writers and wherever they are killed, the next start
finds a sound store that kept every promise.

Two real processes (tests/integration/crash_child.py) work at once on ONE team laptop's store, on
the stick and on ONE office's store: they set figures, export bundles (drafts included) to the
stick, import bundles from the stick at the office, and start up meanwhile (as another command
or window would). Hypothesis draws their operations and how they die: killed by SIGKILL from
here after a number of acknowledged operations plus a delay, dying on their own at a chosen point
of one operation (just before or after the bundle file is written, before the receipt, after
the call returned but before its acknowledgement), or not at all.

Then the stores are opened as the next start opens them (`startup.prepare`) and checked:

1. SQLite's `integrity_check` and `foreign_key_check` are clean;
2. nothing acknowledged is lost and nothing refused happened: each writer's `set_value` entries
   on each chain are exactly its acknowledged sets, in order, plus at most the one it was killed
   in; every acknowledged export is recorded as sent, its file on the stick opens, every bundle
   on the stick is recorded (no sequence number is used by two bundles: no fork) and no partial
   file is left there;
3. every audit chain is intact, and the values equal what the chain says (replayed here), on
   the team's store and on the office's, where each assessment holds what the newest accepted
   bundle carried.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings, strategies as st

from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.bundle_file import open_bundle, read_header
from assessor_app.domain.audit import verify_chain
from assessor_app.domain.values import to_json
from assessor_app.services import assessments, bundle_export, startup
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration import crash_child
from tests.integration.test_import import OFFICE_PASS, TEAM_PASS, enrol, export, open_site

pytestmark = pytest.mark.sqlite_only(
    "writers killed on the file (the kill -9 harness on the server is to come)"
)

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ("A", "B")
ACTORS = {"A": "Hoàng Thị Lan", "B": "Vi Văn Đức"}
# Each writer's figures are "n/DENOMINATOR" with n its operation's index + 1: never equal to
# another writer's, to the template's, or to its own earlier ones, so every acknowledged set
# leaves exactly one audit entry (setting the current value again writes none).
DENOMINATORS = {"A": 97, "B": 89}
INDICATORS = ("TC2.1", "TC3.1", "TC4.1")
ASSESSMENTS = ("draft", "other draft", "finalised")
# Refusals a writer may meet in these runs: the other writer holds the store for too long, a
# figure for the finalised assessment.
EXPECTED_REFUSALS = {"STORE_BUSY", "ASSESSMENT_FINALIZED"}
EXIT_KILLED = -signal.SIGKILL if os.name != "nt" else 1
MAX_OPS = 5
CHILD_TIMEOUT_S = 120  # a hung child is a failure, not a hung test run


# --- the stores the examples start from ---------------------------------------------------------


@dataclass(frozen=True)
class Template:
    root: Path
    ids: dict[str, int]  # assessment name -> local id on the team's store


def build_template(root: Path) -> Template:
    """A team laptop with a key, three assessments (two drafts, one finalised) and two bundles
    on the stick, and an office that enrolled the team's key. Copied for each example."""
    # Set up by a third person, so that each writer's audit entries are its own.
    team = open_site(root / "team", "Trần Văn Mẫu", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(root / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        enrol(office, team, root / "cards")
        ids = {}
        for name, commune in zip(ASSESSMENTS, ("06400", "06385", "06001"), strict=True):
            created = assessments.create(team, commune, 2026)
            assessments.set_value(team, created.id, "TC2.1", "49/50")
            ids[name] = created.id
        assessments.finalize(team, ids["finalised"])
        # Two bundles on the stick already, not yet imported: imports have work from the start.
        (root / "USB").mkdir()
        export(team, [ids["draft"]], root / "USB" / "T-1.ldbundle", drafts=True)
        assessments.set_value(team, ids["draft"], "TC3.1", "7/8")
        export(team, [ids["draft"], ids["finalised"]], root / "USB" / "T-2.ldbundle", drafts=True)
    finally:
        team.close()
        office.close()
    return Template(root, ids)


# --- what hypothesis draws ----------------------------------------------------------------------

OPERATIONS = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(ASSESSMENTS), st.sampled_from(INDICATORS)),
    st.tuples(st.just("export"), st.lists(st.sampled_from(ASSESSMENTS), min_size=1, unique=True)),
    st.tuples(st.just("import"), st.integers(0, 9)),
    st.tuples(st.just("start")),
)
DEATHS = st.one_of(
    st.none(),
    # SIGKILL from here `ms` after the writer, started, has acknowledged `acks` operations.
    st.tuples(st.just("signal"), st.integers(0, MAX_OPS - 1), st.integers(0, 400)),
    # The writer dies by itself the first time it reaches a point from operation `index` on.
    st.tuples(
        st.just("point"),
        st.integers(0, MAX_OPS - 1),
        st.sampled_from(
            ["before_write", "while_writing", "after_write", "before_receipt", "after_call"]
        ),
    ),
)


@dataclass(frozen=True)
class Scenario:
    ops: dict[str, list[tuple[Any, ...]]]
    deaths: dict[str, tuple[Any, ...] | None]


SCENARIOS = st.builds(
    lambda a, b, death_a, death_b: Scenario({"A": a, "B": b}, {"A": death_a, "B": death_b}),
    st.lists(OPERATIONS, min_size=1, max_size=MAX_OPS),
    st.lists(OPERATIONS, min_size=1, max_size=MAX_OPS),
    DEATHS,
    DEATHS,
)


def _explicit(*scenarios: Scenario) -> Any:
    """The windows that matter most, every run, before the drawn examples."""

    def decorate(test: Any) -> Any:
        for scenario in reversed(scenarios):
            test = example(scenario)(test)
        return test

    return decorate


EXPLICIT = _explicit(
    # Dies with its first bundle on the stick, not recorded; the other starts and exports.
    Scenario(
        {
            "A": [("set", "draft", "TC2.1"), ("export", ["draft"]), ("export", ["finalised"])],
            "B": [("start",), ("export", ["other draft"]), ("import", 0), ("import", 1)],
        },
        {"A": ("point", 1, "after_write"), "B": None},
    ),
    # Dies with its number reserved and no file; the other exports meanwhile.
    Scenario(
        {
            "A": [("export", ["finalised"]), ("set", "draft", "TC3.1")],
            "B": [("export", ["draft"]), ("import", 0), ("export", ["draft"])],
        },
        {"A": ("point", 0, "before_write"), "B": None},
    ),
    # Dies halfway through writing the bundle onto the stick; the other exports and imports.
    Scenario(
        {
            "A": [("export", ["draft", "finalised"]), ("export", ["other draft"])],
            "B": [("export", ["draft"]), ("import", 0), ("import", 2)],
        },
        {"A": ("point", 0, "while_writing"), "B": None},
    ),
    # Starts of the app or a command while the other exports (no crash at all).
    Scenario(
        {
            "A": [
                ("export", ["draft", "other draft"]),
                ("export", ["draft"]),
                ("export", ["draft"]),
            ],
            "B": [("start",), ("start",), ("start",), ("start",), ("start",)],
        },
        {"A": None, "B": None},
    ),
    # Imports at the office, one dying after its commit, before its receipt.
    Scenario(
        {
            "A": [
                ("export", ["draft"]),
                ("set", "draft", "TC2.1"),
                ("export", ["draft"]),
                ("import", 1),
            ],
            "B": [("import", 0), ("import", 1), ("import", 0)],
        },
        {"A": None, "B": ("point", 0, "before_receipt")},
    ),
    # Both killed from outside while setting the same figures and exporting.
    Scenario(
        {
            "A": [
                ("set", "draft", "TC2.1"),
                ("set", "draft", "TC2.1"),
                ("export", ["draft"]),
                ("set", "other draft", "TC4.1"),
            ],
            "B": [("set", "draft", "TC2.1"), ("export", ["draft", "other draft"])],
        },
        {"A": ("signal", 1, 30), "B": ("signal", 0, 120)},
    ),
    # Killed after the call returned, before the acknowledgement.
    Scenario(
        {
            "A": [("set", "draft", "TC2.1"), ("set", "draft", "TC3.1")],
            "B": [("export", ["draft"]), ("import", 0)],
        },
        {"A": ("point", 1, "after_call"), "B": ("point", 0, "after_call")},
    ),
)


def plan_ops(
    writer: str, drawn: list[tuple[Any, ...]], ids: dict[str, int]
) -> list[dict[str, Any]]:
    ops: list[dict[str, Any]] = []
    for index, op in enumerate(drawn):
        kind = op[0]
        if kind == "set":
            text = f"{index + 1}/{DENOMINATORS[writer]}"
            ops.append({"kind": kind, "assessment": ids[op[1]], "indicator": op[2], "text": text})
        elif kind == "export":
            names = op[1]
            file = f"{writer}-{index}.ldbundle"
            ops.append({"kind": kind, "assessments": [ids[n] for n in names], "file": file})
        elif kind == "import":
            ops.append({"kind": kind, "pick": op[1]})
        else:
            ops.append({"kind": kind})
    return ops


# --- running the writers ------------------------------------------------------------------------


@dataclass
class Run:
    writer: str
    process: subprocess.Popen[bytes]
    journal: Path
    stderr: Path
    death: tuple[Any, ...] | None
    kill_at: float | None = None  # monotonic time of the planned SIGKILL, once known

    def acks(self) -> int | None:
        """How many operations the writer acknowledged; None until it is ready to work."""
        records = read_journal(self.journal)
        if not any(record.get("event") == "started" for record in records):
            return None
        return sum(1 for r in records if r.get("event") == "ack" and r.get("op", -1) >= 0)


def read_journal(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):  # the line a kill cut short
            records.append(json.loads(line))
    return records


def start_writers(example: Path, scenario: Scenario, template: Template) -> list[Run]:
    runs = []
    cost = bundle_keys.KDF_COST
    for writer in WRITERS:
        death = scenario.deaths[writer]
        if death is not None:  # the count or index falls within the writer's operations
            death = (death[0], death[1] % len(scenario.ops[writer]), death[2])
        journal = example / f"journal-{writer}.jsonl"
        plan = {
            "actor": ACTORS[writer],
            "team": str(example / "team"),
            "office": str(example / "office"),
            "stick": str(example / "USB"),
            "team_passphrase": TEAM_PASS,
            "office_passphrase": OFFICE_PASS,
            "kdf_cost": {"n": cost.n, "r": cost.r, "p": cost.p},
            "journal": str(journal),
            "ops": plan_ops(writer, scenario.ops[writer], template.ids),
            "dies": [death[1], death[2]] if death and death[0] == "point" else None,
        }
        plan_file = example / f"plan-{writer}.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        stderr = example / f"stderr-{writer}.txt"
        with open(stderr, "wb") as errors:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.integration.crash_child", str(plan_file)],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        runs.append(Run(writer, process, journal, stderr, death))
    return runs


def supervise(runs: list[Run]) -> None:
    """Wait for the writers, killing each with SIGKILL when its drawn moment comes."""
    deadline = time.monotonic() + CHILD_TIMEOUT_S
    while any(run.process.poll() is None for run in runs):
        now = time.monotonic()
        for run in runs:
            if run.process.poll() is not None or not run.death or run.death[0] != "signal":
                continue
            _, acks, delay_ms = run.death
            done = run.acks()
            if run.kill_at is None and done is not None and done >= acks:
                run.kill_at = now + delay_ms / 1000
            if run.kill_at is not None and now >= run.kill_at:
                run.process.kill()
        if now > deadline:
            for run in runs:
                run.process.kill()
            raise AssertionError("a writer hung")
        time.sleep(0.005)
    for run in runs:
        run.process.wait()


def check_exits(runs: list[Run]) -> None:
    for run in runs:
        code = run.process.returncode
        bugs = [r for r in read_journal(run.journal) if r.get("event") == "bug"]
        assert not bugs, f"writer {run.writer} failed:\n{bugs[0]['traceback']}"
        assert code in (0, EXIT_KILLED, crash_child.DIED_EXIT), (
            f"writer {run.writer} exited with {code}:\n{run.stderr.read_text(errors='replace')}"
        )
        if code == 0:
            assert read_journal(run.journal)[-1]["event"] == "done"


# --- what the journals promise ------------------------------------------------------------------


@dataclass
class Promises:
    """One writer's journal: what it was told succeeded, and the operation it was killed in."""

    acked: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    in_flight: dict[str, Any] | None = None


def promises_of(journal: Path) -> Promises:
    promises = Promises()
    for record in read_journal(journal):
        event = record.get("event")
        if event == "begin":
            promises.in_flight = record
        elif event in ("ack", "refused"):
            assert promises.in_flight is not None
            assert promises.in_flight["op"] == record["op"]
            promises.in_flight = None
            (promises.acked if event == "ack" else promises.refused).append(record)
    return promises


# --- checking the stores ------------------------------------------------------------------------


def check_sqlite(database: Path) -> None:
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def replayed_values(entries: list[Any]) -> dict[str, Any]:
    """The figures an assessment's local chain says it holds."""
    values: dict[str, Any] = {}
    for entry in entries:
        if not entry.target.startswith("indicator:"):
            continue
        code = entry.target.removeprefix("indicator:")
        if entry.action in ("set_value", "clear_value", "merge"):
            values[code] = entry.new
        elif entry.action == "resolve":
            values[code] = entry.new["value"]
        else:
            continue
        if values[code] is None:
            del values[code]
    return values


def stored_values(ws: Workspace, assessment_id: int) -> dict[str, Any]:
    return {
        code: to_json(record.value)
        for code, record in assessments.detail(ws, assessment_id).values.items()
    }


def check_chains_and_values(ws: Workspace) -> None:
    for summary in assessments.list_assessments(ws):
        report = assessments.audit(ws, summary.id)
        assert report.intact, (summary.uid, report.problems)
        assert stored_values(ws, summary.id) == replayed_values(report.entries), summary.uid
    with ws.database.reading() as session:
        assert verify_chain(Repository(session).audit_entries(STORE_CHAIN)) == []


def check_sets(ws: Workspace, ids: dict[str, int], promises: dict[str, Promises]) -> None:
    """Each writer's set_value entries on each chain are its acknowledged sets, in order, and
    perhaps the one it was killed in (after its commit, before its acknowledgement)."""
    for assessment_id in ids.values():
        entries = assessments.audit(ws, assessment_id).entries
        for writer, promised in promises.items():
            found = [
                (e.target.removeprefix("indicator:"), e.new)
                for e in entries
                if e.action == "set_value" and e.actor == ACTORS[writer]
            ]
            acked = [
                (r["indicator"], r["value"])
                for r in promised.acked
                if r["kind"] == "set" and r["assessment"] == assessment_id
            ]
            flying = promised.in_flight
            if found != acked:
                assert flying is not None, (writer, found, acked)
                assert flying["kind"] == "set", (writer, found, acked)
                assert flying["assessment"] == assessment_id
                numerator, denominator = (int(n) for n in flying["text"].split("/"))
                assert found[:-1] == acked
                assert found[-1] == (
                    flying["indicator"],
                    {"numerator": numerator, "denominator": denominator},
                )


def header_of(path: Path, scratch: Path) -> Any:
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        return read_header(path, Path(folder))


def check_exports(
    ws: Workspace, ids: dict[str, int], promises: dict[str, Promises], stick: Path, scratch: Path
) -> dict[str, Path]:
    """Returns the sent bundles' files by bundle id."""
    rows = bundle_export.sent_bundles(ws)
    assert {row.status for row in rows} <= {bundle_export.SENT, bundle_export.BURNT}
    by_id = {row.bundle_id: row for row in rows}
    for promised in promises.values():
        for ack in (r for r in promised.acked if r["kind"] == "export"):
            row = by_id[ack["bundle_id"]]
            assert (row.status, row.sequence) == (bundle_export.SENT, ack["sequence"])
            assert row.manifest_hash == ack["manifest_hash"]
            with tempfile.TemporaryDirectory(dir=scratch) as folder:
                opened = open_bundle(Path(ack["path"]), Path(folder))
                assert (opened.info.bundle_id, opened.info.sequence) == (
                    row.bundle_id,
                    row.sequence,
                )
    uid_ids = {assessments.summary(ws, i).uid: i for i in ids.values()}
    files: dict[str, Path] = {}
    for row in rows:
        path = stick / Path(row.path).name  # the template's bundles were written to its stick
        if row.status == bundle_export.BURNT:
            assert not path.exists(), f"bundle number {row.sequence} is burnt but on the stick"
            continue
        assert path.is_file(), f"bundle number {row.sequence} is recorded as sent, has no file"
        assert header_of(path, scratch).manifest_hash == row.manifest_hash
        files[row.bundle_id] = path
        for uid in row.assessments:
            exports = assessments.audit(ws, uid_ids[uid]).entries
            assert f"bundle:{row.bundle_id}" in {e.target for e in exports if e.action == "export"}
    partial = [p.name for p in stick.iterdir() if p.name.endswith(".part")]
    assert partial == [], "a killed export's temporary file is left on the stick"
    sequences: dict[int, str] = {}
    for path in stick.glob("*.ldbundle"):
        header = header_of(path, scratch)  # a half-written file is never left under its name
        recorded = by_id.get(header.info.bundle_id)
        assert recorded is not None, f"{path.name} is on the stick, unknown to the store"
        assert recorded.status == bundle_export.SENT, (
            f"{path.name} is on the stick, {recorded.status}"
        )
        assert (recorded.sequence, recorded.manifest_hash) == (
            header.info.sequence,
            header.manifest_hash,
        )
        assert sequences.setdefault(header.info.sequence, path.name) == path.name, "a fork"
    return files


def bundle_values(path: Path, scratch: Path) -> dict[str, dict[str, Any]]:
    """uid -> the figures the bundle carries for it (its heads)."""
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        opened = open_bundle(path, Path(folder))
        carried = {}
        for name in opened.payload_files():
            if not name.startswith("assessments/"):
                continue
            document = json.loads(opened.payload_path(name).read_text(encoding="utf-8"))
            by_vid = {v["vid"]: v["value"] for v in document["versions"]}
            carried[document["uid"]] = {
                code: by_vid[vid]
                for code, vid in document["heads"].items()
                if by_vid[vid] is not None
            }
        return carried


def check_office(
    office: Workspace, promises: dict[str, Promises], files: dict[str, Path], scratch: Path
) -> None:
    with contextlib.closing(sqlite3.connect(office.home.database)) as db:
        seen = {
            bundle_id: (sequence, outcome)
            for bundle_id, sequence, outcome in db.execute(
                "SELECT bundle_id, sequence, outcome FROM seen_bundles"
            )
        }
        reasons = {
            reason["code"]
            for (reasons_json,) in db.execute("SELECT reasons_json FROM quarantine")
            for reason in json.loads(reasons_json)
        }
    assert reasons <= {"BUNDLE_REPLAYED"}, reasons  # an older bundle arriving after a newer
    for promised in promises.values():
        for ack in (r for r in promised.acked if r["kind"] == "import" and r["file"]):
            assert seen[ack["bundle_id"]][1] == ack["outcome"] != "rejected"
    newest: dict[str, tuple[int, dict[str, Any]]] = {}
    for bundle_id, (sequence, outcome) in seen.items():
        assert outcome != "rejected", bundle_id  # every bundle on the stick is genuine
        if outcome != "accepted":
            continue
        for uid, values in bundle_values(files[bundle_id], scratch).items():
            if uid not in newest or newest[uid][0] < sequence:
                newest[uid] = (sequence, values)
    here = {s.uid: s.id for s in assessments.list_assessments(office)}
    assert set(here) == set(newest)
    for uid, (_, values) in newest.items():
        assert stored_values(office, here[uid]) == values, uid


@contextlib.contextmanager
def next_start(home: Path) -> Iterator[Workspace]:
    check_sqlite(home / "assessor.sqlite3")  # as the kill left it
    ws = open_workspace(home, actor="Người kiểm tra")
    try:
        startup.prepare(ws)
        yield ws
    finally:
        ws.close()


def check_example(example: Path, template: Template, runs: list[Run]) -> None:
    check_exits(runs)
    promises = {run.writer: promises_of(run.journal) for run in runs}
    for promised in promises.values():
        assert {r["code"] for r in promised.refused} <= EXPECTED_REFUSALS, promised.refused
    scratch = example / "scratch"
    scratch.mkdir()
    with next_start(example / "team") as team:
        check_sqlite(team.home.database)
        check_chains_and_values(team)
        check_sets(team, template.ids, promises)
        files = check_exports(team, template.ids, promises, example / "USB", scratch)
    with next_start(example / "office") as office:
        check_sqlite(office.home.database)
        check_chains_and_values(office)
        check_office(office, promises, files, scratch)


def test_two_writers_killed_anywhere_keep_every_promise(tmp_path: Path) -> None:
    template = build_template(tmp_path / "template")

    @settings(
        max_examples=8,  # drawn, after the explicit ones
        deadline=None,
        derandomize=True,  # the same examples on every run and machine (CI)
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
        # Each example costs seconds of real processes: a failure is reported as drawn rather
        # than shrunk for many minutes (the scenario printed is small enough to read).
        phases=[Phase.explicit, Phase.generate],
    )
    @given(SCENARIOS)
    @EXPLICIT
    def run(scenario: Scenario) -> None:
        example = Path(tempfile.mkdtemp(dir=tmp_path, prefix="example-"))
        try:
            for part in ("team", "office", "USB"):
                shutil.copytree(template.root / part, example / part)
            runs = start_writers(example, scenario, template)
            try:
                supervise(runs)
            finally:
                for run in runs:
                    if run.process.poll() is None:
                        run.process.kill()
                        run.process.wait()
            check_example(example, template, runs)
        finally:
            shutil.rmtree(example, ignore_errors=True)

    run()
