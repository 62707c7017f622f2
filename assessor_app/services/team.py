"""Team members of an assessment (name, agency, role); every change audited.

A team has one leader: naming a second one is refused (TEAM_LEAD_TAKEN) unless the caller asks to
replace the first (`replace_lead`), who then stays on the team as a member. The person who creates
an assessment (the profile's user) joins its team (`add_creator_in`).
"""

from __future__ import annotations

import uuid

from assessor_app.domain.assessment import (
    MemberRole,
    optional_reason,
    require_editable,
)
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.text import NAME, checked_clean
from assessor_app.services.assessments import require_assessment
from assessor_app.services.records import MemberRecord
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord, TeamMember
from assessor_app.storage.repository import Repository


def editable_row(repo: Repository, assessment_id: int) -> AssessmentRecord:
    """The assessment, unless it is finalised (ASSESSMENT_FINALIZED) or missing."""
    row = require_assessment(repo, assessment_id)
    require_editable(row.status, row.id)
    return row


def _role(role: str, agency: str = Sector.LABOUR_SOCIAL_AFFAIRS.value) -> MemberRole:
    """The role, checked with the agency (MEMBER_BAD_FIELD names both lists)."""
    try:
        Sector(agency)
        return MemberRole(role)
    except ValueError:
        raise InputError(
            "MEMBER_BAD_FIELD",
            N_("Unknown agency or role; agencies: {agencies}; roles: {roles}."),
            agencies=", ".join(s.value for s in Sector),
            roles=", ".join(r.value for r in MemberRole),
        ) from None


def _fields(member: TeamMember, role: MemberRole | None = None) -> dict[str, str]:
    return {"name": member.name, "agency": member.agency, "role": (role or member.role).value}


def _make_room_for_lead(
    workspace: Workspace, repo: Repository, row: AssessmentRecord, replace: bool
) -> None:
    """Before someone becomes the leader: refuse while another member leads (TEAM_LEAD_TAKEN),
    or, when asked to replace them, make the former leader a member (audited)."""
    lead = next((m for m in repo.team_members(row.id) if m.role is MemberRole.LEAD), None)
    if lead is None:
        return
    if not replace:
        raise StateError(
            "TEAM_LEAD_TAKEN",
            N_(
                "{lead} already leads this team, and a team has one leader. Choose another role, or replace {lead} as leader ({lead} stays on the team as a member)."
            ),
            lead=lead.name,
        )
    repo.set_member_role(lead.id, MemberRole.MEMBER)
    repo.append_audit(
        row.uid,
        workspace.clock(),
        workspace.actor,
        "set_member_role",
        f"member:{lead.id}",
        _fields(lead),
        _fields(lead, MemberRole.MEMBER),
        assessment=row,
    )


def add_member(
    workspace: Workspace,
    assessment_id: int,
    name: str,
    agency: str,
    role: str = "member",
    replace_lead: bool = False,
) -> MemberRecord:
    name = checked_clean(name, NAME)
    if not name:
        raise InputError("MEMBER_NAME_REQUIRED", N_("A team member needs a name."))
    member_role, sector = _role(role, agency), Sector(agency)

    def _work(session: WriteSession) -> MemberRecord:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        if member_role is MemberRole.LEAD:
            _make_room_for_lead(workspace, repo, row, replace_lead)
        return _add_in(workspace, repo, row, name, sector, member_role)

    return workspace.database.run_in_transaction(_work)


def _add_in(
    workspace: Workspace,
    repo: Repository,
    row: AssessmentRecord,
    name: str,
    sector: Sector,
    role: MemberRole,
) -> MemberRecord:
    now = workspace.clock()
    member = repo.add_member(row.id, str(uuid.uuid4()), name, sector.value, role, now)
    repo.append_audit(
        row.uid,
        now,
        workspace.actor,
        "add_member",
        f"member:{member.id}",
        None,
        {"name": name, "agency": sector.value, "role": role.value},
        assessment=row,
    )
    return MemberRecord(member.id, name, sector, role)


def add_creator_in(workspace: Workspace, repo: Repository, row: AssessmentRecord) -> None:
    """The profile's user, who creates an assessment, joins its team (as a member, from the
    profile's agency); nothing when this installation has no profile yet."""
    name = repo.meta("person_name") or ""
    if not name or name != workspace.actor:
        return
    try:
        sector = Sector(repo.meta("person_agency") or "")
    except ValueError:
        sector = Sector.LABOUR_SOCIAL_AFFAIRS
    _add_in(workspace, repo, row, name, sector, MemberRole.MEMBER)


def set_member_role(
    workspace: Workspace,
    assessment_id: int,
    member_id: int,
    role: str,
    replace_lead: bool = False,
) -> MemberRecord:
    """Change a member's role (audited); naming a leader follows the one-leader rule."""
    new_role = _role(role)

    def _work(session: WriteSession) -> MemberRecord:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        member = _member_in(repo, row, member_id)
        record = MemberRecord(member.id, member.name, Sector(member.agency), new_role)
        if member.role is new_role:
            return record
        if new_role is MemberRole.LEAD:
            _make_room_for_lead(workspace, repo, row, replace_lead)
        repo.set_member_role(member.id, new_role)
        repo.append_audit(
            row.uid,
            workspace.clock(),
            workspace.actor,
            "set_member_role",
            f"member:{member.id}",
            _fields(member),
            _fields(member, new_role),
            assessment=row,
        )
        return record

    return workspace.database.run_in_transaction(_work)


def _member_in(repo: Repository, row: AssessmentRecord, member_id: int) -> TeamMember:
    member = next((m for m in repo.team_members(row.id) if m.id == member_id), None)
    if member is None:
        raise NotFoundError(
            "MEMBER_NOT_FOUND", N_("There is no team member {member}."), member=member_id
        )
    return member


def remove_member(
    workspace: Workspace, assessment_id: int, member_id: int, reason: str = ""
) -> None:
    reason = optional_reason(reason)

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        member = _member_in(repo, row, member_id)
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
            _fields(member),
            None,
            reason,
            assessment=row,
        )

    workspace.database.run_in_transaction(_work)
