"""Importing a catalogue release (docs/bundle-format.md, "Catalogue releases"): `import FILE`
and the import wizard hand a bundle whose payload holds `release.json` here
(services/bundle_import.py `is_release`).

The same checks as any bundle, in the same order: the file (safe unpacking, hashes, signature:
bundles/bundle_file.py), then the signer in the trust store (enrolled, device, revocation
threshold, replay and fork of its numbers: services/trust.py). Then what only a release needs:
the signer's key is enrolled here with the province's role; the manifest names exactly the
catalogues the bundle holds, each with the hash of its content. Any failure refuses the release
with its code (`ReleaseRefused`) and the store is exactly as before (one transaction, rolled back:
nothing is held in quarantine, nothing is remembered, no key enrolled by rotation is kept).

An accepted release stores its catalogues (origin "release"), records the release
(`catalogue_releases`), applies its procedure values as the province's (audited like
`procedure set-actor|set-deadline`) and remembers the bundle like any other (so an older release
of the same device replayed later is refused: BUNDLE_REPLAYED). The same release again changes
nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app import logs
from assessor_app.bundles.bag import PAYLOAD_DIR, TOP_FOLDER
from assessor_app.bundles.bundle_file import OpenedBundle, open_bundle
from assessor_app.bundles.errors import BundleError
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.exchange import BundleOutcome, KeyRole
from assessor_app.domain.officer_roles import Duty
from assessor_app.services import permissions, trust
from assessor_app.services.catalogue_release_format import (
    RELEASE_FILE,
    ReleaseManifest,
    parse_manifest,
)
from assessor_app.services.catalogue_release_procedure import apply_procedure, check_procedure
from assessor_app.services.catalogue_release_words import release_sentence
from assessor_app.services.exchange_store import exchange
from assessor_app.services.import_verify import CATEGORY_CODES, REJECTING, unpack_folder
from assessor_app.services.merge_model import corrupt
from assessor_app.services.reference_data import store_catalogue
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repositories.releases import ReleaseQueries, StoredRelease
from assessor_app.storage.repository import STORE_CHAIN, Repository

RELEASE_ORIGIN = "release"
RELEASE_MEMBER = f"{TOP_FOLDER}/{PAYLOAD_DIR}/{RELEASE_FILE}"
# Codes a refused release can have besides the bundle's own (import_verify.VERIFY_CODES).
RELEASE_CODES = ("RELEASE_SIGNER_NOT_PROVINCE", "RELEASE_CATALOGUE_MISMATCH")


class ReleaseRefused(InputError):
    """A release refused: its code (BUNDLE_* or RELEASE_*) and why, in words a person can act on.
    Nothing was changed."""


@dataclass(frozen=True)
class ReleaseResult:
    release_id: str
    already: bool  # this very release was imported before: nothing changed
    manifest: ReleaseManifest
    signer: str  # the key's fingerprint, formatted
    signer_owner: str
    catalogues_added: tuple[str, ...]  # "CODE@VERSION" stored now
    procedure_items: int  # procedure values applied now
    catalogues: tuple[Catalogue, ...] = ()  # the released catalogues (their provisional parts)


def is_release(path: str | Path) -> bool:
    """Whether the file looks like a catalogue release (its payload names `release.json`).
    Read without trusting anything, only to choose the import path: the release path then checks
    the whole file and refuses anything but a release."""
    try:
        with zipfile.ZipFile(path) as archive:
            return RELEASE_MEMBER in archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def _refused(code: str, template: str, /, **params: Any) -> ReleaseRefused:
    """Said as a release, not a dossier bundle (services/catalogue_release_words.py)."""
    return ReleaseRefused(code, release_sentence(code, template), **params)


def _opened(path: Path, folder: Path) -> OpenedBundle:
    try:
        return open_bundle(path, folder / "bundle")
    except BundleError as error:
        code = error.code if error.code in REJECTING else CATEGORY_CODES.get(error.category, "")
        raise _refused(code or "BUNDLE_CORRUPT", error.template, **dict(error.params)) from None
    except OSError as error:
        raise InputError(
            "FILE_NOT_READABLE",
            N_("The file {path} cannot be read: {reason}"),
            path=str(path),
            reason=error.strerror or str(error),
        ) from None


def _payload(opened: OpenedBundle) -> tuple[ReleaseManifest, dict[str, Any]]:
    """The manifest and each catalogue's document by hash, all checked against each other."""
    files = set(opened.payload_files())
    if RELEASE_FILE not in files:
        raise corrupt(f"data/{RELEASE_FILE}", "missing")
    manifest = parse_manifest(opened.read_json(RELEASE_FILE))
    expected = {RELEASE_FILE} | {c.path for c in manifest.catalogues}
    if files != expected:
        raise corrupt("data/", "the release holds other files than its manifest names")
    if manifest.release_id != opened.info.bundle_id:
        raise corrupt(f"data/{RELEASE_FILE}", "it names another release id than the bundle")
    if set(opened.info.catalogue_hashes) != {c.content_hash for c in manifest.catalogues}:
        raise corrupt("bag-info.txt", "Catalogue-Hash names other catalogues than the release")
    documents: dict[str, Any] = {}
    for item in manifest.catalogues:
        document = opened.read_json(item.path)
        try:
            catalogue = parse_catalogue(document)
        except InputError as error:
            raise corrupt(f"data/{item.path}", error.english()) from None
        if (catalogue.content_hash, catalogue.code, catalogue.version) != (
            item.content_hash,
            item.code,
            item.version,
        ):
            raise _refused(
                "RELEASE_CATALOGUE_MISMATCH",
                N_(
                    "Catalogue {code} {version} in the release does not match the hash the release gives for it (altered or badly made). It was not imported; ask the province office to send the release again."
                ),
                code=item.code,
                version=item.version,
            )
        documents[item.content_hash] = document
    check_procedure(manifest.procedure)
    return manifest, documents


