"""`verify`, `import` and `quarantine …` end to end: the office is the command line's data home,
the team a second store in the test's folder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.services import assessments, keys
from assessor_app.services.workspace import Workspace
from tests.cli.conftest import Runner
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    enrol,
    export,
    listing,
    open_site,
    rich_assessment,
)
from tests.store_access import store_rows as dump


@pytest.fixture
def office(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", OFFICE_PASS)
    ws = open_site(home, "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield ws
    ws.close()


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


@pytest.fixture
def bundle(team_ws: Workspace, tmp_path: Path) -> Path:
    (tmp_path / "USB").mkdir()
    return export(team_ws, [rich_assessment(team_ws, tmp_path)], tmp_path / "USB" / "b.ldbundle")


def test_verify_says_why_in_one_line_with_the_documented_status(
    cli: Runner, office: Workspace, team_ws: Workspace, bundle: Path, tmp_path: Path
) -> None:
    unknown = cli("verify", str(bundle))
    assert unknown.code == 24
    assert unknown.out == ""  # the refusal goes to stderr, in one line
    assert unknown.err.count("\n") == 1
    assert "not enrolled" in unknown.err
    assert "[BUNDLE_UNKNOWN_SIGNER]" in unknown.err
    before = dump(office)
    enrol(office, team_ws, tmp_path / "cards")
    good = cli("verify", str(bundle))
    assert good.code == 0, good.out
    assert good.out.startswith("Valid bundle number 1 signed by Hoàng Thị Lan")
    as_json = cli("verify", str(bundle), "--json")
    assert as_json.code == 0
    data = as_json.json()
    assert data["ok"] is True
    assert data["code"] is None
    assert data["signer"]["owner"] == "Hoàng Thị Lan"
    assert data["bundle"]["sequence"] == 1
    assert len(data["assessments"]) == 1
    assert dump(office) != before  # the enrolment only
    after = dump(office)
    cli("verify", str(bundle))
    assert dump(office) == after
    missing = cli("verify", str(tmp_path / "nothing.ldbundle"))
    assert missing.code == 3
    assert "FILE_NOT_FOUND" in missing.err


def test_import_dry_run_then_import_then_again(
    cli: Runner, office: Workspace, team_ws: Workspace, bundle: Path, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    before, files = dump(office), listing(office.home.root)
    dry = cli("import", str(bundle), "--dry-run")
    assert dry.code == 0, dry.err
    assert "Dry run: the bundle would be imported. Nothing was changed." in dry.out
    assert "indicators taken from the bundle: TC1.1, TC2.1" in dry.out
    dry_json = cli("import", str(bundle), "--dry-run", "--json").json()
    assert dry_json["outcome"] == "accepted"
    assert dry_json["assessments"][0]["action"] == "new"
    assert dump(office) == before
    assert listing(office.home.root) - files <= {"logs", "logs/assessor-app.log"}

    done = cli("import", str(bundle))
    assert done.code == 0, done.err
    assert "imported" in done.out
    assert "Receipt for the sender:" in done.out
    listed = cli("assessment", "list", "--json").json()
    assert [a["commune"]["code"] for a in listed] == ["06400"]

    again = cli("import", str(bundle), "--json")
    assert again.code == 0
    data = again.json()
    assert data["already"] is True
    assert data["outcome"] == "accepted"
    assert "already imported" in cli("import", str(bundle)).out


def test_unknown_signer_quarantine_list_show_retry(
    cli: Runner, office: Workspace, team_ws: Workspace, bundle: Path, tmp_path: Path
) -> None:
    held = cli("import", str(bundle))
    assert held.code == 24, held.err
    assert "held in quarantine as #1" in held.err
    assert "Receipt for the sender:" in held.out
    listing_text = cli("quarantine", "list")
    assert listing_text.code == 0
    assert "Waiting for a decision" in listing_text.out  # the status in words; --json has "held"
    assert "BUNDLE_UNKNOWN_SIGNER" in listing_text.out
    items = cli("quarantine", "list", "--json").json()
    assert [(i["id"], i["status"]) for i in items] == [(1, "held")]
    assert items[0]["file"] is None  # kept in the store's evidence store, by its hash
    assert items[0]["sha256"] == hashlib.sha256(bundle.read_bytes()).hexdigest()
    with office.evidence.open(items[0]["sha256"]) as kept:
        assert kept.read() == bundle.read_bytes()
    shown = cli("quarantine", "show", "1", "--json").json()
    assert shown["reasons"][0]["code"] == "BUNDLE_UNKNOWN_SIGNER"
    assert shown["bundle"]["contact"] == "Hoàng Thị Lan"
    assert shown["resolvable"] is False
    text = cli("quarantine", "show", "1")
    assert "(not enrolled here)" in text.out
    refused = cli("quarantine", "resolve", "1", "--reason", "Đã gọi điện")
    assert refused.code == 5
    assert "QUARANTINE_NOT_RESOLVABLE" in refused.err

    enrol(office, team_ws, tmp_path / "cards")
    retried = cli("quarantine", "retry", "1")
    assert retried.code == 0, retried.err
    assert "imported" in retried.out
    assert cli("quarantine", "list", "--json").json()[0]["status"] == "resolved"
    assert cli("quarantine", "retry", "1").code == 5
    assert cli("quarantine", "show", "99").code == 4


def test_a_conflict_is_held_and_resolved_with_a_reason(
    cli: Runner, office: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    created = assessments.create(team_ws, "06400", 2026)
    assessments.set_value(team_ws, created.id, "TC2.1", "40/50")
    first = export(team_ws, [created.id], tmp_path / "1.ldbundle", drafts=True)
    assert cli("import", str(first)).code == 0
    here = assessments.list_assessments(office)[0].id
    assert cli("assessment", "set", str(here), "TC2.1", "42/50").code == 0
    assessments.set_value(team_ws, created.id, "TC2.1", "46/50")
    second = export(team_ws, [created.id], tmp_path / "2.ldbundle", drafts=True)

    held = cli("import", str(second))
    assert held.code == 5, held.err
    assert "IMPORT_CONFLICT" in held.err
    assert "conflict TC2.1: here 42/50 (Nguyễn Thị Test" in held.err
    assert "in the bundle 46/50 (Hoàng Thị Lan" in held.err
    shown = cli("quarantine", "show", "1")
    assert "conflict TC2.1" in shown.out
    conflicts = cli("quarantine", "show", "1", "--json").json()["conflicts"]
    assert [(c["indicator"], c["local"]["value"], c["incoming"]["value"]) for c in conflicts] == [
        ("TC2.1", {"numerator": 42, "denominator": 50}, {"numerator": 46, "denominator": 50})
    ]
    assert cli("quarantine", "resolve", "1", "--take", "TC2.1=incoming").code == 2
    assert cli("quarantine", "resolve", "1", "--take", "TC2.1", "--reason", "x").code == 3
    resolved = cli(
        "quarantine", "resolve", "1", "--take", "TC2.1=incoming", "--reason", "Số đã đếm lại"
    )
    assert resolved.code == 0, resolved.err
    shown_value = cli("assessment", "show", str(here), "--json").json()
    assert shown_value["values"]["TC2.1"]["value"] == {"numerator": 46, "denominator": 50}
    audit = cli("assessment", "audit", str(here), "--json").json()
    assert [e["reason"] for e in audit["entries"] if e["action"] == "resolve"] == ["Số đã đếm lại"]


def test_reject_keeps_the_file(cli: Runner, office: Workspace, bundle: Path) -> None:
    assert cli("import", str(bundle)).code == 24
    rejected = cli("quarantine", "reject", "1", "--reason", "Không rõ người gửi")
    assert rejected.code == 0, rejected.err
    assert "rejected" in rejected.out
    item = cli("quarantine", "list", "--json").json()[0]
    assert item["status"] == "rejected"
    assert office.evidence.verify(item["sha256"])  # kept, whatever was decided
    assert cli("quarantine", "reject", "1", "--reason", "again").code == 5
    assert cli("quarantine", "reject", "1").code == 2


def test_import_needs_the_passphrase_when_the_office_has_a_key(
    cli: Runner,
    office: Workspace,
    team_ws: Workspace,
    bundle: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    enrol(office, team_ws, tmp_path / "cards")
    monkeypatch.delenv("ASSESSOR_PASSPHRASE")
    before = dump(office)
    refused = cli("import", str(bundle))
    assert refused.code == 3
    assert "PASSPHRASE_REQUIRED" in refused.err
    assert dump(office) == before
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", "sai mật khẩu rồi")
    wrong = cli("import", str(bundle))
    assert "KEY_BAD_PASSPHRASE" in wrong.err
    assert dump(office) == before


def test_import_without_an_office_key_still_imports(
    cli: Runner, home: Path, team_ws: Workspace, bundle: Path, tmp_path: Path
) -> None:
    office = open_site(home, "Lý Thị Duyệt")
    try:
        enrol(office, team_ws, tmp_path / "cards")
        assert keys.key_info(office) is None
    finally:
        office.close()
    done = cli("import", str(bundle))
    assert done.code == 0, done.err
    assert "No receipt was written" in done.out
    assert "keys init" in done.out


def test_refusals_go_to_stderr_and_json_stays_on_stdout(
    cli: Runner, office: Workspace, bundle: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.ldbundle"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    verified = cli("verify", str(damaged))
    assert verified.code == 20
    assert verified.out == ""
    assert verified.err.count("\n") == 1
    assert "[BUNDLE_CORRUPT]" in verified.err
    as_json = cli("verify", str(damaged), "--json")
    assert as_json.code == 20
    assert as_json.json()["code"] == "BUNDLE_CORRUPT"  # with --json, all is in the JSON
    assert as_json.err == ""

    rejected = cli("import", str(damaged))
    assert rejected.code == 20
    assert "was rejected" in rejected.err
    assert "BUNDLE_CORRUPT" in rejected.err
    assert "rejected" not in rejected.out
    rejected_json = cli("import", str(damaged), "--json")
    assert rejected_json.json()["outcome"] == "rejected"
    assert rejected_json.err == ""

    held = cli("import", str(bundle), "--json")
    assert held.code == 24
    assert held.json()["outcome"] == "quarantined"
    assert held.err == ""
    again = cli("import", str(bundle))
    assert again.code == 24
    assert "held in quarantine (#1)" in again.err
    assert again.out == ""


def test_help_lists_the_commands(cli: Runner) -> None:
    out = cli("--help").out
    for command in ("verify", "import", "quarantine"):
        assert command in out
    assert "--take" in cli("quarantine", "resolve", "--help").out
