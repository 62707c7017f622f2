"""Several processes against one PostgreSQL store at once (issue 16): writers of different
assessments and a reader; no lost update, no error but STORE_BUSY (retried), every log intact."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from assessor_app.services import assessments, audit_trail, reference_data
from assessor_app.services.records import AssessmentDetail
from assessor_app.services.workspace import open_workspace
from tests.integration import pg_workers
from tests.integration.test_evidence_stores import pg_office
from tests.integration.test_postgres_retried_use_cases import team_bundle
from tests.postgres_server import postgres_server, postgres_url

pytestmark = [pytest.mark.postgres]
__all__ = ["postgres_server", "postgres_url"]

WRITERS = {  # actor: (communes, year): each writes its own assessments
    "Hoàng Văn Thụ": (["06400", "06385", "06001"], 2026),
    "Lý Thị Duyệt": (["06124", "06040"], 2026),
    "Nông Văn Minh": (["06400", "06385", "06001"], 2024),
}


def test_three_writers_and_a_reader_at_once(postgres_url: str, home: Path) -> None:
    ws = open_workspace(home, actor="Quản trị", store=postgres_url)
    try:
        reference_data.ensure_initialised(ws)
    finally:
        ws.close()
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        writers = [
            pool.apply_async(
                pg_workers.write_assessments, (str(home), postgres_url, codes, actor, year)
            )
            for actor, (codes, year) in WRITERS.items()
        ]
        reader = pool.apply_async(pg_workers.read_lists, (str(home), postgres_url, 20))
        made = [w.get(timeout=300) for w in writers]
        assert reader.get(timeout=300) <= 8
    ids = [i for batch in made for i in batch]
    assert len(set(ids)) == 8
    ws = open_workspace(home, actor="Quản trị", store=postgres_url)
    try:
        listed = assessments.list_assessments(ws)
        assert sorted(row.id for row in listed) == sorted(ids)
        for assessment_id in ids:
            value = assessments.detail(ws, assessment_id).values["TC2.1"]
            # each writer's figure is there (none lost), under the server's user ("Tên [pguser]")
            assert value.entered_by.rsplit(" [", 1)[0] in WRITERS
        assert audit_trail.verify_store(ws).intact
    finally:
        ws.close()


def figure(detail: AssessmentDetail, code: str, text: str) -> bool:
    return detail.values[code].value == assessments.parse_value(detail.catalogue, code, text)


BUNDLES = {"06400": "Hoàng Thị Lan", "06124": "Vi Văn Đức", "06040": "Lăng Thị Mai"}
EDITED = "06001"  # the commune the editor works on meanwhile
FIGURES = [("TC2.1", "45/50"), ("TC1.1", "có"), ("TC2.1", "47/50")]


def test_imports_of_different_bundles_a_report_and_an_editor_at_once(
    postgres_url: str, tmp_path: Path
) -> None:
    """Three officers import three bundles while a fourth prints the summary and a fifth edits
    another commune. Two of the imports are arranged to collide (the first waits, inside its
    transaction, for the second to commit), so the server refuses a run for certain and
    `run_in_transaction` runs it again."""
    office = pg_office(tmp_path / "office", postgres_url)
    try:
        bundles = {
            commune: str(team_bundle(tmp_path, office, commune, name))
            for commune, name in BUNDLES.items()
        }
    finally:
        office.close()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        reading, committed, results = manager.Event(), manager.Event(), manager.Queue()
        roles = dict(zip(BUNDLES, ["waits", "gets_in", "free"], strict=True))
        jobs: dict[str, tuple[str, tuple[Any, ...]]] = {}
        for commune, role in roles.items():
            officer = (str(tmp_path / commune), postgres_url, bundles[commune], f"Cán bộ {commune}")
            jobs[f"import {commune}"] = ("import_bundle", (*officer, role, reading, committed))
        jobs["edit"] = (
            "edit_commune",
            (str(tmp_path / "editor"), postgres_url, EDITED, 2026, "Nông Văn Minh", FIGURES),
        )
        jobs["report"] = ("summarise", (str(tmp_path / "reporter"), postgres_url, 2026, 3))
        processes = {
            name: context.Process(target=pg_workers.run, args=(name, work, args, results))
            for name, (work, args) in jobs.items()
        }
        for process in processes.values():
            process.start()
        for process in processes.values():
            process.join(timeout=600)
        assert {name: p.exitcode for name, p in processes.items()} == dict.fromkeys(jobs, 0)
        done = dict(results.get(timeout=10) for _ in jobs)
    imported = {commune: done[f"import {commune}"] for commune in BUNDLES}
    assert {outcome for outcome, _ids, _retries in imported.values()} == {"accepted"}
    assert imported["06400"][2] >= 1  # the run held open was refused and run again
    edited_id, _edit_retries = done["edit"]
    assert all(count <= len(BUNDLES) + 1 for count in done["report"])
    ws = open_workspace(tmp_path / "office", actor="Lý Thị Duyệt", store=postgres_url)
    try:
        listed = {row.commune_code: row.id for row in assessments.list_assessments(ws)}
        assert sorted(listed) == sorted([*BUNDLES, EDITED])
        for commune, (_outcome, ids, _retries) in imported.items():
            assert ids == (listed[commune],)
            assert figure(assessments.detail(ws, ids[0]), "TC2.1", "49/50")
            audit = assessments.audit(ws, ids[0])
            assert [e.action for e in audit.entries].count("import") == 1
        edited = assessments.detail(ws, edited_id)  # none of the editor's figures lost
        assert figure(edited, "TC1.1", "có")
        assert figure(edited, "TC2.1", "47/50")
        assert audit_trail.verify_store(ws).intact
    finally:
        ws.close()
