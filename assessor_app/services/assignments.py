"""Which team member answers for which criterion.

By default a criterion goes to the first member whose agency is the criterion's sector (the
catalogue says which sector owns each criterion); the lead can assign it to anyone. A member sees
the criteria assigned to them first.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import clean, fold
from assessor_app.services.assessments import require_assessment
from assessor_app.services.records import MemberRecord
from assessor_app.services.team import editable_row
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import Repository


@dataclass(frozen=True)
class Assignment:
    criterion: str
    member: MemberRecord | None
    explicit: bool  # False: the default by sector (or nobody)


def assignments(workspace: Workspace, assessment_id: int) -> dict[str, Assignment]:
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        catalogue = workspace.catalogue_of(row.catalogue)
        members = [
            MemberRecord(m.id, m.name, Sector(m.agency), m.role) for m in repo.team_members(row.id)
        ]
        explicit = repo.assignments(row.id)
    by_id = {m.id: m for m in members}
    result: dict[str, Assignment] = {}
    for criterion in catalogue.criteria:
        if criterion.code in explicit and explicit[criterion.code] in by_id:
            result[criterion.code] = Assignment(
                criterion.code, by_id[explicit[criterion.code]], True
            )
        else:
            default = next((m for m in members if m.agency == criterion.sector.value), None)
            result[criterion.code] = Assignment(criterion.code, default, False)
    return result


def assign(workspace: Workspace, assessment_id: int, criterion: str, member_id: int | None) -> None:
    """Assign a criterion to a member, or back to the default by sector with `member_id=None`."""
    criterion = clean(criterion)

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        if workspace.catalogue_of(row.catalogue).criterion(criterion) is None:
            raise InputError(
                "CRITERION_UNKNOWN", N_("There is no criterion {criterion}."), criterion=criterion
            )
        if member_id is not None and member_id not in {m.id for m in repo.team_members(row.id)}:
            raise NotFoundError(
                "MEMBER_NOT_FOUND", N_("There is no team member {member}."), member=member_id
            )
        old = repo.assignments(row.id).get(criterion)
        if old == member_id:
            return
        repo.set_assignment(row.id, criterion, member_id)
        repo.append_audit(
            row.uid,
            workspace.clock(),
            workspace.actor,
            "assign",
            f"criterion:{criterion}",
            old,
            member_id,
            assessment=row,
        )

    workspace.database.run_in_transaction(_work)


def criteria_of(workspace: Workspace, assessment_id: int, person: str) -> set[str]:
    """Codes of the criteria assigned (explicitly or by sector) to the member named `person`."""
    key = fold(person)
    return {
        code
        for code, a in assignments(workspace, assessment_id).items()
        if a.member is not None and fold(a.member.name) == key
    }
