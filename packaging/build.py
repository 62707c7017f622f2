"""Build the one-folder program: `python packaging/build.py [--dist DIR]`.

Runs PyInstaller (`pip install pyinstaller`) on packaging/pyinstaller/assessor-app.spec and
prints where the program is, its size and how long it takes to print its version. The folder runs
on a computer of the same system without Python: the Windows installer (packaging/windows/) wraps
the folder built on Windows. docs/install.md says more.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pyinstaller" / "assessor-app.spec"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    """The built folder (`dist/assessor-app`), holding the program `assessor-app[.exe]`."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    return dist / "assessor-app"


def program(folder: Path) -> Path:
    return folder / ("assessor-app.exe" if sys.platform == "win32" else "assessor-app")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the folder goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args()
    started = time.perf_counter()
    folder = build(args.dist, args.work)
    built = time.perf_counter() - started
    started = time.perf_counter()
    version = subprocess.run(
        [str(program(folder)), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    first_run = time.perf_counter() - started
    print(f"{version}: {folder} ({folder_size(folder) / 1e6:.0f} MB), built in {built:.0f} s")
    print(f"`--version` took {first_run:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
