"""Importing a bundle, step 4 of 4: apply (docs/bundle-format.md, "Import").

`apply` verifies, plans and decides again, then carries the decision out in ONE transaction: new
assessments are created, known ones merged indicator by indicator, foreign audit chains stored
(accepted); or a copy of the file is kept in `quarantine/` with a row giving the reasons, and
nothing else changes (quarantined); or the bundle is only remembered (rejected). Then a signed
receipt is written for the sender. On any error the store is exactly as before and the evidence
files this import wrote are removed.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app import logs
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.backups import BackupKind
from assessor_app.domain.errors import N_
from assessor_app.domain.exchange import BundleOutcome, QuarantineRecord, QuarantineStatus
from assessor_app.domain.officer_roles import Duty
from assessor_app.services import (
    appraisal_exchange,
    backups,
    demo,
    import_hold,
    keys,
    permissions,
    receipts,
    trust,
)
from assessor_app.services.exchange_store import exchange
from assessor_app.services.import_decide import (
    ACCEPTED,
    QUARANTINED,
    REJECTED,
    decide,
    id_reused,
    stored_reason,
)
from assessor_app.services.import_plan import ImportPlan, check_choices, plans
from assessor_app.services.import_verify import Checked, VerifyReport, check, unpack_folder
from assessor_app.services.merge import (
    ApplyContext,
    AssessmentPlan,
    Reason,
    apply_assessment,
)
from assessor_app.services.reference_data import store_catalogue
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import Repository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    outcome: BundleOutcome
    already: bool  # the same bundle was received before: nothing changed
    bundle_id: str  # "" when it could not be read
    plan: ImportPlan
    reasons: tuple[Reason, ...] = ()
    quarantine_id: int | None = None
    quarantine_path: Path | None = None  # the kept file of a bundle held before migration 0026
    receipt_path: Path | None = None
    receipt_note: Reason | None = None  # why no receipt was written
    assessment_ids: tuple[int, ...] = ()  # local ids created or changed
    quarantine_sha256: str | None = None  # the held bundle's content in the evidence store

    @property
    def report(self) -> VerifyReport:
        return self.plan.report

    @property
    def quarantine_kept(self) -> str | None:
        """The held bundle's kept copy as a person is shown it (import_hold.kept)."""
        if self.quarantine_sha256 is not None:
            return f"sha256:{self.quarantine_sha256}"
        return None if self.quarantine_path is None else str(self.quarantine_path)


@dataclass(frozen=True)
class ImportRequest:
    """One import: the file, the key for its receipt (or why there is none), and, for a bundle
    imported again from quarantine, its row and the person's choices for its conflicts."""

    path: Path
    key: Ed25519PrivateKey | None
    receipt_note: Reason | None
    receipt_dir: Path | None = None
    held_id: int | None = None
    choices: Mapping[str, str] | None = None
    reason: str = ""
    progress: Progress | None = None
    cancelled: Cancelled | None = None
    accept_demo: bool = False  # a bundle of demo data is imported (into a demo store) on purpose


@dataclass
class _Undo:
    """What an import wrote on disk, removed when its transaction is rolled back."""

    created_blobs: list[str] = field(default_factory=list)  # evidence, and a held bundle's bytes
    store_copy: Path | None = None  # the copy of the store made before merging

    def run(self, workspace: Workspace) -> None:
        for sha256 in self.created_blobs:
            workspace.evidence.undo_created(sha256)  # and the folders made for it, if now empty
        if self.store_copy is not None:  # of a store the rollback left as it was
            self.store_copy.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the folder made for it, if now empty
                self.store_copy.parent.rmdir()


@dataclass(frozen=True)
class _Done:
    """What the transaction did, for the receipt and the result."""

    plan: ImportPlan
    checked: Checked
    info: BundleInfo | None
    held_record: QuarantineRecord | None  # the quarantine row, when held (before or now)
    assessment_ids: tuple[int, ...]
    held: bool


def unlock_for_receipt(
    workspace: Workspace, passphrase: str | None
) -> tuple[Ed25519PrivateKey | None, Reason | None]:
    """The office's key for the receipt, or why there will be no receipt. A wrong passphrase
    fails here, before anything is done."""
    if keys.key_info(workspace) is None:
        return None, Reason(
            "RECEIPT_NO_KEY",
            N_(
                "No receipt was written: this installation has no signing key yet. Create one with `assessor-app keys init`, then send a receipt by importing the bundle again from quarantine or asking for a new bundle."
            ),
        )
    if passphrase is None:
        return None, Reason(
            "RECEIPT_NO_PASSPHRASE",
            N_("No receipt was written: the passphrase of the signing key was not given."),
        )
    return keys.unlock(workspace, passphrase), None


