"""Many assessments entered at once (a province's past years, a synthetic province for the
benchmarks: bench/make_province.py).

Each one is stored as the use cases one by one would store it — `assessments.create`, then
`set_value` for each figure, `team.add_member`, `notes.add_comment` and `assessments.finalize` —
with the same rows, the same revision and the same audit entries in the same order, so its audit
trail checks; but the figures' rows and the entries are written together and the assessment is
scored once, in one transaction for all of them (entering 2,260 assessments one use case at a
time takes tens of minutes; this takes seconds). All or nothing: a bad draft changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assessor_app.domain.assessment import AssessmentStatus, MemberRole, optional_reason
from assessor_app.domain.audit import AuditEntry, make_entry
from assessor_app.domain.catalogue import Catalogue, Sector
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.scoring import score
from assessor_app.domain.text import COMMENT, NAME, checked_clean, clean
from assessor_app.domain.values import Value, parse_text, to_json
from assessor_app.domain.versions import value_vid
from assessor_app.services.assessments import create_in
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repositories.bulk import FirstValue
from assessor_app.storage.repository import Repository


@dataclass(frozen=True)
class Draft:
    """One assessment to enter: `figures` are (indicator, text form, reason) as `set_value`
    takes them, `members` (name, agency, role), `comments` (indicator, text)."""

    commune: str
    year: int
    kind: str = "team"
    figures: tuple[tuple[str, str, str], ...] = ()
    members: tuple[tuple[str, str, str], ...] = ()
    comments: tuple[tuple[str, str], ...] = ()
    finalize: bool = False


class _Chain:
    """The audit entries of one assessment, chained in memory after its last stored one."""

    def __init__(self, row: AssessmentRecord, actor: str, at: str) -> None:
        self.uid, self.actor, self.at = row.uid, actor, at
        self.previous = (row.audit_count, row.audit_head)
        self.entries: list[AuditEntry] = []

    def add(self, action: str, target: str, old: object, new: object, reason: str = "") -> None:
        entry = make_entry(
            self.uid, self.previous, self.at, self.actor, action, target, old, new, reason
        )
        self.entries.append(entry)
        self.previous = (entry.seq, entry.hash)


def _figures(catalogue: Catalogue, draft: Draft) -> dict[str, tuple[Value, str]]:
    figures: dict[str, tuple[Value, str]] = {}
    for code, text, reason in draft.figures:
        indicator = catalogue.require_indicator(clean(code))
        if indicator.code in figures:
            raise InputError(
                "BULK_FIGURE_TWICE",
                N_("{indicator}: a figure is given twice."),
                indicator=indicator.code,
            )
        optional_reason(reason)
        figures[indicator.code] = (parse_text(indicator, text, reason), clean(reason))
    return figures


def _member_fields(name: str, agency: str, role: str) -> tuple[str, Sector, MemberRole]:
    name = checked_clean(name, NAME)
    if not name:
        raise InputError("MEMBER_NAME_REQUIRED", N_("A team member needs a name."))
    try:
        return name, Sector(agency), MemberRole(role)
    except ValueError:
        raise InputError(
            "MEMBER_BAD_FIELD",
            N_("Unknown agency or role; agencies: {agencies}; roles: {roles}."),
            agencies=", ".join(s.value for s in Sector),
            roles=", ".join(r.value for r in MemberRole),
        ) from None


def _enter_figures(
    workspace: Workspace, repo: Repository, row: AssessmentRecord, draft: Draft, chain: _Chain
) -> AssessmentRecord:
    """The figures as `set_value` one after another: a version each, one revision each."""
    catalogue = workspace.catalogue_of(row.catalogue)
    figures = _figures(catalogue, draft)
    first: list[FirstValue] = []
    for code, (value, reason) in figures.items():
        new = to_json(value)
        vid = value_vid(row.uid, code, new, workspace.actor, chain.at, "")
        first.append(FirstValue(code, vid, new))
        chain.add("set_value", f"indicator:{code}", None, new, reason)
    repo.add_first_values(row.id, first, workspace.actor, chain.at)
    result = score(catalogue, row.category, {code: v for code, (v, _r) in figures.items()})
    return replace(
        row,
        revision=row.revision + len(figures),
        updated_at=chain.at if figures else row.updated_at,
        total=result.total,
        recognized=result.recognized,
    )


def _enter_team_and_comments(
    workspace: Workspace, repo: Repository, row: AssessmentRecord, draft: Draft, chain: _Chain
) -> None:
    catalogue = workspace.catalogue_of(row.catalogue)
    for name, agency, role in draft.members:
        name, sector, member_role = _member_fields(name, agency, role)
        member = repo.add_member(
            row.id, str(uuid.uuid4()), name, sector.value, member_role, chain.at
        )
        new = {"name": name, "agency": sector.value, "role": member_role.value}
        chain.add("add_member", f"member:{member.id}", None, new)
    for code, text in draft.comments:
        text = checked_clean(text, COMMENT)
        if not text:
            raise InputError("COMMENT_EMPTY", N_("The comment is empty."))
        indicator = catalogue.require_indicator(clean(code)).code
        repo.add_comment(row.id, str(uuid.uuid4()), indicator, text, workspace.actor, chain.at)
        chain.add("comment", f"indicator:{indicator}", None, text)


def _enter(workspace: Workspace, repo: Repository, draft: Draft) -> int:
    # The person entering them is not on these teams: each draft names its own members.
    row = create_in(workspace, repo, draft.commune, draft.year, kind=draft.kind, join_team=False)
    stored = repo.assessment_record(row.id)  # with its audit head moved by the create entry
    assert stored is not None
    chain = _Chain(stored, workspace.actor, workspace.clock())
    row = _enter_figures(workspace, repo, stored, draft, chain)
    _enter_team_and_comments(workspace, repo, row, draft, chain)
    if draft.finalize:
        row = replace(
            row,
            status=AssessmentStatus.FINALIZED,
            finalized_at=chain.at,
            updated_at=chain.at,
            revision=row.revision + 1,
        )
        chain.add(
            "finalize",
            f"assessment:{row.uid}",
            AssessmentStatus.DRAFT.value,
            {"status": row.status.value, "total": row.total, "recognized": row.recognized},
        )
    repo.add_chained_entries(row.id, chain.entries)
    repo.save_assessment(row)  # flushes the figures and entries too
    return row.id


def add_assessments(workspace: Workspace, drafts: Sequence[Draft]) -> list[int]:
    """Enter `drafts` in one transaction (see the module's docstring); their ids, in order."""

    def _work(session: WriteSession) -> list[int]:
        repo = Repository(session)
        return [_enter(workspace, repo, draft) for draft in drafts]

    return workspace.database.run_in_transaction(_work)
