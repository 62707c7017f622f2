"""Verifying and importing signed dossier bundles (docs/bundle-format.md, "Verification" and
"Import").

`verify` unpacks a bundle into a fresh folder under the data home's `incoming/` (always removed
afterwards), checks it (safe extraction, hashes, signature: the bundle library), reads every payload
document (never trusting it), then asks the trust store about the signer and the sequence number.
It writes nothing.

`preview` adds the merge plan; `apply` carries it out in ONE transaction: new assessments are
created, known ones merged indicator by indicator, foreign audit chains stored, and a receipt is
written for the sender. An untrusted signer, a replayed or forked sequence, a conflicting edit, a
finalised assessment the bundle changes or a broken audit chain puts the bundle in quarantine
instead (services/quarantine.py): a copy of the file in `quarantine/` and a row with the reasons;
nothing else changes. A damaged, tampered or badly signed file is rejected. On any error the store
is exactly as before and the evidence files this import wrote are removed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import shutil
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles.archive import safe_extract
from assessor_app.bundles.bag import MAX_TAG_FILE_BYTES
from assessor_app.bundles.bag_info import parse_tag_file
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle, open_bundle
from assessor_app.bundles.errors import BundleError
from assessor_app.core.files import PRIVATE_FILE, write_atomic
from assessor_app.core.messages import fill
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_, AssessorError, InputError
from assessor_app.services import audit_trail, housekeeping, keys, receipts, trust
from assessor_app.services.bundle_payload import INDEX_FORMAT, AssessmentDoc, parse_document
from assessor_app.services.merge import (
    CONFLICT,
    INCOMING,
    LOCAL,
    ApplyContext,
    AssessmentPlan,
    IndicatorMerge,
    Reason,
    apply_assessment,
    check_document,
    corrupt,
    plan_assessment,
)
from assessor_app.services.reference_data import _store_catalogue
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository, dumps
from assessor_app.storage.schema import CatalogueRow, QuarantineRow

log = logging.getLogger(__name__)

PAYLOAD_VERSION = 1
BUNDLE_SUFFIX = ".ldbundle"

# docs/bundle-format.md, "Verification": the first failure decides the exit status.
EXIT_CODES = {
    "BUNDLE_CORRUPT": 20,
    "BUNDLE_FORMAT_VERSION": 21,
    "BUNDLE_TAMPERED": 22,
    "BUNDLE_BAD_SIGNATURE": 23,
    "BUNDLE_UNKNOWN_SIGNER": 24,
    "BUNDLE_UNKNOWN_DEVICE": 24,  # an enrolled key, under a device id it was not enrolled for
    "BUNDLE_REVOKED_SIGNER": 25,  # above the revocation threshold, or from an unknown device
    "BUNDLE_REVOKED_UNSEEN": 25,  # at or below it, but not received before the revocation
    "BUNDLE_REPLAYED": 26,
}
CATEGORY_CODES = {
    "corrupt": "BUNDLE_CORRUPT",
    "format_version": "BUNDLE_FORMAT_VERSION",
    "tampered": "BUNDLE_TAMPERED",
    "bad_signature": "BUNDLE_BAD_SIGNATURE",
}
REJECTING = ("BUNDLE_CORRUPT", "BUNDLE_FORMAT_VERSION", "BUNDLE_TAMPERED", "BUNDLE_BAD_SIGNATURE")
# Authentic, but refused for its signer: never imported, never held for a person to wave through.
REFUSED_SIGNERS = ("BUNDLE_REVOKED_SIGNER",)
TRUST_CODES = (
    "BUNDLE_UNKNOWN_SIGNER",
    "BUNDLE_UNKNOWN_DEVICE",
    "BUNDLE_REVOKED_SIGNER",
    "BUNDLE_REVOKED_UNSEEN",
    "BUNDLE_REPLAYED",
)
# Holds a person may settle with `resolve` (choices and a reason); the others need `retry`
# (after enrolling a key, updating the app) or `reject`.
RESOLVABLE = (
    "IMPORT_CONFLICT",
    "IMPORT_ASSESSMENT_LOCKED",
    "BUNDLE_REPLAYED",
    "BUNDLE_UNKNOWN_DEVICE",
    "BUNDLE_REVOKED_UNSEEN",
)

ACCEPTED, QUARANTINED, REJECTED = trust.ACCEPTED, trust.QUARANTINED, trust.REJECTED


# --- results


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of `verify`: `ok` (valid and trusted) or the first failure, with the exit
    status of `assessor-app verify` (0, 20–26). Renderable: `i18n.render(report)`."""

    ok: bool
    exit_code: int
    code: str  # "" when ok, else BUNDLE_*
    template: str
    params: dict[str, Any]
    info: BundleInfo | None  # None when the bundle could not be read (or was not authentic)
    fingerprint: str  # the signing key's (hex), "" when unknown
    signer_owner: str = ""  # from the trust store, when the key is enrolled here
    signer_agency: str = ""
    already_seen: bool = False  # this very bundle was received before
    seen_outcome: str | None = None
    assessments: tuple[str, ...] = ()  # uids in the bundle
    # Entries of the sender's audit log, per assessment uid, that come after the last head its
    # signer signed (only assessments with some): vouched for by the bundle's signature alone.
    unsigned: tuple[tuple[str, int], ...] = ()

    def english(self) -> str:
        return fill(self.template, self.params)


