"""The hash-chained audit log, as pure functions.

Each entry's hash covers its content and the previous entry's hash, so editing or removing an entry
inside a chain breaks every later link. One chain per assessment (its id is the chain key): a bundle
can carry an assessment's whole history and the receiver can verify it alone. The head (last hash and
count) is also kept on the assessment, so removing the newest entries is detected too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.errors import N_

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    chain: str
    seq: int
    at: str
    actor: str
    action: str
    target: str
    old: Any
    new: Any
    reason: str
    prev_hash: str
    hash: str


def entry_hash(
    chain: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    target: str,
    old: Any,
    new: Any,
    reason: str,
    prev_hash: str,
) -> str:
    payload = {
        "chain": chain,
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "target": target,
        "old": old,
        "new": new,
        "reason": reason,
        "prev": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def make_entry(
    chain: str,
    previous: tuple[int, str],
    at: str,
    actor: str,
    action: str,
    target: str,
    old: Any,
    new: Any,
    reason: str = "",
) -> AuditEntry:
    """The entry that follows `previous` = (last seq, last hash); (0, GENESIS) for a new chain."""
    seq, prev_hash = previous[0] + 1, previous[1]
    digest = entry_hash(chain, seq, at, actor, action, target, old, new, reason, prev_hash)
    return AuditEntry(chain, seq, at, actor, action, target, old, new, reason, prev_hash, digest)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    code: str
    template: str

    def english(self) -> str:
        return self.template.format(seq=self.seq)


def verify_chain(
    entries: list[AuditEntry], head: tuple[int, str] | None = None
) -> list[ChainProblem]:
    """Every problem found in `entries` (ordered by seq); an empty list means the chain is intact."""
    problems: list[ChainProblem] = []
    expected_prev, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(
                ChainProblem(
                    expected_seq, "AUDIT_GAP", N_("Entry {seq} is missing or out of order.")
                )
            )
        if entry.prev_hash != expected_prev:
            problems.append(
                ChainProblem(
                    entry.seq, "AUDIT_LINK", N_("Entry {seq} does not follow the entry before it.")
                )
            )
        recomputed = entry_hash(
            entry.chain,
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.target,
            entry.old,
            entry.new,
            entry.reason,
            entry.prev_hash,
        )
        if recomputed != entry.hash:
            problems.append(
                ChainProblem(
                    entry.seq, "AUDIT_ALTERED", N_("Entry {seq} was altered after it was written.")
                )
            )
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    if head is not None and (len(entries), expected_prev) != (head[0], head[1]):
        problems.append(
            ChainProblem(
                head[0],
                "AUDIT_TRUNCATED",
                N_("The log ends before entry {seq}: entries were removed."),
            )
        )
    return problems
