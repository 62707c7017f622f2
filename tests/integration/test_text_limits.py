"""Limits on free text where the services store it (domain/text.py): names, comments, captions,
reasons and the dossier's fields. Each refusal stores nothing and writes no audit entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.errors import InputError
from assessor_app.services import (
    assessments,
    deletion,
    dossier_details,
    notes,
    profile,
    reference_data,
    team,
)
from assessor_app.services.dossier_details import CouncilMemberDetails
from assessor_app.services.workspace import Workspace

LONG_NAME = "Nguyễn " * 40  # 280 characters
LONG_TEXT = "Cần đối chiếu. " * 150  # 2,250 characters


@pytest.fixture
def draft(workspace: Workspace) -> int:
    return assessments.create(workspace, "06385", 2016).id


def refused(code: str, call: Callable[..., Any], *args: Any, **kwargs: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def entries(workspace: Workspace, assessment_id: int) -> list[str]:
    return [e.action for e in assessments.audit(workspace, assessment_id).entries]


def test_team_member_names(workspace: Workspace, draft: int) -> None:
    error = refused("TEXT_TOO_LONG", team.add_member, workspace, draft, LONG_NAME, "health")
    assert error.params["limit"] == 200
    refused("TEXT_CONTROL_CHARACTER", team.add_member, workspace, draft, "Lý\nThị Mai", "health")
    refused("TEXT_CONTROL_CHARACTER", team.add_member, workspace, draft, "Lý \u202eiaM", "health")
    assert assessments.detail(workspace, draft).members == []
    member = team.add_member(workspace, draft, "Lý Thị " + "M" * 193, "health")  # 200
    refused("TEXT_TOO_LONG", team.remove_member, workspace, draft, member.id, LONG_TEXT)
    assert len(assessments.detail(workspace, draft).members) == 1
    assert entries(workspace, draft) == ["create", "add_member"]


def test_comments_and_captions(workspace: Workspace, draft: int, tmp_path: Path) -> None:
    refused("TEXT_TOO_LONG", notes.add_comment, workspace, draft, "TC2.1", LONG_TEXT)
    refused("TEXT_CONTROL_CHARACTER", notes.add_comment, workspace, draft, "TC2.1", "a\x1b[2Jb")
    assert notes.add_comment(workspace, draft, "TC2.1", "Dòng 1\nDòng 2").text == "Dòng 1 Dòng 2"
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    caption = "Trang " * 100  # 600 characters
    refused("TEXT_TOO_LONG", notes.attach_evidence, workspace, draft, "TC2.1", photo, caption)
    assert not any(p.is_file() for p in workspace.home.evidence.rglob("*"))  # nothing copied
    link = notes.attach_evidence(workspace, draft, "TC2.1", photo, "Trang 1")
    refused("TEXT_TOO_LONG", notes.set_caption, workspace, draft, link.id, caption)
    refused("TEXT_TOO_LONG", notes.remove_evidence, workspace, draft, link.id, LONG_TEXT)
    assert entries(workspace, draft) == ["create", "comment", "attach_evidence"]


def test_reasons(workspace: Workspace, draft: int) -> None:
    refused("TEXT_TOO_LONG", assessments.set_value, workspace, draft, "TC2.1", "1/2", LONG_TEXT)
    refused("TEXT_TOO_LONG", deletion.delete_assessment, workspace, draft, LONG_TEXT)
    assessments.finalize(workspace, draft)
    refused("TEXT_TOO_LONG", assessments.reopen, workspace, draft, LONG_TEXT)
    refused(
        "TEXT_TOO_LONG", reference_data.set_unit_category, workspace, "06385", "other", LONG_TEXT
    )
    assert entries(workspace, draft) == ["create", "finalize"]


def test_the_profile_name(workspace: Workspace) -> None:
    error = refused(
        "TEXT_TOO_LONG",
        profile.save_profile,
        workspace,
        "team",
        LONG_NAME,
        "health",
        "LS-2025-07",
    )
    assert "name" in error.english()
    refused(
        "TEXT_CONTROL_CHARACTER",
        profile.save_profile,
        workspace,
        "team",
        "Hoàng\tThị Lan",
        "health",
        "LS-2025-07",
    )
    assert profile.load_profile(workspace).name == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"signer_name": LONG_NAME}, "signer_name"),
        ({"addressee": "Ủy ban " * 100}, "addressee"),
        ({"recipients": ("Như trên", "Lưu " * 200)}, "recipients"),
        ({"council_content": ("Đoạn 1", LONG_TEXT)}, "council_content"),
        ({"council_members": (CouncilMemberDetails(LONG_NAME, "Cán bộ"),)}, "council_members.name"),
        (
            {"council_members": (CouncilMemberDetails("Lê A", "Cán bộ " * 100),)},
            "council_members.position",
        ),
    ],
)
def test_dossier_details(
    workspace: Workspace, draft: int, change: dict[str, Any], field: str
) -> None:
    details = replace(dossier_details.get_details(workspace, draft), signer_name="Hoàng Văn Thắng")
    error = refused(
        "TEXT_TOO_LONG", dossier_details.set_details, workspace, draft, replace(details, **change)
    )
    assert error.params["field"] == field
    assert f"'{field}'" in error.english()
    assert not dossier_details.get_details(workspace, draft).stored
    assert dossier_details.set_details(workspace, draft, details).stored  # within the limits
