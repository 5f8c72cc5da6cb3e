"""``newsgraph who NAME``: what the corpus says about one person or organisation."""

from __future__ import annotations

import argparse
import sys

from .store_queries import add_db_argument, open_store, print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("who", help="profile of a person or organisation across the stored articles")
    p.add_argument("name", help="a name, surname, alias or corpus entity id")
    add_db_argument(p)
    p.add_argument("--json", action="store_true", help="print the profile as JSON")
    p.add_argument("--limit", type=int, default=10, help="quotes, events and articles to show (default 10)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        ids = store.entity_ids_for(args.name)
        if not ids:
            print(f"newsgraph: no entity named {args.name!r} in {store.path}", file=sys.stderr)
            return 1
        profile = store.entity_profile(ids[0], limit=args.limit)
        others = [c for c in store.find_entities(args.name, limit=6) if c["id"] != profile["id"]]
    if args.json:
        profile["other_matches"] = others
        print_json(profile)
        return 0
    country = profile["country"] or "country unknown"
    print(f"{profile['name']}  [{profile['type']}, {country}]  id {profile['id']}")
    print(
        f"{profile['n_articles']} articles, {profile['n_mentions']} mentions, {profile['n_quotes']} quotes, "
        f"{profile['n_events_as_source']} events as source, {profile['n_events_as_target']} as target; "
        f"seen {profile['first_seen'] or '?'} to {profile['last_seen'] or '?'}"
    )
    if profile["aliases"]:
        print("also: " + ", ".join(profile["aliases"][:12]))
    if profile["titles"]:
        print_table(profile["titles"], [("title", "title", 40), ("first_seen", "first", 10),
                                        ("last_seen", "last", 10), ("n", "n", 6)], title="Titles over time")  # fmt: skip
    if profile["quotes"]:
        print_table(profile["quotes"], [("published", "date", 10), ("kind", "kind", 8), ("text", "quote", 90)],
                    title="Quotes")  # fmt: skip
    for key, label in (("events_as_source", "Events as source"), ("events_as_target", "Events as target")):
        if profile[key]:
            rows = [
                {"date": e["date"], "type": e["type"], "other": (e["target"] if key == "events_as_source"
                 else e["source"]) or {}, "sentence": e["sentence"]["text"]}
                for e in profile[key]
            ]  # fmt: skip
            for row in rows:
                row["other_country"] = _actor_country(row["other"])
            print_table(rows, [("date", "date", 10), ("type", "type", 10), ("other.name", "other actor", 28),
                               ("other_country", "country", 14), ("sentence", "sentence", 80)],
                        title=label)  # fmt: skip
    if profile["neighbours"]:
        print_table(profile["neighbours"], [("name", "name", 36), ("type", "type", 8), ("country", "country", 7),
                                            ("weight", "articles together", 8)], title="Most often alongside")  # fmt: skip
    if others:
        print(
            "other matches: "
            + "; ".join(f"{o['name']} ({o['type']}, {o['country'] or '?'}) {o['id']}" for o in others)
        )
    return 0


def _actor_country(actor: dict) -> str | None:
    """An event actor's country, marked when the corpus (not this article) supplied it."""
    country = actor.get("country")
    if country and actor.get("country_from") == "corpus":
        return f"{country} (corpus)"
    return country
