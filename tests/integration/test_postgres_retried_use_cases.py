"""Real use cases retried on the server (issue 16): another officer's transaction commits in the
middle of the first run, the server refuses that run (serialization failure), and the use case
runs again from scratch and succeeds: the end state is right and the audit log holds one entry
for it, not two."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assessor_app.services import assessments, audit_trail, bundle_import, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from tests.integration.test_evidence_stores import pg_office
from tests.integration.test_import import TEAM_PASS, enrol, export, open_site
from tests.postgres_server import postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]

RETRIED = "retrying a transaction the server refused"


def retries(caplog: pytest.LogCaptureFixture) -> int:
    return sum(RETRIED in record.getMessage() for record in caplog.records)


def interrupt_once(ws: Workspace, other_officer: Callable[[], object]) -> list[int]:
    """The first time the use case in `ws` asks the time (after its reads, before its writes),
    another officer's use case runs and commits. Returns the list of calls, for the test."""
    calls: list[int] = []
    clock = ws.clock

    def interrupted() -> str:
        calls.append(1)
        if len(calls) == 1:
            other_officer()
        return clock()

    ws.clock = interrupted
    return calls


@pytest.fixture
def officers(postgres_url: str, home: Path) -> Iterator[tuple[Workspace, Workspace]]:
    first = open_workspace(home / "a", actor="Hoàng Văn Thụ", store=postgres_url)
    reference_data.ensure_initialised(first)
    second = open_workspace(home / "b", actor="Lý Thị Duyệt", store=postgres_url)
    yield first, second
    second.close()
    first.close()


def test_a_figure_refused_for_another_officers_change_is_entered_on_the_retry(
    officers: tuple[Workspace, Workspace], caplog: pytest.LogCaptureFixture
) -> None:
    mine, theirs = officers
    created = assessments.create(mine, "06400", 2026)
    interrupt_once(mine, lambda: assessments.set_value(theirs, created.id, "TC1.1", "có"))
    caplog.set_level(logging.INFO, logger="assessor_app.storage.database")

    detail = assessments.set_value(mine, created.id, "TC2.1", "45/50")

    assert retries(caplog) == 1
    assert detail.values["TC2.1"].entered_by.startswith("Hoàng Văn Thụ")
    assert detail.values["TC1.1"].entered_by.startswith("Lý Thị Duyệt")  # not lost
    assert detail.summary.revision == created.revision + 2
    report = assessments.audit(mine, created.id)
    assert report.intact
    entered = [(e.action, e.target) for e in report.entries if e.action == "set_value"]
    assert entered == [("set_value", "indicator:TC1.1"), ("set_value", "indicator:TC2.1")]


def team_bundle(root: Path, office: Workspace, commune: str, name: str) -> Path:
    team = open_site(root / commune, name, name, TEAM_PASS)
    try:
        enrol(office, team, root / "cards")
        created = assessments.create(team, commune, 2026)
        assessments.set_value(team, created.id, "TC2.1", "49/50")
        (root / "USB").mkdir(exist_ok=True)
        return export(team, [created.id], root / "USB" / f"{commune}.ldbundle", drafts=True)
    finally:
        team.close()


def test_an_import_refused_for_another_officers_import_is_carried_out_on_the_retry(
    postgres_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    office = pg_office(tmp_path / "office", postgres_url)
    other = open_workspace(tmp_path / "other", actor="Nông Văn Minh", store=postgres_url)
    try:
        mine = team_bundle(tmp_path, office, "06400", "Hoàng Thị Lan")
        theirs = team_bundle(tmp_path, office, "06124", "Vi Văn Đức")
        calls = interrupt_once(office, lambda: bundle_import.apply(other, theirs))
        caplog.set_level(logging.INFO, logger="assessor_app.storage.database")

        result = bundle_import.apply(office, mine)

        assert result.outcome == "accepted"
        assert retries(caplog) >= 1
        assert len(calls) > 1  # the use case ran again
        listed = {row.commune_code: row for row in assessments.list_assessments(office)}
        assert sorted(listed) == ["06124", "06400"]
        assert result.assessment_ids == (listed["06400"].id,)
        report = assessments.audit(office, listed["06400"].id)
        assert [e.action for e in report.entries].count("import") == 1
        assert audit_trail.verify_store(office).intact
    finally:
        other.close()
        office.close()
