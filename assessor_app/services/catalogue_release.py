"""Publishing a catalogue release (`assessor-app catalogue publish`, docs/bundle-format.md,
"Catalogue releases"): the province office signs a catalogue stored here (and, on request, its
procedure values) into a bundle of the ordinary container and signature, for every team to import.

Only on a PROVINCE profile, with a key of the province's role (teams accept releases from no other
key). The release takes the installation's next bundle number like any export (reserved first,
recorded as sent after the file is on the stick: services/outbox.py), so that teams' replay and
fork checks cover releases and dossier bundles alike. The library writes the file to a temporary
name, fsyncs it and renames it (bundles/zip_writer.py). The province's store records its own
release too: it shows the version in force as the teams do.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assessor_app import logs
from assessor_app.bundles.bundle_file import BundleInfo
from assessor_app.bundles.bundle_writer import write_bundle
from assessor_app.core.canonical import canonical_json
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import clean
from assessor_app.services import housekeeping, keys, outbox, permissions
from assessor_app.services.bundle_export import staging_dir, work_prefix
from assessor_app.services.catalogue_preference import preference
from assessor_app.services.catalogue_release_format import (
    RELEASE_FILE,
    ReleasedCatalogue,
    ReleaseManifest,
)
from assessor_app.services.offices import office_title
from assessor_app.services.profile import ProfileKind, load_profile
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import CatalogueRecord
from assessor_app.storage.repositories.releases import ReleaseQueries, StoredRelease
from assessor_app.storage.repository import STORE_CHAIN, Repository

PROVINCE_ROLE = "province"
# Only a catalogue the province published here (services/catalogue_drafts.py) is released.
RELEASABLE_ORIGINS = ("published",)


@dataclass(frozen=True)
class PublishResult:
    release_id: str
    sequence: int
    path: Path
    manifest_hash: str
    manifest: ReleaseManifest


def _require_province(workspace: Workspace) -> tuple[str, str, str]:
    """The office's name as a sentence gives it ("Sở Y tế tỉnh Lạng Sơn"), its unit code ("" when
    the profile names no office: then the key's agency names the publisher) and the person of
    the profile (the manifest names them, not the login); RELEASE_NOT_PROVINCE elsewhere."""
    profile = load_profile(workspace)
    if profile.kind is not ProfileKind.PROVINCE:
        raise StateError(
            "RELEASE_NOT_PROVINCE",
            N_(
                "Only the province office publishes catalogue releases; this installation is not set up as the province office (Settings → Profile)."
            ),
        )
    if profile.office is None:
        return "", "", profile.name
    return office_title(profile.agency, profile.office), profile.office.code, profile.name


def _require_province_key(workspace: Workspace) -> keys.KeyInfo:
    info = keys.require_key_info(workspace)
    if info.role != PROVINCE_ROLE:
        raise StateError(
            "RELEASE_KEY_NOT_PROVINCE",
            N_(
                "This installation's signing key has the role '{role}', not the province's: teams would refuse the release. Give the key the province's role with `assessor-app keys set-role province`, then send the new key card to the teams."
            ),
            role=info.role,
        )
    return info


def _wanted(spec: str) -> tuple[str, str]:
    code, _sep, version = clean(spec).partition("@")
    if not code:
        raise InputError(
            "CATALOGUE_NOT_FOUND", N_("Name the catalogue to publish: CODE[@VERSION].")
        )
    return code.upper(), version


def find_catalogue(repo: Repository, spec: str) -> CatalogueRecord:
    """The stored catalogue CODE[@VERSION] names (without a version, the one that speaks for the
    code: services/catalogue_preference.py, the province's published text first)."""
    code, version = _wanted(spec)
    rows = [r for r in repo.catalogue_records() if r.code == code]
    if version:
        rows = [r for r in rows if r.version == version]
    if not rows:
        raise NotFoundError(
            "CATALOGUE_NOT_FOUND",
            N_("There is no criteria catalogue '{code}'. Known: {known}."),
            code=spec,
            known=", ".join(sorted({f"{r.code}@{r.version}" for r in repo.catalogue_records()}))
            or "-",
        )
    return _releasable(max(rows, key=preference))


def _releasable(row: CatalogueRecord) -> CatalogueRecord:
    """A catalogue the province may release: one it published (a draft made final: immutable,
    its hash is its content); not a shipped or imported file, nor a draft."""
    if row.origin not in RELEASABLE_ORIGINS:
        raise StateError(
            "RELEASE_NOT_PUBLISHED",
            N_(
                "Catalogue {code} {version} was not published by the province here; only a published catalogue is released to the teams. Make it a draft with a new version (`catalogue draft new`), then publish it (`catalogue draft publish`)."
            ),
            code=row.code,
            version=row.version,
        )
    return row


def _day(text: str | None, workspace: Workspace) -> str:
    if not text:
        return workspace.today().isoformat()
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InputError(
            "RELEASE_BAD_DATE",
            N_("'{text}' is not a date; write it as YYYY-MM-DD (e.g. 2027-01-01)."),
            text=text,
        ) from None


def _record_own(
    workspace: Workspace, manifest: ReleaseManifest, fingerprint: str, sequence: int, digest: str
) -> None:
    """The province's store records its own release (audited), after the file is written."""

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        now = workspace.clock()
        releases = ReleaseQueries(session)
        for item in manifest.catalogues:
            releases.add_release(
                StoredRelease(
                    manifest.release_id,
                    item.content_hash,
                    item.code,
                    item.version,
                    manifest.in_force_from,
                    fingerprint,
                    manifest.publisher,
                    manifest.published_by,
                    manifest.published_at,
                    sequence,
                    now,
                    digest,
                    len(manifest.procedure),
                )
            )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "publish_release",
            f"release:{manifest.release_id}",
            None,
            {
                "catalogues": [f"{c.code}@{c.version}" for c in manifest.catalogues],
                "in_force_from": manifest.in_force_from,
                "procedure_items": len(manifest.procedure),
                "sequence": sequence,
                "manifest_hash": digest,
            },
        )

    workspace.database.run_in_transaction(_work)