@dataclass(frozen=True)
class ImportPlan:
    """What `apply` would do with a bundle (`preview`), or did (`ImportResult.plan`)."""

    report: VerifyReport
    outcome: str  # accepted | quarantined | rejected
    already: bool  # the same bundle was received before: nothing would change
    reasons: tuple[Reason, ...]  # why quarantined or rejected
    assessments: tuple[AssessmentPlan, ...] = ()

    @property
    def conflicts(self) -> list[IndicatorMerge]:
        return [c for a in self.assessments for c in a.conflicts]


@dataclass(frozen=True)
class ImportResult:
    outcome: str  # accepted | quarantined | rejected
    already: bool  # the same bundle was received before: nothing changed
    bundle_id: str  # "" when it could not be read
    plan: ImportPlan
    reasons: tuple[Reason, ...] = ()
    quarantine_id: int | None = None
    quarantine_path: Path | None = None
    receipt_path: Path | None = None
    receipt_note: Reason | None = None  # why no receipt was written
    assessment_ids: tuple[int, ...] = ()  # local ids created or changed

    @property
    def report(self) -> VerifyReport:
        return self.plan.report


# --- unpacking and checking


@contextlib.contextmanager
def unpack_folder(workspace: Workspace) -> Iterator[Path]:
    """A fresh private folder under `incoming/` in the data home, removed afterwards whatever
    happens; locked while in use, so that if this run is killed the next start removes it."""
    with housekeeping.work_folder(workspace.home.incoming, "bundle-") as folder:
        yield folder


@dataclass
class Payload:
    """The checked payload of an opened bundle."""

    docs: list[AssessmentDoc]
    catalogues: dict[str, Catalogue]  # content hash → catalogue (store or bundle)
    new_catalogues: dict[str, Any]  # content hash → document, for the ones not in the store
    contains_drafts: bool


@dataclass
class Checked:
    report: VerifyReport
    opened: OpenedBundle | None = None
    payload: Payload | None = None
    verdict: trust.TrustVerdict | None = None
    error_info: BundleInfo | None = None  # what a rejected bundle claims, for its receipt


def _report_for_error(error: AssessorError, opened: OpenedBundle | None) -> VerifyReport:
    category = getattr(error, "category", None)
    code = error.code if error.code in EXIT_CODES else CATEGORY_CODES.get(str(category), "")
    if code not in REJECTING:
        code = "BUNDLE_CORRUPT"
    return VerifyReport(
        ok=False,
        exit_code=EXIT_CODES[code],
        code=code,
        template=error.template,
        params=dict(error.params),
        info=opened.info if opened else None,
        fingerprint=opened.key_fingerprint if opened else "",
    )


