"""The trust store: which signing keys this installation believes, and whether a bundle's signer
and sequence number are acceptable (docs/bundle-format.md, "Keys" and "Verification").

Keys enter only by a key card whose fingerprint the user confirmed in person (`enrol_card`, in
services/trust_keys.py with revocation and listing), by a rotation statement signed by a key already
trusted (`check_signer`, here), or as this installation's own key (services/keys.py). A revocation says "reject this key's bundles with a sequence above N":
offline, dates cannot be trusted, sequence numbers can.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assessor_app.bundles import cards, keys as bundle_keys
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle
from assessor_app.bundles.errors import BundleError
from assessor_app.core.messages import Message
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.exchange import (
    BundleOutcome,
    KeyVia,
    RevocationSnapshot,
    SeenBundleRecord,
    TrustedKeyRecord,
)
from assessor_app.domain.text import clean
from assessor_app.services.clock import utc_now
from assessor_app.services.exchange_store import exchange
from assessor_app.services.keys import b64, unb64
from assessor_app.services.trust_keys import (
    MAX_CARD_BYTES,
    TrustedKey,
    enrol_card,
    key_record,
    list_keys,
    normalise,
    revoke,
    trusted_key,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import STORE_CHAIN, Repository

# Outcomes recorded in `seen_bundles` (and written in receipts).
ACCEPTED, QUARANTINED, REJECTED = BundleOutcome
OUTCOMES = tuple(BundleOutcome)


@dataclass(frozen=True)
class TrustVerdict:
    """Whether a verified bundle's signer and sequence are acceptable.

    `code` is None when trusted, else `BUNDLE_UNKNOWN_SIGNER`, `BUNDLE_REVOKED_SIGNER` or
    `BUNDLE_REPLAYED`; `template` and `params` render the reason (`i18n.render(verdict)`).
    `already_seen` marks the very same bundle (same id, same manifest) seen before: importing it
    again is harmless, and `seen_outcome` says what happened to it then.
    """

    trusted: bool
    code: str | None = None
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    already_seen: bool = False
    seen_outcome: str | None = None
    key: TrustedKey | None = None
    enrolled_by_rotation: list[str] = field(default_factory=list)  # fingerprints enrolled now

    def error(self) -> InputError:
        """The verdict as an expected error (only when not trusted)."""
        return InputError(self.code or "BUNDLE_UNKNOWN_SIGNER", self.template, **self.params)


# --- deciding about a bundle's signer


def _untrusted(code: str, template: str, **params: Any) -> TrustVerdict:
    return TrustVerdict(trusted=False, code=code, template=template, params=params)


def _unknown(fingerprint: str, detail: str = "") -> TrustVerdict:
    if detail:
        return _untrusted(
            "BUNDLE_UNKNOWN_SIGNER",
            N_("The bundle is signed by key {fingerprint}, which is not enrolled here ({detail})."),
            fingerprint=bundle_keys.format_fingerprint(fingerprint),
            detail=detail,
        )
    return _untrusted(
        "BUNDLE_UNKNOWN_SIGNER",
        N_(
            "The bundle is signed by key {fingerprint}, which is not enrolled here; enrol its owner's key card first."
        ),
        fingerprint=bundle_keys.format_fingerprint(fingerprint),
    )


def _chain_to_anchor(
    keys: ExchangeRepository, statements: Sequence[Mapping[str, Any]], signer: str
) -> tuple[list[Mapping[str, Any]], TrustedKeyRecord] | TrustVerdict | None:
    """The rotation statements from an enrolled key (the anchor) to `signer`, newest first, and
    the anchor; None when they lead to no enrolled key, a verdict when they form no chain."""
    by_new: dict[str, Mapping[str, Any]] = {}
    for statement in statements:
        new = statement.get("new_fingerprint")
        if isinstance(new, str):
            by_new.setdefault(new, statement)
    path: list[Mapping[str, Any]] = []
    current, visited = signer, {signer}
    while True:
        found = by_new.get(current)
        if found is None:
            return None  # no chain to the signer: an ordinary unknown signer
        path.append(found)
        previous = found.get("old_fingerprint")
        if not isinstance(previous, str) or previous in visited:
            return _unknown(signer, N_("its key rotation statements form no chain"))
        visited.add(previous)
        anchor = keys.trusted_key(previous)
        if anchor is not None:
            return path, anchor
        current = previous


def _enrol_rotated(
    repo: Repository,
    keys: ExchangeRepository,
    rotation: cards.RotationStatement,
    previous: TrustedKeyRecord,
    actor: str,
    now: str,
) -> TrustedKeyRecord:
    """Enrol the key a valid rotation statement announces (audited)."""
    row = TrustedKeyRecord(
        fingerprint=rotation.new_fingerprint,
        public_key=b64(rotation.new_public_key),
        owner=clean(rotation.owner),
        agency=clean(rotation.agency),
        enrolled_at=now,
        enrolled_by=actor,
        via=KeyVia.ROTATION,
        # A rotation is made on the same installation, by the same person.
        role=previous.role,
        device_id=previous.device_id,
    )
    keys.add_trusted_key(row)
    repo.append_audit(
        STORE_CHAIN,
        now,
        actor,
        "key_enrol",
        f"key:{rotation.new_fingerprint}",
        None,
        {
            "owner": row.owner,
            "agency": row.agency,
            "via": "rotation",
            "old_fingerprint": previous.fingerprint,
        },
    )
    return row


def _follow_rotations(
    repo: Repository,
    keys: ExchangeRepository,
    statements: Sequence[Mapping[str, Any]],
    signer: str,
    actor: str,
    now: str,
) -> tuple[list[str], TrustVerdict | None]:
    """Enrol `signer` when the statements chain it back to a trusted, unrevoked key.

    Returns the fingerprints enrolled (oldest first) and, when the chain is broken or forged, the
    verdict to give instead."""
    chain = _chain_to_anchor(keys, statements, signer)
    if chain is None or isinstance(chain, TrustVerdict):
        return [], chain
    path, anchor = chain
    revoked = N_("it was announced by a revoked key; enrol its key card instead")
    if anchor.revoked_above_seq is not None:
        return [], _unknown(signer, revoked)
    public = unb64(anchor.public_key)
    enrolled: list[str] = []
    previous_row = anchor
    for statement in reversed(path):
        try:
            rotation = cards.read_rotation(dict(statement), public)
        except BundleError:
            return [], _unknown(signer, N_("a key rotation statement in it is not valid"))
        row = keys.trusted_key(rotation.new_fingerprint)
        if row is None:
            row = _enrol_rotated(repo, keys, rotation, previous_row, actor, now)
            enrolled.append(rotation.new_fingerprint)
        elif row.revoked_above_seq is not None and row.fingerprint != signer:
            return [], _unknown(signer, revoked)
        if previous_row.replaced_by is None:
            keys.set_replaced_by(previous_row.fingerprint, rotation.new_fingerprint)
        previous_row, public = row, rotation.new_public_key
    return enrolled, None


def _device_problem(
    keys: ExchangeRepository, row: TrustedKeyRecord, key: TrustedKey, info: BundleInfo
) -> tuple[str, str, dict[str, Any]] | None:
    """A revoked key's bundle numbered above its threshold or from a device it was not known to
    sign for, or an unrevoked key's bundle under another device than its card named."""
    # Sequence numbers and device ids are chosen by the signer, so a revoked key's holder could
    # sign "old" bundles under a fresh device id. Refused: numbers above the threshold whatever
    # they claim, and any device this office did not know for the key before revoking it.
    revoked = row.revoked_above_seq is not None
    if row.revoked_above_seq is not None and info.sequence > row.revoked_above_seq:
        return (
            "BUNDLE_REVOKED_SIGNER",
            N_(
                "Key {fingerprint} ({owner}) is revoked for bundles numbered above {above}; this one is number {sequence}."
            ),
            {
                "fingerprint": key.formatted,
                "owner": row.owner,
                "above": row.revoked_above_seq,
                "sequence": info.sequence,
            },
        )
    if revoked and info.device_id not in known_devices(keys, row):
        return (
            "BUNDLE_REVOKED_SIGNER",
            N_(
                "Key {fingerprint} ({owner}) is revoked, and this bundle names device {device}, which this office never received a bundle from with that key before revoking it."
            ),
            {"fingerprint": key.formatted, "owner": row.owner, "device": info.device_id},
        )
    if not revoked and row.device_id and info.device_id != row.device_id:
        return (
            "BUNDLE_UNKNOWN_DEVICE",
            N_(
                "The bundle is signed by key {fingerprint} ({owner}), which belongs to device {expected}, but it names device {device}. Ask its owner whether the app was reinstalled or copied before accepting it."
            ),
            {
                "fingerprint": key.formatted,
                "owner": row.owner,
                "expected": row.device_id,
                "device": info.device_id,
            },
        )
    return None


