"""Safe extraction of hostile ZIP files, and atomic deterministic ZIP writing.

Every rejection must leave the work folder empty and nothing anywhere else: each test compares a
listing of `tmp_path` before and after.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor_app.bundles import archive as archive_module
from assessor_app.bundles.archive import safe_extract
from assessor_app.bundles.zip_rules import CHUNK, DEFAULT_LIMITS, ArchiveLimits
from assessor_app.bundles.zip_writer import write_zip
from assessor_app.domain.errors import OperationCancelled
from tests.unit.bundles import expect, overlapping_zip, patch_entry, snapshot

MiB = 1024 * 1024


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def refused(zip_path: Path, dest: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """safe_extract refuses `zip_path` as corrupt and leaves no trace anywhere under tmp_path."""
    root = dest.parent
    before = snapshot(root)
    with expect("corrupt", "BUNDLE_CORRUPT"):
        safe_extract(zip_path, dest, limits)
    assert snapshot(root) == before
    assert list(dest.iterdir()) == []


def zip_with(path: Path, *entries: tuple[zipfile.ZipInfo | str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return path


def unix_entry(name: str, kind: int, mode: int = 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (kind | mode) << 16
    return info


# --- a good archive -----------------------------------------------------------------------------


def test_good_archive_extracts(tmp_path: Path, dest: Path) -> None:
    name = unicodedata.normalize("NFC", "bundle/data/ảnh chụp.txt")
    source = zip_with(
        tmp_path / "good.zip",
        ("bundle/", b""),
        ("bundle/bagit.txt", b"BagIt-Version: 1.0\n"),
        (name, "Xã Hữu Liên".encode()),
        ("bundle/data/empty", b""),
    )
    written = safe_extract(source, dest)
    assert [path.relative_to(dest).as_posix() for path in written] == [
        "bundle/bagit.txt",
        name,
        "bundle/data/empty",
    ]
    assert (dest / name).read_text(encoding="utf-8") == "Xã Hữu Liên"
    assert (dest / "bundle" / "data" / "empty").read_bytes() == b""


def test_extracts_into_a_new_folder_and_removes_it_on_failure(tmp_path: Path) -> None:
    good = zip_with(tmp_path / "good.zip", ("a.txt", b"a"))
    safe_extract(good, tmp_path / "new")
    assert (tmp_path / "new" / "a.txt").read_bytes() == b"a"
    bad = zip_with(tmp_path / "bad.zip", ("../a.txt", b"a"))
    before = snapshot(tmp_path)
    with expect("corrupt"):
        safe_extract(bad, tmp_path / "other")
    assert snapshot(tmp_path) == before


def test_destination_must_be_empty(tmp_path: Path, dest: Path) -> None:
    (dest / "old").write_bytes(b"keep me")
    with pytest.raises(ValueError):
        safe_extract(zip_with(tmp_path / "a.zip", ("a", b"a")), dest)
    assert (dest / "old").read_bytes() == b"keep me"


# --- hostile names and entry types ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../x",
        "bundle/../../x",
        "/etc/x",
        "..\\x",
        "bundle\\data\\x",
        "C:/x",
        "C:x",
        "bundle/./x",
        "bundle//x",
        "a\x01b",
        "a\x7fb",
        "a\u202eb",  # right-to-left override: a name that lies about its extension
        "bundle/CON",
        "bundle/nul.txt",
        "bundle/x.",
        "bundle/x ",
        "a*b",
        "x" * 300,
    ],
)
def test_unsafe_names_are_refused(tmp_path: Path, dest: Path, name: str) -> None:
    refused(zip_with(tmp_path / "evil.zip", ("ok.txt", b"ok"), (name, b"evil")), dest)


def test_name_with_nul_is_refused(tmp_path: Path, dest: Path) -> None:
    # zipfile cuts names at NUL when writing, so patch the bytes of a placeholder instead.
    path = zip_with(tmp_path / "evil.zip", ("safe.txtQ.exe", b"evil"))
    path.write_bytes(path.read_bytes().replace(b"safe.txtQ.exe", b"safe.txt\x00.exe"))
    refused(path, dest)


def test_non_ascii_name_without_utf8_flag_is_refused(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "evil.zip", ("cafQ.txt", b"x"))  # ASCII: no UTF-8 flag
    path.write_bytes(path.read_bytes().replace(b"cafQ.txt", b"caf\x82.txt"))  # cp437 "é"
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["café.txt"]  # what zipfile would have made of it
    refused(path, dest)


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        (stat.S_IFLNK, "bundle/link"),
        (stat.S_IFIFO, "bundle/fifo"),
        (stat.S_IFCHR, "bundle/device"),
        (stat.S_IFBLK, "bundle/disk"),
        (stat.S_IFSOCK, "bundle/socket"),
        (stat.S_IFDIR, "bundle/folder-without-slash"),
    ],
)
def test_links_and_special_files_are_refused(
    tmp_path: Path, dest: Path, kind: int, name: str
) -> None:
    path = zip_with(tmp_path / "evil.zip", (unix_entry(name, kind, 0o777), b"/etc/passwd"))
    refused(path, dest)


def test_file_entry_marked_as_folder_is_refused(tmp_path: Path, dest: Path) -> None:
    folder = unix_entry("bundle/x/", stat.S_IFREG)
    refused(zip_with(tmp_path / "evil.zip", (folder, b"")), dest)


@pytest.mark.parametrize(
    "names",
    [
        ["bundle/a.json", "bundle/a.json"],
        ["bundle/data/A.json", "bundle/data/a.json"],
        ["bundle/Data/x", "bundle/data/y"],  # folders differing in case
        [unicodedata.normalize("NFC", "bundle/é"), unicodedata.normalize("NFD", "bundle/é")],
        ["bundle/STRASSE", "bundle/straße"],  # equal once case-folded
        ["bundle/a", "bundle/a/b"],  # a file where a folder is needed
        ["bundle/a/b", "bundle/a"],
        ["bundle/a/", "bundle/a"],
    ],
)
def test_duplicate_names_are_refused(tmp_path: Path, dest: Path, names: list[str]) -> None:
    path = tmp_path / "dup.zip"
    with (
        zipfile.ZipFile(path, "w") as archive,
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("warnings.warn", lambda *args, **kwargs: None)  # zipfile warns on duplicates
        for name in names:
            archive.writestr(name, b"" if name.endswith("/") else name.encode())
    refused(path, dest)


# --- sizes, counts and bombs -------------------------------------------------------------------


def test_zip_bomb_is_refused_before_anything_is_written(tmp_path: Path, dest: Path) -> None:
    path = tmp_path / "bomb.zip"
    info = zipfile.ZipInfo("bundle/data/zeros")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as archive, archive.open(info, "w", force_zip64=True) as sink:
        zeros = bytes(MiB)
        for _ in range(200):
            sink.write(zeros)
    assert path.stat().st_size < 300_000
    refused(path, dest)


def test_many_small_bombs_are_refused_by_the_total_ratio(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "bombs.zip", *((f"z{n}", bytes(512 * 1024)) for n in range(8)))
    refused(path, dest)


def test_entry_inflating_past_its_declared_size_is_refused(tmp_path: Path, dest: Path) -> None:
    path = zip_with(
        tmp_path / "liar.zip", ("bundle/first", b"written first"), ("bundle/zeros", bytes(MiB))
    )
    patch_entry(path, "bundle/zeros", "size", 1000)  # claims 1000 bytes; ratio looks harmless
    refused(path, dest)


def test_entry_stopping_short_of_its_declared_size_is_refused(tmp_path: Path, dest: Path) -> None:
    path = zip_with(
        tmp_path / "liar.zip", ("bundle/first", b"ok"), ("bundle/data", os.urandom(800))
    )
    patch_entry(path, "bundle/data", "size", 5000)  # CRC still matches the real 800 bytes
    refused(path, dest)


def test_bad_crc_is_refused_and_earlier_files_removed(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "crc.zip", ("bundle/first", b"fine"), ("bundle/second", b"data"))
    patch_entry(path, "bundle/second", "crc", 0x12345678)
    refused(path, dest)


def test_too_many_entries(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "many.zip", *((f"f{n}", b"x") for n in range(6)))
    refused(path, dest, ArchiveLimits(max_entries=5))
    safe_extract(path, dest, ArchiveLimits(max_entries=6))


def test_declared_total_over_the_limit(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "big.zip", ("a", os.urandom(600)), ("b", os.urandom(600)))
    refused(path, dest, ArchiveLimits(max_total_bytes=1000))


def test_entry_over_the_limit(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "big.zip", ("a", os.urandom(2000)))
    refused(path, dest, ArchiveLimits(max_entry_bytes=1999))


def test_ratio_is_checked_from_the_configured_size(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "json.zip", ("a.json", b"{}" * 5000))  # compresses ~300 times
    refused(path, dest, ArchiveLimits(ratio_min_bytes=1000))
    safe_extract(path, dest)  # 10 kB: too small to be a bomb under the default limits


# --- overlapping entries ------------------------------------------------------------------------


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("quoted", "zip64"),
    [(False, False), (True, False), (False, True)],
    ids=["shared-stream", "quoted", "zip64-offsets"],
)
def test_overlapping_entries_are_refused_before_anything_is_written(
    tmp_path: Path, dest: Path, quoted: bool, zip64: bool
) -> None:
    # 30 kB that unpack to 64 MiB (16 x 4 MiB): every declared size and ratio looks harmless,
    # because the one deflate stream is counted once per entry.
    path = overlapping_zip(tmp_path / "overlap.zip", 16, 4 * MiB, quoted=quoted, zip64=zip64)
    assert path.stat().st_size < 40_000
    on_disk: list[int] = []
    before = snapshot(tmp_path)
    with expect("corrupt", "BUNDLE_CORRUPT") as caught:
        safe_extract(path, dest, progress=lambda _done, _total: on_disk.append(folder_bytes(dest)))
    assert "overlap" in str(caught.value)
    assert on_disk == []  # refused before the first byte
    assert snapshot(tmp_path) == before


def test_entries_sharing_one_local_header_are_refused(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "twice.zip", ("a", bytes(1000)), ("b", bytes(1000)))
    first = zipfile.ZipFile(path).getinfo("a").header_offset
    patch_entry(path, "b", "offset", first)
    refused(path, dest)


@pytest.mark.parametrize("extra", [6, 10_000])  # into the central directory; past the end
def test_entry_running_past_its_space_is_refused(tmp_path: Path, dest: Path, extra: int) -> None:
    path = zip_with(tmp_path / "long.zip", ("bundle/a", b"first"), ("bundle/b", bytes(5000)))
    packed = zipfile.ZipFile(path).getinfo("bundle/b").compress_size
    patch_entry(path, "bundle/b", "packed", packed + extra)  # deflate ignores what follows
    refused(path, dest)


def test_written_bytes_are_capped_in_proportion_to_the_file(
    tmp_path: Path, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Defence in depth: were the overlap check fooled, the bytes really written still stop at
    # 200 times the file's size, before the chunk that would cross it.
    monkeypatch.setattr(archive_module, "check_extents", lambda *_args: None)
    path = overlapping_zip(tmp_path / "overlap.zip", 16, 4 * MiB)
    cap = path.stat().st_size * DEFAULT_LIMITS.max_ratio
    done: list[int] = []
    before = snapshot(tmp_path)
    with expect("corrupt", "BUNDLE_CORRUPT") as caught:
        safe_extract(path, dest, progress=lambda count, _total: done.append(count))
    assert "zip bomb" in str(caught.value)
    assert cap - CHUNK < max(done) <= cap
    assert snapshot(tmp_path) == before


def test_the_cap_has_a_floor_for_small_well_compressing_files(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "json.zip", ("a.json", b"{}" * 450_000))  # 900 kB in ~1 kB
    assert path.stat().st_size * DEFAULT_LIMITS.max_ratio < 900_000 < DEFAULT_LIMITS.ratio_min_bytes
    assert [p.stat().st_size for p in safe_extract(path, dest)] == [900_000]


class _Unseekable(io.RawIOBase):
    """A pipe-like output: zipfile then writes sizes and CRC in data descriptors."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.data += chunk
        return len(chunk)


