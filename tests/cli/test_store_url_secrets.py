"""A server store's password never leaks (issue 16): not into the settings file, a message, the log
file or pg_dump's command line, whether it is in the URL's user part or a `?password=` parameter.
libpq's other URLs (`postgres://`) are accepted; a driver the app lacks is INVALID_STORE_URL."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from assessor_app.cli.exit_codes import INVALID_INPUT
from assessor_app.domain.errors import InputError, StoreError
from assessor_app.i18n import render
from assessor_app.paths import migrations_dir
from assessor_app.services.settings import AppSettings, save_settings
from assessor_app.services.store_choice import checked_store_url, saved_form, server_url
from assessor_app.storage import postgres_dump
from assessor_app.storage.database import Database
from assessor_app.storage.database_postgres import driver_url, shown_url
from tests.cli.conftest import Runner

SECRET = "hunter2-bi-mat"
DOWN = "127.0.0.1:1"  # nothing listens there


def test_a_password_parameter_is_neither_saved_nor_shown_but_sslmode_is_kept() -> None:
    url = f"postgresql://can_bo@server/assessor?password={SECRET}&sslmode=verify-full&sslrootcert=/etc/ca.pem"
    kept = saved_form(url)
    assert SECRET not in kept
    assert "sslmode=verify-full" in kept
    assert make_url(kept).query["sslrootcert"] == "/etc/ca.pem"
    assert SECRET not in shown_url(url)
    assert SECRET not in shown_url(f"postgresql://can_bo:{SECRET}@server/assessor")


def test_the_settings_file_never_holds_a_password_parameter(tmp_path: Path) -> None:
    save_settings(AppSettings(store=f"postgresql://can_bo@server/assessor?password={SECRET}"))
    config = Path(os.environ["ASSESSOR_CONFIG"])
    text = config.read_text(encoding="utf-8")
    assert SECRET not in text
    assert json.loads(text)["store"] == "postgresql://can_bo@server/assessor"


def test_settings_fields_keep_the_encryption_asked_for() -> None:
    url = server_url("server", 5432, "assessor", "can_bo", {"sslmode": "require", "password": "x"})
    assert url == "postgresql://can_bo@server:5432/assessor?sslmode=require"


def test_libpq_s_postgres_scheme_is_accepted() -> None:
    url = checked_store_url("postgres://can_bo@server/assessor")
    assert driver_url(url).startswith("postgresql+psycopg://")


@pytest.mark.parametrize("scheme", ["postgresql+psycopg2", "postgresql+asyncpg"])
def test_another_driver_is_an_invalid_store_url(scheme: str) -> None:
    with pytest.raises(InputError) as caught:
        checked_store_url(f"{scheme}://can_bo:{SECRET}@server/assessor")
    assert caught.value.code == "INVALID_STORE_URL"
    assert SECRET not in str(caught.value)


def test_another_driver_on_the_command_line_is_refused_with_its_code(cli: Runner) -> None:
    url = f"postgresql+psycopg2://can_bo:{SECRET}@server/assessor"
    listed = cli("--store", url, "assessment", "list")
    assert listed.code == INVALID_INPUT
    assert "INVALID_STORE_URL" in listed.err
    moved = cli("store", "migrate", "--to", url)
    assert moved.code == INVALID_INPUT
    assert "STORE_TARGET_NOT_SERVER" in moved.err
    for result in (listed, moved):
        assert SECRET not in result.err + result.out
    assert "Unexpected" not in listed.err + moved.err


def test_a_refused_move_target_does_not_show_its_password(cli: Runner) -> None:
    moved = cli("store", "migrate", "--to", f"mysql://can_bo:{SECRET}@server/assessor")
    assert "STORE_TARGET_NOT_SERVER" in moved.err
    assert SECRET not in moved.err


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://can_bo:{SECRET}@{DOWN}/assessor",
        f"postgresql://can_bo@{DOWN}/assessor?password={SECRET}",
    ],
)
def test_no_message_or_log_line_holds_the_password(cli: Runner, home: Path, url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Database(url, migrations_dir())
    assert caught.value.code == "STORE_UNREACHABLE"
    assert SECRET not in render(caught.value, "en") + render(caught.value, "vi")
    failed = cli("--store", url, "assessment", "list")
    assert "STORE_UNREACHABLE" in failed.err
    assert SECRET not in failed.err + failed.out
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="ignore"), path


def test_pg_dump_gets_the_password_in_its_environment_not_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen.json"
    fake = tmp_path / "pg_dump"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"json.dump({{'argv': sys.argv, 'password': os.environ.get('PGPASSWORD')}}, open({str(seen)!r}, 'w'))\n"
        "open([a for a in sys.argv if a.startswith('--file=')][0][7:], 'wb').write(b'PGDMP')\n",
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv(postgres_dump.PG_DUMP_ENV, str(fake))
    for url in (
        f"postgresql+psycopg://can_bo:{SECRET}@server/assessor",
        f"postgresql://can_bo@server/assessor?sslmode=require&password={SECRET}",
    ):
        postgres_dump.dump(url, tmp_path / "copy.dump", shown_url(url))
        run = json.loads(seen.read_text(encoding="utf-8"))
        assert SECRET not in " ".join(run["argv"])
        assert run["password"] == SECRET
    assert "sslmode=require" in " ".join(run["argv"])
