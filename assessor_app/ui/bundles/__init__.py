"""Signed dossier bundles in the desktop app: export, import (verify, preview, apply), quarantine,
the trust store, this installation's signing key and receipts (docs/bundle-format.md)."""
