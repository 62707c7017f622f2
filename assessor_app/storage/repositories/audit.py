"""The audit log: hash-chained entries per chain (domain/audit.py), chain heads, signed heads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select

from assessor_app.domain.audit import GENESIS, AuditEntry, make_entry
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repositories.base import Queries, dumps
from assessor_app.storage.schema import AssessmentRow, AuditRow, SignedHeadRow

STORE_CHAIN = "store"  # audit chain for changes that belong to no assessment (unit categories...)
STORE_HEAD = "store_chain_head"  # meta: "<seq>:<hash>" of the store chain's last entry


_CHAINS_PER_QUERY = 500  # bound parameters per query, well under SQLite's limit


def audit_chains_query(assessment_uid: str) -> Select[str]:
    """The chains of an assessment: its uid, and "uid@device" as a range of the index on
    (chain, seq): "@" comes just before "A" in the column's binary order, so exactly the chains `uid@…`
    sort between the bounds.
    (A LIKE would read the whole log: SQLite's LIKE is case-insensitive and skips the index.)"""
    return (
        select(AuditRow.chain)
        .where(
            (AuditRow.chain == assessment_uid)
            | ((AuditRow.chain >= f"{assessment_uid}@") & (AuditRow.chain < f"{assessment_uid}A"))
        )
        .distinct()
    )


class AuditQueries(Queries):
    # --- audit
    def first_audit_actions(self, chains: Sequence[str]) -> dict[str, str]:
        """The action that began each chain (chain → action of its entry 1; "import": the
        assessment came in a bundle; chains without one are absent: a chain whose first entry was
        removed is the audit check's to report), looked up in the (chain, seq) index without
        loading the chains, a few hundred chains a query: not a query per chain, which cost the
        assessments list one round trip to a server per assessment (bench/measure_postgres.py)."""
        found: dict[str, str] = {}
        for start in range(0, len(chains), _CHAINS_PER_QUERY):
            part = chains[start : start + _CHAINS_PER_QUERY]
            query = select(AuditRow.chain, AuditRow.action).where(
                AuditRow.chain.in_(part), AuditRow.seq == 1
            )
            found.update({str(chain): str(action) for chain, action in self.session.execute(query)})
        return found

    def audit_entries(self, chain: str) -> list[AuditEntry]:
        rows = self.session.scalars(
            select(AuditRow).where(AuditRow.chain == chain).order_by(AuditRow.seq)
        )
        return [
            AuditEntry(
                row.chain,
                row.seq,
                row.at,
                row.actor,
                row.action,
                row.target,
                json.loads(row.old_json),
                json.loads(row.new_json),
                row.reason,
                row.prev_hash,
                row.hash,
            )
            for row in rows
        ]

    def _add_audit_row(self, chain: str, entry: AuditEntry) -> None:
        self.session.add(
            AuditRow(
                chain=chain,
                seq=entry.seq,
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                target=entry.target,
                old_json=dumps(entry.old),
                new_json=dumps(entry.new),
                reason=entry.reason,
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )

    def audit_chains(self, assessment_uid: str) -> list[str]:
        """The local chain of an assessment (its uid) and every foreign one (`uid@device`)."""
        return sorted(self.session.scalars(audit_chains_query(assessment_uid)))

    def _chain_head(self, chain: str) -> tuple[int, str]:
        row = self.session.scalar(
            select(AuditRow).where(AuditRow.chain == chain).order_by(AuditRow.seq.desc()).limit(1)
        )
        return (row.seq, row.hash) if row else (0, GENESIS)

    def append_audit(
        self,
        chain: str,
        at: str,
        actor: str,
        action: str,
        target: str,
        old: Any,
        new: Any,
        reason: str = "",
        assessment: AssessmentRow | AssessmentRecord | None = None,
    ) -> AuditEntry:
        """Append an entry to `chain`; for an assessment's chain, give the assessment (a record
        or, until the exchange services use records, its row): its head moves with the entry."""
        if isinstance(assessment, AssessmentRecord):
            assessment = self.session.get(AssessmentRow, assessment.id)
        previous = (
            (assessment.audit_count, assessment.audit_head)
            if assessment
            else self._chain_head(chain)
        )
        entry = make_entry(chain, previous, at, actor, action, target, old, new, reason)
        self._add_audit_row(entry.chain, entry)
        if assessment is not None:
            assessment.audit_count, assessment.audit_head = entry.seq, entry.hash
        elif chain == STORE_CHAIN:  # its head, like an assessment's, shows a removed tail
            self.set_meta(STORE_HEAD, f"{entry.seq}:{entry.hash}")
        return entry

    def last_action_at(self, chains: Sequence[str], action: str) -> dict[str, str]:
        """When each of `chains` last recorded `action` (chain → its entry's time); chains without
        one are absent. Read by the index on (chain, seq), a few hundred chains at a time."""
        found: dict[str, str] = {}
        for start in range(0, len(chains), _CHAINS_PER_QUERY):
            part = chains[start : start + _CHAINS_PER_QUERY]
            query = (
                select(AuditRow.chain, func.max(AuditRow.at))
                .where(AuditRow.chain.in_(part), AuditRow.action == action)
                .group_by(AuditRow.chain)
            )
            found.update({str(chain): str(at) for chain, at in self.session.execute(query)})
        return found

    def all_chains(self) -> list[str]:
        """Every audit chain in the store: assessments' (uid), foreign (uid@device), the store's."""
        return sorted(self.session.scalars(select(AuditRow.chain).distinct()))

    def store_chain_head(self) -> tuple[int, str] | None:
        """The store chain's last (seq, hash) as recorded when it was written (None: not recorded,
        a store older than this record)."""
        raw = self.meta(STORE_HEAD)
        if not raw:
            return None
        seq, _sep, digest = raw.partition(":")
        return (int(seq), digest) if seq.isdigit() else None

    # --- signed heads of audit chains (services/audit_trail.py)
    def signed_heads(self, chain: str) -> Sequence[SignedHeadRow]:
        return self.session.scalars(
            select(SignedHeadRow).where(SignedHeadRow.chain == chain).order_by(SignedHeadRow.seq)
        ).all()

    def add_signed_head(
        self, chain: str, seq: int, digest: str, fingerprint: str, signed_at: str, document: str
    ) -> bool:
        """Record a signed head once (per chain, entry and key); False when it was there."""
        exists = self.session.scalar(
            select(SignedHeadRow.id).where(
                SignedHeadRow.chain == chain,
                SignedHeadRow.seq == seq,
                SignedHeadRow.key_fingerprint == fingerprint,
            )
        )
        if exists is not None:
            return False
        self.session.add(
            SignedHeadRow(
                chain=chain,
                seq=seq,
                hash=digest,
                key_fingerprint=fingerprint,
                signed_at=signed_at,
                document=document,
            )
        )
        return True
