"""Tampered and hostile bundle files: each refused with its documented exit status and a clear
message, and nothing written to the office's store or data folder (the temporary folder used to
unpack it is gone afterwards)."""

from __future__ import annotations

import json
import random
import stat
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assessor_app.app import main
from assessor_app.bundles import keys as bundle_keys
from assessor_app.bundles.signed_json import b64encode
from assessor_app.cli import exit_codes
from assessor_app.core.canonical import canonical_json
from assessor_app.services import assessments, bundle_import, keys
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repositories.exchange import ExchangeRepository
from tests.integration import test_import as shared
from tests.integration.test_import import (
    OFFICE_PASS,
    document_name,
    dump,
    enrol,
    export,
    listing,
    resign,
    rewrite_zip,
    rich_assessment,
    table_counts,
    unlock,
)
from tests.unit.bundles import overlapping_zip, respelled

# The stores and the USB stick of test_import.py.
office, team_ws, stick = shared.office, shared.team_ws, shared.stick

Builder = Callable[[Path, Path, Workspace], Path]


@pytest.fixture
def genuine(team_ws: Workspace, office: Workspace, stick: Path, tmp_path: Path) -> Path:
    enrol(office, team_ws, tmp_path / "cards")
    return export(team_ws, [rich_assessment(team_ws, tmp_path)], stick / "genuine.ldbundle")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], office: Workspace) -> Callable[..., tuple[int, str]]:
    def run(*args: str) -> tuple[int, str]:
        code = main(["--lang", "en", "--home", str(office.home.root), *args])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


@pytest.fixture
def untouched(
    office: Workspace,
    genuine: Path,
    cli: Callable[..., tuple[int, str]],
    tmp_path: Path,
) -> Iterator[None]:
    """Assert that the office's store and data folder, and the test's folder outside the USB
    stick, are exactly as before."""
    assert cli("verify", str(genuine))[0] == 0  # warms up the log folder
    before, files = dump(office), listing(office.home.root)
    outside = {p for p in listing(tmp_path) if not p.startswith(("USB", "office"))}
    yield
    assert dump(office) == before
    assert listing(office.home.root) == files
    assert not (office.home.root / "incoming").exists()
    assert {p for p in listing(tmp_path) if not p.startswith(("USB", "office"))} == outside


