"""The audit log as evidence, attacked by a person with access to the store file.

Before: rewriting an entry and recomputing the chain, cutting the tail and fixing the head, or
changing a stored figure without touching the log all left `audit --verify` saying "intact".
Now the log is replayed against the store, its head is signed at finalising and export, and
`audit verify-store` checks every log of the store (docs/store.md says what remains possible).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, CursorResult, text

from assessor_app.app import main
from assessor_app.domain.audit import entry_hash
from assessor_app.services import assessments, audit_trail, bundle_import
from assessor_app.services.workspace import Workspace
from tests.cli.conftest import Result, Runner
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    document_name,
    enrol,
    export,
    open_site,
    resign,
    unlock,
)
from tests.store_access import drop_refusals, raw_store


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    def run(*args: str) -> Result:
        code = main(["--lang", "en", *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield ws
    ws.close()


class _Raw:
    """The store below the app, on either back end (tests/store_access.raw_store), with its
    audit log's refusals dropped; `execute` takes sqlite3's `?` placeholders."""

    def __init__(self, connection: Connection, postgres: bool) -> None:
        self.connection = connection
        self.postgres = postgres

    def execute(self, sql: str, params: Sequence[object] = ()) -> CursorResult[Any]:
        if not params:
            return self.connection.exec_driver_sql(sql)
        parts = sql.split("?")
        named = "".join(f"{part}:p{i}" for i, part in enumerate(parts[:-1])) + parts[-1]
        return self.connection.execute(text(named), {f"p{i}": v for i, v in enumerate(params)})


@contextlib.contextmanager
def _db(ws: Workspace) -> Iterator[_Raw]:
    with raw_store(ws) as connection:
        drop_refusals(connection, ws, "audit_log", "audit_log_no_update", "audit_log_no_delete")
        yield _Raw(connection, ws.database.is_postgres)


def _rewrite(ws: Workspace, uid: str, seq: int, new_value: object) -> None:
    """What a skilled person with the file can do: change entry `seq`'s value, recompute every
    hash after it, fix the head on the assessment and the stored figure, so that the chain and
    the replay both agree."""
    with _db(ws) as db:
        rows = db.execute(
            "SELECT id, chain, seq, at, actor, action, target, old_json, new_json, reason "
            "FROM audit_log WHERE chain = ? ORDER BY seq",
            (uid,),
        ).fetchall()
        previous = "0" * 64
        for row_id, chain, number, at, actor, action, target, old, new, reason in rows:
            new_value_json = json.dumps(new_value) if number == seq else new
            digest = entry_hash(
                chain,
                number,
                at,
                actor,
                action,
                target,
                json.loads(old),
                json.loads(new_value_json),
                reason,
                previous,
            )
            db.execute(
                "UPDATE audit_log SET new_json = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (new_value_json, previous, digest, row_id),
            )
            previous = digest
        db.execute("UPDATE assessments SET audit_head = ? WHERE uid = ?", (previous, uid))
        target = rows[seq - 1][6].removeprefix("indicator:")
        db.execute(
            "UPDATE indicator_values SET value_json = ? WHERE indicator_code = ?",
            (json.dumps(new_value, separators=(",", ":"), sort_keys=True), target),
        )


def _finalised(ws: Workspace, passphrase: str | None = TEAM_PASS) -> tuple[int, str]:
    created = assessments.create(ws, "06400", 2026)
    for figure in ("40/50", "45/50", "49/50"):
        assessments.set_value(ws, created.id, "TC2.1", figure)
    assessments.finalize(ws, created.id, passphrase)
    return created.id, created.uid


def test_a_figure_changed_in_the_file_without_an_entry_is_found(
    team_ws: Workspace, cli: Runner
) -> None:
    assessment, _uid = _finalised(team_ws)
    with _db(team_ws) as db:
        db.execute('UPDATE indicator_values SET value_json = \'{"denominator":50,"numerator":50}\'')
    report = assessments.audit(team_ws, assessment)
    assert [p.code for p in report.problems] == ["AUDIT_VALUE_MISMATCH"]
    assert report.problems[0].params["indicator"] == "TC2.1"
    result = cli(
        "assessment", "audit", str(assessment), "--verify", "--home", str(team_ws.home.root)
    )
    assert result.code == 7
    assert "TC2.1" in result.out


def test_a_status_changed_in_the_file_is_found(team_ws: Workspace) -> None:
    assessment, _uid = _finalised(team_ws)
    with _db(team_ws) as db:
        db.execute("UPDATE assessments SET status = 'draft', finalized_at = NULL")
    codes = {p.code for p in assessments.audit(team_ws, assessment).problems}
    assert codes == {"AUDIT_STATUS_MISMATCH"}


def test_a_rewritten_and_rehashed_log_is_found_by_its_signed_head(team_ws: Workspace) -> None:
    assessment, uid = _finalised(team_ws)
    report = assessments.audit(team_ws, assessment)
    assert report.intact
    assert (report.signed_seq, report.unsigned) == (len(report.entries), 0)
    _rewrite(team_ws, uid, 4, {"numerator": 10, "denominator": 50})
    report = assessments.audit(team_ws, assessment)
    assert [p.code for p in report.problems] == ["AUDIT_SIGNED_MISMATCH"]


def test_without_a_signed_head_a_consistent_rewrite_goes_unseen(team_ws: Workspace) -> None:
    """The limit docs/store.md states: what no signature covers, a person with the file can
    rewrite consistently (here: finalised without the passphrase, before any export)."""
    assessment, uid = _finalised(team_ws, passphrase=None)
    assert assessments.audit(team_ws, assessment).signed_seq == 0
    _rewrite(team_ws, uid, 4, {"numerator": 10, "denominator": 50})
    report = assessments.audit(team_ws, assessment)
    assert report.intact
    assert report.unsigned == len(report.entries)


def test_cutting_signed_entries_and_fixing_the_head_is_found(team_ws: Workspace) -> None:
    assessment, uid = _finalised(team_ws)
    with _db(team_ws) as db:
        (kept,) = db.execute(
            "SELECT hash FROM audit_log WHERE chain = ? AND seq = 3", (uid,)
        ).fetchone()
        db.execute("DELETE FROM audit_log WHERE chain = ? AND seq > 3", (uid,))
        db.execute(
            "UPDATE assessments SET audit_count = 3, audit_head = ?, status = 'draft', "
            "revision = 2, finalized_at = NULL WHERE uid = ?",
            (kept, uid),
        )
        db.execute('UPDATE indicator_values SET value_json = \'{"denominator":50,"numerator":45}\'')
    codes = [p.code for p in assessments.audit(team_ws, assessment).problems]
    assert codes == ["AUDIT_SIGNED_TRUNCATED"]


def test_entries_after_the_last_signed_head_are_reported_unsigned(
    team_ws: Workspace, cli: Runner
) -> None:
    assessment, _uid = _finalised(team_ws)
    assessments.reopen(team_ws, assessment, "Sửa số liệu")
    assessments.set_value(team_ws, assessment, "TC2.1", "48/50")
    report = assessments.audit(team_ws, assessment)
    assert report.intact
    assert report.unsigned == 2
    result = cli(
        "assessment", "audit", str(assessment), "--verify", "--home", str(team_ws.home.root)
    )
    assert result.code == 0
    assert "2 entries after the last signed head are not signed" in result.out


def test_verify_store_checks_every_log_the_store_chain_included(
    team_ws: Workspace, office: Workspace, tmp_path: Path, cli: Runner
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    enrol(team_ws, office, tmp_path / "cards")
    assessment, uid = _finalised(team_ws)
    bundle = export(team_ws, [assessment], tmp_path / "1.ldbundle")
    assert bundle_import.apply(office, bundle, OFFICE_PASS).outcome == "accepted"

    checked = audit_trail.verify_store(office)
    assert checked.intact
    kinds = {c.kind for c in checked.chains}
    assert kinds == {"store", "assessment", "foreign"}
    [foreign] = [c for c in checked.chains if c.kind == "foreign"]
    assert foreign.signed_seq == foreign.entries  # the team's head travelled and verifies
    home = str(office.home.root)
    assert cli("audit", "verify-store", "--home", home).code == 0

    # The store's own log (keys, trust): its newest entry removed.
    with _db(office) as db:
        db.execute(
            "DELETE FROM audit_log WHERE chain = 'store' AND seq = (SELECT MAX(seq) FROM audit_log WHERE chain = 'store')"
        )
    broken = cli("audit", "verify-store", "--home", home, "--json")
    assert broken.code == 7
    store = next(c for c in broken.json()["chains"] if c["chain"] == "store")
    assert [p["code"] for p in store["problems"]] == ["AUDIT_TRUNCATED"]

    # The team's log, as received: an entry edited.
    with _db(office) as db:
        db.execute(
            "UPDATE audit_log SET reason = 'sửa' WHERE chain = ? AND seq = 2",
            (f"{uid}@" + foreign.chain.split("@")[1],),
        )
    codes = {p.code for c in audit_trail.verify_store(office).chains for p in c.problems}
    assert "AUDIT_ALTERED" in codes

    # An assessment removed from the store, its log left behind.
    with _db(office) as db:
        if not db.postgres:  # on the server, the rows that refer to it go first
            db.execute("PRAGMA foreign_keys = OFF")
        for table in (
            "indicator_values",
            "indicator_heads",
            "value_versions",
            "team_members",
            "indicator_comments",
            "evidence_links",
            "indicator_flags",
            "criterion_assignments",
        ):
            db.execute(f"DELETE FROM {table}")
        db.execute("DELETE FROM assessments")
    codes = {p.code for c in audit_trail.verify_store(office).chains for p in c.problems}
    assert "AUDIT_ASSESSMENT_MISSING" in codes


def test_a_bundle_whose_log_does_not_match_its_signed_head_is_held(
    team_ws: Workspace, office: Workspace, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    assessment, _uid = _finalised(team_ws)
    bundle = export(team_ws, [assessment], tmp_path / "1.ldbundle")

    def rewrite_log(files: dict[str, bytes]) -> None:
        name = document_name(files)
        document = json.loads(files[name])
        [chain] = [c for c in document["audit"] if c.startswith(document["uid"])]
        entries = document["audit"][chain]
        entries[1]["reason"] = "viết lại"
        previous = "0" * 64
        for entry in entries:
            entry["prev_hash"] = previous
            entry["hash"] = entry_hash(
                entry["chain"],
                entry["seq"],
                entry["at"],
                entry["actor"],
                entry["action"],
                entry["target"],
                entry["old"],
                entry["new"],
                entry["reason"],
                previous,
            )
            previous = entry["hash"]
        files[name] = json.dumps(document, ensure_ascii=False).encode("utf-8")

    forged = resign(bundle, tmp_path / "forged.ldbundle", unlock(team_ws), rewrite_log)
    held = bundle_import.apply(office, forged, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["AUDIT_CHAIN_BROKEN"]
    assert held.reasons[0].params["problem"] == "AUDIT_SIGNED_MISMATCH"


def test_verify_reports_a_bundle_log_without_signed_heads(
    team_ws: Workspace, office: Workspace, tmp_path: Path, cli: Runner
) -> None:
    """A bundle made by an older version (no signed heads): valid, and its log reported unsigned."""
    enrol(office, team_ws, tmp_path / "cards")
    assessment, _uid = _finalised(team_ws)
    bundle = export(team_ws, [assessment], tmp_path / "1.ldbundle")

    def strip_heads(files: dict[str, bytes]) -> None:
        name = document_name(files)
        document = json.loads(files[name])
        document.pop("signed_heads")
        files[name] = json.dumps(document, ensure_ascii=False).encode("utf-8")

    old_style = resign(bundle, tmp_path / "old.ldbundle", unlock(team_ws), strip_heads)
    report = bundle_import.verify(office, old_style)
    assert report.ok
    [(_uid, count)] = report.unsigned
    assert count > 0
    assert bundle_import.verify(office, bundle).unsigned == ()
    result = cli("verify", str(old_style), "--home", str(office.home.root))
    assert result.code == 0
    assert "not signed" in result.out
