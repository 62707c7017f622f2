"""The one-folder build runs without Python: it is built with PyInstaller (packaging/build.py) and
its program runs `--version`, `init`, `score` and opens and closes the main window offscreen, with
no Python on PATH and no virtual environment. Marked `build` (about a minute):
`pytest -m "not build"` skips it locally; CI runs it. Its size and start-up time go to
test-artifacts/build-report.txt."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from types import ModuleType

import pytest

import assessor_app

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
