"""This installation's signing key, key cards, the trust store, rotation, revocation and replays."""

from __future__ import annotations

import base64
import json
import stat
import struct
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from cryptography.hazmat.primitives import serialization

from assessor_app.bundles import cards, keys as bundle_keys
from assessor_app.bundles.bundle_file import OpenedBundle, open_bundle
from assessor_app.bundles.errors import BundleError
from assessor_app.domain.errors import InputError, NotFoundError, StateError
from assessor_app.domain.text import fold
from assessor_app.services import assessments, bundle_export, keys, reference_data, trust
from assessor_app.services.exchange_store import exchange
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.store_template import with_reference_data

PASS = "mật khẩu đủ dài"
OFFICE_PASS = "văn phòng thẩm định"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Workspace]:
    with_reference_data(tmp_path / "office")
    ws = open_workspace(tmp_path / "office", actor="Lý Thị Duyệt")
    reference_data.ensure_initialised(ws)
    yield ws
    ws.close()


def _team_key(workspace: Workspace) -> keys.KeyInfo:
    return keys.init_key(workspace, "Hoàng Thị Lan", "Sở Tư pháp Lạng Sơn", PASS)


def _finalised(workspace: Workspace) -> int:
    created = assessments.create(workspace, "06400", 2026)
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    assessments.finalize(workspace, created.id)
    return created.id


def _export(workspace: Workspace, out: Path, passphrase: str = PASS) -> Path:
    assessment_id = _finalised(workspace)
    return bundle_export.export(workspace, [assessment_id], out, passphrase).path


def _open(path: Path, tmp_path: Path) -> OpenedBundle:
    workdir = tmp_path / f"open-{path.stem}"
    workdir.mkdir()
    return open_bundle(path, workdir)


def _enrol_team_card(team: Workspace, office: Workspace, tmp_path: Path) -> trust.TrustedKey:
    card = tmp_path / "team-card.json"
    keys.write_card(team, card)
    info = keys.key_info(team)
    assert info is not None
    return trust.enrol_card(office, card, info.formatted.upper())


# --- this installation's key


def test_init_writes_an_encrypted_owner_only_key(workspace: Workspace) -> None:
    info = _team_key(workspace)
    path = keys.key_path(workspace)
    assert info.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pem = path.read_bytes()
    assert json.loads(pem)["kdf"]["name"] == "scrypt"  # test_key_file_upgrade.py has the rest
    key = keys.unlock(workspace, PASS)
    raw = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    assert raw not in pem
    assert base64.b64encode(raw) not in pem
    unencrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    assert unencrypted.splitlines()[1] not in pem
    with pytest.raises(BundleError) as caught:
        keys.unlock(workspace, "not the passphrase")
    assert caught.value.code == "KEY_BAD_PASSPHRASE"


def test_init_records_the_public_half_and_trusts_itself(workspace: Workspace) -> None:
    nfd_name = unicodedata.normalize("NFD", "Hoàng Thị Lan")
    info = keys.init_key(workspace, f"  {nfd_name} ", "Sở Tư pháp", PASS)
    assert info.owner == "Hoàng Thị Lan"
    assert len(info.fingerprint) == 64
    assert info.formatted.replace(" ", "") == info.fingerprint
    assert len(info.formatted.split()) == 16
    assert len(info.words) == 8
    assert len(info.digits) == 6
    assert keys.key_info(workspace) == info
    own = trust.list_keys(workspace)
    assert [(k.fingerprint, k.via) for k in own] == [(info.fingerprint, "own")]
    with workspace.database.reading() as session:
        actions = [e.action for e in Repository(session).audit_entries(STORE_CHAIN)]
    assert "key_init" in actions


def test_a_second_key_is_refused(workspace: Workspace) -> None:
    _team_key(workspace)
    with pytest.raises(StateError) as caught:
        _team_key(workspace)
    assert caught.value.code == "KEY_EXISTS"


def test_no_key_and_weak_passphrase(workspace: Workspace) -> None:
    assert keys.key_info(workspace) is None
    with pytest.raises(StateError) as caught:
        keys.unlock(workspace, PASS)
    assert caught.value.code == "KEY_NONE"
    assert "keys init" in caught.value.english()
    with pytest.raises(InputError) as weak:
        keys.init_key(workspace, "Lan", "Sở Tư pháp", "short")
    assert weak.value.code == "KEY_WEAK_PASSPHRASE"
    with pytest.raises(InputError) as nameless:
        keys.init_key(workspace, " ", "Sở Tư pháp", PASS)
    assert nameless.value.code == "KEY_OWNER_REQUIRED"
    assert not keys.key_path(workspace).exists()


