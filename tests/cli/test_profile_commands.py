"""`profile set` / `profile show` (issue 15, review): a province office set up from the command
line names its person and office, and a release it publishes says so."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Runner


def test_set_and_show_the_profile(cli: Runner, tmp_path: Path) -> None:
    home = ("--home", str(tmp_path / "province"))
    made = cli("profile", "set", "--kind", "province", "--name", "Lê Thị Thu",
               "--agency", "health", "--office", "20", *home)  # fmt: skip
    assert made.code == 0, made.err
    shown = cli("profile", "show", "--json", *home).json()
    assert shown["kind"] == "province"
    assert shown["name"] == "Lê Thị Thu"
    assert shown["agency"] == "health"
    assert shown["office"]["code"] == "20"
    assert shown["unit_list"]  # the list in force by default
    words = cli("profile", "show", *home, lang="vi").out
    assert "Lê Thị Thu" in words
    assert "Lạng Sơn (20)" in words
    audit = cli("audit", "verify-store", "--json", *home)
    assert audit.code == 0, audit.err


def test_a_bad_office_is_refused(cli: Runner, tmp_path: Path) -> None:
    home = ("--home", str(tmp_path / "team"))
    refused = cli("profile", "set", "--kind", "province", "--name", "Lê Thị Thu",
                  "--agency", "health", "--office", "99999", *home)  # fmt: skip
    assert refused.code != 0
    assert "PROFILE_BAD_OFFICE" in refused.err
    assert cli("profile", "show", "--json", *home).json()["kind"] == "team"
