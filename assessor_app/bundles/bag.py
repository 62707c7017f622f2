"""The BagIt side of a bundle: building the bag, checking every hash (its bag-info fields are
bundles/bag_info.py).

A bundle's bag (RFC 8493, BagIt 1.0, SHA-256):

    bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt, [rotation.json],
    signature.json, data/...

`build_bag` writes every file of the bag itself: the payload manifest (sorted), bag-info (the
bundle's fields and the three BagIt reserves: Bagging-Date, Payload-Oxum, Bag-Software-Agent),
`bagit.txt` as BagIt 1.0, `rotation.json`, and the tag manifest (sorted, listing exactly
bagit.txt, bag-info.txt, manifest-sha256.txt and rotation.json), which must cover rotation.json
and must not cover signature.json, which signs it. It does not use `bagit.make_bag`, which
changes the process's working directory (`os.chdir`) while it works: export runs on a worker
thread while other threads of the GUI may resolve relative paths, so a chdir there is a race.
Nothing here changes the working directory; every path is absolute. `build_bag` makes the bag in
a folder; export (bundles/bundle_writer.py) writes the same files, from the same helpers
(`bag_info_bytes`, `format_manifest`), straight into the ZIP.

Reading never relies on bagit-python alone: `check_integrity` parses both manifests strictly and
checks every file's hash itself, so that each failure names the file. The hashes are those
`archive.safe_extract` took while it wrote each file (or, for a bag not just extracted, read here,
streaming): each byte of a bundle is read once. The caller also runs `bagit.Bag.validate` as a
second opinion on everything but the hashes (`completeness_only`: bagit.txt, the payload folder,
Payload-Oxum, no file missing, none extra; hashing everything a second time would double the
cost of an import). Since bagit would otherwise check the hashes of any other manifest
(`manifest-md5.txt`, ...), a bag holding one is refused here. bagit reads through absolute paths
and never changes the working directory (tests/unit/bundles/test_bag.py holds it to that).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import bagit  # type: ignore[import-untyped]

from assessor_app import __version__
from assessor_app.bundles.archive import special_file
from assessor_app.bundles.bag_info import BundleInfo
from assessor_app.bundles.errors import BundleError, corrupt, tampered
from assessor_app.bundles.zip_rules import CHUNK, unsafe_name
from assessor_app.core.canonical import canonical_json
from assessor_app.core.progress import Cancelled
from assessor_app.domain.errors import N_, OperationCancelled

logging.getLogger("bagit").setLevel(logging.WARNING)  # it narrates every file at INFO

BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
ROTATION = "rotation.json"
SIGNATURE_FILE = "signature.json"
SIGNATURE_ALG = "Ed25519"
TOP_FOLDER = "bundle"  # the one folder of a bundle's ZIP: the bag
PAYLOAD_DIR = "data"
BAGIT_TXT_CONTENT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
SOFTWARE_AGENT = f"assessor-app {__version__}"  # bag-info's Bag-Software-Agent
REQUIRED_TAG_FILES = (BAGIT_TXT, BAG_INFO, MANIFEST)
MAX_TAG_FILE_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 32 * 1024 * 1024

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64})[ \t]+(\S(?:.*\S)?)$")
# Manifests bagit-python would check besides the SHA-256 ones (and fetch.txt, which asks for
# files from elsewhere): a bundle never has them.
_OTHER_MANIFEST = re.compile(r"^(?:(?:tag)?manifest-(?!sha256\.txt$).*|fetch\.txt)$", re.IGNORECASE)

ChunkCallback = Callable[[int], None]


# --- manifests ---------------------------------------------------------------------------------


def sha256_file(path: Path, on_chunk: ChunkCallback | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            if on_chunk is not None:
                on_chunk(len(chunk))
    return digest.hexdigest()


def format_manifest(entries: Mapping[str, str]) -> bytes:
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(entries.items())).encode()


class ManifestError(ValueError):
    def __init__(self, line: int) -> None:
        super().__init__(f"malformed manifest line {line}")
        self.line = line


def parse_manifest(data: bytes) -> dict[str, str]:
    """name -> sha256 of a manifest; ManifestError (a ValueError, with the line) if anything is off.

    Strict: UTF-8, lower-case hex, one entry per name, safe relative names only, a final newline.
    Names containing "%" are refused (this app never writes them, so it never needs BagIt's
    percent-encoding).
    """
    lines = data.split(b"\n")
    if lines[-1] != b"":
        raise ManifestError(len(lines))
    entries: dict[str, str] = {}
    for number, raw in enumerate(lines[:-1], start=1):
        try:
            match = _MANIFEST_LINE.match(raw.decode("utf-8"))
        except UnicodeDecodeError:
            match = None
        if match is None:
            raise ManifestError(number)
        digest, name = match.groups()
        if "%" in name or unsafe_name(name) or name in entries:
            raise ManifestError(number)
        entries[name] = digest
    return entries


def read_small(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file `path`, or None if it is missing, not a file, or too big."""
    if not path.is_file() or path.is_symlink() or path.stat().st_size > limit:
        return None
    return path.read_bytes()


