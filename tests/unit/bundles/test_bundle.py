"""Signed bundle files: round trip, and every way of altering one.

Expected categories follow the check order documented in `assessor_app/bundles/bundle_file.py`:
corrupt (unsafe/damaged ZIP, not one bag) -> format version -> tampered (a hash, a missing or an
extra file) -> bad signature (signature.json, or consistent hashes the signature does not cover).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import json
import logging
import os
import random
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bagit  # type: ignore[import-untyped]
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings, strategies as st

from assessor_app.bundles import cards, keys
from assessor_app.bundles.archive import safe_extract
from assessor_app.bundles.bag import format_manifest, sha256_file
from assessor_app.bundles.bundle_file import OpenedBundle, open_bundle
from assessor_app.bundles.bundle_writer import write_bundle
from assessor_app.bundles.errors import BundleError
from assessor_app.bundles.zip_rules import ArchiveLimits
from assessor_app.bundles.zip_writer import write_zip
from assessor_app.core.canonical import canonical_json
from assessor_app.domain.errors import OperationCancelled
from tests.unit.bundles import (
    CATALOGUE_HASH,
    FIXED_KEY,
    expect,
    flip,
    make_info,
    overlapping_zip,
    read_entries,
    respelled,
    rewrite_zip,
    snapshot,
)

UID = "0d6f2b8e-3c1a-4e57-9b2d-7a8c4f1e6b90"
OLD_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
# Incompressible, like a photo, and the same in every process: its hash names a test
# (pytest-xdist's workers must collect the same tests).
EVIDENCE = random.Random(54).randbytes(200_000)
EVIDENCE_SHA = hashlib.sha256(EVIDENCE).hexdigest()
ASSESSMENT = json.dumps(
    {"uid": UID, "commune": {"code": "06400", "name": "Xã Hữu Liên"}, "revision": 24},
    ensure_ascii=False,
).encode()
ROTATION = [
    cards.make_rotation(OLD_KEY, FIXED_KEY, "Nguyễn Thị Hoa", "Sở LĐ-TB&XH", "2026-01-01T00:00:00Z")
]


def payload(evidence: Path) -> dict[str, bytes | Path]:
    return {
        "bundle.json": json.dumps({"format": 1, "assessments": [UID], "drafts": False}).encode(),
        f"assessments/{UID}.json": ASSESSMENT,
        f"catalogues/{CATALOGUE_HASH}.json": b'{"code": "QD34-2014"}',
        f"evidence/{EVIDENCE_SHA}": evidence,
    }


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    path.write_bytes(EVIDENCE)
    return path


@pytest.fixture
def bundle(tmp_path: Path, evidence: Path) -> Path:
    target = tmp_path / "team.ldbundle"
    write_bundle(target, payload(evidence), make_info(FIXED_KEY), FIXED_KEY, rotation=ROTATION)
    return target


def open_in(tmp_path: Path, path: Path) -> OpenedBundle:
    """open_bundle into a new work folder under tmp_path."""
    return open_bundle(path, Path(tempfile.mkdtemp(dir=tmp_path)) / "work")


def rejected(tmp_path: Path, path: Path, category: str, code: str | None = None) -> BundleError:
    """open_bundle refuses `path` with `category`, and leaves its work folder empty."""
    work = tmp_path / "rejected-work"
    work.mkdir(exist_ok=True)
    with expect(category, code) as caught:
        open_bundle(path, work)
    assert list(work.iterdir()) == []
    return caught.value


def altered(bundle: Path, edit: Callable[[dict[str, bytes]], dict[str, bytes] | None]) -> Path:
    target = bundle.with_name("altered.ldbundle")
    rewrite_zip(bundle, target, edit)
    return target


def with_file(name: str, change: Callable[[bytes], bytes]) -> Callable[[dict[str, bytes]], None]:
    def edit(entries: dict[str, bytes]) -> None:
        entries[name] = change(entries[name])

    return edit


# --- round trip -------------------------------------------------------------------------------


def test_round_trip(tmp_path: Path, evidence: Path) -> None:
    target = tmp_path / "team.ldbundle"
    files = payload(evidence)
    manifest_hash = write_bundle(target, files, make_info(FIXED_KEY), FIXED_KEY, rotation=ROTATION)
    assert len(manifest_hash) == 64
    opened = open_in(tmp_path, target)
    assert opened.info == make_info(FIXED_KEY)
    assert opened.public_key == keys.public_raw(FIXED_KEY)
    assert opened.key_fingerprint == keys.fingerprint(opened.public_key) == opened.info.key_id
    assert opened.manifest_hash == manifest_hash
    assert open_in(tmp_path, target).manifest_hash == manifest_hash  # stable
    assert opened.rotation == json.loads(canonical_json(ROTATION))
    assert opened.payload_files() == sorted(files)
    for name, content in files.items():
        expected = content if isinstance(content, bytes) else content.read_bytes()
        assert opened.payload_path(name).read_bytes() == expected
    assert opened.read_json(f"assessments/{UID}.json")["commune"]["name"] == "Xã Hữu Liên"
    assert opened.root.name == "bundle"
    assert opened.root.parent.name == "work"
    tagmanifest = (opened.root / "tagmanifest-sha256.txt").read_bytes()
    assert hashlib.sha256(tagmanifest).hexdigest() == manifest_hash
    assert [line.split()[1] for line in tagmanifest.decode().splitlines()] == [
        "bag-info.txt",
        "bagit.txt",
        "manifest-sha256.txt",
        "rotation.json",
    ]
    assert (opened.root / "bagit.txt").read_bytes() == (
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    )


def test_bundle_without_rotation_and_with_a_predecessor(tmp_path: Path, evidence: Path) -> None:
    target = tmp_path / "b.ldbundle"
    info = make_info(FIXED_KEY, supersedes="1c7d3e5f-2a4b-4c6d-8e0f-123456789abc", sequence=4)
    write_bundle(target, payload(evidence), info, FIXED_KEY)
    opened = open_in(tmp_path, target)
    assert opened.info == info
    assert opened.rotation == []
    assert not (opened.root / "rotation.json").exists()


def test_extracted_bundle_is_a_valid_bagit_bag(tmp_path: Path, bundle: Path) -> None:
    safe_extract(bundle, tmp_path / "plain")
    bag = bagit.Bag(str(tmp_path / "plain" / "bundle"))
    assert bag.validate(processes=1)
    assert bag.info["Bundle-Format-Version"] == "1"
    assert bag.info["Payload-Oxum"] == f"{sum(len(v) for v in read_payload(bundle).values())}.4"


def read_payload(bundle: Path) -> dict[str, bytes]:
    return {
        name: data
        for name, data in read_entries(bundle).items()
        if name.startswith("bundle/data/") and not name.endswith("/")
    }


def test_zip_holds_exactly_one_bundle_folder(bundle: Path) -> None:
    with zipfile.ZipFile(bundle) as archive:
        assert {name.split("/")[0] for name in archive.namelist()} == {"bundle"}
        assert "bundle/signature.json" in archive.namelist()


def test_bagit_does_not_narrate(
    tmp_path: Path, evidence: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    target = tmp_path / "b.ldbundle"
    write_bundle(target, payload(evidence), make_info(FIXED_KEY), FIXED_KEY)
    open_in(tmp_path, target)
    assert [record for record in caplog.records if record.name.startswith("bagit")] == []


def test_progress_reaches_the_end(tmp_path: Path, evidence: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = tmp_path / "b.ldbundle"
    write_bundle(
        target,
        payload(evidence),
        make_info(FIXED_KEY),
        FIXED_KEY,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen
    assert all(0 <= done <= total for done, total in seen)
    assert seen[-1][0] == seen[-1][1]
    opened_progress: list[tuple[int, int]] = []
    open_bundle(target, tmp_path / "w", progress=lambda d, t: opened_progress.append((d, t)))
    assert opened_progress[-1][0] == opened_progress[-1][1]


# --- the process's working directory; bundles written by earlier versions -----------------------


def test_export_and_open_never_move_the_working_directory_under_other_threads(
    tmp_path: Path, evidence: Path
) -> None:
    """Export runs on a worker thread of the GUI while other threads (the GUI, thumbnail loading)
    may resolve relative paths: a process-wide chdir in between is a race. A watcher thread reads
    the working directory the whole time; it must never see it move."""
    start = os.getcwd()
    stop = threading.Event()
    seen: set[str] = set()

    def watch() -> None:
        while not stop.is_set():
            seen.add(os.getcwd())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for number in range(3):
            target = tmp_path / f"b{number}.ldbundle"
            write_bundle(target, payload(evidence), make_info(FIXED_KEY), FIXED_KEY)
            open_in(tmp_path, target)
    finally:
        stop.set()
        watcher.join()
    assert seen == {start}


LEGACY_BUNDLE = Path(__file__).parent / "data" / "made-by-bagit-python-1.9.ldbundle"


def test_a_bundle_whose_bag_bagit_python_made_still_opens(tmp_path: Path) -> None:
    """Written by the version that let `bagit.make_bag` build the bag (its payload manifest in
    bagit's walk order, its bag-info naming bagit.py): verification did not change, it opens."""
    opened = open_in(tmp_path, LEGACY_BUNDLE)
    assert opened.info == make_info(FIXED_KEY)
    assert opened.manifest_hash == (
        "3b26a32112147d8f6ee00b6620cdbf6a13911ad9da7e87660dc116619c652019"
    )
    assert len(opened.rotation) == 1
    assert opened.payload_files() == [
        f"assessments/{UID}.json",
        "bundle.json",
        f"catalogues/{CATALOGUE_HASH}.json",
        "evidence/8ddda156335b9a6374648f6341c3b1202e391b34909f16bbe28ad1f63dfb73b6",
    ]
    bag_info = (opened.root / "bag-info.txt").read_text(encoding="utf-8")
    assert "Bag-Software-Agent: bagit.py v1.9.0" in bag_info


# --- one flipped byte in each file ---------------------------------------------------------------

# What a flipped byte (XOR 0x01) in each file of the bag leads to:
# - payload files, bag-info.txt, bagit.txt, manifest-sha256.txt, rotation.json: their SHA-256 no
#   longer matches the manifest that lists them -> TAMPERED, naming the file.
# - tagmanifest-sha256.txt: at its first/middle/last byte the flip changes a listed hash (the file
#   it names no longer matches), a name (the named file is missing), a separator or the final
#   newline (the manifest is malformed) -> TAMPERED. (A change that keeps it well-formed and every
#   hash valid is caught by the signature instead: see the tab test below.)
# - signature.json: it is outside both manifests; a flip breaks its JSON, its key id, its public
#   key or its signature -> BAD_SIGNATURE.
EXPECTED_AFTER_FLIP = {"bundle/signature.json": "bad_signature"}


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_flipped_byte_in_every_file_is_refused(tmp_path: Path, bundle: Path, where: str) -> None:
    entries = read_entries(bundle)
    files = [name for name in entries if not name.endswith("/")]
    assert len(files) == 10
    for name in files:
        data = entries[name]
        index = {"first": 0, "middle": len(data) // 2, "last": len(data) - 1}[where]
        if name == "bundle/bag-info.txt":  # the version digit is read before hashes: see below
            line_start = data.rfind(b"\n", 0, index) + 1
            assert not data[line_start:].startswith(b"Bundle-Format-Version")
        error = rejected(
            tmp_path,
            altered(bundle, with_file(name, functools.partial(flip, index=index))),
            EXPECTED_AFTER_FLIP.get(name, "tampered"),
        )
        if error.category == "tampered" and name != "bundle/tagmanifest-sha256.txt":
            assert error.params["name"] == name.removeprefix("bundle/")


def test_flipped_hash_digit_in_the_tag_manifest_names_the_file(
    tmp_path: Path, bundle: Path
) -> None:
    def change(data: bytes) -> bytes:
        return (b"0" if data[:1] != b"0" else b"1") + data[1:]  # still a valid hex digit

    error = rejected(
        tmp_path, altered(bundle, with_file("bundle/tagmanifest-sha256.txt", change)), "tampered"
    )
    assert error.params["name"] == "bag-info.txt"  # the first file the tag manifest lists


def test_tag_manifest_change_that_keeps_every_hash_is_a_bad_signature(
    tmp_path: Path, bundle: Path
) -> None:
    # A tab is as good a separator as spaces (RFC 8493): every hash still matches, but the signed
    # bytes changed.
    def change(data: bytes) -> bytes:
        return data.replace(b"  ", b"\t", 1)

    rejected(
        tmp_path,
        altered(bundle, with_file("bundle/tagmanifest-sha256.txt", change)),
        "bad_signature",
        "BUNDLE_BAD_SIGNATURE",
    )


def test_changed_signature_value_is_a_bad_signature(tmp_path: Path, bundle: Path) -> None:
    def change(data: bytes) -> bytes:
        doc = json.loads(data)
        signature = bytearray(base64.b64decode(doc["signature"]))
        signature[10] ^= 0x40
        doc["signature"] = base64.b64encode(bytes(signature)).decode()
        return json.dumps(doc).encode()

    rejected(tmp_path, altered(bundle, with_file("bundle/signature.json", change)), "bad_signature")


def _respell(field: str) -> Callable[[dict[str, Any]], bytes]:
    return lambda doc: canonical_json({**doc, field: respelled(doc[field])}) + b"\n"


def _reordered(doc: dict[str, Any]) -> bytes:
    return (
        json.dumps(dict(sorted(doc.items(), reverse=True)), separators=(",", ":")).encode() + b"\n"
    )


# Each is the same signature by the same key over the same tag manifest, spelled otherwise.
SIGNATURE_SPELLINGS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "spaces": lambda doc: json.dumps(doc, sort_keys=True).encode() + b"\n",
    "indented": lambda doc: json.dumps(doc, sort_keys=True, indent=2).encode() + b"\n",
    "keys reordered": _reordered,
    "no final newline": canonical_json,
    "CRLF": lambda doc: canonical_json(doc) + b"\r\n",
    "two newlines": lambda doc: canonical_json(doc) + b"\n\n",
    "escaped character": lambda doc: (
        canonical_json(doc).replace(b'"Ed25519"', b'"\\u0045d25519"') + b"\n"
    ),
    "signature in other base64": _respell("signature"),
    "public key in other base64": _respell("public_key"),
}


@pytest.mark.parametrize("spelling", SIGNATURE_SPELLINGS.values(), ids=SIGNATURE_SPELLINGS.keys())
def test_signature_file_in_another_byte_form_is_a_bad_signature(
    tmp_path: Path, bundle: Path, spelling: Callable[[dict[str, Any]], bytes]
) -> None:
    # One bundle must have exactly one byte form: any other spelling is refused.
    def change(data: bytes) -> bytes:
        assert data == canonical_json(json.loads(data)) + b"\n"  # what write_bundle writes
        other = spelling(json.loads(data))
        assert other != data
        return other

    error = rejected(
        tmp_path,
        altered(bundle, with_file("bundle/signature.json", change)),
        "bad_signature",
        "BUNDLE_BAD_SIGNATURE",
    )
    assert "signature.json" in str(error)


def test_flip_in_the_version_digit_reads_as_another_format(tmp_path: Path, bundle: Path) -> None:
    # The spec checks the format version before hashes: a bundle of version 0 (a flipped "1") gets
    # the version message. It is refused either way.
    def change(data: bytes) -> bytes:
        return data.replace(b"Bundle-Format-Version: 1", b"Bundle-Format-Version: 0")

    rejected(
        tmp_path,
        altered(bundle, with_file("bundle/bag-info.txt", change)),
        "format_version",
        "BUNDLE_FORMAT_VERSION",
    )


# --- added and removed files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "bundle/data/extra.json",
        "bundle/data/evidence/" + "0" * 64,
        "bundle/notes.txt",
        "bundle/manifest-md5.txt",
    ],
)
def test_added_file_is_tampering(tmp_path: Path, bundle: Path, name: str) -> None:
    def add(entries: dict[str, bytes]) -> None:
        entries[name] = b"{}"

    error = rejected(tmp_path, altered(bundle, add), "tampered", "BUNDLE_TAMPERED")
    assert error.params["name"] == name.removeprefix("bundle/")


