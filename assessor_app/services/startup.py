"""What every start of the app (a command, the desktop window) does once the store is open."""

from __future__ import annotations

from assessor_app.services import backups, bundle_export, housekeeping, reference_data
from assessor_app.services.workspace import Workspace


def prepare(workspace: Workspace) -> None:
    """Remove what a killed run left (unpacked bundles, half-built exports, half-copied evidence),
    load the shipped reference data on first use, and settle the exports a crash interrupted
    (recorded as sent, or their numbers burnt). Cheap when there is nothing to do."""
    housekeeping.sweep(workspace)
    reference_data.ensure_initialised(workspace)
    bundle_export.reconcile(workspace)


def prepare_desktop(workspace: Workspace) -> None:
    """`prepare`, and the day's copy of the store at the desktop app's first start of the day
    (commands leave the disk as they found it apart from what they do: scripts copy the store with
    `assessor-app store backup`; every import, from either interface, is preceded by a copy)."""
    prepare(workspace)
    backups.daily_backup(workspace)