def test_zip64_entries_and_data_descriptors_still_extract(tmp_path: Path) -> None:
    photo = os.urandom(CHUNK + 5000)
    entries = [("bundle/", b""), ("bundle/a.json", b'{"a": 1}' * 100), ("bundle/photo", photo)]
    for streamed in (False, True):
        for zip64 in (False, True):
            sink = _Unseekable()
            with zipfile.ZipFile(sink if streamed else tmp_path / "z.zip", "w") as archive:
                for name, data in entries:
                    info = zipfile.ZipInfo(name)
                    info.compress_type = (
                        zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
                    )
                    with archive.open(info, "w", force_zip64=zip64) as out:
                        out.write(data)
            if streamed:
                (tmp_path / "z.zip").write_bytes(bytes(sink.data))
                assert b"PK\x07\x08" in sink.data  # data descriptors
            target = tmp_path / f"out-{streamed}-{zip64}"
            safe_extract(tmp_path / "z.zip", target)
            assert (target / "bundle" / "photo").read_bytes() == photo


def test_data_descriptor_without_signature_still_extracts(tmp_path: Path, dest: Path) -> None:
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a", b"first")
        with archive.open("b", "w") as out:  # streamed: sizes in a data descriptor
            out.write(b"second" * 100)
    data = bytes(sink.data)
    signature = data.rindex(b"PK\x07\x08")  # b's, the last entry's, just before the directory
    data = data[:signature] + data[signature + 4 :]  # the signature is optional
    end = data.rindex(b"PK\x05\x06")
    (start,) = struct.unpack_from("<L", data, end + 16)
    path = tmp_path / "plain.zip"
    path.write_bytes(data[: end + 16] + struct.pack("<L", start - 4) + data[end + 20 :])
    safe_extract(path, dest)
    assert (dest / "b").read_bytes() == b"second" * 100


