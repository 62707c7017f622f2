"""Recognition per year, revoking it by a new decision, and commendations, on a real store:
checked, refused with codes, audited, and seen by the summary and `plan status`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from assessor_app.domain.errors import AssessorError, InputError, NotFoundError, StateError
from assessor_app.services import (
    commendations,
    decision_documents,
    decisions,
    plan_status,
    recognition,
    report_data,
    revocations,
)
from assessor_app.services.commendations import CommendationInput, CommendedPerson
from assessor_app.services.revocations import RevocationInput
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_decisions import _appraised, _decision, _text


def _revocation(**changes: object) -> RevocationInput:
    base = RevocationInput(
        year=2026,
        communes=("06400",),
        number="140/QĐ-UBND",
        decided_on=date(2026, 12, 5),
        signer_name="Đoàn Thu Hà",
        reason="Số liệu tiêu chí 2 không đúng thực tế",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _refused(workspace: Workspace, given: RevocationInput) -> str:
    with pytest.raises(AssessorError) as caught:
        revocations.revoke_decision(workspace, given)
    return caught.value.code


def test_recognition_cites_its_decision_and_its_revocation(workspace: Workspace) -> None:
    assert recognition.recognition(workspace, "06400", 2026).status == recognition.UNDECIDED
    _appraised(workspace)
    recorded = decisions.record_decision(workspace, _decision())
    found = recognition.recognition(workspace, "06400", 2026)
    assert found.recognised
    assert found.decision is not None
    assert (found.decision.number, found.decision.decided_on) == ("125/QĐ-UBND", date(2026, 12, 5))
    assert recognition.recognition(workspace, "06400", 2025).status == recognition.UNDECIDED

    revoked = revocations.revoke_decision(workspace, _revocation())
    assert revoked.revocation
    assert revoked.revokes is not None
    assert revoked.revokes.id == recorded.id
    assert [c.name for c in revoked.revoked] == ["Xã Hữu Liên"]
    assert revoked.authority == recorded.authority  # the body that recognised revokes
    found = recognition.recognition(workspace, "06400", 2026)
    assert found.status == recognition.REVOKED
    assert not found.recognised
    assert found.decision is not None
    assert found.decision.id == recorded.id
    assert found.revoked_by is not None
    assert found.revoked_by.number == "140/QĐ-UBND"
    assert found.reason == "Số liệu tiêu chí 2 không đúng thực tế"
    # The revoked decision stays as it was; the summary still cites it as the year's decision.
    assert decisions.get_decision(workspace, recorded.id) == recorded
    assert decisions.decision_for(workspace, 2026, "20") == recorded
    assert [d.id for d in decisions.list_decisions(workspace, 2026)] == [recorded.id, revoked.id]
    with workspace.database.reading() as session:
        entry = Repository(session).audit_entries(STORE_CHAIN)[-1]
    assert (entry.action, entry.target) == ("revoke_decision", f"decision:{revoked.id}")
    assert entry.reason == "Số liệu tiêu chí 2 không đúng thực tế"
    assert entry.new["revokes"]["number"] == "125/QĐ-UBND"


def test_a_revocation_is_refused_with_codes(workspace: Workspace) -> None:
    _appraised(workspace)
    assert _refused(workspace, _revocation()) == "REVOCATION_NOT_RECOGNISED"
    recorded = decisions.record_decision(workspace, _decision())
    for bad, code in (
        (_revocation(number="140 QD"), "DECISION_BAD_NUMBER"),
        (_revocation(reason=" "), "REVOCATION_REASON_REQUIRED"),
        (_revocation(signer_name=""), "DECISION_FIELD_REQUIRED"),
        (_revocation(communes=()), "REVOCATION_NO_COMMUNE"),
        (_revocation(communes=("06385",)), "REVOCATION_NOT_RECOGNISED"),
        (_revocation(year=2025), "REVOCATION_NOT_RECOGNISED"),
        (_revocation(decided_on=date(2026, 12, 4)), "REVOCATION_BAD_DATE"),
        (_revocation(decided_on=date(2027, 12, 4)), "REVOCATION_BAD_DATE"),
        (_revocation(number="125/QĐ-UBND"), "DECISION_NUMBER_TAKEN"),
        (_revocation(revokes=recorded.id + 50), "REVOCATION_NO_SUCH_DECISION"),
    ):
        assert _refused(workspace, bad) == code, code
    assert len(decisions.list_decisions(workspace)) == 1  # nothing stored by a refusal
    revocations.revoke_decision(workspace, _revocation(revokes=recorded.id))
    again = _revocation(number="141/QĐ-UBND")
    with pytest.raises(StateError) as caught:
        revocations.revoke_decision(workspace, again)
    assert caught.value.code == "REVOCATION_ALREADY_REVOKED"


def test_the_summary_and_plan_status_do_not_count_a_revoked_recognition(
    workspace: Workspace, tmp_path: Path
) -> None:
    _appraised(workspace)
    decisions.record_decision(workspace, _decision())
    before = plan_status.plan_status(workspace, "20", 2026)
    assert before.recognised == 1
    revocations.revoke_decision(workspace, _revocation())
    after = plan_status.plan_status(workspace, "20", 2026)
    assert (after.assessed, after.recognised) == (1, 0)
    summary = report_data.summary_data(workspace, "20", 2026)
    assert summary.recognized == 0
    assert summary.decision is not None
    assert (summary.decision.recognised, summary.decision.revoked) == (1, 1)
    [commune] = summary.communes
    assert commune.verdict == "Thu hồi công nhận (Quyết định số 140/QĐ-UBND ngày 05/12/2026)"
    from assessor_app.services import reports

    text = _text(reports.summary_bytes(workspace, "20", 2026), tmp_path)
    assert "công nhận 1 đơn vị" in text
    assert "1 đơn vị trong số đó đã bị thu hồi quyết định công nhận" in text


def test_the_revocation_prints_as_a_decision_citing_the_one_revoked(
    workspace: Workspace, tmp_path: Path
) -> None:
    _appraised(workspace)
    decisions.record_decision(workspace, _decision())
    revoked = revocations.revoke_decision(workspace, _revocation())
    data = decision_documents.decision_bytes(workspace, revoked.id)
    text = _text(data, tmp_path)
    assert "QUYẾT ĐỊNH" in text
    assert (
        "Về việc thu hồi quyết định công nhận xã, phường, thị trấn phù hợp với trẻ em năm 2026"
        in text
    )
    assert "Số: 140/QĐ-UBND" in text
    assert "Căn cứ Quyết định số 125/QĐ-UBND ngày 05/12/2026 của Ủy ban nhân dân tỉnh" in text
    assert "Điều 1. Thu hồi Quyết định số 125/QĐ-UBND ngày 05/12/2026" in text
    assert "Xã Hữu Liên" in text
    assert "Lý do thu hồi: Số liệu tiêu chí 2 không đúng thực tế." in text
    assert "Căn cứ ……" in text  # the basis no source settles: written in by hand
    assert "Điều 3." in text
    assert "Đoàn Thu Hà" in text
    out = tmp_path / "thu-hoi.pdf"
    decision_documents.write_decision(workspace, revoked.id, out)
    assert out.read_bytes() == data


def _commendation(**changes: object) -> CommendationInput:
    base = CommendationInput(
        year=2026,
        number="88/QĐ-UBND",
        decided_on=date(2026, 12, 5),
        form="Bằng khen",
        signer_name="Đoàn Thu Hà",
        reason="Có thành tích xuất sắc trong công tác xây dựng xã phù hợp với trẻ em",
        communes=("06400",),
        people=(CommendedPerson("Lý Thị Hoa", "Công chức văn hóa - xã hội", "Xã Hữu Liên"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_commendation_of_units_and_people_is_checked_and_audited(
    workspace: Workspace,
) -> None:
    for bad, code in (
        (_commendation(number="88"), "DECISION_BAD_NUMBER"),
        (_commendation(form=""), "COMMENDATION_FIELD_REQUIRED"),
        (_commendation(reason=""), "COMMENDATION_FIELD_REQUIRED"),
        (_commendation(decided_on=date(2025, 12, 31)), "COMMENDATION_BAD_DATE"),
        (_commendation(communes=(), people=()), "COMMENDATION_NO_RECIPIENT"),
        (_commendation(communes=("99999",)), "COMMENDATION_UNKNOWN_COMMUNE"),
        (_commendation(people=(CommendedPerson(" "),)), "COMMENDATION_PERSON_NAME"),
    ):
        with pytest.raises(InputError) as caught:
            commendations.record_commendation(workspace, bad)
        assert caught.value.code == code
    assert commendations.list_commendations(workspace) == []
    made = commendations.record_commendation(workspace, _commendation())
    assert made.authority == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert [u.name for u in made.units] == ["Xã Hữu Liên"]
    assert made.people[0].position == "Công chức văn hóa - xã hội"
    assert "Xã Hữu Liên; Lý Thị Hoa, Công chức văn hóa - xã hội" in made.recipients_text
    assert commendations.list_commendations(workspace, 2026) == [made]
    assert commendations.get_commendation(workspace, made.id) == made
    with pytest.raises(InputError) as taken:
        commendations.record_commendation(workspace, _commendation())
    assert taken.value.code == "COMMENDATION_NUMBER_TAKEN"
    other = commendations.record_commendation(
        workspace, _commendation(authority="Ủy ban nhân dân xã Hữu Liên", form="Giấy khen")
    )
    assert other.form == "Giấy khen"
    with pytest.raises(NotFoundError):
        commendations.get_commendation(workspace, 999)
    with workspace.database.reading() as session:
        entry = Repository(session).audit_entries(STORE_CHAIN)[-1]
    assert (entry.action, entry.target) == ("record_commendation", f"commendation:{other.id}")
    assert entry.new["people"][0]["name"] == "Lý Thị Hoa"


@pytest.mark.sqlite_only("downgrades the store file by Alembic to 0012 and upgrades it again")
def test_decisions_recorded_before_migration_0015_are_recognitions(
    workspace: Workspace,
) -> None:
    from alembic import command
    from alembic.config import Config

    from assessor_app.paths import migrations_dir
    from assessor_app.storage.database import make_engine, migrating

    _appraised(workspace)
    recorded = decisions.record_decision(workspace, _decision())
    path = workspace.home.database
    workspace.close()
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
        tables = {row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "commendations" not in tables
        command.upgrade(config, "0015")
        kinds = connection.exec_driver_sql("SELECT id, kind FROM recognition_decisions").fetchall()
        with pytest.raises(Exception, match="CHECK constraint failed"):
            connection.exec_driver_sql("UPDATE recognition_decisions SET kind = 'other'")
    engine.dispose()
    assert kinds == [(recorded.id, "recognition")]
