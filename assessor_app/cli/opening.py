"""Opening the data home for a command: every command is a start of the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from assessor_app import i18n
from assessor_app.domain.errors import N_, InputError, StoreError
from assessor_app.i18n import _
from assessor_app.services import housekeeping, startup
from assessor_app.services.store_choice import (
    asks_for_password,
    chosen_store,
    url_parts,
    use_password,
)
from assessor_app.services.workspace import Workspace, open_workspace

T = TypeVar("T")


def parse_date(text: str | None, workspace: Workspace) -> date:
    """The date written YYYY-MM-DD, or today in Vietnam by the workspace's clock when none."""
    if not text:
        return workspace.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            "BAD_DATE", N_("'{text}' is not a date written YYYY-MM-DD."), text=text
        ) from None


def _opened(args: argparse.Namespace) -> Workspace:
    """The workspace of --home and --user, its records in the store of --store (else
    $ASSESSOR_STORE, else the data home's file)."""
    store = chosen_store(getattr(args, "store", None))
    return with_typed_password(
        store,
        lambda: open_workspace(
            getattr(args, "home", None), getattr(args, "user", None), store=store
        ),
    )


def with_typed_password(store: str | None, work: Callable[[], T]) -> T:
    """`work()` (which connects to `store`), asking on a terminal for the password when the
    server asks for one libpq has not got (kept in memory only), and trying again; a script (no
    terminal) gets the error, which names ~/.pgpass."""
    for attempt in range(1, PASSWORD_ATTEMPTS + 1):
        try:
            return work()
        except StoreError as error:
            if store is None or not asks_for_password(error) or attempt == PASSWORD_ATTEMPTS:
                raise
            if not sys.stdin.isatty():
                raise
            if error.code != "STORE_PASSWORD_NEEDED":
                sys.stderr.write(i18n.render(error) + "\n")
            try:
                password = _typed_password(store)
            except EOFError:  # Ctrl-D: no password after all
                raise error from None
            use_password(store, password)
    raise AssertionError("unreachable")


PASSWORD_ATTEMPTS = 4  # the first try without a typed password, then three passwords


def _typed_password(store: str) -> str:
    import getpass

    parts = url_parts(store)
    assert parts is not None
    prompt = _("Password of {user} on {host}, database {database}: ").format(
        user=parts.user, host=parts.host or "localhost", database=parts.database
    )
    return getpass.getpass(prompt)


def swept_workspace(args: argparse.Namespace) -> Workspace:
    workspace = _opened(args)
    # Each command is a start of the app: remove what a killed run (of either) left behind.
    housekeeping.sweep(workspace)
    return workspace


def prepared_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace a command works in (--home, --user, --store), prepared as the app prepares it at
    start; the command closes it."""
    workspace = _opened(args)
    # Every command is a start of the app; it works on a fresh home too.
    startup.prepare(workspace)
    return workspace
