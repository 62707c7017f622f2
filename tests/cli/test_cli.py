"""The command line end to end on a temporary home, including every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.sqlite_only("checks the data home's store file")
def test_init_is_idempotent(cli: Runner, home: Path) -> None:
    first = cli("init")
    assert first.code == 0, first.err
    assert "QD34-2014" in first.out
    assert "LS-2025-07" in first.out
    again = cli("init")
    assert again.code == 0
    assert "QD34-2014" not in again.out
    assert (home / "assessor.sqlite3").exists()


@pytest.mark.sqlite_only("finds the store file in the data home named")
def test_home_option_beats_the_environment(cli: Runner, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    assert cli("init", "--home", str(other)).code == 0
    assert (other / "assessor.sqlite3").exists()


def test_catalogue_list_and_show(cli: Runner) -> None:
    listing = cli("catalogue", "list", "--json")
    assert listing.code == 0
    codes = {c["code"]: c for c in listing.json()}
    assert set(codes) == {"QD34-2014", "QD06-2019"}
    assert codes["QD34-2014"]["max_total"] == 1000
    assert codes["QD34-2014"]["criteria_count"] == 15
    assert codes["QD34-2014"]["provisional"]
    show = cli("catalogue", "show", "QD06-2019", "--json").json()
    assert len(show["criteria"]) == 13
    first = show["criteria"][0]
    assert {"code", "title_vi", "max_points", "status", "indicators"} <= set(first)
    assert {"code", "kind", "max_points", "status"} <= set(first["indicators"][0])
    text = cli("catalogue", "show", "qd06-2019")
    assert text.code == 0
    assert "Nguồn lực thực hiện quyền trẻ em" in text.out
    assert "PROVISIONAL" in text.out


def test_catalogue_validate_names_provisional_parts_in_words(cli: Runner) -> None:
    # the warning names the provisional parts as the printed banner does, not by code
    qd06 = str(ROOT / "resources" / "catalogues" / "qd06-2019.json")
    out = cli("catalogue", "validate", qd06, lang="vi").out
    assert "chỉ tiêu 1.4 thuộc tiêu chí 1 (Nguồn lực thực hiện quyền trẻ em); tiêu chí 2 (" in out
    assert "TC1" not in out
    english = cli("catalogue", "validate", qd06).out
    assert "criterion 13 (Satisfaction of children and residents with…)" in english


def test_catalogue_validate(cli: Runner, tmp_path: Path) -> None:
    good = cli("catalogue", "validate", str(ROOT / "resources" / "catalogues" / "qd34-2014.json"))
    assert good.code == 0
    assert "QD34-2014" in good.out
    bad = tmp_path / "bad.json"
    document = json.loads(
        (ROOT / "resources" / "catalogues" / "qd34-2014.json").read_text(encoding="utf-8")
    )
    document["criteria"][1]["max_points"] += 5
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = cli("catalogue", "validate", str(bad))
    assert result.code == 3
    assert "CAT_" in result.err
    assert document["criteria"][1]["code"] in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_units(cli: Runner) -> None:
    found = cli("units", "search", "Huu Lung", "--date", "2016-06-01", "--json").json()
    assert found[0]["name"] == "Thị trấn Hữu Lũng"
    assert found[0]["code"] == "06385"
    assert all(u["list"] == "LS-2014" for u in found)
    assert len(cli("units", "list", "--date", "2016-06-01", "--json").json()) == 226
    assert len(cli("units", "list", "--date", "2021-06-01", "--json").json()) == 200
    assert len(cli("units", "list", "--date", "2025-03-01", "--json").json()) == 194
    assert len(cli("units", "list", "--date", "2025-07-01", "--json").json()) == 65
    shown = cli("units", "show", "06385", "--json").json()
    assert [h["name"] for h in shown["history"]][-1] == "Xã Hữu Lũng"
    assert shown["category"] == "mountain_island_difficult"
    assert cli("units", "search", "Hữu Lũng").code == 0


def test_assessment_flow(cli: Runner) -> None:
    created = cli("assessment", "new", "--commune", "06385", "--year", "2016")
    assert created.code == 0, created.err
    aid = created.out.strip()
    assert aid.isdigit()
    assert cli("assessment", "set", aid, "TC2.1", "49/50").code == 0
    shown = cli("assessment", "show", aid, "--json").json()
    assert shown["values"]["TC2.1"]["value"] == {"numerator": 49, "denominator": 50}
    assert shown["score"]["total"] == 50
    assert shown["status"] == "draft"
    assert shown["catalogue"]["code"] == "QD34-2014"
    assert cli("assessment", "finalize", aid).code == 0
    refused = cli("assessment", "set", aid, "TC2.1", "40/50")
    assert refused.code == 5
    assert "ASSESSMENT_FINALIZED" in refused.err
    assert cli("assessment", "reopen", aid, "--reason", "Sửa số liệu").code == 0
    assert cli("assessment", "set", aid, "TC2.1", "40/50", "--reason", "Đối chiếu lại").code == 0
    audit = cli("assessment", "audit", aid, "--verify", "--json")
    assert audit.code == 0
    trail = audit.json()
    assert trail["intact"] is True
    assert [e["action"] for e in trail["entries"]] == [
        "create",
        "set_value",
        "finalize",
        "reopen",
        "set_value",
    ]
    assert trail["entries"][3]["reason"] == "Sửa số liệu"
    listing = cli("assessment", "list", "--json").json()
    assert listing[0]["id"] == int(aid)


@pytest.mark.sqlite_only("breaks the audit log through sqlite3 on the file")
def test_audit_verify_exit_code_when_broken(cli: Runner, home: Path) -> None:
    import sqlite3

    aid = cli("assessment", "new", "--commune", "06385", "--year", "2016").out.strip()
    cli("assessment", "set", aid, "TC2.1", "49/50")
    with sqlite3.connect(home / "assessor.sqlite3") as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
    result = cli("assessment", "audit", aid, "--verify")
    assert result.code == 7
    assert "altered" in result.out


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["assessment", "new", "--commune", "99999", "--year", "2016"], 4, "UNIT_NOT_IN_YEAR"),
        (["assessment", "new", "--commune", "06385", "--year", "1890"], 3, "YEAR_OUT_OF_RANGE"),
        (
            ["assessment", "new", "--commune", "06385", "--year", "2016", "--catalogue", "QD99"],
            4,
            "CATALOGUE_NOT_FOUND",
        ),
        (["assessment", "show", "4242"], 4, "ASSESSMENT_NOT_FOUND"),
        (["catalogue", "show", "NOPE"], 4, "CATALOGUE_NOT_FOUND"),
        (["units", "show", "00000"], 4, "UNIT_NOT_FOUND"),
        (["units", "list", "--date", "31/12/2016"], 3, "BAD_DATE"),
        (["catalogue", "validate", "/nonexistent/file.json"], 3, "FILE_NOT_FOUND"),
    ],
)
def test_bad_arguments_give_one_clear_line(
    cli: Runner, args: list[str], code: int, error: str
) -> None:
    result = cli(*args)
    assert result.code == code
    assert error in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert result.out == ""


@pytest.mark.parametrize(
    ("indicator", "value", "reason", "error"),
    [
        ("TC2.1", "51/50", "", "VAL_NUMERATOR_ABOVE_DENOMINATOR"),
        ("TC2.1", "abc", "", "VAL_FORMAT"),
        ("TC2.1", "4x/50", "", "VAL_NOT_A_NUMBER"),
        ("TC2.1", "-3/50", "", "VAL_NEGATIVE"),
        ("TC99.1", "3", "", "VAL_UNKNOWN_INDICATOR"),
    ],
)
def test_bad_values_are_refused_and_store_nothing(
    cli: Runner, indicator: str, value: str, reason: str, error: str
) -> None:
    aid = cli("assessment", "new", "--commune", "06385", "--year", "2016").out.strip()
    result = cli("assessment", "set", aid, indicator, value, "--reason", reason)
    assert result.code == 3
    assert error in result.err
    assert cli("assessment", "show", aid, "--json").json()["values"] == {}


def _indicator_of_kind(cli: Runner, catalogue: str, kind: str) -> dict:
    shown = cli("catalogue", "show", catalogue, "--json").json()
    return next(i for c in shown["criteria"] for i in c["indicators"] if i["kind"] == kind)


def test_kind_specific_bad_values(cli: Runner) -> None:
    aid = cli("assessment", "new", "--commune", "06385", "--year", "2016").out.strip()
    count = _indicator_of_kind(cli, "QD34-2014", "count")
    negative = cli("assessment", "set", aid, count["code"], "-1")
    assert negative.code == 3
    assert "VAL_NEGATIVE" in negative.err
    manual = _indicator_of_kind(cli, "QD34-2014", "manual")
    missing = cli("assessment", "set", aid, manual["code"], "points=10")
    assert missing.code == 3
    assert "VAL_JUSTIFICATION_REQUIRED" in missing.err
    above = cli(
        "assessment",
        "set",
        aid,
        manual["code"],
        f"points={manual['max_points'] + 1}",
        "--reason",
        "x",
    )
    assert above.code == 3
    assert "VAL_POINTS_OUT_OF_RANGE" in above.err
    good = cli(
        "assessment", "set", aid, manual["code"], "points=10", "--reason", "Có mô hình câu lạc bộ"
    )
    assert good.code == 0
    yes_no = _indicator_of_kind(cli, "QD34-2014", "yes_no")
    assert cli("assessment", "set", aid, yes_no["code"], "có").code == 0
    assert cli("assessment", "set", aid, yes_no["code"], "maybe").code == 3


def test_vietnamese_is_the_default_language(cli: Runner) -> None:
    result = cli("assessment", "show", "4242", lang="vi")
    assert result.code == 4
    assert "Không có" in result.err or "không" in result.err.lower()


def test_usage_errors_exit_2(cli: Runner) -> None:
    assert cli("assessment", "new", "--year", "2016").code == 2
    assert cli("frobnicate").code == 2


def test_python_dash_m_runs_without_traceback(home: Path) -> None:
    env = {**os.environ, "ASSESSOR_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "assessor_app", "assessment", "show", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_bug_gets_one_line_and_a_logged_traceback(
    cli: Runner, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessor_app.services import assessments

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(assessments, "list_assessments", broken)
    result = cli("assessment", "list")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err.count("\n") == 1
    log_file = home / "logs" / "assessor-app.log"
    assert str(log_file) in result.err
    assert "RuntimeError: simulated bug" in log_file.read_text(encoding="utf-8")


def test_units_set_category_and_catalogue_import(cli: Runner, tmp_path: Path) -> None:
    changed = cli("units", "set-category", "06385", "other", "--reason", "Theo quyết định của tỉnh")
    assert changed.code == 0
    assert cli("units", "show", "06385", "--json").json()["category"] == "other"
    refused = cli("units", "set-category", "06385", "lowland", "--reason", "x")
    assert refused.code == 3
    assert "UNIT_BAD_CATEGORY" in refused.err
    # A province publishing a corrected catalogue: a new version is stored beside the old one.
    document = json.loads(
        (ROOT / "resources" / "catalogues" / "qd06-2019.json").read_text(encoding="utf-8")
    )
    document["version"] = document["version"] + "-official-test"
    path = tmp_path / "official.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert cli("catalogue", "import", str(path)).code == 0
    again = cli("catalogue", "import", str(path))
    assert again.code == 0
    assert "already" in again.out
    versions = [
        c["version"] for c in cli("catalogue", "list", "--json").json() if c["code"] == "QD06-2019"
    ]
    assert len(versions) == 2
    assert (
        cli("catalogue", "show", "QD06-2019", "--json").json()["version"].endswith("-official-test")
    )


def test_assessment_delete(cli: Runner) -> None:
    aid = cli("assessment", "new", "--commune", "06385", "--year", "2016").out.strip()
    assert cli("assessment", "delete", aid).code == 2  # --reason is required
    assert cli("assessment", "delete", aid, "--reason", "Tạo nhầm").code == 0
    assert cli("assessment", "list", "--json").json() == []
    gone = cli("assessment", "show", aid)
    assert gone.code == 4
    assert "ASSESSMENT_NOT_FOUND" in gone.err
