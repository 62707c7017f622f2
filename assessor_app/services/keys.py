"""This installation's signing key, its device id and its bundle sequence numbers.

Files, in the data home (docs/bundle-format.md, "Keys"):

- `keys/signing-key.pem`: the Ed25519 private key encrypted with the owner's passphrase (scrypt and
  AES-256-GCM; a JSON document despite the historical name: `bundles.keys`), mode 0600, written
  atomically. A file in the older PKCS#8 format (PBKDF2, 2,048 rounds) is rewritten in the current
  one the first time it is unlocked, the old one kept until the new one is proven;
- `keys/retired-<fingerprint>.pem`: the previous keys, kept (still encrypted, in the current format)
  after a rotation. The app never opens them again; they are there for a person to recover from;
- `keys/rotations.json`: a copy of the rotation statements, oldest first (the store's `meta` row
  `key_rotations` is the authoritative copy; every bundle carries the chain in `rotation.json`).

The public half lives in `meta` (`key_public`, `key_fingerprint`, `key_owner`, `key_agency`,
`key_created`, `key_card`), so showing the key or writing its card never needs the passphrase.
The key is also enrolled in this store's own trust store (`via="own"`), so that the bundles and
receipts this installation signs verify here too. Every change is audited on the store chain.
"""

from __future__ import annotations

import base64
import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import cards, keys as bundle_keys
from assessor_app.core.files import PRIVATE_FILE, write_atomic
from assessor_app.domain.errors import N_, InputError, StateError, StoreError
from assessor_app.domain.exchange import KeyRole, KeyVia, TrustedKeyRecord
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import AGENCY, NAME, checked_clean, nfc
from assessor_app.services import permissions
from assessor_app.services.exchange_store import exchange
from assessor_app.services.key_file_upgrade import upgrade_key_file
from assessor_app.services.profile import KEY_ROLES, META_KIND as PROFILE_KIND, ProfileKind
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps
from assessor_app.texts import fingerprint_reading

# On a shared store (services/permissions.py) the store's own key speaks for the office in every
# file it signs (bundles, receipts, the province's catalogue releases): making or replacing it is
# decided by the publishers, as publishing is, not by whoever imports that day.
KEY_DUTY = Duty.PUBLISH

KEY_FILE = "signing-key.pem"
ROTATIONS_FILE = "rotations.json"
MIN_PASSPHRASE = 8  # characters; the key file may be copied off a lost laptop

log = logging.getLogger(__name__)

META_PUBLIC = "key_public"  # base64 of the 32 raw bytes
META_FINGERPRINT = "key_fingerprint"
META_OWNER = "key_owner"
META_AGENCY = "key_agency"
META_CREATED = "key_created"
META_CARD = "key_card"  # the self-signed card, JSON (signed when the key was made)
META_ROTATIONS = "key_rotations"  # JSON list of rotation statements, oldest first
META_ROLE = "key_role"  # team | office: declared on the card (from the profile at key creation)
META_DEVICE = "device_id"
META_SEQUENCE = "bundle_sequence"  # the last sequence number used by a bundle written here


@dataclass(frozen=True)
class KeyInfo:
    fingerprint: str  # lower-case hex SHA-256 of the raw public key
    formatted: str  # in groups of four, for reading aloud
    words: list[str]  # eight Vietnamese words for reading aloud (texts/fingerprint_reading.py)
    owner: str
    agency: str
    created: str
    public_key: str  # base64 of the 32 raw bytes
    path: Path  # the encrypted private key file
    rotations: int  # how many rotation statements this installation carries
    role: str = "team"  # team | office, as the card declares

    @property
    def digits(self) -> list[str]:
        """Six groups of five digits for reading aloud (texts/fingerprint_reading.py)."""
        return fingerprint_reading.digit_groups(self.fingerprint)


@dataclass(frozen=True)
class CardFiles:
    card: Path  # the card JSON (self-signed)
    qr: Path  # the QR code PNG: the card's name + ".png"


def keys_dir(workspace: Workspace) -> Path:
    return workspace.home.root / "keys"


def key_path(workspace: Workspace) -> Path:
    return keys_dir(workspace) / KEY_FILE


def retired_path(workspace: Workspace, fingerprint: str) -> Path:
    return keys_dir(workspace) / f"retired-{fingerprint}.pem"