def test_archive_after_other_bytes_still_extracts(tmp_path: Path, dest: Path) -> None:
    # Offsets in the directory count from the archive's start, not the file's (self-extractors).
    path = zip_with(tmp_path / "a.zip", ("a", b"first"), ("b", os.urandom(3000)))
    path.write_bytes(os.urandom(777) + path.read_bytes())
    safe_extract(path, dest)
    assert (dest / "a").read_bytes() == b"first"


# --- damaged and odd archives ------------------------------------------------------------------


def test_truncated_archives(tmp_path: Path, dest: Path) -> None:
    good = zip_with(tmp_path / "good.zip", ("a", os.urandom(5000)), ("b", os.urandom(5000)))
    data = good.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 30, 4, 0):
        path = tmp_path / f"cut{cut}.zip"
        path.write_bytes(data[:cut])
        refused(path, dest)


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes(tmp_path: Path, dest: Path, seed: int) -> None:
    path = tmp_path / "random.zip"
    path.write_bytes(os.urandom(1000 * (seed + 1)))
    refused(path, dest)


def test_not_a_zip_but_a_text_file(tmp_path: Path, dest: Path) -> None:
    path = tmp_path / "notes.zip"
    path.write_text("Biên bản kiểm tra", encoding="utf-8")
    refused(path, dest)


