"""What every start of the app (a command, the desktop window) does once the store is open.

Cheap when there is nothing to do, and light to import: every command starts here, so what only an
interrupted export needs (the bundle code, its cryptography) is imported only when there is one.
"""

from __future__ import annotations

from assessor_app.domain.exchange import SentStatus
from assessor_app.services import housekeeping, reference_data
from assessor_app.services.exchange_store import exchange_tables
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository


def exports_to_settle(workspace: Workspace) -> bool:
    """Whether an export was interrupted before its number was settled (one query)."""
    with workspace.database.reading() as session:
        sent = exchange_tables(Repository(session)).sent_bundles()
        return any(bundle.status == SentStatus.RESERVED for bundle in sent)


def prepare(workspace: Workspace) -> None:
    """Remove what a killed run left (unpacked bundles, half-built exports, half-copied evidence),
    load the shipped reference data on first use, and settle the exports a crash interrupted
    (recorded as sent, or their numbers burnt). Cheap when there is nothing to do."""
    housekeeping.sweep(workspace)
    reference_data.ensure_initialised(workspace)
    if exports_to_settle(workspace):
        from assessor_app.services import bundle_export

        bundle_export.reconcile(workspace)


def prepare_desktop(workspace: Workspace) -> None:
    """`prepare`, and the day's copy of the store at the desktop app's first start of the day
    (commands leave the disk as they found it apart from what they do: scripts copy the store with
    `assessor-app store backup`; every import, from either interface, is preceded by a copy)."""
    from assessor_app.services import backups

    prepare(workspace)
    backups.daily_backup(workspace)