def publish(
    workspace: Workspace,
    spec: str,
    out: Path,
    passphrase: str,
    in_force_from: str | None = None,
    with_procedure: bool = False,
    overwrite: bool = False,
) -> PublishResult:
    """Write the signed release of catalogue `spec` (CODE[@VERSION]) to `out`."""
    out = Path(out)
    if out.exists() and (not overwrite or out.is_dir()):
        raise InputError(
            "EXPORT_TARGET_EXISTS",
            N_("{path} already exists; choose another file name."),
            path=str(out),
        )
    office, office_code, person = _require_province(workspace)
    info_key = _require_province_key(workspace)
    day = _day(in_force_from, workspace)
    key = keys.unlock(workspace, passphrase)
    release_id, created = str(uuid.uuid4()), workspace.clock()
    with contextlib.ExitStack() as held:
        held.enter_context(
            housekeeping.work_folder(staging_dir(workspace), work_prefix(release_id))
        )

        def _work(
            session: WriteSession,
        ) -> tuple[CatalogueRecord, str, int, ReleaseManifest, list[dict[str, Any]] | None]:
            repo = Repository(session)
            permissions.require(workspace, repo, Duty.PUBLISH)
            row = find_catalogue(repo, spec)
            device = keys.device_id_in(repo)
            sequence = keys.last_sequence_in(repo) + 1
            manifest = ReleaseManifest(
                release_id=release_id,
                in_force_from=day,
                publisher=office or info_key.agency,
                publisher_code=office_code,
                published_by=person or info_key.owner,
                published_at=created,
                catalogues=(ReleasedCatalogue(row.code, row.version, row.content_hash),),
                procedure=tuple(repo.procedure_overrides()) if with_procedure else (),
            )
            rotation = keys.rotations_in(repo) or None
            outbox.reserve(repo, release_id, sequence, created, out, [], False)
            return row, device, sequence, manifest, rotation

        row, device, sequence, manifest, rotation = workspace.database.run_in_transaction(_work)
        files: dict[str, bytes | Path] = {
            RELEASE_FILE: canonical_json(manifest.to_json()),
            manifest.catalogues[0].path: row.document.encode("utf-8"),
        }
        info = BundleInfo(
            bundle_id=release_id,
            device_id=device,
            key_id=info_key.fingerprint,
            sequence=sequence,
            supersedes=None,
            catalogue_codes=(row.code,),
            catalogue_hashes=(row.content_hash,),
            unit_lists=(),
            created=created,
            contains_drafts=False,
            organization=info_key.agency,
            contact=info_key.owner,
        )
        try:
            digest = write_bundle(out, files, info, key, rotation=rotation)
        except BaseException:
            outbox.release(workspace, release_id)
            raise
        try:
            outbox.record_sent(workspace, release_id, digest)
        except BaseException:
            out.unlink(missing_ok=True)
            outbox.release(workspace, release_id)
            raise
        _record_own(workspace, manifest, info_key.fingerprint, sequence, digest)
    logs.event("release", "published", bundle=release_id, sequence=sequence)
    return PublishResult(release_id, sequence, out, digest, manifest)