def _walk(root: Path) -> Iterator[tuple[str, Path, int]]:
    """Every entry under `root`, folders included: ("/"-separated relative name, path, lstat mode)."""
    for folder, folder_names, file_names in os.walk(root):  # never follows links
        base = Path(folder)
        for name in [*folder_names, *file_names]:
            path = base / name
            yield path.relative_to(root).as_posix(), path, path.lstat().st_mode


def _bag_files(bag: Path) -> Iterator[str]:
    """Every file under `bag` as a "/"-separated relative name (folders are not listed)."""
    for name, _path, mode in _walk(bag):
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise special_file(name)
        if stat.S_ISREG(mode):
            yield name


def missing_file(name: str) -> BundleError:
    return tampered(
        N_(
            "The file {name} listed in the bundle's manifest is missing: the bundle was changed or "
            "damaged after it was signed. Do not use it; ask the sender for a new copy."
        ),
        name=name,
    )


def _malformed_manifest(name: str, line: int) -> BundleError:
    return tampered(
        N_(
            "The bundle's manifest {name} is damaged at line {line}: the bundle was changed after "
            "it was signed, or damaged in transit. Do not use it; ask the sender for a new copy."
        ),
        name=name,
        line=line,
    )


def _wrong_coverage(manifest: str, name: str) -> BundleError:
    return tampered(
        N_(
            "The bundle's manifest {name} does not cover {file} as it should: the bundle was "
            "changed after it was signed. Do not use it; ask the sender for a new copy."
        ),
        name=manifest,
        file=name,
    )


def too_large_to_read(name: str, size: int, limit: int) -> BundleError:
    return corrupt(
        N_(
            "The file {name} in the bundle is too large to read ({size} bytes; the limit is "
            "{limit}). Ask the sender to export the bundle again."
        ),
        name=name,
        size=size,
        limit=limit,
    )


def _check_file(
    bag: Path,
    name: str,
    expected: str,
    on_chunk: ChunkCallback | None,
    cancelled: Cancelled | None,
    hashed: Mapping[str, str] | None = None,
) -> None:
    if cancelled is not None and cancelled():
        raise OperationCancelled
    path = bag / name
    if path.is_symlink() or not path.is_file():
        raise missing_file(name)
    known = hashed.get(name) if hashed is not None else None
    if known is not None and on_chunk is not None:
        on_chunk(path.stat().st_size)
    if (known if known is not None else sha256_file(path, on_chunk)) != expected:
        raise tampered(
            N_(
                "The file {name} in the bundle does not match its recorded checksum: the bundle "
                "was changed or damaged after it was signed. Do not use it; ask the sender for a "
                "new copy."
            ),
            name=name,
        )


