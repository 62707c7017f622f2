"""Signed receipts (docs/bundle-format.md, "Receipts").

Office side: the importer calls `write_receipt` for every bundle it accepted, quarantined or
rejected; the receipt is saved under `receipts/<bundle-id>.receipt.json` in the data home (or the
folder given) and handed back to the team on a stick.

Team side: `import_receipt` checks the receipt's signature; that its signer is a key enrolled here
with the office role (the team enrols the office's key card like the office enrols the team's) —
never this installation's own key, so a team cannot acknowledge its own bundles; that it names a
bundle sent from here, and the very bytes sent (a receipt about a damaged or altered copy changes
nothing); that it is dated neither in the future nor before the bundle (beyond the clock tolerance
below). Then it marks that bundle acknowledged. Importing the same receipt again changes nothing;
a receipt older than the one already imported is ignored — and since no receipt dated in the future
is taken, none can hide the genuine receipts that come after it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys as bundle_keys, receipts as bundle_receipts
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle
from assessor_app.core.files import PRIVATE_FILE, write_atomic
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.exchange import (
    OFFICE_ROLES,
    OUTCOMES,
    BundleOutcome,
    KeyVia,
    SentStatus,
)
from assessor_app.services import keys
from assessor_app.services.exchange_store import exchange
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps

MAX_RECEIPT_BYTES = 1024 * 1024
# Two offline computers' clocks disagree; a receipt may be dated this much "in the future" or
# "before the bundle" and still be taken.
CLOCK_TOLERANCE = timedelta(hours=1)


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
    # The office received another copy than the one sent (damaged or altered on the way): the
    # receipt is shown but acknowledges nothing; send the bundle again.
    other_copy: bool = False


def receipts_dir(workspace: Workspace) -> Path:
    return workspace.home.root / "receipts"


def receipt_file_name(bundle_id: str, receipt_id: str, authentic: bool = True) -> str:
    """`<bundle-id>.receipt.json` for a bundle that authenticated (a later receipt of the same
    bundle replaces it); `<bundle-id>.unverified-<receipt-id>.receipt.json` for a file that did
    not (its claimed id may be a genuine bundle's, whose receipt must not be replaced); for an id
    that is not a UUID (a damaged or hostile one, never a path) `receipt-<receipt-id>...`."""
    receipt = uuid.UUID(receipt_id)
    try:
        bundle = uuid.UUID(bundle_id)
    except (ValueError, TypeError, AttributeError):
        return f"receipt-{receipt}.receipt.json"
    return f"{bundle}.receipt.json" if authentic else f"{bundle}.unverified-{receipt}.receipt.json"


def write_receipt(
    workspace: Workspace,
    key: Ed25519PrivateKey,
    opened_or_info: OpenedBundle | BundleInfo | None,
    outcome: str,
    reasons: Sequence[str],
    out_dir: Path | None = None,
    manifest_hash: str | None = None,
) -> Path:
    """Sign a receipt for a bundle and save it (`<out_dir>/<bundle-id>.receipt.json`, by default
    in the data home's `receipts/`). Called by the importer with this installation's key; pass
    None for a bundle too damaged to read its bag-info (the receipt then names no bundle).

    The receipt names the bundle's manifest hash: the opened bundle's, or `manifest_hash` for a
    bundle known to be authentic (rejected from quarantine). With neither, the file did not
    authenticate: its receipt gets a name of its own (`receipt_file_name`)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    if isinstance(opened_or_info, OpenedBundle):
        info: BundleInfo | None = opened_or_info.info
        manifest_hash = opened_or_info.manifest_hash
    else:
        info = opened_or_info
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
        manifest_hash or "",
    )
    folder = out_dir if out_dir is not None else receipts_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / receipt_file_name(
        bundle_id, str(document["receipt_id"]), authentic=bool(manifest_hash)
    )
    write_atomic(
        path,
        json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8") + b"\n",
        # kept in the data home: private; written to a folder the user chose: a document
        mode=PRIVATE_FILE if out_dir is None else None,
    )
    return path


def _require_office_signer(
    repo: Repository, trust_store: ExchangeRepository, receipt: bundle_receipts.Receipt
) -> None:
    """Only a reviewing office's enrolled, unrevoked key signs receipts that count: never this
    installation's own key (a team acknowledging its own bundles would lift the deletion guard)."""
    fingerprint = receipt.fingerprint
    signer = trust_store.trusted_key(fingerprint)
    shown = {"fingerprint": bundle_keys.format_fingerprint(fingerprint), "signer": receipt.signer}
    if signer is not None and (
        signer.via == KeyVia.OWN or fingerprint == repo.meta(keys.META_FINGERPRINT)
    ):
        raise InputError(
            "RECEIPT_OWN_KEY",
            N_(
                "The receipt is signed with this installation's own key ({fingerprint}): only the reviewing office can acknowledge a bundle. Import the receipt the office wrote."
            ),
            **shown,
        )
    if signer is None or signer.revoked_above_seq is not None:
        raise InputError(
            "RECEIPT_UNTRUSTED",
            N_(
                "The receipt is signed by key {fingerprint} ({signer}), which is not an enrolled key here; enrol the office's key card first."
            ),
            **shown,
        )
    if signer.role not in OFFICE_ROLES:  # the province's key is an office's too
        raise InputError(
            "RECEIPT_NOT_OFFICE",
            N_(
                "The receipt is signed by key {fingerprint} ({signer}), which is enrolled here as a team's key, not a reviewing office's; only an office's receipt acknowledges a bundle. If it is the office's key, enrol its card again choosing the office role."
            ),
            **shown,
        )


def _receipt_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InputError(
            "RECEIPT_INVALID",
            N_(
                "The receipt's date ({created}) is not a date and time; ask the office for a new receipt."
            ),
            created=text[:40],
        )
    return moment


def _require_plausible_date(workspace: Workspace, created: datetime, sent_at: str) -> None:
    now = _receipt_time(workspace.clock())
    if created > now + CLOCK_TOLERANCE:
        raise InputError(
            "RECEIPT_FROM_FUTURE",
            N_(
                "The receipt is dated {created}, later than now ({now}): the office's computer clock, or this one's, is wrong. Nothing was changed; have the clock corrected and the receipt written again."
            ),
            created=created.isoformat(),
            now=now.isoformat(),
        )
    if created < _receipt_time(sent_at) - CLOCK_TOLERANCE:
        raise InputError(
            "RECEIPT_BEFORE_BUNDLE",
            N_(
                "The receipt is dated {created}, before the bundle was made ({sent}): it cannot be the office's answer to it. Nothing was changed; check both computers' clocks and ask the office for a new receipt."
            ),
            created=created.isoformat(),
            sent=sent_at,
        )


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
    created = _receipt_time(receipt.created)

    def _work(session: WriteSession) -> ReceiptResult:
        repo = Repository(session)
        store = exchange(workspace, repo)
        _require_office_signer(repo, store, receipt)
        sent = store.sent_bundle(receipt.bundle_id)
        our_device = keys.device_id_in(repo)
        if (
            sent is None
            or sent.status == SentStatus.RESERVED
            or receipt.device_id != our_device
            or receipt.sequence != sent.sequence
        ):
            raise NotFoundError(
                "RECEIPT_UNKNOWN_BUNDLE",
                N_(
                    "The receipt is for bundle {bundle}, which was not sent from this installation."
                ),
                bundle=receipt.bundle_id,
            )
        _require_plausible_date(workspace, created, sent.created_at)
        reasons = list(receipt.reasons)
        uids: list[str] = list(sent.assessment_uids)
        sent_hash = sent.manifest_hash
        if sent.status == SentStatus.BURNT and receipt.manifest_hash:
            # The export crashed before recording the file, and the file reached the office
            # after all: the receipt tells which bundle it was.
            store.set_sent_status(sent.bundle_id, SentStatus.SENT, receipt.manifest_hash)
            sent_hash = receipt.manifest_hash
        if receipt.manifest_hash is not None and receipt.manifest_hash != sent_hash:
            return ReceiptResult(
                receipt_id=receipt.receipt_id,
                bundle_id=receipt.bundle_id,
                sequence=receipt.sequence,
                outcome=receipt.outcome,
                reasons=reasons,
                created=receipt.created,
                signer=receipt.signer,
                signer_fingerprint=fingerprint,
                assessments=uids,
                changed=False,
                other_copy=True,
            )
        stale = sent.acknowledged_at is not None and (
            receipt.created < sent.acknowledged_at
            or (
                receipt.created == sent.acknowledged_at
                and receipt.outcome == sent.receipt_outcome
                and dumps(reasons) == dumps(list(sent.receipt_reasons or ()))
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
        store.acknowledge(sent.bundle_id, receipt.created, BundleOutcome(receipt.outcome), reasons)
        now = workspace.clock()
        new = {
            "bundle": receipt.bundle_id,
            "outcome": receipt.outcome,
            "receipt": receipt.receipt_id,
            "signer": fingerprint,
        }
        chains = [row for row in (repo.assessment_record_by_uid(uid) for uid in uids) if row]
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

    return workspace.database.run_in_transaction(_work)
