"""The trust store: which signing keys this installation believes, and whether a bundle's signer
and sequence number are acceptable (docs/bundle-format.md, "Keys" and "Verification").

Keys enter only by a key card whose fingerprint the user confirmed in person (`enrol_card`), by a
rotation statement signed by a key already trusted (`check_signer`), or as this installation's own
key (services/keys.py). A revocation says "reject this key's bundles with a sequence above N":
offline, dates cannot be trusted, sequence numbers can.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assessor_app.bundles import cards
from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle
from assessor_app.bundles.errors import BundleError
from assessor_app.core.messages import Message
from assessor_app.domain.assessment import optional_reason
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.text import clean, nfc
from assessor_app.services.clock import utc_now
from assessor_app.services.keys import b64, unb64
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps
from assessor_app.storage.schema import SeenBundleRow, TrustedKeyRow

MAX_CARD_BYTES = 64 * 1024

# Outcomes recorded in `seen_bundles` (and written in receipts).
ACCEPTED, QUARANTINED, REJECTED = "accepted", "quarantined", "rejected"
OUTCOMES = (ACCEPTED, QUARANTINED, REJECTED)


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str
    formatted: str
    words: list[str]
    public_key: str  # base64 of the 32 raw bytes
    owner: str
    agency: str
    enrolled_at: str
    enrolled_by: str
    via: str  # card | rotation | own
    replaced_by: str | None
    revoked_above_seq: int | None
    revoked_at: str | None
    revoked_reason: str | None
    last_sequences: dict[str, int] = field(default_factory=dict)  # device id → highest seen
    role: str = ""  # team | office ("" when enrolled before roles existed)
    device_id: str | None = None  # the installation the key belongs to, when its card said

    @property
    def revoked(self) -> bool:
        return self.revoked_above_seq is not None


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


def _record(row: TrustedKeyRow, last_sequences: Mapping[str, int] | None = None) -> TrustedKey:
    return TrustedKey(
        fingerprint=row.fingerprint,
        formatted=bundle_keys.format_fingerprint(row.fingerprint),
        words=list(bundle_keys.fingerprint_words(row.fingerprint)),
        public_key=row.public_key,
        owner=row.owner,
        agency=row.agency,
        enrolled_at=row.enrolled_at,
        enrolled_by=row.enrolled_by,
        via=row.via,
        replaced_by=row.replaced_by,
        revoked_above_seq=row.revoked_above_seq,
        revoked_at=row.revoked_at,
        revoked_reason=row.revoked_reason,
        last_sequences=dict(last_sequences or {}),
        role=row.role,
        device_id=row.device_id,
    )


def normalise(text: str) -> str:
    """A fingerprint as typed (any case, spaces, dashes, colons) → 64 lower-case hex digits."""
    return bundle_keys.normalise_fingerprint(nfc(text))  # KEY_FINGERPRINT_INVALID


# --- enrolment, revocation, listing


def _chosen_role(card: cards.KeyCard, role: str | None) -> str:
    """The role the key is enrolled with: the one chosen, which must be the one the card declares
    (a version 1 card declares none: then it must be chosen)."""
    if role is not None and role not in cards.ROLES:
        raise InputError(
            "KEY_BAD_ROLE",
            N_("Unknown key role '{role}'; use one of: {allowed}."),
            role=role,
            allowed=", ".join(cards.ROLES),
        )
    if role and card.role and role != card.role:
        raise InputError(
            "KEY_ROLE_MISMATCH",
            N_(
                "The key card declares the role '{declared}', not '{chosen}'; the key was not enrolled. Check with its owner which kind of installation it belongs to."
            ),
            declared=card.role,
            chosen=role,
        )
    chosen = role or card.role
    if not chosen:
        raise InputError(
            "KEY_ROLE_REQUIRED",
            N_(
                "This key card does not say whether it is a team's or an office's key; choose the role (team or office) when enrolling it."
            ),
        )
    return chosen


def enrol_card(
    workspace: Workspace, card_path: Path, fingerprint_confirmed: str, role: str | None = None
) -> TrustedKey:
    """Trust the key on a card, once its fingerprint was confirmed in person (typed by the user).

    `role` (team | office) is what the key may do here: only an office's key signs receipts that
    count. It must match the role the card declares; None takes the card's. The key is bound to
    the installation the card names: its bundles under another device id are held.

    Enrolling a key that is already trusted changes nothing (and keeps any revocation), except
    that a key enrolled before roles existed gets its role (audited)."""
    typed = normalise(fingerprint_confirmed)
    try:
        with open(card_path, "rb") as handle:
            data = handle.read(MAX_CARD_BYTES + 1)
    except OSError as error:
        raise InputError(
            "CARD_UNREADABLE",
            N_("The key card {path} cannot be read: {reason}"),
            path=str(card_path),
            reason=error.strerror or str(error),
        ) from None
    if len(data) > MAX_CARD_BYTES:
        raise InputError(
            "CARD_INVALID", N_("{path} is not a key card (too large)."), path=str(card_path)
        )
    card = cards.read_card(data)
    chosen = _chosen_role(card, role)
    if typed != card.fingerprint:
        raise InputError(
            "KEY_FINGERPRINT_MISMATCH",
            N_(
                "The fingerprint you typed ({typed}) is not the card's ({expected}); the key was not enrolled. Check the card with its owner."
            ),
            typed=bundle_keys.format_fingerprint(typed),
            expected=bundle_keys.format_fingerprint(card.fingerprint),
        )
    with workspace.database.transaction() as session:
        repo = Repository(session)
        existing = repo.trusted_key(card.fingerprint)
        if existing is not None:
            return _record(_complete(workspace, repo, existing, chosen, card))
        now = workspace.clock()
        row = TrustedKeyRow(
            fingerprint=card.fingerprint,
            public_key=b64(card.public_key),
            owner=clean(card.owner),
            agency=clean(card.agency),
            enrolled_at=now,
            enrolled_by=workspace.actor,
            via="card",
            replaced_by=None,
            revoked_above_seq=None,
            revoked_at=None,
            revoked_reason=None,
            role=chosen,
            device_id=card.device_id or None,
        )
        session.add(row)
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "key_enrol",
            f"key:{card.fingerprint}",
            None,
            {
                "owner": row.owner,
                "agency": row.agency,
                "via": "card",
                "role": chosen,
                "device": row.device_id,
            },
        )
        return _record(row)


def _complete(
    workspace: Workspace, repo: Repository, row: TrustedKeyRow, role: str, card: cards.KeyCard
) -> TrustedKeyRow:
    """An enrolled key's card shown again: give a key enrolled before roles existed its role (and
    its device, when the card names one); refuse to change a role already given."""
    if row.role and row.role != role:
        raise StateError(
            "KEY_ROLE_MISMATCH",
            N_(
                "Key {fingerprint} is already enrolled here as a {enrolled} key, not {chosen}; nothing was changed."
            ),
            fingerprint=bundle_keys.format_fingerprint(row.fingerprint),
            enrolled=row.role,
            chosen=role,
        )
    if row.role or row.via == "own":
        return row
    old = {"role": row.role, "device": row.device_id}
    row.role = role
    row.device_id = row.device_id or card.device_id or None
    repo.append_audit(
        STORE_CHAIN,
        workspace.clock(),
        workspace.actor,
        "key_role",
        f"key:{row.fingerprint}",
        old,
        {"role": row.role, "device": row.device_id},
    )
    return row


def revoke(workspace: Workspace, fingerprint: str, above_seq: int, reason: str = "") -> TrustedKey:
    """Reject the key's bundles with a sequence number above `above_seq` (0: all of them)."""
    wanted = normalise(fingerprint)
    if above_seq < 0:
        raise InputError(
            "KEY_BAD_SEQUENCE",
            N_("The sequence number must be 0 or more (0 rejects every bundle of the key)."),
        )
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = repo.trusted_key(wanted)
        if row is None:
            raise NotFoundError(
                "KEY_NOT_ENROLLED",
                N_("No enrolled key has the fingerprint {fingerprint}."),
                fingerprint=bundle_keys.format_fingerprint(wanted),
            )
        reason = optional_reason(reason)
        now = workspace.clock()
        old = row.revoked_above_seq
        if row.revoked_snapshot is None:  # the first revocation fixes what was known before it
            row.revoked_snapshot = dumps(_snapshot(repo, row))
        row.revoked_above_seq, row.revoked_at, row.revoked_reason = above_seq, now, reason
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "key_revoke",
            f"key:{wanted}",
            {"revoked_above_seq": old},
            {"revoked_above_seq": above_seq},
            reason,
        )
        return _record(row, repo.last_sequences_by_key().get(wanted))


