"""``newsgraph compact --db FILE``: rewrite the database without the room writing leaves in it."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from .store_queries import add_db_argument


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compact",
        help="rewrite the database packed: full-text indexes merged, free and half-empty pages gone",
        description="Merge each full-text index into one segment and rebuild every table and index "
        "packed (SQLite's VACUUM). Nothing read changes; the file gets smaller, most after a large load, "
        "deletes or a conversion from an older version. It reads and writes the whole file and needs "
        "free disk space about the size of the file.",
    )
    add_db_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..store import Store
    from . import settings_from

    path = Path(settings_from(args).db)
    if not path.is_file():
        print(f"newsgraph: error: {path}: no such database", file=sys.stderr)
        return 2
    size = path.stat().st_size
    free = shutil.disk_usage(path.resolve().parent).free
    if free < size:
        print(
            f"newsgraph: error: {path} takes {_mb(size)} and its disk has {_mb(free)} free: compacting "
            "writes a new copy of the file beside it",
            file=sys.stderr,
        )
        return 1
    print(f"compacting {path} ({_mb(size)})", file=sys.stderr)
    started = time.perf_counter()
    with Store(path) as store:
        before, after = store.compact(
            on_progress=lambda step, seconds: print(
                f"  {seconds:4.0f} s: {step}", file=sys.stderr, flush=True
            )
        )
    saved = 1 - after / before if before else 0.0
    print(
        f"{path}: {_mb(before)} -> {_mb(after)} ({saved:.0%} smaller) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"
