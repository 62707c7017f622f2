"""Signed dossier bundles (BagIt + Ed25519): export, verify, import."""
