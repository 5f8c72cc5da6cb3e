"""``newsgraph failures``: the inputs ingest could not read or extract, and why."""

from __future__ import annotations

import argparse
import sys

from .store_queries import add_db_argument, open_store, print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "failures",
        help="list the inputs ingest could not read or extract (the failures table)",
        description="List recorded ingest failures, newest first: file, record, reason, run and time.",
    )
    add_db_argument(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--run", metavar="ID", help="only the failures of this run")
    which.add_argument("--last", action="store_true", help="only the failures of the latest run")
    p.add_argument("--limit", type=int, metavar="N", help="at most N rows (default: all)")
    p.add_argument("--json", action="store_true", help="print the rows as a JSON array")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        print("newsgraph: error: --limit must be 0 or more", file=sys.stderr)
        return 2
    with open_store(args) as store:
        run_id = args.run
        if args.last:
            latest = store.stats().get("latest_run")
            if latest is None:
                print("newsgraph: no ingest run recorded in this database", file=sys.stderr)
                return 0
            run_id = latest["id"]
        rows = store.failures(run_id=run_id, limit=-1 if args.limit is None else args.limit)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        rows,
        [("file", "file", 48), ("record", "record", 8), ("reason", "reason", 80), ("run_id", "run", 24),
         ("created_at", "when", 25)],
    )  # fmt: skip
    if rows:
        scope = f" in run {run_id}" if run_id else ""
        print(f"{len(rows)} failure(s){scope}", file=sys.stderr)
    return 0
