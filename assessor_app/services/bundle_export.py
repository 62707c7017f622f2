"""Export assessments as a signed dossier bundle (docs/bundle-format.md) and remember it was sent.

The order matters for a USB stick that is full, read-only or pulled out, and for a laptop that
dies in the middle:

1. unlock the key (a wrong passphrase fails before any work); in one transaction read everything
   and RESERVE the next sequence number (a `sent_bundles` row with status "reserved");
2. write the bundle to the target through the library (temporary file, fsync, rename): on any
   failure nothing is left on the stick;
3. in one transaction: record the bundle as sent (its manifest hash) and audit the export on each
   assessment's chain. If that fails, the file is deleted. When the export fails in an orderly way
   (an error, a cancel) the reservation is released, so the number is not consumed.

A crash (power cut, kill) between 1 and 3 leaves the reservation. `reconcile` (run when the store
is opened) settles it: a reserved number whose file exists, and is the bundle this installation
signed with that id and number, is recorded as sent; one whose file does not exist is "burnt" —
never used again, so the office can never receive two different bundles with the same number
(a fork). A burnt bundle that did reach the office is recorded as sent when its receipt comes.
From before step 1 until its number is settled, an export holds the OS lock of its work folder
(`housekeeping.work_folder`): `reconcile` run by a command or window started meanwhile leaves the
reservation of an export that is still running alone, and settles only those whose process died
(removing the temporary file a kill while writing left beside the target).

The records of sent bundles, and the deletion guard they make (an assessment in a bundle the
office has not acknowledged cannot be deleted), are in services/outbox.py.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app import logs
from assessor_app.bundles.bundle_file import BundleHeader, BundleInfo, read_header
from assessor_app.bundles.bundle_writer import write_bundle
from assessor_app.core.files import partial_files
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.errors import (
    N_,
    AssessorError,
    InputError,
    StateError,
    StoreError,
)
from assessor_app.domain.exchange import KeyVia
from assessor_app.services import audit_trail, demo as demo_rules, housekeeping, keys, outbox
from assessor_app.services.assessments import require_assessment
from assessor_app.services.bundle_payload import INDEX_FORMAT, export_document, to_bytes
from assessor_app.services.exchange_store import exchange_tables
from assessor_app.services.outbox import (
    BURNT,
    RESERVED,
    SAFE_OUTCOMES,
    SENT,
    SentBundle,
    blockers_in,
    can_delete,
    deletion_blockers,
    require_deletable,
    sent_bundles,
    sent_record,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import Repository

_Rotation = list[dict[str, Any]] | None
log = logging.getLogger(__name__)

PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class ExportResult:
    bundle_id: str
    sequence: int
    path: Path
    manifest_hash: str
    assessments: list[str]  # uids, in the order given
    contains_drafts: bool
    supersedes: str  # bundle id, or ""
    evidence_files: int
    created: str
    demo: bool = False  # a demo bundle (sample data)


def staging_dir(workspace: Workspace) -> Path:
    """Where each export holds its own locked work folder (`housekeeping.work_folder`), in the
    data home: its lock tells `reconcile` the export is alive. The bag itself is no longer built
    there: it is written straight into the ZIP on the target (bundles/bundle_writer.py)."""
    return workspace.home.staging


def work_prefix(bundle_id: str) -> str:
    """The name of the work folder (and its lock) an export holds until its number is settled."""
    return f"export-{bundle_id}-"


def reconcile(workspace: Workspace) -> list[SentBundle]:
    """Settle the exports a crash interrupted (see the module's docstring); returns them. Cheap
    when there are none (one query), so it runs every time the store is opened.

    The app and the command line may run at once: an export still running in another process
    holds the lock of its work folder (`work_prefix`) until its number is settled, and its
    reservation is left alone."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        reserved = [
            sent_record(row)
            for row in exchange_tables(repo).sent_bundles()
            if row.status == RESERVED
        ]
        own = repo.meta(keys.META_FINGERPRINT) or ""
    settled = []
    for bundle in reserved:
        if housekeeping.in_use(staging_dir(workspace), work_prefix(bundle.bundle_id)):
            continue
        header = _header_of(workspace, Path(bundle.path))
        if (
            header is not None
            and header.info.bundle_id == bundle.bundle_id
            and header.info.sequence == bundle.sequence
            and header.key_fingerprint in _own_fingerprints(workspace, own)
        ):
            done = outbox.record_sent(
                workspace, bundle.bundle_id, header.manifest_hash, settling=True
            )
        else:
            done = outbox.burn(workspace, bundle)
        if done:
            _remove_partial_files(Path(bundle.path))
            settled.append(bundle)
    return settled


def _remove_partial_files(out: Path) -> None:
    """A kill while the bundle was being written left its temporary file beside `out` (hidden,
    on the user's stick): removed when the reservation is settled, if the stick is there."""
    for leftover in partial_files(out):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as error:
            log.warning(
                "cannot remove the partial bundle %s: %s", leftover, error.strerror or error
            )


