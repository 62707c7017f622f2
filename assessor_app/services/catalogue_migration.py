"""Moving an assessment to another version of its criteria catalogue: preview, then migrate.

An assessment stays pinned to the catalogue it was scored with (its content hash). Moving it is
an explicit act with a reason, done in one transaction that repins it, keeps the figures that
carry over (with their evidence, comments and sources), takes out the figures the new version
cannot use, and writes the audit: one `migrate_catalogue` entry with both catalogues' hashes and
every indicator's outcome, then one `clear_value` entry per figure taken out (so the log still
replays to the stored figures, and the old figures stay readable in the history).

Which catalogue may be the target: another version of the same code (a corrected or official
release of the same decision), or a successor, a catalogue of another code that took effect
later (QĐ 34/2014 → QĐ 06/2019). Going back to an older decision's catalogue is refused: it is
never what a province asks for and it would silently re-score a year under repealed rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from assessor_app import i18n
from assessor_app.core.messages import Message
from assessor_app.domain.appraisal import LOCKING
from assessor_app.domain.assessment import AssessmentStatus, optional_reason
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_migration import (
    IndicatorMigration,
    MigrationPlan,
    Outcome,
    plan,
)
from assessor_app.domain.errors import N_, AssessorError, InputError, NotFoundError, StateError
from assessor_app.domain.evaluation import period
from assessor_app.domain.text import clean
from assessor_app.domain.values import Value, parse_json
from assessor_app.services.assessments import require_assessment, rescore
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord, CatalogueRecord
from assessor_app.storage.repository import Repository
from assessor_app.texts import dates, labels

HASH_PREFIX = 8  # the shortest hash prefix accepted to name a catalogue version


@dataclass(frozen=True)
class MigrationPreview:
    assessment_id: int
    assessment_uid: str
    commune_code: str
    commune_name: str
    year: int
    plan: MigrationPlan
    refusal: Message | None  # why `migrate` would refuse (None: it may be applied)
    # The target is not yet in force at the end of the assessment's evaluation period: `migrate`
    # refuses unless told `anyway` (a province may decide to score a year under the new rules).
    warning: Message | None = None
    refused: AssessorError | None = None  # the error behind `refusal` (its kind: the CLI exit)


def targets(workspace: Workspace, assessment_id: int) -> list[Catalogue]:
    """The catalogue versions this assessment may move to (for the dialog's choice)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        current = workspace.catalogue_of(row.catalogue)
        found = []
        for record in repo.catalogue_records():
            candidate = workspace.catalogue_of(record)
            if target_refusal(current, candidate) is None:
                found.append(candidate)
        return found


def preview(workspace: Workspace, assessment_id: int, target: str) -> MigrationPreview:
    """What migrating the assessment to `target` (a catalogue code: its newest version; or a
    content hash, at least 8 characters of it) would do; changes nothing."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        record = _find_target(workspace, repo, target)
        migration = _plan(workspace, repo, row, record)
        refused: AssessorError | None = None
        try:
            _check(repo, row, migration.old, migration.new)
        except AssessorError as error:
            refused = error
        early = not_yet_in_force(row.year, migration.new)
        return MigrationPreview(
            row.id,
            row.uid,
            row.commune_code,
            row.commune_name,
            row.year,
            migration,
            refused.message if refused else None,
            early.message if early else None,
            refused,
        )


def not_yet_in_force(year: int, catalogue: Catalogue) -> InputError | None:
    """Why scoring `year` with `catalogue` needs a confirmation: it takes effect only after the
    year's evaluation period ends (1/11 of the year before to 31/10), so the year would be scored
    under rules that were not in force during it. Not refused outright: a province may decide
    to apply a new catalogue early; it must then say so (`anyway`)."""
    end = period(year)[1]
    if catalogue.effective_from <= end:
        return None
    return InputError(
        "CAT_MIGRATE_NOT_IN_FORCE",
        N_(
            "Catalogue {code} ({version}) is in force only from {day}, after the {year} evaluation period ended ({end}): the {year} assessment would be scored under rules not yet in force that year. Move it only if the province decided so, and confirm it."
        ),
        code=catalogue.code,
        version=labels.catalogue_version(catalogue.version, i18n.language()),
        day=dates.day(catalogue.effective_from),
        year=year,
        end=dates.day(end),
    )


def migrate(
    workspace: Workspace, assessment_id: int, target: str, reason: str, *, anyway: bool = False
) -> MigrationPreview:
    """Repin the assessment to `target`, in one transaction, audited (see the module). A target
    not yet in force in the assessment's year is refused unless `anyway` (`not_yet_in_force`)."""
    reason = optional_reason(reason)
    if not reason:
        raise InputError(
            "CAT_MIGRATE_REASON_REQUIRED",
            N_("Say why the assessment moves to another catalogue version: a reason is required."),
        )

    def _work(session: WriteSession) -> MigrationPreview:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        record = _find_target(workspace, repo, target)
        migration = _plan(workspace, repo, row, record)
        _check(repo, row, migration.old, migration.new)
        early = not_yet_in_force(row.year, migration.new)
        if early is not None and not anyway:
            raise early
        _apply(workspace, repo, row, record, migration, reason, early=early is not None)
        return MigrationPreview(
            row.id,
            row.uid,
            row.commune_code,
            row.commune_name,
            row.year,
            migration,
            None,
            early.message if early else None,
        )

    return workspace.database.run_in_transaction(_work)


def _find_target(workspace: Workspace, repo: Repository, target: str) -> CatalogueRecord:
    wanted = clean(target)
    rows = repo.catalogue_records()  # ordered by id: the newest version of a code comes last
    code, _at, version = wanted.upper().partition("@")  # CODE@VERSION, as `catalogue publish`
    by_code = [r for r in rows if r.code == code and (not version or r.version.upper() == version)]
    if by_code:
        return by_code[-1]
    lowered = wanted.lower()
    by_hash = [
        r for r in rows if len(lowered) >= HASH_PREFIX and r.content_hash.startswith(lowered)
    ]
    if len(by_hash) == 1:
        return by_hash[0]
    raise NotFoundError(
        "CAT_MIGRATE_TARGET_NOT_FOUND",
        N_(
            "There is no catalogue version '{target}': give a catalogue code, CODE@VERSION or at least 8 characters of its hash (see 'catalogue list')."
        ),
        target=target,
    )


def _plan(
    workspace: Workspace, repo: Repository, row: AssessmentRecord, record: CatalogueRecord
) -> MigrationPlan:
    old = workspace.catalogue_of(row.catalogue)
    new = workspace.catalogue_of(record)
    values: dict[str, Value] = {
        code: parse_json(old.require_indicator(code), item.value)
        for code, item in repo.stored_values(row.id).items()
    }
    return plan(old, new, row.category, values)


def target_refusal(current: Catalogue, target: Catalogue) -> AssessorError | None:
    """Why an assessment pinned to `current` may not move to `target` (None: it may). An import
    asks the same of a migration made elsewhere (services/merge_migration.py)."""
    if target.content_hash == current.content_hash:
        return StateError(
            "CAT_MIGRATE_SAME",
            N_("The assessment is already scored with this catalogue version ({code} {version})."),
            code=target.code,
            version=target.version,
        )
    if target.code != current.code and target.effective_from <= current.effective_from:
        return InputError(
            "CAT_MIGRATE_NOT_SUCCESSOR",
            N_(
                "Catalogue {target} is not a newer version of {current}: an assessment moves to another version of its catalogue or to one that took effect later."
            ),
            target=target.code,
            current=current.code,
        )
    return None


def _check(repo: Repository, row: AssessmentRecord, old: Catalogue, new: Catalogue) -> None:
    """Refuse what may not be migrated; the checks change nothing."""
    refusal = target_refusal(old, new)
    if refusal is not None:
        raise refusal
    lock = repo.appraisal_lock(row.id, row.uid)
    if lock is not None and lock in LOCKING:
        raise StateError(
            "CAT_MIGRATE_APPRAISED",
            N_(
                "Assessment {assessment} is being appraised or was appraised by the office: it keeps its catalogue. Take the appraisal back first, with a reason, then reopen it."
            ),
            assessment=row.id,
        )
    if row.status is AssessmentStatus.FINALIZED:
        raise StateError(
            "CAT_MIGRATE_FINALISED",
            N_(
                "Assessment {assessment} is finalised: reopen it first (with a reason), then move it to the other catalogue version."
            ),
            assessment=row.id,
        )


def _apply(
    workspace: Workspace,
    repo: Repository,
    row: AssessmentRecord,
    record: CatalogueRecord,
    migration: MigrationPlan,
    reason: str,
    *,
    early: bool = False,
) -> None:
    now = workspace.clock()
    stored = repo.stored_values(row.id)
    dropped = {i.code for i in migration.items if i.outcome is Outcome.DROPPED}
    history = _dropped_history(repo, row.id, dropped, stored)
    take_out(repo, row.id, record.id, migration.removed, dropped, migration.new)
    # One revision for the repin and one per figure taken out, as the log replays it.
    revision = row.revision + 1 + len(migration.removed)
    repinned, result = rescore(
        workspace,
        repo,
        replace(require_assessment(repo, row.id), revision=revision, updated_at=now),
    )
    repo.append_audit(
        row.uid,
        now,
        workspace.actor,
        "migrate_catalogue",
        f"assessment:{row.uid}",
        _side(migration.old, migration.before.total, migration.before.recognized),
        {
            **_side(migration.new, result.total, result.recognized),
            "complete": migration.complete,
            "not_yet_in_force": early,  # confirmed: in force only after the year's period
            "indicators": {i.code: _outcome(i) for i in migration.items},
            "dropped": history,
        },
        reason,
        assessment=repinned,
    )
    for code in migration.removed:
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "clear_value",
            f"indicator:{code}",
            stored[code].value,
            None,
            reason,
            assessment=repinned,
        )