def list_keys(workspace: Workspace) -> list[TrustedKey]:
    with workspace.database.reading() as session:
        repo = Repository(session)
        sequences = repo.last_sequences_by_key()
        return [_record(row, sequences.get(row.fingerprint)) for row in repo.trusted_keys()]


def trusted_key(workspace: Workspace, fingerprint: str) -> TrustedKey | None:
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.trusted_key(normalise(fingerprint))
        return None if row is None else _record(row)


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


def _follow_rotations(
    repo: Repository,
    statements: Sequence[Mapping[str, Any]],
    signer: str,
    actor: str,
    now: str,
) -> tuple[list[str], TrustVerdict | None]:
    """Enrol `signer` when the statements chain it back to a trusted, unrevoked key.

    Returns the fingerprints enrolled (oldest first) and, when the chain is broken or forged, the
    verdict to give instead."""
    by_new: dict[str, Mapping[str, Any]] = {}
    for statement in statements:
        new = statement.get("new_fingerprint")
        if isinstance(new, str):
            by_new.setdefault(new, statement)
    path: list[Mapping[str, Any]] = []
    current, visited = signer, {signer}
    anchor: TrustedKeyRow | None = None
    while True:
        found = by_new.get(current)
        if found is None:
            return [], None  # no chain to the signer: an ordinary unknown signer
        path.append(found)
        previous = found.get("old_fingerprint")
        if not isinstance(previous, str) or previous in visited:
            return [], _unknown(signer, N_("its key rotation statements form no chain"))
        visited.add(previous)
        anchor = repo.trusted_key(previous)
        if anchor is not None:
            break
        current = previous
    if anchor.revoked_above_seq is not None:
        return [], _unknown(
            signer, N_("it was announced by a revoked key; enrol its key card instead")
        )
    public = unb64(anchor.public_key)
    enrolled: list[str] = []
    previous_row = anchor
    for statement in reversed(path):
        try:
            rotation = cards.read_rotation(dict(statement), public)
        except BundleError:
            return [], _unknown(signer, N_("a key rotation statement in it is not valid"))
        new_fingerprint = rotation.new_fingerprint
        row = repo.trusted_key(new_fingerprint)
        if row is None:
            row = TrustedKeyRow(
                fingerprint=new_fingerprint,
                public_key=b64(rotation.new_public_key),
                owner=clean(rotation.owner),
                agency=clean(rotation.agency),
                enrolled_at=now,
                enrolled_by=actor,
                via="rotation",
                replaced_by=None,
                revoked_above_seq=None,
                revoked_at=None,
                revoked_reason=None,
                # A rotation is made on the same installation, by the same person.
                role=previous_row.role,
                device_id=previous_row.device_id,
            )
            repo.session.add(row)
            repo.append_audit(
                STORE_CHAIN,
                now,
                actor,
                "key_enrol",
                f"key:{new_fingerprint}",
                None,
                {
                    "owner": row.owner,
                    "agency": row.agency,
                    "via": "rotation",
                    "old_fingerprint": previous_row.fingerprint,
                },
            )
            enrolled.append(new_fingerprint)
        elif row.revoked_above_seq is not None and row.fingerprint != signer:
            return [], _unknown(
                signer, N_("it was announced by a revoked key; enrol its key card instead")
            )
        if previous_row.replaced_by is None:
            previous_row.replaced_by = new_fingerprint
        previous_row, public = row, rotation.new_public_key
    repo.session.flush()
    return enrolled, None


