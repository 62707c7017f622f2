"""Signed receipts (docs/bundle-format.md, "Receipts").

Office side: the importer calls `write_receipt` for every bundle it accepted, quarantined or
rejected; the receipt is saved under `receipts/<bundle-id>.receipt.json` in the data home (or the
folder given) and handed back to the team on a stick.

Team side: `import_receipt` checks the receipt's signature, that its signer is an enrolled key (the
team enrols the office's key card like the office enrols the team's), and that it names a bundle
sent from here; then marks that bundle acknowledged. Importing the same receipt again changes
nothing; a receipt older than the one already imported is ignored.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles import receipts as bundle_receipts
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.services import keys
from assessor_app.services.trust import OUTCOMES
from assessor_app.services.workspace import Workspace
from assessor_app.storage.files import write_atomic
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps

MAX_RECEIPT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ReceiptResult:
    receipt_id: str
    bundle_id: str
    sequence: int
    outcome: str  # accepted | quarantined | rejected
    reasons: list[str]  # error codes
    created: str
    signer: str
    signer_fingerprint: str
    assessments: list[str]  # uids of the bundle
    changed: bool  # False: this receipt (or a newer one) had been imported already


def receipts_dir(workspace: Workspace) -> Path:
    return workspace.home.root / "receipts"


def receipt_file_name(bundle_id: str, receipt_id: str) -> str:
    """`<bundle-id>.receipt.json`; for a bundle whose id is not a UUID (a damaged or hostile one,
    never a path) `receipt-<receipt-id>.receipt.json`."""
    try:
        return f"{uuid.UUID(bundle_id)}.receipt.json"
    except (ValueError, TypeError, AttributeError):
        return f"receipt-{uuid.UUID(receipt_id)}.receipt.json"


def write_receipt(
    workspace: Workspace,
    key: Ed25519PrivateKey,
    opened_or_info: OpenedBundle | BundleInfo | None,
    outcome: str,
    reasons: Sequence[str],
    out_dir: Path | None = None,
) -> Path:
    """Sign a receipt for a bundle and save it (`<out_dir>/<bundle-id>.receipt.json`, by default
    in the data home's `receipts/`). Called by the importer with this installation's key; pass
    None for a bundle too damaged to read its bag-info (the receipt then names no bundle)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    info = opened_or_info.info if isinstance(opened_or_info, OpenedBundle) else opened_or_info
    # A bundle too damaged to say who sent it: the receipt names nothing (ids empty, number 0).
    bundle_id, device, sequence = (
        (info.bundle_id, info.device_id, info.sequence) if info else ("", "", 0)
    )
    signer = keys.require_key_info(workspace)
    document = bundle_receipts.make_receipt(
        key,
        signer.owner,
        bundle_id,
        device,
        sequence,
        outcome,
        list(reasons),
        workspace.clock(),
    )
    folder = out_dir if out_dir is not None else receipts_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / receipt_file_name(bundle_id, str(document["receipt_id"]))
    write_atomic(
        path,
        json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8") + b"\n",
    )
    return path


def import_receipt(workspace: Workspace, path: Path) -> ReceiptResult:
    """Verify an office's receipt and mark the bundle it names as acknowledged."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_RECEIPT_BYTES + 1)
    except OSError as error:
        raise InputError(
            "RECEIPT_UNREADABLE",
            N_("The receipt {path} cannot be read: {reason}"),
            path=str(path),
            reason=error.strerror or str(error),
        ) from None
    if len(data) > MAX_RECEIPT_BYTES:
        raise InputError(
            "RECEIPT_INVALID", N_("{path} is not a receipt (too large)."), path=str(path)
        )
    receipt = bundle_receipts.read_receipt(data)  # RECEIPT_INVALID: malformed or forged
    fingerprint = receipt.fingerprint
    with workspace.database.transaction() as session:
        repo = Repository(session)
        signer = repo.trusted_key(fingerprint)
        if signer is None or signer.revoked_above_seq is not None:
            raise InputError(
                "RECEIPT_UNTRUSTED",
                N_(
                    "The receipt is signed by key {fingerprint} ({signer}), which is not an enrolled key here; enrol the office's key card first."
                ),
                fingerprint=bundle_keys.format_fingerprint(fingerprint),
                signer=receipt.signer,
            )
        sent = repo.sent_bundle(receipt.bundle_id)
        our_device = keys.device_id_in(repo)
        if sent is None or receipt.device_id != our_device or receipt.sequence != sent.sequence:
            raise NotFoundError(
                "RECEIPT_UNKNOWN_BUNDLE",
                N_(
                    "The receipt is for bundle {bundle}, which was not sent from this installation."
                ),
                bundle=receipt.bundle_id,
            )
        reasons = list(receipt.reasons)
        uids: list[str] = list(json.loads(sent.assessment_uids))
        stale = sent.acknowledged_at is not None and (
            receipt.created < sent.acknowledged_at
            or (
                receipt.created == sent.acknowledged_at
                and receipt.outcome == sent.receipt_outcome
                and dumps(reasons) == (sent.receipt_reasons or "[]")
            )
        )
        result = ReceiptResult(
            receipt_id=receipt.receipt_id,
            bundle_id=receipt.bundle_id,
            sequence=receipt.sequence,
            outcome=receipt.outcome,
            reasons=reasons,
            created=receipt.created,
            signer=receipt.signer,
            signer_fingerprint=fingerprint,
            assessments=uids,
            changed=not stale,
        )
        if stale:
            return result
        old = (
            None
            if sent.acknowledged_at is None
            else {"outcome": sent.receipt_outcome, "at": sent.acknowledged_at}
        )
        # The office's time of the receipt: it orders the receipts of one bundle.
        sent.acknowledged_at = receipt.created
        sent.receipt_outcome = receipt.outcome
        sent.receipt_reasons = dumps(reasons)
        now = workspace.clock()
        new = {
            "bundle": receipt.bundle_id,
            "outcome": receipt.outcome,
            "receipt": receipt.receipt_id,
            "signer": fingerprint,
        }
        chains = [row for row in (repo.assessment_by_uid(uid) for uid in uids) if row]
        for row in chains:
            repo.append_audit(
                row.uid,
                now,
                workspace.actor,
                "receipt",
                f"bundle:{receipt.bundle_id}",
                old,
                new,
                assessment=row,
            )
        if not chains:
            repo.append_audit(
                STORE_CHAIN,
                now,
                workspace.actor,
                "receipt",
                f"bundle:{receipt.bundle_id}",
                old,
                new,
            )
        return result
