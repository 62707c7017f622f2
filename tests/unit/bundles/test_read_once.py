"""Bundles are written and opened reading each payload byte once (issue 11): photos and scans are
stored in the ZIP as they are, JSON is deflated; opening takes each file's hash while unpacking it.
Since bagit-python now checks everything but the hashes, the properties it used to check a second
time are held here against bags that are validly signed (so that only that property is wrong)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessor_app.bundles import keys
from assessor_app.bundles.archive import safe_extract
from assessor_app.bundles.bag import format_manifest, sha256_file
from assessor_app.bundles.bundle_file import open_bundle
from assessor_app.bundles.bundle_writer import write_bundle
from assessor_app.bundles.zip_writer import already_compressed, write_zip
from assessor_app.core.canonical import canonical_json
from tests.unit.bundles import CATALOGUE_HASH, FIXED_KEY, expect, make_info

UID = "0d6f2b8e-3c1a-4e57-9b2d-7a8c4f1e6b90"
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(1_500_000)
SCAN = b"%PDF-1.7\n" + os.urandom(700_000)
WORDS = ("biên", "bản", "kiểm", "tra", "xã", "phù", "hợp", "với", "trẻ", "em", "khai", "sinh")
NOTES = " ".join(random.Random(3).choices(WORDS, k=200_000)).encode()  # text: deflates ~3x


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, bytes | Path]:
    evidence: dict[str, bytes | Path] = {}
    for data in (PHOTO, SCAN, NOTES):
        path = tmp_path / f"source-{sha(data)[:8]}"
        path.write_bytes(data)
        evidence[f"evidence/{sha(data)}"] = path
    return {
        "bundle.json": json.dumps({"format": 1, "assessments": [UID]}).encode(),
        f"assessments/{UID}.json": json.dumps(
            {"uid": UID, "revision": 24} | {"pad": "x" * 9000}
        ).encode(),
        f"catalogues/{CATALOGUE_HASH}.json": b'{"code": "QD34-2014"}',
        **evidence,
    }


@pytest.fixture
def bundle(tmp_path: Path, files: dict[str, bytes | Path]) -> Path:
    target = tmp_path / "team.ldbundle"
    write_bundle(target, files, make_info(FIXED_KEY), FIXED_KEY)
    return target


class HashCounter:
    """Counts the bytes every hashlib.sha256 object is fed."""

    def __init__(self) -> None:
        self.bytes = 0

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = hashlib.sha256
        counter = self

        class Counting:
            def __init__(self, data: bytes = b"") -> None:
                self.inner = real()
                self.update(data)

            def update(self, data: Any) -> None:
                counter.bytes += len(memoryview(data).cast("B"))
                self.inner.update(data)

            def hexdigest(self) -> str:
                return self.inner.hexdigest()

            def digest(self) -> bytes:
                return self.inner.digest()

        monkeypatch.setattr(hashlib, "sha256", Counting)


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> HashCounter:
    counter = HashCounter()
    counter.install(monkeypatch)
    return counter


def payload_bytes(files: dict[str, bytes | Path]) -> int:
    return sum(len(v) if isinstance(v, bytes) else v.stat().st_size for v in files.values())


# --- writing ---------------------------------------------------------------------------------


def test_photos_and_scans_are_stored_and_json_and_text_deflated(
    bundle: Path, files: dict[str, bytes | Path]
) -> None:
    with zipfile.ZipFile(bundle) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    data = "bundle/data/"
    assert kinds[f"{data}evidence/{sha(PHOTO)}"] == zipfile.ZIP_STORED
    assert kinds[f"{data}evidence/{sha(SCAN)}"] == zipfile.ZIP_STORED
    assert kinds[f"{data}evidence/{sha(NOTES)}"] == zipfile.ZIP_DEFLATED
    assert kinds[f"{data}assessments/{UID}.json"] == zipfile.ZIP_DEFLATED
    assert kinds["bundle/bag-info.txt"] == zipfile.ZIP_DEFLATED
    assert kinds["bundle/manifest-sha256.txt"] == zipfile.ZIP_DEFLATED


def test_the_archive_keeps_the_order_of_a_zipped_bag(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        names = [info.filename for info in archive.infolist()]
    assert names == sorted(names, key=lambda name: tuple(name.rstrip("/").split("/")))
    assert names[:3] == ["bundle/", "bundle/bag-info.txt", "bundle/bagit.txt"]
    assert names[-3:] == [
        "bundle/manifest-sha256.txt",
        "bundle/signature.json",
        "bundle/tagmanifest-sha256.txt",
    ]


def test_writing_reads_and_hashes_each_payload_byte_once(
    tmp_path: Path, files: dict[str, bytes | Path], hashed: HashCounter
) -> None:
    write_bundle(tmp_path / "b.ldbundle", files, make_info(FIXED_KEY), FIXED_KEY)
    tag_files_allowance = 64 * 1024  # bag-info, bagit.txt, the manifests: small
    assert payload_bytes(files) <= hashed.bytes <= payload_bytes(files) + tag_files_allowance


@pytest.mark.parametrize(
    ("name", "head", "stored"),
    [
        ("evidence/ab", b"\xff\xd8\xff\xe1rest", True),
        ("evidence/ab", b"\x89PNG\r\n\x1a\nrest", True),
        ("evidence/ab", b"%PDF-1.4\n", True),
        ("evidence/ab", b"PK\x03\x04docx", True),
        ("evidence/ab", b"\x00\x00\x00\x18ftypheic", True),
        ("evidence/ab", b"RIFF\x00\x00\x00\x00WEBPVP8 ", True),
        ("photos/a.JPG", b"", True),  # by its name, when it starts with nothing telling
        ("evidence/ab", b'{"format": 1}', False),
        ("notes.txt", b"plain text", False),
        ("evidence/ab", b"RIFF\x00\x00\x00\x00WAVEfmt ", False),
    ],
)
def test_what_counts_as_already_compressed(name: str, head: bytes, stored: bool) -> None:
    assert already_compressed(name, head) is stored


# --- opening ---------------------------------------------------------------------------------


def test_opening_hashes_each_byte_once_and_knows_every_payload_hash(
    tmp_path: Path, bundle: Path, files: dict[str, bytes | Path], hashed: HashCounter
) -> None:
    opened = open_bundle(bundle, tmp_path / "work")
    unpacked = sum(p.stat().st_size for p in (tmp_path / "work").rglob("*") if p.is_file())
    assert unpacked <= hashed.bytes <= unpacked + 4096  # + the manifest hash of the tag manifest
    assert opened.digests == {
        name: sha(v if isinstance(v, bytes) else v.read_bytes()) for name, v in files.items()
    }


def test_safe_extract_reports_the_hash_of_what_it_wrote(tmp_path: Path, bundle: Path) -> None:
    hashes: dict[str, str] = {}
    written = safe_extract(bundle, tmp_path / "out", hashes=hashes)
    assert {(tmp_path / "out" / name) for name in hashes} == set(written)
    for name, digest in hashes.items():
        assert sha256_file(tmp_path / "out" / name) == digest


# --- what bagit-python checked a second time, on validly signed bags ---------------------------


def signed_again(tmp_path: Path, bundle: Path, edit: Callable[[Path], None]) -> Path:
    """Extract, `edit` the bag (manifests included, as an attacker holding a key would), then
    regenerate the tag manifest over the tag files present and sign it with FIXED_KEY."""
    folder = tmp_path / "resign"
    safe_extract(bundle, folder)
    bag = folder / "bundle"
    edit(bag)
    tag_files = sorted(
        p.name
        for p in bag.iterdir()
        if p.is_file() and p.name not in ("tagmanifest-sha256.txt", "signature.json")
    )
    tagmanifest = format_manifest({name: sha256_file(bag / name) for name in tag_files})
    (bag / "tagmanifest-sha256.txt").write_bytes(tagmanifest)
    public = keys.public_raw(FIXED_KEY)
    signature = {
        "alg": "Ed25519",
        "key_id": keys.fingerprint(public),
        "public_key": base64.b64encode(public).decode(),
        "signed_file": "tagmanifest-sha256.txt",
        "signature": base64.b64encode(keys.sign(FIXED_KEY, tagmanifest)).decode(),
    }
    (bag / "signature.json").write_bytes(canonical_json(signature) + b"\n")
    target = tmp_path / "signed-again.ldbundle"
    write_zip(folder, target)
    return target


def _set_oxum(bag: Path, value: str) -> None:
    info = bag / "bag-info.txt"
    lines = info.read_text(encoding="utf-8").splitlines()
    lines = [
        f"Payload-Oxum: {value}" if line.startswith("Payload-Oxum:") else line for line in lines
    ]
    info.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _manifest(bag: Path) -> dict[str, str]:
    lines = (bag / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}


def _drop_from_manifest(bag: Path) -> None:
    """A payload file present but no longer listed."""
    entries = _manifest(bag)
    del entries[f"data/evidence/{sha(SCAN)}"]
    (bag / "manifest-sha256.txt").write_bytes(format_manifest(entries))


def _remove_listed_file(bag: Path) -> None:
    """A payload file listed, hash and all, but not there."""
    (bag / "data" / "evidence" / sha(SCAN)).unlink()


def _md5_manifest(bag: Path) -> None:
    """A second payload manifest (another algorithm), signed, whose hashes are wrong."""
    lines = "".join(f"{'0' * 32}  {name}\n" for name in sorted(_manifest(bag)))
    (bag / "manifest-md5.txt").write_text(lines, encoding="utf-8")


def _fetch_file(bag: Path) -> None:
    (bag / "fetch.txt").write_text("https://example.org/x 10 data/x\n", encoding="utf-8")


@pytest.mark.parametrize(
    "edit",
    [
        lambda bag: _set_oxum(bag, "1.1"),  # wrong byte and file counts
        lambda bag: _set_oxum(bag, "many.files"),  # malformed
        _drop_from_manifest,
        _remove_listed_file,
        _md5_manifest,
        _fetch_file,
    ],
    ids=["wrong-oxum", "malformed-oxum", "extra-file", "missing-file", "md5-manifest", "fetch"],
)
def test_signed_bags_that_are_incomplete_or_inconsistent_are_tampered(
    tmp_path: Path, bundle: Path, edit: Callable[[Path], None]
) -> None:
    work = tmp_path / "work"
    with expect("tampered", "BUNDLE_TAMPERED"):
        open_bundle(signed_again(tmp_path, bundle, edit), work)
    assert not work.exists() or list(work.iterdir()) == []


def test_a_bag_signed_again_unchanged_opens(tmp_path: Path, bundle: Path) -> None:
    # The helper above makes valid bags: each refusal above is that one property's.
    opened = open_bundle(signed_again(tmp_path, bundle, lambda _bag: None), tmp_path / "work")
    assert opened.info.sequence == 3