def _sequence_verdict(
    keys: ExchangeRepository, opened: OpenedBundle, row: TrustedKeyRecord, key: TrustedKey
) -> tuple[str, str, dict[str, Any]] | TrustVerdict | None:
    """The sequence rules once the signer and device passed: a reused id, the very bundle seen
    before (a verdict: trusted, already seen), a replay or fork, or a revoked key's bundle that
    did not arrive before the revocation."""
    info = opened.info
    revoked = row.revoked_above_seq is not None
    seen = keys.seen_bundle(info.bundle_id)
    if seen is not None and seen.manifest_hash != opened.manifest_hash:
        return (
            "BUNDLE_REPLAYED",
            N_(
                "A different bundle with the same id {bundle} was received before; this one was altered or forged."
            ),
            {"bundle": info.bundle_id},
        )
    seen_in_time = seen is not None and (not revoked or _before_revocation(keys, seen, row))
    if seen is not None and seen_in_time:
        return TrustVerdict(trusted=True, already_seen=True, seen_outcome=seen.outcome, key=key)
    replay = sequence_problem(keys, info)
    if replay is not None:
        return replay.code, replay.template, dict(replay.params)
    if revoked:
        return (
            "BUNDLE_REVOKED_UNSEEN",
            N_(
                "Key {fingerprint} ({owner}) was revoked after bundle number {above}; this bundle, number {sequence}, did not reach this office before the revocation. A person must decide whether to accept it."
            ),
            {
                "fingerprint": key.formatted,
                "owner": row.owner,
                "above": row.revoked_above_seq,
                "sequence": info.sequence,
            },
        )
    return None


