"""The one-folder build runs without Python: it is built with PyInstaller (packaging/build.py) and
its program runs `--version`, `init`, `score` and opens and closes the main window offscreen, with
no Python on PATH and no virtual environment, and works on a PostgreSQL store with the libpq it
carries (issue 16; a throwaway server from tests/postgres_server.py). Marked `build` (about a minute):
`pytest -m "not build"` skips it locally; CI runs it. Its size and start-up time go to
test-artifacts/build-report.txt."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from types import ModuleType

import pytest

import assessor_app
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def _load_build_script() -> ModuleType:
    """packaging/build.py, loaded by path (a module named `build` may be installed too)."""
    spec = importlib.util.spec_from_file_location("assessor_build", ROOT / "packaging" / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_script()

pytestmark = pytest.mark.build
__all__ = ["postgres_server", "postgres_url"]  # the fixtures the PostgreSQL test uses


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller")
    tmp = tmp_path_factory.mktemp("build")
    started = time.perf_counter()
    folder = build.build(tmp / "dist", tmp / "work")
    seconds = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "build-report.txt").write_text(
        f"one-folder build: {build.folder_size(folder) / 1e6:.0f} MB, built in {seconds:.0f} s\n",
        encoding="utf-8",
    )
    return folder


def _without_python(empty_bin: Path) -> dict[str, str]:
    """The environment of a laptop without Python: no venv, nothing on PATH (the program needs
    nothing from it)."""
    empty_bin.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return env | {"PATH": str(empty_bin), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


def test_the_built_program_runs_without_python(built: Path, tmp_path: Path) -> None:
    assert (
        built / ("assessor-app-window.exe" if os.name == "nt" else "assessor-app-window")
    ).is_file()
    program = str(build.program(built))
    env = _without_python(tmp_path / "bin") | {"ASSESSOR_HOME": str(tmp_path / "home")}
    assert shutil.which("python3", path=env["PATH"]) is None

    def run(*arguments: str) -> str:
        done = subprocess.run(
            [program, *arguments],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{arguments}: {done.stdout}\n{done.stderr}"
        return done.stdout

    started = time.perf_counter()
    assert run("--version").strip() == f"assessor-app {assessor_app.__version__}"
    version_seconds = time.perf_counter() - started
    run("init")
    request = tmp_path / "score-request.json"
    shutil.copy2(ROOT / "docs" / "examples" / "score-request.json", request)
    result = json.loads(run("score", str(request)))
    assert result["total"] == 855
    started = time.perf_counter()
    assert "main window" in run("check-gui", "--lang", "en")
    window_seconds = time.perf_counter() - started
    with (ARTIFACTS / "build-report.txt").open("a", encoding="utf-8") as report:
        report.write(f"--version {version_seconds:.2f} s; check-gui {window_seconds:.2f} s\n")


@pytest.mark.postgres
def test_the_built_program_works_on_a_postgresql_store(
    built: Path, tmp_path: Path, postgres_server: PostgresServer, postgres_url: str
) -> None:
    """The folder carries psycopg, its compiled wrapper and libpq with the libraries libpq needs:
    the program sets a server's store up, records an assessment there and lists the officers, as
    the administrator and as an officer, with nothing on PATH. PSYCOPG_IMPL=binary makes psycopg
    refuse to fall back on a libpq the machine may have."""
    # in psycopg_binary.libs/, as THIRD-PARTY-NOTICES.txt says (a link to it may sit beside)
    assert [p for p in built.rglob("psycopg_binary.libs/libpq*") if p.is_file()]
    (licence,) = built.rglob("psycopg_binary-*.dist-info/licenses/LICENSE.txt")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licence.read_text(encoding="utf-8")
    notices = next(built.rglob("THIRD-PARTY-NOTICES.txt")).read_text(encoding="utf-8")
    assert "libpq" in notices
    officer = f"u_{uuid.uuid4().hex[:10]}"
    postgres_server.psql(f"CREATE ROLE {officer} LOGIN")
    store = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    program = str(build.program(built))
    env = _without_python(tmp_path / "bin") | {
        "ASSESSOR_HOME": str(tmp_path / "home"),
        "PSYCOPG_IMPL": "binary",
    }

    def run(*arguments: str, url: str = store) -> str:
        done = subprocess.run(
            [program, "--store", url, "--lang", "en", *arguments],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{arguments}: {done.stdout}\n{done.stderr}"
        return done.stdout

    assert "127.0.0.1" in run("init")  # the server's store, not the data folder's file
    run("store", "grant", officer, "--role", "appraiser")
    assert json.loads(run("store", "officers", "--json"))[officer] == ["appraiser"]
    as_officer = store.replace("postgresql://postgres@", f"postgresql://{officer}@")
    created = run("assessment", "new", "--commune", "06385", "--year", "2016", url=as_officer)
    listed = json.loads(run("assessment", "list", "--json", url=as_officer))
    assert [str(item["id"]) for item in listed] == [created.strip()]
