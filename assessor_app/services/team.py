"""Team members of an assessment (name, agency, role); every change audited."""

from __future__ import annotations

import uuid

from assessor_app.domain.assessment import (
    AssessmentStatus,
    MemberRole,
    optional_reason,
    require_editable,
)
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import NAME, checked_clean
from assessor_app.services.assessments import assessment_row
from assessor_app.services.records import MemberRecord
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import (
    AssessmentRow,
    TeamMemberRow,
)


def editable_row(repo: Repository, assessment_id: int) -> AssessmentRow:
    row = assessment_row(repo, assessment_id)
    require_editable(AssessmentStatus(row.status), row.id)
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
        member = TeamMemberRow(
            uid=str(uuid.uuid4()),
            assessment_id=row.id,
            name=name,
            agency=sector.value,
            role=member_role.value,
            added_at=now,
        )
        session.add(member)
        session.flush()
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
        member = next((m for m in repo.members(row.id) if m.id == member_id), None)
        if member is None:
            raise NotFoundError(
                "MEMBER_NOT_FOUND", N_("There is no team member {member}."), member=member_id
            )
        old = {"name": member.name, "agency": member.agency, "role": member.role}
        # Their explicit assignments go back to the default by sector.
        for criterion, assignee in repo.assignments(row.id).items():
            if assignee == member_id:
                assignment = repo.assignment(row.id, criterion)
                assert assignment is not None
                session.delete(assignment)
        session.flush()
        member.removed_at = workspace.clock()  # a mark, not a delete: removals travel in bundles
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
