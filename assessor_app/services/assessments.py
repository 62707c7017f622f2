"""Assessment use cases: create, enter figures, finalise, reopen, and read back with the verdict.

Every change is one transaction that writes the change, refreshes the derived total and verdict,
and appends its audit entry, so the three can never disagree.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from assessor_app.core.progress import Cancelled
from assessor_app.domain.appraisal import AppraisalState, require_unlocked
from assessor_app.domain.assessment import (
    AssessmentKind,
    AssessmentStatus,
    optional_reason,
    require_editable,
    require_reason,
)
from assessor_app.domain.catalogue import Catalogue, Sector
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.evaluation import check_year, period
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.text import clean
from assessor_app.domain.values import Value, parse_json, parse_text, to_json
from assessor_app.domain.versions import value_vid
from assessor_app.services import appraisal_reasons, appraisal_states, audit_trail, keys
from assessor_app.services.catalogue_preference import in_force_for_year, named, preference
from assessor_app.services.figures import (  # re-exported: where the editor finds them
    parse_value as parse_value,
    preview_score as preview_score,
)
from assessor_app.services.records import (
    AssessmentDetail,
    AssessmentSummary,
    AuditReport,
    CommentRecord,
    EvidenceRecord,
    MemberRecord,
    ValueRecord,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import (
    AssessmentRecord,
    CatalogueRecord,
    NewAssessment,
    StoredUnit,
    StoredValue,
)
from assessor_app.storage.repository import Repository


def _kind(kind: str) -> AssessmentKind:
    try:
        return AssessmentKind(kind)
    except ValueError:
        raise InputError(
            "ASSESSMENT_BAD_KIND",
            N_("Unknown kind of assessment '{kind}'; use one of: {allowed}."),
            kind=kind,
            allowed=", ".join(k.value for k in AssessmentKind),
        ) from None


def require_assessment(repo: Repository, assessment_id: int) -> AssessmentRecord:
    """The assessment, unless there is none or it was deleted (ASSESSMENT_NOT_FOUND)."""
    record = repo.assessment_record(assessment_id)
    if record is None or record.deleted_at is not None:
        raise NotFoundError(
            "ASSESSMENT_NOT_FOUND",
            N_("There is no assessment {assessment}."),
            assessment=assessment_id,
        )
    return record


def _values_of(catalogue: Catalogue, stored: dict[str, StoredValue]) -> dict[str, Value]:
    # The catalogue is pinned: every code is known, unless the file was edited by hand.
    return {
        code: parse_json(indicator, item.value)
        for code, item in stored.items()
        if (indicator := catalogue.indicator(code)) is not None
    }


def _summary(row: AssessmentRecord, appraisal: AppraisalState | None = None) -> AssessmentSummary:
    return AssessmentSummary(
        id=row.id,
        uid=row.uid,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        unit_list=row.unit_list_code,
        year=row.year,
        kind=row.kind,
        status=row.status,
        catalogue_code=row.catalogue.code,
        catalogue_version=row.catalogue.version,
        catalogue_hash=row.catalogue.content_hash,
        category=row.category,
        total=row.total,
        recognized=row.recognized,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        finalized_at=row.finalized_at,
        revision=row.revision,
        demo=row.demo,
        appraisal=appraisal,
    )


def summary_of(row: AssessmentRecord) -> AssessmentSummary:
    """The summary of a record read in the caller's transaction (after a save)."""
    return _summary(row)


def rescore(
    workspace: Workspace, repo: Repository, row: AssessmentRecord
) -> tuple[AssessmentRecord, ScoreResult]:
    """Score the stored values and store the derived total and verdict with the other changes
    of `row`: (the assessment as stored, the score)."""
    catalogue = workspace.catalogue_of(row.catalogue)
    result = score(catalogue, row.category, _values_of(catalogue, repo.stored_values(row.id)))
    stored = repo.save_assessment(replace(row, total=result.total, recognized=result.recognized))
    return stored, result


def _touch(
    workspace: Workspace, repo: Repository, row: AssessmentRecord, now: str
) -> AssessmentRecord:
    return rescore(workspace, repo, replace(row, revision=row.revision + 1, updated_at=now))[0]


def create(
    workspace: Workspace,
    commune: str,
    year: int,
    catalogue_code: str | None = None,
    kind: str = "team",
    join_team: bool = True,
) -> AssessmentSummary:
    """A new draft assessment of `commune` for evaluation year `year`; its creator (the
    profile's user) joins its team unless `join_team` is False (the demo's samples)."""
    _kind(kind)  # bad input is refused before taking the write lock
    check_year(year)
    return workspace.database.run_in_transaction(
        lambda session: _summary(
            create_in(
                workspace, Repository(session), commune, year, catalogue_code, kind, join_team
            )
        )
    )


