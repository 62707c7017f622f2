"""The dossier's last section: where an assessment's data came from (docs/reports.md, "Where the
data comes from"): the bundle it was imported from or last sent in, its manifest, the key that
signed it and whose it is, and its review status."""

from __future__ import annotations

from assessor_app.bundles.keys import format_fingerprint
from assessor_app.reports.model import Provenance
from assessor_app.services import keys
from assessor_app.services.exchange_store import exchange_tables
from assessor_app.services.report_shaping import agency_text, vietnam_time
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels


def _key_at(repo: Repository, moment: str) -> str:
    """This installation's signing key at `moment` (rotations change it): the new key of the last
    rotation made at or before `moment`, else the first key."""
    rotations = sorted(keys.rotations_in(repo), key=lambda r: str(r.get("created", "")))
    current = repo.meta(keys.META_FINGERPRINT) or ""
    if not rotations:
        return current
    chosen = str(rotations[0].get("old_fingerprint", "")) or current
    for statement in rotations:
        if str(statement.get("created", "")) <= moment:
            chosen = str(statement.get("new_fingerprint", "")) or chosen
    return chosen


def provenance_in(repo: Repository, row: AssessmentRecord) -> Provenance:
    """Where the assessment's data came from (docs/reports.md, "Where the data comes from")."""
    status = labels.review_status(row.kind, row.status, PAPER)
    imports = [e for e in repo.audit_entries(row.uid) if e.action == "import"]
    tables = exchange_tables(repo)
    if imports:
        entry = imports[-1]
        bundle = str(entry.new.get("bundle", "")) if isinstance(entry.new, dict) else ""
        seen = tables.seen_bundle(bundle) if bundle else None
        fingerprint = seen.key_fingerprint if seen is not None else ""
        key = tables.trusted_key(fingerprint) if fingerprint else None
        return Provenance(
            bundle_id=bundle,
            manifest_hash=seen.manifest_hash if seen is not None else "",
            signer_name=key.owner if key is not None else "",
            signer_agency=agency_text(key.agency) if key is not None else "",
            key_fingerprint=format_fingerprint(fingerprint) if fingerprint else "",
            review_status=status,
            imported=vietnam_time(entry.at).date(),
        )
    for sent in reversed(tables.sent_bundles()):
        if sent.manifest_hash and row.uid in sent.assessment_uids:
            fingerprint = _key_at(repo, sent.created_at)
            return Provenance(
                bundle_id=sent.bundle_id,
                manifest_hash=sent.manifest_hash,
                signer_name=repo.meta(keys.META_OWNER) or "",
                signer_agency=agency_text(repo.meta(keys.META_AGENCY) or ""),
                key_fingerprint=format_fingerprint(fingerprint) if fingerprint else "",
                review_status=status,
            )
    return Provenance(review_status=status)
