"""Assessment use cases: create, enter figures, finalise, reopen, and read back with the verdict.

Every change is one transaction that writes the change, refreshes the derived total and verdict,
and appends its audit entry, so the three can never disagree.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

from assessor_app.domain.assessment import (
    AssessmentKind,
    AssessmentStatus,
    optional_reason,
    require_editable,
    require_reason,
)
from assessor_app.domain.audit import GENESIS
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.evaluation import catalogue_for_year, check_year, period
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.text import clean
from assessor_app.domain.values import Value, parse_json, parse_text, to_json
from assessor_app.domain.versions import value_vid
from assessor_app.services import audit_trail, keys
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
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import AssessmentRow, CatalogueRow, IndicatorValueRow


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


def assessment_row(repo: Repository, assessment_id: int) -> AssessmentRow:
    row = repo.assessment(assessment_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(
            "ASSESSMENT_NOT_FOUND",
            N_("There is no assessment {assessment}."),
            assessment=assessment_id,
        )
    return row


def _values_of(
    workspace: Workspace, catalogue: Catalogue, rows: dict[str, IndicatorValueRow]
) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for code, row in rows.items():
        indicator = catalogue.indicator(code)
        if (
            indicator is not None
        ):  # pinned catalogue: always true unless the file was edited by hand
            values[code] = parse_json(indicator, json.loads(row.value_json))
    return values


def _summary(row: AssessmentRow) -> AssessmentSummary:
    return AssessmentSummary(
        id=row.id,
        uid=row.uid,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        unit_list=row.unit_list_code,
        year=row.year,
        kind=AssessmentKind(row.kind),
        status=AssessmentStatus(row.status),
        catalogue_code=row.catalogue.code,
        catalogue_version=row.catalogue.version,
        catalogue_hash=row.catalogue.content_hash,
        category=UnitCategory(row.category),
        total=row.total,
        recognized=row.recognized,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        finalized_at=row.finalized_at,
        revision=row.revision,
    )


def _rescore(workspace: Workspace, repo: Repository, row: AssessmentRow) -> ScoreResult:
    catalogue = workspace.catalogue_of(row.catalogue)
    result = score(
        catalogue, UnitCategory(row.category), _values_of(workspace, catalogue, repo.values(row.id))
    )
    row.total, row.recognized = result.total, result.recognized
    return result


def _touch(workspace: Workspace, repo: Repository, row: AssessmentRow, now: str) -> None:
    row.revision += 1
    row.updated_at = now
    _rescore(workspace, repo, row)


def create(
    workspace: Workspace,
    commune: str,
    year: int,
    catalogue_code: str | None = None,
    kind: str = "team",
) -> AssessmentSummary:
    """A new draft assessment of `commune` for evaluation year `year`."""
    chosen_kind = _kind(kind)
    check_year(year)
    first, last = period(year)
    commune = clean(commune)
    now = workspace.clock()
    with workspace.database.transaction() as session:
        repo = Repository(session)
        unit = None
        for listing in reversed(repo.unit_lists()):  # the newest list covering the year wins
            start = date.fromisoformat(listing.valid_from)
            end = date.fromisoformat(listing.valid_to) if listing.valid_to else None
            if start <= last and (end is None or first <= end):
                unit = next((u for u in listing.units if u.code == commune), None)
                if unit is not None:
                    break
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
        override = repo.category_override(unit.code)
        row = AssessmentRow(
            uid=str(uuid.uuid4()),
            commune_code=unit.code,
            commune_name=unit.name,
            unit_list_code=unit.unit_list.code,
            year=year,
            catalogue_id=catalogue_row.id,
            kind=chosen_kind.value,
            status=AssessmentStatus.DRAFT.value,
            category=override.category if override else unit.default_category,
            created_at=now,
            created_by=workspace.actor,
            updated_at=now,
            finalized_at=None,
            revision=0,
            total=0,
            recognized=False,
            audit_count=0,
            audit_head="",
        )
        row.catalogue = catalogue_row
        session.add(row)
        session.flush()
        _rescore(workspace, repo, row)
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
                "kind": row.kind,
                "catalogue": catalogue_row.content_hash,
                "category": row.category,
            },
            assessment=_genesis(row),
        )
        return _summary(row)


def _genesis(row: AssessmentRow) -> AssessmentRow:
    row.audit_count, row.audit_head = 0, GENESIS
    return row


def _choose_catalogue(
    workspace: Workspace, repo: Repository, code: str | None, year: int
) -> CatalogueRow:
    rows = repo.catalogues()
    if code:
        wanted = clean(code).upper()
        matching = [r for r in rows if r.code == wanted or r.content_hash == code]
        if not matching:
            raise NotFoundError(
                "CATALOGUE_NOT_FOUND",
                N_("There is no criteria catalogue '{code}'. Known: {known}."),
                code=code,
                known=", ".join(sorted({r.code for r in rows})) or "-",
            )
        return matching[-1]
    latest: dict[str, CatalogueRow] = {}
    for row in rows:
        latest[row.code] = row  # rows come ordered by id: the newest version of each code wins
    chosen = catalogue_for_year([workspace.catalogue_of(r) for r in latest.values()], year)
    return latest[chosen.code]


def summary(workspace: Workspace, assessment_id: int) -> AssessmentSummary:
    """One assessment's list row (cheap: no figures, notes or evidence loaded)."""
    with workspace.database.reading() as session:
        return _summary(assessment_row(Repository(session), assessment_id))


