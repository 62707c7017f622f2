"""The bundles exported from here (`sent_bundles`): the sequence number reserved, released,
recorded as sent or burnt (the steps of services/bundle_export.py), listed with their
acknowledgement, and what they mean for deleting an assessment.

An assessment in a bundle that was sent and not acknowledged by the office cannot be deleted:
`can_delete` / `deletion_blockers` say so (a delete use case must call them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assessor_app.domain.errors import N_, NotFoundError, StateError
from assessor_app.domain.exchange import BundleOutcome, SentBundleRecord, SentStatus
from assessor_app.services import keys
from assessor_app.services.exchange_store import exchange_tables
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository

# A receipt with one of these outcomes means the office holds the data (merged, or kept whole in
# its quarantine); "rejected" means it does not, so the assessment stays protected.
SAFE_OUTCOMES = (BundleOutcome.ACCEPTED, BundleOutcome.QUARANTINED)
RESERVED, SENT, BURNT = SentStatus  # sent_bundles.status


@dataclass(frozen=True)
class SentBundle:
    bundle_id: str
    sequence: int
    created_at: str
    path: str
    manifest_hash: str | None  # None while reserved, or when burnt
    assessments: list[str]
    contains_drafts: bool
    acknowledged_at: str | None
    receipt_outcome: BundleOutcome | None
    receipt_reasons: list[object]
    status: SentStatus = SentStatus.SENT

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


def sent_record(row: SentBundleRecord) -> SentBundle:
    return SentBundle(
        bundle_id=row.bundle_id,
        sequence=row.sequence,
        created_at=row.created_at,
        path=row.path,
        manifest_hash=row.manifest_hash,
        assessments=list(row.assessment_uids),
        contains_drafts=row.contains_drafts,
        acknowledged_at=row.acknowledged_at,
        receipt_outcome=row.receipt_outcome,
        receipt_reasons=list(row.receipt_reasons or ()),
        status=row.status,
    )


def reserve(
    repo: Repository,
    bundle_id: str,
    sequence: int,
    created: str,
    out: Path,
    uids: list[str],
    contains_drafts: bool,
) -> None:
    """Take `sequence` in the store before anything is written (see the module's docstring)."""
    repo.set_meta(keys.META_SEQUENCE, str(sequence))
    exchange_tables(repo).add_sent_bundle(
        SentBundleRecord(
            bundle_id=bundle_id,
            sequence=sequence,
            created_at=created,
            path=str(out),
            manifest_hash=None,
            status=SentStatus.RESERVED,
            assessment_uids=tuple(uids),
            contains_drafts=contains_drafts,
        )
    )


def release(workspace: Workspace, bundle_id: str) -> None:
    """An export that failed in an orderly way (nothing on the stick) gives its number back when
    no later export took one meanwhile; otherwise the number is burnt."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        sent = exchange_tables(repo)
        row = sent.sent_bundle(bundle_id)
        if row is None or row.status != RESERVED:
            return
        if keys.last_sequence_in(repo) == row.sequence:
            repo.set_meta(keys.META_SEQUENCE, str(row.sequence - 1))
            sent.remove_sent_bundle(bundle_id)
        else:
            sent.set_sent_status(bundle_id, BURNT)

    workspace.database.run_in_transaction(_work)


def record_sent(
    workspace: Workspace,
    bundle_id: str,
    manifest_hash: str,
    when: str | None = None,
    settling: bool = False,
) -> bool:
    """Step 3: the reserved bundle is on the stick: record it as sent and audit the export.
    `settling` (reconcile): a reservation settled meanwhile by its own export is left as it is
    (False)."""

    def _work(session: WriteSession) -> bool:
        repo = Repository(session)
        sent = exchange_tables(repo)
        row = sent.sent_bundle(bundle_id)
        if row is None or row.status != RESERVED:
            if settling:
                return False
            raise StateError(
                "EXPORT_CONCURRENT",
                N_("Another export finished meanwhile; export again."),
            )
        sent.set_sent_status(bundle_id, SENT, manifest_hash)
        now = when or workspace.clock()
        for uid in row.assessment_uids:
            exported = repo.assessment_record_by_uid(uid)
            if exported is None:  # deleted meanwhile: the bundle still holds it
                continue
            repo.append_audit(
                uid,
                now,
                workspace.actor,
                "export",
                f"bundle:{bundle_id}",
                None,
                {
                    "bundle": bundle_id,
                    "sequence": row.sequence,
                    "manifest_hash": manifest_hash,
                    "contains_drafts": row.contains_drafts,
                },
                assessment=exported,
            )
        return True

    return workspace.database.run_in_transaction(_work)


def burn(workspace: Workspace, bundle: SentBundle) -> bool:
    """Burn the number of a reservation left by a crash; False when its export settled it
    meanwhile."""

    def _work(session: WriteSession) -> bool:
        repo = Repository(session)
        sent = exchange_tables(repo)
        row = sent.sent_bundle(bundle.bundle_id)
        if row is None or row.status != RESERVED:
            return False
        sent.set_sent_status(bundle.bundle_id, BURNT)
        repo.append_audit(
            STORE_CHAIN,
            workspace.clock(),
            workspace.actor,
            "export_burnt",
            f"bundle:{bundle.bundle_id}",
            RESERVED,
            {"status": BURNT, "sequence": bundle.sequence, "path": bundle.path},
            "",
        )
        return True

    return workspace.database.run_in_transaction(_work)


def previous_bundle(repo: Repository, uids: Sequence[str]) -> str:
    """The latest bundle sent from here with an assessment in common, or ""."""
    wanted = set(uids)
    for row in reversed(exchange_tables(repo).sent_bundles()):
        if row.status == SENT and wanted & set(row.assessment_uids):
            return row.bundle_id
    return ""


def sent_bundles(workspace: Workspace) -> list[SentBundle]:
    """Every bundle exported from here, oldest first, with its acknowledgement."""
    with workspace.database.reading() as session:
        return [sent_record(row) for row in exchange_tables(Repository(session)).sent_bundles()]


def blockers_in(repo: Repository, uid: str) -> list[SentBundle]:
    """The sent bundles holding assessment `uid` that the office has not acknowledged as safely
    received (accepted or quarantined), and that no later, acknowledged bundle with the same
    assessment has superseded."""
    holding = [  # a burnt number's file never left (or its receipt would have said so)
        sent_record(row)
        for row in exchange_tables(repo).sent_bundles()
        if row.status != BURNT and uid in row.assessment_uids
    ]
    blockers: list[SentBundle] = []
    for bundle in holding:
        if bundle.acknowledged and bundle.receipt_outcome in SAFE_OUTCOMES:
            continue
        covered = any(
            later.sequence > bundle.sequence
            and later.acknowledged
            and later.receipt_outcome in SAFE_OUTCOMES
            for later in holding
        )
        if not covered:
            blockers.append(bundle)
    return blockers


def deletion_blockers(workspace: Workspace, assessment_id: int) -> list[SentBundle]:
    """Why the assessment cannot be deleted: the unacknowledged bundles holding it (empty: it can)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment_record(assessment_id)
        if row is None:
            raise NotFoundError(
                "ASSESSMENT_NOT_FOUND",
                N_("There is no assessment {assessment}."),
                assessment=assessment_id,
            )
        return blockers_in(repo, row.uid)


def can_delete(workspace: Workspace, assessment_id: int) -> bool:
    return not deletion_blockers(workspace, assessment_id)


def require_deletable(repo: Repository, uid: str, assessment_id: int) -> None:
    """For a delete use case, inside its transaction: refuse while a sent bundle is unacknowledged."""
    blockers = blockers_in(repo, uid)
    if blockers:
        raise StateError(
            "ASSESSMENT_SENT_UNACKNOWLEDGED",
            N_(
                "Assessment {assessment} was sent in bundle number {sequence} ({bundle}) and the office has not acknowledged it yet; import its receipt before deleting."
            ),
            assessment=assessment_id,
            sequence=blockers[0].sequence,
            bundle=blockers[0].bundle_id,
        )
