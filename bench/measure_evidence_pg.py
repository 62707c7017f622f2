"""Benchmark (not a test): a 1 GB evidence file into and out of a PostgreSQL store, issue 16.

    python bench/measure_evidence_pg.py postgresql://user@host/db [--mib 1024]

Writes a file of random chunks to a temporary folder, stores it through `DatabaseEvidence`
(`adopt`, as an import does), reads it back as a stream, and prints seconds and the peak memory
traced by tracemalloc for each step. The database must be migrated (open it once with the app).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
import tracemalloc
from pathlib import Path

from assessor_app.paths import migrations_dir
from assessor_app.storage.database import Database
from assessor_app.storage.evidence import CHUNK
from assessor_app.storage.evidence_database import DatabaseEvidence


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--mib", type=int, default=1024)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "big.bin"
        digest = hashlib.sha256()
        block = os.urandom(CHUNK)
        with open(source, "wb") as out:
            for index in range(args.mib):
                piece = block[:-4] + index.to_bytes(4, "big")
                out.write(piece)
                digest.update(piece)
        sha256 = digest.hexdigest()
        database = Database(args.url, migrations_dir())
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


if __name__ == "__main__":
    main()
