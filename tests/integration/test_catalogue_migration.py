"""Moving an assessment to the next version of its catalogue (services/catalogue_migration.py),
on real stores: what carries, what is taken out, the audit entry, the refusals, and a bundle of a
migrated assessment travelling to another store. The next version: tests/catalogue_versions.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.domain.catalogue_migration import Outcome, Why
from assessor_app.domain.errors import AssessorError, InputError
from assessor_app.services import (
    appraisals,
    assessments,
    audit_trail,
    bundle_import,
    catalogue_migration,
    notes,
    quarantine,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from tests.catalogue_versions import NEXT_VERSION, store_next_version
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    local_id,
    open_site,
    uid_of,
)
from tests.store_access import raw_store

REASON = "Tỉnh ban hành bộ tiêu chí chính thức năm 2026"


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


def scored(ws: Workspace, tmp_path: Path) -> int:
    """A draft of Hữu Liên 2026 under QĐ 06/2019 2019.1 with figures, notes and evidence."""
    created = assessments.create(ws, "06400", 2026)
    assert created.catalogue_code == "QD06-2019"
    for code, text in [
        ("TC2.1", "49/50"),
        ("TC1.1", "có"),
        ("TC1.2", "có"),
        ("TC1.3", "có"),
        ("TC1.4", "có"),
    ]:
        assessments.set_value(ws, created.id, code, text)
    assessments.set_value(ws, created.id, "TC12.1", "points=60", "Đã kiểm tra thực tế")
    notes.add_comment(ws, created.id, "TC1.4", "Kế hoạch năm 2026 đã ký")
    notes.add_comment(ws, created.id, "TC2.1", "Đối chiếu sổ hộ tịch")
    for code, name in [("TC1.4", "kế hoạch.pdf"), ("TC2.1", "sổ khai sinh.jpg")]:
        path = tmp_path / name
        path.write_bytes(name.encode() * 50)
        notes.attach_evidence(ws, created.id, code, path, caption=name)
    return created.id


def state(ws: Workspace, assessment_id: int) -> tuple[object, ...]:
    detail = assessments.detail(ws, assessment_id)
    with raw_store(ws) as db:
        counts = tuple(
            db.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in ("audit_log", "value_versions", "evidence_links", "indicator_comments")
        )
    return (detail.summary, detail.values, detail.evidence, detail.comments, counts)


def test_preview_says_what_carries_and_changes_nothing(team_ws: Workspace, tmp_path: Path) -> None:
    assessment_id = scored(team_ws, tmp_path)
    store_next_version(team_ws, tmp_path)
    before = state(team_ws, assessment_id)
    preview = catalogue_migration.preview(team_ws, assessment_id, "QD06-2019")
    assert preview.refusal is None
    items = {i.code: (i.outcome, i.why, i.old_points, i.new_points) for i in preview.plan.items}
    assert items["TC2.1"] == (Outcome.CARRIED_CHANGED, None, 75, 60)
    assert items["TC1.1"] == (Outcome.CARRIED, None, 50, 50)
    assert items["TC1.2"] == (Outcome.CARRIED_CHANGED, None, 15, 10)
    assert items["TC1.3"] == (Outcome.CARRIED_CHANGED, None, 15, 20)
    assert items["TC1.4"] == (Outcome.DROPPED, Why.NOT_IN_NEW, 20, None)
    assert items["TC1.5"] == (Outcome.REENTER, Why.NEW_INDICATOR, None, None)
    assert items["TC12.1"] == (Outcome.REENTER, Why.RULE_KIND_CHANGED, 60, None)
    assert items["TC3.1"] == (Outcome.CARRIED, None, None, None)  # nothing entered
    # 75 + 50 + 15 + 15 + 20 + 60 = 235 before; 60 + 50 + 10 + 20 = 140 after.
    assert (preview.plan.before.total, preview.plan.after.total) == (235, 140)
    assert not preview.plan.complete
    assert state(team_ws, assessment_id) == before


def test_migrate_repins_keeps_carried_figures_and_audits(
    team_ws: Workspace, tmp_path: Path
) -> None:
    assessment_id = scored(team_ws, tmp_path)
    old_hash = assessments.summary(team_ws, assessment_id).catalogue_hash
    new = store_next_version(team_ws, tmp_path)
    old_revision = assessments.summary(team_ws, assessment_id).revision

    catalogue_migration.migrate(team_ws, assessment_id, new.content_hash[:12], REASON)

    detail = assessments.detail(team_ws, assessment_id)
    assert (detail.summary.catalogue_version, detail.summary.catalogue_hash) == (
        NEXT_VERSION,
        new.content_hash,
    )
    assert sorted(detail.values) == ["TC1.1", "TC1.2", "TC1.3", "TC2.1"]
    assert detail.score.total == detail.summary.total == 140
    # Evidence and comments of carried indicators stay; the dropped indicator's go.
    assert [e.indicator for e in detail.evidence] == ["TC2.1"]
    assert [c.indicator for c in detail.comments] == ["TC2.1"]
    assert detail.summary.revision == old_revision + 3  # the repin and two figures taken out

    report = assessments.audit(team_ws, assessment_id)
    assert report.problems == []
    entries = report.entries
    migration = next(e for e in entries if e.action == "migrate_catalogue")
    assert migration.reason == REASON
    assert migration.old["catalogue"] == old_hash
    assert migration.new["catalogue"] == new.content_hash
    assert (migration.old["total"], migration.new["total"]) == (235, 140)
    assert migration.new["complete"] is False
    assert migration.new["indicators"]["TC2.1"] == {
        "outcome": "carried_changed",
        "why": None,
        "had_value": True,
        "old_points": 75,
        "new_points": 60,
    }
    assert migration.new["indicators"]["TC12.1"]["outcome"] == "reenter"
    dropped = migration.new["dropped"]["TC1.4"]
    assert dropped["value"] is True
    assert [f["filename"] for f in dropped["evidence"]] == ["kế hoạch.pdf"]
    assert dropped["comments"] == ["Kế hoạch năm 2026 đã ký"]
    cleared = [(e.target, e.old) for e in entries[entries.index(migration) + 1 :]]
    assert cleared == [
        ("indicator:TC12.1", {"points": 60, "justification": "Đã kiểm tra thực tế"}),
        ("indicator:TC1.4", True),
    ]

    # The migrated assessment is scored with the new rule from now on.
    assessments.set_value(team_ws, assessment_id, "TC12.1", "có")
    assessments.set_value(team_ws, assessment_id, "TC1.5", "có")
    assert assessments.summary(team_ws, assessment_id).total == 140 + 75 + 20
    assert assessments.audit(team_ws, assessment_id).problems == []


def refusal(ws: Workspace, assessment_id: int, target: str, reason: str = REASON) -> str:
    before = state(ws, assessment_id)
    with pytest.raises(AssessorError) as caught:
        catalogue_migration.migrate(ws, assessment_id, target, reason)
    assert state(ws, assessment_id) == before  # nothing changed
    return caught.value.code


def test_refusals_leave_the_store_unchanged(team_ws: Workspace, tmp_path: Path) -> None:
    assessment_id = scored(team_ws, tmp_path)
    same = refusal(team_ws, assessment_id, "QD06-2019")
    assert same == "CAT_MIGRATE_SAME"  # before the next version is stored: the same one
    store_next_version(team_ws, tmp_path)
    assert refusal(team_ws, assessment_id, "QD06-2019", "  ") == "CAT_MIGRATE_REASON_REQUIRED"
    assert refusal(team_ws, assessment_id, "QD34-2014") == "CAT_MIGRATE_NOT_SUCCESSOR"
    assert refusal(team_ws, assessment_id, "QD99") == "CAT_MIGRATE_TARGET_NOT_FOUND"
    assert refusal(team_ws, assessment_id, "d8c6") == "CAT_MIGRATE_TARGET_NOT_FOUND"  # too short
    assessments.finalize(team_ws, assessment_id)
    assert refusal(team_ws, assessment_id, "QD06-2019") == "CAT_MIGRATE_FINALISED"
    preview = catalogue_migration.preview(team_ws, assessment_id, "QD06-2019")
    assert preview.refusal is not None
    assert preview.refusal.code == "CAT_MIGRATE_FINALISED"
    # The existing reopen flow applies: reopen with a reason, then migrate.
    assessments.reopen(team_ws, assessment_id, "Chuyển sang bộ tiêu chí chính thức")
    catalogue_migration.migrate(team_ws, assessment_id, "QD06-2019", REASON)
    assert assessments.summary(team_ws, assessment_id).catalogue_version == NEXT_VERSION


def test_a_successor_catalogue_is_a_valid_target(team_ws: Workspace) -> None:
    created = assessments.create(team_ws, "06385", 2016)  # scored under QĐ 34/2014
    assert created.catalogue_code == "QD34-2014"
    codes = [c.code for c in catalogue_migration.targets(team_ws, created.id)]
    assert codes == ["QD06-2019"]
    # QĐ 06/2019 took effect on 03/01/2019, after the 2016 period: only with a confirmation.
    assert catalogue_migration.preview(team_ws, created.id, "QD06-2019").warning is not None
    with pytest.raises(InputError) as refused:
        catalogue_migration.migrate(team_ws, created.id, "QD06-2019", REASON)
    assert refused.value.code == "CAT_MIGRATE_NOT_IN_FORCE"
    assert assessments.summary(team_ws, created.id).catalogue_code == "QD34-2014"
    catalogue_migration.migrate(team_ws, created.id, "QD06-2019", REASON, anyway=True)
    assert assessments.summary(team_ws, created.id).catalogue_code == "QD06-2019"
    assert assessments.audit(team_ws, created.id).problems == []


def test_a_bundle_of_a_migrated_assessment_verifies_and_merges(
    team_ws: Workspace, office: Workspace, tmp_path: Path
) -> None:
    assessment_id = scored(team_ws, tmp_path)
    store_next_version(team_ws, tmp_path)
    catalogue_migration.migrate(team_ws, assessment_id, "QD06-2019", REASON)
    enrol(office, team_ws, tmp_path / "cards")
    (tmp_path / "USB").mkdir()

    first = export(team_ws, [assessment_id], tmp_path / "USB" / "một.ldbundle", drafts=True)
    assert bundle_import.verify(office, first).ok
    result = bundle_import.apply(office, first, OFFICE_PASS)
    assert result.outcome == "accepted"
    local = result.assessment_ids[0]
    got = assessments.detail(office, local)
    assert got.summary.catalogue_version == NEXT_VERSION  # the bundle brought the catalogue
    assert sorted(got.values) == ["TC1.1", "TC1.2", "TC1.3", "TC2.1"]
    assert got.summary.total == 140
    office_audit = assessments.audit(office, local)
    assert office_audit.problems == []
    # The team's chain travelled with its migration entry, and checks.
    assert audit_trail.verify_store(office).intact
    uid = got.summary.uid
    with office.database.reading() as session:
        repo = Repository(session)
        foreign = [c for c in repo.audit_chains(uid) if c != uid]
        actions = [e.action for c in foreign for e in repo.audit_entries(c)]
    assert "migrate_catalogue" in actions

    # The team goes on entering under the new version; the office merges the next bundle.
    assessments.set_value(team_ws, assessment_id, "TC1.5", "có")
    second = export(team_ws, [assessment_id], tmp_path / "USB" / "hai.ldbundle", drafts=True)
    again = bundle_import.apply(office, second, OFFICE_PASS)
    assert again.outcome == "accepted"
    assert [a.action for a in again.plan.assessments] == ["updated"]
    assert assessments.detail(office, local).values["TC1.5"].value.answer is True
    assert assessments.audit(office, local).problems == []


def _at_office(team_ws: Workspace, office: Workspace, tmp_path: Path) -> tuple[int, int]:
    """The team's finalised check, imported by the office: (its id at the team, at the office)."""
    enrol(office, team_ws, tmp_path / "cards")
    enrol(team_ws, office, tmp_path / "cards")
    own = scored(team_ws, tmp_path)
    assessments.finalize(team_ws, own)
    (tmp_path / "USB").mkdir()
    result = bundle_import.apply(
        office, export(team_ws, [own], tmp_path / "USB" / "check.ldbundle"), OFFICE_PASS
    )
    assert result.outcome == "accepted"
    return own, local_id(office, uid_of(team_ws, own))


