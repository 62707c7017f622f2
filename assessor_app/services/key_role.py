"""Giving an existing province installation's key the province's role (`keys set-role province`,
docs/bundle-format.md, "Keys"). A province office that made its key before the role existed has a
card saying "office": teams would refuse its catalogue releases. With the profile set to the
province office (Settings → Profile, or `store profile`), the owner unlocks the key once: the card
is made again, self-signed, declaring "province" (same key, same fingerprint, same device), and
the change is audited. Each team then enrols the new card again, checking the fingerprint in
person as the first time (`keys enrol CARD --fingerprint FP --role province`): an office's key
enrolled before takes the province's role (services/trust_keys.py)."""

from __future__ import annotations

from assessor_app.bundles import cards
from assessor_app.domain.errors import N_, StateError
from assessor_app.domain.exchange import KeyRole
from assessor_app.services import keys, permissions
from assessor_app.services.exchange_store import exchange
from assessor_app.services.profile import META_KIND, ProfileKind
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps


def take_province_role(workspace: Workspace, passphrase: str) -> keys.KeyInfo:
    """Re-make this installation's key card with the province's role (see the module)."""
    info = keys.require_key_info(workspace)
    if info.role == KeyRole.PROVINCE:
        return info
    permissions.check(workspace, keys.KEY_DUTY)  # the publishers' (services/keys.py)
    key = keys.unlock(workspace, passphrase)  # a wrong passphrase fails before any change

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        permissions.require(workspace, repo, keys.KEY_DUTY)
        if repo.meta(META_KIND) != ProfileKind.PROVINCE:
            raise StateError(
                "KEY_ROLE_NOT_PROVINCE",
                N_(
                    "Only the province office's installation takes the province's role; set the profile to the province office first (Settings → Profile)."
                ),
            )
        device = keys.device_id_in(repo)
        card = cards.make_card(
            key,
            repo.meta(keys.META_OWNER) or "",
            repo.meta(keys.META_AGENCY) or "",
            repo.meta(keys.META_CREATED) or workspace.clock(),
            KeyRole.PROVINCE.value,
            device,
        )
        repo.set_meta(keys.META_ROLE, KeyRole.PROVINCE.value)
        repo.set_meta(keys.META_CARD, dumps(card))
        exchange(workspace, repo).set_key_role(info.fingerprint, KeyRole.PROVINCE, device)
        repo.append_audit(
            STORE_CHAIN,
            workspace.clock(),
            workspace.actor,
            "key_role",
            f"key:{info.fingerprint}",
            {"role": info.role},
            {"role": KeyRole.PROVINCE.value},
        )

    workspace.database.run_in_transaction(_work)
    return keys.require_key_info(workspace)
