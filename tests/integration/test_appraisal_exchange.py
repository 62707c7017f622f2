"""Appraisal with effects across two real stores and two keys (issue 14): a team's assessment is
submitted to the office, appraised, returned with comments in a signed bundle, corrected by the
team, submitted again, appraised and decided. Attacks first: a tampered returned bundle, and a
"returned" state signed by a key that is not the office's or not backed by the office's log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.errors import InputError, StateError
from assessor_app.services import appraisals, assessments, audit_trail, bundle_import, decisions
from assessor_app.services.decisions import DecisionInput
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    local_id,
    open_site,
    resign,
    rewrite_zip,
    uid_of,
    unlock,
)
from tests.integration.test_reports import fill
from tests.store_access import raw_store

COMMUNE = "06400"


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


def _submitted(team_ws: Workspace, office: Workspace, stick: Path) -> tuple[int, int]:
    """Both keys enrolled each side; the team's finalised check imported by the office:
    (its id at the team, its id at the office)."""
    enrol(office, team_ws, stick / "cards")
    enrol(team_ws, office, stick / "cards")
    own = fill(team_ws, COMMUNE, 2026, kind="team")
    result = bundle_import.apply(
        office, export(team_ws, [own], stick / "check.ldbundle"), OFFICE_PASS
    )
    assert result.outcome.value == "accepted", result.reasons
    return own, local_id(office, uid_of(team_ws, own))


def _returned(team_ws: Workspace, office: Workspace, stick: Path) -> tuple[int, int, Path]:
    """The office started, changed TC2.1 and returned it with a comment; the review exported:
    (team's id, office's id of the submitted assessment, the returned bundle)."""
    own, at_office = _submitted(team_ws, office, stick)
    appraisals.start(office, at_office)
    appraisals.set_point(office, at_office, "TC2.1", "40/50", "Sổ hộ tịch ghi 40 trẻ")
    returned = appraisals.return_(
        office, at_office, {"TC2.1": "Bổ sung sổ đăng ký khai sinh"}, "Thiếu hồ sơ chỉ tiêu 2.1"
    )
    assert returned.item.review_id is not None
    bundle = export(office, [returned.item.review_id], stick / "returned.ldbundle", OFFICE_PASS)
    return own, at_office, bundle


def test_the_whole_round_trip_ends_appraised_and_decided(
    team_ws: Workspace, office: Workspace, stick: Path
) -> None:
    own, at_office = _submitted(team_ws, office, stick)

    # Submitted: waiting on the office, since the import.
    [waiting] = appraisals.waiting(office)
    assert (waiting.assessment_id, waiting.state, waiting.round) == (
        at_office,
        AppraisalState.SUBMITTED,
        1,
    )
    assert waiting.days == 0
    assert waiting.commune_code == COMMUNE

    # Started: the office's own assessment holds the submitted figures; nothing differs yet.
    started = appraisals.start(office, at_office)
    assert started.item.state is AppraisalState.UNDER_APPRAISAL
    assert started.differences == 0
    assert started.item.appraised_total == started.item.submitted_total
    with pytest.raises(StateError) as caught:
        appraisals.start(office, at_office)
    assert caught.value.code == "APPRAISAL_NOT_SUBMITTED"
    with pytest.raises(InputError) as caught_input:
        appraisals.set_point(office, at_office, "TC2.1", "40/50", "")
    assert caught_input.value.code == "REASON_REQUIRED"

    changed = appraisals.set_point(office, at_office, "TC2.1", "40/50", "Sổ hộ tịch ghi 40 trẻ")
    [row] = [r for r in changed.rows if r.differs]
    assert (row.indicator, row.submitted_value, row.appraised_value) == (
        "TC2.1",
        {"numerator": 49, "denominator": 50},
        {"numerator": 40, "denominator": 50},
    )
    assert row.appraised_points is not None
    assert row.submitted_points is not None
    assert row.appraised_points < row.submitted_points

    returned = appraisals.return_(
        office, at_office, {"TC2.1": "Bổ sung sổ đăng ký khai sinh"}, "Thiếu hồ sơ chỉ tiêu 2.1"
    )
    assert returned.item.state is AppraisalState.RETURNED
    assert appraisals.waiting(office) == []  # waiting on the team now
    assert [i.state for i in appraisals.waiting(office, include_all=True)] == [
        AppraisalState.RETURNED
    ]
    review_id = returned.item.review_id
    assert review_id is not None
    bundle = export(office, [review_id], stick / "returned.ldbundle", OFFICE_PASS)

    # The team's store takes the returned appraisal and shows the comments per indicator.
    taken = bundle_import.apply(team_ws, bundle, TEAM_PASS)
    assert taken.outcome.value == "accepted", taken.reasons
    at_team = appraisals.show(team_ws, own)
    assert at_team.item.state is AppraisalState.RETURNED
    assert at_team.reason == "Thiếu hồ sơ chỉ tiêu 2.1"
    commented = {r.indicator: r.comments for r in at_team.rows if r.comments}
    assert commented == {"TC2.1": ("Bổ sung sổ đăng ký khai sinh",)}

    # The team corrects and sends it back; the office takes the correction: a new round.
    assessments.reopen(team_ws, own, "Bổ sung theo ý kiến thẩm định")
    assessments.set_value(team_ws, own, "TC2.1", "45/50")
    assessments.finalize(team_ws, own)
    corrected = bundle_import.apply(
        office, export(team_ws, [own], stick / "corrected.ldbundle"), OFFICE_PASS
    )
    assert corrected.outcome.value == "accepted", corrected.reasons
    [again] = appraisals.waiting(office)
    assert (again.state, again.round) == (AppraisalState.SUBMITTED, 2)

    second = appraisals.start(office, at_office)
    figures = {r.indicator: (r.submitted_value, r.appraised_value) for r in second.rows}
    # The corrected figure arrived; the office's own figure (given with a reason) stays.
    assert figures["TC2.1"] == (
        {"numerator": 45, "denominator": 50},
        {"numerator": 40, "denominator": 50},
    )

    appraised = appraisals.appraise(office, at_office)
    assert appraised.item.state is AppraisalState.APPRAISED
    for locked in (at_office, review_id):
        with pytest.raises(StateError) as caught:
            assessments.reopen(office, locked, "Sửa")
        assert caught.value.code == "APPRAISAL_LOCKED"
    with pytest.raises(InputError) as caught_input:
        appraisals.undo(office, at_office, "  ")
    assert caught_input.value.code == "REASON_REQUIRED"
    assert appraisals.undo(office, review_id, "Nhập nhầm").item.state is (
        AppraisalState.UNDER_APPRAISAL
    )
    appraisals.appraise(office, at_office)

    # The decision: recorded, and in its transaction the appraisal becomes recognised, citing it.
    decision = decisions.record_decision(
        office,
        DecisionInput(
            year=2026,
            unit="20",
            number="125/QĐ-UBND",
            decided_on=date(2026, 12, 5),
            signer_name="Đoàn Thu Hà",
        ),
    )
    assert [c.code for c in decision.recognised] == [COMMUNE]
    assert appraisals.show(office, at_office).item.state is AppraisalState.RECOGNISED

    # Every transition is on the review's chain, and both stores still verify.
    actions = [e.action for e in assessments.audit(office, review_id).entries]
    assert [a for a in actions if a.startswith("appraisal_")] == [
        "appraisal_start",
        "appraisal_return",
        "appraisal_resubmit",
        "appraisal_start",
        "appraisal_appraise",
        "appraisal_undo",
        "appraisal_appraise",
        "appraisal_decide",
    ]
    assert assessments.audit(office, review_id).problems == []
    assert audit_trail.verify_store(office).intact
    assert audit_trail.verify_store(team_ws).intact


def test_a_tampered_returned_bundle_is_rejected(
    team_ws: Workspace, office: Workspace, stick: Path
) -> None:
    own, _at_office, bundle = _returned(team_ws, office, stick)

    def mutate(name: str, data: bytes) -> bytes:
        if name.startswith("bundle/data/assessments/"):
            return data.replace(b'"returned"', b'"appraised"')
        return data

    tampered = rewrite_zip(bundle, stick / "tampered.ldbundle", mutate)
    result = bundle_import.apply(team_ws, tampered, TEAM_PASS)
    assert result.outcome.value == "rejected"
    with pytest.raises(StateError) as caught:
        appraisals.show(team_ws, own)  # nothing arrived: not an appraisal at the team
    assert caught.value.code == "APPRAISAL_NONE"


def _doc_changed(change: str) -> object:
    def mutate(files: dict[str, bytes]) -> None:
        for name, data in files.items():
            if name.startswith("assessments/"):
                doc = json.loads(data)
                if change == "state":
                    doc["appraisal"]["state"] = "appraised"
                files[name] = json.dumps(doc, ensure_ascii=False).encode()

    return mutate


def test_a_returned_state_from_a_key_that_is_not_the_office_s_is_refused(
    team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path
) -> None:
    own, _at_office, bundle = _returned(team_ws, office, stick)
    # Another team, trusted by this team as a team: it signs a copy of the office's bundle.
    rogue = open_site(tmp_path / "rogue", "Vi Văn Đức", "Vi Văn Đức", TEAM_PASS)
    try:
        enrol(team_ws, rogue, stick / "cards")
        forged = resign(
            bundle,
            stick / "forged.ldbundle",
            unlock(rogue),
            _doc_changed("none"),  # type: ignore[arg-type]
            device_id=_device(rogue),
            sequence=1,
        )
    finally:
        rogue.close()
    result = bundle_import.apply(team_ws, forged, TEAM_PASS)
    assert result.outcome.value == "quarantined"
    assert "IMPORT_APPRAISAL_NOT_OFFICE" in [r.code for r in result.reasons]
    with pytest.raises(StateError):
        appraisals.show(team_ws, own)


def test_a_state_the_office_s_log_does_not_record_is_refused(
    team_ws: Workspace, office: Workspace, stick: Path
) -> None:
    own, _at_office, bundle = _returned(team_ws, office, stick)
    # Signed by the office's own key, but the document says more than the office's log does.
    forged = resign(
        bundle,
        stick / "forged.ldbundle",
        unlock(office, OFFICE_PASS),
        _doc_changed("state"),  # type: ignore[arg-type]
        sequence=99,
    )
    result = bundle_import.apply(team_ws, forged, TEAM_PASS)
    assert result.outcome.value == "quarantined"
    assert "IMPORT_APPRAISAL_FORGED" in [r.code for r in result.reasons]
    with pytest.raises(StateError):
        appraisals.show(team_ws, own)


def _device(ws: Workspace) -> str:
    from assessor_app.services import keys

    with ws.database.transaction() as session:
        return keys.device_id_in(Repository(session))


def test_the_state_of_an_appraisal_is_a_checked_code(
    team_ws: Workspace, office: Workspace, stick: Path
) -> None:
    """The store itself refuses a state that is not one of the codes (a CHECK), on both back ends."""
    _own, at_office = _submitted(team_ws, office, stick)
    review = appraisals.start(office, at_office).item.review_id
    with raw_store(office) as connection:
        rows = connection.exec_driver_sql("SELECT review_id, state FROM appraisals").fetchall()
    assert [tuple(row) for row in rows] == [(review, "under_appraisal")]
    with pytest.raises(DBAPIError, match=r"(?i)check"), raw_store(office) as connection:
        connection.exec_driver_sql("UPDATE appraisals SET state = 'approved'")


@pytest.mark.sqlite_only("an Alembic downgrade of the store file")
def test_migration_0014_adds_the_appraisals_and_goes_back(
    team_ws: Workspace, office: Workspace, stick: Path
) -> None:
    """The table of appraisals comes and goes with its migration; its state is a CHECKed code."""
    from alembic import command
    from alembic.config import Config

    from assessor_app.paths import migrations_dir
    from assessor_app.storage.database import make_engine, migrating

    _own, at_office = _submitted(team_ws, office, stick)
    review = appraisals.start(office, at_office).item.review_id
    path = office.home.database
    office.close()
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        rows = connection.exec_driver_sql("SELECT review_id, state FROM appraisals").fetchall()
        assert rows == [(review, "under_appraisal")]
        with pytest.raises(Exception, match="CHECK"):
            connection.exec_driver_sql("UPDATE appraisals SET state = 'approved'")
    engine.dispose()
    engine = migrating(make_engine(path))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "appraisals" not in tables
        command.upgrade(config, "head")
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "appraisals" in tables
    engine.dispose()