@pytest.mark.parametrize(
    ("name", "category"),
    [
        (f"bundle/data/assessments/{UID}.json", "tampered"),  # listed in the manifest, missing
        (f"bundle/data/evidence/{EVIDENCE_SHA}", "tampered"),
        ("bundle/manifest-sha256.txt", "tampered"),  # listed in the tag manifest, missing
        ("bundle/bagit.txt", "tampered"),
        ("bundle/rotation.json", "tampered"),
        ("bundle/tagmanifest-sha256.txt", "tampered"),  # nothing pins the files any more
        ("bundle/signature.json", "bad_signature"),  # nothing proves who made it
        ("bundle/bag-info.txt", "corrupt"),  # not a bag: not even a format version to read
    ],
)
def test_removed_file(tmp_path: Path, bundle: Path, name: str, category: str) -> None:
    def remove(entries: dict[str, bytes]) -> None:
        del entries[name]

    rejected(tmp_path, altered(bundle, remove), category)


# --- format version ------------------------------------------------------------------------------


def test_format_version_2_is_refused_with_its_own_code(tmp_path: Path, bundle: Path) -> None:
    def change(data: bytes) -> bytes:
        return data.replace(b"Bundle-Format-Version: 1", b"Bundle-Format-Version: 2")

    error = rejected(
        tmp_path,
        altered(bundle, with_file("bundle/bag-info.txt", change)),
        "format_version",
        "BUNDLE_FORMAT_VERSION",
    )
    assert error.params["version"] == "2"