def _header_of(workspace: Workspace, path: Path) -> BundleHeader | None:
    if not path.is_file():
        return None
    try:
        with housekeeping.work_folder(staging_dir(workspace), "header-") as folder:
            return read_header(path, folder)
    except (AssessorError, OSError):
        return None


def _own_fingerprints(workspace: Workspace, current: str) -> set[str]:
    """This installation's key and the keys it rotated away from (a crash may straddle both)."""
    with workspace.database.reading() as session:
        rows = exchange_tables(Repository(session)).trusted_keys()
        return {current} | {row.fingerprint for row in rows if row.via == KeyVia.OWN}


def _write_failed(out: Path, error: OSError) -> StoreError:
    """The folder that failed (the target's, unless the error names a file elsewhere: an evidence
    file that cannot be read, the staging folder) and the system's reason."""
    reason = error.strerror or str(error)
    folder = out.parent
    if isinstance(error.filename, str | os.PathLike) and Path(error.filename).parent != folder:
        folder = Path(error.filename).parent
    if error.errno == errno.ENOSPC:
        return StoreError(
            "EXPORT_WRITE_FAILED",
            N_(
                "The bundle cannot be written to {folder}: the disk is full ({reason}). Nothing was written; free some space or use another stick."
            ),
            folder=str(folder),
            reason=reason,
        )
    return StoreError(
        "EXPORT_WRITE_FAILED",
        N_("The bundle cannot be written to {folder}: {reason}. Nothing was written."),
        folder=str(folder),
        reason=reason,
    )


def _check_target(out: Path, overwrite: bool) -> None:
    if out.exists() and not overwrite:
        raise InputError(
            "EXPORT_TARGET_EXISTS",
            N_("{path} already exists; choose another file name."),
            path=str(out),
        )
    if out.is_dir():
        raise InputError(
            "EXPORT_TARGET_EXISTS",
            N_("{path} is a folder; give the name of the bundle file to write."),
            path=str(out),
        )


