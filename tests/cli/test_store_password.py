"""A store on a server that asks for a password (issue 16): the command line asks for it on a
terminal (kept in memory only) and, without a terminal, fails with a coded message naming the
PostgreSQL password file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.cli.main import run
from assessor_app.storage import database_postgres
from tests.postgres_server import PostgresServer, postgres_server

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server"]

PASSWORD = "mat-khau-Bi-Mat-42"


@pytest.fixture
def locked_url(
    postgres_server: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A store on the throwaway server for a user with a password libpq cannot find."""
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("PGSERVICEFILE", raising=False)
    url = postgres_server.password_database("can_bo_mk", PASSWORD)
    yield url
    database_postgres.forget_password(url)
    postgres_server.drop_database(url.rsplit("/", 1)[1])


def test_without_a_terminal_the_command_says_where_to_put_the_password(
    locked_url: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assessor_app.app", "--store", locked_url, "--home",
         str(tmp_path / "home"), "--lang", "en", "profile", "show"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        env=_env(tmp_path),
    )  # fmt: skip
    assert done.returncode != 0
    assert "[STORE_PASSWORD_NEEDED]" in done.stderr
    assert "pgpass" in done.stderr
    assert "PGPASSFILE" in done.stderr
    assert "can_bo_mk" in done.stderr
    assert "Traceback" not in done.stderr


def test_on_a_terminal_it_asks_again_after_a_wrong_password(
    locked_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    typed = iter(["sai-mat-khau", PASSWORD])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    home = tmp_path / "home"
    code = run(["--store", locked_url, "--home", str(home), "--lang", "en", "profile", "show"])
    assert code == 0, capsys.readouterr().err
    assert len(prompts) == 2
    assert "can_bo_mk" in prompts[0]
    assert "127.0.0.1" in prompts[0]
    err = capsys.readouterr().err
    assert "refused the password" in err
    assert PASSWORD not in err
    for path in home.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_the_officers_commands_ask_for_the_password_too(
    locked_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """`store officers` connects without opening a workspace: it asks on a terminal all the same."""
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt="": prompts.append(prompt) or PASSWORD)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    code = run(["--store", locked_url, "--home", str(tmp_path / "home"), "--lang", "en",
                "store", "officers", "--json"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert len(prompts) == 1
    assert "can_bo_mk" in prompts[0]


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PGPASSFILE"] = str(tmp_path / "no-pgpass")
    env.pop("PGPASSWORD", None)
    env["ASSESSOR_CONFIG"] = str(tmp_path / "config" / "settings.json")
    return env
