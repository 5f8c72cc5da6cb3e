"""Throughput of the full newsgraph pipeline against bare spaCy, same model, same articles.

Prints articles per second for each, their ratio (ours / bare; the goal is
0.8 or more) and each run's peak resident memory (goal: 600 MB or less).
Articles come from ``../shared/corpora/cnn-lite/articles.jsonl`` when present,
else from the bundled samples repeated. Each run is single-process, in a
fresh child process of its own, one after the other.

    python benchmarks/throughput.py --limit 200 --batch-size 8
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import cycle, islice
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "cnn-lite" / "articles.jsonl"
SAMPLES = REPO / "samples"


def load_texts(limit: int, corpus: Path = CORPUS) -> tuple[list[str], str]:
    """Up to ``limit`` article bodies, and where they came from."""
    if corpus.is_file():
        texts = []
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                text = json.loads(line).get("text") or ""
                if text.strip():
                    texts.append(text)
                if len(texts) >= limit:
                    break
        return texts, str(corpus)
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    if not samples:
        sys.exit(f"no corpus at {corpus} and no samples in {SAMPLES}")
    return list(islice(cycle(samples), limit)), f"{SAMPLES} (repeated)"


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_bare_spacy(model: str, texts: list[str], batch_size: int) -> tuple[float, float]:
    """Wall and CPU seconds for spaCy alone to process ``texts`` (model loaded beforehand)."""
    from newsgraph.nlp.pipeline import load_model

    nlp = load_model(model)
    for _ in nlp.pipe(texts[:2]):  # warm up: first calls allocate
        pass
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start, time.process_time() - cpu_start


def time_newsgraph(texts: list[str], batch_size: int, published: str) -> tuple[float, float, int]:
    """Wall and CPU seconds for the full pipeline over ``texts``, and the number of records."""
    from newsgraph.articles import make_article
    from newsgraph.nlp.pipeline import Pipeline

    pipeline = Pipeline()
    # Warm up: the first document loads lazily built gazetteers, a one-off per process.
    list(pipeline.extract_articles([make_article(t, published=published) for t in texts[:2]]))
    articles = [make_article(t, published=published) for t in texts]
    start, cpu_start = time.perf_counter(), time.process_time()
    count = sum(1 for _ in pipeline.extract_articles(articles, batch_size=batch_size))
    return time.perf_counter() - start, time.process_time() - cpu_start, count


def _measure(phase: str, model: str, texts: list[str], batch_size: int, published: str) -> dict[str, float]:
    """One phase, run in its own process so that each peak memory figure is its own."""
    if phase == "bare":
        wall, cpu = time_bare_spacy(model, texts, batch_size)
        count = len(texts)
    else:
        wall, cpu, count = time_newsgraph(texts, batch_size, published)
    return {"wall": wall, "cpu": cpu, "count": count, "rss": peak_rss_mb()}


def run_phase(phase: str, *args: Any) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_measure, phase, *args).result()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument(
        "--batch-size", type=int, default=8, help="nlp.pipe batch size (default 8, as Settings)"
    )
    parser.add_argument("--model", default="en_core_web_sm", help="spaCy model package")
    parser.add_argument("--published", default="2026-03-01", help="publication date given to every article")
    args = parser.parse_args(argv)

    texts, origin = load_texts(args.limit)
    n = len(texts)
    words = sum(len(t.split()) for t in texts)
    print(
        f"articles: {n} from {origin} ({words / max(n, 1):.0f} words on average), batch size {args.batch_size}"
    )
    # One after the other, never at once: each phase has the machine's cores to itself.
    bare = run_phase("bare", args.model, texts, args.batch_size, args.published)
    print(
        f"bare spaCy:  {n / bare['wall']:7.2f} articles/s wall, {n / bare['cpu']:7.2f} per CPU second,"
        f" peak RSS {bare['rss']:.0f} MB"
    )
    ours = run_phase("ours", args.model, texts, args.batch_size, args.published)
    if ours["count"] != n:
        print(f"warning: {ours['count']:.0f} records for {n} articles", file=sys.stderr)
    print(
        f"newsgraph:   {n / ours['wall']:7.2f} articles/s wall, {n / ours['cpu']:7.2f} per CPU second,"
        f" peak RSS {ours['rss']:.0f} MB"
    )
    # CPU time is the fairer measure on a shared machine; wall time is shown for reference.
    print(
        f"ratio ours/bare: {bare['cpu'] / ours['cpu']:.2f} by CPU time,"
        f" {bare['wall'] / ours['wall']:.2f} by wall time  (goal >= 0.80)"
    )
    print(f"peak RSS of the newsgraph run: {ours['rss']:.0f} MB  (goal <= 600 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
