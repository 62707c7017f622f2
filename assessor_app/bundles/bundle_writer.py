"""Writing a signed bundle file (docs/bundle-format.md): the payload copied into a temporary
bag, the bag built and its tag manifest signed, then zipped atomically onto the target."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assessor_app.bundles import keys
from assessor_app.bundles.bag import (
    SIGNATURE_ALG,
    SIGNATURE_FILE,
    TAGMANIFEST,
    TOP_FOLDER,
    build_bag,
    signature_bytes,
)
from assessor_app.bundles.bag_info import BundleInfo
from assessor_app.bundles.signed_json import b64encode
from assessor_app.bundles.zip_rules import (
    CHUNK,
    DEFAULT_LIMITS,
    ArchiveLimits,
    fold_name,
    unsafe_name,
)
from assessor_app.bundles.zip_writer import export_too_large, write_zip
from assessor_app.core.progress import Cancelled, OperationCancelled, Progress
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


def _copy(
    source: Path, target: Path, on_chunk: Callable[[int], None], cancelled: Cancelled | None
) -> None:
    with source.open("rb") as reader, target.open("xb") as writer:
        while chunk := reader.read(CHUNK):
            if cancelled is not None and cancelled():
                raise OperationCancelled
            writer.write(chunk)
            on_chunk(len(chunk))


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


def _stage_payload(
    bag: Path,
    files: Mapping[str, bytes | Path],
    copied: Callable[[int], None],
    cancelled: Cancelled | None,
) -> None:
    """Copy the payload into the folder `bag` (streamed: evidence files can be large)."""
    bag.mkdir()
    for name, content in sorted(files.items()):
        destination = bag.joinpath(*name.split("/"))
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            destination.write_bytes(content)
            copied(len(content))
        else:
            _copy(content, destination, copied, cancelled)
    if cancelled is not None and cancelled():
        raise OperationCancelled


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
    their bytes or to a file to copy (streamed). `info.key_id` must be `key`'s fingerprint.
    The bag is built in a temporary folder under `workdir` (default: the system's temporary
    folder), which needs room for a copy of the payload. Raises BUNDLE_EXPORT_TOO_LARGE when a
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
    payload_bytes = _payload_size(files, limits)
    done = 0

    def copied(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, 2 * payload_bytes)

    def zipped(count: int, total: int) -> None:
        if progress is not None:
            progress(payload_bytes + count, payload_bytes + total)

    with tempfile.TemporaryDirectory(prefix="assessor-bundle-", dir=workdir) as staging:
        bag = Path(staging) / TOP_FOLDER
        _stage_payload(bag, files, copied, cancelled)
        tagmanifest = build_bag(bag, info, rotation)
        signature = {
            "alg": SIGNATURE_ALG,
            "key_id": info.key_id,
            "public_key": b64encode(public),
            "signed_file": TAGMANIFEST,
            "signature": b64encode(keys.sign(key, tagmanifest)),
        }
        (bag / SIGNATURE_FILE).write_bytes(signature_bytes(signature))
        write_zip(Path(staging), target, zipped, cancelled, limits=limits)
    return hashlib.sha256(tagmanifest).hexdigest()