def receipt_lines(reasons: tuple[Reason, ...] | list[Reason]) -> list[str]:
    """Reasons as the receipt carries them: their stable codes, once each, in order."""
    return list(dict.fromkeys(r.code for r in reasons))


def _record_seen(
    keys: ExchangeRepository, opened: OpenedBundle, outcome: str, receipt: Path | None, now: str
) -> None:
    """Remember the bundle, unless its id belongs to another bundle seen before (whose record
    must not change)."""
    if not id_reused(keys, opened):
        trust.record_seen(keys, opened, outcome, receipt, now)


def _already(keys: ExchangeRepository, plan: ImportPlan, bundle_id: str) -> ImportResult:
    """The result for a bundle received before: nothing changes; the reasons are those it was
    held or rejected for then."""
    seen = keys.seen_bundle(bundle_id)
    held = keys.quarantine_for_bundle(bundle_id)
    reasons: tuple[Reason, ...] = ()
    if plan.outcome == QUARANTINED and held is not None:
        reasons = tuple(stored_reason(r) for r in held.reasons)
    elif plan.outcome == REJECTED and plan.report.code:
        report = plan.report
        reasons = (Reason(report.code, report.template, report.params),)
    elif plan.outcome == REJECTED:  # rejected by a person, from quarantine
        reasons = (
            Reason(
                "QUARANTINE_REJECTED",
                N_("Bundle {bundle} was rejected from quarantine: {reason}"),
                {
                    "bundle": bundle_id,
                    "reason": (held.resolution or {}).get("reason", "") if held is not None else "",
                },
            ),
        )
    return ImportResult(
        outcome=plan.outcome,
        already=True,
        bundle_id=bundle_id,
        plan=plan,
        reasons=reasons,
        quarantine_id=held.id if held is not None else None,
        quarantine_path=held.stored_path if held is not None else None,
        receipt_path=seen.receipt_path if seen is not None else None,
        quarantine_sha256=held.content_sha256 if held is not None else None,
    )


def _merge(
    workspace: Workspace,
    repo: Repository,
    checked: Checked,
    planned: tuple[AssessmentPlan, ...],
    request: ImportRequest,
    created_blobs: list[str],
) -> tuple[int, ...]:
    """Store the bundle's new catalogues and merge its assessments: the local ids changed."""
    opened, payload = checked.opened, checked.payload
    assert opened is not None
    assert payload is not None
    now = workspace.clock()
    for content_hash, document in payload.new_catalogues.items():
        if repo.catalogue_record_by_hash(content_hash) is None:
            store_catalogue(repo, document, "imported", now)  # checked: its hash is its name
    context = ApplyContext(
        workspace=workspace,
        repo=repo,
        own_device=keys.device_id_in(repo),
        bundle_id=opened.info.bundle_id,
        device_id=opened.info.device_id,
        sequence=opened.info.sequence,
        evidence_path=lambda sha256: opened.payload_path(f"evidence/{sha256}"),
        digests=opened.digests,
        created_blobs=created_blobs,
    )
    ids: list[int] = []
    for doc, plan in zip(payload.docs, planned, strict=True):
        if plan.action == "same":
            continue
        catalogue_row = repo.catalogue_record_by_hash(doc.catalogue_hash)
        assert catalogue_row is not None
        row = apply_assessment(context, doc, plan, catalogue_row, request.choices, request.reason)
        appraisal_exchange.after_apply(workspace, repo, doc, row)
        ids.append(row.id)
    workspace.evidence.sync_folders(created_blobs)  # the moved files, before the commit
    return tuple(ids)