def card_png_path(out: Path) -> Path:
    """The QR code beside a card: `FILE.png` (the suffix is appended: `card.json.png`)."""
    return out.with_name(out.name + ".png")


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _check_passphrase(passphrase: str) -> str:
    passphrase = nfc(passphrase)
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError(
            "KEY_WEAK_PASSPHRASE",
            N_("The passphrase must have at least {count} characters."),
            count=MIN_PASSPHRASE,
        )
    return passphrase


def _no_key() -> StateError:
    return StateError(
        "KEY_NONE",
        N_("This installation has no signing key yet; create one with `assessor-app keys init`."),
    )


# --- inside a transaction (the exporter and the importer call these in theirs)


def device_id_in(repo: Repository) -> str:
    """The installation's device id (a UUID made once, kept in `meta`)."""
    value = repo.meta(META_DEVICE)
    if not value:
        value = str(uuid.uuid4())
        repo.set_meta(META_DEVICE, value)
    return value


def last_sequence_in(repo: Repository) -> int:
    return int(repo.meta(META_SEQUENCE) or "0")


def rotations_in(repo: Repository) -> list[dict[str, Any]]:
    raw = repo.meta(META_ROTATIONS)
    statements: list[dict[str, Any]] = json.loads(raw) if raw else []
    return statements


def _info_in(workspace: Workspace, repo: Repository) -> KeyInfo | None:
    fingerprint = repo.meta(META_FINGERPRINT)
    if not fingerprint:
        return None
    return KeyInfo(
        fingerprint=fingerprint,
        formatted=bundle_keys.format_fingerprint(fingerprint),
        words=fingerprint_reading.words(fingerprint),
        owner=repo.meta(META_OWNER) or "",
        agency=repo.meta(META_AGENCY) or "",
        created=repo.meta(META_CREATED) or "",
        public_key=repo.meta(META_PUBLIC) or "",
        path=key_path(workspace),
        rotations=len(rotations_in(repo)),
        role=role_in(repo),
    )


def role_in(repo: Repository) -> str:
    """The role this installation's key declares: set when the key was made, else the profile's
    kind (an office profile makes an office key), else team."""
    kind = repo.meta(PROFILE_KIND) or ""
    by_kind = KEY_ROLES[ProfileKind(kind)] if kind in set(ProfileKind) else ""
    role = repo.meta(META_ROLE) or by_kind or cards.ROLES[0]
    return role if role in cards.ROLES else cards.ROLES[0]


def _store_public_half(
    workspace: Workspace,
    repo: Repository,
    key: Ed25519PrivateKey,
    owner: str,
    agency: str,
    created: str,
    role: str,
) -> str:
    raw = bundle_keys.public_raw(key)
    fingerprint = bundle_keys.fingerprint(raw)
    device = device_id_in(repo)
    card = cards.make_card(key, owner, agency, created, role, device)
    repo.set_meta(META_PUBLIC, b64(raw))
    repo.set_meta(META_FINGERPRINT, fingerprint)
    repo.set_meta(META_OWNER, owner)
    repo.set_meta(META_AGENCY, agency)
    repo.set_meta(META_CREATED, created)
    repo.set_meta(META_ROLE, role)
    repo.set_meta(META_CARD, dumps(card))
    trust_store = exchange(workspace, repo)
    if trust_store.trusted_key(fingerprint) is None:
        trust_store.add_trusted_key(
            TrustedKeyRecord(
                fingerprint=fingerprint,
                public_key=b64(raw),
                owner=owner,
                agency=agency,
                enrolled_at=created,
                enrolled_by=workspace.actor,
                via=KeyVia.OWN,
                role=KeyRole(role),
                device_id=device,
            )
        )
    return fingerprint