def take_out(
    repo: Repository,
    assessment_id: int,
    catalogue_id: int,
    removed: Iterable[str],
    dropped: Iterable[str],
    new: Catalogue,
) -> None:
    """Repin the assessment to `catalogue_id` (the catalogue `new`) and take out what it cannot
    use: the figures `removed` with their versions, the notes of the `dropped` indicators, the
    assignments of criteria it does not have. The audit is the caller's. Also used by an import
    that follows a migration made in another store (services/merge_migration.py)."""
    repo.repin_assessment(assessment_id, catalogue_id)
    for code in removed:
        repo.forget_figure(assessment_id, code)
    for code in sorted(dropped):
        repo.forget_notes(assessment_id, code)
    kept = {c.code for c in new.criteria}
    repo.forget_assignments(
        assessment_id, [c for c in repo.assignments(assessment_id) if c not in kept]
    )


def _side(catalogue: Catalogue, total: int, recognized: bool) -> dict[str, Any]:
    return {
        "catalogue": catalogue.content_hash,
        "code": catalogue.code,
        "version": catalogue.version,
        "total": total,
        "recognized": recognized,
    }


def _outcome(item: IndicatorMigration) -> dict[str, Any]:
    return {
        "outcome": item.outcome.value,
        "why": item.why.value if item.why is not None else None,
        "had_value": item.had_value,
        "old_points": item.old_points,
        "new_points": item.new_points,
    }


def _dropped_history(
    repo: Repository, assessment_id: int, dropped: set[str], stored: dict[str, Any]
) -> dict[str, Any]:
    """What the migration takes away with the dropped indicators, kept in the audit entry."""
    links = repo.evidence_links(assessment_id)
    comments = repo.comment_records(assessment_id)
    sources = repo.sources(assessment_id)
    history: dict[str, Any] = {}
    for code in sorted(dropped):
        history[code] = {
            "value": stored[code].value if code in stored else None,
            "evidence": [
                {"sha256": e.sha256, "filename": e.filename} for e in links if e.indicator == code
            ],
            "comments": [c.text for c in comments if c.indicator == code],
            "source": sources[code].text if code in sources else None,
        }
    return history
