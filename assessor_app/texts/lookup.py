"""Shared by the label modules: a code's label, or the code itself when it has none."""

from __future__ import annotations

from collections.abc import Mapping


def label_or_code(labels: Mapping[str, str], code: str) -> str:
    """The label of `code`, or the code itself when it has none (shown as recorded, never
    hidden)."""
    return labels.get(str(code), str(code))