def _refresh_card(workspace: Workspace, key: Ed25519PrivateKey) -> None:
    """Re-make a card written before cards named their role and device (version 1), now that the
    key is unlocked: offices then bind the key to this installation when they enrol it."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        raw = repo.meta(META_CARD)
        if not raw or cards.card_version(json.loads(raw)) == cards.CARD_VERSION:
            return
        if repo.meta(META_FINGERPRINT) != bundle_keys.fingerprint(bundle_keys.public_raw(key)):
            return
        card = cards.make_card(
            key,
            repo.meta(META_OWNER) or "",
            repo.meta(META_AGENCY) or "",
            repo.meta(META_CREATED) or workspace.clock(),
            role_in(repo),
            device_id_in(repo),
        )
        repo.set_meta(META_ROLE, role_in(repo))
        repo.set_meta(META_CARD, dumps(card))

    workspace.database.run_in_transaction(_work)


# --- use cases


def _exists(path: Path) -> StateError:
    return StateError(
        "KEY_EXISTS",
        N_(
            "This installation already has a signing key ({path}); use `assessor-app keys rotate` to replace it."
        ),
        path=str(path),
    )


def require_no_key(workspace: Workspace) -> None:
    """Refuse early (before asking for a new passphrase) when there is a key already."""
    if key_info(workspace) is not None or key_path(workspace).exists():
        raise _exists(key_path(workspace))


def _check_role(role: str) -> str:
    if role not in cards.ROLES:
        raise InputError(
            "KEY_BAD_ROLE",
            N_("Unknown key role '{role}'; use one of: {allowed}."),
            role=role,
            allowed=", ".join(cards.ROLES),
        )
    return role


def init_key(
    workspace: Workspace, name: str, agency: str, passphrase: str, role: str | None = None
) -> KeyInfo:
    """Make this installation's signing key. Refused when it has one (use `rotate`).

    `role` (team | office) is what the key card declares; by default the profile's kind."""
    owner, organisation = checked_clean(name, NAME), checked_clean(agency, AGENCY)
    if not owner or not organisation:
        raise InputError(
            "KEY_OWNER_REQUIRED", N_("A signing key needs the owner's name and agency.")
        )
    if role is not None:
        _check_role(role)
    passphrase = _check_passphrase(passphrase)
    path = key_path(workspace)
    key = bundle_keys.generate_key()
    key_file = bundle_keys.encrypt_private_key(key, passphrase)
    written = False
    try:
        # no retry: the key file is written inside, so that a failed commit deletes it; a second
        # run would find it and refuse (KEY_EXISTS). One person makes an installation's key.
        with workspace.database.transaction() as session:
            repo = Repository(session)
            permissions.require(workspace, repo, KEY_DUTY)
            if repo.meta(META_FINGERPRINT) or path.exists():
                raise _exists(path)
            now = workspace.clock()
            chosen_role = role or role_in(repo)
            fingerprint = _store_public_half(
                workspace, repo, key, owner, organisation, now, chosen_role
            )
            repo.append_audit(
                STORE_CHAIN,
                now,
                workspace.actor,
                "key_init",
                f"key:{fingerprint}",
                None,
                {
                    "fingerprint": fingerprint,
                    "owner": owner,
                    "agency": organisation,
                    "role": chosen_role,
                },
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            bundle_keys.write_private_key_file(path, key_file)
            written = True
    except BaseException:
        if written:
            path.unlink(missing_ok=True)
        raise
    info = key_info(workspace)
    assert info is not None
    return info


def key_info(workspace: Workspace) -> KeyInfo | None:
    """The public half of this installation's key, or None before `init_key`."""
    with workspace.database.reading() as session:
        return _info_in(workspace, Repository(session))


def require_key_info(workspace: Workspace) -> KeyInfo:
    info = key_info(workspace)
    if info is None:
        raise _no_key()
    return info


def device_id(workspace: Workspace) -> str:
    def _work(session: WriteSession) -> str:
        return device_id_in(Repository(session))

    return workspace.database.run_in_transaction(_work)


def unlock(workspace: Workspace, passphrase: str) -> Ed25519PrivateKey:
    """The private key, decrypted with the owner's passphrase (`KEY_BAD_PASSPHRASE` if wrong)."""
    info = require_key_info(workspace)
    try:
        key_file = info.path.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            "KEY_FILE_MISSING",
            N_(
                "The signing key file {path} is missing; restore it from a backup or make a new key with `assessor-app keys rotate`."
            ),
            path=str(info.path),
        ) from None
    except OSError as error:
        raise StoreError(
            "KEY_FILE_UNREADABLE",
            N_("The signing key file {path} cannot be read: {reason}"),
            path=str(info.path),
            reason=error.strerror or str(error),
        ) from None
    # A current file names its key in clear: another key's file is told apart from a wrong
    # passphrase without running the (deliberately slow) key derivation.
    if bundle_keys.key_file_fingerprint(key_file) not in (None, info.fingerprint):
        raise _mismatch(info)
    key = bundle_keys.decrypt_private_key(key_file, nfc(passphrase))
    if bundle_keys.fingerprint(bundle_keys.public_raw(key)) != info.fingerprint:
        raise _mismatch(info)
    if bundle_keys.needs_upgrade(key_file):
        upgrade_key_file(info.path, key_file, key, passphrase)
    _refresh_card(workspace, key)
    return key


