"""A wheel installed outside the checkout does what the README shows.

The wheel is built from a copy of the sources (the checkout is left as it was), installed into a
fresh virtual environment, and run from another folder: `--version`, `init`, `catalogue list`,
`units search`, `score`, a new assessment and its printed dossier. No network: the wheel is built
without build isolation (setuptools comes with the test extra) and the fresh environment borrows the
already installed dependencies through a `.pth` line, so only the app itself comes from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import assessor_app

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("assessor_app", "resources", "db", "pyproject.toml", "README.md", "LICENSE")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "alembic.ini")


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, f"{command} → {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=IGNORED)
        else:
            shutil.copy2(path, source / name)
    dist = tmp_path / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), "."],
        source,
    )
    (wheel,) = dist.glob("assessor_app-*.whl")
    return wheel


def _fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    _run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], tmp_path
    )
    purelib = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path
        ).strip()
    )
    borrowed = {
        sysconfig.get_path("purelib"),
        sysconfig.get_path("platlib"),
        *site.getsitepackages(),
    }
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n", "utf-8")
    return scripts


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("wheel")
    return _fresh_environment(tmp_path, _build_wheel(tmp_path))


def test_the_wheel_carries_the_resources_and_migrations(installed: Path) -> None:
    python = installed / ("python.exe" if os.name == "nt" else "python")
    where = _run(
        [
            str(python),
            "-c",
            "import assessor_app, assessor_app.paths as p; print(assessor_app.__file__);"
            " print(p.resource('catalogues')); print(p.migrations_dir())",
        ],
        installed,
    ).splitlines()
    venv = installed.parent.resolve()
    assert all(Path(line).resolve().is_relative_to(venv) for line in where), where


def test_the_installed_program_does_what_the_readme_shows(installed: Path, tmp_path: Path) -> None:
    program = str(installed / ("assessor-app.exe" if os.name == "nt" else "assessor-app"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV"))
    }
    env |= {
        "ASSESSOR_HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }

    def app(*arguments: str) -> str:
        return _run([program, *arguments], elsewhere, env)

    assert app("--version").strip() == f"assessor-app {assessor_app.__version__}"
    app("init")
    catalogues = json.loads(app("catalogue", "list", "--json"))
    assert {c["code"] for c in catalogues} >= {"QD34-2014", "QD06-2019"}
    assert "Hữu Lũng" in app("units", "search", "Huu Lung")

    request = elsewhere / "score-request.json"
    shutil.copy2(ROOT / "docs" / "examples" / "score-request.json", request)
    result = json.loads(app("score", str(request)))
    assert result["total"] == 855
    assert result["recognized"] is True

    assessment = app("assessment", "new", "--commune", "06385", "--year", "2016", "--kind", "team")
    assessment = assessment.strip()
    app("assessment", "set", assessment, "TC2.1", "49/50")
    dossier = elsewhere / "hồ sơ.pdf"
    app("report", "dossier", assessment, "--out", str(dossier))
    assert dossier.read_bytes().startswith(b"%PDF-")
