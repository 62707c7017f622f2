"""The passphrase of the signing key, for commands that sign.

From `$ASSESSOR_PASSPHRASE` when set (scripts, tests: never type it on a command line, where the
shell history keeps it), else asked on the terminal without echo (twice for a new one). `keys
rotate` reads the new passphrase from `$ASSESSOR_NEW_PASSPHRASE` when set. With neither a terminal
nor the variable: `PASSPHRASE_REQUIRED`.
"""

from __future__ import annotations

import getpass
import os
import sys

from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _
from assessor_app.services import keys

PASSPHRASE_ENV = "ASSESSOR_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ASSESSOR_NEW_PASSPHRASE"


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise _required() from None


def _required(env: str = PASSPHRASE_ENV) -> InputError:
    return InputError(
        "PASSPHRASE_REQUIRED",
        N_(
            "A passphrase is needed: run the command on a terminal, or set the environment variable {variable}."
        ),
        variable=env,
    )


def read_secret(env: str, prompt: str) -> str:
    """A secret that is not the app's key (a certificate file's passphrase, a token's PIN): from
    `env` when set, else typed on the terminal without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise _required(env)
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise _required(env) from None


def read_passphrase(new: bool = False, env: str = PASSPHRASE_ENV) -> str:
    """The passphrase from `env`, else typed on the terminal (twice when `new`)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise _required()
    if not new:
        return _ask(_("Passphrase of the signing key: "))
    first = _ask(
        _("New passphrase (at least {count} characters): ").format(count=keys.MIN_PASSPHRASE)
    )
    if _ask(_("Type the new passphrase again: ")) != first:
        raise InputError(
            "PASSPHRASE_MISMATCH", N_("The two passphrases differ; nothing was changed.")
        )
    return first
