"""Shared printing for the store's question commands: a table, or JSON with --json.

``query_quotes`` and ``query_events`` serve the ``quotes`` and ``events``
commands when they are given no PATH (they then ask the database).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._output import Column, output_format, write_rows


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
        if Path(path).exists():
            raise  # it exists: its own message says what to do (an older file, not a database...)
        raise StoreError(f"{exc} (create it with `newsgraph ingest PATH --db {path}`)") from exc


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(
    rows: Sequence[dict], columns: Sequence[tuple[str, str, int | None]], *, title: str | None = None
) -> None:
    """Rows as a table on a terminal, TSV under a ``# title`` line when piped; columns are (key, header, width)."""
    from ._output import Column, write_delimited
    from ._output import print_table as print_rich_table

    specs = [Column(header, key, width) for key, header, width in columns]
    if not sys.stdout.isatty():
        if title:
            print(f"# {title}")
        write_delimited(rows, specs, sys.stdout, tsv=True, headers=True)
        return
    print_rich_table(rows, specs, title=title)
    if not rows:
        print("(no results)", file=sys.stderr)


def _limit(args: argparse.Namespace, default: int = 50) -> int:
    limit = getattr(args, "limit", None)
    return default if limit is None else max(0, int(limit))


QUOTE_COLUMNS = (
    Column("id", "id", in_table=False),
    Column("date", "published", 10),
    Column("speaker", "speaker_name", 24),
    Column("speaker_entity", "speaker", in_table=False),
    Column("speaker_text", "speaker_text", in_table=False),
    Column("speaker_country", "speaker_country", in_table=False),
    Column("kind", "kind", 8),
    Column("cue", "cue", 14),
    Column("quote", "text", 80),
    Column("start", "start", in_table=False),
    Column("end", "end", in_table=False),
    Column("article", "article_id", 16),
    Column("title", "title", in_table=False),
)

EVENT_COLUMNS = (
    Column("id", "id", in_table=False),
    Column("date", "date", 10),
    Column("published", "published", in_table=False),
    Column("type", "type", 10),
    Column("mode", "mode", in_table=False),
    Column("source", "source_label", 28, in_table=True),
    Column("source_entity", "source.entity", in_table=False),
    Column("source_name", "source.name", in_table=False),
    Column("source_country", "source.country", in_table=False),
    Column("trigger", "trigger.text", 14),
    Column("target", "target_label", 28),
    Column("target_entity", "target.entity", in_table=False),
    Column("target_name", "target.name", in_table=False),
    Column("target_country", "target.country", in_table=False),
    Column("place", "location.name", 18),
    Column("place_country", "location.country", in_table=False),
    Column("lat", "location.lat", in_table=False),
    Column("lon", "location.lon", in_table=False),
    Column("time_text", "time.text", in_table=False),
    Column("time_start", "time.value_start", in_table=False),
    Column("time_end", "time.value_end", in_table=False),
    Column("modality", "modality", 12),
    Column("confidence", "confidence", in_table=False),
    Column("quantities", "quantities", in_table=False),
    Column("sentence", "sentence.text", in_table=False),
    Column("article", "article_id", 16),
    Column("cluster", "cluster", in_table=False),
)


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
    write_rows(args, rows, QUOTE_COLUMNS)
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
    if output_format(args) not in ("json", "nl"):
        # Labels for the table and CSV only: JSON keeps the records as the store gives them.
        for row in rows:
            row["source_label"] = _actor_label(row["source"])
            row["target_label"] = _actor_label(row["target"])
    write_rows(args, rows, EVENT_COLUMNS)
    return 0


def _actor_label(actor: dict | None) -> str | None:
    if not actor:
        return None
    name = actor.get("name") or ""
    return f"{name} ({actor['country']})" if actor.get("country") else name
