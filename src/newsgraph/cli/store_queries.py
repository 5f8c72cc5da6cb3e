"""Shared printing for the store's question commands: a table, or JSON with --json.

``query_quotes`` and ``query_events`` serve the ``quotes`` and ``events``
commands when they are given no PATH (they then ask the database).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default newsgraph.db, or $NEWSGRAPH_DB)")


def open_store(args: argparse.Namespace):
    """The store named by --db / settings, read-only: questions never write."""
    from ..errors import StoreError
    from ..settings import load_settings
    from ..store import Store
    from . import settings_from

    path = getattr(args, "db", None)
    if not path:
        # settings_from reads --config/$NEWSGRAPH_DB; a bare Namespace falls back to the defaults.
        path = settings_from(args).db if hasattr(args, "config") else load_settings().db
    try:
        return Store(path, read_only=True)
    except StoreError as exc:
        raise StoreError(f"{exc} (create it with `newsgraph ingest PATH --db {path}`)") from exc


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _cell(value: Any, width: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or ""
    text = " ".join(str(value).split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def print_table(
    rows: Sequence[dict], columns: Sequence[tuple[str, str, int | None]], *, title: str | None = None
) -> None:
    """Rows as a table; columns are (key, header, max width)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for _, header, width in columns:
        table.add_column(header, overflow="fold", max_width=width)
    for row in rows:
        table.add_row(*(_cell(row.get(key), width) for key, _, width in columns))
    Console(soft_wrap=False).print(table)
    if not rows:
        print("(no results)", file=sys.stderr)


def _limit(args: argparse.Namespace, default: int = 50) -> int:
    limit = getattr(args, "limit", None)
    return default if limit is None else max(0, int(limit))


def query_quotes(args: argparse.Namespace) -> int:
    """Print the quotes in the database matching --speaker/--about/--since/--until."""
    with open_store(args) as store:
        rows = store.quotes(
            speaker=getattr(args, "speaker", None),
            about=getattr(args, "about", None),
            since=getattr(args, "since", None),
            until=getattr(args, "until", None),
            limit=_limit(args),
        )
    if getattr(args, "json", False):
        print_json(rows)
        return 0
    print_table(
        rows,
        [("published", "date", 10), ("speaker_name", "speaker", 24), ("kind", "kind", 8),
         ("cue", "cue", 14), ("text", "quote", 80), ("article_id", "article", 16)],
    )  # fmt: skip
    return 0


def query_events(args: argparse.Namespace) -> int:
    """Print the events in the database matching the filters of the ``events`` command."""
    with open_store(args) as store:
        rows = store.events(
            type=getattr(args, "type", None),
            source=getattr(args, "source", None),
            target=getattr(args, "target", None),
            country=getattr(args, "country", None),
            place=getattr(args, "place", None),
            since=getattr(args, "since", None),
            until=getattr(args, "until", None),
            limit=_limit(args),
        )
    if getattr(args, "json", False):
        print_json(rows)
        return 0
    for row in rows:
        row["source_label"] = _actor_label(row["source"])
        row["target_label"] = _actor_label(row["target"])
        row["place"] = row["location"]["name"] if row["location"] else None
    print_table(
        rows,
        [("date", "date", 10), ("type", "type", 10), ("source_label", "source", 28),
         ("trigger", "trigger", 14), ("target_label", "target", 28), ("place", "place", 18),
         ("modality", "modality", 12), ("article_id", "article", 16)],
    )  # fmt: skip
    return 0


def _actor_label(actor: dict | None) -> str | None:
    if not actor:
        return None
    name = actor.get("name") or ""
    return f"{name} ({actor['country']})" if actor.get("country") else name
