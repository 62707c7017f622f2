"""Writing and opening signed bundle files (docs/bundle-format.md, format version 1).

`write_bundle` copies the payload into a temporary bag, has `bag.build_bag` hash it and write the
tag files (rotation.json and the tag manifest included; bagit-python only checks, see bag.py),
signs the tag manifest's bytes into signature.json, and zips `bundle/` atomically. It returns the
manifest hash (SHA-256 of tagmanifest-sha256.txt) printed on dossiers.

`open_bundle` checks, in this order (the first failure decides, as the spec's exit table says):

1. BUNDLE_CORRUPT: the ZIP is unsafe or damaged (`archive.safe_extract`), or it does not hold
   exactly one folder `bundle/` with a `bag-info.txt`.
2. BUNDLE_FORMAT_VERSION: `Bundle-Format-Version` (read leniently from bag-info.txt) is not 1.
   This is the only content read before the hashes, so that a bundle of a newer format gets the
   clear message instead of a hash failure. The price: a damaged byte that happens to hit that one
   digit reports a format version; the bundle is refused either way.
3. BUNDLE_TAMPERED: every file listed in the tag manifest and in the payload manifest exists with
   the listed SHA-256 (taken while the file was unpacked: each byte is read once), nothing else is in the bag but tagmanifest-sha256.txt and
   signature.json, the manifests are well-formed. A flipped byte in a payload file, bag-info.txt,
   bagit.txt, manifest-sha256.txt or rotation.json ends here, naming the file. A byte flipped in a
   hash of tagmanifest-sha256.txt also ends here (the file it names no longer matches).
4. BUNDLE_BAD_SIGNATURE: signature.json is well-formed and in its one canonical byte form (exactly
   what `write_bundle` writes: canonical JSON, canonical base64, one final newline), its key id is
   the fingerprint of its public key, the signature verifies over the exact bytes of
   tagmanifest-sha256.txt, and bag-info's `Key-Id` names that same key. Tampering that keeps every
   hash consistent (manifests regenerated after an edit, or a tag-manifest change that leaves the
   hashes valid) ends here.
5. Then, on content that is now authenticated: bagit.txt says BagIt 1.0 / UTF-8, bagit-python's
   own validation agrees on all but the hashes already checked (bagit.txt, Payload-Oxum, no file
   missing or extra; else BUNDLE_TAMPERED), bag-info's fields parse and rotation.json is a
   list of objects (else BUNDLE_CORRUPT).

What this does NOT decide: whether the signer is trusted. A bundle edited, re-manifested and
re-signed with another key (its own Key-Id included) is internally valid and opens; the caller
must look up `OpenedBundle.key_fingerprint` in its trust store (unknown signer -> quarantine),
apply revocation by sequence, and detect replays and forks from `info.device_id`/`info.sequence`.

On any failure the files extracted into `workdir` are removed.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assessor_app.bundles import keys
from assessor_app.bundles.archive import clear_folder, safe_extract
from assessor_app.bundles.bag import (
    BAG_INFO,
    BAGIT_TXT,
    MAX_TAG_FILE_BYTES,
    PAYLOAD_DIR,
    ROTATION,
    SIGNATURE_ALG,
    SIGNATURE_FILE,
    TAGMANIFEST,
    TOP_FOLDER,
    bagit_validate,
    check_integrity,
    missing_file,
    read_small,
    signature_bytes,
    too_large_to_read,
)
from assessor_app.bundles.bag_info import (
    BUNDLE_FORMAT_VERSION,
    BundleInfo,
    declared_format_versions,
    parse_tag_file,
)
from assessor_app.bundles.errors import BundleError, bad_signature, corrupt, format_version
from assessor_app.bundles.signed_json import (
    b64decode,
    has_shape,
    is_str,
    load_json_bytes,
)
from assessor_app.bundles.zip_rules import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    unsafe_name,
)
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import N_

__all__ = [
    "BUNDLE_FORMAT_VERSION",
    "BundleHeader",
    "BundleInfo",
    "OpenedBundle",
    "open_bundle",
    "read_header",
]

MAX_SIGNATURE_BYTES = 64 * 1024
MAX_JSON_BYTES = 64 * 1024 * 1024
_TAG_FILE_ALLOWANCE = 16  # entries besides the payload: tag files and folders
_SIGNATURE_FIELDS = {
    "alg": is_str,
    "key_id": is_str,
    "public_key": is_str,
    "signed_file": is_str,
    "signature": is_str,
}


def _not_in_format(name: str) -> BundleError:
    return corrupt(
        N_(
            "The file {name} in the bundle is not in the format this app writes. Ask the sender "
            "to export the bundle again."
        ),
        name=name,
    )


@dataclass(frozen=True)
class OpenedBundle:
    """A verified (not yet trusted) bundle extracted in a work folder."""

    root: Path  # the bag folder: root / "data" holds the payload
    info: BundleInfo
    public_key: bytes  # the signer's raw Ed25519 key: check it against the trust store
    key_fingerprint: str
    manifest_hash: str  # SHA-256 of tagmanifest-sha256.txt, as write_bundle returned it
    rotation: list[dict[str, Any]]  # unverified statements: see cards.read_rotation
    payload_names: tuple[str, ...]  # every payload file, relative to data/, sorted
    # name relative to data/ -> SHA-256 of every payload file: its manifest's, which the file's
    # content was checked against (a file moved out of `root` needs no hashing again).
    digests: Mapping[str, str] = field(default_factory=dict)

    def payload_files(self) -> list[str]:
        return list(self.payload_names)

    def payload_path(self, rel: str) -> Path:
        """The extracted file of payload path `rel` ("assessments/<uid>.json").

        `rel` may come from the bundle's own content, so anything that could leave data/ is
        refused with BUNDLE_CORRUPT. The file may not exist; `read_json` checks that.
        """
        if not isinstance(rel, str) or "%" in rel or unsafe_name(rel):
            raise corrupt(
                N_(
                    "The bundle refers to a file {name} outside its contents. Do not use it; ask "
                    "the sender for a new copy."
                ),
                name=ascii(rel)[:200],
            )
        return self.root / PAYLOAD_DIR / rel

    def read_json(self, rel: str, max_bytes: int = MAX_JSON_BYTES) -> Any:
        """Parse payload file `rel` strictly (UTF-8, no duplicate keys, at most `max_bytes`)."""
        path = self.payload_path(rel)
        if rel not in self.payload_names:
            raise corrupt(
                N_("The bundle has no file {name}. Ask the sender to export the bundle again."),
                name=rel,
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large_to_read(rel, size, max_bytes)
        try:
            return load_json_bytes(path.read_bytes())
        except UnicodeDecodeError:
            raise corrupt(
                N_(
                    "The file {name} in the bundle is not UTF-8 text. Ask the sender to export "
                    "the bundle again."
                ),
                name=rel,
            ) from None
        except json.JSONDecodeError as error:
            raise corrupt(
                N_(
                    "The file {name} in the bundle is not valid JSON (line {line}, column "
                    "{column}). Ask the sender to export the bundle again."
                ),
                name=rel,
                line=error.lineno,
                column=error.colno,
            ) from None
        except (ValueError, RecursionError):  # duplicate key, NaN, absurd nesting
            raise _not_in_format(rel) from None


# --- opening -----------------------------------------------------------------------------------


def _bag_folder(workdir: Path) -> Path:
    children = list(workdir.iterdir())
    if len(children) != 1 or children[0].name != TOP_FOLDER or not children[0].is_dir():
        raise corrupt(
            N_(
                "The file is not a bundle: it must hold exactly one folder named 'bundle'. Check "
                "that you chose the right file, or ask the sender for a new copy."
            )
        )
    return children[0]


def _check_format_version(bag_info: bytes | None) -> bytes:
    if bag_info is None:
        raise corrupt(
            N_(
                "The file is not a bundle: it has no readable bag-info.txt. Check that you chose "
                "the right file, or ask the sender for a new copy."
            )
        )
    for version in declared_format_versions(bag_info):
        if version != str(BUNDLE_FORMAT_VERSION):
            raise format_version(
                N_(
                    "This bundle has format version {version}; this app reads format version "
                    "{supported} only. Update the app, or ask the sender to export with a version "
                    "that matches yours."
                ),
                version="".join(char for char in version if char.isprintable())[:20],
                supported=BUNDLE_FORMAT_VERSION,
            )
    return bag_info


def _check_signature(bag: Path, tagmanifest: bytes) -> tuple[bytes, str]:
    """The signer's public key and fingerprint, if signature.json signs `tagmanifest`.

    signature.json is outside both manifests, so it must be exactly what write_bundle writes
    (canonical JSON and base64, one final newline): then every file of a verified bag has the one
    byte form the signer gave it (the ZIP around the bag may still be packed differently).
    """
    unreadable = bad_signature(
        N_(
            "The bundle's signature file (signature.json) is missing or damaged, so nothing proves "
            "who made the bundle or that it is unchanged. Do not use it; ask the sender for a new "
            "copy."
        )
    )
    data = read_small(bag / SIGNATURE_FILE, MAX_SIGNATURE_BYTES)
    if data is None:
        raise unreadable
    try:
        doc = load_json_bytes(data)
        canonical = data == signature_bytes(doc)
    except (ValueError, RecursionError):
        raise unreadable from None
    if (
        not canonical
        or not has_shape(doc, _SIGNATURE_FIELDS)
        or doc["alg"] != SIGNATURE_ALG
        or doc["signed_file"] != TAGMANIFEST
    ):
        raise unreadable
    public = b64decode(doc["public_key"], keys.PUBLIC_KEY_BYTES)
    signature = b64decode(doc["signature"], keys.SIGNATURE_BYTES)
    if public is None or signature is None:
        raise unreadable
    fingerprint = keys.fingerprint(public)
    if doc["key_id"] != fingerprint or not keys.verify(public, signature, tagmanifest):
        raise bad_signature(
            N_(
                "The bundle's signature does not match its contents: it was changed after it was "
                "signed, or its signature was replaced. Do not use it; ask the sender for a new "
                "copy."
            )
        )
    return public, fingerprint


def _read_rotation(bag: Path) -> list[dict[str, Any]]:
    path = bag / ROTATION
    if not path.exists():
        return []
    data = read_small(path, MAX_TAG_FILE_BYTES)
    try:
        statements = load_json_bytes(data) if data is not None else None
    except (ValueError, RecursionError):
        statements = None
    if not isinstance(statements, list) or not all(isinstance(doc, dict) for doc in statements):
        raise _not_in_format(ROTATION)
    return statements


def _verify(
    workdir: Path,
    extracted_bytes: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
    hashes: Mapping[str, str] | None = None,
) -> OpenedBundle:
    bag = _bag_folder(workdir)
    bag_info = _check_format_version(read_small(bag / BAG_INFO, MAX_TAG_FILE_BYTES))

    hashed = 0

    def on_chunk(count: int) -> None:
        nonlocal hashed
        hashed += count
        if progress is not None:
            progress(extracted_bytes + min(hashed, extracted_bytes), 2 * extracted_bytes)

    tagmanifest = read_small(bag / TAGMANIFEST, MAX_TAG_FILE_BYTES)
    if tagmanifest is None:
        raise missing_file(TAGMANIFEST)
    prefix = f"{bag.name}/"
    known = {
        name[len(prefix) :]: digest
        for name, digest in (hashes or {}).items()
        if name.startswith(prefix)
    }
    payload = check_integrity(bag, tagmanifest, on_chunk, cancelled, known)
    public, fingerprint = _check_signature(bag, tagmanifest)

    try:
        tags = parse_tag_file(bag_info)
    except ValueError:
        raise _not_in_format(BAG_INFO) from None
    if tags.get("Key-Id") != fingerprint:
        raise bad_signature(
            N_(
                "The bundle is signed with key {fingerprint}, but its description names another "
                "key. Do not use it; ask the sender for a new copy."
            ),
            fingerprint=keys.format_fingerprint(fingerprint),
        )
    try:
        bagit_tags = parse_tag_file((bag / BAGIT_TXT).read_bytes())
    except ValueError:
        bagit_tags = {}
    if bagit_tags != {"BagIt-Version": "1.0", "Tag-File-Character-Encoding": "UTF-8"}:
        raise _not_in_format(BAGIT_TXT)
    bagit_validate(bag, completeness_only=True)  # the hashes are checked above
    info = BundleInfo.from_bag_info(tags)
    if progress is not None:
        progress(2 * extracted_bytes, 2 * extracted_bytes)
    return OpenedBundle(
        root=bag,
        info=info,
        public_key=public,
        key_fingerprint=fingerprint,
        manifest_hash=hashlib.sha256(tagmanifest).hexdigest(),
        rotation=_read_rotation(bag),
        payload_names=tuple(sorted(name[len(PAYLOAD_DIR) + 1 :] for name in payload)),
        digests={name[len(PAYLOAD_DIR) + 1 :]: digest for name, digest in payload.items()},
    )


def open_bundle(
    path: Path,
    workdir: Path,
    *,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> OpenedBundle:
    """Extract the bundle file `path` into the empty (or new) folder `workdir` and verify it.

    Raises BundleError (category corrupt, format_version, tampered or bad_signature; see the
    module's docstring for the order), OperationCancelled, or OSError when `path` cannot be read or
    `workdir` written. The caller removes `workdir` when done with the OpenedBundle.
    """
    made = not workdir.exists()

    def extracting(done: int, total: int) -> None:
        if progress is not None:
            progress(done, 2 * total)

    hashes: dict[str, str] = {}
    written = safe_extract(
        path, workdir, limits, progress=extracting, cancelled=cancelled, hashes=hashes
    )
    try:
        extracted = sum(file.stat().st_size for file in written)
        return _verify(workdir, extracted, progress, cancelled, hashes)
    except BaseException:
        clear_folder(workdir)
        if made:
            workdir.rmdir()
        raise


@dataclass(frozen=True)
class BundleHeader:
    """What a bundle file says about itself, authenticated by its signature, without unpacking or
    hashing its payload: enough to recognise a bundle this installation wrote."""

    info: BundleInfo
    key_fingerprint: str
    manifest_hash: str


_HEADER_FILES = (BAG_INFO, TAGMANIFEST, SIGNATURE_FILE)


def read_header(path: Path, workdir: Path) -> BundleHeader:
    """Read and authenticate the description of the bundle file `path`: its tag manifest, signed
    by the key its signature.json names, and its bag-info.txt, whose hash the tag manifest lists.

    The payload is not checked (see `open_bundle` for that); an export recovering after a crash
    uses this to recognise the file it renamed onto a stick before the crash. `workdir` (empty or
    new) receives the three small files and is left empty. Raises BundleError or OSError."""
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(path) as archive:
            for name in _HEADER_FILES:
                try:
                    info = archive.getinfo(f"{TOP_FOLDER}/{name}")
                except KeyError:
                    raise missing_file(name) from None
                if info.file_size > MAX_TAG_FILE_BYTES:
                    raise too_large_to_read(name, info.file_size, MAX_TAG_FILE_BYTES)
                with archive.open(info) as source:
                    (workdir / name).write_bytes(source.read(MAX_TAG_FILE_BYTES + 1))
        tagmanifest = (workdir / TAGMANIFEST).read_bytes()
        _public, fingerprint = _check_signature(workdir, tagmanifest)
        bag_info = (workdir / BAG_INFO).read_bytes()
        listed = {
            line.split("  ", 1)[1]: line.split("  ", 1)[0]
            for line in tagmanifest.decode("utf-8", "replace").splitlines()
            if "  " in line
        }
        if listed.get(BAG_INFO) != hashlib.sha256(bag_info).hexdigest():
            raise missing_file(BAG_INFO)
        try:
            bundle_info = BundleInfo.from_bag_info(parse_tag_file(bag_info))
        except ValueError:
            raise _not_in_format(BAG_INFO) from None
        if bundle_info.key_id != fingerprint:
            raise bad_signature(
                N_(
                    "The bundle is signed with key {fingerprint}, but its description names "
                    "another key. Do not use it; ask the sender for a new copy."
                ),
                fingerprint=keys.format_fingerprint(fingerprint),
            )
        return BundleHeader(bundle_info, fingerprint, hashlib.sha256(tagmanifest).hexdigest())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise corrupt(
            N_(
                "The file is not a readable bundle: it is not a ZIP archive, or it is truncated or "
                "damaged. Copy it again (check the USB stick), or ask the sender for a new copy."
            )
        ) from None
    finally:
        clear_folder(workdir)
