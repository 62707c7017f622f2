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

An assessment in a bundle that was sent and not acknowledged by the office cannot be deleted:
`can_delete` / `deletion_blockers` say so (a delete use case must call them).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assessor_app.bundles.bundle_file import BundleHeader, BundleInfo, read_header
from assessor_app.bundles.bundle_writer import write_bundle
from assessor_app.core.files import partial_files
from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.errors import (
    N_,
    AssessorError,
    InputError,
    NotFoundError,
    StateError,
    StoreError,
)
from assessor_app.services import audit_trail, housekeeping, keys
from assessor_app.services.assessments import assessment_row
from assessor_app.services.bundle_payload import INDEX_FORMAT, export_document, to_bytes
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository, dumps
from assessor_app.storage.schema import SentBundleRow

log = logging.getLogger(__name__)

PAYLOAD_VERSION = 1
# A receipt with one of these outcomes means the office holds the data (merged, or kept whole in
# its quarantine); "rejected" means it does not, so the assessment stays protected.
SAFE_OUTCOMES = ("accepted", "quarantined")
RESERVED, SENT, BURNT = "reserved", "sent", "burnt"  # sent_bundles.status


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


@dataclass(frozen=True)
class SentBundle:
    bundle_id: str
    sequence: int
    created_at: str
    path: str
    manifest_hash: str | None  # None while reserved, or when burnt
    assessments: list[str]
    contains_drafts: bool
    acknowledged_at: str | None
    receipt_outcome: str | None
    receipt_reasons: list[object]
    status: str = SENT  # reserved | sent | burnt

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


def staging_dir(workspace: Workspace) -> Path:
    """Where a bundle's bag is built before it is zipped onto the target: in the data home, not
    the system's temporary folder (often a small RAM disk on Linux; evidence photos are large).
    Each export works in its own locked folder inside (`housekeeping.work_folder`)."""
    return workspace.home.staging


def sent_record(row: SentBundleRow) -> SentBundle:
    reasons: list[object] = json.loads(row.receipt_reasons) if row.receipt_reasons else []
    return SentBundle(
        bundle_id=row.bundle_id,
        sequence=row.sequence,
        created_at=row.created_at,
        path=row.path,
        manifest_hash=row.manifest_hash,
        assessments=list(json.loads(row.assessment_uids)),
        contains_drafts=row.contains_drafts,
        acknowledged_at=row.acknowledged_at,
        receipt_outcome=row.receipt_outcome,
        receipt_reasons=reasons,
        status=row.status,
    )


def _reserve(
    repo: Repository,
    bundle_id: str,
    sequence: int,
    created: str,
    out: Path,
    uids: list[str],
    contains_drafts: bool,
) -> None:
    """Take `sequence` in the store before anything is written (see the module's docstring)."""
    repo.set_meta(keys.META_SEQUENCE, str(sequence))
    repo.session.add(
        SentBundleRow(
            bundle_id=bundle_id,
            sequence=sequence,
            created_at=created,
            path=str(out),
            manifest_hash=None,
            assessment_uids=dumps(uids),
            contains_drafts=contains_drafts,
            acknowledged_at=None,
            receipt_outcome=None,
            receipt_reasons=None,
            status=RESERVED,
        )
    )


def _release(workspace: Workspace, bundle_id: str) -> None:
    """An export that failed in an orderly way (nothing on the stick) gives its number back when
    no later export took one meanwhile; otherwise the number is burnt."""
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = repo.sent_bundle(bundle_id)
        if row is None or row.status != RESERVED:
            return
        if keys.last_sequence_in(repo) == row.sequence:
            repo.set_meta(keys.META_SEQUENCE, str(row.sequence - 1))
            session.delete(row)
        else:
            row.status = BURNT


def work_prefix(bundle_id: str) -> str:
    """The name of the work folder (and its lock) an export holds until its number is settled."""
    return f"export-{bundle_id}-"


