"""Per-indicator version history, and the three-way merge of two stores' histories.

Every stored value of an indicator gets a version id (`vid`): the SHA-256 of the assessment uid, the
indicator, the value (None when cleared), who, when, and the parent version's vid. Two installations
that exchange bundles can then tell, for each indicator separately, whether one side is simply ahead
of the other (fast-forward) or both changed it since their common ancestor (a conflict for a person
to resolve). Pure functions; the store keeps the histories.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor_app.core.canonical import canonical_sha256

ROOT = ""  # the parent of an indicator's first version


def value_vid(
    assessment_uid: str, indicator: str, value: Any, author: str, at: str, parent: str
) -> str:
    payload = {"a": assessment_uid, "i": indicator, "v": value, "by": author, "at": at, "p": parent}
    return canonical_sha256(payload)


@dataclass(frozen=True)
class Version:
    vid: str
    parent: str
    value: Any  # JSON form; None = cleared
    author: str
    at: str


def ancestors(head: str, parents: Mapping[str, str]) -> list[str]:
    """`head` and its ancestors, newest first, as far as `parents` knows them."""
    chain, seen = [], set()
    current = head
    while current and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parents.get(current, ROOT)
    return chain


class MergeKind(enum.StrEnum):
    SAME = "same"  # nothing to do
    TAKE_INCOMING = "take_incoming"  # the local head is an ancestor of the incoming one
    KEEP_LOCAL = (
        "keep_local"  # the incoming head is an ancestor of (or equal in value to) the local one
    )
    CONFLICT = "conflict"  # both sides changed the indicator since their common ancestor


@dataclass(frozen=True)
class MergeDecision:
    indicator: str
    kind: MergeKind
    local: str  # local head vid ("" = no local value ever)
    incoming: str
    base: str  # common ancestor ("" = none)


def decide(
    indicator: str,
    local_head: str,
    incoming_head: str,
    parents: Mapping[str, str],
    values: Mapping[str, Any],
) -> MergeDecision:
    """The three-way decision for one indicator. `parents` and `values` cover the versions of both
    sides (vid → parent vid, vid → value)."""

    def result(kind: MergeKind, base: str) -> MergeDecision:
        return MergeDecision(indicator, kind, local_head, incoming_head, base)

    if incoming_head == local_head or not incoming_head:
        return result(MergeKind.SAME, local_head)
    if not local_head:
        return result(MergeKind.TAKE_INCOMING, ROOT)
    incoming_line = ancestors(incoming_head, parents)
    if local_head in incoming_line:
        return result(MergeKind.TAKE_INCOMING, local_head)
    local_line = ancestors(local_head, parents)
    if incoming_head in local_line:
        return result(MergeKind.KEEP_LOCAL, incoming_head)
    base = next((vid for vid in local_line if vid in set(incoming_line)), ROOT)
    if values.get(local_head) == values.get(incoming_head):
        return result(MergeKind.KEEP_LOCAL, base)  # the same figure reached twice: no conflict
    return result(MergeKind.CONFLICT, base)