def test_properly_signed_format_version_2_is_refused(tmp_path: Path, bundle: Path) -> None:
    def change(bag: Path) -> None:
        info = bag / "bag-info.txt"
        info.write_bytes(info.read_bytes().replace(b"Version: 1", b"Version: 2"))

    rejected(tmp_path, resigned(tmp_path, bundle, FIXED_KEY, change), "format_version")


# --- re-signing ----------------------------------------------------------------------------------


def resigned(
    tmp_path: Path,
    bundle: Path,
    key: Ed25519PrivateKey | None,
    change: Callable[[Path], None],
    *,
    key_id: str | None = None,
) -> Path:
    """Extract, change, regenerate both manifests (and Payload-Oxum), re-sign with `key` (None:
    keep the old signature.json), and zip again: what an attacker with bagit and a key can do."""
    folder = tmp_path / f"resign-{os.urandom(4).hex()}"
    safe_extract(bundle, folder)
    bag = folder / "bundle"
    change(bag)
    data_files = sorted(p for p in (bag / "data").rglob("*") if p.is_file())
    (bag / "manifest-sha256.txt").write_bytes(
        format_manifest({p.relative_to(bag).as_posix(): sha256_file(p) for p in data_files})
    )
    lines = (bag / "bag-info.txt").read_text(encoding="utf-8").splitlines()
    oxum = f"{sum(p.stat().st_size for p in data_files)}.{len(data_files)}"
    fp = key_id or (keys.fingerprint(keys.public_raw(key)) if key else None)
    lines = [
        f"Payload-Oxum: {oxum}"
        if line.startswith("Payload-Oxum:")
        else f"Key-Id: {fp}"
        if line.startswith("Key-Id:") and fp
        else line
        for line in lines
    ]
    (bag / "bag-info.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tag_files = ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "rotation.json"]
    tagmanifest = format_manifest({name: sha256_file(bag / name) for name in tag_files})
    (bag / "tagmanifest-sha256.txt").write_bytes(tagmanifest)
    if key is not None:
        public = keys.public_raw(key)
        signature = {
            "alg": "Ed25519",
            "key_id": keys.fingerprint(public),
            "public_key": base64.b64encode(public).decode(),
            "signed_file": "tagmanifest-sha256.txt",
            "signature": base64.b64encode(keys.sign(key, tagmanifest)).decode(),
        }
        (bag / "signature.json").write_bytes(canonical_json(signature) + b"\n")
    target = tmp_path / f"{folder.name}.ldbundle"
    write_zip(folder, target)
    return target


def edit_assessment(bag: Path) -> None:
    path = bag / "data" / "assessments" / f"{UID}.json"
    path.write_bytes(path.read_bytes().replace(b'"revision": 24', b'"revision": 99'))


def test_resigned_with_another_key_opens_but_names_that_key(tmp_path: Path, bundle: Path) -> None:
    # Internally valid: hashes, manifests and signature all agree. The trust decision is the
    # caller's: this fingerprint is not enrolled, so the import service quarantines the bundle.
    intruder = keys.generate_key()
    opened = open_in(tmp_path, resigned(tmp_path, bundle, intruder, edit_assessment))
    assert opened.key_fingerprint == keys.fingerprint(keys.public_raw(intruder))
    assert opened.key_fingerprint != keys.fingerprint(keys.public_raw(FIXED_KEY))
    assert opened.info.key_id == opened.key_fingerprint
    assert opened.read_json(f"assessments/{UID}.json")["revision"] == 99


def test_resigned_with_another_key_but_old_key_id_is_a_bad_signature(
    tmp_path: Path, bundle: Path
) -> None:
    own_id = keys.fingerprint(keys.public_raw(FIXED_KEY))
    path = resigned(tmp_path, bundle, keys.generate_key(), edit_assessment, key_id=own_id)
    rejected(tmp_path, path, "bad_signature", "BUNDLE_BAD_SIGNATURE")


def test_regenerated_manifests_without_the_key_are_a_bad_signature(
    tmp_path: Path, bundle: Path
) -> None:
    rejected(tmp_path, resigned(tmp_path, bundle, None, edit_assessment), "bad_signature")


def test_signature_key_id_must_match_its_public_key(tmp_path: Path, bundle: Path) -> None:
    def change(data: bytes) -> bytes:
        doc = json.loads(data)
        doc["key_id"] = "0" * 64
        return json.dumps(doc).encode()

    rejected(tmp_path, altered(bundle, with_file("bundle/signature.json", change)), "bad_signature")


# --- not one bag, or authenticated nonsense ----------------------------------------------------


@pytest.mark.parametrize(
    "edit",
    [
        lambda entries: {name.replace("bundle/", "other/", 1): d for name, d in entries.items()},
        lambda entries: {**entries, "second/x.txt": b"x"},
        lambda entries: {"bundle": b"a file, not a folder"},
    ],
)
def test_not_exactly_one_bundle_folder(
    tmp_path: Path, bundle: Path, edit: Callable[[dict[str, bytes]], dict[str, bytes]]
) -> None:
    rejected(tmp_path, altered(bundle, edit), "corrupt", "BUNDLE_CORRUPT")


def test_hostile_zip_is_corrupt_and_leaves_nothing(tmp_path: Path, bundle: Path) -> None:
    path = altered(bundle, lambda entries: {**entries, "bundle/../../escape.txt": b"x"})
    before = snapshot(tmp_path)
    rejected(tmp_path, path, "corrupt")
    assert snapshot(tmp_path) - before <= {"rejected-work"}
    assert not (tmp_path.parent / "escape.txt").exists()


def test_overlapping_entries_are_corrupt_and_nothing_is_written(tmp_path: Path) -> None:
    path = overlapping_zip(tmp_path / "bomb.ldbundle", 16, 4 * 1024 * 1024, quoted=True)
    before = snapshot(tmp_path)
    error = rejected(tmp_path, path, "corrupt", "BUNDLE_CORRUPT")
    assert "overlap" in str(error)
    assert snapshot(tmp_path) - before <= {"rejected-work"}


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("bag-info.txt", b"Sequence: 3", b"Sequence: three"),
        ("bag-info.txt", b"Contains-Drafts: no", b"Contains-Drafts: maybe"),
        ("bag-info.txt", b"Bundle-Id: ", b"Bundle-Id: not-a-uuid-"),
        ("bag-info.txt", b"Bundle-Format-Version: 1\n", b""),
        ("bagit.txt", b"1.0", b"0.97"),
        ("rotation.json", b"[", b'{"x": ['),
    ],
)
def test_signed_but_malformed_metadata_is_corrupt(
    tmp_path: Path, bundle: Path, file: str, old: bytes, new: bytes
) -> None:
    def change(bag: Path) -> None:
        path = bag / file
        content = path.read_bytes()
        assert old in content
        content = content.replace(old, new, 1)
        path.write_bytes(content + (b"}" if file == "rotation.json" else b""))

    rejected(tmp_path, resigned(tmp_path, bundle, FIXED_KEY, change), "corrupt", "BUNDLE_CORRUPT")


