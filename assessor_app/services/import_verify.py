"""Importing a bundle, step 1 of 4: verify (docs/bundle-format.md, "Verification").

`check` unpacks a bundle into a fresh folder under the data home's `incoming/` (always removed
afterwards), checks it (safe extraction, hashes, signature: the bundle library), reads every payload
document (never trusting it), then asks the trust store about the signer and the sequence number.
`verify` does that and writes nothing. The steps after it: services/import_decide.py (what to do
with the bundle), import_plan.py (the merge plan, `preview`) and import_apply.py (`apply`).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app.bundles.archive import safe_extract
from assessor_app.bundles.bag import MAX_TAG_FILE_BYTES
from assessor_app.bundles.bag_info import parse_tag_file
from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle, open_bundle
from assessor_app.bundles.errors import BundleError
from assessor_app.core.messages import Nn_, english_form, fill
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_, AssessorError, InputError
from assessor_app.domain.exchange import BundleOutcome
from assessor_app.services import audit_trail, housekeeping, trust
from assessor_app.services.bundle_payload import INDEX_FORMAT, AssessmentDoc, parse_document
from assessor_app.services.exchange_store import exchange
from assessor_app.services.merge import check_document, corrupt
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repositories.exchange import ExchangeRepository
from assessor_app.storage.repository import Repository

PAYLOAD_VERSION = 1

CATEGORY_CODES = {
    "corrupt": "BUNDLE_CORRUPT",
    "format_version": "BUNDLE_FORMAT_VERSION",
    "tampered": "BUNDLE_TAMPERED",
    "bad_signature": "BUNDLE_BAD_SIGNATURE",
}
REJECTING = ("BUNDLE_CORRUPT", "BUNDLE_FORMAT_VERSION", "BUNDLE_TAMPERED", "BUNDLE_BAD_SIGNATURE")
TRUST_CODES = (
    "BUNDLE_UNKNOWN_SIGNER",
    "BUNDLE_UNKNOWN_DEVICE",
    "BUNDLE_REVOKED_SIGNER",
    "BUNDLE_REVOKED_UNSEEN",
    "BUNDLE_REPLAYED",
)
# Every code a report can have (the command line gives each its exit status: cli/exit_codes.py).
VERIFY_CODES = (*REJECTING, *TRUST_CODES)


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of `verify`: `ok` (valid and trusted) or the first failure (docs/bundle-format.md,
    "Verification": it decides the exit status of `assessor-app verify`). Renderable:
    `i18n.render(report)`."""

    ok: bool
    code: str  # "" when ok, else BUNDLE_*
    template: str
    params: dict[str, Any]
    info: BundleInfo | None  # None when the bundle could not be read (or was not authentic)
    fingerprint: str  # the signing key's (hex), "" when unknown
    signer_owner: str = ""  # from the trust store, when the key is enrolled here
    signer_agency: str = ""
    already_seen: bool = False  # this very bundle was received before
    seen_outcome: BundleOutcome | None = None
    assessments: tuple[str, ...] = ()  # uids in the bundle
    # Entries of the sender's audit log, per assessment uid, that come after the last head its
    # signer signed (only assessments with some): vouched for by the bundle's signature alone.
    unsigned: tuple[tuple[str, int], ...] = ()
    plural: str | None = None  # the template's plural form, when it counts (`count`)
    # The bundle holds demo data (its signed index or one of its documents says so): an import
    # refuses it unless accepted on purpose, into a demo store (services/demo.py).
    demo: bool = False

    def english(self) -> str:
        return fill(english_form(self.template, self.plural, self.params), self.params)


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
    demo: bool = False  # the index or any document is marked demo

    def holds_demo(self) -> bool:
        return self.demo or any(doc.demo for doc in self.docs)


@dataclass
class Checked:
    report: VerifyReport
    opened: OpenedBundle | None = None
    payload: Payload | None = None
    verdict: trust.TrustVerdict | None = None
    error_info: BundleInfo | None = None  # what a rejected bundle claims, for its receipt


