"""The states of the exchange of bundles between installations, as the store keeps them (the
`trusted_keys`, `seen_bundles`, `sent_bundles` and `quarantine` tables) and as receipts carry them
(docs/bundle-format.md). StrEnums: each member is its stored string."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class BundleOutcome(StrEnum):
    """What became of a received bundle: the outcome recorded in `seen_bundles`, written in the
    receipt, and read back from it by the sender (`sent_bundles.receipt_outcome`)."""

    ACCEPTED = "accepted"
    QUARANTINED = "quarantined"
    REJECTED = "rejected"


class QuarantineStatus(StrEnum):
    """A held bundle: still held, imported after all (resolved), or closed for good (rejected)."""

    HELD = "held"
    RESOLVED = "resolved"
    REJECTED = "rejected"


class SentStatus(StrEnum):
    """An exported bundle's number: taken while its file is written (reserved), sent, or burnt (a
    crash left no file: the number is never used again)."""

    RESERVED = "reserved"
    SENT = "sent"
    BURNT = "burnt"


class KeyVia(StrEnum):
    """How a key entered the trust store."""

    CARD = "card"  # its card, after the fingerprint was confirmed in person
    ROTATION = "rotation"  # announced by a statement signed by a key already trusted
    OWN = "own"  # this installation's own key


class KeyRole(StrEnum):
    """What a trusted key may do here: only an office's key signs receipts that count; the
    province's key may do all an office's may, and alone signs catalogue releases."""

    TEAM = "team"
    OFFICE = "office"
    PROVINCE = "province"
    LEGACY = ""  # enrolled before roles existed


OUTCOMES = tuple(BundleOutcome)
# The roles whose keys act as an office's (receipts that count, appraisals taken on import).
OFFICE_ROLES = (KeyRole.OFFICE, KeyRole.PROVINCE)


# --- the records the store keeps (storage/repositories/exchange.py reads and writes them)


@dataclass(frozen=True)
class RevocationSnapshot:
    """What an office had received from a key (not rejected) when it first revoked it: a device
    id or a bundle chosen by the signer afterwards cannot pass for an earlier one."""

    devices: tuple[str, ...]
    bundles: tuple[str, ...]


@dataclass(frozen=True)
class TrustedKeyRecord:
    """A key of the trust store, with its revocation threshold."""

    fingerprint: str
    public_key: str  # base64 of the 32 raw bytes
    owner: str
    agency: str
    enrolled_at: str
    enrolled_by: str
    via: KeyVia
    role: KeyRole = KeyRole.LEGACY
    device_id: str | None = None  # the installation holding the key, when its card said
    replaced_by: str | None = None
    revoked_above_seq: int | None = None
    revoked_at: str | None = None
    revoked_reason: str | None = None
    revoked_snapshot: RevocationSnapshot | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_above_seq is not None


@dataclass(frozen=True)
class SeenBundleRecord:
    """A bundle this store verified: its device, sequence and outcome (replay detection)."""

    bundle_id: str
    device_id: str
    sequence: int
    key_fingerprint: str
    manifest_hash: str
    outcome: BundleOutcome
    received_at: str
    receipt_path: Path | None = None  # the receipt written for it


@dataclass(frozen=True)
class SentBundleRecord:
    """A bundle exported from here, until a receipt acknowledges it."""

    bundle_id: str
    sequence: int
    created_at: str
    path: str  # where it was written (the user's stick: not in the data home)
    manifest_hash: str | None  # None while reserved, or when burnt
    status: SentStatus
    assessment_uids: tuple[str, ...]
    contains_drafts: bool
    acknowledged_at: str | None = None
    receipt_outcome: BundleOutcome | None = None
    receipt_reasons: tuple[Any, ...] | None = None  # the receipt's reason codes


@dataclass(frozen=True)
class QuarantineRecord:
    """A bundle held instead of imported: its kept content, why, and what became of it. The
    content is in the evidence store (`content_sha256`); a bundle held before that is a file in
    the data home (`stored_path`, None otherwise)."""

    id: int
    bundle_id: str
    stored_path: Path | None
    received_at: str
    device_id: str
    sequence: int
    key_fingerprint: str
    reasons: tuple[dict[str, Any], ...]  # Message.to_json() of each reason
    details: dict[str, Any]  # what the bundle claims, its signer, the merge plan
    status: QuarantineStatus
    resolved_at: str | None = None
    resolved_by: str | None = None
    resolution: dict[str, Any] | None = None
    content_sha256: str | None = None