def test_payload_json_problems_are_corrupt_naming_the_file(tmp_path: Path, evidence: Path) -> None:
    files = payload(evidence)
    files["bad.json"] = b'{"uid": '
    files["latin1.json"] = '{"tên": "Xã"}'.encode("latin-1", errors="replace")
    files["twice.json"] = b'{"a": 1, "a": 2}'
    target = tmp_path / "b.ldbundle"
    write_bundle(target, files, make_info(FIXED_KEY), FIXED_KEY)
    opened = open_in(tmp_path, target)  # signed and intact: only reading its JSON fails
    for name in ("bad.json", "latin1.json", "twice.json", "absent.json"):
        with expect("corrupt", "BUNDLE_CORRUPT") as caught:
            opened.read_json(name)
        assert caught.value.params["name"] == name
    with expect("corrupt"):
        opened.read_json("bundle.json", max_bytes=10)
    for escape in ("../tagmanifest-sha256.txt", "/etc/passwd", "..\\x", "a/../../x", ""):
        with expect("corrupt"):
            opened.payload_path(escape)
        with expect("corrupt"):
            opened.read_json(escape)


# --- writing failures --------------------------------------------------------------------------


@pytest.mark.parametrize("stop_after", [0, 1, 2, 5, 12])
def test_cancelled_export_leaves_nothing(tmp_path: Path, evidence: Path, stop_after: int) -> None:
    # Cancel is checked while copying the payload, before bagging, and while zipping.
    usb, staging = tmp_path / "usb", tmp_path / "staging"
    usb.mkdir()
    staging.mkdir()
    calls = itertools.count()
    with pytest.raises(OperationCancelled):
        write_bundle(
            usb / "b.ldbundle",
            payload(evidence),
            make_info(FIXED_KEY),
            FIXED_KEY,
            cancelled=lambda: next(calls) >= stop_after,
            workdir=staging,
        )
    assert snapshot(usb) == set()
    assert snapshot(staging) == set()


