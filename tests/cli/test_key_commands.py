"""`keys …`, `export …` and `receipt import` end to end, with good and bad input."""

from __future__ import annotations

import getpass
import io
import sys
from pathlib import Path

import pytest

from assessor_app.bundles.bundle_file import open_bundle
from assessor_app.domain.text import fold
from assessor_app.services import keys, receipts
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner

PASS = "mật khẩu đủ dài"
OFFICE_PASS = "văn phòng thẩm định"


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", PASS)
    monkeypatch.delenv("ASSESSOR_NEW_PASSPHRASE", raising=False)


def _one_line_error(result: object, code: str) -> None:
    err = result.err  # type: ignore[attr-defined]
    assert err.count("\n") == 1, err
    assert err.startswith("assessor-app: ")
    assert f"[{code}]" in err
    assert "Traceback" not in err


def _init(cli: Runner, *home: str) -> None:
    result = cli("keys", "init", "--name", "Hoàng Thị Lan", "--agency", "Sở Tư pháp", *home)
    assert result.code == 0, result.err


def _finalised(cli: Runner) -> str:
    created = cli("assessment", "new", "--commune", "06400", "--year", "2026")
    assert created.code == 0, created.err
    assessment_id = created.out.strip()
    assert cli("assessment", "set", assessment_id, "TC2.1", "49/50").code == 0
    assert cli("assessment", "finalize", assessment_id).code == 0
    return assessment_id


def test_keys_init_show_card_and_list(cli: Runner, tmp_path: Path) -> None:
    result = cli("keys", "init", "--name", "Hoàng Thị Lan", "--agency", "Sở Tư pháp")
    assert result.code == 0, result.err
    assert "Fingerprint:" in result.out
    shown = cli("keys", "show", "--json").json()
    assert shown["owner"] == "Hoàng Thị Lan"
    assert shown["agency"] == "Sở Tư pháp"
    assert len(shown["fingerprint"]) == 64
    assert len(shown["words"]) == 8  # Vietnamese, for reading aloud
    assert len(shown["digits"]) == 6
    assert shown["rotations"] == 0
    assert shown["device_id"]
    assert shown["fingerprint_formatted"] in result.out
    text = cli("keys", "show")
    assert text.code == 0
    assert " · ".join(shown["words"][:4]) in text.out
    assert " ".join(shown["digits"][:3]) in text.out
    card = tmp_path / "card.json"
    written = cli("keys", "card", "--out", str(card))
    assert written.code == 0, written.err
    assert card.is_file()
    assert (tmp_path / "card.json.png").is_file()
    listed = cli("keys", "list", "--json").json()
    assert [(k["fingerprint"], k["via"]) for k in listed] == [(shown["fingerprint"], "own")]
    assert cli("keys", "list").code == 0
    again = cli("keys", "init", "--name", "Lan", "--agency", "Sở Tư pháp")
    assert again.code == 5
    _one_line_error(again, "KEY_EXISTS")


def test_without_a_key(cli: Runner, tmp_path: Path) -> None:
    shown = cli("keys", "show")
    assert shown.code == 5
    _one_line_error(shown, "KEY_NONE")
    assert "keys init" in shown.err
    card = cli("keys", "card", "--out", str(tmp_path / "card.json"))
    assert card.code == 5
    _one_line_error(card, "KEY_NONE")


