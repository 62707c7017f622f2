"""Checking audit logs as evidence, and signing their heads (docs/store.md, "What the audit log
proves").

A log is checked in three ways:

1. its hash chain (domain/audit.py `verify_chain`): an entry edited or removed inside the log, or
   the newest entries removed (against the head kept on the assessment, or in `meta` for the
   store's own log);
2. replayed (`domain/audit.replay`): the figures, status and revision the store holds now must be
   what the log says, so a figure changed in the store file without an entry is found;
3. its signed heads: a person with the store file can rewrite an entry and recompute every hash
   after it, or cut the tail and fix the head — but not re-sign. Each head signed by a trusted key
   (this installation's own, or an enrolled one) must match the entry it names; the entries after
   the last signed head are reported as unsigned.

Heads are signed with this installation's key when an assessment is finalised (when the key's
passphrase is given) and when it is exported; they travel in bundles and are checked on import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import audit_heads, keys as bundle_keys
from assessor_app.bundles.errors import BundleError
from assessor_app.domain.audit import (
    AuditEntry,
    ChainProblem,
    chain_problem,
    compare_with_store,
    replay,
    verify_chain,
)
from assessor_app.domain.errors import N_
from assessor_app.services import keys
from assessor_app.services.exchange_store import exchange_tables
from assessor_app.services.records import AuditReport
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps


@dataclass(frozen=True)
class ChainCheck:
    """One log of the store, checked."""

    chain: str  # "store", an assessment's uid, or "uid@device" (a copy of another device's)
    kind: str  # store | assessment | foreign | orphan
    entries: int
    problems: tuple[ChainProblem, ...]
    signed_seq: int = 0  # the last entry vouched for by a trusted signed head (0: none)
    signed_by: str = ""  # that head's key fingerprint

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def unsigned(self) -> int:
        return self.entries - self.signed_seq


@dataclass(frozen=True)
class StoreAudit:
    chains: tuple[ChainCheck, ...]

    @property
    def intact(self) -> bool:
        return all(c.intact for c in self.chains)

    @property
    def entries(self) -> int:
        return sum(c.entries for c in self.chains)


# --- signing


def sign_head(
    repo: Repository, key: Ed25519PrivateKey, row: AssessmentRecord, device_id: str, now: str
) -> bool:
    """Sign the head of the assessment's local log with this installation's key (once per entry
    and key); False when there is nothing new to sign."""
    if row.audit_count < 1:
        return False
    fingerprint = bundle_keys.fingerprint(bundle_keys.public_raw(key))
    document = audit_heads.make_head(key, row.uid, device_id, row.audit_count, row.audit_head, now)
    return repo.add_signed_head(
        row.uid, row.audit_count, row.audit_head, fingerprint, now, dumps(document)
    )


def head_documents(repo: Repository, uid: str) -> list[dict[str, Any]]:
    """Every signed head of the assessment's logs (its own and the copies of others'), as signed:
    what a bundle carries."""
    documents: list[dict[str, Any]] = []
    for chain in repo.audit_chains(uid):
        documents.extend(json.loads(row.document) for row in repo.signed_heads(chain))
    return documents


# --- checking signed heads


def _vouching(repo: Repository, fingerprint: str) -> bool:
    """A key whose signature counts here: enrolled (or this installation's own), not revoked."""
    row = exchange_tables(repo).trusted_key(fingerprint)
    return row is not None and row.revoked_above_seq is None


def check_heads(
    repo: Repository,
    heads: Sequence[audit_heads.SignedHead],
    entries: Sequence[AuditEntry],
) -> tuple[int, str, list[ChainProblem]]:
    """(last vouched seq, its key, problems) for signed heads of the log `entries`; only heads
    signed by a key trusted here count (`_vouching`)."""
    best, by = 0, ""
    problems: list[ChainProblem] = []
    for head in heads:
        if not _vouching(repo, head.fingerprint):
            continue  # a signature by a key not trusted here vouches for nothing
        problem = head_problem(head, entries)
        if problem is not None:
            problems.append(problem)
        elif head.seq > best:
            best, by = head.seq, head.fingerprint
    return best, by, problems


def head_problem(
    head: audit_heads.SignedHead, entries: Sequence[AuditEntry]
) -> ChainProblem | None:
    """Why the log `entries` does not have the entry `head` signed (None: it does)."""
    if head.seq > len(entries):
        return chain_problem(
            head.seq,
            "AUDIT_SIGNED_TRUNCATED",
            N_(
                "Entry {seq} of the log was signed, but the log now ends at entry {count}: entries were removed."
            ),
            count=len(entries),
        )
    if entries[head.seq - 1].hash != head.hash:
        return chain_problem(
            head.seq,
            "AUDIT_SIGNED_MISMATCH",
            N_(
                "Entry {seq} of the log is not the one that was signed: the log was rewritten after it was signed."
            ),
        )
    return None


def _stored_heads(
    repo: Repository, chain: str, uid: str, device: str
) -> tuple[list[audit_heads.SignedHead], list[ChainProblem]]:
    heads, problems = [], []
    for row in repo.signed_heads(chain):
        try:
            head = audit_heads.read_head(json.loads(row.document))
        except (BundleError, ValueError):
            head = None
        if (
            head is None
            or (head.seq, head.hash, head.fingerprint) != (row.seq, row.hash, row.key_fingerprint)
            or head.assessment != uid
            or (device and head.device_id != device)
        ):
            problems.append(
                chain_problem(
                    row.seq,
                    "AUDIT_HEAD_INVALID",
                    N_(
                        "The signature recorded for entry {seq} of the log is damaged or does not belong to this log: it was altered."
                    ),
                )
            )
            continue
        heads.append(head)
    return heads, problems


# --- checking logs


def check_assessment(repo: Repository, row: AssessmentRecord) -> AuditReport:
    """The assessment's local log: chain, head, replay against the store, signed heads."""
    entries = repo.audit_entries(row.uid)
    problems = verify_chain(entries, (row.audit_count, row.audit_head))
    values = {code: v.value for code, v in repo.stored_values(row.id).items()}
    problems += compare_with_store(
        replay(entries),
        values,
        row.status.value,
        row.revision,
        row.deleted_at is not None,
        len(entries),
    )
    own_device = repo.meta(keys.META_DEVICE) or ""
    heads, head_problems = _stored_heads(repo, row.uid, row.uid, own_device)
    signed, by, signature_problems = check_heads(repo, heads, entries)
    return AuditReport(
        row.uid, entries, [*problems, *head_problems, *signature_problems], signed, by
    )


def _check_foreign(repo: Repository, chain: str) -> ChainCheck:
    uid, _sep, device = chain.partition("@")
    entries = repo.audit_entries(chain)
    # Every device writes its log under the assessment's uid: the hashes cover that name.
    problems = verify_chain([replace(e, chain=uid) for e in entries])
    heads, head_problems = _stored_heads(repo, chain, uid, device)
    signed, by, signature_problems = check_heads(repo, heads, entries)
    return ChainCheck(
        chain,
        "foreign",
        len(entries),
        (*problems, *head_problems, *signature_problems),
        signed,
        by,
    )


def verify_store(workspace: Workspace) -> StoreAudit:
    """Every log in the store: each assessment's (with replay and signatures), the copies of other
    devices' logs received in bundles, and the store's own log (key, trust and profile changes)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        checks: list[ChainCheck] = []
        uids = {row.uid: row for row in repo.assessment_records(include_deleted=True)}
        chains = set(repo.all_chains()) | set(uids) | {STORE_CHAIN}
        for chain in sorted(chains):
            if chain == STORE_CHAIN:
                entries = repo.audit_entries(chain)
                checks.append(
                    ChainCheck(
                        chain,
                        "store",
                        len(entries),
                        tuple(verify_chain(entries, repo.store_chain_head())),
                    )
                )
            elif chain in uids:
                report = check_assessment(repo, uids[chain])
                checks.append(
                    ChainCheck(
                        chain,
                        "assessment",
                        len(report.entries),
                        tuple(report.problems),
                        report.signed_seq,
                        report.signed_by,
                    )
                )
            elif "@" in chain:
                checks.append(_check_foreign(repo, chain))
            else:
                entries = repo.audit_entries(chain)
                checks.append(
                    ChainCheck(
                        chain,
                        "orphan",
                        len(entries),
                        (
                            chain_problem(
                                len(entries),
                                "AUDIT_ASSESSMENT_MISSING",
                                N_(
                                    "The assessment this log belongs to is missing from the store: it was removed outside the app."
                                ),
                            ),
                        ),
                    )
                )
        return StoreAudit(tuple(checks))


# --- signed heads in bundles


def bundle_heads(
    documents: Sequence[Any], uid: str
) -> tuple[list[tuple[audit_heads.SignedHead, dict[str, Any]]], list[ChainProblem]]:
    """The signed heads a bundle carries for assessment `uid`, each checked on its own (shape,
    signature by its embedded key, the assessment it names)."""
    heads, problems = [], []
    for document in documents:
        try:
            head = audit_heads.read_head(document)
        except BundleError:
            head = None
        if head is None or head.assessment != uid:
            seq = document.get("seq") if isinstance(document, dict) else 0
            problems.append(
                chain_problem(
                    seq if isinstance(seq, int) else 0,
                    "AUDIT_HEAD_INVALID",
                    N_(
                        "A signature of the audit log in the bundle (entry {seq}) is damaged or belongs to another log: it was altered."
                    ),
                )
            )
            continue
        heads.append((head, dict(document)))
    return heads, problems


def plan_bundle_heads(
    repo: Repository,
    uid: str,
    documents: Sequence[Any],
    chains: Mapping[str, Sequence[AuditEntry]],
    own_device: str,
) -> tuple[list[tuple[str, audit_heads.SignedHead, dict[str, Any]]], list[ChainProblem]]:
    """Check the bundle's signed heads against the logs they name (the bundle's copy, or this
    store's own log for heads of this device's log): (heads to store with their chain here,
    problems). A head that does not match its log means the log was rewritten after signing."""
    valid, problems = bundle_heads(documents, uid)
    to_store = []
    for head, document in valid:
        if head.device_id == own_device:
            chain, entries = uid, list(repo.audit_entries(uid))
        else:
            chain = f"{uid}@{head.device_id}"
            entries = list(chains.get(chain, ()))
        mismatch = head_problem(head, entries)
        if mismatch is not None:
            problems.append(mismatch)
            continue
        to_store.append((chain, head, document))
    return to_store, problems


def store_bundle_heads(
    repo: Repository, heads: Sequence[tuple[str, audit_heads.SignedHead, dict[str, Any]]]
) -> None:
    for chain, head, document in heads:
        repo.add_signed_head(
            chain, head.seq, head.hash, head.fingerprint, head.signed_at, dumps(document)
        )


def unsigned_in_bundle(
    documents: Sequence[Any],
    uid: str,
    entries: Sequence[AuditEntry],
    device_id: str,
    signer: str,
) -> int:
    """How many entries of the sender's log (device `device_id`) come after the last head signed
    by the bundle's signer that matches it."""
    valid, _problems = bundle_heads(documents, uid)
    signed = 0
    for head, _document in valid:
        if head.device_id != device_id or head.fingerprint != signer:
            continue
        if head_problem(head, entries) is None:
            signed = max(signed, head.seq)
    return len(entries) - signed
