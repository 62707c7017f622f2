"""bag-info fields, the tag-file and manifest parsers, building a bag."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path
from typing import Any

import bagit  # type: ignore[import-untyped]
import pytest

from assessor_app import __version__
from assessor_app.bundles.bag import (
    ManifestError,
    bagit_validate,
    build_bag,
    check_integrity,
    format_manifest,
    parse_manifest,
)
from assessor_app.bundles.bag_info import BundleInfo, declared_format_versions, parse_tag_file
from assessor_app.core.canonical import canonical_json
from tests.unit.bundles import CATALOGUE_HASH, FIXED_KEY, expect, make_info

SECOND_HASH = "ab" * 32


def test_bag_info_round_trip() -> None:
    info = make_info(
        FIXED_KEY,
        supersedes="1c7d3e5f-2a4b-4c6d-8e0f-123456789abc",
        catalogue_codes=["QD34-2014", "QD06-2019"],  # lists are accepted, stored as tuples
        catalogue_hashes=[CATALOGUE_HASH, SECOND_HASH],
        unit_lists=("LS-2020", "LS-2025-07"),
        contains_drafts=True,
    )
    assert info.catalogue_codes == ("QD34-2014", "QD06-2019")
    tags = info.to_bag_info()
    assert tags["Bundle-Format-Version"] == "1"
    assert tags["Catalogue-Code"] == "QD34-2014,QD06-2019"
    assert tags["Contains-Drafts"] == "yes"
    assert tags["Sequence"] == "3"
    assert BundleInfo.from_bag_info(tags) == info
    text = "".join(f"{name}: {value}\n" for name, value in sorted(tags.items()))
    assert BundleInfo.from_bag_info(parse_tag_file(text.encode())) == info


def test_empty_supersedes_and_lists() -> None:
    info = make_info(
        FIXED_KEY, supersedes="", catalogue_codes=(), catalogue_hashes=(), unit_lists=()
    )
    assert info.supersedes is None
    tags = info.to_bag_info()
    assert tags["Supersedes"] == ""
    assert tags["Unit-List"] == ""
    assert BundleInfo.from_bag_info(tags) == info


def test_names_are_cleaned() -> None:
    info = make_info(
        FIXED_KEY, contact=unicodedata.normalize("NFD", "  Nguyễn  Thị\nHoa "), organization="Sở\tX"
    )
    assert info.contact == "Nguyễn Thị Hoa"
    assert info.organization == "Sở X"


@pytest.mark.parametrize(
    "change",
    [
        {"bundle_id": "not-a-uuid"},
        {"bundle_id": "5B0C2A4E-7D1F-4C39-9A57-0E8F3B6D2C11"},  # ids are compared as strings
        {"device_id": "{c3a1e0f2-9b84-4d6a-8e15-2f7b9c0d4e36}"},
        {"key_id": "ABC"},
        {"sequence": 0},
        {"sequence": -1},
        {"supersedes": "yesterday"},
        {"catalogue_codes": ("A,B",)},
        {"catalogue_codes": ("",)},
        {"catalogue_hashes": ("nothex",)},
        {"unit_lists": (" LS",)},
        {"created": "9 May 2026"},
        {"created": "2026-05-09T07:35:25"},  # no time zone
        {"contact": "a\x00b"},
    ],
)
def test_invalid_info_is_a_programming_error(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_info(FIXED_KEY, **change).to_bag_info()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("Sequence", "three"),
        ("Sequence", "007"),
        ("Sequence", "0"),
        ("Contains-Drafts", "maybe"),
        ("Bundle-Id", ""),
        ("Key-Id", "0" * 63),
        ("Created", "soon"),
        ("Catalogue-Hash", "x,y"),
        ("Bundle-Format-Version", "2"),
    ],
)
def test_invalid_bag_info_is_corrupt(field: str, value: str) -> None:
    tags: dict[str, str | list[str]] = {**make_info(FIXED_KEY).to_bag_info(), field: value}
    with expect("corrupt", "BUNDLE_CORRUPT") as caught:
        BundleInfo.from_bag_info(tags)
    assert caught.value.params["field"] == field


def test_missing_or_repeated_bag_info_field_is_corrupt() -> None:
    tags: dict[str, str | list[str]] = dict(make_info(FIXED_KEY).to_bag_info())
    del tags["Device-Id"]
    with expect("corrupt"):
        BundleInfo.from_bag_info(tags)
    text = "".join(f"{k}: {v}\n" for k, v in make_info(FIXED_KEY).to_bag_info().items())
    repeated = parse_tag_file((text + "Sequence: 4\n").encode())
    assert repeated["Sequence"] == ["3", "4"]
    with expect("corrupt"):
        BundleInfo.from_bag_info(repeated)


def test_tag_file_parser() -> None:
    assert parse_tag_file(b"A: 1\nLong: first\n  second\n\nB:x\n") == {
        "A": "1",
        "Long": "first second",
        "B": "x",
    }
    for bad in (b"no colon\n", b"\xef\xbb\xbfA: 1\n", b"A: 1\r\n", b"  folded first\n", b"\xff\n"):
        with pytest.raises(ValueError):
            parse_tag_file(bad)


def test_declared_format_versions_reads_even_damaged_text() -> None:
    assert declared_format_versions(b"\xffX: 1\nBundle-Format-Version: 2\n") == ["2"]
    assert declared_format_versions(b"Bundle-Format-Version:1\nBundle-Format-Version: 7") == [
        "1",
        "7",
    ]
    assert declared_format_versions(b"nothing here") == []


def test_manifest_round_trip() -> None:
    entries = {"data/b.json": "1" * 64, "data/a b/é.json": "2" * 64}
    data = format_manifest(entries)
    assert data.decode().splitlines()[0].endswith("  data/a b/é.json")  # sorted
    assert parse_manifest(data) == entries
    assert parse_manifest(("3" * 64 + "\tdata/x\n").encode()) == {"data/x": "3" * 64}


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"1111 data/x\n", 1),
        ("A" * 64 + "  data/x\n", 1),  # upper-case hex
        ("1" * 64 + "  data/x", 1),  # no final newline
        ("1" * 64 + "  data/x\n" + "2" * 64 + "  data/x\n", 2),  # twice
        ("1" * 64 + "  data/../x\n", 1),
        ("1" * 64 + "  /etc/passwd\n", 1),
        ("1" * 64 + "  data/x%0Ay\n", 1),
        ("1" * 64 + "  data/x\n\n", 2),
        ("1" * 64 + "  data/x\r\n", 1),
        (b"1" * 64 + b"  data/\xff\n", 1),
    ],
)
def test_malformed_manifests(data: bytes | str, line: int) -> None:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(ManifestError) as caught:
        parse_manifest(raw)
    assert caught.value.line == line


# --- building a bag ----------------------------------------------------------------------------

# The payload as `write_bundle` lays it out at the top of the bag folder; one top-level folder is
# itself called "data", which the move into data/ must not trip over.
PAYLOAD = {
    "bundle.json": b'{"format": 1}',
    "data/nested.json": b"[1, 2, 3]",
    "évidence/ảnh chụp.jpg": bytes(range(256)) * 40,
    "empty.txt": b"",
}


def payload_folder(tmp_path: Path) -> Path:
    bag = tmp_path / "bundle"
    for name, content in PAYLOAD.items():
        path = bag.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return bag


def expected_manifest() -> bytes:
    return format_manifest(
        {f"data/{name}": hashlib.sha256(content).hexdigest() for name, content in PAYLOAD.items()}
    )


@pytest.mark.parametrize("rotation", [None, [{"kind": "assessor-key-rotation"}]])
def test_built_bag_has_the_format_s_files(
    tmp_path: Path, rotation: list[dict[str, Any]] | None
) -> None:
    bag = payload_folder(tmp_path)
    info = make_info(FIXED_KEY)
    tagmanifest = build_bag(bag, info, rotation)

    listed = {path.relative_to(bag).as_posix() for path in bag.rglob("*") if path.is_file()}
    tag_files = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt"}
    tag_files |= {"rotation.json"} if rotation else set()
    assert listed == {f"data/{name}" for name in PAYLOAD} | tag_files | {"tagmanifest-sha256.txt"}
    assert {path.name for path in bag.iterdir()} == {*tag_files, "tagmanifest-sha256.txt", "data"}

    assert (bag / "manifest-sha256.txt").read_bytes() == expected_manifest()
    assert (bag / "bagit.txt").read_bytes() == (
        b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    )
    assert (bag / "tagmanifest-sha256.txt").read_bytes() == tagmanifest
    assert parse_manifest(tagmanifest) == {
        name: hashlib.sha256((bag / name).read_bytes()).hexdigest() for name in tag_files
    }
    if rotation:
        assert (bag / "rotation.json").read_bytes() == canonical_json(rotation)


def test_built_bag_info_has_the_fields_bagit_adds(tmp_path: Path) -> None:
    bag = payload_folder(tmp_path)
    info = make_info(FIXED_KEY, created="2026-05-09T23:59:59+00:00")
    build_bag(bag, info, None)
    fields = {
        **info.to_bag_info(),
        "Bagging-Date": "2026-05-09",  # the date of Created, not of the device's local clock
        "Payload-Oxum": f"{sum(len(content) for content in PAYLOAD.values())}.{len(PAYLOAD)}",
        "Bag-Software-Agent": f"assessor-app {__version__}",
    }
    # One "Label: value" line per field, sorted by label: the layout bagit-python writes.
    text = "".join(f"{label}: {value}\n" for label, value in sorted(fields.items()))
    assert (bag / "bag-info.txt").read_bytes() == text.encode()
    assert BundleInfo.from_bag_info(parse_tag_file(text.encode())) == info


def test_built_bag_is_valid_for_bagit_python_and_for_our_check(tmp_path: Path) -> None:
    bag = payload_folder(tmp_path)
    tagmanifest = build_bag(bag, make_info(FIXED_KEY), [{"kind": "assessor-key-rotation"}])
    checked = bagit.Bag(str(bag))
    assert checked.validate(processes=1)
    assert checked.info["Payload-Oxum"] == f"{sum(map(len, PAYLOAD.values()))}.{len(PAYLOAD)}"
    bagit_validate(bag)
    assert check_integrity(bag, tagmanifest) == parse_manifest(expected_manifest())


def test_building_and_checking_a_bag_never_change_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The working directory is the process's, shared by every thread: no step may change it."""

    def refuse(*args: object) -> None:
        raise AssertionError(f"the working directory was changed: {args}")

    monkeypatch.setattr(os, "chdir", refuse)
    monkeypatch.setattr(os, "fchdir", refuse)
    bag = payload_folder(tmp_path)
    tagmanifest = build_bag(bag, make_info(FIXED_KEY), None)
    check_integrity(bag, tagmanifest)
    bagit_validate(bag)


def test_building_a_bag_refuses_a_link_in_the_payload(tmp_path: Path) -> None:
    bag = payload_folder(tmp_path)
    (bag / "link.json").symlink_to(bag / "bundle.json")
    with pytest.raises(ValueError, match=r"link\.json"):
        build_bag(bag, make_info(FIXED_KEY), None)


def test_building_a_bag_with_invalid_info_moves_nothing(tmp_path: Path) -> None:
    bag = payload_folder(tmp_path)
    before = sorted(path.relative_to(bag).as_posix() for path in bag.rglob("*"))
    with pytest.raises(ValueError):
        build_bag(bag, make_info(FIXED_KEY, sequence=0), None)
    assert sorted(path.relative_to(bag).as_posix() for path in bag.rglob("*")) == before
