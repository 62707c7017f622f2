"""Opening the data home for a command: every command is a start of the app."""

from __future__ import annotations

import argparse
from datetime import date

from assessor_app.domain.errors import N_, InputError
from assessor_app.services import housekeeping, startup
from assessor_app.services.store_choice import chosen_store
from assessor_app.services.workspace import Workspace, open_workspace


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
    return open_workspace(getattr(args, "home", None), getattr(args, "user", None), store=store)


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
