"""Bundles held in quarantine: listed, inspected, resolved, retried or rejected by a person.

A held bundle is kept whole (its bytes in the store's evidence store, named by their SHA-256, so
any officer of a server store can decide about it; never deleted by the app) with the reasons it was held and the details needed to decide (the conflicts: indicator,
local value, incoming value, who and when on each side). `resolve` settles conflicts (and a
finalised assessment the bundle changes, or a replayed sequence number) with a choice per indicator
and a reason, audited per indicator; `retry` imports the file again as it is (after enrolling the
signer's key, updating the app...); `reject` closes it for good, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app import i18n, logs
from assessor_app.domain.assessment import require_reason
from assessor_app.domain.errors import N_, NotFoundError, StateError
from assessor_app.domain.exchange import BundleOutcome, QuarantineRecord, QuarantineStatus
from assessor_app.domain.officer_roles import Duty
from assessor_app.services import bundle_import, import_hold, permissions, receipts
from assessor_app.services.bundle_import import ImportResult
from assessor_app.services.exchange_store import exchange
from assessor_app.services.import_decide import stored_reason
from assessor_app.services.merge import IndicatorMerge, Reason, Side
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import labels

HELD, RESOLVED, REJECTED = QuarantineStatus


@dataclass(frozen=True)
class QuarantineItem:
    id: int
    bundle_id: str
    path: Path | None  # the kept file of a bundle held before migration 0026, else None
    received_at: str
    device_id: str
    sequence: int
    key_fingerprint: str
    status: QuarantineStatus
    reasons: tuple[Reason, ...]
    resolved_at: str | None
    resolved_by: str | None
    resolution: dict[str, Any] | None
    sha256: str | None = None  # the kept content in the evidence store

    @property
    def kept(self) -> str:
        """The kept copy as a person is shown it: `sha256:<hash>`, or the old file's path."""
        return f"sha256:{self.sha256}" if self.sha256 is not None else str(self.path)


@dataclass(frozen=True)
class QuarantineDetail:
    item: QuarantineItem
    bundle: dict[str, Any]  # what bag-info.txt says (bundle id, device, sequence, signer...)
    signer: dict[str, Any]  # fingerprint, owner and agency (when enrolled here)
    conflicts: tuple[IndicatorMerge, ...]
    assessments: tuple[dict[str, Any], ...]  # the merge plan of each assessment (JSON form)

    @property
    def resolvable(self) -> bool:
        """Only conflicts, a locked assessment or a replay hold it: `resolve` can settle it."""
        return self.item.status == HELD and all(
            r.code in bundle_import.RESOLVABLE for r in self.item.reasons
        )


def _item(row: QuarantineRecord) -> QuarantineItem:
    return QuarantineItem(
        id=row.id,
        bundle_id=row.bundle_id,
        path=row.stored_path,
        received_at=row.received_at,
        device_id=row.device_id,
        sequence=row.sequence,
        key_fingerprint=row.key_fingerprint,
        status=row.status,
        reasons=tuple(stored_reason(r) for r in row.reasons),
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolution=row.resolution,
        sha256=row.content_sha256,
    )


def _side(data: Any) -> Side | None:
    if not isinstance(data, dict):
        return None
    return Side(
        str(data.get("vid", "")),
        data.get("value"),
        str(data.get("author", "")),
        str(data.get("at", "")),
    )


def _conflict(data: dict[str, Any]) -> IndicatorMerge:
    return IndicatorMerge(
        assessment_uid=str(data.get("assessment", "")),
        indicator=str(data.get("indicator", "")),
        kind=str(data.get("kind", "conflict")),
        local=_side(data.get("local")),
        incoming=_side(data.get("incoming")),
        locked=bool(data.get("locked", False)),
    )


def _row(store: ExchangeRepository, quarantine_id: int) -> QuarantineRecord:
    row = store.quarantine_item(quarantine_id)
    if row is None:
        raise NotFoundError(
            "QUARANTINE_NOT_FOUND",
            N_("There is no bundle {id} in quarantine."),
            id=quarantine_id,
        )
    return row


def _closed(quarantine_id: int, status: QuarantineStatus) -> StateError:
    """A closed bundle cannot be settled again; its status is said in words (the code stays in
    the parameters, for the JSON output)."""
    return StateError(
        "QUARANTINE_CLOSED",
        N_("Bundle {id} in quarantine is closed already: {state}."),
        id=quarantine_id,
        status=status,
        state=labels.quarantine_status(status, i18n.language()),
    )


def _require_held(row: QuarantineRecord) -> None:
    if row.status != HELD:
        raise _closed(row.id, row.status)


def list_quarantine(workspace: Workspace, include_closed: bool = True) -> list[QuarantineItem]:
    """Every bundle ever held, newest first (or only those still held)."""
    with workspace.database.reading() as session:
        rows = exchange(workspace, Repository(session)).quarantine_items()
        return [_item(r) for r in rows if include_closed or r.status == HELD]


def _record(workspace: Workspace, quarantine_id: int) -> QuarantineRecord:
    with workspace.database.reading() as session:
        return _row(exchange(workspace, Repository(session)), quarantine_id)


