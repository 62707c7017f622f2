"""The exchange tables — `trusted_keys`, `seen_bundles`, `sent_bundles`, `quarantine` — as frozen
records (domain/exchange.py): ORM rows never leave this module.

Paths of files in the data home (a held bundle's kept copy, a receipt written for a received
bundle) are stored relative to it, so that moving the whole data folder breaks nothing; they are
resolved against the data home on read. A path outside it (a receipt written to a folder the user
chose) and the absolute paths of rows written before stay absolute.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assessor_app.core.canonical import canonical_text
from assessor_app.domain.exchange import (
    BundleOutcome,
    KeyRole,
    KeyVia,
    QuarantineRecord,
    QuarantineStatus,
    RevocationSnapshot,
    SeenBundleRecord,
    SentBundleRecord,
    SentStatus,
    TrustedKeyRecord,
)
from assessor_app.paths import from_stored_form, stored_form
from assessor_app.storage.repositories.base import LARGEST_ID
from assessor_app.storage.schema import QuarantineRow, SeenBundleRow, SentBundleRow, TrustedKeyRow


def _loads(text: str | None) -> Any:
    return None if not text else json.loads(text)


class ExchangeRepository:
    """Reads and writes the exchange tables inside the caller's session (its transaction).
    `home` is the data home that paths are stored relative to; without it (only keys and sent
    bundles are read) stored paths are given back as they are."""

    def __init__(self, session: Session, home: Path | None = None) -> None:
        self._session = session
        self._home = home

    # --- paths in the data home

    def _stored(self, path: Path) -> str:
        """`path` as it is stored: relative to the data home when inside it, else absolute."""
        if self._home is None:
            return str(path)
        stored = stored_form(path, self._home)
        if Path(stored).is_absolute():  # inside the home only through a link: compare real paths
            stored = stored_form(path.resolve(), self._home.resolve())
        return stored

    def resolve(self, stored: str) -> Path:
        """A stored path as a path to open: relative ones against the data home."""
        return Path(stored) if self._home is None else Path(from_stored_form(stored, self._home))

    # --- trusted keys

    def _key(self, row: TrustedKeyRow) -> TrustedKeyRecord:
        snapshot = _loads(row.revoked_snapshot)
        return TrustedKeyRecord(
            fingerprint=row.fingerprint,
            public_key=row.public_key,
            owner=row.owner,
            agency=row.agency,
            enrolled_at=row.enrolled_at,
            enrolled_by=row.enrolled_by,
            via=KeyVia(row.via),
            role=KeyRole(row.role),
            device_id=row.device_id,
            replaced_by=row.replaced_by,
            revoked_above_seq=row.revoked_above_seq,
            revoked_at=row.revoked_at,
            revoked_reason=row.revoked_reason,
            revoked_snapshot=None
            if snapshot is None
            else RevocationSnapshot(
                tuple(snapshot.get("devices", ())), tuple(snapshot.get("bundles", ()))
            ),
        )

    def _key_row(self, fingerprint: str) -> TrustedKeyRow:
        row = self._session.get(TrustedKeyRow, fingerprint)
        if row is None:
            raise LookupError(f"no trusted key {fingerprint}")
        return row

    def trusted_key(self, fingerprint: str) -> TrustedKeyRecord | None:
        row = self._session.get(TrustedKeyRow, fingerprint)
        return None if row is None else self._key(row)

    def trusted_keys(self) -> list[TrustedKeyRecord]:
        """Every key, in the order they were enrolled."""
        rows = self._session.scalars(
            select(TrustedKeyRow).order_by(TrustedKeyRow.enrolled_at, TrustedKeyRow.fingerprint)
        ).all()
        return [self._key(row) for row in rows]

    def add_trusted_key(self, key: TrustedKeyRecord) -> None:
        snapshot = key.revoked_snapshot
        self._session.add(
            TrustedKeyRow(
                fingerprint=key.fingerprint,
                public_key=key.public_key,
                owner=key.owner,
                agency=key.agency,
                enrolled_at=key.enrolled_at,
                enrolled_by=key.enrolled_by,
                via=key.via.value,
                replaced_by=key.replaced_by,
                revoked_above_seq=key.revoked_above_seq,
                revoked_at=key.revoked_at,
                revoked_reason=key.revoked_reason,
                role=key.role.value,
                device_id=key.device_id,
                revoked_snapshot=None if snapshot is None else _snapshot_text(snapshot),
            )
        )
        self._session.flush()

    def set_key_role(self, fingerprint: str, role: KeyRole, device_id: str | None) -> None:
        row = self._key_row(fingerprint)
        row.role, row.device_id = role.value, device_id

    def set_replaced_by(self, fingerprint: str, new_fingerprint: str) -> None:
        self._key_row(fingerprint).replaced_by = new_fingerprint

    def revoke_key(
        self,
        fingerprint: str,
        above_seq: int,
        at: str,
        reason: str,
        snapshot: RevocationSnapshot | None,
    ) -> None:
        """Set the key's revocation threshold; `snapshot` is kept when given (the first time)."""
        row = self._key_row(fingerprint)
        if snapshot is not None:
            row.revoked_snapshot = _snapshot_text(snapshot)
        row.revoked_above_seq, row.revoked_at, row.revoked_reason = above_seq, at, reason

    # --- seen bundles

    def _seen(self, row: SeenBundleRow) -> SeenBundleRecord:
        return SeenBundleRecord(
            bundle_id=row.bundle_id,
            device_id=row.device_id,
            sequence=row.sequence,
            key_fingerprint=row.key_fingerprint,
            manifest_hash=row.manifest_hash,
            outcome=BundleOutcome(row.outcome),
            received_at=row.received_at,
            receipt_path=None if not row.receipt_path else self.resolve(row.receipt_path),
        )

    def seen_bundle(self, bundle_id: str) -> SeenBundleRecord | None:
        row = self._session.get(SeenBundleRow, bundle_id)
        return None if row is None else self._seen(row)

    def seen_from_device(self, device_id: str) -> list[SeenBundleRecord]:
        rows = self._session.scalars(
            select(SeenBundleRow)
            .where(SeenBundleRow.device_id == device_id)
            .order_by(SeenBundleRow.sequence)
        ).all()
        return [self._seen(row) for row in rows]

    def seen_from_key(self, fingerprint: str) -> list[SeenBundleRecord]:
        rows = self._session.scalars(
            select(SeenBundleRow)
            .where(SeenBundleRow.key_fingerprint == fingerprint)
            .order_by(SeenBundleRow.received_at)
        ).all()
        return [self._seen(row) for row in rows]

    def last_sequences_by_key(self) -> dict[str, dict[str, int]]:
        """Key fingerprint → device id → highest sequence seen (any outcome)."""
        rows = self._session.execute(
            select(
                SeenBundleRow.key_fingerprint,
                SeenBundleRow.device_id,
                func.max(SeenBundleRow.sequence),
            ).group_by(SeenBundleRow.key_fingerprint, SeenBundleRow.device_id)
        ).all()
        result: dict[str, dict[str, int]] = {}
        for fingerprint, device, sequence in rows:
            result.setdefault(fingerprint, {})[device] = sequence
        return result

    def remember_bundle(self, seen: SeenBundleRecord) -> None:
        """Record a bundle; one recorded before gets the new outcome (and the receipt, if any)."""
        row = self._session.get(SeenBundleRow, seen.bundle_id)
        receipt = None if seen.receipt_path is None else self._stored(seen.receipt_path)
        if row is None:
            self._session.add(
                SeenBundleRow(
                    bundle_id=seen.bundle_id,
                    device_id=seen.device_id,
                    sequence=seen.sequence,
                    key_fingerprint=seen.key_fingerprint,
                    manifest_hash=seen.manifest_hash,
                    outcome=seen.outcome.value,
                    received_at=seen.received_at,
                    receipt_path=receipt,
                )
            )
        else:
            row.outcome = seen.outcome.value
            if receipt is not None:
                row.receipt_path = receipt
        self._session.flush()

    def set_seen_outcome(self, bundle_id: str, outcome: BundleOutcome) -> None:
        row = self._session.get(SeenBundleRow, bundle_id)
        if row is not None:
            row.outcome = outcome.value

    def set_seen_receipt(self, bundle_id: str, receipt_path: Path) -> None:
        row = self._session.get(SeenBundleRow, bundle_id)
        if row is not None:
            row.receipt_path = self._stored(receipt_path)

    # --- sent bundles

    @staticmethod
    def _sent(row: SentBundleRow) -> SentBundleRecord:
        reasons = _loads(row.receipt_reasons)
        return SentBundleRecord(
            bundle_id=row.bundle_id,
            sequence=row.sequence,
            created_at=row.created_at,
            path=row.path,
            manifest_hash=row.manifest_hash,
            status=SentStatus(row.status),
            assessment_uids=tuple(json.loads(row.assessment_uids)),
            contains_drafts=row.contains_drafts,
            acknowledged_at=row.acknowledged_at,
            receipt_outcome=None
            if row.receipt_outcome is None
            else BundleOutcome(row.receipt_outcome),
            receipt_reasons=None if reasons is None else tuple(reasons),
        )

    def _sent_row(self, bundle_id: str) -> SentBundleRow:
        row = self._session.get(SentBundleRow, bundle_id)
        if row is None:
            raise LookupError(f"no sent bundle {bundle_id}")
        return row

    def sent_bundle(self, bundle_id: str) -> SentBundleRecord | None:
        row = self._session.get(SentBundleRow, bundle_id)
        return None if row is None else self._sent(row)

    def sent_bundles(self) -> list[SentBundleRecord]:
        """Every bundle exported from here, by sequence number."""
        rows = self._session.scalars(select(SentBundleRow).order_by(SentBundleRow.sequence)).all()
        return [self._sent(row) for row in rows]

    def add_sent_bundle(self, sent: SentBundleRecord) -> None:
        self._session.add(
            SentBundleRow(
                bundle_id=sent.bundle_id,
                sequence=sent.sequence,
                created_at=sent.created_at,
                path=sent.path,
                manifest_hash=sent.manifest_hash,
                assessment_uids=canonical_text(list(sent.assessment_uids)),
                contains_drafts=sent.contains_drafts,
                acknowledged_at=sent.acknowledged_at,
                receipt_outcome=None
                if sent.receipt_outcome is None
                else sent.receipt_outcome.value,
                receipt_reasons=None
                if sent.receipt_reasons is None
                else canonical_text(list(sent.receipt_reasons)),
                status=sent.status.value,
            )
        )
        self._session.flush()

    def remove_sent_bundle(self, bundle_id: str) -> None:
        self._session.delete(self._sent_row(bundle_id))
        self._session.flush()

    def set_sent_status(
        self, bundle_id: str, status: SentStatus, manifest_hash: str | None = None
    ) -> None:
        """A new status; with `manifest_hash`, the hash of the file that was sent."""
        row = self._sent_row(bundle_id)
        row.status = status.value
        if manifest_hash is not None:
            row.manifest_hash = manifest_hash

    def acknowledge(
        self, bundle_id: str, at: str, outcome: BundleOutcome, reasons: Sequence[Any]
    ) -> None:
        """What the office's receipt said, at the office's time of the receipt."""
        row = self._sent_row(bundle_id)
        row.acknowledged_at = at
        row.receipt_outcome = outcome.value
        row.receipt_reasons = canonical_text(list(reasons))

    # --- quarantine

    def _held(self, row: QuarantineRow) -> QuarantineRecord:
        return QuarantineRecord(
            id=row.id,
            bundle_id=row.bundle_id,
            stored_path=None if row.stored_path is None else self.resolve(row.stored_path),
            received_at=row.received_at,
            device_id=row.device_id,
            sequence=row.sequence,
            key_fingerprint=row.key_fingerprint,
            reasons=tuple(json.loads(row.reasons_json)),
            details=dict(_loads(row.details_json) or {}),
            status=QuarantineStatus(row.status),
            resolved_at=row.resolved_at,
            resolved_by=row.resolved_by,
            resolution=_loads(row.resolution),
            content_sha256=row.content_sha256,
        )

    def _quarantine_row(self, quarantine_id: int) -> QuarantineRow:
        row = self._session.get(QuarantineRow, quarantine_id)
        if row is None:
            raise LookupError(f"no quarantine item {quarantine_id}")
        return row

    def quarantine_item(self, quarantine_id: int) -> QuarantineRecord | None:
        if not 1 <= quarantine_id <= LARGEST_ID:
            return None
        row = self._session.get(QuarantineRow, quarantine_id)
        return None if row is None else self._held(row)

    def held_quarantine(self) -> list[QuarantineRecord]:
        """Bundles still held in quarantine, oldest first."""
        rows = self._session.scalars(
            select(QuarantineRow)
            .where(QuarantineRow.status == QuarantineStatus.HELD.value)
            .order_by(QuarantineRow.id)
        ).all()
        return [self._held(row) for row in rows]

    def quarantine_items(self) -> list[QuarantineRecord]:
        """Every bundle ever held, newest first."""
        rows = self._session.scalars(select(QuarantineRow).order_by(QuarantineRow.id.desc())).all()
        return [self._held(row) for row in rows]

    def quarantine_for_bundle(self, bundle_id: str) -> QuarantineRecord | None:
        """The newest quarantine row of a bundle id (held first), or None."""
        rows = self._session.scalars(
            select(QuarantineRow)
            .where(QuarantineRow.bundle_id == bundle_id)
            .order_by(QuarantineRow.id.desc())
        ).all()
        row = next(
            (r for r in rows if r.status == QuarantineStatus.HELD), rows[0] if rows else None
        )
        return None if row is None else self._held(row)

    def hold(
        self,
        *,
        bundle_id: str,
        content_sha256: str,
        received_at: str,
        device_id: str,
        sequence: int,
        key_fingerprint: str,
        reasons: Sequence[dict[str, Any]],
        details: dict[str, Any],
    ) -> int:
        """Keep a bundle in quarantine (its content already in the evidence store): the new row's
        id."""
        row = QuarantineRow(
            bundle_id=bundle_id,
            content_sha256=content_sha256,
            received_at=received_at,
            device_id=device_id,
            sequence=sequence,
            key_fingerprint=key_fingerprint,
            reasons_json=canonical_text(list(reasons)),
            details_json=canonical_text(details),
            status=QuarantineStatus.HELD.value,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def update_hold(
        self, quarantine_id: int, reasons: Sequence[dict[str, Any]], details: dict[str, Any]
    ) -> None:
        """A held bundle retried and still held: its reasons and details brought up to date."""
        row = self._quarantine_row(quarantine_id)
        row.reasons_json, row.details_json = canonical_text(list(reasons)), canonical_text(details)

    def close_hold(
        self,
        quarantine_id: int,
        status: QuarantineStatus,
        at: str,
        by: str,
        resolution: dict[str, Any],
    ) -> None:
        row = self._quarantine_row(quarantine_id)
        row.status, row.resolved_at, row.resolved_by = status.value, at, by
        row.resolution = canonical_text(resolution)


def _snapshot_text(snapshot: RevocationSnapshot) -> str:
    return canonical_text({"devices": list(snapshot.devices), "bundles": list(snapshot.bundles)})