@pytest.mark.parametrize("flags", [0x0001, 0x0041, 0x0020])
def test_encrypted_or_patched_entries_are_refused(tmp_path: Path, dest: Path, flags: int) -> None:
    path = zip_with(tmp_path / "enc.zip", ("bundle/secret", b"data"))
    patch_entry(path, "bundle/secret", "flags", flags)
    refused(path, dest)


def test_unsupported_compression_is_refused(tmp_path: Path, dest: Path) -> None:
    path = tmp_path / "bz2.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a", b"data")
    refused(path, dest)


def test_missing_archive_is_an_os_error(tmp_path: Path, dest: Path) -> None:
    with pytest.raises(FileNotFoundError):
        safe_extract(tmp_path / "absent.zip", dest)


def test_cancel_during_extraction_leaves_nothing(tmp_path: Path, dest: Path) -> None:
    path = zip_with(tmp_path / "a.zip", ("a", b"a"), ("b", b"b"))
    calls = iter([False, False, True])
    before = snapshot(tmp_path)
    with pytest.raises(OperationCancelled):
        safe_extract(path, dest, cancelled=lambda: next(calls, True))
    assert snapshot(tmp_path) == before


# --- writing -----------------------------------------------------------------------------------


def source_tree(root: Path) -> Path:
    (root / "bundle" / "data" / "evidence").mkdir(parents=True)
    (root / "bundle" / "bagit.txt").write_bytes(b"BagIt-Version: 1.0\n")
    (root / "bundle" / "data" / "bundle.json").write_bytes(b"{}")
    (root / "bundle" / "data" / "evidence" / "ab12").write_bytes(os.urandom(3 * MiB))
    return root