def create_in(
    workspace: Workspace,
    repo: Repository,
    commune: str,
    year: int,
    catalogue_code: str | None = None,
    kind: str = "team",
    join_team: bool = True,
) -> AssessmentRecord:
    """`create` inside the caller's transaction (services/bulk_entry.py creates many in one)."""
    chosen_kind = _kind(kind)
    check_year(year)
    first, last = period(year)
    commune = clean(commune)
    now = workspace.clock()
    unit = _unit_in_year(repo, commune, first, last)
    if unit is None:
        raise NotFoundError(
            "UNIT_NOT_IN_YEAR",
            N_(
                "There is no commune with code '{code}' in the unit lists valid in the evaluation year {year}."
            ),
            code=commune,
            year=year,
        )
    catalogue_row = _choose_catalogue(workspace, repo, catalogue_code, year)
    override = repo.category_override_record(unit.code)
    row = repo.add_assessment(
        NewAssessment(
            uid=str(uuid.uuid4()),
            commune_code=unit.code,
            commune_name=unit.name,
            unit_list_code=unit.list_code,
            year=year,
            catalogue_id=catalogue_row.id,
            kind=chosen_kind,
            status=AssessmentStatus.DRAFT,
            category=override.category if override else unit.default_category,
            created_at=now,
            created_by=workspace.actor,
            updated_at=now,
        )
    )
    row, _score = rescore(workspace, repo, row)
    repo.append_audit(
        row.uid,
        now,
        workspace.actor,
        "create",
        f"assessment:{row.uid}",
        None,
        {
            "commune": row.commune_code,
            "year": year,
            "kind": row.kind.value,
            "catalogue": catalogue_row.content_hash,
            "category": row.category.value,
        },
        assessment=row,
    )
    if join_team:
        from assessor_app.services.team import add_creator_in  # team builds on this module

        add_creator_in(workspace, repo, row)
    return row


def _unit_in_year(repo: Repository, commune: str, first: date, last: date) -> StoredUnit | None:
    """The commune in the newest unit list covering the evaluation year `first`–`last`
    (reads the commune's entries only, not every unit of every list)."""
    for unit in reversed(repo.unit_records_with_code(commune)):  # oldest list first
        start = date.fromisoformat(unit.list_valid_from)
        end = date.fromisoformat(unit.list_valid_to) if unit.list_valid_to else None
        if start <= last and (end is None or first <= end):
            return unit
    return None


def _choose_catalogue(
    workspace: Workspace, repo: Repository, code: str | None, year: int
) -> CatalogueRecord:
    rows = repo.catalogue_records()
    if code:
        matching = named(rows, code)
        by_hash = [r for r in matching if r.content_hash == code]
        return by_hash[0] if by_hash else max(matching, key=preference)
    return in_force_for_year(workspace, rows, year)[0]


def summary(workspace: Workspace, assessment_id: int) -> AssessmentSummary:
    """One assessment's list row (cheap: no figures, notes or evidence loaded)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        return _summary(row, appraisal_states.state_of_row(repo, row))


def list_assessments(
    workspace: Workspace, cancelled: Cancelled | None = None
) -> list[AssessmentSummary]:
    """Every assessment not deleted; `cancelled()` is asked while reading (OperationCancelled)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        records = repo.assessment_records(cancelled=cancelled)
        states = appraisal_states.states_of_rows(repo, records)
        return [_summary(row, states.get(row.id)) for row in records]


def detail(workspace: Workspace, assessment_id: int) -> AssessmentDetail:
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        catalogue = workspace.catalogue_of(row.catalogue)
        value_rows = repo.stored_values(row.id)
        values = _values_of(catalogue, value_rows)
        return AssessmentDetail(
            summary=_summary(row, appraisal_states.state_of_row(repo, row)),
            catalogue=catalogue,
            values={
                code: ValueRecord(
                    code, value, value_rows[code].entered_by, value_rows[code].entered_at
                )
                for code, value in values.items()
            },
            score=score(catalogue, row.category, values),
            members=[
                MemberRecord(m.id, m.name, Sector(m.agency), m.role)
                for m in repo.team_members(row.id)
            ],
            comments=[
                CommentRecord(c.id, c.indicator, c.text, c.author, c.at)
                for c in repo.comment_records(row.id)
            ],
            follow_up=repo.flags(row.id),
            sources={code: s.text for code, s in repo.sources(row.id).items()},
            evidence=[
                EvidenceRecord(
                    e.id,
                    e.indicator,
                    e.sha256,
                    e.size,
                    e.filename,
                    e.caption,
                    e.added_by,
                    e.added_at,
                )
                for e in repo.evidence_links(row.id)
            ],
        )