@dataclass
class _Contents:
    """What goes into the bundle, gathered in one transaction (a snapshot)."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    uids: list[str] = field(default_factory=list)
    catalogue_codes: dict[str, str] = field(default_factory=dict)  # content hash → code
    unit_lists: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    contains_drafts: bool = False
    demo: bool = False  # a demo bundle (services/demo.py): sample data, refused by offices

    def index(self) -> bytes:
        """`data/bundle.json`: the payload's index. A demo bundle says so here (covered by the
        manifest, so by the signature: the mark cannot be stripped without breaking it)."""
        index: dict[str, Any] = {
            "format": INDEX_FORMAT,
            "version": PAYLOAD_VERSION,
            "assessments": self.uids,
            "contains_drafts": self.contains_drafts,
        }
        if self.demo:
            index["demo"] = True
        return json.dumps(
            index,
            ensure_ascii=False,
            sort_keys=True,
            indent=1,
        ).encode("utf-8")


def _add_assessment(
    repo: Repository,
    key: Ed25519PrivateKey,
    assessment_id: int,
    device: str,
    created: str,
    include_drafts: bool,
    contents: _Contents,
) -> None:
    row = require_assessment(repo, assessment_id)
    if row.status is not AssessmentStatus.FINALIZED:
        if not include_drafts:
            raise StateError(
                "EXPORT_DRAFT",
                N_(
                    "Assessment {assessment} is a draft; finalise it before exporting, or export it as a draft on purpose (--drafts)."
                ),
                assessment=assessment_id,
            )
        contents.contains_drafts = True
    # The head of its log, signed now: the bundle vouches for every entry it carries.
    audit_trail.sign_head(repo, key, row, device, created)
    document = export_document(repo, row, device, contents.demo)
    contents.files[f"assessments/{row.uid}.json"] = to_bytes(document)
    catalogue = row.catalogue
    contents.files[f"catalogues/{catalogue.content_hash}.json"] = catalogue.document.encode("utf-8")
    contents.catalogue_codes[catalogue.content_hash] = catalogue.code
    contents.unit_lists.add(row.unit_list_code)
    contents.evidence.update(item.sha256 for item in document.evidence)
    contents.uids.append(row.uid)


def _add_evidence(workspace: Workspace, contents: _Contents) -> None:
    for sha256 in sorted(contents.evidence):
        try:  # the stored file itself; a copy when the store keeps it in its database
            path = workspace.evidence.readable_path(sha256)
        except FileNotFoundError:
            path = Path(sha256)
        if not path.is_file():
            raise StoreError(
                "EXPORT_EVIDENCE_MISSING",
                N_(
                    "The evidence file {path} is missing from the data folder; restore it from a backup before exporting."
                ),
                path=str(path),
            )
        contents.files[f"evidence/{sha256}"] = path


def _write(
    workspace: Workspace,
    out: Path,
    contents: _Contents,
    info: BundleInfo,
    key: Ed25519PrivateKey,
    rotation: list[dict[str, Any]] | None,
    staging: Path,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> str:
    """Steps 2 and 3: write the file, then record it as sent (see the module's docstring); its
    manifest hash."""
    try:
        try:
            manifest_hash = write_bundle(
                out,
                contents.files,
                info,
                key,
                rotation=rotation,
                progress=progress,
                cancelled=cancelled,
                workdir=staging,
            )
        except OSError as error:
            raise _write_failed(out, error) from None
    except BaseException:
        outbox.release(workspace, info.bundle_id)  # nothing was left on the stick
        raise
    try:
        outbox.record_sent(workspace, info.bundle_id, manifest_hash)
    except BaseException:
        out.unlink(missing_ok=True)
        outbox.release(workspace, info.bundle_id)
        raise
    return manifest_hash


def export(
    workspace: Workspace,
    assessment_ids: Sequence[int],
    out: Path,
    passphrase: str,
    include_drafts: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
    demo: bool = False,
) -> ExportResult:
    """Write the assessments, their catalogues and evidence files to a signed bundle at `out`.

    Drafts are refused unless `include_drafts` (the bundle is then marked `Contains-Drafts: yes`).
    Demo assessments are refused unless `demo` (a demo bundle, marked in its signed payload: see
    services/demo.py `check_export`); a bundle never mixes demo and real assessments.
    An existing `out` is refused unless `overwrite`. `progress` and `cancelled` are handed to the
    library's writer; a cancelled export leaves nothing and consumes no sequence number."""
    ids = list(dict.fromkeys(assessment_ids))
    if not ids:
        raise InputError("EXPORT_NOTHING", N_("Name at least one assessment to export."))
    out = Path(out)
    _check_target(out, overwrite)
    info_key = keys.require_key_info(workspace)
    key = keys.unlock(workspace, passphrase)
    bundle_id, created = str(uuid.uuid4()), workspace.clock()
    with contextlib.ExitStack() as held:
        # The work folder's lock is held from before the number is reserved until it is settled
        # (sent, or given back): `reconcile` in another process leaves the reservation alone
        # while it is held.
        try:
            staging = held.enter_context(
                housekeeping.work_folder(staging_dir(workspace), work_prefix(bundle_id))
            )
        except OSError as error:
            raise _write_failed(out, error) from None

        # A snapshot (writes only the device id and the reservation). The contents are made anew
        # in each run, so a run the server refused leaves nothing half-collected; copying a
        # database-kept evidence file into the cache is content-addressed, safe to repeat.
        def _work(session: WriteSession) -> tuple[_Contents, str, str, int, _Rotation]:
            contents = _Contents()
            repo = Repository(session)
            device = keys.device_id_in(repo)
            rows = [require_assessment(repo, assessment_id) for assessment_id in ids]
            contents.demo = demo_rules.check_export(repo, rows, demo)
            for assessment_id in ids:
                _add_assessment(repo, key, assessment_id, device, created, include_drafts, contents)
            _add_evidence(workspace, contents)
            previous = outbox.previous_bundle(repo, contents.uids)
            sequence = keys.last_sequence_in(repo) + 1
            rotation = keys.rotations_in(repo) or None
            outbox.reserve(
                repo, bundle_id, sequence, created, out, contents.uids, contents.contains_drafts
            )
            return contents, device, previous, sequence, rotation

        contents, device, previous, sequence, rotation = workspace.database.run_in_transaction(
            _work
        )
        contents.files["bundle.json"] = contents.index()
        hashes = sorted(contents.catalogue_codes)
        info = BundleInfo(
            bundle_id=bundle_id,
            device_id=device,
            key_id=info_key.fingerprint,
            sequence=sequence,
            supersedes=previous or None,
            catalogue_codes=tuple(contents.catalogue_codes[h] for h in hashes),
            catalogue_hashes=tuple(hashes),
            unit_lists=tuple(sorted(contents.unit_lists)),
            created=created,
            contains_drafts=contents.contains_drafts,
            organization=info_key.agency,
            contact=info_key.owner,
        )
        manifest_hash = _write(
            workspace, out, contents, info, key, rotation, staging, progress, cancelled
        )
    logs.event("export", "done", bundle=bundle_id, sequence=sequence, assessments=len(ids))
    return ExportResult(
        bundle_id=bundle_id,
        sequence=sequence,
        path=out,
        manifest_hash=manifest_hash,
        assessments=contents.uids,
        contains_drafts=contents.contains_drafts,
        supersedes=previous,
        evidence_files=len(contents.evidence),
        created=created,
        demo=contents.demo,
    )


__all__ = [
    "BURNT",
    "RESERVED",
    "SAFE_OUTCOMES",
    "SENT",
    "ExportResult",
    "SentBundle",
    "blockers_in",
    "can_delete",
    "deletion_blockers",
    "export",
    "reconcile",
    "require_deletable",
    "sent_bundles",
    "sent_record",
    "staging_dir",
    "work_prefix",
]