def list_assessments(workspace: Workspace) -> list[AssessmentSummary]:
    with workspace.database.reading() as session:
        return [_summary(row) for row in Repository(session).assessments()]


def detail(workspace: Workspace, assessment_id: int) -> AssessmentDetail:
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = assessment_row(repo, assessment_id)
        catalogue = workspace.catalogue_of(row.catalogue)
        value_rows = repo.values(row.id)
        values = _values_of(workspace, catalogue, value_rows)
        return AssessmentDetail(
            summary=_summary(row),
            catalogue=catalogue,
            values={
                code: ValueRecord(
                    code, value, value_rows[code].entered_by, value_rows[code].entered_at
                )
                for code, value in values.items()
            },
            score=score(catalogue, UnitCategory(row.category), values),
            members=[MemberRecord(m.id, m.name, m.agency, m.role) for m in repo.members(row.id)],  # type: ignore[arg-type]
            comments=[
                CommentRecord(c.id, c.indicator_code, c.text, c.author, c.at)
                for c in repo.comments(row.id)
            ],
            follow_up=repo.flags(row.id),
            evidence=[
                EvidenceRecord(
                    e.id,
                    e.indicator_code,
                    e.sha256,
                    e.blob.size,
                    e.filename,
                    e.caption,
                    e.added_by,
                    e.added_at,
                )
                for e in repo.evidence(row.id)
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
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = assessment_row(repo, assessment_id)
        catalogue = workspace.catalogue_of(row.catalogue)
        indicator = catalogue.require_indicator(clean(indicator_code))
        value = parse_text(indicator, text, reason)
        _write_value(workspace, repo, row, indicator.code, value, reason)
    return detail(workspace, assessment_id)


def set_value_object(
    workspace: Workspace,
    assessment_id: int,
    indicator_code: str,
    value: Value | None,
    reason: str = "",
) -> AssessmentSummary:
    """Enter (or clear, with None) an already-parsed value; the GUI and undo/redo use this."""
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = assessment_row(repo, assessment_id)
        catalogue = workspace.catalogue_of(row.catalogue)
        indicator = catalogue.require_indicator(indicator_code)
        if value is not None:
            parse_json(indicator, to_json(value))  # validates against the rule
        _write_value(workspace, repo, row, indicator.code, value, reason)
        return _summary(row)


def _write_value(
    workspace: Workspace,
    repo: Repository,
    row: AssessmentRow,
    code: str,
    value: Value | None,
    reason: str,
) -> None:
    require_editable(AssessmentStatus(row.status), row.id)
    optional_reason(reason)  # refuses a reason over the limit on text (TEXT_TOO_LONG)
    now = workspace.clock()
    existing = repo.values(row.id).get(code)
    old = json.loads(existing.value_json) if existing else None
    new = to_json(value) if value is not None else None
    if old == new:
        return  # nothing changed: no revision, no audit noise
    parent = repo.head(row.id, code)
    vid = value_vid(row.uid, code, new, workspace.actor, now, parent)
    repo.add_version(row.id, code, vid, parent, new, workspace.actor, now)
    repo.set_head(row.id, code, vid, new, workspace.actor, now)
    repo.session.flush()
    _touch(workspace, repo, row, now)
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


def finalize(
    workspace: Workspace, assessment_id: int, passphrase: str | None = None
) -> AssessmentDetail:
    """Lock the assessment. With the passphrase of this installation's signing key, the head of
    its audit log is signed too (a later rewrite of the log is then detectable); without a key or
    a passphrase the head is signed at the next export."""
    key = keys.unlock(workspace, passphrase) if passphrase is not None else None
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = assessment_row(repo, assessment_id)
        require_editable(AssessmentStatus(row.status), row.id)
        now = workspace.clock()
        result = _rescore(workspace, repo, row)
        row.status, row.finalized_at, row.updated_at = AssessmentStatus.FINALIZED.value, now, now
        row.revision += 1
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
        if key is not None:
            audit_trail.sign_head(repo, key, row, keys.device_id_in(repo), now)
    return detail(workspace, assessment_id)


def reopen(workspace: Workspace, assessment_id: int, reason: str) -> AssessmentDetail:
    reason = require_reason(reason)
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = assessment_row(repo, assessment_id)
        if row.status != AssessmentStatus.FINALIZED.value:
            raise StateError(
                "ASSESSMENT_NOT_FINALIZED",
                N_("Assessment {assessment} is not finalised; there is nothing to reopen."),
                assessment=assessment_id,
            )
        now = workspace.clock()
        row.status, row.finalized_at, row.updated_at = AssessmentStatus.DRAFT.value, None, now
        row.revision += 1
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
    return detail(workspace, assessment_id)


def audit(workspace: Workspace, assessment_id: int) -> AuditReport:
    """The assessment's audit trail, checked: its hash chain, the figures, status and revision
    the store holds against what the log says, and its signed heads (services/audit_trail.py)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        return audit_trail.check_assessment(repo, assessment_row(repo, assessment_id))


def preview_score(
    catalogue: Catalogue, category: UnitCategory, values: dict[str, Value]
) -> ScoreResult:
    """Score figures that are not stored (yet): the live verdict while the user types."""
    return score(catalogue, category, values)


def parse_value(
    catalogue: Catalogue, indicator_code: str, text: str, justification: str = ""
) -> Value:
    """Parse and validate a typed value; raises InputError with the message to show inline."""
    indicator = catalogue.require_indicator(indicator_code)
    return parse_text(indicator, text, justification)
