"""Writing a signed bundle file (docs/bundle-format.md): the bag is written straight into the
ZIP, atomically onto the target. Each payload file is read once, hashed and CRC'd as it is
archived (stored when it is already compressed, deflated otherwise: bundles/zip_writer.py); the
manifests, the tag manifest and its signature follow the payload in the archive. Nothing is
copied into a staging folder first."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.bag import (
    BAG_INFO,
    BAGIT_TXT,
    BAGIT_TXT_CONTENT,
    MANIFEST,
    PAYLOAD_DIR,
    ROTATION,
    SIGNATURE_ALG,
    SIGNATURE_FILE,
    TAGMANIFEST,
    TOP_FOLDER,
    bag_info_bytes,
    format_manifest,
    signature_bytes,
)
from assessor_app.bundles.bag_info import BundleInfo
from assessor_app.bundles.signed_json import b64encode
from assessor_app.bundles.zip_rules import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    fold_name,
    unsafe_name,
)
from assessor_app.bundles.zip_writer import ArchiveWriter, export_too_large, write_archive
from assessor_app.core.canonical import canonical_json
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.text import nfc

_TAG_FILE_ALLOWANCE = 16  # entries besides the payload: tag files and folders


def _payload_names(files: Mapping[str, bytes | Path]) -> None:
    """Refuse payload paths that would not survive the trip (a bug in the caller: ValueError)."""
    folded: set[str] = set()
    folders: set[str] = set()
    for name in files:
        if name != nfc(name) or "%" in name or unsafe_name(name):
            raise ValueError(f"unsafe payload path {name!r}")
        key = fold_name(name)
        if key in folded:
            raise ValueError(f"payload paths {name!r} and another differ only in case or accents")
        folded.add(key)
        parts = key.split("/")
        folders.update("/".join(parts[:depth]) for depth in range(1, len(parts)))
    clash = folded & folders
    if clash:
        raise ValueError(f"payload path {clash.pop()!r} is both a file and a folder")


def _payload_size(files: Mapping[str, bytes | Path], limits: ArchiveLimits) -> int:
    """The payload's bytes; BUNDLE_EXPORT_TOO_LARGE when a receiving office would refuse it."""
    sizes = {
        name: len(content) if isinstance(content, bytes) else content.stat().st_size
        for name, content in files.items()
    }
    payload_bytes = sum(sizes.values())
    if (
        len(files) + _TAG_FILE_ALLOWANCE > limits.max_entries
        or payload_bytes > limits.max_total_bytes
        or max(sizes.values()) > limits.max_entry_bytes
    ):
        raise export_too_large(len(files), payload_bytes, limits)
    return payload_bytes


def _payload_entries(files: Mapping[str, bytes | Path]) -> list[tuple[tuple[str, ...], bool]]:
    """Every payload file and the folders it implies, as (path parts, is folder), in the
    archive's order (sorted by parts, as `write_zip` sorts a folder's content)."""
    entries: dict[tuple[str, ...], bool] = {}
    for name in files:
        parts = tuple(name.split("/"))
        entries[parts] = False
        for depth in range(1, len(parts)):
            entries.setdefault(parts[:depth], True)
    return sorted(entries.items())


class _Bag:
    """The bag written straight into the archive, in the order `write_zip` would write it had
    the bag been built in a folder: tag files before data/ (bag-info needs only the payload's
    sizes), the manifests after it (they need its hashes, taken as it is written)."""

    def __init__(
        self,
        files: Mapping[str, bytes | Path],
        bag_info: bytes,
        rotation: list[dict[str, Any]] | None,
        key: Ed25519PrivateKey,
        key_id: str,
    ) -> None:
        self.files, self.bag_info, self.rotation = files, bag_info, rotation
        self.key, self.key_id = key, key_id
        self.tagmanifest = b""

    def fill(self, writer: ArchiveWriter) -> None:
        top = f"{TOP_FOLDER}/"
        writer.folder(TOP_FOLDER)
        tags = {
            BAG_INFO: writer.add_bytes(top + BAG_INFO, self.bag_info),
            BAGIT_TXT: writer.add_bytes(top + BAGIT_TXT, BAGIT_TXT_CONTENT),
        }
        writer.folder(top + PAYLOAD_DIR)
        manifest: dict[str, str] = {}
        for parts, is_folder in _payload_entries(self.files):
            name = "/".join(parts)
            archived = f"{top}{PAYLOAD_DIR}/{name}"
            if is_folder:
                writer.folder(archived)
                continue
            content = self.files[name]
            manifest[f"{PAYLOAD_DIR}/{name}"] = (
                writer.add_bytes(archived, content)
                if isinstance(content, bytes)
                else writer.add_file(archived, content)
            )
        tags[MANIFEST] = writer.add_bytes(top + MANIFEST, format_manifest(manifest))
        if self.rotation:
            tags[ROTATION] = writer.add_bytes(top + ROTATION, canonical_json(self.rotation))
        self.tagmanifest = format_manifest(tags)
        public = keys.public_raw(self.key)
        signature = {
            "alg": SIGNATURE_ALG,
            "key_id": self.key_id,
            "public_key": b64encode(public),
            "signed_file": TAGMANIFEST,
            "signature": b64encode(keys.sign(self.key, self.tagmanifest)),
        }
        writer.add_bytes(top + SIGNATURE_FILE, signature_bytes(signature))
        writer.add_bytes(top + TAGMANIFEST, self.tagmanifest)


def write_bundle(
    target: Path,
    files: Mapping[str, bytes | Path],
    info: BundleInfo,
    key: Ed25519PrivateKey,
    rotation: list[dict[str, Any]] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    workdir: Path | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> str:
    """Write a signed bundle to `target` atomically; return its manifest hash.

    `files` maps payload paths ("bundle.json", "assessments/<uid>.json", "evidence/<sha256>") to
    their bytes or to a file to read (streamed, once: hashed as it is archived). `info.key_id`
    must be `key`'s fingerprint. Nothing is staged on disk (`workdir` is no longer used; it is
    accepted for callers that still name one). Raises BUNDLE_EXPORT_TOO_LARGE when a
    receiving office would refuse the bundle under `limits`, OperationCancelled on cancel, OSError
    for a full or read-only disk; in every failure case neither `target` nor a partial file is left.
    """
    public = keys.public_raw(key)
    if info.key_id != keys.fingerprint(public):
        raise ValueError("info.key_id must be the fingerprint of the signing key")
    if not files:
        raise ValueError("a bundle needs at least one payload file (bundle.json)")
    _payload_names(files)
    if rotation is not None and not all(isinstance(doc, dict) for doc in rotation):
        raise ValueError("rotation must be a list of statements (dicts)")
    fields = info.to_bag_info()  # ValueError for invalid info, before anything is written
    payload_bytes = _payload_size(files, limits)
    bag = _Bag(files, bag_info_bytes(fields, payload_bytes, len(files)), rotation, key, info.key_id)
    write_archive(target, bag.fill, payload_bytes, progress, cancelled, limits=limits)
    if progress is not None:
        progress(payload_bytes, payload_bytes)
    return hashlib.sha256(bag.tagmanifest).hexdigest()
