"""`evidence …`, `team …`, `comment add`, `flag set|clear` and `source set|clear` end to end, with good and bad input."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from assessor_app.services.workspace import open_workspace
from assessor_app.storage import evidence as evidence_store, evidence_database
from tests.cli.conftest import Result, Runner

PASS = "mật khẩu đủ dài"


def one_line_error(result: Result, code: str, exit_code: int) -> None:
    assert result.code == exit_code, (result.code, result.err)
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("assessor-app: ")
    assert f"[{code}]" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def one_line(result: Result) -> str:
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.count("\n") == 1, result.out
    return result.out.strip()


@pytest.fixture
def draft(cli: Runner) -> str:
    created = cli("assessment", "new", "--commune", "06400", "--year", "2026")
    assert created.code == 0, created.err
    return created.out.strip()


@pytest.fixture
def actor(home: Path, draft: str) -> str:
    """The audit actor the command line records for the test's officer (ASSESSOR_USER): the
    name as given on a SQLite store, "Name [pguser]" on a server."""
    workspace = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        return workspace.actor
    finally:
        workspace.close()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "sổ tiêm chủng.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 a photo of the vaccination book")
    return path


def finalised(cli: Runner, assessment: str) -> None:
    result = cli("assessment", "finalize", assessment)
    assert result.code == 0, result.err


def audit_intact(cli: Runner, assessment: str) -> None:
    result = cli("assessment", "audit", assessment, "--verify")
    assert result.code == 0, result.out + result.err
    assert "Audit chain intact" in result.out


def actions(cli: Runner, assessment: str) -> list[str]:
    return [e["action"] for e in cli("assessment", "audit", assessment, "--json").json()["entries"]]


# --- evidence


def test_evidence_add_list_caption_remove(cli: Runner, draft: str, photo: Path, actor: str) -> None:
    added = cli("evidence", "add", draft, "TC7.1", str(photo), "--caption", "Sổ tiêm chủng 2026")
    text = one_line(added)
    sha256 = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert sha256 in text
    assert "sổ tiêm chủng.jpg" in text
    as_json = cli("evidence", "add", draft, "TC2.1", str(photo), "--json").json()
    assert as_json["sha256"] == sha256
    assert as_json["indicator"] == "TC2.1"
    assert as_json["caption"] == ""
    assert as_json["size"] == photo.stat().st_size
    assert as_json["added_by"] == actor

    listed = cli("evidence", "list", draft, "--json").json()
    assert [(e["indicator"], e["caption"]) for e in listed] == [
        ("TC7.1", "Sổ tiêm chủng 2026"),
        ("TC2.1", ""),
    ]
    assert listed[1] == as_json
    assert listed == cli("assessment", "show", draft, "--json").json()["evidence"]
    text_list = cli("evidence", "list", draft)
    assert text_list.code == 0
    assert text_list.out.count("\n") == 2
    assert "Sổ tiêm chủng 2026" in text_list.out

    first = str(listed[0]["id"])
    one_line(cli("evidence", "caption", draft, first, "Trang 1 sổ tiêm chủng"))
    assert cli("evidence", "list", draft, "--json").json()[0]["caption"] == "Trang 1 sổ tiêm chủng"

    removed = one_line(cli("evidence", "remove", draft, first, "--reason", "nhầm tệp"))
    assert first in removed
    assert [e["id"] for e in cli("evidence", "list", draft, "--json").json()] == [as_json["id"]]
    entries = cli("assessment", "audit", draft, "--json").json()["entries"]
    removal = next(e for e in entries if e["action"] == "remove_evidence")
    assert removal["reason"] == "nhầm tệp"
    assert [e["action"] for e in entries][-4:] == [
        "attach_evidence",
        "attach_evidence",
        "caption_evidence",
        "remove_evidence",
    ]
    audit_intact(cli, draft)


def test_evidence_list_when_there_is_none(cli: Runner, draft: str) -> None:
    assert cli("evidence", "list", draft, "--json").json() == []
    assert "no evidence" in one_line(cli("evidence", "list", draft))


def test_evidence_refusals(cli: Runner, draft: str, photo: Path, tmp_path: Path) -> None:
    missing = tmp_path / "không có.jpg"
    one_line_error(cli("evidence", "add", draft, "TC7.1", str(missing)), "FILE_NOT_FOUND", 3)
    one_line_error(cli("evidence", "add", draft, "TC7.1", str(tmp_path)), "FILE_IS_FOLDER", 3)
    one_line_error(cli("evidence", "add", "999", "TC7.1", str(photo)), "ASSESSMENT_NOT_FOUND", 4)
    one_line_error(cli("evidence", "add", draft, "TC99.1", str(photo)), "VAL_UNKNOWN_INDICATOR", 3)
    one_line_error(
        cli("evidence", "add", draft, "TC7.1", str(photo), "--caption", "x" * 501),
        "TEXT_TOO_LONG",
        3,
    )
    one_line_error(
        cli("evidence", "add", draft, "TC7.1", str(photo), "--caption", "a\x1bb"),
        "TEXT_CONTROL_CHARACTER",
        3,
    )
    assert cli("evidence", "list", draft, "--json").json() == []  # nothing attached on the way

    evidence = str(cli("evidence", "add", draft, "TC7.1", str(photo), "--json").json()["id"])
    one_line_error(
        cli("evidence", "remove", draft, evidence, "--reason", "  "), "REASON_REQUIRED", 3
    )
    one_line_error(
        cli("evidence", "remove", draft, evidence, "--reason", "x" * 2001), "TEXT_TOO_LONG", 3
    )
    one_line_error(cli("evidence", "remove", draft, "77", "--reason", "r"), "EVIDENCE_NOT_FOUND", 4)
    one_line_error(cli("evidence", "caption", draft, "77", "c"), "EVIDENCE_NOT_FOUND", 4)
    one_line_error(cli("evidence", "list", "999"), "ASSESSMENT_NOT_FOUND", 4)
    one_line_error(
        cli("evidence", "remove", "999", "1", "--reason", "r"), "ASSESSMENT_NOT_FOUND", 4
    )
    usage = cli("evidence", "remove", draft, evidence)  # the reason is required, as in the app
    assert usage.code == 2
    assert "--reason" in usage.err

    finalised(cli, draft)
    for args in (
        ("add", draft, "TC7.1", str(photo)),
        ("caption", draft, evidence, "c"),
        ("remove", draft, evidence, "--reason", "r"),
    ):
        one_line_error(cli("evidence", *args), "ASSESSMENT_FINALIZED", 5)
    assert len(cli("evidence", "list", draft, "--json").json()) == 1  # still readable
    audit_intact(cli, draft)


def test_evidence_unreadable_file(
    cli: Runner, draft: str, photo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")  # what the system says (tests run as root)

    monkeypatch.setattr(evidence_store, "open", refused, raising=False)
    monkeypatch.setattr(evidence_database, "open", refused, raising=False)  # a server's store
    one_line_error(cli("evidence", "add", draft, "TC7.1", str(photo)), "FILE_NOT_READABLE", 3)
    assert cli("evidence", "list", draft, "--json").json() == []


# --- team


def test_team_add_assign_list_remove(cli: Runner, draft: str) -> None:
    lead = cli(
        "team", "add", draft, "--name", "Lê Văn Bình", "--agency", "health", "--role", "lead",
        "--json",
    ).json()  # fmt: skip
    assert lead == {"id": lead["id"], "name": "Lê Văn Bình", "agency": "health", "role": "lead"}
    text = one_line(cli("team", "add", draft, "--name", "Trần Thị Cúc", "--agency", "justice"))
    assert "Trần Thị Cúc" in text
    members = cli("team", "list", draft, "--json").json()["members"]
    assert [(m["name"], m["role"]) for m in members] == [
        ("Lê Văn Bình", "lead"),
        ("Trần Thị Cúc", "member"),
    ]
    assert members == cli("assessment", "show", draft, "--json").json()["members"]
    cuc = str(members[1]["id"])

    def who(criterion: str) -> dict[str, object]:
        rows = cli("team", "list", draft, "--json").json()["assignments"]
        return next(a for a in rows if a["criterion"] == criterion)

    assert who("TC7") == {"criterion": "TC7", "member": lead["id"], "explicit": False}
    assert "Trần Thị Cúc" in one_line(cli("team", "assign", draft, "TC7", cuc))
    assert who("TC7") == {"criterion": "TC7", "member": int(cuc), "explicit": True}
    assert "Lê Văn Bình" in one_line(cli("team", "assign", draft, "TC7", "--default"))
    assert who("TC7")["explicit"] is False
    one_line(cli("team", "assign", draft, "TC7", cuc))
    listing = cli("team", "list", draft)
    assert listing.code == 0
    assert "Lê Văn Bình" in listing.out

    assert cuc in one_line(cli("team", "remove", draft, cuc, "--reason", "chuyển công tác"))
    assert [m["name"] for m in cli("team", "list", draft, "--json").json()["members"]] == [
        "Lê Văn Bình"
    ]
    assert who("TC7") == {"criterion": "TC7", "member": lead["id"], "explicit": False}
    entries = cli("assessment", "audit", draft, "--json").json()["entries"]
    assert next(e for e in entries if e["action"] == "remove_member")["reason"] == (
        "chuyển công tác"
    )
    assert "nobody yet" in one_line(cli("team", "assign", draft, "TC2", "--default"))
    audit_intact(cli, draft)


def test_team_refusals(cli: Runner, draft: str) -> None:
    def add(*args: str) -> Result:
        return cli("team", "add", draft, *args)

    one_line_error(add("--name", "  ", "--agency", "health"), "MEMBER_NAME_REQUIRED", 3)
    one_line_error(add("--name", "B", "--agency", "Y tế"), "MEMBER_BAD_FIELD", 3)
    one_line_error(
        add("--name", "B", "--agency", "health", "--role", "boss"), "MEMBER_BAD_FIELD", 3
    )
    one_line_error(add("--name", "x" * 201, "--agency", "health"), "TEXT_TOO_LONG", 3)
    one_line_error(add("--name", "Bình\u202e", "--agency", "health"), "TEXT_CONTROL_CHARACTER", 3)
    one_line_error(
        cli("team", "add", "999", "--name", "B", "--agency", "health"), "ASSESSMENT_NOT_FOUND", 4
    )
    member = str(add("--name", "Bình", "--agency", "health", "--json").json()["id"])
    one_line_error(cli("team", "remove", draft, member, "--reason", ""), "REASON_REQUIRED", 3)
    one_line_error(cli("team", "remove", draft, member, "--reason", "x" * 2001), "TEXT_TOO_LONG", 3)
    one_line_error(cli("team", "remove", draft, "77", "--reason", "r"), "MEMBER_NOT_FOUND", 4)
    one_line_error(cli("team", "assign", draft, "TC99", member), "CRITERION_UNKNOWN", 3)
    one_line_error(cli("team", "assign", draft, "TC7", "77"), "MEMBER_NOT_FOUND", 4)
    one_line_error(cli("team", "assign", "999", "TC7", member), "ASSESSMENT_NOT_FOUND", 4)
    one_line_error(cli("team", "list", "999"), "ASSESSMENT_NOT_FOUND", 4)
    assert cli("team", "assign", draft, "TC7").code == 2  # a member or --default
    assert cli("team", "assign", draft, "TC7", member, "--default").code == 2

    finalised(cli, draft)
    one_line_error(add("--name", "B", "--agency", "health"), "ASSESSMENT_FINALIZED", 5)
    one_line_error(cli("team", "remove", draft, member, "--reason", "r"), "ASSESSMENT_FINALIZED", 5)
    one_line_error(cli("team", "assign", draft, "TC7", member), "ASSESSMENT_FINALIZED", 5)
    assert len(cli("team", "list", draft, "--json").json()["members"]) == 1
    audit_intact(cli, draft)


def test_team_has_one_leader_and_roles_can_change(cli: Runner, draft: str) -> None:
    def add(name: str, *more: str) -> Result:
        return cli("team", "add", draft, "--name", name, "--agency", "health", *more)

    first = str(add("Lan", "--role", "lead", "--json").json()["id"])
    one_line_error(add("Minh", "--role", "lead"), "TEAM_LEAD_TAKEN", 5)
    second = str(add("Minh", "--role", "lead", "--replace-lead", "--json").json()["id"])
    roles = {m["id"]: m["role"] for m in cli("team", "list", draft, "--json").json()["members"]}
    assert (roles[int(first)], roles[int(second)]) == ("member", "lead")
    one_line_error(cli("team", "role", draft, first, "lead"), "TEAM_LEAD_TAKEN", 5)
    assert "Secretary" in one_line(cli("team", "role", draft, first, "secretary"))
    one_line_error(cli("team", "role", draft, first, "boss"), "MEMBER_BAD_FIELD", 3)
    one_line_error(cli("team", "role", draft, "77", "member"), "MEMBER_NOT_FOUND", 4)
    audit_intact(cli, draft)


# --- comments and follow-up flags


def test_comment_add(cli: Runner, draft: str, actor: str) -> None:
    assert "TC2.1" in one_line(cli("comment", "add", draft, "TC2.1", "Cần đối chiếu sổ hộ tịch"))
    as_json = cli("comment", "add", draft, "TC2.1", "Đã đối chiếu", "--json").json()
    assert as_json["text"] == "Đã đối chiếu"
    assert as_json["author"] == actor
    comments = cli("assessment", "show", draft, "--json").json()["comments"]
    assert [c["text"] for c in comments] == ["Cần đối chiếu sổ hộ tịch", "Đã đối chiếu"]
    assert comments[1] == as_json
    assert actions(cli, draft)[-2:] == ["comment", "comment"]

    one_line_error(cli("comment", "add", draft, "TC2.1", "  "), "COMMENT_EMPTY", 3)
    one_line_error(cli("comment", "add", draft, "TC2.1", "x" * 2001), "TEXT_TOO_LONG", 3)
    one_line_error(cli("comment", "add", draft, "TC99.1", "x"), "VAL_UNKNOWN_INDICATOR", 3)
    one_line_error(cli("comment", "add", "999", "TC2.1", "x"), "ASSESSMENT_NOT_FOUND", 4)
    finalised(cli, draft)
    one_line_error(cli("comment", "add", draft, "TC2.1", "x"), "ASSESSMENT_FINALIZED", 5)
    audit_intact(cli, draft)


def test_flag_set_and_clear(cli: Runner, draft: str) -> None:
    def flagged() -> list[str]:
        return list(cli("assessment", "show", draft, "--json").json()["follow_up"])

    assert "TC7.1" in one_line(cli("flag", "set", draft, "TC7.1"))
    one_line(cli("flag", "set", draft, "TC7.1"))  # again: nothing changes, nothing audited
    assert flagged() == ["TC7.1"]
    assert actions(cli, draft).count("follow_up") == 1
    one_line(cli("flag", "clear", draft, "TC7.1"))
    assert flagged() == []
    assert actions(cli, draft).count("follow_up") == 2

    one_line_error(cli("flag", "set", draft, "TC99.1"), "VAL_UNKNOWN_INDICATOR", 3)
    one_line_error(cli("flag", "clear", "999", "TC7.1"), "ASSESSMENT_NOT_FOUND", 4)
    finalised(cli, draft)
    one_line_error(cli("flag", "set", draft, "TC7.1"), "ASSESSMENT_FINALIZED", 5)
    audit_intact(cli, draft)


def test_source_set_and_clear(cli: Runner, draft: str) -> None:
    def shown() -> dict[str, str]:
        return dict(cli("assessment", "show", draft, "--json").json()["sources"])

    births = "Sổ đăng ký khai sinh của UBND xã năm 2026"
    assert "TC2.1" in one_line(cli("source", "set", draft, "TC2.1", births))
    one_line(cli("source", "set", draft, "TC2.1", births))  # again: nothing changes, not audited
    assert shown() == {"TC2.1": births}
    assert actions(cli, draft).count("set_source") == 1
    assert "TC2.1" in one_line(cli("source", "clear", draft, "TC2.1"))
    assert shown() == {}
    assert actions(cli, draft).count("set_source") == 2

    one_line_error(cli("source", "set", draft, "TC2.1", "x" * 501), "TEXT_TOO_LONG", 3)
    one_line_error(cli("source", "set", draft, "TC2.1", "a\x1bb"), "TEXT_CONTROL_CHARACTER", 3)
    one_line_error(cli("source", "set", draft, "TC99.1", births), "VAL_UNKNOWN_INDICATOR", 3)
    assert shown() == {}
    finalised(cli, draft)
    one_line_error(cli("source", "set", draft, "TC2.1", births), "ASSESSMENT_FINALIZED", 5)
    audit_intact(cli, draft)


def test_messages_in_vietnamese(cli: Runner, draft: str) -> None:
    result = cli("flag", "set", draft, "TC7.1", lang="vi")
    assert result.code == 0, result.err
    assert "follow-up" not in result.out
    refused = cli("team", "remove", draft, "1", "--reason", " ", lang="vi")
    assert refused.code == 3
    assert "A reason is required" not in refused.err


# --- a whole assessment, scripted


def test_a_whole_assessment_by_script(
    cli: Runner, draft: str, photo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the app's editor does, from a script: team, figures, evidence, notes, finalise, export."""
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", PASS)
    assert cli("keys", "init", "--name", "Hoàng Thị Lan", "--agency", "Sở Tư pháp").code == 0
    lead = cli(
        "team", "add", draft, "--name", "Lê Văn Bình", "--agency", "health", "--role", "lead",
        "--json",
    ).json()["id"]  # fmt: skip
    secretary = cli(
        "team", "add", draft, "--name", "Trần Thị Cúc", "--agency", "justice", "--role",
        "secretary", "--json",
    ).json()["id"]  # fmt: skip
    one_line(cli("team", "assign", draft, "TC2", str(lead)))
    for indicator, value in (("TC1.1", "yes"), ("TC2.1", "49/50"), ("TC7.1", "98/100")):
        assert cli("assessment", "set", draft, indicator, value).code == 0
    evidence = cli("evidence", "add", draft, "TC7.1", str(photo), "--caption", "Sổ", "--json")
    one_line(cli("comment", "add", draft, "TC7.1", "Đã xem sổ tiêm chủng"))
    one_line(cli("flag", "set", draft, "TC2.1"))
    # the mark stays open: finalising says so and goes on only when told
    assert cli("assessment", "finalize", draft).code == 5
    assert cli("assessment", "finalize", draft, "--confirm-follow-ups").code == 0

    shown = cli("assessment", "show", draft, "--json").json()
    assert shown["status"] == "finalized"
    assert [(m["id"], m["role"]) for m in shown["members"]] == [
        (lead, "lead"),
        (secretary, "secretary"),
    ]
    assert [c["text"] for c in shown["comments"]] == ["Đã xem sổ tiêm chủng"]
    assert shown["follow_up"] == ["TC2.1"]
    assert shown["evidence"] == [evidence.json()]
    assert cli("evidence", "list", draft, "--json").json() == [evidence.json()]
    assignment = next(
        a
        for a in cli("team", "list", draft, "--json").json()["assignments"]
        if a["criterion"] == "TC2"
    )
    assert assignment == {"criterion": "TC2", "member": lead, "explicit": True}
    audit_intact(cli, draft)

    out = tmp_path / "gói.ldbundle"
    exported = cli("export", draft, "--out", str(out), "--json")
    assert exported.code == 0, exported.err
    assert exported.json()["evidence_files"] == 1
    with zipfile.ZipFile(out) as archive:
        assert any(evidence.json()["sha256"] in name for name in archive.namelist())
    verified = cli("verify", str(out))
    assert verified.code == 0, verified.err


def test_finalise_asks_to_confirm_open_follow_ups(cli: Runner, draft: str) -> None:
    """As the app's finalise dialog does, the command names the indicators still marked for
    follow-up and finalises only when told to go on."""
    one_line(cli("flag", "set", draft, "TC7.1"))
    refused = cli("assessment", "finalize", draft)
    assert refused.code == 5, refused.err
    assert "[FINALIZE_FOLLOW_UPS_OPEN]" in refused.err
    assert "TC7.1" in refused.err
    assert cli("assessment", "show", draft, "--json").json()["status"] == "draft"
    confirmed = cli("assessment", "finalize", draft, "--confirm-follow-ups")
    assert confirmed.code == 0, confirmed.err
    assert cli("assessment", "show", draft, "--json").json()["status"] == "finalized"
