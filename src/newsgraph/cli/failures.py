"""``newsgraph failures``: the inputs ingest could not read or extract, and why."""

from __future__ import annotations

import argparse
import sys

from ._args import count
from ._output import Column, add_output_arguments, write_rows
from .store_queries import add_db_argument, open_store

FAILURE_COLUMNS = (
    Column("file", "file", 48),
    Column("record", "record", 8),
    Column("reason", "reason", 80),
    Column("run", "run_id", 24),
    Column("when", "created_at", 25),
)


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
    p.add_argument("--limit", type=count, metavar="N", help="at most N rows (default: all)")
    add_output_arguments(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        run_id = args.run
        if args.last:
            latest = store.stats().get("latest_run")
            if latest is None:
                print("newsgraph: no ingest run recorded in this database", file=sys.stderr)
                return 0
            run_id = latest["id"]
        rows = store.failures(run_id=run_id, limit=-1 if args.limit is None else args.limit)
    write_rows(args, rows, FAILURE_COLUMNS)
    if rows:
        print(f"{len(rows)} failure(s)" + (f" in run {run_id}" if run_id else ""), file=sys.stderr)
    return 0
