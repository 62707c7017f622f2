"""Following a catalogue migration made in the sending store (services/merge.py).

A team migrates an assessment to another catalogue version (services/catalogue_migration.py)
and sends it; a store holding the copy from before, pinned to the old version, follows the
migration when, and only when, the incoming copy's audit chain (verified by the import as
extending the one here) records it: a `migrate_catalogue` entry from this copy's catalogue to
the incoming copy's, to a version `catalogue_migration.target_refusal` accepts, on a copy that
is not under appraisal here. The store then repins its copy and takes out the figures and notes
the migration took out, with `catalogue_migration.take_out`, before the usual merge.

What would be lost here is a conflict held for a person: a figure of an indicator the migration
took out that differs from the figure the team took out (the `clear_value` entry after the
migration; none if the team had none), or a comment or evidence file of a dropped indicator the
migration entry does not list. A person clears or removes it here (audited) and retries.

A catalogue changed without such an entry (a forged or buggy repin), or with entries that do
not go from this copy's version to the incoming one, is held: nothing is repinned.

The entry may be in any incoming chain, not only the signer's: a relaying store sends the team's
chain as it received it. That gives a trusted signer nothing it could not do by migrating itself;
the checks on the target and on the copy here are made again whoever migrated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from assessor_app.domain.appraisal import LOCKING
from assessor_app.domain.audit import AuditEntry
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_
from assessor_app.services.bundle_payload import AssessmentDoc
from assessor_app.services.catalogue_migration import take_out, target_refusal
from assessor_app.services.merge_model import MigrationFollow, Reason
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord, CatalogueRecord
from assessor_app.storage.repository import Repository

MIGRATE = "migrate_catalogue"
TAKEN_OUT = ("dropped", "reenter")  # the outcomes whose figures a migration takes out


def _hash(side: Any) -> str:
    return str(side.get("catalogue", "")) if isinstance(side, dict) else ""


def _migrations(doc: AssessmentDoc, own_device: str) -> list[tuple[str, int, AuditEntry]]:
    """Every migration entry of the incoming chains: (chain, index in it, entry). Our own chain
    is the one here, not the bundle's copy of it."""
    return [
        (key, index, entry)
        for key in sorted(doc.audit)
        if key != f"{doc.uid}@{own_device}"
        for index, entry in enumerate(doc.audit[key])
        if entry.action == MIGRATE
    ]


def follow(
    repo: Repository,
    doc: AssessmentDoc,
    row: AssessmentRecord,
    own_device: str,
    catalogues: Mapping[str, Catalogue],
) -> tuple[MigrationFollow | None, list[Reason]]:
    """(the migration the store follows, what holds the document) for a copy whose catalogue
    differs from the one here. `catalogues`: the bundle's, by content hash."""
    here = row.catalogue.content_hash
    found = _migrations(doc, own_device)
    matching = [
        m for m in found if (_hash(m[2].old), _hash(m[2].new)) == (here, doc.catalogue_hash)
    ]
    if not matching:
        return None, [_unmigrated(doc, row, found)]
    chain, index, entry = matching[-1]
    old = parse_catalogue(json.loads(row.catalogue.document))
    new = catalogues.get(doc.catalogue_hash) or _stored(repo, doc.catalogue_hash)
    if new is None:  # pragma: no cover - refused as corrupt before planning
        return None, [_unmigrated(doc, row, found)]
    holds: list[Reason] = []
    refusal = target_refusal(old, new)
    if refusal is not None:
        holds.append(refusal.message)
    lock = repo.appraisal_lock(row.id, row.uid)
    if lock is not None and lock in LOCKING:
        holds.append(
            Reason(
                "IMPORT_MIGRATION_APPRAISED",
                N_(
                    "Assessment {assessment} ({commune}) is being appraised or was appraised here: it keeps its catalogue, and the copy moved to another version is held."
                ),
                {"assessment": doc.uid, "commune": row.commune_name, "local_id": row.id},
            )
        )
    outcomes = entry.new.get("indicators") if isinstance(entry.new, dict) else None
    outcomes = outcomes if isinstance(outcomes, dict) else {}
    picked = {c: o.get("outcome") for c, o in outcomes.items() if isinstance(o, dict)}
    migration = MigrationFollow(
        from_hash=here,
        to_hash=doc.catalogue_hash,
        to_code=new.code,
        to_version=new.version,
        removed=tuple(sorted(c for c, o in picked.items() if o in TAKEN_OUT)),
        dropped=tuple(sorted(c for c, o in picked.items() if o == "dropped")),
        reason=entry.reason,
        chain=chain,
        seq=entry.seq,
    )
    edited = _edited_here(repo, row, migration, entry, doc.audit[chain][index + 1 :])
    if edited:
        holds.append(
            Reason(
                "IMPORT_MIGRATION_CONFLICT",
                N_(
                    "Assessment {assessment} ({commune}) was moved to catalogue {catalogue} where it was sent from, which took out {indicators}; they were changed here since. Clear them here (with a reason) and retry, or reject the bundle."
                ),
                {
                    "assessment": doc.uid,
                    "commune": row.commune_name,
                    "catalogue": f"{new.code} {new.version}",
                    "indicators": ", ".join(edited),
                    "local_id": row.id,
                },
            )
        )
    return migration, holds


