"""The data source of an indicator's figures: stored, audited like a value change, refused when
hostile, carried in bundles (and absent from older ones), printed in the dossier's data."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError, StateError
from assessor_app.services import assessments, report_data, serialize, sources
from assessor_app.services.bundle_payload import (
    SourceDoc,
    export_document,
    parse_document,
    sources_to_take,
    to_bytes,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import IndicatorSource
from assessor_app.storage.repository import Repository

BIRTHS = "Sổ đăng ký khai sinh của UBND xã năm 2026"


@pytest.fixture
def draft(workspace: Workspace) -> int:
    return assessments.create(workspace, "06400", 2026).id


def _audit(workspace: Workspace, assessment_id: int) -> list[tuple[str, str, object, object]]:
    return [
        (e.action, e.target, e.old, e.new)
        for e in assessments.audit(workspace, assessment_id).entries
        if e.action == "set_source"
    ]


def test_a_source_is_stored_changed_removed_and_audited(workspace: Workspace, draft: int) -> None:
    assert sources.set_source(workspace, draft, " TC2.1", f"  {BIRTHS}\n")
    assert assessments.detail(workspace, draft).sources == {"TC2.1": BIRTHS}
    assert not sources.set_source(workspace, draft, "TC2.1", BIRTHS)  # the same: nothing
    sources.set_source(workspace, draft, "TC2.1", "Sổ hộ tịch")
    sources.set_source(workspace, draft, "TC2.1", "")
    assert assessments.detail(workspace, draft).sources == {}
    assert _audit(workspace, draft) == [
        ("set_source", "indicator:TC2.1", None, BIRTHS),
        ("set_source", "indicator:TC2.1", BIRTHS, "Sổ hộ tịch"),
        ("set_source", "indicator:TC2.1", "Sổ hộ tịch", None),
    ]
    assert assessments.audit(workspace, draft).intact
    sources.set_source(workspace, draft, "TC7.1", "Sổ tiêm chủng")
    shown = serialize.assessment_detail(assessments.detail(workspace, draft))
    assert shown["sources"] == {"TC7.1": "Sổ tiêm chủng"}


@pytest.mark.parametrize(
    ("text", "code"),
    [("x" * 501, "TEXT_TOO_LONG"), ("Sổ\x1b[2J khai sinh", "TEXT_CONTROL_CHARACTER")],
)
def test_a_hostile_source_is_refused_and_changes_nothing(
    workspace: Workspace, draft: int, text: str, code: str
) -> None:
    with pytest.raises(InputError) as caught:
        sources.set_source(workspace, draft, "TC2.1", text)
    assert caught.value.code == code
    assert assessments.detail(workspace, draft).sources == {}
    assert _audit(workspace, draft) == []


def test_unknown_indicator_and_finalised_assessment_are_refused(
    workspace: Workspace, draft: int
) -> None:
    with pytest.raises(InputError) as caught:
        sources.set_source(workspace, draft, "TC99.9", BIRTHS)
    assert caught.value.code == "VAL_UNKNOWN_INDICATOR"
    assessments.finalize(workspace, draft)
    with pytest.raises(StateError):
        sources.set_source(workspace, draft, "TC2.1", BIRTHS)


def _document(workspace: Workspace, assessment_id: int) -> dict[str, object]:
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment_record(assessment_id)
        assert row is not None
        return json.loads(to_bytes(export_document(repo, row, "device-1")))  # type: ignore[no-any-return]


def test_sources_travel_in_the_bundle_document(workspace: Workspace, draft: int) -> None:
    sources.set_source(workspace, draft, "TC2.1", BIRTHS)
    data = _document(workspace, draft)
    assert data["sources"] == [
        {
            "indicator": "TC2.1",
            "text": BIRTHS,
            "entered_by": workspace.actor,
            "entered_at": data["sources"][0]["entered_at"],  # type: ignore[index]
        }
    ]
    doc = parse_document(data, "assessments/x.json")
    assert doc.sources == [SourceDoc("TC2.1", BIRTHS, workspace.actor, doc.sources[0].entered_at)]
    # a document of an older version has no sources: it still reads
    del data["sources"]
    assert parse_document(data, "assessments/x.json").sources == []


def test_the_newer_source_wins_a_merge(workspace: Workspace, draft: int) -> None:
    sources.set_source(workspace, draft, "TC2.1", BIRTHS)
    data = _document(workspace, draft)
    doc = parse_document(data, "assessments/x.json")
    local = {"TC2.1": IndicatorSource("TC2.1", "Sổ hộ tịch", "A", "2026-01-01T00:00:00+00:00")}
    assert sources_to_take(doc, local) == doc.sources  # entered later than the local one
    older = replace(doc, sources=[replace(doc.sources[0], entered_at="2025-01-01T00:00:00")])
    assert sources_to_take(older, local) == []
    assert sources_to_take(doc, {}) == doc.sources
    # entered in the same second: the same one wins in every store
    same = {"TC2.1": replace(local["TC2.1"], entered_at=doc.sources[0].entered_at)}
    assert sources_to_take(doc, same) == doc.sources  # "Sổ đăng ký…" > "Sổ hộ tịch"
    same["TC2.1"] = replace(same["TC2.1"], text="Sổ ưu tiên")
    assert sources_to_take(doc, same) == []


def test_the_dossier_prints_the_sources_and_the_appraisal(workspace: Workspace, draft: int) -> None:
    assessments.set_value(workspace, draft, "TC2.1", "49/50")
    sources.set_source(workspace, draft, "TC2.1", BIRTHS)
    data = report_data.dossier_data(workspace, draft)
    line = next(i for c in data.criteria for i in c.indicators if i.code == "TC2.1")
    assert (line.source, line.points, line.appraised) == (BIRTHS, 75, None)
    assert data.appraised_total is None  # no appraisal: no column
    assert [e.source for e in data.explanations if e.code == "TC2.1"] == [BIRTHS]

    review = assessments.create(workspace, "06400", 2026, kind="review")
    assessments.set_value(workspace, review.id, "TC2.1", "47/50")
    data = report_data.dossier_data(workspace, draft)
    line = next(i for c in data.criteria for i in c.indicators if i.code == "TC2.1")
    assert (line.points, line.appraised) == (75, 45)
    assert data.appraised_total == 45
    # the review's own dossier has no appraisal of itself
    assert report_data.dossier_data(workspace, review.id).appraised_total is None


def test_an_imported_bundle_brings_its_sources(tmp_path: Path) -> None:
    from assessor_app.services import bundle_import
    from tests.integration.test_import import (
        OFFICE_PASS,
        TEAM_PASS,
        enrol,
        export,
        local_id,
        open_site,
    )

    team = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    office = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    try:
        enrol(office, team, tmp_path / "cards")
        created = assessments.create(team, "06400", 2026)
        assessments.set_value(team, created.id, "TC2.1", "49/50")
        sources.set_source(team, created.id, "TC2.1", BIRTHS)
        bundle = export(team, [created.id], tmp_path / "1.ldbundle", drafts=True)
        assert bundle_import.apply(office, bundle, OFFICE_PASS).outcome == "accepted"
        here = local_id(office, created.uid)
        assert assessments.detail(office, here).sources == {"TC2.1": BIRTHS}
        # a later change on the laptop arrives with the next bundle (a second later at least)
        team.clock = lambda: "2099-01-01T00:00:00Z"
        sources.set_source(team, created.id, "TC2.1", "Sổ hộ tịch của xã")
        again = export(team, [created.id], tmp_path / "2.ldbundle", drafts=True)
        assert bundle_import.apply(office, again, OFFICE_PASS).outcome == "accepted"
        assert assessments.detail(office, here).sources == {"TC2.1": "Sổ hộ tịch của xã"}
    finally:
        team.close()
        office.close()
