"""``newsgraph stats``: what the database holds."""

from __future__ import annotations

import argparse

from .store_queries import add_db_argument, open_store, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="counts of articles, entities, quotes, events... in the database")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print the counts as a JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        stats = store.stats()
    if args.json:
        print_json(stats)
        return 0
    for key, value in stats.items():
        if isinstance(value, int):
            print(f"{key:<22} {value:>10,}")
    if stats["published_range"]["first"]:
        print(f"{'published':<22} {stats['published_range']['first']} to {stats['published_range']['last']}")
    if stats["events_by_type"]:
        print("events by type: " + ", ".join(f"{t} {n}" for t, n in stats["events_by_type"].items()))
    run_info = stats["latest_run"]
    if run_info:
        print(
            f"latest run {run_info['id']} ({run_info['status']}): ingested {run_info['n_ingested']}, "
            f"duplicates skipped {run_info['n_duplicates']}, failed {run_info['n_failed']}"
        )
    return 0
