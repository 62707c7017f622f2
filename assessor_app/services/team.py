"""Team members of an assessment (name, agency, role); every change audited."""

from __future__ import annotations

import uuid

from assessor_app.domain.assessment import (
    MemberRole,
    optional_reason,
    require_editable,
)
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import NAME, checked_clean
from assessor_app.services.assessments import require_assessment
from assessor_app.services.records import MemberRecord
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository


def editable_row(repo: Repository, assessment_id: int) -> AssessmentRecord:
    """The assessment, unless it is finalised (ASSESSMENT_FINALIZED) or missing."""
    row = require_assessment(repo, assessment_id)
    require_editable(row.status, row.id)
    return row


def add_member(
    workspace: Workspace, assessment_id: int, name: str, agency: str, role: str = "member"
) -> MemberRecord:
    name = checked_clean(name, NAME)
    if not name:
        raise InputError("MEMBER_NAME_REQUIRED", N_("A team member needs a name."))
    try:
        sector, member_role = Sector(agency), MemberRole(role)
    except ValueError:
        raise InputError(
            "MEMBER_BAD_FIELD",
            N_("Unknown agency or role; agencies: {agencies}; roles: {roles}."),
            agencies=", ".join(s.value for s in Sector),
            roles=", ".join(r.value for r in MemberRole),
        ) from None
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        now = workspace.clock()
        member = repo.add_member(row.id, str(uuid.uuid4()), name, sector.value, member_role, now)
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "add_member",
            f"member:{member.id}",
            None,
            {"name": name, "agency": sector.value, "role": member_role.value},
            assessment=row,
        )
        return MemberRecord(member.id, name, sector, member_role)


def remove_member(
    workspace: Workspace, assessment_id: int, member_id: int, reason: str = ""
) -> None:
    reason = optional_reason(reason)
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        member = next((m for m in repo.team_members(row.id) if m.id == member_id), None)
        if member is None:
            raise NotFoundError(
                "MEMBER_NOT_FOUND", N_("There is no team member {member}."), member=member_id
            )
        old = {"name": member.name, "agency": member.agency, "role": member.role.value}
        # Their explicit assignments go back to the default by sector.
        for criterion, assignee in repo.assignments(row.id).items():
            if assignee == member_id:
                repo.set_assignment(row.id, criterion, None)
        # A mark, not a delete: removals travel in bundles.
        repo.mark_member_removed(member_id, workspace.clock())
        repo.append_audit(
            row.uid,
            workspace.clock(),
            workspace.actor,
            "remove_member",
            f"member:{member_id}",
            old,
            None,
            reason,
            assessment=row,
        )
