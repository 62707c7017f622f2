"""The keys of the trust store: enrolled from a key card whose fingerprint the user confirmed in
person (`enrol_card`), revoked above a sequence number (`revoke`), listed. Keys also enter by a
rotation statement (services/trust.py) or as this installation's own key (services/keys.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.bundles import cards, keys as bundle_keys
from assessor_app.domain.assessment import optional_reason
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.exchange import (
    BundleOutcome,
    KeyRole,
    KeyVia,
    RevocationSnapshot,
    TrustedKeyRecord,
)
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import clean, nfc
from assessor_app.services import permissions
from assessor_app.services.exchange_store import exchange
from assessor_app.services.keys import b64
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import fingerprint_reading

MAX_CARD_BYTES = 64 * 1024


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
    def digits(self) -> list[str]:
        """Six groups of five digits for reading aloud (texts/fingerprint_reading.py)."""
        return fingerprint_reading.digit_groups(self.fingerprint)

    @property
    def revoked(self) -> bool:
        return self.revoked_above_seq is not None


def fingerprint_words(fingerprint: str) -> list[str]:
    """The words read aloud to confirm a key, as the trust view shows them (also for a signer not
    enrolled yet: the quarantine list shows them before the card is enrolled)."""
    return fingerprint_reading.words(fingerprint)


def key_record(
    row: TrustedKeyRecord, last_sequences: Mapping[str, int] | None = None
) -> TrustedKey:
    return TrustedKey(
        fingerprint=row.fingerprint,
        formatted=bundle_keys.format_fingerprint(row.fingerprint),
        words=fingerprint_words(row.fingerprint),
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


def _legacy_words(typed: str) -> list[str] | None:
    """Six English BIP-39 words, as versions before 13 showed them: still accepted when typed
    (an officer may hold a card read out earlier), no longer shown."""
    parts = fingerprint_reading.typed_parts(typed)
    if len(parts) != bundle_keys.WORD_COUNT or not all(p.isascii() and p.isalpha() for p in parts):
        return None
    return parts if all(bundle_keys.is_english_word(p) for p in parts) else None


def _reading(typed: str) -> tuple[str, str]:
    """(kind, canonical text) of what the owner read out: a hex fingerprint, six groups of digits,
    eight Vietnamese words or six English words (older versions). Anything else: refused."""
    if fingerprint_reading.typed_digits(typed) is not None:
        return "digits", typed
    if fingerprint_reading.typed_words(typed) is not None:
        return "words", typed
    if _legacy_words(typed) is not None:
        return "english", typed
    try:
        return "hex", normalise(typed)
    except InputError:
        raise InputError(
            "KEY_FINGERPRINT_INVALID",
            N_(
                "'{text}' is not a key fingerprint: type the 64 characters of the fingerprint, the six groups of five digits or the eight words the owner reads to you."
            ),
            text=typed[:100],
        ) from None


def reading_matches(typed: str, fingerprint: str) -> bool:
    """Whether what was typed (hex, digits, Vietnamese or English words) reads `fingerprint`."""
    kind, canonical = _reading(typed)
    if kind == "hex":
        return canonical == fingerprint
    if kind == "english":
        return _legacy_words(typed) == bundle_keys.fingerprint_words(fingerprint)
    return bool(fingerprint_reading.reading_matches(canonical, fingerprint))


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


def trust_duty(role: str | None) -> Duty:
    """Who may enrol or revoke a key on a shared store (services/permissions.py). A team's or an
    office's key decides whose bundles are imported here: the importers' work. The province's key
    decides whose catalogue releases set the catalogue in force here, which is the publishers'
    decision (as publishing a catalogue is), not an importer's."""
    return Duty.PUBLISH if role == KeyRole.PROVINCE else Duty.IMPORT