def test_an_assessment_under_appraisal_keeps_its_catalogue(
    team_ws: Workspace, office: Workspace, tmp_path: Path
) -> None:
    _own, at_office = _at_office(team_ws, office, tmp_path)
    store_next_version(office, tmp_path)
    appraisals.start(office, at_office)
    assert refusal(office, at_office, "QD06-2019") == "CAT_MIGRATE_APPRAISED"


def test_a_store_holding_the_copy_from_before_the_migration_follows_it(
    team_ws: Workspace, office: Workspace, tmp_path: Path
) -> None:
    """The office's copy is pinned to the old version and finalised: the migrated copy is held as
    any change to a finalised assessment is (not as a mismatch); chosen, it follows the migration
    (services/merge_migration.py; the attacks are in test_migration_travels.py)."""
    own, at_office = _at_office(team_ws, office, tmp_path)
    store_next_version(team_ws, tmp_path)
    assessments.reopen(team_ws, own, "Chuyển sang bộ tiêu chí chính thức")
    catalogue_migration.migrate(team_ws, own, "QD06-2019", REASON)
    assessments.finalize(team_ws, own)
    before = state(office, at_office)
    result = bundle_import.apply(
        office, export(team_ws, [own], tmp_path / "USB" / "migrated.ldbundle"), OFFICE_PASS
    )
    assert result.outcome == "quarantined"
    assert [r.code for r in result.reasons] == ["IMPORT_ASSESSMENT_LOCKED"]
    assert [a.action for a in result.plan.assessments] == ["migrated"]
    assert assessments.summary(office, at_office).catalogue_version == "2019.1-provisional"
    assert state(office, at_office)[:4] == before[:4]

    choices = {c.indicator: "incoming" for c in result.plan.conflicts}
    resolved = quarantine.resolve(
        office, result.quarantine_id or 0, choices, "Đoàn đã chuyển bộ tiêu chí", OFFICE_PASS
    )
    assert resolved.outcome == "accepted"
    got = assessments.detail(office, at_office)
    assert got.summary.catalogue_version == NEXT_VERSION
    assert sorted(got.values) == ["TC1.1", "TC1.2", "TC1.3", "TC2.1"]
    assert got.summary.total == 140
    assert assessments.audit(office, at_office).problems == []
