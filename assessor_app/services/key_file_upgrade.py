"""Rewriting a signing key file made by an older version in the current format, at unlock."""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.errors import BundleError

log = logging.getLogger(__name__)


def upgrade_key_file(path: Path, key_file: bytes, key: Ed25519PrivateKey, passphrase: str) -> None:
    """Rewrite a key file made by an older version (or at a lower cost) in the current format.

    Best effort: the key is unlocked either way. On failure (disk full, read-only folder) the old
    file stays as it was, still opens, and the upgrade is tried again at the next unlock.
    """
    try:
        bundle_keys.upgrade_private_key_file(path, key_file, key, passphrase)
    except (OSError, BundleError) as error:
        # the reason only: an OSError's text names the path, which holds the user's name
        reason = error.strerror if isinstance(error, OSError) else error.code
        log.warning(
            "The signing key file keeps its older format until the next unlock: %s",
            reason or type(error).__name__,
        )
