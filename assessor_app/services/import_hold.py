"""What importing keeps of a bundle held in quarantine: a copy of its file under `quarantine/` in
the data home (never overwritten, never deleted by the app) and the details a person needs to
decide (what the bundle claims, its signer, the merge plan and its conflicts)."""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assessor_app.bundles.bundle_file import BundleInfo
from assessor_app.core.files import PRIVATE_FILE, write_atomic
from assessor_app.domain.errors import N_, InputError
from assessor_app.services.import_verify import VerifyReport
from assessor_app.services.merge import AssessmentPlan
from assessor_app.services.workspace import Workspace

BUNDLE_SUFFIX = ".ldbundle"


def _safe_name(bundle_id: str) -> str:
    try:
        return str(uuid.UUID(bundle_id))
    except (ValueError, TypeError, AttributeError):
        return hashlib.sha256(bundle_id.encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def quarantine_dir(workspace: Workspace) -> Path:
    return workspace.home.root / "quarantine"


def keep_copy(workspace: Workspace, source: Path, bundle_id: str) -> tuple[Path, bool]:
    """Copy the bundle file into `quarantine/` (atomically). Returns (path, created). A file of
    the same name with other content is never overwritten."""
    folder = quarantine_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = _file_hash(source)
    base = _safe_name(bundle_id)
    for attempt in range(1, 1000):
        target = folder / (base + (f"-{attempt}" if attempt > 1 else "") + BUNDLE_SUFFIX)
        if target.exists():
            if _file_hash(target) == wanted:
                return target, False
            continue
        with open(source, "rb") as handle:
            write_atomic(
                target, lambda out: shutil.copyfileobj(handle, out, 1024 * 1024), mode=PRIVATE_FILE
            )
        return target, True
    raise InputError(  # pragma: no cover - a thousand different files with one bundle id
        "QUARANTINE_FULL",
        N_("Too many different files claim to be bundle {bundle}."),
        bundle=bundle_id,
    )


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
