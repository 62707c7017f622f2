"""End to end with two stores (issue 15): the province publishes its official catalogue (and its
procedure values) as a signed release; a team enrols the province's key card with the province's
role, imports the release and sees the version in force; a tampered copy and a release from an
unknown key are refused, the store unchanged."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from assessor_app.services import procedures, profile, reference_data
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner
from tests.integration.test_import import dump

PASS = "mật khẩu đủ dài của Sở"


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", PASS)
    monkeypatch.delenv("ASSESSOR_NEW_PASSPHRASE", raising=False)


def _province(cli: Runner, home: Path) -> None:
    ws = open_workspace(home, actor="Lê Thị Thu")
    reference_data.ensure_initialised(ws)
    profile.save_profile(ws, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    ws.close()
    made = cli("keys", "init", "--name", "Lê Thị Thu", "--agency", "Sở Y tế", "--home", str(home))
    assert made.code == 0, made.err


def _published_draft(cli: Runner, home: Path, version: str) -> None:
    """The province publishes its official text: a draft of QĐ 06 with a new version."""
    where = ("--home", str(home))
    drafted = cli("catalogue", "draft", "new", "QD06-2019", "--version", version, *where)
    assert drafted.code == 0, drafted.err
    draft_id = cli("catalogue", "draft", "list", "--json", *where).json()[0]["id"]
    assert cli("catalogue", "draft", "publish", str(draft_id), *where).code == 0


def _enrol_province(cli: Runner, province: Path, team: Path, folder: Path) -> None:
    card = folder / "province-card.json"
    assert cli("keys", "card", "--out", str(card), "--home", str(province)).code == 0
    shown = cli("keys", "show", "--json", "--home", str(province)).json()
    assert shown["role"] == "province"
    enrolled = cli(
        "keys",
        "enrol",
        str(card),
        "--fingerprint",
        shown["fingerprint"],
        "--role",
        "province",
        "--home",
        str(team),
    )
    assert enrolled.code == 0, enrolled.err


def test_publish_import_and_the_version_in_force(cli: Runner, tmp_path: Path) -> None:
    province, team, stick = tmp_path / "province", tmp_path / "team", tmp_path / "USB"
    stick.mkdir()
    _province(cli, province)
    home = ("--home", str(province))
    _published_draft(cli, province, "2027.1-chinh-thuc")
    deadline = cli(
        "procedure", "set-deadline", "--regime", "QD06-2019", "--report", "province_report",
        "--date", "2026-01-01", "--day", "15/12", "--reason", "Công văn của UBND tỉnh", *home,
    )  # fmt: skip
    assert deadline.code == 0, deadline.err
    release = stick / "bo-tieu-chi.ldbundle"
    published = cli(
        "catalogue", "publish", "QD06-2019@2027.1-chinh-thuc", "--out", str(release),
        "--in-force-from", "2026-01-01", "--with-procedure", *home,
    )  # fmt: skip
    assert published.code == 0, published.err
    assert "Procedure values carried: 1" in published.out
    assert not list(stick.glob(".*"))  # no temporary file left beside it
    # The province sees its own release in force.
    own = cli("catalogue", "in-force", "--json", *home).json()
    assert [(i["code"], i["version"]) for i in own] == [("QD06-2019", "2027.1-chinh-thuc")]

    assert cli("keys", "init", "--name", "Hoàng Thị Lan", "--agency", "Sở Tư pháp",
               "--home", str(team)).code == 0  # fmt: skip
    # An assessment begun before the release: pinned to the shipped 2019.1.
    assert cli("assessment", "new", "--commune", "06385", "--year", "2020", "--home",
               str(team)).code == 0  # fmt: skip
    # Not enrolled yet: refused as an unknown signer, nothing changed.
    ws = open_workspace(team)
    before = dump(ws)
    ws.close()
    unknown = cli("import", str(release), "--home", str(team), lang="vi")
    assert unknown.code == 24, unknown.err
    assert "[BUNDLE_UNKNOWN_SIGNER]" in unknown.err
    assert "Tệp phát hành bộ tiêu chí không do khóa của cơ quan cấp tỉnh" in unknown.err
    assert "Gói hồ sơ" not in unknown.err
    ws = open_workspace(team)
    assert dump(ws) == before
    ws.close()

    _enrol_province(cli, province, team, tmp_path)
    assert cli("verify", str(release), "--home", str(team)).code == 0
    imported = cli("import", str(release), "--home", str(team))
    assert imported.code == 0, imported.err
    assert "imported" in imported.out
    assert "Procedure values applied: 1" in imported.out
    found = cli("catalogue", "in-force", "--json", "--home", str(team)).json()
    assert len(found) == 1
    item = found[0]
    assert (item["code"], item["version"], item["in_force_from"]) == (
        "QD06-2019",
        "2027.1-chinh-thuc",
        "2026-01-01",
    )
    # The profile's person and office, not the login name; the key's owner is shown too.
    assert item["publisher"] == "Sở Y tế tỉnh Lạng Sơn"
    assert item["published_by"] == "Lê Thị Thu"
    assert item["signer_owner"] == "Lê Thị Thu"
    shown = cli("catalogue", "in-force", "--home", str(team), lang="vi").out
    assert "do Sở Y tế tỉnh Lạng Sơn ban hành" in shown
    assert "Lê Thị Thu, Sở Y tế tỉnh Lạng Sơn" in shown
    assert "khóa của Lê Thị Thu" in shown
    listed = cli("catalogue", "list", "--home", str(team), lang="vi")
    assert "Bộ tiêu chí áp dụng: QD06-2019 phiên bản 2027.1-chinh-thuc" in listed.out
    assert "01/01/2026" in listed.out
    # "Since when" is the release's day, marked in force; the shipped text is not.
    rows = {r.split()[1]: r for r in listed.out.splitlines() if r.startswith("QD06-2019")}
    assert "áp dụng từ 01/01/2026, ĐANG ÁP DỤNG" in rows["2027.1-chinh-thuc"]
    assert "tỉnh ban hành, nhận tệp có ký số" in rows["2027.1-chinh-thuc"]
    assert "((" not in listed.out
    assert "))" not in listed.out
    assert "áp dụng từ" not in rows["2019.1-provisional"]
    assert "TẠM TÍNH" in rows["2019.1-provisional"]
    as_json = cli("catalogue", "list", "--json", "--home", str(team)).json()
    standing = {c["version"]: (c["applied_from"], c["in_force"]) for c in as_json}
    assert standing["2027.1-chinh-thuc"] == ("2026-01-01", True)
    assert standing["2019.1-provisional"] == (None, False)
    # `assessment list` names the version pinned, so a lead sees who is still on 2019.1.
    assert cli("assessment", "new", "--commune", "06385", "--year", "2020", "--home",
               str(team)).code == 0  # fmt: skip
    assessed = cli("assessment", "list", "--home", str(team), lang="vi").out
    assert "QD06-2019 2019.1 " in assessed
    assert "QD06-2019 2027.1-chinh-thuc " in assessed
    ws = open_workspace(team)
    try:
        stored = {c.version for c in reference_data.catalogues(ws) if c.code == "QD06-2019"}
        assert "2027.1-chinh-thuc" in stored
        effective = procedures.procedure_on(ws, date(2026, 12, 1), "QD06-2019")
        due = [d for d in effective.deadlines if d.code == "province_report"]
        assert [(d.month, d.day, d.status) for d in due] == [(12, 15, "province")]
    finally:
        ws.close()
    again = cli("import", str(release), "--home", str(team))
    assert again.code == 0
    assert "already imported" in again.out

    # A tampered copy: refused, exit 22, nothing changed.
    tampered = stick / "sua.ldbundle"
    with zipfile.ZipFile(release) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if "/catalogues/" in info.filename:
                data = data.replace(b"2027.1-chinh-thuc", b"2027.2-chinh-thuc")
            zout.writestr(info, data)
    ws = open_workspace(team)
    before = dump(ws)
    ws.close()
    refused = cli("import", str(tampered), "--home", str(team), lang="vi")
    assert refused.code == 22, refused.err
    assert "[BUNDLE_TAMPERED]" in refused.err
    assert (
        "Tệp phát hành đã bị thay đổi sau khi ký; không nhận. Hãy xin tỉnh gửi lại tệp."
        in refused.err
    )
    for inner in ("manifest-sha256.txt", "data/catalogues/", "Gói hồ sơ"):
        assert inner not in refused.err
    ws = open_workspace(team)
    assert dump(ws) == before
    ws.close()


def test_publish_is_only_for_the_province(cli: Runner, tmp_path: Path) -> None:
    team = ("--home", str(tmp_path / "team"))
    assert cli("keys", "init", "--name", "Hoàng Thị Lan", "--agency", "Sở Tư pháp", *team).code == 0
    out = tmp_path / "r.ldbundle"
    refused = cli("catalogue", "publish", "QD06-2019", "--out", str(out), *team)
    assert refused.code == 5, refused.err
    assert "[RELEASE_NOT_PROVINCE]" in refused.err
    assert not out.exists()


def test_an_office_key_of_the_province_takes_the_province_role(cli: Runner, tmp_path: Path) -> None:
    """A province installation whose key was made as an office's: `keys set-role province`, a
    new card, enrolled again by the team (which had it as an office's)."""
    province, team = tmp_path / "province", tmp_path / "team"
    ws = open_workspace(province, actor="Lê Thị Thu")
    reference_data.ensure_initialised(ws)
    profile.save_profile(ws, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    ws.close()
    made = cli("keys", "init", "--name", "Lê Thị Thu", "--agency", "Sở Y tế", "--role", "office",
               "--home", str(province))  # fmt: skip
    assert made.code == 0, made.err
    old_card = tmp_path / "old-card.json"
    assert cli("keys", "card", "--out", str(old_card), "--home", str(province)).code == 0
    fingerprint = cli("keys", "show", "--json", "--home", str(province)).json()["fingerprint"]
    assert cli("keys", "init", "--name", "Lan", "--agency", "Sở Tư pháp",
               "--home", str(team)).code == 0  # fmt: skip
    assert cli("keys", "enrol", str(old_card), "--fingerprint", fingerprint, "--role", "office",
               "--home", str(team)).code == 0  # fmt: skip
    release = tmp_path / "r.ldbundle"
    _published_draft(cli, province, "2027.1")
    blocked = cli(
        "catalogue", "publish", "QD06-2019", "--out", str(release), "--home", str(province)
    )
    assert blocked.code == 5
    assert "[RELEASE_KEY_NOT_PROVINCE]" in blocked.err

    changed = cli("keys", "set-role", "province", "--home", str(province))
    assert changed.code == 0, changed.err
    assert cli("catalogue", "publish", "QD06-2019", "--out", str(release),
               "--home", str(province)).code == 0  # fmt: skip
    # The team still has the key as an office's: refused for its role.
    refused = cli("import", str(release), "--home", str(team))
    assert refused.code == 24
    assert "[RELEASE_SIGNER_NOT_PROVINCE]" in refused.err
    _enrol_province(cli, province, team, tmp_path)
    listed = cli("keys", "list", "--json", "--home", str(team)).json()
    assert {k["fingerprint"]: k["role"] for k in listed}[fingerprint] == "province"
    assert cli("import", str(release), "--home", str(team)).code == 0