def _flip(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x01
    return bytes(changed)


def _members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [i.filename for i in archive.infolist() if not i.is_dir()]


TAMPERED_FILES = [
    ("bag-info.txt", 22),
    ("bagit.txt", 22),
    ("manifest-sha256.txt", 22),
    ("tagmanifest-sha256.txt", 22),
    ("signature.json", 23),
    ("data/bundle.json", 22),
    ("data/assessments/", 22),
    ("data/catalogues/", 22),
    ("data/evidence/", 22),
]


@pytest.mark.parametrize(("member", "exit_code"), TAMPERED_FILES)
def test_one_flipped_byte_in_any_file_is_refused(
    genuine: Path,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    untouched: None,
    member: str,
    exit_code: int,
) -> None:
    name = next(n for n in _members(genuine) if n.startswith(f"bundle/{member}"))

    def flip(entry: str, data: bytes) -> bytes:
        if entry != name:
            return data
        if entry.endswith("bag-info.txt"):  # inside the Bundle-Id, not the format version
            return _flip(data, data.index(b"Bundle-Id: ") + 15)
        return _flip(data, len(data) // 2)

    bad = rewrite_zip(genuine, tmp_path / "USB" / "flipped.ldbundle", flip)
    code, out = cli("verify", str(bad))
    assert code == exit_code, out
    assert len(out.strip().splitlines()) == 1
    assert "[BUNDLE_" in out


@pytest.mark.parametrize(
    ("extra", "exit_code"),
    [({"bundle/data/extra.txt": b"added later"}, 22), ({"bundle/notes.txt": b"added later"}, 22)],
)
def test_an_added_file_is_refused(
    genuine: Path,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    untouched: None,
    extra: dict[str, bytes],
    exit_code: int,
) -> None:
    bad = rewrite_zip(genuine, tmp_path / "USB" / "added.ldbundle", extra=extra)
    code, out = cli("verify", str(bad))
    assert code == exit_code, out
    assert "not in its manifest" in out


@pytest.mark.parametrize(
    ("member", "exit_code"),
    [
        ("data/bundle.json", 22),
        ("data/evidence/", 22),
        ("manifest-sha256.txt", 22),
        ("tagmanifest-sha256.txt", 22),
        ("signature.json", 23),
    ],
)
def test_a_removed_file_is_refused(
    genuine: Path,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    untouched: None,
    member: str,
    exit_code: int,
) -> None:
    name = next(n for n in _members(genuine) if n.startswith(f"bundle/{member}"))
    bad = rewrite_zip(
        genuine,
        tmp_path / "USB" / "removed.ldbundle",
        lambda entry, data: None if entry == name else data,
    )
    code, out = cli("verify", str(bad), "--json")
    assert code == exit_code, out
    report = json.loads(out)
    assert report["exit_code"] == exit_code
    assert report["ok"] is False
    assert report["message"]


def test_a_signature_replaced_by_another_key_is_refused(
    genuine: Path, tmp_path: Path, cli: Callable[..., tuple[int, str]], untouched: None
) -> None:
    other = bundle_keys.generate_key()
    public = bundle_keys.public_raw(other)
    with zipfile.ZipFile(genuine) as archive:
        tagmanifest = archive.read("bundle/tagmanifest-sha256.txt")
    signature = (
        canonical_json(
            {
                "alg": "Ed25519",
                "key_id": bundle_keys.fingerprint(public),
                "public_key": b64encode(public),
                "signed_file": "tagmanifest-sha256.txt",
                "signature": b64encode(bundle_keys.sign(other, tagmanifest)),
            }
        )
        + b"\n"  # the canonical form, so that only the key is wrong
    )
    bad = rewrite_zip(
        genuine,
        tmp_path / "USB" / "resigned.ldbundle",
        lambda entry, data: signature if entry.endswith("signature.json") else data,
    )
    code, out = cli("verify", str(bad))
    assert code == 23, out


SIGNATURE_SPELLINGS: dict[str, Callable[[dict[str, str]], bytes]] = {
    "spaces": lambda doc: json.dumps(doc, sort_keys=True).encode() + b"\n",
    "keys reordered": lambda doc: (
        json.dumps(dict(sorted(doc.items(), reverse=True)), separators=(",", ":")).encode() + b"\n"
    ),
    "signature in other base64": lambda doc: (
        canonical_json({**doc, "signature": respelled(doc["signature"])}) + b"\n"
    ),
}


@pytest.mark.parametrize("spelling", SIGNATURE_SPELLINGS.values(), ids=SIGNATURE_SPELLINGS.keys())
def test_a_signature_file_spelled_otherwise_is_refused(
    genuine: Path,
    office: Workspace,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    untouched: None,
    spelling: Callable[[dict[str, str]], bytes],
) -> None:
    # The genuine signature by an enrolled key, in another byte form: one bundle, one byte form.
    bad = rewrite_zip(
        genuine,
        tmp_path / "USB" / "respelled.ldbundle",
        lambda entry, data: (
            spelling(json.loads(data)) if entry.endswith("signature.json") else data
        ),
    )
    report = bundle_import.verify(office, bad)
    assert (report.ok, report.code, exit_codes.for_bundle_code(report.code)) == (
        False,
        "BUNDLE_BAD_SIGNATURE",
        23,
    )
    code, out = cli("verify", str(bad))
    assert code == 23, out
    assert "signature.json" in out


def test_a_bundle_rebuilt_and_signed_by_another_key_is_an_unknown_signer(
    genuine: Path, tmp_path: Path, cli: Callable[..., tuple[int, str]], untouched: None
) -> None:
    bad = resign(genuine, tmp_path / "USB" / "other.ldbundle", bundle_keys.generate_key())
    code, out = cli("verify", str(bad))
    assert code == 24, out
    assert "BUNDLE_UNKNOWN_SIGNER" in out


# --- hostile archives ---------------------------------------------------------------------------


def _zip(target: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we write
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return target


def _with(genuine: Path, target: Path, *extra: tuple[zipfile.ZipInfo | str, bytes]) -> Path:
    with zipfile.ZipFile(genuine) as archive:
        entries: list[tuple[zipfile.ZipInfo | str, bytes]] = [
            (i, b"" if i.is_dir() else archive.read(i)) for i in archive.infolist()
        ]
    return _zip(target, [*entries, *extra])


def _write(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("bundle/data/evidence/link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _payload(mutate: Callable[[dict[str, bytes]], None]) -> Builder:
    """A bundle whose payload was changed, validly signed by the team's own key."""

    def build(genuine: Path, target: Path, team: Workspace) -> Path:
        return resign(genuine, target, unlock(team), mutate)

    return build


def _document(change: Callable[[dict[str, object]], None]) -> Callable[[dict[str, bytes]], None]:
    def mutate(files: dict[str, bytes]) -> None:
        name = document_name(files)
        doc = json.loads(files[name])
        change(doc)
        files[name] = json.dumps(doc, ensure_ascii=False).encode("utf-8")

    return mutate


def _set(files: dict[str, bytes], name: str, data: bytes) -> None:
    files[name] = data


def _index(**changes: object) -> Callable[[dict[str, bytes]], None]:
    def mutate(files: dict[str, bytes]) -> None:
        index = json.loads(files["bundle.json"])
        index.update(changes)
        files["bundle.json"] = json.dumps(index).encode("utf-8")

    return mutate


def _forge_value(doc: dict[str, object]) -> None:
    versions = doc["versions"]
    assert isinstance(versions, list)
    rate = [v for v in versions if v["indicator"] == "TC2.1"][-1]
    rate["value"] = {"numerator": 30, "denominator": 50}  # a valid figure, but not the signed one


def _member(**changes: str) -> Callable[[dict[str, object]], None]:
    def change(doc: dict[str, object]) -> None:
        members = doc["members"]
        assert isinstance(members, list)
        assert members
        members[0].update(changes)

    return change


def _drop_evidence(files: dict[str, bytes]) -> None:
    for name in [n for n in files if n.startswith("evidence/")]:
        del files[name]


def _bad_value(doc: dict[str, object]) -> None:
    versions = doc["versions"]
    assert isinstance(versions, list)
    rate = next(v for v in versions if v["indicator"] == "TC2.1")
    rate["value"] = {"numerator": 60, "denominator": 50}


def _source(text: object) -> Callable[[dict[str, object]], None]:
    def change(doc: dict[str, object]) -> None:
        entry = {"indicator": "TC2.1", "text": text, "entered_by": "x", "entered_at": "2026"}
        doc["sources"] = [entry]

    return change


HOSTILE: list[tuple[str, Builder, int]] = [
    (
        "path traversal",
        lambda g, t, _w: _with(g, t, ("bundle/../../evil.txt", b"owned")),
        20,
    ),
    ("absolute path", lambda g, t, _w: _with(g, t, (f"/tmp/evil-{uuid.uuid4()}", b"owned")), 20),
    ("symbolic link", lambda g, t, _w: _with(g, t, (_symlink(), b"/etc/passwd")), 20),
    (
        "duplicate name",
        lambda g, t, _w: _with(g, t, ("bundle/bagit.txt", b"BagIt-Version: 1.0\n")),
        20,
    ),
    ("duplicate by case", lambda g, t, _w: _with(g, t, ("bundle/BAGIT.txt", b"x")), 20),
    ("zip bomb", lambda g, t, _w: _with(g, t, ("bundle/data/evidence/bomb", bytes(8 << 20))), 20),
    ("overlapping entries", lambda _g, t, _w: overlapping_zip(t, 16, 4 << 20), 20),
    (
        "overlapping entries, quoted",
        lambda _g, t, _w: overlapping_zip(t, 16, 4 << 20, quoted=True),
        20,
    ),
    ("truncated", lambda g, t, _w: _write(t, g.read_bytes()[: g.stat().st_size // 2]), 20),
    ("random bytes", lambda _g, t, _w: _write(t, random.Random(7).randbytes(4096)), 20),
    ("empty file", lambda _g, t, _w: _write(t, b""), 20),
    ("not a bag", lambda _g, t, _w: _zip(t, [("photos/a.jpg", b"\xff\xd8")]), 20),
    (
        "unknown format version",
        lambda g, t, _w: rewrite_zip(
            g,
            t,
            lambda n, d: (
                d.replace(b"Bundle-Format-Version: 1", b"Bundle-Format-Version: 2")
                if n.endswith("bag-info.txt")
                else d
            ),
        ),
        21,
    ),
    (
        "malformed JSON payload, validly signed",
        _payload(lambda f: _set(f, document_name(f), b'{"format": "assessor-assessment",')),
        20,
    ),
    (
        "wrong encoding, validly signed",
        _payload(lambda f: _set(f, "bundle.json", f["bundle.json"].decode().encode("utf-16"))),
        20,
    ),
    ("unknown payload version, validly signed", _payload(_index(version=2)), 21),
    (
        "unknown document version, validly signed",
        _payload(_document(lambda d: d.update(version=9))),
        21,
    ),
    ("forged value history, validly signed", _payload(_document(_forge_value)), 20),
    ("value the catalogue refuses, validly signed", _payload(_document(_bad_value)), 20),
    ("evidence file missing, validly signed", _payload(_drop_evidence), 20),
    (
        "unknown catalogue, validly signed",
        _payload(_document(lambda d: d.update(catalogue_hash="ab" * 32))),
        20,
    ),
    ("an index naming no assessment, validly signed", _payload(_index(assessments=[])), 20),
    # The store refuses other values (CHECK constraints): the bundle is refused before that.
    ("unknown member role, validly signed", _payload(_document(_member(role="chief"))), 20),
    ("unknown member agency, validly signed", _payload(_document(_member(agency="army"))), 20),
    (
        "data source with a control character, validly signed",
        _payload(_document(_source("Sổ khai sinh\x1b[2J"))),
        20,
    ),
    ("data source too long, validly signed", _payload(_document(_source("x" * 501))), 20),
    ("data source not a text, validly signed", _payload(_document(_source(7))), 20),
]


@pytest.mark.parametrize(
    ("build", "exit_code"), [(b, c) for _n, b, c in HOSTILE], ids=[n for n, _b, _c in HOSTILE]
)
def test_hostile_archives_are_refused_and_leave_no_trace(
    genuine: Path,
    team_ws: Workspace,
    office: Workspace,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    untouched: None,
    build: Builder,
    exit_code: int,
) -> None:
    bad = build(genuine, tmp_path / "USB" / "hostile.ldbundle", team_ws)
    report = bundle_import.verify(office, bad)
    assert not report.ok
    assert exit_codes.for_bundle_code(report.code) == exit_code
    assert report.code in ("BUNDLE_CORRUPT", "BUNDLE_FORMAT_VERSION")
    assert report.english()
    code, out = cli("verify", str(bad))
    assert code == exit_code, out
    assert f"[{report.code}]" in out
    assert not (tmp_path / "evil.txt").exists()
    assert not (tmp_path.parent / "evil.txt").exists()


@pytest.mark.parametrize("quoted", [False, True], ids=["shared-stream", "quoted"])
def test_overlapping_entries_are_refused_before_anything_is_unpacked(
    office: Workspace,
    tmp_path: Path,
    cli: Callable[..., tuple[int, str]],
    untouched: None,
    quoted: bool,
) -> None:
    # A 30 kB file whose 16 entries share one compressed stream: 64 MiB unpacked, every declared
    # size and ratio plausible. Refused from the archive's layout, before writing anything.
    bomb = overlapping_zip(tmp_path / "USB" / "bomb.ldbundle", 16, 4 << 20, quoted=quoted)
    incoming = office.home.root / "incoming"
    unpacked: list[int] = []

    def progress(_done: int, _total: int) -> None:
        unpacked.append(sum(p.stat().st_size for p in incoming.rglob("*") if p.is_file()))

    report = bundle_import.verify(office, bomb, progress=progress)
    assert max(unpacked, default=0) == 0
    assert (report.ok, report.code, exit_codes.for_bundle_code(report.code)) == (
        False,
        "BUNDLE_CORRUPT",
        20,
    )
    assert "overlap" in report.english()
    code, out = cli("verify", str(bomb))
    assert code == 20, out
    assert "[BUNDLE_CORRUPT]" in out


@pytest.mark.parametrize(
    ("build", "exit_code"), [(b, c) for _n, b, c in HOSTILE], ids=[n for n, _b, _c in HOSTILE]
)
def test_importing_a_hostile_archive_rejects_it(
    genuine: Path,
    team_ws: Workspace,
    office: Workspace,
    tmp_path: Path,
    build: Builder,
    exit_code: int,
) -> None:
    bad = build(genuine, tmp_path / "USB" / "hostile.ldbundle", team_ws)
    counts, files = table_counts(office), listing(office.home.root)
    result = bundle_import.apply(office, bad, OFFICE_PASS)
    assert result.outcome == "rejected"
    assert result.reasons[0].code in ("BUNDLE_CORRUPT", "BUNDLE_FORMAT_VERSION")
    assert result.quarantine_id is None
    changed = {t for t, n in table_counts(office).items() if n != counts[t]}
    signed = result.plan.report.info is not None  # authentic, only its content is unusable
    assert changed == ({"seen_bundles"} if signed else set())
    assert not (office.home.root / "incoming").exists()
    new_files = listing(office.home.root) - files
    assert all(p.startswith("receipts") for p in new_files)  # the "rejected" receipt only
    assert result.receipt_path is not None
    receipt = json.loads(result.receipt_path.read_text(encoding="utf-8"))
    assert receipt["outcome"] == "rejected"
    assert receipt["reasons"] == [result.reasons[0].code]
    if signed:
        with office.database.reading() as session:
            seen = ExchangeRepository(session).seen_bundle(result.bundle_id)
            assert seen is not None
            assert seen.outcome == "rejected"
        assert bundle_import.apply(office, bad, OFFICE_PASS).already


def test_a_tampered_bundle_gets_a_rejected_receipt_naming_it(
    genuine: Path, office: Workspace, tmp_path: Path
) -> None:
    bad = rewrite_zip(
        genuine,
        tmp_path / "USB" / "bad.ldbundle",
        lambda n, d: _flip(d, len(d) // 2) if n == "bundle/data/bundle.json" else d,
    )
    before = dump(office)
    result = bundle_import.apply(office, bad, OFFICE_PASS)
    assert (result.outcome, result.reasons[0].code) == ("rejected", "BUNDLE_TAMPERED")
    assert dump(office) == before  # the claimed id is not trusted: no seen_bundles row
    assert result.receipt_path is not None
    receipt = json.loads(result.receipt_path.read_text(encoding="utf-8"))
    with zipfile.ZipFile(genuine) as archive:
        claimed = archive.read("bundle/bag-info.txt").decode()
    assert f"Bundle-Id: {receipt['bundle_id']}" in claimed
    # The genuine file still imports afterwards.
    assert bundle_import.apply(office, genuine, OFFICE_PASS).outcome == "accepted"


def test_a_commune_of_an_unknown_unit_list_is_held(
    genuine: Path, team_ws: Workspace, office: Workspace, tmp_path: Path
) -> None:
    odd = resign(
        genuine,
        tmp_path / "USB" / "odd.ldbundle",
        unlock(team_ws),
        _document(lambda d: d.update(unit_list="LS-2031-01")),
    )
    result = bundle_import.apply(office, odd, OFFICE_PASS)
    assert result.outcome == "quarantined"
    assert [r.code for r in result.reasons] == ["IMPORT_UNKNOWN_UNIT"]
    assert assessments.list_assessments(office) == []
    assert keys.key_info(office) is not None