def show(workspace: Workspace, quarantine_id: int) -> QuarantineDetail:
    with workspace.database.reading() as session:
        row = _row(exchange(workspace, Repository(session)), quarantine_id)
        details = row.details
        return QuarantineDetail(
            item=_item(row),
            bundle=dict(details.get("bundle") or {}),
            signer=dict(details.get("signer") or {}),
            conflicts=tuple(_conflict(c) for c in details.get("conflicts") or []),
            assessments=tuple(details.get("assessments") or []),
        )


def retry(
    workspace: Workspace,
    quarantine_id: int,
    passphrase: str | None = None,
    receipt_dir: Path | None = None,
) -> ImportResult:
    """Import the kept bundle again, as it is (read back from the evidence store, its hash
    checked): accepted now (the row is closed as resolved), or still held (its reasons are
    brought up to date). Deciding what happens to a held bundle is the importers' work on a
    shared store (services/permissions.py), as importing it is."""
    permissions.check(workspace, Duty.IMPORT)
    record = _record(workspace, quarantine_id)
    _require_held(record)
    with import_hold.held_file(workspace, record) as path:
        return bundle_import.run_held(
            workspace, quarantine_id, path, passphrase, receipt_dir=receipt_dir
        )


def resolve(
    workspace: Workspace,
    quarantine_id: int,
    choices: dict[str, str],
    reason: str,
    passphrase: str | None = None,
    receipt_dir: Path | None = None,
) -> ImportResult:
    """Settle a held bundle's conflicts: `choices` maps each conflicting indicator (`TC2.1`, or
    `ASSESSMENT:TC2.1` when several assessments conflict on it) to "local" or "incoming". The
    reason is required and recorded with each choice in the assessment's audit chain. The trust
    store is asked again; the rest of the merge is applied in the same transaction."""
    reason = require_reason(reason)
    permissions.check(workspace, Duty.IMPORT)
    detail = show(workspace, quarantine_id)
    if detail.item.status != HELD:
        raise _closed(quarantine_id, detail.item.status)
    blocking = [r for r in detail.item.reasons if r.code not in bundle_import.RESOLVABLE]
    if blocking:
        raise StateError(
            "QUARANTINE_NOT_RESOLVABLE",
            N_(
                "Bundle {id} is held for a reason choices cannot settle ({codes}); retry it once the cause is removed, or reject it."
            ),
            id=quarantine_id,
            codes=", ".join(r.code for r in blocking),
        )
    with import_hold.held_file(workspace, _record(workspace, quarantine_id)) as path:
        plan = bundle_import.preview(workspace, path)
        normalised = bundle_import.normalise_choices(plan.assessments, choices)
        return bundle_import.run_held(
            workspace,
            quarantine_id,
            path,
            passphrase,
            choices=normalised,
            reason=reason,
            receipt_dir=receipt_dir,
        )


@dataclass(frozen=True)
class RejectResult:
    item: QuarantineItem
    receipt_path: Path | None
    receipt_note: Reason | None


def reject(
    workspace: Workspace,
    quarantine_id: int,
    reason: str,
    passphrase: str | None = None,
    receipt_dir: Path | None = None,
) -> RejectResult:
    """Close a held bundle without importing it (the file stays); audited on the store chain, and
    a receipt saying "rejected" is written for the sender."""
    reason = require_reason(reason)
    permissions.check(workspace, Duty.IMPORT)  # before the passphrase is asked
    key, note = bundle_import.unlock_for_receipt(workspace, passphrase)

    def _work(session: WriteSession) -> tuple[QuarantineItem, Any, str | None]:
        repo = Repository(session)
        permissions.require(workspace, repo, Duty.IMPORT)
        store = exchange(workspace, repo)
        row = _row(store, quarantine_id)
        _require_held(row)
        now = workspace.clock()
        store.close_hold(
            row.id, REJECTED, now, workspace.actor, {"rejected": True, "reason": reason}
        )
        seen = store.seen_bundle(row.bundle_id)
        manifest_hash = None
        if seen is not None:
            store.set_seen_outcome(row.bundle_id, BundleOutcome.REJECTED)
            manifest_hash = seen.manifest_hash  # held bundles authenticated: name the copy
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "reject_bundle",
            f"bundle:{row.bundle_id}",
            HELD,
            REJECTED,
            reason,
        )
        return _item(_row(store, quarantine_id)), row.details.get("bundle") or {}, manifest_hash

    # The receipt is written after the commit (a run the server refused writes no file).
    item, info, manifest_hash = workspace.database.run_in_transaction(_work)
    logs.event("quarantine", "rejected", bundle=item.bundle_id, held=quarantine_id)
    receipt_path = None
    bundle_info = bundle_import.info_from_json(info)
    if key is not None and bundle_info is not None:
        try:
            receipt_path = receipts.write_receipt(
                workspace,
                key,
                bundle_info,
                REJECTED,
                ["QUARANTINE_REJECTED"],
                receipt_dir,
                manifest_hash=manifest_hash,
            )
        except OSError as error:
            note = Reason(
                "RECEIPT_WRITE_FAILED",
                N_("The receipt could not be written: {reason}"),
                {"reason": error.strerror or str(error)},
            )
        if receipt_path is not None:

            def _note_receipt(session: WriteSession) -> None:
                exchange(workspace, Repository(session)).set_seen_receipt(
                    item.bundle_id, receipt_path
                )

            workspace.database.run_in_transaction(_note_receipt)
    return RejectResult(item, receipt_path, None if receipt_path else note)