def _stored(repo: Repository, content_hash: str) -> Catalogue | None:
    record = repo.catalogue_record_by_hash(content_hash)
    return parse_catalogue(json.loads(record.document)) if record is not None else None


def _unmigrated(
    doc: AssessmentDoc, row: AssessmentRecord, found: list[tuple[str, int, AuditEntry]]
) -> Reason:
    params = {
        "assessment": doc.uid,
        "commune": row.commune_name,
        "local": f"{row.catalogue.code} {row.catalogue.version}",
        "incoming": doc.catalogue_hash[:12],
        "local_id": row.id,
    }
    if not found:
        return Reason(
            "IMPORT_CATALOGUE_NOT_MIGRATED",
            N_(
                "Assessment {assessment} ({commune}) is scored here with catalogue {local}; the bundle's copy is pinned to catalogue {incoming} but its history records no move to it: it cannot be merged."
            ),
            params,
        )
    recorded = ", ".join(f"{_hash(e.old)[:12]} → {_hash(e.new)[:12]}" for _c, _i, e in found)
    return Reason(
        "IMPORT_MIGRATION_MISMATCH",
        N_(
            "Assessment {assessment} ({commune}) is scored here with catalogue {local}; the bundle's copy (catalogue {incoming}) records moves {recorded}, none from the version here to its own: it cannot be merged."
        ),
        {**params, "recorded": recorded},
    )


def _edited_here(
    repo: Repository,
    row: AssessmentRecord,
    migration: MigrationFollow,
    entry: AuditEntry,
    after: list[AuditEntry],
) -> list[str]:
    """The indicators the migration took out that hold here what the sender did not take out."""
    taken: dict[str, Any] = {}
    for cleared in after:  # the migration's `clear_value` entries follow it
        if cleared.action != "clear_value" or cleared.at != entry.at:
            break
        taken[cleared.target.removeprefix("indicator:")] = cleared.old
    stored = repo.stored_values(row.id)
    edited = {c for c in migration.removed if c in stored and stored[c].value != taken.get(c)}
    history = entry.new.get("dropped") if isinstance(entry.new, dict) else None
    history = history if isinstance(history, dict) else {}
    comments = repo.comment_records(row.id)
    links = repo.evidence_links(row.id)
    for code in migration.dropped:
        entry_of = history.get(code)
        known: dict[str, Any] = entry_of if isinstance(entry_of, dict) else {}
        texts = set(known.get("comments") or [])
        files = {f.get("sha256") for f in known.get("evidence") or [] if isinstance(f, dict)}
        if any(c.indicator == code and c.text not in texts for c in comments) or any(
            e.indicator == code and e.sha256 not in files for e in links
        ):
            edited.add(code)
    return sorted(edited)


def follow_note(plan_uid: str, commune: str, migration: MigrationFollow) -> Reason:
    return Reason(
        "IMPORT_FOLLOWS_MIGRATION",
        N_(
            "Assessment {assessment} ({commune}) moves to catalogue {catalogue}, as it was moved where it was sent from ({reason}); the figures it took out are taken out here too."
        ),
        {
            "assessment": plan_uid,
            "commune": commune,
            "catalogue": f"{migration.to_code} {migration.to_version}",
            "reason": migration.reason,
        },
    )


def apply_follow(
    workspace: Workspace,
    repo: Repository,
    row: AssessmentRecord,
    migration: MigrationFollow,
    catalogue_row: CatalogueRecord,
) -> AssessmentRecord:
    """Repin the copy here and take out what the migration took out (before the merge), with a
    `clear_value` entry per figure taken out so that the log here replays to the store."""
    now = workspace.clock()
    stored = repo.stored_values(row.id)
    new = workspace.catalogue_of(catalogue_row)
    take_out(repo, row.id, catalogue_row.id, migration.removed, migration.dropped, new)
    cleared = [code for code in migration.removed if code in stored]
    repinned = repo.assessment_record_by_uid(row.uid)
    assert repinned is not None
    # One revision per figure taken out, as the log replays it; the import adds its own.
    repinned = replace(repinned, revision=row.revision + len(cleared))
    for code in cleared:
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "clear_value",
            f"indicator:{code}",
            stored[code].value,
            None,
            migration.reason,
            assessment=repinned,
        )
    return repinned
