"""Several processes against one PostgreSQL store at once (issue 16): writers of different
assessments and a reader; no lost update, no error but STORE_BUSY (retried), every log intact."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from assessor_app.services import assessments, audit_trail, reference_data
from assessor_app.services.workspace import open_workspace
from tests.integration import pg_workers
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
