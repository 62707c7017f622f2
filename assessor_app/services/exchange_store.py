"""The exchange tables (keys, seen and sent bundles, quarantine) of an open store, in the same
transaction as the store's `Repository`, their file paths taken relative to the data home."""

from __future__ import annotations

from assessor_app.services.workspace import Workspace
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import Repository


def exchange(workspace: Workspace, repo: Repository) -> ExchangeRepository:
    return ExchangeRepository(repo.session, workspace.home.root)


def exchange_tables(repo: Repository) -> ExchangeRepository:
    """For reading keys and sent bundles where no data home is at hand (no file paths)."""
    return ExchangeRepository(repo.session)
