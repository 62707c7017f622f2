"""Benchmark (not a test): a 1 GB evidence file into and out of a PostgreSQL store, issue 16.

    python bench/measure_evidence_pg.py postgresql://user@host/db [--mib 1024]
    python bench/measure_evidence_pg.py [--mib 1024]     # on a throwaway cluster (as the tests')

Writes a file of random chunks to a temporary folder, stores it through `DatabaseEvidence`
(`adopt`, as an import does), reads it back as a stream, and prints seconds and the peak memory
traced by tracemalloc for each step, then the process's peak resident memory (what the system
saw, the interpreter and its libraries included). The database is migrated when it is opened.
Without a URL, a throwaway cluster is started as tests/postgres_server.py starts the tests' (Debian's
`postgresql` binaries, a temporary folder, a local port) and removed afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if (
    str(ROOT) not in sys.path
):  # run as `python bench/measure_evidence_pg.py`: tests/ for the cluster
    sys.path.insert(0, str(ROOT))

from assessor_app.paths import migrations_dir  # noqa: E402 (after the path set-up above)
from assessor_app.storage.database import Database  # noqa: E402
from assessor_app.storage.evidence import CHUNK  # noqa: E402
from assessor_app.storage.evidence_database import DatabaseEvidence  # noqa: E402


@contextlib.contextmanager
def server_url(url: str | None) -> Iterator[str]:
    if url is not None:
        yield url
        return
    from tests.postgres_server import started_server

    with started_server() as server:
        yield server.url(server.create_database())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url", nargs="?", help="default: a throwaway cluster")
    parser.add_argument("--mib", type=int, default=1024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, server_url(args.url) as url:
        source = Path(folder) / "big.bin"
        digest = hashlib.sha256()
        block = os.urandom(CHUNK)
        with open(source, "wb") as out:
            for index in range(args.mib):
                piece = block[:-4] + index.to_bytes(4, "big")
                out.write(piece)
                digest.update(piece)
        sha256 = digest.hexdigest()
        database = Database(url, migrations_dir())
        store = DatabaseEvidence(database, Path(folder) / "cache")
        try:
            for step, work in (
                ("store", lambda: store.adopt(source, sha256)),
                ("read back", lambda: store.verify(sha256)),
            ):
                tracemalloc.start()
                started = time.perf_counter()
                result = work()
                seconds = time.perf_counter() - started
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"{step}: {seconds:.1f} s, peak {peak / 2**20:.1f} MiB, {result}")
            store.discard(sha256)
        finally:
            database.close()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"peak resident memory of the process: {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
