"""``newsgraph events PATH...``: the PLOVER events of articles, as a table or JSON.

Without paths the command queries stored events instead (``--db`` and the
filter options), through :mod:`newsgraph.cli.store_queries`.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from ..records import Actor, DocumentRecord, Event

COLUMNS = ("type", "source", "target", "modality", "where", "when", "figures", "evidence")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("events", help="PLOVER-coded events of articles (or of the store, without paths)")
    p.add_argument("paths", nargs="*", metavar="PATH", help=".txt or .html files, or - for standard input")
    p.add_argument("--published", help="publication date YYYY-MM-DD, to resolve relative dates")
    p.add_argument("--format", choices=["text", "json"], default="text")
    store = p.add_argument_group("store query (without paths)")
    store.add_argument("--db", metavar="FILE", help="SQLite store to query")
    store.add_argument("--type", help="PLOVER event type, e.g. ASSAULT")
    store.add_argument("--source", help="source actor: entity id, name or country code")
    store.add_argument("--target", help="target actor: entity id, name or country code")
    store.add_argument("--country", help="either side's country (ISO alpha-3)")
    store.add_argument("--place", help="place name")
    store.add_argument("--since", help="earliest date YYYY-MM-DD")
    store.add_argument("--until", help="latest date YYYY-MM-DD")
    store.add_argument("--json", action="store_true", help="print JSON lines")
    store.add_argument("--limit", type=int, help="at most this many events")
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


def render_events(record: DocumentRecord) -> str:
    """A plain-text table of the record's events; the evidence column is left unpadded."""
    head = record.article.title or record.article.origin or record.article.id
    rows = [COLUMNS] + [event_row(e) for e in record.events]
    widths = [min(max(len(r[i]) for r in rows), 40) for i in range(len(COLUMNS) - 1)]
    lines = [f"== {head}: {len(record.events)} event(s)"]
    for row in rows:
        cells = [cell[:40].ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join(cells + [row[-1]]))
    return "\n".join(lines)


def events_json(record: DocumentRecord) -> dict:
    return {"article": record.article.id, "events": [asdict(e) for e in record.events]}


def run(args: argparse.Namespace) -> int:
    if not args.paths:
        from .store_queries import query_events  # written by the store; queries stored events

        return query_events(args)

    from ._articles import extract_paths

    def emit(record: DocumentRecord) -> None:
        if args.format == "json" or args.json:
            print(json.dumps(events_json(record), ensure_ascii=False))
        else:
            print(render_events(record))

    return extract_paths(args, emit)