def _report_for_error(error: AssessorError, opened: OpenedBundle | None) -> VerifyReport:
    category = getattr(error, "category", None)
    code = error.code if error.code in VERIFY_CODES else CATEGORY_CODES.get(str(category), "")
    if code not in REJECTING:
        code = "BUNDLE_CORRUPT"
    return VerifyReport(
        ok=False,
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


# --- the payload


def _read_index(opened: OpenedBundle, files: set[str]) -> tuple[list[str], bool, bool]:
    """The payload index (`data/bundle.json`): the assessments' uids, the drafts flag and the
    demo flag."""
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
    demo = index.get("demo", False)
    if (
        not isinstance(uids, list)
        or not uids
        or not all(isinstance(u, str) for u in uids)
        or len(set(uids)) != len(uids)
        or not isinstance(drafts, bool)
        or not isinstance(demo, bool)
    ):
        raise corrupt("data/bundle.json", "the list of assessments is not valid")
    return uids, drafts, demo


def _bundled_catalogue(
    opened: OpenedBundle, files: set[str], content_hash: str
) -> tuple[Any, Catalogue]:
    """A catalogue the store does not have, from the bundle: (its document, the catalogue)."""
    catalogue_name = f"catalogues/{content_hash}.json"
    if catalogue_name not in files:
        raise corrupt(f"data/{catalogue_name}", "missing")
    document = opened.read_json(catalogue_name)
    try:
        catalogue = parse_catalogue(document)
    except InputError as error:
        raise corrupt(f"data/{catalogue_name}", error.english()) from None
    if catalogue.content_hash != content_hash:
        raise corrupt(f"data/{catalogue_name}", "its content does not match its name")
    return document, catalogue


def _catalogue_of(
    workspace: Workspace,
    repo: Repository,
    opened: OpenedBundle,
    files: set[str],
    payload: Payload,
    content_hash: str,
) -> Catalogue:
    """The catalogue an assessment was scored with: the store's, else the bundle's (kept in
    `payload.new_catalogues` to be stored on import)."""
    catalogue = payload.catalogues.get(content_hash)
    if catalogue is None:
        row = repo.catalogue_record_by_hash(content_hash)
        if row is not None:
            catalogue = workspace.catalogue_of(row)
        else:
            document, catalogue = _bundled_catalogue(opened, files, content_hash)
            payload.new_catalogues[content_hash] = document
        payload.catalogues[content_hash] = catalogue
    return catalogue


def _check_evidence_names(opened: OpenedBundle) -> None:
    """Each evidence file is named by its SHA-256: the hash its content was checked against
    while it was unpacked must be its name (the import moves the file into the store by it)."""
    for name, digest in opened.digests.items():
        if name.startswith("evidence/") and name != f"evidence/{digest}":
            raise corrupt(f"data/{name}", "its content does not match its name")


def _read_payload(workspace: Workspace, repo: Repository, opened: OpenedBundle) -> Payload:
    files = set(opened.payload_files())
    _check_evidence_names(opened)
    uids, drafts, demo = _read_index(opened, files)
    payload = Payload([], {}, {}, drafts, demo)

    def available(sha256: str) -> bool:
        if f"evidence/{sha256}" in files:
            return True
        return repo.has_blob(sha256) and workspace.evidence.exists(sha256)

    for uid in uids:
        name = f"assessments/{uid}.json"
        if name not in files:
            raise corrupt(f"data/{name}", "missing")
        doc = parse_document(opened.read_json(name), name)
        if doc.uid != uid:
            raise corrupt(f"data/{name}", "names another assessment")
        catalogue = _catalogue_of(workspace, repo, opened, files, payload, doc.catalogue_hash)
        check_document(doc, name, catalogue, available)
        payload.docs.append(doc)
    return payload


# --- the report


def _seen_before(keys: ExchangeRepository, opened: OpenedBundle) -> BundleOutcome | None:
    """The outcome of this very bundle (same id, same manifest) when it was received before."""
    seen = keys.seen_bundle(opened.info.bundle_id)
    if seen is None or seen.manifest_hash != opened.manifest_hash:
        return None
    return seen.outcome


def _open(
    path: Path, folder: Path, progress: Progress | None, cancelled: Cancelled | None
) -> OpenedBundle | Checked:
    """The opened bundle, or the rejection of a file the library refused."""
    try:
        return open_bundle(path, folder / "bundle", progress=progress, cancelled=cancelled)
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


def _unsigned(opened: OpenedBundle, payload: Payload) -> tuple[tuple[str, int], ...]:
    """Per assessment, how many of the sender's audit entries no signed head covers."""
    info = opened.info
    return tuple(
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


def _trust_report(
    opened: OpenedBundle, payload: Payload, verdict: trust.TrustVerdict, seen: BundleOutcome | None
) -> VerifyReport:
    """The report of an authentic, readable bundle: trusted, or why its signer is not."""
    key = verdict.key
    info = opened.info
    uids = tuple(d.uid for d in payload.docs)
    common: dict[str, Any] = {
        "info": info,
        "fingerprint": opened.key_fingerprint,
        "signer_owner": key.owner if key else "",
        "signer_agency": key.agency if key else "",
        "already_seen": seen is not None,
        "seen_outcome": seen,
        "assessments": uids,
        "unsigned": _unsigned(opened, payload),
        "demo": payload.holds_demo(),
    }
    if not verdict.trusted:
        code = verdict.code or "BUNDLE_UNKNOWN_SIGNER"
        return VerifyReport(
            ok=False,
            code=code,
            template=verdict.template,
            params=dict(verdict.params),
            **common,
        )
    singular, plural = Nn_(
        "Valid bundle number {sequence} signed by {owner} ({agency}), key {fingerprint}: {count} assessment.",
        "Valid bundle number {sequence} signed by {owner} ({agency}), key {fingerprint}: {count} assessments.",
    )
    return VerifyReport(
        ok=True,
        code="",
        template=singular,
        plural=plural,
        params={
            "sequence": info.sequence,
            "owner": key.owner if key else info.contact,
            "agency": key.agency if key else info.organization,
            "fingerprint": key.formatted if key else opened.key_fingerprint,
            "count": len(uids),
        },
        **common,
    )


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
    opened = _open(path, folder, progress, cancelled)
    if isinstance(opened, Checked):
        return opened
    seen = _seen_before(exchange(workspace, repo), opened)
    try:
        payload = _read_payload(workspace, repo, opened)
    except InputError as error:
        report = dataclasses.replace(
            _report_for_error(error, opened),
            already_seen=seen is not None,
            seen_outcome=seen,
        )
        return Checked(report, opened=opened, error_info=opened.info)
    verdict = trust.evaluate(workspace, repo, opened)
    report = _trust_report(opened, payload, verdict, seen)
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
