"""Question latency on a 10,000-article store, database size, and writer memory growth.

Builds the store once: a few hundred real cnn-lite articles are extracted (in
worker processes, so this process only writes), then written again and again
as varied copies (names and places letter-shifted, figures digit-shifted,
dates moved; offsets unchanged) through ``Store.add_document``, so entity
resolution and event clustering run as in a real ingest. Prints peak RSS of
the writer at 1,000 and 10,000 articles, MB per 1,000 articles, and the p95
latency of every question (goal < 100 ms).

    .venv/bin/python benchmarks/store_queries.py [--base 300] [--total 10000] [--db FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import pickle
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "cnn-lite" / "articles.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pipeline_fingerprint() -> str:
    """A digest of every file of the installed newsgraph package: records extracted by another version of
    it are extracted again (a kept file of older records once made the store look 5% larger)."""
    import hashlib

    import newsgraph

    digest = hashlib.sha256()
    root = Path(newsgraph.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus_articles(source: Path, n: int) -> list:
    """The articles among the first ``n`` lines of the cnn-lite file ``source`` (a line that is not one is
    left out)."""
    from newsgraph.ingest import FieldMap, read_jsonl
    from newsgraph.records import Article

    with open(source, "rb") as fh:
        return [a for a in itertools.islice(read_jsonl(fh, "cnn", FieldMap()), n) if isinstance(a, Article)]


def extract_base(n: int, cache: Path) -> list:
    """DocumentRecords of the first n corpus articles, extracted once by this version of newsgraph (cached
    in a pickle with the version's ``_pipeline_fingerprint``)."""
    fingerprint = _pipeline_fingerprint()
    if cache.is_file():
        with open(cache, "rb") as fh:
            kept = pickle.load(fh)
        # A list: a file from before the fingerprint, made by some version.
        if isinstance(kept, dict) and kept.get("fingerprint") == fingerprint and len(kept["records"]) >= n:
            return kept["records"][:n]
    from newsgraph.batch import ExtractionPool
    from newsgraph.settings import load_settings

    articles = corpus_articles(CORPUS, n)
    records = []
    started = time.perf_counter()
    with ExtractionPool(load_settings(), jobs=2) as pool:
        batches = (articles[i : i + 16] for i in range(0, len(articles), 16))
        for _, results in pool.map_batches(batches):
            records.extend(r for r, _ in results if r is not None)
    print(f"extracted {len(records)} base articles in {time.perf_counter() - started:.0f} s", flush=True)
    with open(cache, "wb") as fh:
        pickle.dump({"fingerprint": fingerprint, "records": records}, fh)
    return records


def _shift_letters(text: str, k: int) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + k) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def _shift_digits(text: str, k: int) -> str:
    return "".join(chr((ord(c) - 48 + k) % 10 + 48) if "0" <= c <= "9" else c for c in text)


def vary(record, copy: int):
    """A copy with names and places renamed, figures and dates changed; every offset still holds."""
    k_letters, k_digits = copy % 25 + 1, copy % 9 + 1
    text = record.article.text
    chars = list(_shift_digits(text, k_digits))
    spans = [(m.start, m.end) for e in record.entities for m in e.mentions if e.type != "NORP"]
    spans += [(m.start, m.end) for p in record.places for m in p.mentions]
    for start, end in spans:
        chars[start:end] = _shift_letters("".join(chars[start:end]), k_letters)
    new_text = "".join(chars) + f"\n\n(copy {copy})"

    def rename(value):
        return _shift_letters(value, k_letters) if isinstance(value, str) else value

    def rebuild(obj):
        if isinstance(obj, tuple):
            return tuple(rebuild(o) for o in obj)
        if not dataclasses.is_dataclass(obj):
            return obj
        changes = {}
        for field in dataclasses.fields(obj):
            value = getattr(obj, field.name)
            if dataclasses.is_dataclass(value) or isinstance(value, tuple):
                changes[field.name] = rebuild(value)
        names = {f.name for f in dataclasses.fields(obj)}
        if {"start", "end", "text"} <= names and isinstance(obj.start, int) and isinstance(obj.end, int):
            changes["text"] = new_text[obj.start : obj.end]
        for key in ("name", "speaker_name", "addressee_name"):
            if key in names:
                changes[key] = rename(getattr(obj, key))
        return dataclasses.replace(obj, **changes)

    published = record.article.published
    article = dataclasses.replace(
        record.article,
        id=f"{record.article.id}-{copy}",
        text=new_text,
        published=published + timedelta(days=copy % 60) if published else None,
    )
    fields = {
        f.name: rebuild(getattr(record, f.name)) for f in dataclasses.fields(record) if f.name != "article"
    }
    return dataclasses.replace(record, article=article, **fields)


