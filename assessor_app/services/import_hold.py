"""What importing keeps of a bundle held in quarantine: its bytes in the store's evidence store
(content-addressed, streamed, never deleted by the app; on a server store every officer reaches
them) and the details a person needs to decide (what the bundle claims, its signer, the merge plan
and its conflicts)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assessor_app.bundles.bundle_file import BundleInfo
from assessor_app.domain.errors import N_, StoreError
from assessor_app.domain.exchange import QuarantineRecord
from assessor_app.services import housekeeping
from assessor_app.services.import_verify import VerifyReport
from assessor_app.services.merge import AssessmentPlan
from assessor_app.services.workspace import Workspace
from assessor_app.storage.evidence import CHUNK, StoredBlob

BUNDLE_SUFFIX = ".ldbundle"


def quarantine_dir(workspace: Workspace) -> Path:
    """Where bundles held before migration 0026 were copied (rows with a `stored_path`)."""
    return workspace.home.root / "quarantine"


def keep_content(workspace: Workspace, source: Path) -> StoredBlob:
    """Store the bundle file's bytes in the store's evidence store (streamed, hashed on the way;
    the same bytes are kept once): every officer of the store reaches them by their hash."""
    return workspace.evidence.put_file(source)


def kept(record: QuarantineRecord) -> str:
    """How a held bundle's kept copy is named to a person: its file (held before 0026), else its
    content's hash in the store."""
    if record.content_sha256 is not None:
        return f"sha256:{record.content_sha256}"
    return str(record.stored_path)


def _damaged(record: QuarantineRecord) -> StoreError:
    return StoreError(
        "QUARANTINE_CONTENT_DAMAGED",
        N_(
            "The kept copy of bundle {bundle} (quarantine no. {id}) is missing from the store or no longer matches its hash; ask the sender to send the bundle again, or reject it."
        ),
        bundle=record.bundle_id,
        id=record.id,
    )


@contextmanager
def held_file(workspace: Workspace, record: QuarantineRecord) -> Iterator[Path]:
    """The held bundle as a file, for reading it again (retry, resolve): read from the evidence
    store a chunk at a time into a private work folder, its hash checked on the way
    (QUARANTINE_CONTENT_DAMAGED when missing or different), removed afterwards. A row held
    before 0026 gives its file in the data home as it is."""
    if record.content_sha256 is None:
        assert record.stored_path is not None
        yield record.stored_path
        return
    with housekeeping.work_folder(workspace.home.incoming, "held-") as folder:
        target = folder / (record.content_sha256 + BUNDLE_SUFFIX)
        digest = hashlib.sha256()
        try:
            with (
                workspace.evidence.open(record.content_sha256) as source,
                open(target, "wb") as out,
            ):
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        except FileNotFoundError:
            raise _damaged(record) from None
        if digest.hexdigest() != record.content_sha256:
            raise _damaged(record)
        yield target


def info_json(info: BundleInfo | None) -> dict[str, Any]:
    if info is None:
        return {}
    return {
        "bundle_id": info.bundle_id,
        "device_id": info.device_id,
        "key_id": info.key_id,
        "sequence": info.sequence,
        "supersedes": info.supersedes,
        "catalogue_codes": list(info.catalogue_codes),
        "catalogue_hashes": list(info.catalogue_hashes),
        "unit_lists": list(info.unit_lists),
        "created": info.created,
        "contains_drafts": info.contains_drafts,
        "organization": info.organization,
        "contact": info.contact,
    }


def info_from_json(data: Mapping[str, Any]) -> BundleInfo | None:
    """The bundle info kept with a quarantined bundle (`details.bundle`), or None."""
    try:
        return BundleInfo(
            bundle_id=str(data["bundle_id"]),
            device_id=str(data["device_id"]),
            key_id=str(data["key_id"]),
            sequence=int(data["sequence"]),
            supersedes=data.get("supersedes") or None,
            catalogue_codes=tuple(data.get("catalogue_codes") or ()),
            catalogue_hashes=tuple(data.get("catalogue_hashes") or ()),
            unit_lists=tuple(data.get("unit_lists") or ()),
            created=str(data.get("created", "")),
            contains_drafts=bool(data.get("contains_drafts", False)),
            organization=str(data.get("organization", "")),
            contact=str(data.get("contact", "")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def details(report: VerifyReport, plans: tuple[AssessmentPlan, ...]) -> dict[str, Any]:
    """What is kept with a held bundle for the person who decides about it."""
    return {
        "bundle": info_json(report.info),
        "signer": {
            "fingerprint": report.fingerprint,
            "owner": report.signer_owner,
            "agency": report.signer_agency,
        },
        "assessments": [p.to_json() for p in plans],
        "conflicts": [c.to_json() for p in plans for c in p.conflicts],
    }
