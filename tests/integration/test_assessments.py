"""Assessment use cases on a real store: values, verdict, locking, reopen, audit chain, evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from assessor_app.domain.errors import InputError, NotFoundError, StateError
from assessor_app.services import assessments, notes, reference_data, team
from assessor_app.services.workspace import Workspace
from tests.store_access import drop_refusals, raw_store


def test_new_assessment_pins_the_catalogue_in_force(workspace: Workspace) -> None:
    qd34 = assessments.create(workspace, "06385", 2016)
    assert qd34.catalogue_code == "QD34-2014"
    qd06 = assessments.create(workspace, "06385", 2024)
    assert qd06.catalogue_code == "QD06-2019"
    assert qd06.catalogue_hash == reference_data.catalogue(workspace, "QD06-2019").content_hash
    explicit = assessments.create(workspace, "06385", 2019, catalogue_code="QD34-2014", kind="self")
    assert explicit.catalogue_code == "QD34-2014"
    assert explicit.kind.value == "self"


def test_commune_must_exist_in_the_evaluation_year(workspace: Workspace) -> None:
    # 06052 Xã Bắc Ái was merged away on 1 Jan 2020: fine for 2019, unknown for 2021.
    assert assessments.create(workspace, "06052", 2019).commune_name == "Xã Bắc Ái"
    with pytest.raises(NotFoundError) as caught:
        assessments.create(workspace, "06052", 2021)
    assert caught.value.code == "UNIT_NOT_IN_YEAR"
    with pytest.raises(NotFoundError):
        assessments.create(workspace, "99999", 2016)


def test_values_update_points_total_and_the_stored_summary(workspace: Workspace) -> None:
    created = assessments.create(workspace, "06385", 2016)
    detail = assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    tc2 = next(c for c in detail.score.criteria if c.code == "TC2")
    assert tc2.points == 50
    assert detail.summary.total == detail.score.total == 50
    assert detail.summary.revision == 1
    # Setting the same value again changes nothing and writes no audit entry.
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    assert len(assessments.audit(workspace, created.id).entries) == 2


def test_bad_values_store_nothing(workspace: Workspace) -> None:
    created = assessments.create(workspace, "06385", 2016)
    for indicator, value, code in [
        ("TC2.1", "51/50", "VAL_NUMERATOR_ABOVE_DENOMINATOR"),
        ("TC2.1", "4a/50", "VAL_NOT_A_NUMBER"),
        ("TC2.1", "-1/50", "VAL_NEGATIVE"),
        ("NOPE", "1", "VAL_UNKNOWN_INDICATOR"),
    ]:
        with pytest.raises(InputError) as caught:
            assessments.set_value(workspace, created.id, indicator, value)
        assert caught.value.code == code
    detail = assessments.detail(workspace, created.id)
    assert detail.values == {}
    assert len(assessments.audit(workspace, created.id).entries) == 1


def test_finalise_locks_and_reopen_needs_a_reason(workspace: Workspace) -> None:
    created = assessments.create(workspace, "06385", 2016)
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    final = assessments.finalize(workspace, created.id)
    assert final.summary.status.value == "finalized"
    with pytest.raises(StateError) as caught:
        assessments.set_value(workspace, created.id, "TC2.1", "40/50")
    assert caught.value.code == "ASSESSMENT_FINALIZED"
    with pytest.raises(StateError):
        notes.add_comment(workspace, created.id, "TC2.1", "late comment")
    with pytest.raises(InputError) as reason:
        assessments.reopen(workspace, created.id, "  ")
    assert reason.value.code == "REASON_REQUIRED"
    reopened = assessments.reopen(workspace, created.id, "Sai số liệu khai sinh")
    assert reopened.summary.status.value == "draft"
    assessments.set_value(workspace, created.id, "TC2.1", "40/50", reason="Số liệu đã sửa")
    actions = [(e.action, e.reason) for e in assessments.audit(workspace, created.id).entries]
    assert actions == [
        ("create", ""),
        ("set_value", ""),
        ("finalize", ""),
        ("reopen", "Sai số liệu khai sinh"),
        ("set_value", "Số liệu đã sửa"),
    ]
    with pytest.raises(StateError):
        assessments.reopen(workspace, created.id, "again")


def test_audit_records_old_and_new_values(workspace: Workspace) -> None:
    created = assessments.create(workspace, "06385", 2016)
    assessments.set_value(workspace, created.id, "TC2.1", "40/50")
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    entry = assessments.audit(workspace, created.id).entries[-1]
    assert entry.old == {"numerator": 40, "denominator": 50}
    assert entry.new == {"numerator": 49, "denominator": 50}
    assert entry.actor == workspace.actor  # the name given; on a server "Name [pguser]"
    assert entry.target == "indicator:TC2.1"


REFUSALS = ("audit_log_no_update", "audit_log_no_delete")


def _tamper(workspace: Workspace, sql: str, **params: object) -> None:
    with raw_store(workspace) as connection:
        drop_refusals(connection, workspace, "audit_log", *REFUSALS)
        connection.execute(text(sql), params)


@pytest.fixture
def audited(workspace: Workspace) -> int:
    created = assessments.create(workspace, "06385", 2016)
    for value in ("10/50", "20/50", "30/50", "49/50"):
        assessments.set_value(workspace, created.id, "TC2.1", value)
    assert assessments.audit(workspace, created.id).intact
    return created.id


def test_the_audit_log_refuses_updates_and_deletes(workspace: Workspace, audited: int) -> None:
    with pytest.raises(DBAPIError, match="audit log is append-only"), raw_store(workspace) as db:
        db.exec_driver_sql("DELETE FROM audit_log WHERE seq = 2")


def test_editing_an_entry_directly_is_detected(workspace: Workspace, audited: int) -> None:
    _tamper(
        workspace,
        "UPDATE audit_log SET new_json = :new WHERE seq = 3",
        new='{"numerator":50,"denominator":50}',
    )
    report = assessments.audit(workspace, audited)
    assert not report.intact
    assert [(p.seq, p.code) for p in report.problems] == [(3, "AUDIT_ALTERED")]


def test_removing_an_entry_in_the_middle_is_detected(workspace: Workspace, audited: int) -> None:
    _tamper(workspace, "DELETE FROM audit_log WHERE seq = 2")
    codes = {p.code for p in assessments.audit(workspace, audited).problems}
    assert {"AUDIT_GAP", "AUDIT_LINK"} <= codes


def test_removing_the_newest_entry_is_detected(workspace: Workspace, audited: int) -> None:
    _tamper(
        workspace,
        "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
    )
    codes = {p.code for p in assessments.audit(workspace, audited).problems}
    # The head on the assessment shows the cut; the replay shows that the figure now stored is
    # not the one the remaining log ends with.
    assert codes == {"AUDIT_TRUNCATED", "AUDIT_VALUE_MISMATCH", "AUDIT_REVISION_MISMATCH"}


def test_evidence_is_stored_once_per_hash(workspace: Workspace, tmp_path: Path) -> None:
    created = assessments.create(workspace, "06385", 2016)
    photo = tmp_path / "sổ khai sinh.jpg"
    photo.write_bytes(b"\xff\xd8" + b"register page" * 1000)
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(photo.read_bytes())
    first = notes.attach_evidence(workspace, created.id, "TC2.1", photo, caption="Trang 1")
    second = notes.attach_evidence(workspace, created.id, "TC3.1", copy)
    assert first.sha256 == second.sha256
    if workspace.database.is_postgres:  # the content once in the database, in one upload
        with raw_store(workspace) as connection:
            rows = connection.exec_driver_sql("SELECT sha256 FROM evidence_contents").all()
            uploads = connection.exec_driver_sql(
                "SELECT COUNT(DISTINCT upload) FROM evidence_chunks"
            ).scalar_one()
        assert ([row[0] for row in rows], uploads) == ([first.sha256], 1)
    else:  # a file per content beside a SQLite store
        stored = [p for p in workspace.home.evidence.rglob("*") if p.is_file()]
        assert [p.name for p in stored] == [first.sha256]
    assert workspace.evidence.verify(first.sha256)
    detail = assessments.detail(workspace, created.id)
    assert [(e.indicator, e.filename, e.caption) for e in detail.evidence] == [
        ("TC2.1", "sổ khai sinh.jpg", "Trang 1"),
        ("TC3.1", "copy.jpg", ""),
    ]
    notes.remove_evidence(workspace, created.id, first.id, reason="Ảnh mờ")
    detail = assessments.detail(workspace, created.id)
    assert [e.id for e in detail.evidence] == [second.id]
    assert assessments.audit(workspace, created.id).entries[-1].action == "remove_evidence"
    assert workspace.evidence.exists(first.sha256)  # still linked by TC3.1 and kept for history


def test_failed_attachment_leaves_no_file(workspace: Workspace, tmp_path: Path) -> None:
    created = assessments.create(workspace, "06385", 2016)
    assessments.finalize(workspace, created.id)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"data")
    with pytest.raises(StateError):
        notes.attach_evidence(workspace, created.id, "TC2.1", photo)
    assert not workspace.home.evidence.exists() or not any(
        p.is_file() for p in workspace.home.evidence.rglob("*")
    )


def test_team_comments_and_follow_up_flags(workspace: Workspace) -> None:
    created = assessments.create(workspace, "06385", 2016)
    member = team.add_member(workspace, created.id, "Lý Thị Mai", "health", "lead")
    notes.add_comment(workspace, created.id, "TC2.1", "Cần đối chiếu sổ hộ tịch")
    notes.set_follow_up(workspace, created.id, "TC2.1", True)
    detail = assessments.detail(workspace, created.id)
    assert [(m.name, m.agency, m.role) for m in detail.members] == [
        ("Lý Thị Mai", "health", "lead")
    ]
    assert detail.comments[0].text == "Cần đối chiếu sổ hộ tịch"
    assert detail.follow_up == {"TC2.1": True}
    team.remove_member(workspace, created.id, member.id)
    assert assessments.detail(workspace, created.id).members == []
    with pytest.raises(InputError):
        team.add_member(workspace, created.id, "X", "astrology")
    assert assessments.audit(workspace, created.id).intact


def test_unit_category_correction_is_audited_and_used_by_new_assessments(
    workspace: Workspace,
) -> None:
    record = reference_data.set_unit_category(
        workspace, "06385", "other", "Xã đồng bằng theo quyết định của tỉnh"
    )
    assert record.category.value == "other"
    assert not record.category_is_default
    assert assessments.create(workspace, "06385", 2016).category.value == "other"
    with pytest.raises(InputError):
        reference_data.set_unit_category(workspace, "06385", "other", "")
    with pytest.raises(InputError):
        reference_data.set_unit_category(workspace, "06385", "lowland", "x")


def test_criteria_default_to_the_member_of_their_sector_and_can_be_reassigned(
    workspace: Workspace,
) -> None:
    from assessor_app.services import assignments

    created = assessments.create(workspace, "06400", 2026)  # QĐ 06: TC2 justice, TC7 health
    lan = team.add_member(workspace, created.id, "Hoàng Thị Lan", "justice", "lead")
    minh = team.add_member(workspace, created.id, "Nông Văn Minh", "health")
    current = assignments.assignments(workspace, created.id)
    assert current["TC2"].member == lan
    assert not current["TC2"].explicit
    assert current["TC7"].member == minh
    assert current["TC12"].member is None  # culture: nobody in the team yet
    assignments.assign(workspace, created.id, "TC12", minh.id)
    assert assignments.assignments(workspace, created.id)["TC12"].explicit
    assert assignments.criteria_of(workspace, created.id, "nong van minh") >= {"TC7", "TC12"}
    # Removing a member sends their explicit criteria back to the default.
    team.remove_member(workspace, created.id, minh.id, reason="Chuyển công tác")
    assert assignments.assignments(workspace, created.id)["TC12"].member is None
    with pytest.raises(InputError):
        assignments.assign(workspace, created.id, "TC99", lan.id)
    with pytest.raises(NotFoundError):
        assignments.assign(workspace, created.id, "TC2", 4242)
    assert assessments.audit(workspace, created.id).intact