def evaluate(
    repo: Repository,
    opened: OpenedBundle,
    actor: str,
    now: str,
    enrol_rotations: bool = True,
) -> TrustVerdict:
    """`check_signer` inside the caller's transaction (the importer's)."""
    info = opened.info
    signer = opened.key_fingerprint
    enrolled: list[str] = []
    if repo.trusted_key(signer) is None and opened.rotation and enrol_rotations:
        enrolled, broken = _follow_rotations(repo, list(opened.rotation), signer, actor, now)
        if broken is not None:
            return broken
    row = repo.trusted_key(signer)
    if row is None:
        return _unknown(signer)
    key = _record(row, repo.last_sequences_by_key().get(signer))

    def untrusted(code: str, template: str, **params: Any) -> TrustVerdict:
        return _with_key(_untrusted(code, template, **params), key, enrolled)

    revoked = row.revoked_above_seq is not None
    # Sequence numbers and device ids are chosen by the signer, so a revoked key's holder could
    # sign "old" bundles under a fresh device id. Refused: numbers above the threshold whatever
    # they claim, and any device this office did not know for the key before revoking it.
    if row.revoked_above_seq is not None and info.sequence > row.revoked_above_seq:
        return untrusted(
            "BUNDLE_REVOKED_SIGNER",
            N_(
                "Key {fingerprint} ({owner}) is revoked for bundles numbered above {above}; this one is number {sequence}."
            ),
            fingerprint=key.formatted,
            owner=row.owner,
            above=row.revoked_above_seq,
            sequence=info.sequence,
        )
    if revoked and info.device_id not in known_devices(repo, row):
        return untrusted(
            "BUNDLE_REVOKED_SIGNER",
            N_(
                "Key {fingerprint} ({owner}) is revoked, and this bundle names device {device}, which this office never received a bundle from with that key before revoking it."
            ),
            fingerprint=key.formatted,
            owner=row.owner,
            device=info.device_id,
        )
    if not revoked and row.device_id and info.device_id != row.device_id:
        return untrusted(
            "BUNDLE_UNKNOWN_DEVICE",
            N_(
                "The bundle is signed by key {fingerprint} ({owner}), which belongs to device {expected}, but it names device {device}. Ask its owner whether the app was reinstalled or copied before accepting it."
            ),
            fingerprint=key.formatted,
            owner=row.owner,
            expected=row.device_id,
            device=info.device_id,
        )
    seen = repo.seen_bundle(info.bundle_id)
    if seen is not None and seen.manifest_hash != opened.manifest_hash:
        return untrusted(
            "BUNDLE_REPLAYED",
            N_(
                "A different bundle with the same id {bundle} was received before; this one was altered or forged."
            ),
            bundle=info.bundle_id,
        )
    seen_in_time = seen is not None and (not revoked or _before_revocation(repo, seen, row))
    if seen is not None and seen_in_time:
        return TrustVerdict(
            trusted=True,
            already_seen=True,
            seen_outcome=seen.outcome,
            key=key,
            enrolled_by_rotation=enrolled,
        )
    replay = sequence_problem(repo, info)
    if replay is not None:
        return untrusted(replay.code, replay.template, **replay.params)
    if revoked:
        return untrusted(
            "BUNDLE_REVOKED_UNSEEN",
            N_(
                "Key {fingerprint} ({owner}) was revoked after bundle number {above}; this bundle, number {sequence}, did not reach this office before the revocation. A person must decide whether to accept it."
            ),
            fingerprint=key.formatted,
            owner=row.owner,
            above=row.revoked_above_seq,
            sequence=info.sequence,
        )
    return TrustVerdict(trusted=True, key=key, enrolled_by_rotation=enrolled)