def _hold(
    workspace: Workspace,
    keys: ExchangeRepository,
    request: ImportRequest,
    plan: ImportPlan,
    checked: Checked,
    held: QuarantineRecord | None,
    undo: _Undo,
    now: str,
) -> QuarantineRecord:
    """Keep the bundle in quarantine, its bytes in the evidence store (or, retried and still
    held, bring its reasons up to date): its row."""
    opened = checked.opened
    assert opened is not None
    details = import_hold.details(checked.report, plan.assessments)
    reasons = [r.to_json() for r in plan.reasons]
    if held is not None:
        keys.update_hold(held.id, reasons, details)
        return held
    kept = import_hold.keep_content(workspace, request.path)
    if kept.created:  # removed again if this transaction is rolled back
        undo.created_blobs.append(kept.sha256)
    quarantine_id = keys.hold(
        bundle_id=opened.info.bundle_id,
        content_sha256=kept.sha256,
        received_at=now,
        device_id=opened.info.device_id,
        sequence=opened.info.sequence,
        key_fingerprint=opened.key_fingerprint,
        reasons=reasons,
        details=details,
    )
    record = keys.quarantine_item(quarantine_id)
    assert record is not None
    return record


def _receipt_target(
    workspace: Workspace, request: ImportRequest, info: BundleInfo | None
) -> Path | None:
    """Where `write_receipt` will put the receipt (a valid id is a UUID), if one is written."""
    if request.key is None or info is None:
        return None
    folder = request.receipt_dir or receipts.receipts_dir(workspace)
    return folder / receipts.receipt_file_name(info.bundle_id, str(uuid.uuid4()))


def _carry_out(
    workspace: Workspace,
    repo: Repository,
    request: ImportRequest,
    folder: Path,
    undo: _Undo,
) -> ImportResult | _Done:
    """Check, plan, decide and record it all, inside the import's transaction."""
    keys = exchange(workspace, repo)
    held = keys.quarantine_item(request.held_id) if request.held_id is not None else None
    checked = check(workspace, repo, request.path, folder, request.progress, request.cancelled)
    if checked.payload is not None:  # authentic and readable: its demo mark is the sender's
        # Refused before anything is recorded (not even as seen): the store stays as it was.
        demo.check_import(repo, checked.payload.holds_demo(), request.accept_demo)
    planned = plans(repo, checked)
    decision = decide(keys, checked, planned, held is not None, request.choices)
    if request.choices is not None and decision.outcome == ACCEPTED:
        check_choices(planned, request.choices)
    outcome = decision.outcome
    plan = ImportPlan(checked.report, outcome, decision.already, tuple(decision.reasons), planned)
    info = checked.opened.info if checked.opened else checked.error_info
    if decision.already:
        return _already(keys, plan, info.bundle_id if info else "")
    now = workspace.clock()
    target = _receipt_target(workspace, request, info)
    held_record = held
    ids: tuple[int, ...] = ()
    opened = checked.opened
    if outcome == REJECTED:
        if opened is not None:  # authentic, but its content is unusable
            _record_seen(keys, opened, REJECTED, target, now)
        if held is not None:
            resolution = {"reason": checked.report.code}
            keys.close_hold(held.id, QuarantineStatus.REJECTED, now, workspace.actor, resolution)
    elif outcome == QUARANTINED:
        assert opened is not None
        held_record = _hold(workspace, keys, request, plan, checked, held, undo, now)
        _record_seen(keys, opened, QUARANTINED, target, now)
    else:
        assert opened is not None
        # A copy of the store as it was (this transaction's changes are not committed, and the
        # copy reads the committed state), so a merge can always be undone.
        # A server store has no file to copy: its way back is the office's pg_dump (issue 16).
        if not workspace.database.is_postgres:
            undo.store_copy = backups.backup(workspace, BackupKind.IMPORT).path
        ids = _merge(workspace, repo, checked, planned, request, undo.created_blobs)
        _record_seen(keys, opened, ACCEPTED, target, now)
        if held is not None:
            settled: dict[str, Any] = (
                {"retried": True}
                if request.choices is None
                else {"choices": dict(request.choices), "reason": request.reason}
            )
            keys.close_hold(held.id, QuarantineStatus.RESOLVED, now, workspace.actor, settled)
    return _Done(plan, checked, info, held_record, ids, held is not None)


def _send_receipt(
    workspace: Workspace, request: ImportRequest, done: _Done
) -> tuple[Path | None, Reason | None]:
    """Write the signed receipt (after the commit: its failure does not undo the import)."""
    if request.key is None:
        return None, request.receipt_note
    checked = done.checked
    try:
        path = receipts.write_receipt(
            workspace,
            request.key,
            checked.opened if checked.opened is not None else done.info,
            done.plan.outcome,
            receipt_lines(done.plan.reasons),
            request.receipt_dir,
        )
    except OSError as error:
        bundle_id = done.info.bundle_id if done.info else ""
        log.warning("receipt for bundle %s not written: %s", bundle_id, error)
        return None, Reason(
            "RECEIPT_WRITE_FAILED",
            N_("The receipt could not be written: {reason}"),
            {"reason": error.strerror or str(error)},
        )
    return path, None


