"""A migrated assessment travels: a store holding the copy from before the migration follows it
(services/merge_migration.py), and only when the copy's own audit chain records that migration.

Two stores with their keys: the team migrates its assessment to the next version of QĐ 06/2019
(tests/catalogue_versions.py) and sends it; the office held the copy from before. The attacks: a
copy repinned without a migration in its log (re-signed with the team's key), a migration that
starts from another version than the office's copy, a commune or year changed, and a figure the
office changed here on an indicator the migration took out."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from assessor_app.services import (
    appraisals,
    assessments,
    audit_trail,
    bundle_import,
    catalogue_migration,
    quarantine,
    reference_data,
)
from assessor_app.services.bundle_payload import parse_document, to_bytes
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from tests.catalogue_versions import NEXT_VERSION, next_document, store_next_version
from tests.integration.test_catalogue_migration import REASON, _at_office, scored
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    document_name,
    enrol,
    export,
    local_id,
    open_site,
    resign,
    uid_of,
    unlock,
)
from tests.store_access import raw_store


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


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "USB"
    folder.mkdir()
    return folder


def _draft_at_office(team_ws: Workspace, office: Workspace, stick: Path, own: int) -> int:
    """The team's draft `own` sent to the office before any migration: its id at the office."""
    enrol(office, team_ws, stick / "cards")
    first = export(team_ws, [own], stick / "trước.ldbundle", drafts=True)
    assert bundle_import.apply(office, first, OFFICE_PASS).outcome == "accepted"
    return local_id(office, uid_of(team_ws, own))


def copy_state(ws: Workspace, assessment_id: int) -> tuple[object, ...]:
    """Everything about one assessment a held import must leave as it was."""
    detail = assessments.detail(ws, assessment_id)
    uid = detail.summary.uid
    with raw_store(ws) as db:
        versions = db.execute(
            text(
                "SELECT indicator_code, vid FROM value_versions WHERE assessment_id = :a "
                "ORDER BY id"
            ),
            {"a": assessment_id},
        ).all()
        chains = db.execute(
            text(
                "SELECT chain, count(*) FROM audit_log WHERE chain LIKE :c "
                "GROUP BY chain ORDER BY chain"
            ),
            {"c": f"{uid}%"},
        ).all()
    return (detail.summary, detail.values, detail.evidence, detail.comments, versions, chains)


def figures(ws: Workspace, assessment_id: int) -> dict[str, object]:
    return {c: v.value for c, v in assessments.detail(ws, assessment_id).values.items()}


def versions_of(ws: Workspace, assessment_id: int, code: str) -> int:
    with raw_store(ws) as db:
        found = db.execute(
            text(
                "SELECT count(*) FROM value_versions WHERE assessment_id = :a "
                "AND indicator_code = :c"
            ),
            {"a": assessment_id, "c": code},
        ).scalar_one()
    return int(found)


def held_for(
    office: Workspace, bundle: Path, at_office: int, code: str
) -> bundle_import.ImportResult:
    before = copy_state(office, at_office)
    result = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert result.outcome == "quarantined"
    assert code in [r.code for r in result.reasons]
    assert copy_state(office, at_office) == before  # nothing of the assessment changed
    return result


# --- the migration followed -----------------------------------------------------------------


