"""Ingest throughput with -j 2 against -j 1, and database size per 1,000 articles.

Reads the first N cnn-lite articles from ../shared (skips when absent), ingests
them into two fresh databases through the same code path as `newsgraph ingest`
(one with a single process, one with two workers), and prints articles/s for
each, their ratio, and the database size scaled to 1,000 articles. Model
loading is excluded (the pool waits for its workers before the clock starts).

    .venv/bin/python benchmarks/ingest_scaling.py [--n 200] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "cnn-lite" / "articles.jsonl"


def sample(n: int, folder: Path) -> Path:
    path = folder / "sample.jsonl"
    with open(CORPUS, "rb") as src, open(path, "wb") as dst:
        dst.writelines(itertools.islice(src, n))
    return path


def db_bytes(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.close()
    return path.stat().st_size


def ingest(jsonl: Path, db: Path, jobs: int, batch_size: int):
    from newsgraph.batch import Ingester, IngestOptions
    from newsgraph.ingest import discover
    from newsgraph.settings import load_settings
    from newsgraph.store import Store

    settings = load_settings()
    sources, _ = discover([str(jsonl)])
    with Store(db) as store:
        ingester = Ingester(store, settings, IngestOptions(jobs=jobs, batch_size=batch_size)).start()
        started = time.perf_counter()
        summary = ingester.run(sources)
        elapsed = time.perf_counter() - started
    return summary, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl = sample(args.n, folder)
        rates = {}
        for jobs in (1, 2):
            db = folder / f"j{jobs}.db"
            summary, elapsed = ingest(jsonl, db, jobs, args.batch_size)
            rates[jobs] = summary.processed / elapsed
            print(f"-j {jobs}: {summary.line()}; {rates[jobs]:.2f} articles/s wall", flush=True)
            if jobs == 1:
                size = db_bytes(db)
                per_1000 = size / max(1, summary.ingested) * 1000
                print(f"database: {size / 1e6:.1f} MB for {summary.ingested} articles = "
                      f"{per_1000 / 1e6:.1f} MB per 1,000 articles")  # fmt: skip
        ratio = rates[2] / rates[1]
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(
            f"throughput ratio -j 2 / -j 1: {ratio:.2f}x (goal >= 1.7x) on {os.cpu_count()} cores, "
            f"load average {load}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