def evaluate(
    workspace: Workspace,
    repo: Repository,
    opened: OpenedBundle,
    enrol_rotations: bool = True,
) -> TrustVerdict:
    """`check_signer` inside the caller's transaction (the importer's)."""
    keys = exchange(workspace, repo)
    signer = opened.key_fingerprint
    enrolled: list[str] = []
    if keys.trusted_key(signer) is None and opened.rotation and enrol_rotations:
        enrolled, broken = _follow_rotations(
            repo, keys, list(opened.rotation), signer, workspace.actor, workspace.clock()
        )
        if broken is not None:
            return broken
    row = keys.trusted_key(signer)
    if row is None:
        return _unknown(signer)
    key = key_record(row, keys.last_sequences_by_key().get(signer))
    problem = _device_problem(keys, row, key, opened.info) or _sequence_verdict(
        keys, opened, row, key
    )
    if isinstance(problem, TrustVerdict):
        return dataclasses.replace(problem, enrolled_by_rotation=enrolled)
    if problem is not None:
        code, template, params = problem
        return _with_key(_untrusted(code, template, **params), key, enrolled)
    return TrustVerdict(trusted=True, key=key, enrolled_by_rotation=enrolled)


def sequence_problem(keys: ExchangeRepository, info: BundleInfo) -> Message | None:
    """A fork (the device's number used by another bundle) or a replay (older than a bundle of
    the device already received: accepted, or held in quarantine, which also proves the device got
    that far) among the device's other bundles from enrolled keys."""
    earlier = [
        s
        for s in keys.seen_from_device(info.device_id)
        if s.bundle_id != info.bundle_id
        and s.outcome != REJECTED
        and keys.trusted_key(s.key_fingerprint) is not None
    ]
    if any(s.sequence == info.sequence for s in earlier):
        return Message(
            "BUNDLE_REPLAYED",
            N_(
                "Device {device} already sent another bundle numbered {sequence}: the two bundles fork."
            ),
            {"device": info.device_id, "sequence": info.sequence},
        )
    highest = max((s.sequence for s in earlier), default=0)
    if info.sequence < highest:
        return Message(
            "BUNDLE_REPLAYED",
            N_(
                "Bundle number {sequence} from device {device} is older than number {highest}, already received."
            ),
            {"device": info.device_id, "sequence": info.sequence, "highest": highest},
        )
    return None