def test_the_office_follows_the_team_s_migration(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    own = scored(team_ws, tmp_path)
    at_office = _draft_at_office(team_ws, office, stick, own)
    assert versions_of(office, at_office, "TC1.4") == 1
    new = store_next_version(team_ws, tmp_path)
    catalogue_migration.migrate(team_ws, own, "QD06-2019", REASON)
    assessments.set_value(team_ws, own, "TC12.1", "có")  # re-entered under the new rule
    bundle = export(team_ws, [own], stick / "sau.ldbundle", drafts=True)

    preview = bundle_import.preview(office, bundle)
    assert preview.outcome == "accepted"
    [plan] = preview.assessments
    assert plan.action == "migrated"
    assert plan.migration is not None
    assert (plan.migration.to_code, plan.migration.to_version) == ("QD06-2019", NEXT_VERSION)
    assert plan.migration.removed == ("TC1.4", "TC1.5", "TC12.1")
    assert [n.code for n in plan.notes] == ["IMPORT_FOLLOWS_MIGRATION"]
    assert [m.indicator for m in plan.taken] == ["TC12.1"]  # re-entered; the rest carried as is

    result = bundle_import.apply(office, bundle, OFFICE_PASS)
    assert result.outcome == "accepted"
    got = assessments.detail(office, at_office)
    assert (got.summary.catalogue_version, got.summary.catalogue_hash) == (
        NEXT_VERSION,
        new.content_hash,
    )
    assert figures(office, at_office) == figures(team_ws, own)
    assert got.summary.total == assessments.summary(team_ws, own).total == 140 + 75
    # The dropped indicator's figure, history, comment and evidence link are gone here too.
    assert versions_of(office, at_office, "TC1.4") == 0
    assert [e.indicator for e in got.evidence] == ["TC2.1"]
    assert [c.indicator for c in got.comments] == ["TC2.1"]
    report = assessments.audit(office, at_office)
    assert report.problems == []
    assert audit_trail.verify_store(office).intact
    own_log = [(e.action, e.target) for e in report.entries if e.chain == got.summary.uid]
    assert ("clear_value", "indicator:TC1.4") in own_log
    imported = [e for e in report.entries if e.action == "import"][-1]
    assert imported.new["action"] == "migrated"
    assert imported.new["migration"]["to"] == new.content_hash

    # The team goes on; the office merges the next bundle as any other.
    assessments.set_value(team_ws, own, "TC1.5", "có")
    again = bundle_import.apply(
        office, export(team_ws, [own], stick / "tiếp.ldbundle", drafts=True), OFFICE_PASS
    )
    assert again.outcome == "accepted"
    assert [a.action for a in again.plan.assessments] == ["updated"]
    assert figures(office, at_office) == figures(team_ws, own)
    assert assessments.audit(office, at_office).problems == []


# --- held: the attacks ------------------------------------------------------------------------


def _changed(change: Callable[[dict[str, object]], None], extra: dict[str, bytes]) -> object:
    """A payload change made through the payload functions: parse, change, write back."""

    def mutate(files: dict[str, bytes]) -> None:
        name = document_name(files)
        data = json.loads(files[name])
        change(data)
        files[name] = to_bytes(parse_document(data, name))
        files.update(extra)

    return mutate


def _catalogue_bytes(ws: Workspace, content_hash: str) -> bytes:
    with ws.database.reading() as session:
        record = Repository(session).catalogue_record_by_hash(content_hash)
        assert record is not None
        return record.document.encode("utf-8")


def _carried_only(ws: Workspace) -> int:
    """A draft whose figures all read under the next version (so only the repin is forged)."""
    created = assessments.create(ws, "06400", 2026)
    assessments.set_value(ws, created.id, "TC1.1", "có")
    assessments.set_value(ws, created.id, "TC2.1", "49/50")
    return created.id


def test_a_copy_repinned_without_a_migration_in_its_log_is_held(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    own = _carried_only(team_ws)
    at_office = _draft_at_office(team_ws, office, stick, own)
    new = store_next_version(team_ws, tmp_path)
    assessments.set_value(team_ws, own, "TC1.2", "có")  # the log goes on, with no migration
    genuine = export(team_ws, [own], stick / "thật.ldbundle", drafts=True)

    def repin(data: dict[str, object]) -> None:
        data["catalogue_hash"] = new.content_hash

    forged = resign(
        genuine,
        stick / "giả.ldbundle",
        unlock(team_ws),
        _changed(
            repin,
            {f"catalogues/{new.content_hash}.json": _catalogue_bytes(team_ws, new.content_hash)},
        ),  # type: ignore[arg-type]
        sequence=99,
    )
    held = held_for(office, forged, at_office, "IMPORT_CATALOGUE_NOT_MIGRATED")
    assert held.plan.assessments[0].action != "migrated"
    assert assessments.summary(office, at_office).catalogue_version == "2019.1-provisional"


def test_a_year_changed_in_the_copy_is_held(
    team_ws: Workspace, office: Workspace, stick: Path
) -> None:
    own = _carried_only(team_ws)
    at_office = _draft_at_office(team_ws, office, stick, own)
    assessments.set_value(team_ws, own, "TC1.2", "có")
    genuine = export(team_ws, [own], stick / "thật.ldbundle", drafts=True)

    def year(data: dict[str, object]) -> None:
        data["year"] = 2025

    forged = resign(
        genuine,
        stick / "giả.ldbundle",
        unlock(team_ws),
        _changed(year, {}),
        sequence=99,  # type: ignore[arg-type]
    )
    held_for(office, forged, at_office, "IMPORT_ASSESSMENT_MISMATCH")


def _store_version(ws: Workspace, folder: Path, version: str) -> str:
    """Another version of QĐ 06/2019 after the next one (only a title differs): its hash."""
    document = copy.deepcopy(next_document())
    document["version"] = version
    document["criteria"][0]["indicators"][0]["title_vi"] += " (sửa lời văn)"
    path = folder / f"qd06-{version}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    catalogue, added = reference_data.import_catalogue(ws, path)
    assert added
    return catalogue.content_hash


def test_a_migration_from_another_version_than_the_copy_here_is_held(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    """Migrated twice at the team (2019.1 → 2026.1 → 2026.2): no entry goes from the office's
    version to the copy's, and the two steps are not chained here."""
    own = scored(team_ws, tmp_path)
    at_office = _draft_at_office(team_ws, office, stick, own)
    store_next_version(team_ws, tmp_path)
    catalogue_migration.migrate(team_ws, own, "QD06-2019", REASON)
    latest = _store_version(team_ws, tmp_path, "2026.2")
    catalogue_migration.migrate(team_ws, own, latest[:12], REASON)
    bundle = export(team_ws, [own], stick / "hai lần.ldbundle", drafts=True)
    held_for(office, bundle, at_office, "IMPORT_MIGRATION_MISMATCH")


def test_a_figure_changed_here_on_a_removed_indicator_holds_until_cleared(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    own = scored(team_ws, tmp_path)
    at_office = _draft_at_office(team_ws, office, stick, own)
    # The office corrects TC1.4 in its copy; the team, not knowing, migrates (TC1.4 is dropped).
    assessments.set_value(office, at_office, "TC1.4", "không", "Kế hoạch chưa ký")
    store_next_version(team_ws, tmp_path)
    catalogue_migration.migrate(team_ws, own, "QD06-2019", REASON)
    bundle = export(team_ws, [own], stick / "sau.ldbundle", drafts=True)

    held = held_for(office, bundle, at_office, "IMPORT_MIGRATION_CONFLICT")
    [reason] = [r for r in held.reasons if r.code == "IMPORT_MIGRATION_CONFLICT"]
    assert "TC1.4" in str(reason.params["indicators"])
    # A person decides: the correction is taken out here (audited), then the bundle follows.
    assessments.set_value_object(office, at_office, "TC1.4", None, "Đoàn đã bỏ chỉ tiêu này")
    retried = quarantine.retry(office, held.quarantine_id or 0, OFFICE_PASS)
    assert retried.outcome == "accepted"
    assert assessments.summary(office, at_office).catalogue_version == NEXT_VERSION
    assert figures(office, at_office) == figures(team_ws, own)
    assert assessments.audit(office, at_office).problems == []


def test_a_copy_under_appraisal_here_keeps_its_catalogue(
    team_ws: Workspace, office: Workspace, tmp_path: Path
) -> None:
    own, at_office = _at_office(team_ws, office, tmp_path)
    appraisals.start(office, at_office)
    store_next_version(team_ws, tmp_path)
    assessments.reopen(team_ws, own, "Chuyển sang bộ tiêu chí chính thức")
    catalogue_migration.migrate(team_ws, own, "QD06-2019", REASON)
    assessments.finalize(team_ws, own)
    bundle = export(team_ws, [own], tmp_path / "USB" / "sau.ldbundle")
    held = held_for(office, bundle, at_office, "IMPORT_MIGRATION_APPRAISED")
    assert "IMPORT_MIGRATION_APPRAISED" not in bundle_import.RESOLVABLE
    assert held.plan.assessments[0].action == "migrated"