def _claimed_info(path: Path, folder: Path) -> BundleInfo | None:
    """What a bundle that failed its hash or signature check claims to be (bundle id, device,
    sequence), read only to address the "rejected" receipt; None when even that is unreadable."""
    try:
        safe_extract(path, folder)
        bag_info = folder / "bundle" / "bag-info.txt"
        if bag_info.stat().st_size > MAX_TAG_FILE_BYTES:
            return None
        return BundleInfo.from_bag_info(parse_tag_file(bag_info.read_bytes()))
    except (BundleError, ValueError, OSError):
        return None


def _read_payload(workspace: Workspace, repo: Repository, opened: OpenedBundle) -> Payload:
    files = set(opened.payload_files())
    if "bundle.json" not in files:
        raise corrupt("data/bundle.json", "missing")
    index = opened.read_json("bundle.json")
    if not isinstance(index, dict) or index.get("format") != INDEX_FORMAT:
        raise corrupt("data/bundle.json", "not a bundle payload index")
    if index.get("version") != PAYLOAD_VERSION:
        raise InputError(
            "BUNDLE_FORMAT_VERSION",
            N_(
                "The bundle's payload has format version {version}; this app reads version {known}."
            ),
            version=str(index.get("version")),
            known=PAYLOAD_VERSION,
        )
    uids = index.get("assessments")
    drafts = index.get("contains_drafts", False)
    if (
        not isinstance(uids, list)
        or not uids
        or not all(isinstance(u, str) for u in uids)
        or len(set(uids)) != len(uids)
        or not isinstance(drafts, bool)
    ):
        raise corrupt("data/bundle.json", "the list of assessments is not valid")
    docs: list[AssessmentDoc] = []
    catalogues: dict[str, Catalogue] = {}
    new_catalogues: dict[str, Any] = {}
    for uid in uids:
        name = f"assessments/{uid}.json"
        if name not in files:
            raise corrupt(f"data/{name}", "missing")
        doc = parse_document(opened.read_json(name), name)
        if doc.uid != uid:
            raise corrupt(f"data/{name}", "names another assessment")
        catalogue = catalogues.get(doc.catalogue_hash)
        if catalogue is None:
            row = repo.catalogue_by_hash(doc.catalogue_hash)
            if row is not None:
                catalogue = workspace.catalogue_of(row)
            else:
                catalogue_name = f"catalogues/{doc.catalogue_hash}.json"
                if catalogue_name not in files:
                    raise corrupt(f"data/{catalogue_name}", "missing")
                document = opened.read_json(catalogue_name)
                try:
                    catalogue = parse_catalogue(document)
                except InputError as error:
                    raise corrupt(f"data/{catalogue_name}", error.english()) from None
                if catalogue.content_hash != doc.catalogue_hash:
                    raise corrupt(f"data/{catalogue_name}", "its content does not match its name")
                new_catalogues[doc.catalogue_hash] = document
            catalogues[doc.catalogue_hash] = catalogue

        def available(sha256: str) -> bool:
            if f"evidence/{sha256}" in files:
                return True
            return repo.blob(sha256) is not None and workspace.evidence.exists(sha256)

        check_document(doc, name, catalogue, available)
        docs.append(doc)
    return Payload(docs, catalogues, new_catalogues, drafts)


def _seen_before(repo: Repository, opened: OpenedBundle) -> str | None:
    """The outcome of this very bundle (same id, same manifest) when it was received before."""
    seen = repo.seen_bundle(opened.info.bundle_id)
    if seen is None or seen.manifest_hash != opened.manifest_hash:
        return None
    return seen.outcome


