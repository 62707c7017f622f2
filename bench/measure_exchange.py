"""Exchange measures of bench/run.py: export and import of a 200 MB bundle, and peak memory of
import / verify / export of a 1 GB bundle.

    python bench/measure_exchange.py [--pairs N] [--memory-mb MB]   (alone)
    python bench/run.py --only exchange                                (with the others)

The bundle holds one assessment whose evidence is what officials attach: photos (.jpg) and scans
(.pdf) of realistic sizes, random bytes behind the right magic numbers (they do not compress), and
a few text files (they do). Each operation runs in a child process that times only the service
call (the interpreter's start, opening the store and unlocking the key are not counted: the key is
written with a low scrypt cost so that unlocking costs milliseconds) and reports its peak memory
(VmHWM, reset when idle; `ru_maxrss` elsewhere) above the idle process's resident memory
(imports done, store open).

- export: `bundle_export.export` of the assessment, against `zip -0 -q -r` over a folder holding
  the same files plus their SHA-256 (`openssl dgst -sha256`, else `sha256sum`) (goal: ratio <= 1.0).
- import: `bundle_import.apply` of the bundle into a fresh copy of an office's store that trusts
  the team's key, against `unzip -q` plus the SHA-256 of every extracted file (goal: ratio <= 1.3).
- memory: the same three operations (verify too) on a 1 GB bundle, once each (goal: <= +50 MB).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # assessor_app is the installed one (PYTHONPATH may name another)

from run import Result  # noqa: E402  (bench/ is on the path: run.py is a script)

PASSPHRASE = "mật khẩu của đoàn kiểm tra"
AGENCY = "Sở Lao động - Thương binh và Xã hội Lạng Sơn"
MiB = 1024 * 1024


# --- the fixture: a team's store with one assessment and its evidence, an office's store ---------


def _cheap_keys() -> None:
    from assessor_app.bundles import keys

    keys.KDF_COST = keys.ScryptCost(n=2**10, r=8, p=1)  # unlocking is not what is measured


def _evidence_files(folder: Path, total_mb: int, seed: int) -> list[Path]:
    """Photos and scans (incompressible) and some text, about `total_mb` MiB in all."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    files: list[Path] = []
    words = ["biên", "bản", "kiểm", "tra", "xã", "phù", "hợp", "với", "trẻ", "em", "số", "dưới"]
    words += ["tuổi", "được", "cấp", "thẻ", "bảo", "hiểm", "y", "tế", "khai", "sinh", "hộ", "tịch"]
    budget = total_mb * MiB
    while budget > 0:
        roll = rng.random()
        if roll < 0.05:
            name, head, size = f"bien-ban-{len(files)}.txt", b"", rng.randint(200_000, 1_500_000)
            body = " ".join(rng.choices(words, k=size // 4)).encode()[:size]  # deflates ~3x
        else:
            photo = roll < 0.75
            name = f"anh-{len(files)}.jpg" if photo else f"scan-{len(files)}.pdf"
            head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" if photo else b"%PDF-1.7\n"
            size = rng.randint(1_500_000, 6_000_000) if photo else rng.randint(300_000, 4_000_000)
            body = head + os.urandom(size - len(head))
        size = min(len(body), max(budget, 1))
        (folder / name).write_bytes(body[:size])
        files.append(folder / name)
        budget -= size
    return files


def build(work: Path, total_mb: int) -> dict[str, Any]:
    """The team's store (key, assessment, evidence), its bundle, an office store trusting it,
    and a plain folder of the same files (the baselines' input)."""
    _cheap_keys()
    from assessor_app.services import assessments, bundle_export, keys, notes, reference_data, trust
    from assessor_app.services.workspace import open_workspace

    files = _evidence_files(work / "plain" / "evidence", total_mb, seed=total_mb)
    team = open_workspace(work / "team", actor="Hoàng Thị Lan")
    reference_data.initialise(team)
    keys.init_key(team, "Hoàng Thị Lan", AGENCY, PASSPHRASE, "team")
    created = assessments.create(team, "06400", 2026)
    assessments.set_value(team, created.id, "TC2.1", "49/50")
    for path in files:
        notes.attach_evidence(team, created.id, "TC2.1", path, caption=path.name)
    bundle = work / "bundle.ldbundle"
    bundle_export.export(team, [created.id], bundle, PASSPHRASE, include_drafts=True)
    office = open_workspace(work / "office", actor="Lý Thị Duyệt")
    reference_data.initialise(office)
    card = work / "card.json"
    keys.write_card(team, card)
    info = keys.key_info(team)
    assert info is not None
    trust.enrol_card(office, card, info.formatted)
    team.close()
    office.close()
    return {"assessment": created.id, "bundle": str(bundle)}


# --- the child: one timed operation --------------------------------------------------------------


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _idle_kb() -> int:
    """The memory resident now, with the high-water mark reset to it (Linux: clear_refs 5), so
    that the peak read after the operation is the operation's, not start-up's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    resident = _status_kb("VmRSS")
    return resident if resident is not None else _peak_kb()


def _peak_kb() -> int:
    peak = _status_kb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(operation: str, home: str, target: str, assessment: int) -> None:
    _cheap_keys()
    from assessor_app.services import bundle_export, bundle_import
    from assessor_app.services.workspace import open_workspace

    workspace = open_workspace(home, actor="Bench")
    idle = _idle_kb()
    started = time.perf_counter()
    if operation == "export":
        bundle_export.export(workspace, [assessment], Path(target), PASSPHRASE, True)
    elif operation == "import":
        result = bundle_import.apply(workspace, target)
        assert result.outcome == bundle_import.ACCEPTED, result
    else:
        assert bundle_import.verify(workspace, target).ok
    seconds = time.perf_counter() - started
    workspace.close()
    print(json.dumps({"seconds": seconds, "idle_kb": idle, "peak_kb": _peak_kb()}))


def _run_child(operation: str, home: Path, target: Path, assessment: int) -> dict[str, Any]:
    python = [sys.executable, "-S"] if sys.flags.no_site else [sys.executable]  # as this one
    command = [*python, __file__, "--child", operation, str(home), str(target)]
    env = {**os.environ, "LANG": "C.UTF-8"}
    out = subprocess.run(
        [*command, str(assessment)], env=env, check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.splitlines()[-1]))


# --- the operations and their baselines ----------------------------------------------------------


class Exchange:
    def __init__(self, work: Path, fixture: dict[str, Any]) -> None:
        self.work, self.fixture = work, fixture
        self.bundle = Path(fixture["bundle"])
        self.out = work / "out"

    def _fresh(self, path: Path) -> Path:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        return path

    def export(self) -> dict[str, Any]:
        target = self._fresh(self.work / "export.ldbundle")
        return _run_child("export", self.work / "team", target, self.fixture["assessment"])

    def office_copy(self) -> Path:
        copy = self._fresh(self.work / "office-copy")
        shutil.copytree(self.work / "office", copy)
        return copy

    def import_(self) -> dict[str, Any]:
        return _run_child("import", self.office_copy(), self.bundle, 0)

    def verify(self) -> dict[str, Any]:
        return _run_child("verify", self.office_copy(), self.bundle, 0)

    def zip_and_hash(self) -> float:
        target = self._fresh(self.work / "plain.zip")
        plain = self.work / "plain"
        started = time.perf_counter()
        subprocess.run(["zip", "-0", "-q", "-r", str(target), "."], cwd=plain, check=True)
        _sha256sum(plain)
        return time.perf_counter() - started

    def unzip_and_hash(self) -> float:
        folder = self._fresh(self.work / "unzipped")
        started = time.perf_counter()
        subprocess.run(["unzip", "-q", "-d", str(folder), str(self.bundle)], check=True)
        _sha256sum(folder)
        return time.perf_counter() - started


# The baselines hash at OpenSSL's speed, as hashlib does: coreutils' sha256sum is about 3 times
# slower here (no SHA extensions), which would flatter the ratios.
SHA256 = ["openssl", "dgst", "-sha256"] if shutil.which("openssl") else ["sha256sum"]
SHA256_NAME = "openssl sha256" if SHA256[0] == "openssl" else "sha256sum"


def _sha256sum(folder: Path) -> None:
    files = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    subprocess.run([*SHA256, *files], check=True, stdout=subprocess.DEVNULL)


def _interleaved(
    measure: Any, baseline: Any, count: int
) -> tuple[float, float, list[dict[str, Any]]]:
    """Median seconds of `measure` (a child's report) and `baseline`, alternated after one warm-up."""
    baseline(), measure()
    times: list[float] = []
    base: list[float] = []
    reports: list[dict[str, Any]] = []
    for _ in range(count):
        base.append(baseline())
        report = measure()
        reports.append(report)
        times.append(report["seconds"])
    return statistics.median(times), statistics.median(base), reports


def _extra_mb(report: dict[str, Any]) -> float:
    return float(report["peak_kb"] - report["idle_kb"]) / 1024


def measures(pairs: int, memory_mb: int = 1024, size_mb: int = 200) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as folder:
        work = Path(folder) / f"{size_mb}mb"
        work.mkdir()
        bench = Exchange(work, build(work, size_mb))
        export, zipped, reports = _interleaved(bench.export, bench.zip_and_hash, pairs)
        extra = max(_extra_mb(r) for r in reports)
        results.append(
            Result(
                f"export: {size_mb} MB bundle (+{extra:.0f} MB)",
                f"zip -0 + {SHA256_NAME}",
                export,
                zipped,
                "ratio ≤ 1.0",
            )
        )
        imported, unzipped, reports = _interleaved(bench.import_, bench.unzip_and_hash, pairs)
        extra = max(_extra_mb(r) for r in reports)
        results.append(
            Result(
                f"import: {size_mb} MB bundle (+{extra:.0f} MB)",
                f"unzip + {SHA256_NAME}",
                imported,
                unzipped,
                "ratio ≤ 1.3",
            )
        )
        shutil.rmtree(work)
        if memory_mb:
            results.extend(_memory(Path(folder), memory_mb))
    return results


def _memory(folder: Path, size_mb: int) -> list[Result]:
    """Each operation once on a `size_mb` bundle: its peak memory above the idle process's."""
    work = folder / f"{size_mb}mb"
    work.mkdir()
    bench = Exchange(work, build(work, size_mb))
    rows = []
    for name, run, baseline, label in (
        ("import", bench.import_, bench.unzip_and_hash, f"unzip + {SHA256_NAME}"),
        ("verify", bench.verify, bench.unzip_and_hash, f"unzip + {SHA256_NAME}"),
        ("export", bench.export, bench.zip_and_hash, f"zip -0 + {SHA256_NAME}"),
    ):
        base = baseline()
        report = run()
        rows.append(
            Result(
                f"memory: {name} of a {size_mb} MB bundle, peak +{_extra_mb(report):.0f} MB",
                label,
                report["seconds"],
                base,
                "≤ +50 MB over idle",
            )
        )
    shutil.rmtree(work)
    return rows


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        operation, home, target, assessment = sys.argv[2:6]
        child(operation, home, target, int(assessment))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--memory-mb", type=int, default=1024, help="0: skip the memory rows")
    parser.add_argument("--size-mb", type=int, default=200)
    args = parser.parse_args()
    for r in measures(args.pairs, args.memory_mb, args.size_mb):
        print(
            f"| {r.measure} | {r.baseline} | {r.median_s:.3f} s | {r.baseline_median_s:.3f} s | "
            f"{r.ratio:.2f}× | {r.goal} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
