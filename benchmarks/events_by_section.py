"""Events per article by news section on the CNN Lite corpus (../shared/corpora/cnn-lite).

Political acts belong to world and politics news; sport, style and entertainment
stories should produce few of them. For each section the script takes up to
``--limit`` articles (evenly spread over the file, so a run is repeatable and
bounded), runs the full pipeline and prints per section: articles, events per
article, the share of events with no actor at all and the share whose actors
include a state, government body, organisation, armed group or named official.
The last lines give the two groups' means and their ratio (soft news over hard
news: lower is better).

    python benchmarks/events_by_section.py                 # 12 articles a section
    python benchmarks/events_by_section.py --limit 40 --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpora" / "cnn-lite" / "articles.jsonl"
# Sections whose stories are not about political acts, and those that mostly are.
SOFT_SECTIONS = ("sport", "style", "entertainment")
HARD_SECTIONS = ("politics", "world", "middleeast", "europe", "americas", "asia", "africa", "china", "uk")


def pick_articles(path: Path, sections: tuple[str, ...], limit: int) -> dict[str, list[dict]]:
    """Up to ``limit`` records per section, spread evenly over the file's order."""
    by_section: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("section") in sections and record.get("text"):
                by_section[record["section"]].append(record)
    picked: dict[str, list[dict]] = {}
    for section in sections:
        records = by_section.get(section, [])
        if not records:
            continue
        step = max(1, len(records) // limit)
        picked[section] = records[::step][:limit]
    return picked


def actor_kind(actor) -> str:
    """'none', 'political' (state, government, organisation, armed group, official) or 'other'."""
    if actor is None:
        return "none"
    if actor.country or actor.sector or actor.entity:
        return "political"
    return "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=12, help="articles per section (default 12)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    if not args.path.is_file():
        print(f"CNN Lite corpus not found: {args.path} (skipping)", file=sys.stderr)
        return 0
    from newsgraph.nlp.pipeline import Pipeline

    picked = pick_articles(args.path, SOFT_SECTIONS + HARD_SECTIONS, args.limit)
    total = sum(len(v) for v in picked.values())
    pipeline = Pipeline()
    rows: dict[str, dict] = {}
    done = 0
    started = time.perf_counter()
    for section, records in picked.items():
        events = no_actor = political = 0
        for record in records:
            result = pipeline.extract(
                record["text"], published=record.get("published"), title=record.get("title")
            )
            for event in result.events:
                events += 1
                kinds = {actor_kind(event.source), actor_kind(event.target)}
                if kinds == {"none"}:
                    no_actor += 1
                if "political" in kinds:
                    political += 1
            done += 1
            print(f"\r{done}/{total} articles", end="", file=sys.stderr, flush=True)
        rows[section] = {
            "articles": len(records),
            "events": events,
            "events_per_article": round(events / len(records), 2),
            "no_actor_share": round(no_actor / events, 2) if events else 0.0,
            "political_actor_share": round(political / events, 2) if events else 0.0,
        }
    print(file=sys.stderr)

    def group_mean(sections: tuple[str, ...]) -> float:
        arts = sum(rows[s]["articles"] for s in sections if s in rows)
        evs = sum(rows[s]["events"] for s in sections if s in rows)
        return round(evs / arts, 2) if arts else 0.0

    soft, hard = group_mean(SOFT_SECTIONS), group_mean(HARD_SECTIONS)
    summary = {
        "soft_events_per_article": soft,
        "hard_events_per_article": hard,
        "soft_over_hard": round(soft / hard, 2) if hard else None,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps({"sections": rows, "summary": summary}, indent=2))
        return 0
    print(f"{'section':14} {'articles':>8} {'events':>7} {'ev/art':>7} {'no actor':>9} {'political':>10}")
    for section, row in rows.items():
        group = "soft" if section in SOFT_SECTIONS else "hard"
        print(
            f"{section:14} {row['articles']:8} {row['events']:7} {row['events_per_article']:7.2f} "
            f"{row['no_actor_share']:9.2f} {row['political_actor_share']:10.2f}  ({group})"
        )
    print(f"soft news (sport, style, entertainment): {soft:.2f} events/article")
    print(f"hard news (politics and world sections): {hard:.2f} events/article")
    print(f"ratio soft/hard: {summary['soft_over_hard']}  ({summary['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