def _record_sent(
    workspace: Workspace,
    bundle_id: str,
    manifest_hash: str,
    when: str | None = None,
    settling: bool = False,
) -> bool:
    """Step 3: the reserved bundle is on the stick: record it as sent and audit the export.
    `settling` (reconcile): a reservation settled meanwhile by its own export is left as it is
    (False)."""
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = repo.sent_bundle(bundle_id)
        if row is None or row.status != RESERVED:
            if settling:
                return False
            raise StateError(
                "EXPORT_CONCURRENT",
                N_("Another export finished meanwhile; export again."),
            )
        row.status, row.manifest_hash = SENT, manifest_hash
        now = when or workspace.clock()
        for uid in json.loads(row.assessment_uids):
            exported = repo.assessment_by_uid(uid)
            if exported is None:  # deleted meanwhile: the bundle still holds it
                continue
            repo.append_audit(
                uid,
                now,
                workspace.actor,
                "export",
                f"bundle:{bundle_id}",
                None,
                {
                    "bundle": bundle_id,
                    "sequence": row.sequence,
                    "manifest_hash": manifest_hash,
                    "contains_drafts": row.contains_drafts,
                },
                assessment=exported,
            )
    return True


def reconcile(workspace: Workspace) -> list[SentBundle]:
    """Settle the exports a crash interrupted (see the module's docstring); returns them. Cheap
    when there are none (one query), so it runs every time the store is opened.

    The app and the command line may run at once: an export still running in another process
    holds the lock of its work folder (`work_prefix`) until its number is settled, and its
    reservation is left alone."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        reserved = [sent_record(row) for row in repo.sent_bundles() if row.status == RESERVED]
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
            done = _record_sent(workspace, bundle.bundle_id, header.manifest_hash, settling=True)
        else:
            done = _burn(workspace, bundle)
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
        rows = Repository(session).trusted_keys()
        return {current} | {row.fingerprint for row in rows if row.via == "own"}


def _burn(workspace: Workspace, bundle: SentBundle) -> bool:
    """Burn the number of a reservation left by a crash; False when its export settled it
    meanwhile."""
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = repo.sent_bundle(bundle.bundle_id)
        if row is None or row.status != RESERVED:
            return False
        row.status = BURNT
        repo.append_audit(
            STORE_CHAIN,
            workspace.clock(),
            workspace.actor,
            "export_burnt",
            f"bundle:{bundle.bundle_id}",
            RESERVED,
            {"status": BURNT, "sequence": bundle.sequence, "path": bundle.path},
            "",
        )
    return True


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


def export(
    workspace: Workspace,
    assessment_ids: Sequence[int],
    out: Path,
    passphrase: str,
    include_drafts: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """Write the assessments, their catalogues and evidence files to a signed bundle at `out`.

    Drafts are refused unless `include_drafts` (the bundle is then marked `Contains-Drafts: yes`).
    An existing `out` is refused unless `overwrite`. `progress` and `cancelled` are handed to the
    library's writer; a cancelled export leaves nothing and consumes no sequence number."""
    ids = list(dict.fromkeys(assessment_ids))
    if not ids:
        raise InputError("EXPORT_NOTHING", N_("Name at least one assessment to export."))
    out = Path(out)
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
    info_key = keys.require_key_info(workspace)
    key = keys.unlock(workspace, passphrase)
    bundle_id, created = str(uuid.uuid4()), workspace.clock()
    files: dict[str, bytes | Path] = {}
    uids: list[str] = []
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
        with workspace.database.transaction() as session:  # a snapshot (writes only the device id)
            repo = Repository(session)
            device = keys.device_id_in(repo)
            catalogue_codes: dict[str, str] = {}
            unit_lists: set[str] = set()
            contains_drafts = False
            evidence: set[str] = set()
            for assessment_id in ids:
                row = assessment_row(repo, assessment_id)
                if row.status != AssessmentStatus.FINALIZED.value:
                    if not include_drafts:
                        raise StateError(
                            "EXPORT_DRAFT",
                            N_(
                                "Assessment {assessment} is a draft; finalise it before exporting, or export it as a draft on purpose (--drafts)."
                            ),
                            assessment=assessment_id,
                        )
                    contains_drafts = True
                # The head of its log, signed now: the bundle vouches for every entry it carries.
                audit_trail.sign_head(repo, key, row, device, created)
                document = export_document(repo, row, device)
                files[f"assessments/{row.uid}.json"] = to_bytes(document)
                catalogue = row.catalogue
                files[f"catalogues/{catalogue.content_hash}.json"] = catalogue.document.encode(
                    "utf-8"
                )
                catalogue_codes[catalogue.content_hash] = catalogue.code
                unit_lists.add(row.unit_list_code)
                evidence.update(item.sha256 for item in document.evidence)
                uids.append(row.uid)
            for sha256 in sorted(evidence):
                path = workspace.evidence.path_of(sha256)
                if not path.is_file():
                    raise StoreError(
                        "EXPORT_EVIDENCE_MISSING",
                        N_(
                            "The evidence file {path} is missing from the data folder; restore it from a backup before exporting."
                        ),
                        path=str(path),
                    )
                files[f"evidence/{sha256}"] = path
            previous = _previous_bundle(repo, uids)
            sequence = keys.last_sequence_in(repo) + 1
            rotation = keys.rotations_in(repo) or None
            _reserve(repo, bundle_id, sequence, created, out, uids, contains_drafts)
        files["bundle.json"] = json.dumps(
            {
                "format": INDEX_FORMAT,
                "version": PAYLOAD_VERSION,
                "assessments": uids,
                "contains_drafts": contains_drafts,
            },
            ensure_ascii=False,
            sort_keys=True,
            indent=1,
        ).encode("utf-8")
        hashes = sorted(catalogue_codes)
        info = BundleInfo(
            bundle_id=bundle_id,
            device_id=device,
            key_id=info_key.fingerprint,
            sequence=sequence,
            supersedes=previous or None,
            catalogue_codes=tuple(catalogue_codes[h] for h in hashes),
            catalogue_hashes=tuple(hashes),
            unit_lists=tuple(sorted(unit_lists)),
            created=created,
            contains_drafts=contains_drafts,
            organization=info_key.agency,
            contact=info_key.owner,
        )
        try:
            try:
                manifest_hash = write_bundle(
                    out,
                    files,
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
            _release(workspace, bundle_id)  # nothing was left on the stick
            raise
        try:
            _record_sent(workspace, bundle_id, manifest_hash)
        except BaseException:
            out.unlink(missing_ok=True)
            _release(workspace, bundle_id)
            raise
    return ExportResult(
        bundle_id=bundle_id,
        sequence=sequence,
        path=out,
        manifest_hash=manifest_hash,
        assessments=uids,
        contains_drafts=contains_drafts,
        supersedes=previous,
        evidence_files=len(evidence),
        created=created,
    )


def _previous_bundle(repo: Repository, uids: Sequence[str]) -> str:
    """The latest bundle sent from here with an assessment in common, or ""."""
    wanted = set(uids)
    for row in reversed(repo.sent_bundles()):
        if row.status == SENT and wanted & set(json.loads(row.assessment_uids)):
            return row.bundle_id
    return ""


def sent_bundles(workspace: Workspace) -> list[SentBundle]:
    """Every bundle exported from here, oldest first, with its acknowledgement."""
    with workspace.database.reading() as session:
        return [sent_record(row) for row in Repository(session).sent_bundles()]


def blockers_in(repo: Repository, uid: str) -> list[SentBundle]:
    """The sent bundles holding assessment `uid` that the office has not acknowledged as safely
    received (accepted or quarantined), and that no later, acknowledged bundle with the same
    assessment has superseded."""
    holding = [  # a burnt number's file never left (or its receipt would have said so)
        sent_record(row)
        for row in repo.sent_bundles()
        if row.status != BURNT and uid in json.loads(row.assessment_uids)
    ]
    blockers: list[SentBundle] = []
    for bundle in holding:
        if bundle.acknowledged and bundle.receipt_outcome in SAFE_OUTCOMES:
            continue
        covered = any(
            later.sequence > bundle.sequence
            and later.acknowledged
            and later.receipt_outcome in SAFE_OUTCOMES
            for later in holding
        )
        if not covered:
            blockers.append(bundle)
    return blockers


def deletion_blockers(workspace: Workspace, assessment_id: int) -> list[SentBundle]:
    """Why the assessment cannot be deleted: the unacknowledged bundles holding it (empty: it can)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = repo.assessment(assessment_id)
        if row is None:
            raise NotFoundError(
                "ASSESSMENT_NOT_FOUND",
                N_("There is no assessment {assessment}."),
                assessment=assessment_id,
            )
        return blockers_in(repo, row.uid)


def can_delete(workspace: Workspace, assessment_id: int) -> bool:
    return not deletion_blockers(workspace, assessment_id)


def require_deletable(repo: Repository, uid: str, assessment_id: int) -> None:
    """For a delete use case, inside its transaction: refuse while a sent bundle is unacknowledged."""
    blockers = blockers_in(repo, uid)
    if blockers:
        raise StateError(
            "ASSESSMENT_SENT_UNACKNOWLEDGED",
            N_(
                "Assessment {assessment} was sent in bundle number {sequence} ({bundle}) and the office has not acknowledged it yet; import its receipt before deleting."
            ),
            assessment=assessment_id,
            sequence=blockers[0].sequence,
            bundle=blockers[0].bundle_id,
        )
