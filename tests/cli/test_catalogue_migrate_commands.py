"""`catalogue migrate ASSESSMENT --to CATALOGUE [--apply --reason TEXT]`: the table without
--apply changes nothing; --apply moves the assessment; refusals exit with the house's codes."""

from __future__ import annotations

import json
from pathlib import Path

from assessor_app.cli import exit_codes
from tests.catalogue_versions import next_document
from tests.cli.conftest import Runner


def prepared(cli: Runner, tmp_path: Path) -> str:
    assert cli("init").code == 0
    created = cli("assessment", "new", "--commune", "06400", "--year", "2026")
    assert created.code == 0, created.err
    assessment = created.out.strip()
    for code, text in [("TC2.1", "49/50"), ("TC1.4", "có"), ("TC1.2", "có")]:
        assert cli("assessment", "set", assessment, code, text).code == 0
    path = tmp_path / "qd06-2026.json"
    path.write_text(json.dumps(next_document(), ensure_ascii=False), encoding="utf-8")
    assert cli("catalogue", "import", str(path)).code == 0
    return assessment


def test_without_apply_the_table_is_shown_and_nothing_changes(cli: Runner, tmp_path: Path) -> None:
    assessment = prepared(cli, tmp_path)
    shown = cli("catalogue", "migrate", assessment, "--to", "QD06-2019")
    assert shown.code == 0, shown.err
    assert "QD06-2019, provisional version 2019.1 → QD06-2019, version 2026.1" in shown.out
    assert "TC2.1    75 → 60" in shown.out
    assert "Carried over, points change" in shown.out
    assert "TC1.4    20 → —" in shown.out
    assert "Dropped (not in the new version)" in shown.out
    assert "To be re-entered (new indicator)" in shown.out
    assert "Before: 110 / 1,000 points" in shown.out
    assert "After: 70 / 1,000 points" in shown.out
    assert "TC3.1    — → —        Not entered" in shown.out
    assert "incomplete until these indicators are entered: TC1.5, TC12.1" in shown.out
    assert "add --apply --reason" in shown.out
    unchanged = cli("assessment", "show", assessment, "--json").json()
    assert unchanged["catalogue"]["version"] == "2019.1-provisional"


def test_apply_moves_the_assessment_and_json_says_how(cli: Runner, tmp_path: Path) -> None:
    assessment = prepared(cli, tmp_path)
    done = cli(
        "catalogue", "migrate", assessment, "--to", "QD06-2019", "--apply",
        "--reason", "Bộ tiêu chí chính thức", "--json",
    )  # fmt: skip
    assert done.code == 0, done.err
    report = done.json()
    assert report["applied"] is True
    assert (report["before"]["total"], report["after"]["total"]) == (110, 70)
    assert report["after"]["version"] == "2026.1"
    assert report["after"]["complete"] is False
    outcomes = {i["code"]: i["outcome"] for i in report["indicators"]}
    assert (outcomes["TC2.1"], outcomes["TC1.4"], outcomes["TC1.5"]) == (
        "carried_changed",
        "dropped",
        "reenter",
    )
    audit = cli("assessment", "audit", assessment)
    assert audit.code == 0, audit.out + audit.err


def test_refusals_exit_with_their_codes_in_vietnamese(cli: Runner, tmp_path: Path) -> None:
    assessment = prepared(cli, tmp_path)
    no_reason = cli("catalogue", "migrate", assessment, "--to", "QD06-2019", "--apply", lang="vi")
    assert no_reason.code == exit_codes.INVALID_INPUT
    assert "[CAT_MIGRATE_REASON_REQUIRED]" in no_reason.err
    backwards = cli(
        "catalogue", "migrate", assessment, "--to", "QD34-2014", "--apply", "--reason", "thử"
    )
    assert backwards.code == exit_codes.INVALID_INPUT
    assert "[CAT_MIGRATE_NOT_SUCCESSOR]" in backwards.err
    unknown = cli("catalogue", "migrate", assessment, "--to", "QD99")
    assert unknown.code == exit_codes.NOT_FOUND
    assert cli("assessment", "finalize", assessment).code == 0
    locked = cli(
        "catalogue", "migrate", assessment, "--to", "QD06-2019", "--apply", "--reason", "thử"
    )
    assert locked.code == exit_codes.STATE
    assert "[CAT_MIGRATE_FINALISED]" in locked.err
    assert "reopen it first" in locked.err