def test_write_zip_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    source = source_tree(tmp_path / "src")
    progress: list[tuple[int, int]] = []
    write_zip(
        source, tmp_path / "one.zip", progress=lambda done, total: progress.append((done, total))
    )
    os.utime(source / "bundle" / "bagit.txt", (0, 0))  # timestamps do not matter
    write_zip(source, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    total = 3 * MiB + len(b"BagIt-Version: 1.0\n") + 2
    assert progress[-1] == (total, total)
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == [
            "bundle/",
            "bundle/bagit.txt",
            "bundle/data/",
            "bundle/data/bundle.json",
            "bundle/data/evidence/",
            "bundle/data/evidence/ab12",
        ]
        assert {info.compress_type for info in archive.infolist() if not info.is_dir()} == {
            zipfile.ZIP_DEFLATED
        }
    out = tmp_path / "out"
    safe_extract(tmp_path / "one.zip", out)
    for path in source.rglob("*"):
        copy = out / path.relative_to(source)
        assert copy.is_dir() if path.is_dir() else copy.read_bytes() == path.read_bytes()


def folder_listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_cancelled_write_leaves_no_file(tmp_path: Path) -> None:
    source = source_tree(tmp_path / "src")
    target_dir = tmp_path / "usb"
    target_dir.mkdir()
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # in the middle of the 3 MiB evidence file

    with pytest.raises(OperationCancelled):
        write_zip(source, target_dir / "b.ldbundle", cancelled=cancelled)
    assert folder_listing(target_dir) == []


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync"])
def test_full_disk_raises_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    # Tests run as root, which ignores read-only folders: simulate a full (or read-only) target.
    source = source_tree(tmp_path / "src")
    target_dir = tmp_path / "usb"
    target_dir.mkdir()
    (target_dir / "b.ldbundle").write_bytes(b"previous export")

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(failing, no_space)
    with pytest.raises(OSError) as caught:
        write_zip(source, target_dir / "b.ldbundle")
    assert caught.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert folder_listing(target_dir) == ["b.ldbundle"]
    assert (target_dir / "b.ldbundle").read_bytes() == b"previous export"


def test_write_error_in_the_middle_leaves_no_file(tmp_path: Path) -> None:
    source = source_tree(tmp_path / "src")
    target_dir = tmp_path / "usb"
    target_dir.mkdir()

    def failing_progress(done: int, total: int) -> None:
        if done > MiB:
            raise OSError(errno.EIO, "Input/output error")  # the stick was pulled out

    with pytest.raises(OSError):
        write_zip(source, target_dir / "b.ldbundle", progress=failing_progress)
    assert folder_listing(target_dir) == []


def test_links_in_the_source_are_refused(tmp_path: Path) -> None:
    source = source_tree(tmp_path / "src")
    (source / "bundle" / "link").symlink_to("/etc/passwd")
    with pytest.raises(ValueError):
        write_zip(source, tmp_path / "b.zip")
    assert not (tmp_path / "b.zip").exists()


def many_blank_files(folder: Path, count: int) -> None:
    # Each too small to be checked alone, but 4 MiB compressing ~1000 times in all.
    (folder / "evidence" / "ab12").unlink()  # no incompressible photo to dilute the ratio
    for number in range(count):
        (folder / f"blank{number}.bmp").write_bytes(bytes(MiB // 2))


@pytest.mark.parametrize(
    ("limits", "make"),
    [
        (ArchiveLimits(max_entries=3), lambda root: None),
        (ArchiveLimits(max_total_bytes=MiB), lambda root: None),
        (
            ArchiveLimits(),
            lambda root: (root / "bundle" / "data" / "blank.bmp").write_bytes(bytes(2 * MiB)),
        ),
        (ArchiveLimits(), lambda root: many_blank_files(root / "bundle" / "data", 8)),
    ],
)
def test_write_zip_refuses_what_the_receiver_would_refuse(
    tmp_path: Path, limits: ArchiveLimits, make: Callable[[Path], object]
) -> None:
    source = source_tree(tmp_path / "src")
    make(source)
    target_dir = tmp_path / "usb"
    target_dir.mkdir()
    with expect("corrupt", "BUNDLE_EXPORT_TOO_LARGE"):
        write_zip(source, target_dir / "b.zip", limits=limits)
    assert folder_listing(target_dir) == []


def test_written_entries_are_plain_files_and_folders(tmp_path: Path) -> None:
    source = source_tree(tmp_path / "src")
    write_zip(source, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        for info in archive.infolist():
            kind = stat.S_IFMT(info.external_attr >> 16)
            assert kind == (stat.S_IFDIR if info.is_dir() else stat.S_IFREG)
            assert info.date_time == (1980, 1, 1, 0, 0, 0)


def test_partial_files_are_the_temporary_files_of_a_killed_write_and_nothing_else(
    tmp_path: Path,
) -> None:
    from assessor_app.core import files as atomic

    target = tmp_path / "1.ldbundle"
    left: list[Path] = []

    def killed(_handle: object) -> None:  # a kill would leave the file; an error removes it
        left.extend(p for p in tmp_path.iterdir() if p.name.endswith(".part"))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, killed)
    [temporary] = left
    temporary.write_bytes(b"PK half")  # as if the process had died instead of cleaning up
    for other in (".1.ldbundle.notes.part", ".2.ldbundle.0123456789ab.part", "1.ldbundle"):
        (tmp_path / other).write_bytes(b"")
    assert atomic.partial_files(target) == [temporary]
    assert atomic.partial_files(tmp_path / "missing folder" / "1.ldbundle") == []