def build_store(db: Path, base: list, total: int) -> dict:
    from newsgraph.store import Store

    figures: dict[int | str, float] = {}
    started = time.perf_counter()
    with Store(db) as store:
        written = 0
        for copy in itertools.count():
            with store.atomic():
                for record in base:
                    store.add_document(vary(record, copy) if copy else record)
                    written += 1
                    if written in (1000, total):
                        figures[written] = peak_rss_mb()
                    if written >= total:
                        break
            if written >= total:
                break
    figures["seconds"] = time.perf_counter() - started
    return figures


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def time_questions(db: Path, rounds: int) -> dict[str, float]:
    from newsgraph.store import Store

    rng = random.Random(7)
    with Store(db, read_only=True) as store:
        people = [e["id"] for e in store.list_entities(type="PERSON", limit=200)]
        names = [e["name"] for e in store.list_entities(type="PERSON", limit=200)]
        words = [
            "Iran",
            "ceasefire",
            "election",
            "court",
            "oil prices",
            '"White House"',
            "tariffs",
            "NEAR(",
            "zzqx",
        ]
        countries = ["USA", "IRN", "ISR", "UKR", "RUS", "CHN"]
        articles = [a["id"] for a in store.list_articles(limit=200)]
        questions = {
            "list_articles": lambda: store.list_articles(limit=50, offset=rng.randrange(0, 500)),
            "list_articles(entity)": lambda: store.list_articles(entity=rng.choice(people)),
            "count_articles(since)": lambda: store.count_articles(since="2026-03-01"),
            "get_document": lambda: store.get_document(rng.choice(articles)),
            "list_entities": lambda: store.list_entities(limit=50, offset=rng.randrange(0, 500)),
            "list_entities(q)": lambda: store.list_entities(q=rng.choice(names)[:4]),
            "find_entities": lambda: store.find_entities(rng.choice(names)),
            "entity_profile": lambda: store.entity_profile(rng.choice(people)),
            "quotes(speaker)": lambda: store.quotes(speaker=rng.choice(people)),
            "quotes(about)": lambda: store.quotes(about=rng.choice(words)),
            "events(type)": lambda: store.events(type=rng.choice(["ASSAULT", "AGREE", "ACCUSE"])),
            "events(country)": lambda: store.events(country=rng.choice(countries)),
            "events(source)": lambda: store.events(source=rng.choice(names)),
            "events_timeline": lambda: store.events_timeline(),
            # The events page: its facets over every event, over one type's (both kept as events are
            # written), and over a country's and a date range's (counted from the events they select).
            "event_facets": lambda: store.event_facets(),
            "event_facets(type)": lambda: store.event_facets(type=rng.choice(["ASSAULT", "AGREE", "ACCUSE"])),
            "event_facets(country)": lambda: store.event_facets(country=rng.choice(countries)),
            "event_facets(since)": lambda: store.event_facets(since="2026-03-01"),
            "search": lambda: store.search(rng.choice(words)),
            "stats": lambda: store.stats(),
            "network": lambda: store.network(limit=200),
        }
        results = {}
        for name, ask in questions.items():
            samples = []
            for _ in range(rounds):
                started = time.perf_counter()
                ask()
                samples.append((time.perf_counter() - started) * 1000)
            results[name] = p95(samples)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=300, help="real articles extracted once")
    parser.add_argument("--total", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--rounds", type=int, default=40, help="timed calls per question")
    parser.add_argument("--db", help="reuse or keep the store at this path")
    parser.add_argument(
        "--cache", default=str(Path(tempfile.gettempdir()) / "newsgraph_bench_records.pickle")
    )
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: corpus not found at {CORPUS}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not db.exists():
            base = extract_base(args.base, Path(args.cache))
            figures = build_store(db, base, args.total)
            print(f"wrote {args.total} articles in {figures['seconds']:.0f} s "
                  f"({args.total / figures['seconds']:.0f} articles/s through add_document)")  # fmt: skip
            growth = figures[args.total] - figures[1000]
            print(f"writer peak RSS: {figures[1000]:.0f} MB at 1,000 articles, {figures[args.total]:.0f} MB at "
                  f"{args.total:,} (+{growth:.0f} MB; goal <= +100 MB)")  # fmt: skip
        import sqlite3

        from newsgraph.store import Store

        Store(db).close()  # a store built by an older version gets its pending migrations
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        n = conn.execute("SELECT COUNT(*) FROM article_rows").fetchone()[0]
        conn.close()
        size = db.stat().st_size
        print(f"database: {size / 1e6:.0f} MB for {n:,} articles = {size / n * 1000 / 1e6:.1f} MB per 1,000")
        results = time_questions(db, args.rounds)
        print(json.dumps({k: round(v, 1) for k, v in results.items()}, indent=1))
        worst = max(results, key=lambda name: results[name])
        print(f"p95 latency: worst {worst} {results[worst]:.1f} ms (goal < 100 ms); "
              f"{sum(v < 100 for v in results.values())}/{len(results)} questions under 100 ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
