"""Screens about administrative units across the reforms (the table of merges)."""