def check_integrity(
    bag: Path,
    tagmanifest: bytes,
    on_chunk: ChunkCallback | None = None,
    cancelled: Cancelled | None = None,
    hashed: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Check every hash of the bag against its manifests; BUNDLE_TAMPERED naming the file if not.

    `hashed` ("/"-separated name relative to `bag` -> SHA-256) holds the hashes of files taken as
    they were written into `bag` (`safe_extract(..., hashes=)`); the other files are read here.

    Order: the tag manifest is parsed; the tag files it lists are hashed (so any change to
    bag-info.txt, bagit.txt, manifest-sha256.txt or rotation.json is caught here, before their
    content is used); the payload manifest is parsed; no file may be outside both manifests
    (except tagmanifest-sha256.txt and signature.json); every payload file is hashed.
    Returns the payload manifest ("data/..." -> sha256).
    """
    tags = _checked_tag_files(bag, tagmanifest, cancelled, hashed)
    payload = _payload_manifest(bag)
    _refuse_unlisted_files(bag, tags, payload)
    for name, digest in sorted(payload.items()):
        _check_file(bag, name, digest, on_chunk, cancelled, hashed)
    return payload


def _checked_tag_files(
    bag: Path, tagmanifest: bytes, cancelled: Cancelled | None, hashed: Mapping[str, str] | None
) -> dict[str, str]:
    """The tag manifest, parsed and covering exactly the tag files, each of them hashed."""
    try:
        tags = parse_manifest(tagmanifest)
    except ManifestError as error:
        raise _malformed_manifest(TAGMANIFEST, error.line) from None
    for name in tags:
        if (
            name.startswith(f"{PAYLOAD_DIR}/")
            or name in (TAGMANIFEST, SIGNATURE_FILE)
            or _OTHER_MANIFEST.match(name)
        ):
            raise _wrong_coverage(TAGMANIFEST, name)
    for name in REQUIRED_TAG_FILES:
        if name not in tags:
            raise _wrong_coverage(TAGMANIFEST, name)
    for name, digest in sorted(tags.items()):
        _check_file(bag, name, digest, None, cancelled, hashed)
    return tags


def _payload_manifest(bag: Path) -> dict[str, str]:
    """The payload manifest (already hashed as a tag file), parsed: payload files only."""
    manifest_path = bag / MANIFEST
    manifest_bytes = read_small(manifest_path, MAX_MANIFEST_BYTES)
    if manifest_bytes is None:  # it matched its hash, so it can only be too big
        raise too_large_to_read(MANIFEST, manifest_path.stat().st_size, MAX_MANIFEST_BYTES)
    try:
        payload = parse_manifest(manifest_bytes)
    except ManifestError as error:
        raise _malformed_manifest(MANIFEST, error.line) from None
    for name in payload:
        if not name.startswith(f"{PAYLOAD_DIR}/"):
            raise _wrong_coverage(MANIFEST, name)
    return payload


def _refuse_unlisted_files(bag: Path, tags: dict[str, str], payload: dict[str, str]) -> None:
    """A file in neither manifest (but the two that cannot be) was added after signing."""
    for name in _bag_files(bag):
        listed = payload if name.startswith(f"{PAYLOAD_DIR}/") else tags
        if name not in listed and name not in (TAGMANIFEST, SIGNATURE_FILE):
            raise tampered(
                N_(
                    "The bundle contains a file {name} that is not in its manifest: it was added "
                    "after the bundle was signed. Do not use it; ask the sender for a new copy."
                ),
                name=name,
            )


def bagit_validate(bag: Path, *, completeness_only: bool = False) -> None:
    """bagit-python's own validation, as a second opinion (BUNDLE_TAMPERED if it disagrees);
    `completeness_only`: all of it but the hashes (see the module's docstring)."""
    try:
        bagit.Bag(str(bag)).validate(processes=1, completeness_only=completeness_only)
    except (bagit.BagError, ValueError) as error:
        raise tampered(
            N_(
                "The bundle is not a valid BagIt bag ({detail}). Do not use it; ask the sender "
                "for a new copy."
            ),
            detail=str(error)[:300],
        ) from None


# --- building ----------------------------------------------------------------------------------


def build_bag(bag: Path, info: BundleInfo, rotation: list[dict[str, Any]] | None) -> bytes:
    """Turn the folder `bag` (holding the payload at its top) into a bag; return the tag manifest.

    The caller signs the returned bytes, which are exactly what was written to
    tagmanifest-sha256.txt. Never changes the working directory (see the module's docstring).
    """
    fields = info.to_bag_info()  # ValueError for invalid info, before any file is moved
    bag = Path(os.path.abspath(bag))
    data = _move_payload_into_data(bag)
    manifest: dict[str, str] = {}
    payload_bytes = 0
    for name, path in _payload_files(data).items():
        manifest[f"{PAYLOAD_DIR}/{name}"] = sha256_file(path)
        payload_bytes += path.stat().st_size
    (bag / MANIFEST).write_bytes(format_manifest(manifest))
    (bag / BAGIT_TXT).write_bytes(BAGIT_TXT_CONTENT)
    (bag / BAG_INFO).write_bytes(bag_info_bytes(fields, payload_bytes, len(manifest)))
    tag_files = list(REQUIRED_TAG_FILES)
    if rotation:
        (bag / ROTATION).write_bytes(canonical_json(rotation))
        tag_files.append(ROTATION)
    tagmanifest = format_manifest({name: sha256_file(bag / name) for name in tag_files})
    (bag / TAGMANIFEST).write_bytes(tagmanifest)
    return tagmanifest


def _move_payload_into_data(bag: Path) -> Path:
    """Move everything at the top of `bag` into `bag/data` (renames, nothing is copied).

    Through a fresh folder first, as bagit does: the payload may itself have a top folder "data".
    """
    staging = Path(tempfile.mkdtemp(prefix=".payload-", dir=bag))
    for entry in sorted(bag.iterdir()):
        if entry != staging:
            entry.rename(staging / entry.name)
    data = staging.rename(bag / PAYLOAD_DIR)
    data.chmod(stat.S_IMODE(bag.stat().st_mode))  # mkdtemp made it private; match the bag
    return data


def _payload_files(data: Path) -> dict[str, Path]:
    """name (relative to data/) -> path of every payload file; ValueError for a link or a device
    (`write_bundle` writes only regular files: anything else is a bug)."""
    files = {}
    for name, path, mode in _walk(data):
        if stat.S_ISREG(mode):
            files[name] = path
        elif not stat.S_ISDIR(mode):
            raise ValueError(f"payload entry {name!r} is not a regular file or folder")
    return files


def bag_info_bytes(
    bundle_fields: Mapping[str, str], payload_bytes: int, payload_files: int
) -> bytes:
    """bag-info.txt: the bundle's fields and the three reserved ones RFC 8493 has the bagger add,
    one "Label: value" line each, sorted by label (the layout bagit-python wrote)."""
    created = datetime.fromisoformat(bundle_fields["Created"])
    fields = {
        **bundle_fields,
        # The date of `Created` (written in UTC), not of the device's clock: one export, one date.
        "Bagging-Date": created.date().isoformat(),
        "Payload-Oxum": f"{payload_bytes}.{payload_files}",
        "Bag-Software-Agent": SOFTWARE_AGENT,
    }
    return "".join(f"{label}: {value}\n" for label, value in sorted(fields.items())).encode()


def signature_bytes(doc: Any) -> bytes:
    """The one byte form of signature.json: its canonical JSON and one final newline (ValueError
    if `doc` cannot be written as JSON). Writing and verifying use it, so a bundle has one form."""
    return canonical_json(doc) + b"\n"