def _log_import(
    plan: ImportPlan | ImportResult, request: ImportRequest, bundle_id: str = ""
) -> None:
    """The application log's line for an import: outcome, bundle, communes, years and reasons
    (codes only: logs.event)."""
    if isinstance(plan, ImportResult):
        bundle_id, plan = plan.bundle_id, plan.plan
    logs.event(
        "import",
        "already" if plan.already else plan.outcome,
        bundle=bundle_id,
        communes=",".join(sorted({a.commune_code for a in plan.assessments})),
        years=",".join(sorted({str(a.year) for a in plan.assessments})),
        reasons=",".join(receipt_lines(plan.reasons)),
        held=request.held_id,
    )


def run(workspace: Workspace, request: ImportRequest) -> ImportResult:
    """Carry out one import (see the module's docstring)."""
    undos: list[_Undo] = []

    # A run the server refused (another officer's transaction got in the way) is run again from
    # scratch: what the refused run wrote on disk (evidence files, a quarantine copy) is removed
    # first, and the bundle is unpacked again into a folder of its own, so the next run sees the
    # disk as it was. The receipt and the log line come after the commit.
    def _work(session: WriteSession) -> ImportResult | _Done:
        for refused in undos:
            refused.run(workspace)
        undos.clear()
        undo = _Undo()
        undos.append(undo)
        with unpack_folder(workspace) as folder:
            permissions.require(workspace, Repository(session), Duty.IMPORT)
            return _carry_out(workspace, Repository(session), request, folder, undo)

    try:
        done = workspace.database.run_in_transaction(_work)
        # Committed; nothing below may fail the import.
    except BaseException as error:
        for undo in undos:
            undo.run(workspace)  # rolled back: leave the disk as it was
        logs.event("import", "failed", error=getattr(error, "code", type(error).__name__))
        raise
    if isinstance(done, ImportResult):
        _log_import(done, request)
        return done
    receipt_path, note = _send_receipt(workspace, request, done)
    outcome = done.plan.outcome
    record = done.held_record if outcome != ACCEPTED or done.held else None
    _log_import(done.plan, request, done.info.bundle_id if done.info else "")
    return ImportResult(
        outcome=outcome,
        already=False,
        bundle_id=done.info.bundle_id if done.info else "",
        plan=done.plan,
        reasons=done.plan.reasons,
        quarantine_id=done.held_record.id if done.held_record is not None else None,
        quarantine_path=record.stored_path if record is not None else None,
        receipt_path=receipt_path,
        receipt_note=note,
        assessment_ids=done.assessment_ids,
        quarantine_sha256=record.content_sha256 if record is not None else None,
    )


def apply(
    workspace: Workspace,
    path: str | Path,
    passphrase: str | None = None,
    receipt_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    accept_demo: bool = False,
) -> ImportResult:
    """Import a bundle: merge it (accepted), hold it in quarantine, or reject it; then write the
    signed receipt (with this installation's key, unlocked by `passphrase`; without a key the
    import still happens and `receipt_note` says why there is no receipt). `progress(done, total)`
    and `cancelled()` are handed to the unpacking (OperationCancelled: nothing was changed).
    A bundle of demo data is refused (an error; nothing changes) unless `accept_demo`, and then
    into a demo store only (services/demo.py `check_import`)."""
    key, note = unlock_for_receipt(workspace, passphrase)
    request = ImportRequest(
        Path(path),
        key,
        note,
        receipt_dir,
        progress=progress,
        cancelled=cancelled,
        accept_demo=accept_demo,
    )
    return run(workspace, request)


def run_held(
    workspace: Workspace,
    held_id: int,
    stored_path: Path,
    passphrase: str | None,
    choices: Mapping[str, str] | None = None,
    reason: str = "",
    receipt_dir: Path | None = None,
) -> ImportResult:
    """Import a quarantined bundle again from its stored copy (retry, or resolve with choices)."""
    key, note = unlock_for_receipt(workspace, passphrase)
    # A bundle of demo data is held only in a demo store, where it was accepted on purpose.
    request = ImportRequest(
        stored_path,
        key,
        note,
        receipt_dir,
        held_id,
        choices,
        reason,
        accept_demo=demo.is_demo(workspace),
    )
    return run(workspace, request)
