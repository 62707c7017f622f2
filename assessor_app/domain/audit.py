"""The hash-chained audit log, as pure functions.

Each entry's hash covers its content and the previous entry's hash, so editing or removing an entry
inside a chain breaks every later link. One chain per assessment (its id is the chain key): a bundle
can carry an assessment's whole history and the receiver can verify it alone. The head (last hash and
count) is also kept on the assessment, so removing the newest entries is detected too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.core.canonical import canonical_sha256
from assessor_app.core.messages import Message
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
    return canonical_sha256(payload)


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
class ChainProblem(Message):
    """What is wrong with an audit log, at which entry (`params["seq"]`), as the one message
    type."""

    @property
    def seq(self) -> int:
        seq = self.params.get("seq", 0)
        return seq if isinstance(seq, int) else 0


def chain_problem(seq: int, code: str, template: str, **details: Any) -> ChainProblem:
    return ChainProblem(code, template, {"seq": seq, **details})


def verify_chain(
    entries: list[AuditEntry], head: tuple[int, str] | None = None
) -> list[ChainProblem]:
    """Every problem found in `entries` (ordered by seq); an empty list means the chain is intact."""
    problems: list[ChainProblem] = []
    expected_prev, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(
                chain_problem(
                    expected_seq, "AUDIT_GAP", N_("Entry {seq} is missing or out of order.")
                )
            )
        if entry.prev_hash != expected_prev:
            problems.append(
                chain_problem(
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
                chain_problem(
                    entry.seq, "AUDIT_ALTERED", N_("Entry {seq} was altered after it was written.")
                )
            )
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    if head is not None and (len(entries), expected_prev) != (head[0], head[1]):
        problems.append(
            chain_problem(
                head[0],
                "AUDIT_TRUNCATED",
                N_("The log ends before entry {seq}: entries were removed."),
            )
        )
    return problems


# --- replaying a chain: what the store must hold if the log tells the whole story

# Actions that change an indicator's value: `new` is the value (for "resolve", {"choice", "value"}).
VALUE_ACTIONS = ("set_value", "clear_value", "merge", "resolve")
# Actions that count as a revision of the assessment (services/assessments.py, merge.py).
REVISING_ACTIONS = ("set_value", "clear_value", "finalize", "reopen", "migrate_catalogue")


@dataclass(frozen=True)
class ReplayedState:
    """What an assessment's local audit chain says its current state is."""

    values: dict[str, Any]  # indicator → value JSON; cleared indicators are absent
    status: str | None  # None when no entry says (a chain that does not start at the beginning)
    revision: int | None  # None when the log cannot tell (an import older than this check)
    deleted: bool


# The status each of these actions leaves (an import's is in its entry).
_STATUS_AFTER = {"create": "draft", "finalize": "finalized", "reopen": "draft"}


@dataclass
class _Replay:
    values: dict[str, Any]
    status: str | None = None
    revision: int | None = None
    deleted: bool = False

    def value(self, entry: AuditEntry) -> None:
        code = entry.target.removeprefix("indicator:")
        new = entry.new
        value = new.get("value") if entry.action == "resolve" and isinstance(new, dict) else new
        if value is None:
            self.values.pop(code, None)
        else:
            self.values[code] = value

    def imported(self, new: dict[str, Any]) -> None:
        self.status = str(new.get("status", self.status))
        if new.get("action") == "new":  # a revision made elsewhere, recorded in the entry
            recorded = new.get("revision")
            self.revision = recorded if isinstance(recorded, int) else None
        elif new.get("action") not in ("same", None) and self.revision is not None:
            self.revision += 1


def replay(entries: list[AuditEntry]) -> ReplayedState:
    """Apply the entries of an assessment's local chain in order (domain of services/assessments.py
    and services/merge.py: which action changes what)."""
    state = _Replay({})
    for entry in entries:
        action = entry.action
        if action in VALUE_ACTIONS and entry.target.startswith("indicator:"):
            state.value(entry)
        if action == "create":
            state.revision = 0
        if action in _STATUS_AFTER:
            state.status = _STATUS_AFTER[action]
        elif action == "delete":
            state.deleted = True
        elif action == "import" and isinstance(entry.new, dict):
            state.imported(entry.new)
        if action in REVISING_ACTIONS and state.revision is not None:
            state.revision += 1
    return ReplayedState(state.values, state.status, state.revision, state.deleted)


def compare_with_store(
    replayed: ReplayedState,
    values: dict[str, Any],
    status: str,
    revision: int,
    deleted: bool,
    last_seq: int,
) -> list[ChainProblem]:
    """Where the store's current state differs from what its log says: a value, the status or the
    revision changed without an entry (an edit of the store file outside the app)."""
    problems: list[ChainProblem] = []
    for code in sorted(set(values) | set(replayed.values)):
        if values.get(code) != replayed.values.get(code):
            problems.append(
                chain_problem(
                    last_seq,
                    "AUDIT_VALUE_MISMATCH",
                    N_(
                        "The stored figure of {indicator} is not the one the audit log records: it was changed outside the app."
                    ),
                    indicator=code,
                )
            )
    if replayed.status is not None and replayed.status != status:
        problems.append(
            chain_problem(
                last_seq,
                "AUDIT_STATUS_MISMATCH",
                N_(
                    "The stored status ({status}) is not the one the audit log records ({logged}): it was changed outside the app."
                ),
                status=status,
                logged=replayed.status,
            )
        )
    if replayed.revision is not None and replayed.revision != revision:
        problems.append(
            chain_problem(
                last_seq,
                "AUDIT_REVISION_MISMATCH",
                N_(
                    "The stored revision number ({revision}) is not the one the audit log implies ({logged}): the store was changed outside the app."
                ),
                revision=revision,
                logged=replayed.revision,
            )
        )
    if replayed.deleted != deleted:
        problems.append(
            chain_problem(
                last_seq,
                "AUDIT_DELETION_MISMATCH",
                N_(
                    "Whether the assessment is deleted does not match its audit log: the store was changed outside the app."
                ),
            )
        )
    return problems
