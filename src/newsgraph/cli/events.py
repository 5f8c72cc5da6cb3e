"""``newsgraph events PATH...``: the PLOVER events of articles, as a table or JSON.

Without paths the command queries stored events instead (``--db`` and the
filter options), through :mod:`newsgraph.cli.store_queries`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ..plover import PLOVER_TYPES
from ..records import Actor, DocumentRecord, Event
from ._args import count, country_code, plover_type, since_date, until_date
from ._articles import add_article_arguments
from ._output import add_output_arguments, print_table, write_delimited

COLUMNS = ("type", "source", "target", "modality", "where", "when", "figures", "evidence")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "events",
        help="PLOVER-coded events of articles (or of the store, without paths)",
        description="Without PATH, list the events stored in the database (filters below). With PATH, "
        "extract the events of those articles: one result per record, in input order.",
    )
    add_article_arguments(p)
    store = p.add_argument_group("store query (without paths)")
    store.add_argument("--db", metavar="FILE", help="SQLite store to query")
    store.add_argument(
        "--type", type=plover_type, metavar="TYPE", help="PLOVER event type: " + ", ".join(PLOVER_TYPES)
    )
    store.add_argument("--source", help="source actor: entity id, name or country code")
    store.add_argument("--target", help="target actor: entity id, name or country code")
    store.add_argument("--country", type=country_code, help="either side's country (ISO alpha-3, e.g. UKR)")
    store.add_argument("--place", help="place name")
    store.add_argument(
        "--since", type=since_date, metavar="DATE", help="earliest date YYYY-MM-DD (or YYYY-MM, YYYY)"
    )
    store.add_argument(
        "--until", type=until_date, metavar="DATE", help="latest date YYYY-MM-DD (or YYYY-MM, YYYY)"
    )
    store.add_argument("--limit", type=count, help="at most this many events (default 50)")
    add_output_arguments(p)
    p.set_defaults(handler=run)


def actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    name = actor.name or "?"
    tags = "/".join(x for x in (actor.country, actor.sector) if x)
    return f"{name} [{tags}]" if tags else name


def event_row(event: Event) -> tuple[str, ...]:
    kind = event.type + (f":{event.mode}" if event.mode else "")
    where = "-"
    if event.location is not None:
        where = event.location.name + (f" [{event.location.country}]" if event.location.country else "")
    when = "-"
    if event.time is not None:
        when = event.time.value_start or event.time.text
        if event.time.value_end and event.time.value_end != event.time.value_start:
            when += f"..{event.time.value_end}"
    figures = ", ".join(f"{q.kind} {q.text}" for q in event.quantities) or "-"
    return (
        kind,
        actor_label(event.source),
        actor_label(event.target),
        event.modality,
        where,
        when,
        figures,
        f'"{event.trigger.text}": {event.sentence.text.strip()}',
    )


def article_head(record: DocumentRecord) -> str:
    """What names an article in listings: its title, else where it came from, else its id."""
    return record.article.title or record.article.origin or record.article.id


def render_events(record: DocumentRecord) -> str:
    """A plain-text table of the record's events; the evidence column is left unpadded."""
    head = article_head(record)
    rows = [COLUMNS] + [event_row(e) for e in record.events]
    widths = [min(max(len(r[i]) for r in rows), 40) for i in range(len(COLUMNS) - 1)]
    lines = [f"== {head}: {len(record.events)} event(s)"]
    for row in rows:
        cells = [cell[:40].ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join(cells + [row[-1]]))
    return "\n".join(lines)


def events_json(record: DocumentRecord) -> dict:
    return {"article": record.article.id, "events": [asdict(e) for e in record.events]}


def event_rows(record: DocumentRecord) -> list[dict]:
    """The record's events as rows shaped like the store's, for CSV and TSV."""
    published = record.article.published.isoformat() if record.article.published else None
    rows = []
    for event in record.events:
        row = asdict(event)
        row.update(
            article_id=record.article.id,
            published=published,
            date=(event.time.value_start if event.time else None) or published,
            source_label=actor_label(event.source) if event.source else None,
            target_label=actor_label(event.target) if event.target else None,
        )
        rows.append(row)
    return rows


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        if args.format:
            print("newsgraph: error: --format applies to PATH input; use --json, --nl, --csv or --tsv",
                  file=sys.stderr)  # fmt: skip
            return 2
        from .store_queries import query_events

        return query_events(args)

    from ._articles import extract_paths
    from .store_queries import EVENT_COLUMNS

    fmt = "nl" if args.format == "json" else args.output_format or args.format or "text"
    first = True

    def emit(record: DocumentRecord) -> None:
        nonlocal first
        if fmt in ("json", "nl"):
            print(json.dumps(events_json(record), ensure_ascii=False))
        elif fmt in ("csv", "tsv"):
            write_delimited(event_rows(record), EVENT_COLUMNS, sys.stdout, tsv=fmt == "tsv",
                            headers=first and not args.no_headers)  # fmt: skip
        elif fmt == "table":
            print_table(
                event_rows(record), [c for c in EVENT_COLUMNS if c.in_table], title=article_head(record)
            )
        else:
            print(render_events(record))
        first = False

    return extract_paths(args, emit)