def test_passphrase_is_required_without_a_terminal(
    cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASSESSOR_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    result = cli("keys", "init", "--name", "Lan", "--agency", "Sở Tư pháp")
    assert result.code == 3
    _one_line_error(result, "PASSPHRASE_REQUIRED")
    assert "ASSESSOR_PASSPHRASE" in result.err


def test_passphrase_typed_on_the_terminal(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSESSOR_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    typed = iter([PASS, "something else entirely"])
    monkeypatch.setattr(getpass, "getpass", lambda _prompt="": next(typed))
    mismatch = cli("keys", "init", "--name", "Lan", "--agency", "Sở Tư pháp")
    assert mismatch.code == 3
    _one_line_error(mismatch, "PASSPHRASE_MISMATCH")
    typed = iter([PASS, PASS])
    assert cli("keys", "init", "--name", "Lan", "--agency", "Sở Tư pháp").code == 0


def test_weak_passphrase(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", "ngắn")
    result = cli("keys", "init", "--name", "Lan", "--agency", "Sở Tư pháp")
    assert result.code == 3
    _one_line_error(result, "KEY_WEAK_PASSPHRASE")


def test_enrol_and_revoke(cli: Runner, tmp_path: Path) -> None:
    _init(cli)
    card = tmp_path / "card.json"
    assert cli("keys", "card", "--out", str(card)).code == 0
    fingerprint = cli("keys", "show", "--json").json()["fingerprint"]
    office = str(tmp_path / "office")
    wrong = fingerprint[:-1] + ("0" if fingerprint[-1] != "0" else "1")
    refused = cli(
        "keys", "enrol", str(card), "--fingerprint", wrong, "--role", "team", "--home", office
    )
    assert refused.code == 3
    _one_line_error(refused, "KEY_FINGERPRINT_MISMATCH")
    assert cli("keys", "list", "--json", "--home", office).json() == []
    spaced = " ".join(fingerprint[i : i + 4] for i in range(0, 64, 4)).upper()
    as_office = cli(
        "keys", "enrol", str(card), "--fingerprint", spaced, "--role", "office", "--home", office
    )
    assert as_office.code == 3  # the card declares a team's key
    _one_line_error(as_office, "KEY_ROLE_MISMATCH")
    no_role = cli("keys", "enrol", str(card), "--fingerprint", spaced, "--home", office)
    assert no_role.code == 2  # the role must be chosen
    enrolled = cli(
        "keys", "enrol", str(card), "--fingerprint", spaced, "--role", "team", "--home", office
    )
    assert enrolled.code == 0, enrolled.err
    assert "Hoàng Thị Lan" in enrolled.out
    assert cli("keys", "list", "--json", "--home", office).json()[0]["role"] == "team"
    missing = cli(
        "keys", "enrol", str(tmp_path / "nope.json"), "--fingerprint", fingerprint, "--role", "team"
    )
    assert missing.code == 3
    _one_line_error(missing, "CARD_UNREADABLE")
    revoked = cli(
        "keys", "revoke", fingerprint, "--above-seq", "3", "--reason", "Mất máy", "--home", office
    )
    assert revoked.code == 0, revoked.err
    listed = cli("keys", "list", "--json", "--home", office).json()
    assert listed[0]["revoked_above_seq"] == 3
    assert listed[0]["revoked_reason"] == "Mất máy"
    assert listed[0]["via"] == "card"
    unknown = cli("keys", "revoke", "ab" * 32, "--above-seq", "0", "--home", office)
    assert unknown.code == 4
    _one_line_error(unknown, "KEY_NOT_ENROLLED")
    bad = cli("keys", "revoke", "xyz", "--above-seq", "0", "--home", office)
    assert bad.code == 3
    _one_line_error(bad, "KEY_FINGERPRINT_INVALID")


def test_export_and_its_errors(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _init(cli)
    assessment_id = _finalised(cli)
    out = tmp_path / "hồ sơ.ldbundle"
    result = cli("export", assessment_id, "--out", str(out), "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["sequence"] == 1
    assert data["path"] == str(out)
    assert data["contains_drafts"] is False
    assert out.is_file()
    second = cli("export", assessment_id, "--out", str(tmp_path / "2.ldbundle"))
    assert second.code == 0, second.err
    assert "2" in second.out
    exists = cli("export", assessment_id, "--out", str(out))
    assert exists.code == 3
    _one_line_error(exists, "EXPORT_TARGET_EXISTS")
    unknown = cli("export", "999", "--out", str(tmp_path / "x.ldbundle"))
    assert unknown.code == 4
    _one_line_error(unknown, "ASSESSMENT_NOT_FOUND")
    draft = cli("assessment", "new", "--commune", "06400", "--year", "2026").out.strip()
    refused = cli("export", draft, "--out", str(tmp_path / "d.ldbundle"))
    assert refused.code == 5
    _one_line_error(refused, "EXPORT_DRAFT")
    drafts = cli("export", draft, "--out", str(tmp_path / "d.ldbundle"), "--drafts", "--json")
    assert drafts.code == 0, drafts.err
    assert drafts.json()["contains_drafts"] is True
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", "sai mật khẩu rồi")
    wrong = cli("export", assessment_id, "--out", str(tmp_path / "w.ldbundle"))
    assert wrong.code == 3
    _one_line_error(wrong, "KEY_BAD_PASSPHRASE")
    assert not (tmp_path / "w.ldbundle").exists()
    usage = cli("export", "--out", str(tmp_path / "x.ldbundle"))
    assert usage.code == 2


def test_export_to_a_missing_folder(cli: Runner, tmp_path: Path) -> None:
    _init(cli)
    assessment_id = _finalised(cli)
    result = cli("export", assessment_id, "--out", str(tmp_path / "no-stick" / "x.ldbundle"))
    assert result.code == 6
    _one_line_error(result, "EXPORT_WRITE_FAILED")
    assert str(tmp_path / "no-stick") in result.err


def test_rotate(cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _init(cli)
    before = cli("keys", "show", "--json").json()
    monkeypatch.setenv("ASSESSOR_NEW_PASSPHRASE", "mật khẩu mới tinh")
    rotated = cli("keys", "rotate")
    assert rotated.code == 0, rotated.err
    after = cli("keys", "show", "--json").json()
    assert after["fingerprint"] != before["fingerprint"]
    assert after["rotations"] == 1
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", "mật khẩu mới tinh")
    assessment_id = _finalised(cli)
    assert cli("export", assessment_id, "--out", str(tmp_path / "x.ldbundle")).code == 0
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", "wrong passphrase")
    wrong = cli("keys", "rotate")
    assert wrong.code == 3
    _one_line_error(wrong, "KEY_BAD_PASSPHRASE")


def test_receipt_import(cli: Runner, tmp_path: Path) -> None:
    _init(cli)
    assessment_id = _finalised(cli)
    bundle = tmp_path / "x.ldbundle"
    assert cli("export", assessment_id, "--out", str(bundle)).code == 0
    office_home = tmp_path / "office"
    office = open_workspace(office_home, actor="Lý Thị Duyệt")
    try:
        keys.init_key(office, "Lý Thị Duyệt", "Sở Văn hóa", OFFICE_PASS, role="office")
        keys.write_card(office, tmp_path / "office-card.json")
        info = keys.key_info(office)
        assert info is not None
        sent = cli("export", assessment_id, "--out", str(tmp_path / "y.ldbundle"), "--json")
        bundle_id = sent.json()["bundle_id"]
        workdir = tmp_path / "open"
        workdir.mkdir()
        opened = open_bundle(tmp_path / "y.ldbundle", workdir)
        assert opened.info.bundle_id == bundle_id
        receipt = receipts.write_receipt(
            office, keys.unlock(office, OFFICE_PASS), opened, "accepted", []
        )
    finally:
        office.close()
    untrusted = cli("receipt", "import", str(receipt))
    assert untrusted.code == 3
    _one_line_error(untrusted, "RECEIPT_UNTRUSTED")
    assert (
        cli(
            "keys",
            "enrol",
            str(tmp_path / "office-card.json"),
            "--fingerprint",
            info.fingerprint,
            "--role",
            "office",
        ).code
        == 0
    )
    imported = cli("receipt", "import", str(receipt), "--json")
    assert imported.code == 0, imported.err
    data = imported.json()
    assert (data["bundle_id"], data["outcome"], data["changed"]) == (bundle_id, "accepted", True)
    again = cli("receipt", "import", str(receipt))
    assert again.code == 0
    assert "already" in again.out
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    bad = cli("receipt", "import", str(garbage))
    assert bad.code == 3
    _one_line_error(bad, "RECEIPT_INVALID")


def test_enrol_by_the_words_typed_without_accents(cli: Runner, tmp_path: Path) -> None:
    _init(cli)
    card = tmp_path / "card.json"
    assert cli("keys", "card", "--out", str(card)).code == 0
    words = cli("keys", "show", "--json").json()["words"]
    office = str(tmp_path / "office")
    typed = fold(" ".join(words))
    enrolled = cli(
        "keys", "enrol", str(card), "--fingerprint", typed, "--role", "team", "--home", office
    )
    assert enrolled.code == 0, enrolled.err
    assert len(cli("keys", "list", "--json", "--home", office).json()) == 1