def set_value(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    text: str,
    reason: str = "",
) -> AssessmentDetail:
    """Enter the figure for one indicator from its text form; for manual points `reason` is the
    justification. Refused on a finalised assessment."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        indicator = workspace.catalogue_of(row.catalogue).require_indicator(clean(indicator_code))
        why = appraisal_reasons.checked(repo, row, reason)
        value = parse_text(indicator, text, why)
        write_value_in(workspace, repo, row, indicator.code, value, why)

    workspace.database.run_in_transaction(_work)
    return detail(workspace, assessment_id)


def set_value_object(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    value: Value | None,
    reason: str = "",
) -> AssessmentSummary:
    """Enter (or clear, with None) an already-parsed value; the GUI and undo/redo use this."""

    def _work(session: WriteSession) -> AssessmentSummary:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        indicator = workspace.catalogue_of(row.catalogue).require_indicator(indicator_code)
        if value is not None:
            parse_json(indicator, to_json(value))  # validates against the rule
        why = appraisal_reasons.checked(repo, row, reason)
        return _summary(write_value_in(workspace, repo, row, indicator.code, value, why))

    return workspace.database.run_in_transaction(_work)


def write_value_in(
    workspace: Workspace,
    repo: Repository,
    row: AssessmentRecord,
    code: str,
    value: Value | None,
    reason: str,
) -> AssessmentRecord:
    """Store one figure inside the caller's transaction (refused on a finalised assessment)."""
    require_editable(row.status, row.id)
    optional_reason(reason)  # refuses a reason over the limit on text (TEXT_TOO_LONG)
    now = workspace.clock()
    existing = repo.stored_values(row.id).get(code)
    old = existing.value if existing else None
    new = to_json(value) if value is not None else None
    if old == new:
        return row  # nothing changed: no revision, no audit noise
    parent = repo.head(row.id, code)
    vid = value_vid(row.uid, code, new, workspace.actor, now, parent)
    repo.add_version(row.id, code, vid, parent, new, workspace.actor, now)
    repo.set_head(row.id, code, vid, new, workspace.actor, now)
    row = _touch(workspace, repo, row, now)
    repo.append_audit(
        row.uid,
        now,
        workspace.actor,
        "set_value" if value is not None else "clear_value",
        f"indicator:{code}",
        old,
        new,
        clean(reason),
        assessment=row,
    )
    return row


def finalize(
    workspace: Workspace, assessment_id: int, passphrase: str | None = None
) -> AssessmentDetail:
    """Lock the assessment. With the passphrase of this installation's signing key, the head of
    its audit log is signed too (a later rewrite of the log is then detectable); without a key or
    a passphrase the head is signed at the next export."""
    key = keys.unlock(workspace, passphrase) if passphrase is not None else None

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = finalize_in(workspace, repo, require_assessment(repo, assessment_id))
        if key is not None:
            audit_trail.sign_head(repo, key, row, keys.device_id_in(repo), row.updated_at)

    workspace.database.run_in_transaction(_work)
    return detail(workspace, assessment_id)


def finalize_in(workspace: Workspace, repo: Repository, row: AssessmentRecord) -> AssessmentRecord:
    """Lock `row` inside the caller's transaction (services/appraisals.py locks its review so)."""
    require_editable(row.status, row.id)
    now = workspace.clock()
    row, result = rescore(
        workspace,
        repo,
        replace(
            row,
            status=AssessmentStatus.FINALIZED,
            finalized_at=now,
            updated_at=now,
            revision=row.revision + 1,
        ),
    )
    repo.append_audit(
        row.uid,
        now,
        workspace.actor,
        "finalize",
        f"assessment:{row.uid}",
        AssessmentStatus.DRAFT.value,
        {
            "status": AssessmentStatus.FINALIZED.value,
            "total": result.total,
            "recognized": result.recognized,
        },
        assessment=row,
    )
    return require_assessment(repo, row.id)


def reopen(workspace: Workspace, assessment_id: int, reason: str) -> AssessmentDetail:
    """Unlock a finalised assessment, with a reason; refused while the office appraises it (or
    appraised it) here, and on the office's own appraisal (services/appraisals.py)."""
    reason = require_reason(reason)

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        require_unlocked(repo.appraisal_lock(row.id, row.uid), row.id)
        reopen_in(workspace, repo, row, reason)

    workspace.database.run_in_transaction(_work)
    return detail(workspace, assessment_id)


def reopen_in(
    workspace: Workspace, repo: Repository, row: AssessmentRecord, reason: str
) -> AssessmentRecord:
    """Unlock `row` inside the caller's transaction (no appraisal check: the caller's)."""
    if row.status is not AssessmentStatus.FINALIZED:
        raise StateError(
            "ASSESSMENT_NOT_FINALIZED",
            N_("Assessment {assessment} is not finalised; there is nothing to reopen."),
            assessment=row.id,
        )
    now = workspace.clock()
    row = repo.save_assessment(
        replace(
            row,
            status=AssessmentStatus.DRAFT,
            finalized_at=None,
            updated_at=now,
            revision=row.revision + 1,
        )
    )
    repo.append_audit(
        row.uid,
        now,
        workspace.actor,
        "reopen",
        f"assessment:{row.uid}",
        AssessmentStatus.FINALIZED.value,
        AssessmentStatus.DRAFT.value,
        reason,
        assessment=row,
    )
    return require_assessment(repo, row.id)


def audit(workspace: Workspace, assessment_id: int) -> AuditReport:
    """The assessment's audit trail, checked: its hash chain, the figures, status and revision
    the store holds against what the log says, and its signed heads (services/audit_trail.py)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        return audit_trail.check_assessment(repo, require_assessment(repo, assessment_id))