def _revocation_snapshot(keys: ExchangeRepository, row: TrustedKeyRecord) -> RevocationSnapshot:
    if row.revoked_snapshot is not None:
        return row.revoked_snapshot
    # Revoked before snapshots existed: what arrived no later than the revocation's time.
    earlier = [
        s
        for s in keys.seen_from_key(row.fingerprint)
        if s.outcome != REJECTED and row.revoked_at is not None and s.received_at <= row.revoked_at
    ]
    return RevocationSnapshot(
        devices=tuple(sorted({s.device_id for s in earlier})),
        bundles=tuple(sorted(s.bundle_id for s in earlier)),
    )


def _before_revocation(
    keys: ExchangeRepository, seen: SeenBundleRecord, row: TrustedKeyRecord
) -> bool:
    return seen.bundle_id in _revocation_snapshot(keys, row).bundles


def known_devices(keys: ExchangeRepository, row: TrustedKeyRecord) -> set[str]:
    """The devices a revoked key was known to sign for: the one its card named, and those of the
    bundles received from it (not rejected) before it was revoked."""
    devices = {row.device_id} if row.device_id else set()
    devices.update(_revocation_snapshot(keys, row).devices)
    return devices


def _with_key(verdict: TrustVerdict, key: TrustedKey, enrolled: list[str]) -> TrustVerdict:
    return TrustVerdict(
        trusted=verdict.trusted,
        code=verdict.code,
        template=verdict.template,
        params=verdict.params,
        key=key,
        enrolled_by_rotation=enrolled,
    )


def check_signer(
    workspace: Workspace, opened: OpenedBundle, enrol_rotations: bool = True
) -> TrustVerdict:
    """Decide whether a verified bundle's signer is trusted here, in this order: rotation
    statements (a valid chain from an enrolled key enrols the bundle's key, audited), enrolment,
    revocation for the bundle's sequence, then the sequence itself (replay, fork, already seen).

    Its own transaction: keys enrolled by rotation are kept even when the bundle is then
    quarantined. Writes nothing in `seen_bundles` (the importer does, with `record_seen`)."""

    def _work(session: WriteSession) -> TrustVerdict:
        return evaluate(workspace, Repository(session), opened, enrol_rotations)

    return workspace.database.run_in_transaction(_work)


def record_seen(
    keys: ExchangeRepository,
    opened: OpenedBundle,
    outcome: str,
    receipt_path: str | Path | None,
    now: str | None = None,
) -> None:
    """Remember a bundle (inside the importer's transaction). Seeing it again updates the outcome
    and the receipt (a quarantined bundle accepted later)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    info = opened.info
    keys.remember_bundle(
        SeenBundleRecord(
            bundle_id=info.bundle_id,
            device_id=info.device_id,
            sequence=info.sequence,
            key_fingerprint=opened.key_fingerprint,
            manifest_hash=opened.manifest_hash,
            outcome=BundleOutcome(outcome),
            received_at=now or utc_now(),
            receipt_path=None if receipt_path is None else Path(receipt_path),
        )
    )


__all__ = [
    "ACCEPTED",
    "MAX_CARD_BYTES",
    "OUTCOMES",
    "QUARANTINED",
    "REJECTED",
    "TrustVerdict",
    "TrustedKey",
    "check_signer",
    "enrol_card",
    "evaluate",
    "known_devices",
    "list_keys",
    "normalise",
    "record_seen",
    "revoke",
    "sequence_problem",
    "trusted_key",
]