def test_the_counts_tell_not_entered_from_carried(cli: Runner, tmp_path: Path) -> None:
    assessment = prepared(cli, tmp_path)
    shown = cli("catalogue", "migrate", assessment, "--to", "QD06-2019")
    report = cli("catalogue", "migrate", assessment, "--to", "QD06-2019", "--json").json()
    counts = report["counts"]
    # Entered: TC2.1, TC1.2 (carried, other points) and TC1.4 (dropped); every other kept
    # indicator held no figure and must not be counted as carried over.
    assert counts["carried"] == 2
    assert counts["dropped"] == 1
    assert counts["reenter"] == 2
    assert counts["not_entered"] == len(report["indicators"]) - 5
    assert (
        f"2 figures carried over, {counts['not_entered']} not entered, 2 to re-enter, 1 dropped"
        in shown.out
    )
    done = cli(
        "catalogue", "migrate", assessment, "--to", "QD06-2019", "--apply", "--reason", "chính thức"
    )
    assert done.code == 0, done.err
    audit = cli("assessment", "audit", assessment, lang="vi")
    assert f"2 số liệu được chuyển sang, {counts['not_entered']} chưa nhập" in audit.out


def test_a_refused_preview_says_so_first_and_exits_non_zero(cli: Runner, tmp_path: Path) -> None:
    assessment = prepared(cli, tmp_path)
    assert cli("assessment", "finalize", assessment).code == 0
    shown = cli("catalogue", "migrate", assessment, "--to", "QD06-2019")
    assert shown.code == exit_codes.STATE
    first = shown.out.splitlines()[0]
    assert first.startswith("It cannot be applied now:")
    assert "finalised" in first
    assert "TC2.1    75 → 60" in shown.out  # the table still follows, for reading
    assert "add --apply" not in shown.out
    report = cli("catalogue", "migrate", assessment, "--to", "QD06-2019", "--json")
    assert report.code == exit_codes.STATE
    assert report.json()["refusal"] == "CAT_MIGRATE_FINALISED"


def test_a_version_not_in_force_in_the_year_needs_anyway(cli: Runner, tmp_path: Path) -> None:
    assert cli("init").code == 0
    created = cli("assessment", "new", "--commune", "06400", "--year", "2026")
    assessment = created.out.strip()
    assert cli("assessment", "set", assessment, "TC2.1", "49/50").code == 0
    document = next_document()
    document["effective_from"] = "2026-12-01"  # after the 2026 period ends (31/10/2026)
    path = tmp_path / "qd06-late.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cli("catalogue", "import", str(path)).code == 0
    shown = cli("catalogue", "migrate", assessment, "--to", "QD06-2019")
    assert shown.code == 0, shown.err
    assert "in force only from 01/12/2026" in shown.out
    assert "31/10/2026" in shown.out
    assert "--apply --anyway --reason" in shown.out
    refused = cli(
        "catalogue", "migrate", assessment, "--to", "QD06-2019", "--apply", "--reason", "sớm"
    )
    assert refused.code == exit_codes.INVALID_INPUT
    assert "[CAT_MIGRATE_NOT_IN_FORCE]" in refused.err
    same = cli("assessment", "show", assessment, "--json").json()
    assert same["catalogue"]["version"] == "2019.1-provisional"
    done = cli(
        "catalogue", "migrate", assessment, "--to", "QD06-2019", "--apply", "--anyway",
        "--reason", "Tỉnh quyết định áp dụng sớm",
    )  # fmt: skip
    assert done.code == 0, done.err
    moved = cli("assessment", "show", assessment, "--json").json()
    assert moved["catalogue"]["version"] == "2026.1"


def test_a_new_assessment_takes_code_at_version(cli: Runner, tmp_path: Path) -> None:
    assert cli("init").code == 0
    path = tmp_path / "qd06-2026.json"
    path.write_text(json.dumps(next_document(), ensure_ascii=False), encoding="utf-8")
    assert cli("catalogue", "import", str(path)).code == 0
    made = cli(
        "assessment", "new", "--commune", "06400", "--year", "2026",
        "--catalogue", "QD06-2019@2019.1-provisional",
    )  # fmt: skip
    assert made.code == 0, made.err
    shown = cli("assessment", "show", made.out.strip(), "--json").json()
    assert shown["catalogue"]["version"] == "2019.1-provisional"
    unknown = cli(
        "assessment", "new", "--commune", "06400", "--year", "2026",
        "--catalogue", "QD06-2019@2099.9",
    )  # fmt: skip
    assert unknown.code == exit_codes.NOT_FOUND
    assert "QD06-2019@2019.1-provisional" in unknown.err
    assert "QD06-2019@2026.1" in unknown.err


def test_the_target_can_be_named_code_at_version(cli: Runner, tmp_path: Path) -> None:
    """The README's example: `--to QD06-2019@2026.1`, as `catalogue publish` names a version."""
    assessment = prepared(cli, tmp_path)
    shown = cli("catalogue", "migrate", assessment, "--to", "QD06-2019@2026.1", "--json")
    assert shown.code == 0, shown.err
    assert shown.json()["after"]["version"] == "2026.1"
    unknown = cli("catalogue", "migrate", assessment, "--to", "QD06-2019@2099.9")
    assert unknown.code == exit_codes.NOT_FOUND
    assert "CAT_MIGRATE_TARGET_NOT_FOUND" in unknown.err