def sequence_problem(repo: Repository, info: BundleInfo) -> Message | None:
    """A fork (the device's number used by another bundle) or a replay (older than a bundle of
    the device already received: accepted, or held in quarantine, which also proves the device got
    that far) among the device's other bundles from enrolled keys."""
    earlier = [
        s
        for s in repo.seen_from_device(info.device_id)
        if s.bundle_id != info.bundle_id
        and s.outcome != REJECTED
        and repo.trusted_key(s.key_fingerprint) is not None
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


def _snapshot(repo: Repository, row: TrustedKeyRow) -> dict[str, list[str]]:
    """What this office had received from the key (not rejected): bundles and their devices."""
    seen = [s for s in repo.seen_from_key(row.fingerprint) if s.outcome != REJECTED]
    return {
        "devices": sorted({s.device_id for s in seen}),
        "bundles": sorted(s.bundle_id for s in seen),
    }


def _revocation_snapshot(repo: Repository, row: TrustedKeyRow) -> dict[str, list[str]]:
    if row.revoked_snapshot:
        loaded: dict[str, list[str]] = json.loads(row.revoked_snapshot)
        return loaded
    # Revoked before snapshots existed: what arrived no later than the revocation's time.
    earlier = [
        s
        for s in repo.seen_from_key(row.fingerprint)
        if s.outcome != REJECTED and row.revoked_at is not None and s.received_at <= row.revoked_at
    ]
    return {
        "devices": sorted({s.device_id for s in earlier}),
        "bundles": sorted(s.bundle_id for s in earlier),
    }


def _before_revocation(repo: Repository, seen: SeenBundleRow, row: TrustedKeyRow) -> bool:
    return seen.bundle_id in _revocation_snapshot(repo, row)["bundles"]


def known_devices(repo: Repository, row: TrustedKeyRow) -> set[str]:
    """The devices a revoked key was known to sign for: the one its card named, and those of the
    bundles received from it (not rejected) before it was revoked."""
    devices = {row.device_id} if row.device_id else set()
    devices.update(_revocation_snapshot(repo, row)["devices"])
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
    with workspace.database.transaction() as session:
        return evaluate(
            Repository(session), opened, workspace.actor, workspace.clock(), enrol_rotations
        )


def record_seen(
    repo: Repository,
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
    receipt = None if receipt_path is None else str(receipt_path)
    row = repo.seen_bundle(info.bundle_id)
    if row is None:
        repo.session.add(
            SeenBundleRow(
                bundle_id=info.bundle_id,
                device_id=info.device_id,
                sequence=info.sequence,
                key_fingerprint=opened.key_fingerprint,
                manifest_hash=opened.manifest_hash,
                outcome=outcome,
                received_at=now or utc_now(),
                receipt_path=receipt,
            )
        )
    else:
        row.outcome = outcome
        if receipt is not None:
            row.receipt_path = receipt
    repo.session.flush()