def _trusted(workspace: Workspace, repo: Repository, opened: OpenedBundle) -> trust.TrustVerdict:
    verdict = trust.evaluate(workspace, repo, opened)
    if not verdict.trusted:
        raise _refused(verdict.code or "BUNDLE_UNKNOWN_SIGNER", verdict.template, **verdict.params)
    key = verdict.key
    if key is None or key.role != KeyRole.PROVINCE:
        raise _refused(
            "RELEASE_SIGNER_NOT_PROVINCE",
            N_(
                "The catalogue release is signed by key {fingerprint} ({owner}), which is not enrolled here as the province office's key; only releases of the province are taken. Enrol the province office's key card with the role \"province\" (fingerprint checked in person), then import the release again."
            ),
            fingerprint=key.formatted if key else opened.key_fingerprint,
            owner=key.owner if key else "",
        )
    return verdict


def _store(
    workspace: Workspace,
    repo: Repository,
    opened: OpenedBundle,
    manifest: ReleaseManifest,
    documents: dict[str, Any],
) -> tuple[tuple[str, ...], int]:
    now = workspace.clock()
    added = []
    for item in manifest.catalogues:
        _catalogue, stored = store_catalogue(
            repo, documents[item.content_hash], RELEASE_ORIGIN, now
        )
        if stored:
            added.append(f"{item.code}@{item.version}")
        ReleaseQueries(repo.session).add_release(
            StoredRelease(
                manifest.release_id,
                item.content_hash,
                item.code,
                item.version,
                manifest.in_force_from,
                opened.key_fingerprint,
                manifest.publisher,
                manifest.published_by,
                manifest.published_at,
                opened.info.sequence,
                now,
                opened.manifest_hash,
                len(manifest.procedure),
            )
        )
    applied = apply_procedure(workspace, repo, manifest, now)
    trust.record_seen(exchange(workspace, repo), opened, BundleOutcome.ACCEPTED, None, now)
    repo.append_audit(
        STORE_CHAIN,
        now,
        workspace.actor,
        "import_release",
        f"release:{manifest.release_id}",
        None,
        {
            "catalogues": [f"{c.code}@{c.version}" for c in manifest.catalogues],
            "hashes": [c.content_hash for c in manifest.catalogues],
            "in_force_from": manifest.in_force_from,
            "publisher": manifest.publisher,
            "signer": opened.key_fingerprint,
            "sequence": opened.info.sequence,
            "procedure_items": applied,
        },
    )
    return tuple(added), applied


def _run(workspace: Workspace, path: Path, apply: bool) -> ReleaseResult:
    # Each run unpacks the release again into a folder of its own (a small file), so a run the
    # server refused leaves nothing behind; everything else it does is in the session.
    def _work(session: WriteSession) -> ReleaseResult:
        with unpack_folder(workspace) as folder:
            repo = Repository(session)
            if apply:
                permissions.require(workspace, repo, Duty.IMPORT)
            opened = _opened(path, folder)
            try:
                manifest, documents = _payload(opened)
            except ReleaseRefused:
                raise
            except InputError as error:  # BUNDLE_CORRUPT or BUNDLE_FORMAT_VERSION
                raise _refused(error.code, error.template, **dict(error.params)) from None
            verdict = _trusted(workspace, repo, opened)
            key = verdict.key
            assert key is not None
            already = verdict.already_seen and bool(
                ReleaseQueries(session).release_rows(manifest.release_id)
            )
            added: tuple[str, ...] = ()
            applied = 0
            if not already and apply:
                added, applied = _store(workspace, repo, opened, manifest, documents)
            if not apply:
                session.rollback()  # a check: nothing is kept (keys a rotation enrolled included)
            catalogues = tuple(
                parse_catalogue(documents[c.content_hash]) for c in manifest.catalogues
            )
            return ReleaseResult(
                manifest.release_id,
                already,
                manifest,
                key.formatted,
                key.owner,
                added,
                applied,
                catalogues,
            )

    return workspace.database.run_in_transaction(_work)


def verify_release(workspace: Workspace, path: str | Path) -> ReleaseResult:
    """Every check of `import_release`, changing nothing; ReleaseRefused when it would be
    refused."""
    return _run(workspace, Path(path), apply=False)


def import_release(workspace: Workspace, path: str | Path) -> ReleaseResult:
    """Import a catalogue release (see the module's docstring); ReleaseRefused, store unchanged,
    when it is refused."""
    try:
        result = _run(workspace, Path(path), apply=True)
    except ReleaseRefused as error:
        logs.event("release", "refused", error=error.code)
        raise
    logs.event("release", "already" if result.already else "imported", bundle=result.release_id)
    return result