def check(
    workspace: Workspace,
    repo: Repository,
    path: Path,
    folder: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Checked:
    """Open, check the payload and ask the trust store, inside the caller's session (the trust
    check may enrol rotated keys: a reading session rolls that back, a transaction keeps it)."""
    try:
        opened = open_bundle(path, folder / "bundle", progress=progress, cancelled=cancelled)
    except BundleError as error:
        claimed = (
            _claimed_info(path, folder / "claimed")
            if error.category in ("tampered", "bad_signature")
            else None
        )
        return Checked(_report_for_error(error, None), error_info=claimed)
    except OSError as error:
        raise InputError(
            "FILE_NOT_READABLE" if not isinstance(error, FileNotFoundError) else "FILE_NOT_FOUND",
            N_("The file {path} cannot be read: {reason}"),
            path=str(path),
            reason=error.strerror or str(error),
        ) from None
    seen = _seen_before(repo, opened)
    try:
        payload = _read_payload(workspace, repo, opened)
    except InputError as error:
        report = dataclasses.replace(
            _report_for_error(error, opened),
            already_seen=seen is not None,
            seen_outcome=seen,
        )
        return Checked(report, opened=opened, error_info=opened.info)
    verdict = trust.evaluate(repo, opened, workspace.actor, workspace.clock())
    key = verdict.key
    info = opened.info
    uids = tuple(d.uid for d in payload.docs)
    unsigned = tuple(
        (doc.uid, count)
        for doc in payload.docs
        if (
            count := audit_trail.unsigned_in_bundle(
                doc.signed_heads,
                doc.uid,
                doc.audit.get(f"{doc.uid}@{info.device_id}", []),
                info.device_id,
                opened.key_fingerprint,
            )
        )
    )
    common: dict[str, Any] = {
        "info": info,
        "fingerprint": opened.key_fingerprint,
        "signer_owner": key.owner if key else "",
        "signer_agency": key.agency if key else "",
        "already_seen": seen is not None,
        "seen_outcome": seen,
        "assessments": uids,
        "unsigned": unsigned,
    }
    if not verdict.trusted:
        code = verdict.code or "BUNDLE_UNKNOWN_SIGNER"
        report = VerifyReport(
            ok=False,
            exit_code=EXIT_CODES.get(code, 24),
            code=code,
            template=verdict.template,
            params=dict(verdict.params),
            **common,
        )
    else:
        report = VerifyReport(
            ok=True,
            exit_code=0,
            code="",
            template=N_(
                "Valid bundle number {sequence} signed by {owner} ({agency}), key {fingerprint}: {count} assessment(s)."
            ),
            params={
                "sequence": info.sequence,
                "owner": key.owner if key else info.contact,
                "agency": key.agency if key else info.organization,
                "fingerprint": key.formatted if key else opened.key_fingerprint,
                "count": len(uids),
            },
            **common,
        )
    return Checked(report, opened, payload, verdict, opened.info)


def verify(
    workspace: Workspace,
    path: str | Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> VerifyReport:
    """Check a bundle file without changing anything (docs/bundle-format.md, "Verification")."""
    with unpack_folder(workspace) as folder, workspace.database.reading() as session:
        return check(workspace, Repository(session), Path(path), folder, progress, cancelled).report


# --- deciding


def _replay_of(repo: Repository, info: BundleInfo) -> Reason | None:
    """The trust store's replay and fork rules for a bundle seen before (held in quarantine)."""
    problem = trust.sequence_problem(repo, info)
    return None if problem is None else Reason(problem.code, problem.template, problem.params)


def _id_reused(repo: Repository, opened: OpenedBundle) -> bool:
    """A bundle id already seen with other content (a forgery, or an altered copy)."""
    seen = repo.seen_bundle(opened.info.bundle_id)
    return seen is not None and seen.manifest_hash != opened.manifest_hash


def _record_seen(
    repo: Repository, opened: OpenedBundle, outcome: str, receipt: Path | None, now: str
) -> None:
    """Remember the bundle, unless its id belongs to another bundle seen before (whose record
    must not change)."""
    if not _id_reused(repo, opened):
        trust.record_seen(repo, opened, outcome, receipt, now)


def _conflict_reason(conflicts: list[IndicatorMerge]) -> Reason:
    return Reason(
        "IMPORT_CONFLICT",
        N_(
            "{count} indicator(s) were changed both here and in the bundle: {indicators}. Choose one side for each, with a reason."
        ),
        {"count": len(conflicts), "indicators": ", ".join(c.indicator for c in conflicts)},
    )


def _plans(repo: Repository, checked: Checked) -> tuple[AssessmentPlan, ...]:
    assert checked.payload is not None
    own_device = repo.meta(keys.META_DEVICE) or ""
    return tuple(plan_assessment(repo, doc, own_device, True) for doc in checked.payload.docs)


def _decide(
    repo: Repository,
    checked: Checked,
    plans: tuple[AssessmentPlan, ...],
    held: QuarantineRow | None,
    choices: Mapping[str, str] | None,
) -> tuple[str, bool, list[Reason]]:
    """(outcome, already, reasons)."""
    report = checked.report
    if report.already_seen and held is None:
        return report.seen_outcome or ACCEPTED, True, []
    if checked.payload is None or report.code in (*REJECTING, *REFUSED_SIGNERS):
        return REJECTED, False, [Reason(report.code, report.template, report.params)]
    verdict = checked.verdict
    assert verdict is not None
    assert checked.opened is not None
    reasons: list[Reason] = []
    if not verdict.trusted:
        reasons.append(Reason(report.code, report.template, report.params))
        if _id_reused(repo, checked.opened):
            reasons.append(
                Reason(
                    "BUNDLE_ID_REUSED",
                    N_(
                        "Another bundle with the id {bundle} was received before: this one can only be rejected."
                    ),
                    {"bundle": checked.opened.info.bundle_id},
                )
            )
    elif held is not None:
        replay = _replay_of(repo, checked.opened.info)
        if replay is not None and choices is None:
            reasons.append(replay)
    for plan in plans:
        reasons.extend(plan.holds)
    conflicts = [c for p in plans for c in p.conflicts if not c.locked]
    if conflicts:
        reasons.append(_conflict_reason(conflicts))
    if choices is not None:
        reasons = [r for r in reasons if r.code not in RESOLVABLE]
    return (QUARANTINED if reasons else ACCEPTED), False, reasons


def preview(
    workspace: Workspace,
    path: str | Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPlan:
    """What importing the bundle would do; changes nothing."""
    with unpack_folder(workspace) as folder, workspace.database.reading() as session:
        repo = Repository(session)
        checked = check(workspace, repo, Path(path), folder, progress, cancelled)
        plans = _plans(repo, checked) if checked.payload is not None else ()
        outcome, already, reasons = _decide(repo, checked, plans, None, None)
        return ImportPlan(checked.report, outcome, already, tuple(reasons), plans)


# --- applying


def unlock_for_receipt(
    workspace: Workspace, passphrase: str | None
) -> tuple[Ed25519PrivateKey | None, Reason | None]:
    """The office's key for the receipt, or why there will be no receipt. A wrong passphrase
    fails here, before anything is done."""
    if keys.key_info(workspace) is None:
        return None, Reason(
            "RECEIPT_NO_KEY",
            N_(
                "No receipt was written: this installation has no signing key yet. Create one with `assessor-app keys init`, then send a receipt by importing the bundle again from quarantine or asking for a new bundle."
            ),
        )
    if passphrase is None:
        return None, Reason(
            "RECEIPT_NO_PASSPHRASE",
            N_("No receipt was written: the passphrase of the signing key was not given."),
        )
    return keys.unlock(workspace, passphrase), None


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


def _keep_copy(workspace: Workspace, source: Path, bundle_id: str) -> tuple[Path, bool]:
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


def _info_json(info: BundleInfo | None) -> dict[str, Any]:
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


def _details(checked: Checked, plans: tuple[AssessmentPlan, ...]) -> dict[str, Any]:
    report = checked.report
    return {
        "bundle": _info_json(report.info),
        "signer": {
            "fingerprint": report.fingerprint,
            "owner": report.signer_owner,
            "agency": report.signer_agency,
        },
        "assessments": [p.to_json() for p in plans],
        "conflicts": [c.to_json() for p in plans for c in p.conflicts],
    }


def receipt_lines(reasons: tuple[Reason, ...] | list[Reason]) -> list[str]:
    """Reasons as the receipt carries them: their stable codes, once each, in order."""
    return list(dict.fromkeys(r.code for r in reasons))


def _run(
    workspace: Workspace,
    path: Path,
    key: Ed25519PrivateKey | None,
    receipt_note: Reason | None,
    receipt_dir: Path | None,
    held_id: int | None = None,
    choices: Mapping[str, str] | None = None,
    reason: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    created_blobs: list[str] = []
    copied: Path | None = None  # a quarantine copy this call made (removed if it fails)
    try:
        with unpack_folder(workspace) as folder, workspace.database.transaction() as session:
            repo = Repository(session)
            held = repo.quarantine_item(held_id) if held_id is not None else None
            checked = check(workspace, repo, path, folder, progress, cancelled)
            plans = _plans(repo, checked) if checked.payload is not None else ()
            outcome, already, reasons = _decide(repo, checked, plans, held, choices)
            if choices is not None and outcome == ACCEPTED:
                _check_choices(plans, choices)
            plan = ImportPlan(checked.report, outcome, already, tuple(reasons), plans)
            info = checked.opened.info if checked.opened else checked.error_info
            bundle_id = info.bundle_id if info else ""
            if already:
                return _already(repo, plan, bundle_id)
            now = workspace.clock()
            receipt_target = (  # where write_receipt will put it (a valid id is a UUID)
                (receipt_dir or receipts.receipts_dir(workspace))
                / receipts.receipt_file_name(bundle_id, str(uuid.uuid4()))
                if key is not None and info is not None
                else None
            )
            quarantine_id: int | None = held.id if held is not None else None
            quarantine_path = Path(held.stored_path) if held is not None else None
            ids: tuple[int, ...] = ()
            if outcome == REJECTED:
                if checked.opened is not None:  # authentic, but its content is unusable
                    _record_seen(repo, checked.opened, REJECTED, receipt_target, now)
                if held is not None:
                    _close(held, REJECTED, workspace, now, {"reason": checked.report.code})
            elif outcome == QUARANTINED:
                opened = checked.opened
                assert opened is not None
                details = dumps(_details(checked, plans))
                reasons_json = dumps([r.to_json() for r in reasons])
                if held is not None:  # retried and still held: bring the reasons up to date
                    held.reasons_json, held.details_json = reasons_json, details
                else:
                    quarantine_path, created = _keep_copy(workspace, path, bundle_id)
                    copied = quarantine_path if created else None
                    row = QuarantineRow(
                        bundle_id=bundle_id,
                        stored_path=str(quarantine_path),
                        received_at=now,
                        device_id=opened.info.device_id,
                        sequence=opened.info.sequence,
                        key_fingerprint=opened.key_fingerprint,
                        reasons_json=reasons_json,
                        details_json=details,
                        status="held",
                    )
                    session.add(row)
                    session.flush()
                    quarantine_id = row.id
                _record_seen(repo, opened, QUARANTINED, receipt_target, now)
            else:
                assert checked.opened is not None
                ids = _apply(workspace, repo, checked, plans, choices, reason, created_blobs)
                _record_seen(repo, checked.opened, ACCEPTED, receipt_target, now)
                if held is not None:
                    resolution: dict[str, Any] = (
                        {"retried": True}
                        if choices is None
                        else {"choices": dict(choices), "reason": reason}
                    )
                    _close(held, "resolved", workspace, now, resolution)
            # Leaving the block commits; nothing below may fail the import.
    except BaseException:
        for sha256 in created_blobs:  # rolled back: leave the disk as it was
            workspace.evidence.discard(sha256)
            shard = workspace.evidence.path_of(sha256).parent
            for empty in (shard, shard.parent):  # the folders made for it, if now empty
                with contextlib.suppress(OSError):
                    empty.rmdir()
        if copied is not None:
            copied.unlink(missing_ok=True)
        raise
    receipt_path, note = None, receipt_note
    if key is not None:
        try:
            receipt_path = receipts.write_receipt(
                workspace,
                key,
                checked.opened if checked.opened is not None else info,
                outcome,
                receipt_lines(reasons),
                receipt_dir,
            )
        except OSError as error:
            log.warning("receipt for bundle %s not written: %s", bundle_id, error)
            note = Reason(
                "RECEIPT_WRITE_FAILED",
                N_("The receipt could not be written: {reason}"),
                {"reason": error.strerror or str(error)},
            )
    return ImportResult(
        outcome=outcome,
        already=False,
        bundle_id=bundle_id,
        plan=plan,
        reasons=tuple(reasons),
        quarantine_id=quarantine_id,
        quarantine_path=quarantine_path if outcome != ACCEPTED or held is not None else None,
        receipt_path=receipt_path,
        receipt_note=None if receipt_path is not None else note,
        assessment_ids=ids,
    )


def _already(repo: Repository, plan: ImportPlan, bundle_id: str) -> ImportResult:
    """The result for a bundle received before: nothing changes; the reasons are those it was
    held or rejected for then."""
    seen = repo.seen_bundle(bundle_id)
    held = repo.quarantine_for_bundle(bundle_id)
    reasons: tuple[Reason, ...] = ()
    if plan.outcome == QUARANTINED and held is not None:
        reasons = tuple(Reason.from_json(r) for r in json.loads(held.reasons_json))
    elif plan.outcome == REJECTED and plan.report.code:
        report = plan.report
        reasons = (Reason(report.code, report.template, report.params),)
    elif plan.outcome == REJECTED:  # rejected by a person, from quarantine
        reasons = (
            Reason(
                "QUARANTINE_REJECTED",
                N_("Bundle {bundle} was rejected from quarantine: {reason}"),
                {
                    "bundle": bundle_id,
                    "reason": json.loads(held.resolution or "{}").get("reason", "")
                    if held is not None
                    else "",
                },
            ),
        )
    return ImportResult(
        outcome=plan.outcome,
        already=True,
        bundle_id=bundle_id,
        plan=plan,
        reasons=reasons,
        quarantine_id=held.id if held is not None else None,
        quarantine_path=Path(held.stored_path) if held is not None else None,
        receipt_path=Path(seen.receipt_path) if seen and seen.receipt_path else None,
    )


def _close(
    row: QuarantineRow, status: str, workspace: Workspace, now: str, resolution: dict[str, Any]
) -> None:
    row.status, row.resolved_at, row.resolved_by = status, now, workspace.actor
    row.resolution = dumps(resolution)


def _check_choices(plans: tuple[AssessmentPlan, ...], choices: Mapping[str, str]) -> None:
    conflicts = [c for p in plans for c in p.conflicts]
    missing = [c.indicator for c in conflicts if c.key not in choices]
    if missing:
        raise InputError(
            "RESOLVE_CHOICE_MISSING",
            N_("Choose local or incoming for every conflicting indicator; missing: {indicators}."),
            indicators=", ".join(missing),
        )


def _apply(
    workspace: Workspace,
    repo: Repository,
    checked: Checked,
    plans: tuple[AssessmentPlan, ...],
    choices: Mapping[str, str] | None,
    reason: str,
    created_blobs: list[str],
) -> tuple[int, ...]:
    opened, payload = checked.opened, checked.payload
    assert opened is not None
    assert payload is not None
    now = workspace.clock()
    for content_hash, document in payload.new_catalogues.items():
        if repo.catalogue_by_hash(content_hash) is None:
            _store_catalogue(repo, document, "imported", now)  # checked: its hash is its name
            repo.session.flush()
    context = ApplyContext(
        workspace=workspace,
        repo=repo,
        own_device=keys.device_id_in(repo),
        bundle_id=opened.info.bundle_id,
        device_id=opened.info.device_id,
        sequence=opened.info.sequence,
        evidence_path=lambda sha256: opened.payload_path(f"evidence/{sha256}"),
        created_blobs=created_blobs,
    )
    ids: list[int] = []
    for doc, plan in zip(payload.docs, plans, strict=True):
        if plan.action == "same":
            continue
        catalogue_row: CatalogueRow | None = repo.catalogue_by_hash(doc.catalogue_hash)
        assert catalogue_row is not None
        row = apply_assessment(context, doc, plan, catalogue_row, choices, reason)
        ids.append(row.id)
    return tuple(ids)


def apply(
    workspace: Workspace,
    path: str | Path,
    passphrase: str | None = None,
    receipt_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Import a bundle: merge it (accepted), hold it in quarantine, or reject it; then write the
    signed receipt (with this installation's key, unlocked by `passphrase`; without a key the
    import still happens and `receipt_note` says why there is no receipt). `progress(done, total)`
    and `cancelled()` are handed to the unpacking (OperationCancelled: nothing was changed)."""
    key, note = unlock_for_receipt(workspace, passphrase)
    return _run(
        workspace, Path(path), key, note, receipt_dir, progress=progress, cancelled=cancelled
    )


# --- used by services/quarantine.py


def run_held(
    workspace: Workspace,
    held_id: int,
    stored_path: Path,
    passphrase: str | None,
    choices: Mapping[str, str] | None = None,
    reason: str = "",
    receipt_dir: Path | None = None,
) -> ImportResult:
    """Import a quarantined bundle again from its stored copy (retry, or resolve with choices)."""
    key, note = unlock_for_receipt(workspace, passphrase)
    return _run(workspace, stored_path, key, note, receipt_dir, held_id, choices, reason)


def normalise_choices(plans: tuple[AssessmentPlan, ...], raw: Mapping[str, str]) -> dict[str, str]:
    """Choices typed as `INDICATOR`, `UID:INDICATOR` or `ID:INDICATOR` → keyed by `UID:INDICATOR`."""
    conflicts = [c for p in plans for c in p.indicators if c.kind == CONFLICT]
    local_ids = {p.uid: p.local_id for p in plans}
    result: dict[str, str] = {}
    for typed, choice in raw.items():
        value = choice.strip().lower()
        if value not in (LOCAL, INCOMING):
            raise InputError(
                "RESOLVE_BAD_CHOICE",
                N_("Choose 'local' or 'incoming' for {indicator}, not '{choice}'."),
                indicator=typed,
                choice=choice,
            )
        name = typed.strip()
        prefix, _sep, code = name.rpartition(":")
        matches = [
            c
            for c in conflicts
            if c.indicator == (code if prefix else name)
            and (not prefix or prefix in (c.assessment_uid, str(local_ids.get(c.assessment_uid))))
        ]
        if not matches:
            raise InputError(
                "RESOLVE_UNKNOWN_INDICATOR",
                N_(
                    "{indicator} is not one of the conflicting indicators of this bundle ({known})."
                ),
                indicator=typed,
                known=", ".join(c.indicator for c in conflicts) or "-",
            )
        if len(matches) > 1:
            raise InputError(
                "RESOLVE_AMBIGUOUS",
                N_(
                    "{indicator} conflicts in several assessments of this bundle; write ASSESSMENT-ID:{indicator}."
                ),
                indicator=typed,
            )
        result[matches[0].key] = value
    return result


__all__ = [
    "ACCEPTED",
    "EXIT_CODES",
    "QUARANTINED",
    "REJECTED",
    "RESOLVABLE",
    "ImportPlan",
    "ImportResult",
    "Reason",
    "VerifyReport",
    "apply",
    "info_from_json",
    "normalise_choices",
    "preview",
    "quarantine_dir",
    "run_held",
    "unlock_for_receipt",
    "unpack_folder",
    "verify",
]
