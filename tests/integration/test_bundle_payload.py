"""An assessment document leaves the store and is read back field for field; bad ones are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError
from assessor_app.services import assessments, assignments, notes, team
from assessor_app.services.bundle_payload import export_document, parse_document, to_bytes
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository


def _rich_assessment(workspace: Workspace, tmp_path: Path) -> int:
    created = assessments.create(workspace, "06400", 2026)
    assessments.set_value(workspace, created.id, "TC2.1", "40/50")
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    assessments.set_value(workspace, created.id, "TC1.1", "có")
    lan = team.add_member(workspace, created.id, "Hoàng Thị Lan", "justice", "lead")
    gone = team.add_member(workspace, created.id, "Vi Văn Đức", "police")
    team.remove_member(workspace, created.id, gone.id, reason="Chuyển công tác")
    assignments.assign(workspace, created.id, "TC12", lan.id)
    notes.add_comment(workspace, created.id, "TC2.1", "Đối chiếu sổ hộ tịch")
    notes.set_follow_up(workspace, created.id, "TC7.1", True)
    photo = tmp_path / "ảnh.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    notes.attach_evidence(workspace, created.id, "TC2.1", photo, caption="Sổ khai sinh")
    return created.id


def test_round_trip(workspace: Workspace, tmp_path: Path) -> None:
    assessment_id = _rich_assessment(workspace, tmp_path)
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment_record(assessment_id)
        assert row is not None
        doc = export_document(repo, row, "device-1")
    back = parse_document(json.loads(to_bytes(doc)), "assessments/x.json")
    assert back == doc
    assert [v.value for v in doc.versions if v.indicator == "TC2.1"] == [
        {"numerator": 40, "denominator": 50},
        {"numerator": 49, "denominator": 50},
    ]
    tc21 = [v for v in doc.versions if v.indicator == "TC2.1"]
    assert tc21[1].parent == tc21[0].vid
    assert doc.heads["TC2.1"] == tc21[1].vid
    assert [m.removed_at is not None for m in doc.members] == [False, True]
    assert doc.assignments == {"TC12": doc.members[0].uid}
    assert list(doc.audit) == [f"{doc.uid}@device-1"]
    assert doc.follow_up == ["TC7.1"]


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d.update(version=2), "BUNDLE_FORMAT_VERSION"),
        (lambda d: d.update(year="2026"), "BUNDLE_CORRUPT"),
        (lambda d: d["versions"][0].update(vid="../../etc"), "BUNDLE_CORRUPT"),
        (lambda d: d["heads"].update({"TC2.1": "f" * 64}), "BUNDLE_CORRUPT"),
        (lambda d: d.update(audit={"other-uid@dev": []}), "BUNDLE_CORRUPT"),
        (lambda d: d.update(members="everyone"), "BUNDLE_CORRUPT"),
    ],
)
def test_bad_documents_are_refused(workspace: Workspace, tmp_path: Path, mutate, code: str) -> None:  # type: ignore[no-untyped-def]
    assessment_id = _rich_assessment(workspace, tmp_path)
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment_record(assessment_id)
        assert row is not None
        data = json.loads(to_bytes(export_document(repo, row, "device-1")))
    mutate(data)
    with pytest.raises(InputError) as caught:
        parse_document(data, "assessments/x.json")
    assert caught.value.code == code
