"""What every start of the app (a command, the desktop window) does once the store is open."""

from __future__ import annotations

from assessor_app.services import backups, bundle_export, housekeeping, reference_data
from assessor_app.services.workspace import Workspace


def prepare(workspace: Workspace) -> None:
    """Remove what a killed run left (unpacked bundles, half-built exports, half-copied evidence),
    load the shipped reference data on first use, and settle the exports a crash interrupted
    (recorded as sent, or their numbers burnt), and make the day's copy of the store at the first
    start of the day. Cheap when there is nothing to do."""
    housekeeping.sweep(workspace)
    backups.daily_backup(workspace)
    reference_data.ensure_initialised(workspace)
    bundle_export.reconcile(workspace)