def enrol_card(
    workspace: Workspace, card_path: Path, fingerprint_confirmed: str, role: str | None = None
) -> TrustedKey:
    """Trust the key on a card, once its fingerprint was confirmed in person (typed by the user).

    `role` (team | office) is what the key may do here: only an office's key signs receipts that
    count. It must match the role the card declares; None takes the card's. The key is bound to
    the installation the card names: its bundles under another device id are held.

    Enrolling a key that is already trusted changes nothing (and keeps any revocation), except
    that a key enrolled before roles existed gets its role (audited)."""
    kind, typed = _reading(fingerprint_confirmed)  # KEY_FINGERPRINT_INVALID before any file
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
    if not reading_matches(fingerprint_confirmed, card.fingerprint):
        raise InputError(
            "KEY_FINGERPRINT_MISMATCH",
            # The card's own reading is not shown: the officer must hear it from the owner.
            N_(
                "What you typed ({typed}) does not match the key card; the key was not enrolled. Check each group again with the card's owner; if it still differs, do not trust this card."
            ),
            typed=bundle_keys.format_fingerprint(typed) if kind == "hex" else nfc(typed)[:200],
        )

    def _work(session: WriteSession) -> TrustedKey:
        repo = Repository(session)
        permissions.require(workspace, repo, trust_duty(chosen))
        keys = exchange(workspace, repo)
        existing = keys.trusted_key(card.fingerprint)
        if existing is not None:
            return key_record(_complete(workspace, repo, existing, chosen, card))
        now = workspace.clock()
        row = TrustedKeyRecord(
            fingerprint=card.fingerprint,
            public_key=b64(card.public_key),
            owner=clean(card.owner),
            agency=clean(card.agency),
            enrolled_at=now,
            enrolled_by=workspace.actor,
            via=KeyVia.CARD,
            role=KeyRole(chosen),
            device_id=card.device_id or None,
        )
        keys.add_trusted_key(row)
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
        return key_record(row)

    return workspace.database.run_in_transaction(_work)


def _complete(
    workspace: Workspace, repo: Repository, row: TrustedKeyRecord, role: str, card: cards.KeyCard
) -> TrustedKeyRecord:
    """An enrolled key's card shown again: give a key enrolled before roles existed its role (and
    its device, when the card names one); give an office's key the province's role when its new
    card declares it (the province installation took that role: docs/bundle-format.md, "Keys");
    refuse any other change of a role already given."""
    upgrade = row.role == KeyRole.OFFICE and role == KeyRole.PROVINCE == card.role
    if row.role and row.role != role and not upgrade:
        raise StateError(
            "KEY_ROLE_MISMATCH",
            N_(
                "Key {fingerprint} is already enrolled here as a {enrolled} key, not {chosen}; nothing was changed."
            ),
            fingerprint=bundle_keys.format_fingerprint(row.fingerprint),
            enrolled=row.role,
            chosen=role,
        )
    if (row.role and not upgrade) or row.via == KeyVia.OWN:
        return row
    old = {"role": row.role, "device": row.device_id}
    row = dataclasses.replace(
        row, role=KeyRole(role), device_id=row.device_id or card.device_id or None
    )
    exchange(workspace, repo).set_key_role(row.fingerprint, row.role, row.device_id)
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

    def _work(session: WriteSession) -> TrustedKey:
        repo = Repository(session)
        keys = exchange(workspace, repo)
        row = keys.trusted_key(wanted)
        if row is None:
            raise NotFoundError(
                "KEY_NOT_ENROLLED",
                N_("No enrolled key has the fingerprint {fingerprint}."),
                fingerprint=bundle_keys.format_fingerprint(wanted),
            )
        permissions.require(workspace, repo, trust_duty(row.role))
        why = optional_reason(reason)
        now = workspace.clock()
        old = row.revoked_above_seq
        # The first revocation fixes what was known before it.
        known = snapshot(keys, row.fingerprint) if row.revoked_snapshot is None else None
        keys.revoke_key(wanted, above_seq, now, why, known)
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "key_revoke",
            f"key:{wanted}",
            {"revoked_above_seq": old},
            {"revoked_above_seq": above_seq},
            why,
        )
        revoked = keys.trusted_key(wanted)
        assert revoked is not None
        return key_record(revoked, keys.last_sequences_by_key().get(wanted))

    return workspace.database.run_in_transaction(_work)


def list_keys(workspace: Workspace) -> list[TrustedKey]:
    with workspace.database.reading() as session:
        keys = exchange(workspace, Repository(session))
        sequences = keys.last_sequences_by_key()
        return [key_record(row, sequences.get(row.fingerprint)) for row in keys.trusted_keys()]


def trusted_key(workspace: Workspace, fingerprint: str) -> TrustedKey | None:
    with workspace.database.reading() as session:
        row = exchange(workspace, Repository(session)).trusted_key(normalise(fingerprint))
        return None if row is None else key_record(row)


def snapshot(keys: ExchangeRepository, fingerprint: str) -> RevocationSnapshot:
    """What this office had received from the key (not rejected): bundles and their devices."""
    seen = [s for s in keys.seen_from_key(fingerprint) if s.outcome != BundleOutcome.REJECTED]
    return RevocationSnapshot(
        devices=tuple(sorted({s.device_id for s in seen})),
        bundles=tuple(sorted(s.bundle_id for s in seen)),
    )
