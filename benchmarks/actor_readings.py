"""How many of the actor layer's choices its two bounds change, and what they cost the writer.

The actor layer chooses each entity row's country and titles from the readings of
its corpus entity in the ``READINGS_PER_ENTITY`` articles nearest in date, and
when an article is written it revisits the rows of the
``REVISITED_ARTICLES_PER_ENTITY`` nearest earlier articles. Both bound the
writer's work; neither is free: fewer readings weigh less evidence, fewer
revisits leave earlier choices as they were before a new reading arrived.

This writes the same documents, in the same order and batches, once per setting
``READINGS,REVISITED``, and compares every resolved entity row's stored choice
with the reference: the choice the final corpus gives that row, chosen afresh
from its ``--reference`` nearest readings (what a writer that revisited every
row after every article would store). It prints, per setting, the rows whose
country or titles differ from the reference and from the first setting, and
the writer's articles/s (on a small store: the cost of the bounds shows at
100,000 articles, see ``ray_scaling.py``).

The documents come from a store (``--db``: every article, read back in the
order written), or, without one, from varied copies of extracted cnn-lite
articles as ``store_queries.py`` makes them (``--articles``, default 6,000).

    .venv/bin/python benchmarks/actor_readings.py [--db news.db | --articles 6000]
        [--settings 50,20 30,20 30,10] [--reference 50]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgraph.corpus.actors import ReadingPool  # noqa: E402  (the path is set above)
from newsgraph.store import Store, corpus  # noqa: E402

BATCH = 256
Choice = tuple[str | None, tuple[str, ...]]


def documents_of(db: Path) -> list:
    from newsgraph.records import DocumentRecord

    with Store(db, read_only=True) as store:
        ids = [row[0] for row in store.conn.execute("SELECT id FROM articles ORDER BY key")]
        return [DocumentRecord.from_dict(store.get_document(article_id)) for article_id in ids]


def varied_documents(n: int) -> list:
    import store_queries

    base = store_queries.extract_base(300, Path(tempfile.gettempdir()) / "newsgraph_bench_records.pickle")
    copies = (store_queries.vary(r, c) if c else r for c in itertools.count() for r in base)
    return list(itertools.islice(copies, n))


def stored_choices(store: Store) -> dict[tuple[int, str], Choice]:
    return {
        (article_key, local_id): (country, tuple(json.loads(titles)))
        for article_key, local_id, country, titles in store.conn.execute(
            "SELECT article_key, local_id, actor_country, actor_titles FROM entity_rows "
            "WHERE corpus_entity_id IS NOT NULL"
        )
    }


def reference_choices(store: Store, readings_per_entity: int) -> dict[tuple[int, str], Choice]:
    """Each resolved row's choice from its nearest readings in the final corpus, read as the writer reads."""
    choices = {}
    rows = store.conn.execute(
        "SELECT article_key, local_id, corpus_entity_id, day, country, titles FROM entity_rows "
        "WHERE corpus_entity_id IS NOT NULL"
    ).fetchall()
    for article_key, local_id, corpus_id, day, country, titles in rows:
        readings = corpus.nearest_readings(store.conn, corpus_id, day, readings_per_entity)
        chosen = ReadingPool(readings).choose(corpus.row_reading(article_key, day, country, titles))
        choices[(article_key, local_id)] = (chosen.country, tuple(chosen.titles))
    return choices


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store whose documents are written again")
    parser.add_argument("--articles", type=int, default=6000, help="varied cnn-lite copies, without --db")
    parser.add_argument("--settings", nargs="+", default=["50,20", "30,20", "30,10"], metavar="READ,REVISIT")
    parser.add_argument("--reference", type=int, default=50, help="readings per row of the reference choice")
    args = parser.parse_args()
    settings: list[tuple[int, int]] = []
    for setting in args.settings:
        readings, revisited = (int(x) for x in setting.split(","))
        settings.append((readings, revisited))
    if args.db is not None and not args.db.is_file():
        parser.error(f"no store at {args.db}")
    if args.db is None:
        import store_queries

        if not store_queries.CORPUS.is_file():
            print(f"skipped: corpus not found at {store_queries.CORPUS} (give --db a store instead)")
            return 0
    documents = documents_of(args.db) if args.db else varied_documents(args.articles)
    print(
        f"{len(documents):,} documents; reference: each row's {args.reference} nearest readings in the final corpus"
    )
    saved = corpus.READINGS_PER_ENTITY, corpus.REVISITED_ARTICLES_PER_ENTITY
    results: dict[tuple[int, int], dict[tuple[int, str], Choice]] = {}
    reference: dict[tuple[int, str], Choice] = {}
    try:
        for readings, revisited in settings:
            corpus.READINGS_PER_ENTITY, corpus.REVISITED_ARTICLES_PER_ENTITY = readings, revisited
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "actors.db") as store:
                started = time.perf_counter()
                for i in range(0, len(documents), BATCH):
                    with store.atomic():
                        for document in documents[i : i + BATCH]:
                            store.add_document(document)
                rate = len(documents) / (time.perf_counter() - started)
                results[(readings, revisited)] = stored_choices(store)
                if not reference:
                    reference = reference_choices(store, args.reference)
            print(f"  {readings},{revisited}: written at {rate:.0f} articles/s", flush=True)
    finally:
        corpus.READINGS_PER_ENTITY, corpus.REVISITED_ARTICLES_PER_ENTITY = saved
    first = results[settings[0]]
    n = len(reference)
    print(f"{n:,} resolved entity rows")
    for (readings, revisited), got in results.items():
        country = sum(got[k][0] != reference[k][0] for k in reference)
        titles = sum(got[k][1] != reference[k][1] for k in reference)
        moved = sum(got[k] != first[k] for k in first)
        print(
            f"  {readings},{revisited}: differ from the reference in country {country:,} ({country / n:.2%}), "
            f"titles {titles:,} ({titles / n:.2%}); from {settings[0][0]},{settings[0][1]}: "
            f"{moved:,} ({moved / n:.2%}); rows given a country {sum(c is not None for c, _ in got.values()):,}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