def test_full_disk_during_export_leaves_nothing(
    tmp_path: Path, evidence: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb, staging = tmp_path / "usb", tmp_path / "staging"
    usb.mkdir()
    staging.mkdir()

    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", no_space)
    with pytest.raises(OSError):
        write_bundle(
            usb / "b.ldbundle", payload(evidence), make_info(FIXED_KEY), FIXED_KEY, workdir=staging
        )
    assert snapshot(usb) == set()
    assert snapshot(staging) == set()


def test_export_refuses_what_an_office_would_refuse(tmp_path: Path, evidence: Path) -> None:
    with expect("corrupt", "BUNDLE_EXPORT_TOO_LARGE"):
        write_bundle(
            tmp_path / "b.ldbundle",
            payload(evidence),
            make_info(FIXED_KEY),
            FIXED_KEY,
            limits=ArchiveLimits(max_total_bytes=100_000),
        )
    assert not (tmp_path / "b.ldbundle").exists()


@pytest.mark.parametrize(
    "name",
    ["../x", "/x", "a\\b", "a/./b", "a%2F", "CON", "a\nb", "x/", "Café".replace("é", "e\u0301")],
)
def test_unsafe_payload_names_are_a_programming_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        write_bundle(tmp_path / "b", {name: b"x"}, make_info(FIXED_KEY), FIXED_KEY)


@pytest.mark.parametrize(
    "files",
    [{}, {"a": b"1", "A": b"2"}, {"a": b"1", "a/b": b"2"}],
)
def test_payload_sets_that_cannot_survive_the_trip(tmp_path: Path, files: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        write_bundle(tmp_path / "b", files, make_info(FIXED_KEY), FIXED_KEY)


def test_info_must_name_the_signing_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_bundle(tmp_path / "b", {"a": b"1"}, make_info(OLD_KEY), FIXED_KEY)
    with pytest.raises(ValueError):
        write_bundle(tmp_path / "b", {"a": b"1"}, make_info(FIXED_KEY, sequence=0), FIXED_KEY)


# --- any single flipped byte ---------------------------------------------------------------------


@functools.cache
def reference() -> tuple[bytes, dict[str, bytes]]:
    """A small bundle (bytes of the file, payload entries), built once for the property test."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "photo.jpg").write_bytes(EVIDENCE[:20_000])
        target = folder / "b.ldbundle"
        write_bundle(
            target,
            payload(folder / "photo.jpg"),
            make_info(FIXED_KEY),
            FIXED_KEY,
            rotation=ROTATION,
        )
        return target.read_bytes(), read_payload(target)


@settings(max_examples=60, deadline=None, database=None)
@given(position=st.floats(0, 1, exclude_max=True), mask=st.integers(1, 255))
def test_no_single_flipped_byte_changes_an_accepted_payload(position: float, mask: int) -> None:
    data, original = reference()
    index = int(position * len(data))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "b.ldbundle"
        path.write_bytes(flip(data, index, mask))
        try:
            opened = open_bundle(path, Path(scratch) / "work")
        except BundleError:
            return  # refused: fine, whatever the category
        # Accepted: the flip hit bytes that carry no content (a timestamp, an attribute...).
        assert opened.key_fingerprint == keys.fingerprint(keys.public_raw(FIXED_KEY))
        assert opened.payload_files() == sorted(n.removeprefix("bundle/data/") for n in original)
        for name, content in original.items():
            assert opened.payload_path(name.removeprefix("bundle/data/")).read_bytes() == content
