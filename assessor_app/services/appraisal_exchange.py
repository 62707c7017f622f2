"""Appraisals in bundles, both ways (docs/bundle-format.md, "Appraisals").

Office → team: the office exports its review of a returned (or appraised) assessment; the review's
document carries `appraisal` (what it appraises, the state, the round), covered by the signed
manifest. The team's store takes it only when the bundle is signed by a key enrolled here as an
**office's**, and when the state is the one the office's own audit chain in the document records
(its last `appraisal_*` entry): a state claimed by any other key, or not backed by the chain, holds
the bundle (`IMPORT_APPRAISAL_NOT_OFFICE`, `IMPORT_APPRAISAL_FORGED`) and nothing is applied.

Team → office: the team reopens, corrects and finalises its assessment, and exports it. The office's
copy is finalised, which normally holds a changed copy for a person (IMPORT_ASSESSMENT_LOCKED); a
correction of an assessment the office returned is taken when it only adds to the office's copy
(every indicator fast-forward, nothing changed here), and its appraisal becomes submitted again in a
new round (`appraisal_resubmit`, audited on the review's chain).
"""

from __future__ import annotations

from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.errors import N_
from assessor_app.domain.exchange import OFFICE_ROLES
from assessor_app.services import appraisals
from assessor_app.services.appraisal_reading import Target
from assessor_app.services.bundle_payload import AssessmentDoc
from assessor_app.services.exchange_store import exchange_tables
from assessor_app.services.merge_model import Reason
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository


def _chained_state(doc: AssessmentDoc, device_id: str) -> tuple[str, int] | None:
    """(state, round) the sender's own chain of the review records last, if any."""
    entries = doc.audit.get(f"{doc.uid}@{device_id}", [])
    for entry in reversed(entries):
        if entry.action in appraisals.APPRAISAL_ACTIONS and isinstance(entry.new, dict):
            state, round_ = entry.new.get("state"), entry.new.get("round")
            appraised = entry.new.get("appraises")
            if isinstance(state, str) and isinstance(round_, int) and appraised == _appraises(doc):
                return state, round_
            return None
    return None


def _appraises(doc: AssessmentDoc) -> str:
    return doc.appraisal.appraises if doc.appraisal is not None else ""


def holds(repo: Repository, doc: AssessmentDoc, signer: str, device_id: str) -> list[Reason]:
    """Why an incoming appraisal may not be taken (none: it may, or there is none)."""
    appraisal = doc.appraisal
    if appraisal is None:
        return []
    key = exchange_tables(repo).trusted_key(signer)
    if key is None or key.role not in OFFICE_ROLES or key.revoked:
        return [
            Reason(
                "IMPORT_APPRAISAL_NOT_OFFICE",
                N_(
                    "Assessment {assessment} carries an appraisal, but the bundle is not signed by a key enrolled here as an office's: it is not taken."
                ),
                {"assessment": doc.uid},
            )
        ]
    valid_state = appraisal.state in {s.value for s in AppraisalState}
    if (
        doc.kind != AssessmentKind.REVIEW.value
        or not valid_state
        or _chained_state(doc, device_id) != (appraisal.state, appraisal.round)
    ):
        return [
            Reason(
                "IMPORT_APPRAISAL_FORGED",
                N_(
                    "The appraisal of assessment {assessment} in the bundle is not the one its office's audit log records: it is not taken."
                ),
                {"assessment": doc.uid},
            )
        ]
    return []


def takes_update(repo: Repository, row: AssessmentRecord, doc: AssessmentDoc) -> bool:
    """A finalised assessment here that the bundle may still bring forward (when nothing changed
    here): the office's review received from the office, or a correction of an assessment this
    office returned to its team."""
    if row.kind is AssessmentKind.REVIEW and doc.appraisal is not None:
        own = repo.appraisal_of_review(row.id)
        return own is not None and not _made_here(repo, row)
    return (
        any(
            a.state is AppraisalState.RETURNED and _made_here(repo, _review(repo, a.review_id))
            for a in repo.appraisals_of(row.uid)[:1]
        )
        and doc.status == AssessmentStatus.FINALIZED.value
    )


def _review(repo: Repository, review_id: int) -> AssessmentRecord:
    row = repo.assessment_record(review_id)
    assert row is not None  # a foreign key
    return row


def _made_here(repo: Repository, row: AssessmentRecord) -> bool:
    entries = repo.audit_entries(row.uid)
    return bool(entries) and entries[0].action == "create"


def after_apply(
    workspace: Workspace, repo: Repository, doc: AssessmentDoc, row: AssessmentRecord
) -> None:
    """Inside the import's transaction, after `row` was merged from `doc`: an office's appraisal
    received is stored; a correction of an assessment returned from here opens a new round."""
    if (
        doc.appraisal is not None
        and row.kind is AssessmentKind.REVIEW
        and not _made_here(repo, row)
    ):
        appraisal = doc.appraisal
        repo.save_appraisal(
            row.id,
            appraisal.appraises,
            AppraisalState(appraisal.state),
            appraisal.round,
            appraisal.since,
        )
        return
    found = repo.appraisals_of(row.uid)
    if not found or found[0].state is not AppraisalState.RETURNED:
        return
    review = _review(repo, found[0].review_id)
    if _made_here(repo, review) and row.status is AssessmentStatus.FINALIZED:
        appraisals.resubmit_in(workspace, repo, Target(row, found[0], review))