def test_device_id_is_made_once(workspace: Workspace) -> None:
    first = keys.device_id(workspace)
    assert keys.device_id(workspace) == first
    assert len(first) == 36


# --- key cards


def _png_grey(data: bytes) -> tuple[bytes, int, int]:
    """A tiny PNG reader (non-interlaced, grey or palette, bit depth up to 8) for the QR check."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, idat = 8, {}, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        position += 12 + length
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert interlace == 0
    assert colour in (0, 3)
    assert depth <= 8
    raw = zlib.decompress(idat)
    stride = (width * depth + 7) // 8
    rows: list[bytes] = []
    previous, offset = bytearray(stride), 0
    for _ in range(height):
        filter_type, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for index in range(stride):
            left = line[index - 1] if index else 0
            up = previous[index]
            corner = previous[index - 1] if index else 0
            if filter_type == 1:
                line[index] = (line[index] + left) & 0xFF
            elif filter_type == 2:
                line[index] = (line[index] + up) & 0xFF
            elif filter_type == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[index] = (line[index] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    palette = chunks.get(b"PLTE")
    grey = bytearray()
    for row in rows:
        for x in range(width):
            bit = x * depth
            value = (row[bit // 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1)
            if palette is not None:
                grey.append(palette[3 * value])
            else:
                grey.append(value * 255 // ((1 << depth) - 1))
    return bytes(grey), width, height


def test_card_round_trip_and_qr_code(workspace: Workspace, tmp_path: Path) -> None:
    info = _team_key(workspace)
    written = keys.write_card(workspace, tmp_path / "thẻ khoá.json")
    assert written.qr == tmp_path / "thẻ khoá.json.png"
    card = cards.read_card(written.card.read_bytes())
    assert card.fingerprint == info.fingerprint
    assert (card.owner, card.agency) == ("Hoàng Thị Lan", "Sở Tư pháp Lạng Sơn")
    assert list(card.words) == bundle_keys.fingerprint_words(info.fingerprint)  # format unchanged
    grey, width, height = _png_grey(written.qr.read_bytes())
    decoded = zxingcpp.read_barcode(memoryview(grey).cast("B", (height, width)))
    assert decoded is not None
    content = json.loads(decoded.text)
    assert content["fingerprint"] == info.fingerprint
    assert "signature" not in content


def test_card_without_a_key(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(StateError) as caught:
        keys.write_card(workspace, tmp_path / "card.json")
    assert caught.value.code == "KEY_NONE"


# --- enrolment


def test_enrol_with_the_right_fingerprint(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    info = _team_key(workspace)
    enrolled = _enrol_team_card(workspace, office, tmp_path)
    assert enrolled.fingerprint == info.fingerprint
    assert (enrolled.owner, enrolled.via, enrolled.enrolled_by) == (
        "Hoàng Thị Lan",
        "card",
        office.actor,
    )
    again = _enrol_team_card(workspace, office, tmp_path)  # harmless
    assert again.fingerprint == info.fingerprint
    assert [k.fingerprint for k in trust.list_keys(office)] == [info.fingerprint]
    with office.database.reading() as session:
        actions = [e.action for e in Repository(session).audit_entries(STORE_CHAIN)]
    assert actions.count("key_enrol") == 1


def test_enrol_with_a_wrong_fingerprint_is_refused(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    info = _team_key(workspace)
    card = tmp_path / "card.json"
    keys.write_card(workspace, card)
    wrong = info.fingerprint[:-1] + ("0" if info.fingerprint[-1] != "0" else "1")
    with pytest.raises(InputError) as caught:
        trust.enrol_card(office, card, wrong)
    assert caught.value.code == "KEY_FINGERPRINT_MISMATCH"
    with pytest.raises(InputError) as garbage:
        trust.enrol_card(office, card, "not a fingerprint")
    assert garbage.value.code == "KEY_FINGERPRINT_INVALID"
    assert trust.list_keys(office) == []


@pytest.mark.parametrize("reading", ["digits", "words", "folded words", "english words", "hex"])
def test_enrol_by_what_the_owner_reads_aloud(
    workspace: Workspace, office: Workspace, tmp_path: Path, reading: str
) -> None:
    """Digits, Vietnamese words with or without accents, and (still accepted, no longer shown) the
    six English words of older versions."""
    info = _team_key(workspace)
    card = tmp_path / "card.json"
    keys.write_card(workspace, card)
    typed = {
        "digits": "-".join(info.digits),
        "words": unicodedata.normalize("NFD", " ".join(info.words)),
        "folded words": fold(" ".join(info.words)).upper(),
        "english words": " ".join(bundle_keys.fingerprint_words(info.fingerprint)),
        "hex": info.formatted,
    }[reading]
    enrolled = trust.enrol_card(office, card, typed, "team")
    assert enrolled.fingerprint == info.fingerprint


@pytest.mark.parametrize("reading", ["digits", "words", "english words"])
def test_enrol_by_a_wrong_reading_is_refused(
    workspace: Workspace, office: Workspace, tmp_path: Path, reading: str
) -> None:
    info = _team_key(workspace)
    card = tmp_path / "card.json"
    keys.write_card(workspace, card)
    typed = {
        "digits": " ".join(reversed(info.digits)),
        "words": " ".join(reversed(info.words)),
        "english words": " ".join(reversed(bundle_keys.fingerprint_words(info.fingerprint))),
    }[reading]
    if typed.split() == list(reversed(typed.split())):  # a palindrome reading: make it wrong
        typed = typed.replace(typed.split()[0], "00000" if reading == "digits" else "mèo", 1)
    with pytest.raises(InputError) as caught:
        trust.enrol_card(office, card, typed, "team")
    assert caught.value.code == "KEY_FINGERPRINT_MISMATCH"
    shown = str(caught.value.params)
    assert info.fingerprint not in shown
    assert info.digits[0] not in shown.replace(typed, "")
    assert trust.list_keys(office) == []


def test_an_altered_card_is_refused(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    info = _team_key(workspace)
    card = tmp_path / "card.json"
    keys.write_card(workspace, card)
    document = json.loads(card.read_text(encoding="utf-8"))
    document["owner"] = "Kẻ Mạo Danh"
    card.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        trust.enrol_card(office, card, info.fingerprint)
    assert caught.value.code == "KEY_CARD_INVALID"
    with pytest.raises(InputError) as missing:
        trust.enrol_card(office, tmp_path / "nowhere.json", info.fingerprint)
    assert missing.value.code == "CARD_UNREADABLE"


# --- bundles: own, revoked, rotated, replayed


def test_own_bundles_verify_locally(workspace: Workspace, tmp_path: Path) -> None:
    _team_key(workspace)
    opened = _open(_export(workspace, tmp_path / "b1.ldbundle"), tmp_path)
    verdict = trust.check_signer(workspace, opened)
    assert verdict.trusted
    assert verdict.code is None
    assert not verdict.already_seen


def test_unknown_signer(workspace: Workspace, office: Workspace, tmp_path: Path) -> None:
    _team_key(workspace)
    opened = _open(_export(workspace, tmp_path / "b1.ldbundle"), tmp_path)
    verdict = trust.check_signer(office, opened)
    assert not verdict.trusted
    assert verdict.code == "BUNDLE_UNKNOWN_SIGNER"
    assert verdict.error().code == "BUNDLE_UNKNOWN_SIGNER"


def test_revocation_by_sequence(workspace: Workspace, office: Workspace, tmp_path: Path) -> None:
    info = _team_key(workspace)
    _enrol_team_card(workspace, office, tmp_path)
    first = _open(_export(workspace, tmp_path / "b1.ldbundle"), tmp_path)
    second = _open(_export(workspace, tmp_path / "b2.ldbundle"), tmp_path)
    with pytest.raises(NotFoundError) as unknown:
        trust.revoke(office, "ab" * 32, 1)
    assert unknown.value.code == "KEY_NOT_ENROLLED"
    with pytest.raises(InputError):
        trust.revoke(office, info.fingerprint, -1)
    revoked = trust.revoke(office, info.formatted, 1, reason="Máy tính bị mất")
    assert revoked.revoked_above_seq == 1
    assert revoked.revoked_reason == "Máy tính bị mất"
    # At or below the threshold but never received before the revocation: a person decides.
    assert trust.check_signer(office, first).code == "BUNDLE_REVOKED_UNSEEN"
    verdict = trust.check_signer(office, second)
    assert verdict.code == "BUNDLE_REVOKED_SIGNER"
    assert verdict.params["sequence"] == 2
    listed = trust.list_keys(office)
    assert listed[0].revoked
    with office.database.reading() as session:
        actions = [e.action for e in Repository(session).audit_entries(STORE_CHAIN)]
    assert "key_revoke" in actions


def test_rotation_is_followed_by_an_office_trusting_the_old_key(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    old = _team_key(workspace)
    _enrol_team_card(workspace, office, tmp_path)
    before = _open(_export(workspace, tmp_path / "b1.ldbundle"), tmp_path)
    assert not before.rotation
    new = keys.rotate(workspace, PASS, "mật khẩu mới tinh")
    assert new.fingerprint != old.fingerprint
    assert new.rotations == 1
    assert keys.retired_path(workspace, old.fingerprint).is_file()
    assert (keys.keys_dir(workspace) / keys.ROTATIONS_FILE).is_file()
    with pytest.raises(BundleError):
        keys.unlock(workspace, PASS)  # the new key has the new passphrase
    opened = _open(_export(workspace, tmp_path / "b2.ldbundle", "mật khẩu mới tinh"), tmp_path)
    assert opened.key_fingerprint == new.fingerprint
    assert opened.rotation
    verdict = trust.check_signer(office, opened)
    assert verdict.trusted, verdict.params
    assert verdict.enrolled_by_rotation == [new.fingerprint]
    by_fp = {k.fingerprint: k for k in trust.list_keys(office)}
    assert by_fp[new.fingerprint].via == "rotation"
    assert by_fp[new.fingerprint].owner == "Hoàng Thị Lan"
    assert by_fp[old.fingerprint].replaced_by == new.fingerprint
    # the team's own store trusts its new key too
    assert trust.check_signer(workspace, opened).trusted


def test_rotation_from_a_key_not_enrolled_is_not_followed(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    old = _team_key(workspace)
    keys.rotate(workspace, PASS, "mật khẩu mới tinh")
    with workspace.database.reading() as session:
        statement = keys.rotations_in(Repository(session))[0]
    assert statement["old_fingerprint"] == old.fingerprint
    opened = _open(_export(workspace, tmp_path / "b1.ldbundle", "mật khẩu mới tinh"), tmp_path)
    verdict = trust.check_signer(office, opened)
    assert verdict.code == "BUNDLE_UNKNOWN_SIGNER"
    assert trust.list_keys(office) == []


def test_a_forged_rotation_statement_is_not_followed(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    old = _team_key(workspace)
    _enrol_team_card(workspace, office, tmp_path)
    keys.rotate(workspace, PASS, "mật khẩu mới tinh")
    opened = _open(_export(workspace, tmp_path / "b1.ldbundle", "mật khẩu mới tinh"), tmp_path)
    forged = [dict(statement, owner="Kẻ Mạo Danh") for statement in opened.rotation or []]
    verdict = trust.check_signer(office, replace(opened, rotation=forged))
    assert not verdict.trusted
    assert verdict.code == "BUNDLE_UNKNOWN_SIGNER"
    assert [k.fingerprint for k in trust.list_keys(office)] == [old.fingerprint]
    trust.revoke(office, old.fingerprint, 0)
    revoked = trust.check_signer(office, opened)
    assert not revoked.trusted
    assert len(trust.list_keys(office)) == 1


def test_seen_forked_and_replayed_bundles(
    workspace: Workspace, office: Workspace, tmp_path: Path
) -> None:
    _team_key(workspace)
    _enrol_team_card(workspace, office, tmp_path)
    first = _open(_export(workspace, tmp_path / "b1.ldbundle"), tmp_path)
    second = _open(_export(workspace, tmp_path / "b2.ldbundle"), tmp_path)
    assert (first.info.sequence, second.info.sequence) == (1, 2)
    with office.database.transaction() as session:
        trust.record_seen(exchange(office, Repository(session)), second, trust.ACCEPTED, None)
    again = trust.check_signer(office, second)
    assert again.trusted
    assert again.already_seen
    assert again.seen_outcome == "accepted"
    older = trust.check_signer(office, first)
    assert older.code == "BUNDLE_REPLAYED"
    assert older.params["highest"] == 2
    fork = replace(
        second, info=replace(second.info, bundle_id="0" * 8 + "-0000-4000-8000-" + "0" * 12)
    )
    assert trust.check_signer(office, fork).code == "BUNDLE_REPLAYED"
    altered = replace(second, manifest_hash="f" * 64)
    assert trust.check_signer(office, altered).code == "BUNDLE_REPLAYED"
    listed = trust.list_keys(office)
    assert listed[0].last_sequences == {second.info.device_id: 2}