def _mismatch(info: KeyInfo) -> StoreError:
    return StoreError(
        "KEY_FILE_MISMATCH",
        N_(
            "The signing key file {path} does not hold the key registered in this store ({fingerprint})."
        ),
        path=str(info.path),
        fingerprint=info.formatted,
    )


def card_document(workspace: Workspace) -> dict[str, Any]:
    """The self-signed key card of this installation (made with the key, no passphrase needed)."""
    with workspace.database.reading() as session:
        raw = Repository(session).meta(META_CARD)
    if not raw:
        raise _no_key()
    document: dict[str, Any] = json.loads(raw)
    return document


def write_card(workspace: Workspace, out: Path) -> CardFiles:
    """Write the key card to `out` (JSON) and its QR code to `out` + ".png" (`card.json.png`)."""
    document = card_document(workspace)
    png = card_png_path(out)
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")
    try:
        write_atomic(out, data + b"\n")
        cards.card_qr_png(document, png)
    except OSError as error:
        out.unlink(missing_ok=True)
        raise StoreError(
            "CARD_WRITE_FAILED",
            N_("The key card cannot be written to {folder}: {reason}"),
            folder=str(out.parent),
            reason=error.strerror or str(error),
        ) from None
    return CardFiles(out, png)


def rotate(workspace: Workspace, old_passphrase: str, new_passphrase: str) -> KeyInfo:
    """Replace the signing key. The new key is announced by a statement signed with the old one,
    which every later bundle carries, so offices that trust the old key trust the new one."""
    permissions.check(workspace, KEY_DUTY)  # before unlocking (which may rewrite the key file)
    old_key = unlock(workspace, old_passphrase)
    new_passphrase = _check_passphrase(new_passphrase)
    info = require_key_info(workspace)
    path, retired = key_path(workspace), retired_path(workspace, info.fingerprint)
    old_file = path.read_bytes()
    # `unlock` has just upgraded the file; if that failed, the key is retired in the current format
    retired_file = (
        bundle_keys.encrypt_private_key(old_key, old_passphrase)
        if bundle_keys.needs_upgrade(old_file)
        else old_file
    )
    new_key = bundle_keys.generate_key()
    new_file = bundle_keys.encrypt_private_key(new_key, new_passphrase)
    replaced = False
    try:
        # no retry: the key files are replaced inside, so that a failed commit puts the old one
        # back; a second run would sign with a key already replaced. One person rotates it.
        with workspace.database.transaction() as session:
            repo = Repository(session)
            permissions.require(workspace, repo, KEY_DUTY)
            if repo.meta(META_FINGERPRINT) != info.fingerprint:
                raise StateError(
                    "KEY_CHANGED",
                    N_("The signing key was changed meanwhile; try again."),
                )
            now = workspace.clock()
            statement = cards.make_rotation(old_key, new_key, info.owner, info.agency, now)
            statements = [*rotations_in(repo), statement]
            repo.set_meta(META_ROTATIONS, dumps(statements))
            new_fingerprint = _store_public_half(
                workspace, repo, new_key, info.owner, info.agency, now, role_in(repo)
            )
            trust_store = exchange(workspace, repo)
            if trust_store.trusted_key(info.fingerprint) is not None:
                trust_store.set_replaced_by(info.fingerprint, new_fingerprint)
            repo.append_audit(
                STORE_CHAIN,
                now,
                workspace.actor,
                "key_rotate",
                f"key:{new_fingerprint}",
                {"fingerprint": info.fingerprint},
                {"fingerprint": new_fingerprint},
            )
            bundle_keys.write_private_key_file(retired, retired_file)
            bundle_keys.write_private_key_file(path, new_file)
            replaced = True
            write_atomic(
                keys_dir(workspace) / ROTATIONS_FILE,
                json.dumps(statements, ensure_ascii=False, indent=2).encode("utf-8") + b"\n",
                mode=PRIVATE_FILE,
            )
    except BaseException:
        if replaced:  # the store still names the old key: put its file back
            bundle_keys.write_private_key_file(path, old_file)
        raise
    return require_key_info(workspace)
