"""A realistic store for the browser tests: a few dozen real CNN Lite articles, read at test time.

The articles stay in ../shared (never copied into the repo); the choice is deterministic so the
pages and their screenshots are comparable from run to run.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# ../shared beside the clone; NEWSGRAPH_SHARED points elsewhere (a git worktree has another parent).
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or REPO.parent / "shared")
CNN_LITE = SHARED / "corpora" / "cnn-lite" / "articles.jsonl"
# World news: these articles carry the actors, places and conflicts the analyst pages are for.
WORLD_SECTIONS = ("middleeast", "europe", "americas", "asia", "africa", "world")
MONTHS = ("2026-02", "2026-03", "2026-04")
PER_MONTH = 11


def choose_lines(path: Path = CNN_LITE, per_month: int = PER_MONTH) -> list[bytes]:
    """The chosen JSONL lines: the first ``per_month`` world articles by id in each month of the
    bulk, plus the earliest-dated article of the corpus (a real outlier, years before the rest)."""
    rows = []
    with path.open("rb") as stream:
        for line in stream:
            record = json.loads(line)
            rows.append((record.get("id") or "", record.get("published"), record.get("section"), line))
    chosen = []
    for month in MONTHS:
        in_month = sorted(
            (r for r in rows if (r[1] or "").startswith(month) and r[2] in WORLD_SECTIONS), key=lambda r: r[0]
        )
        chosen.extend(r[3] for r in in_month[:per_month])
    dated = [r for r in rows if r[1]]
    earliest = min(dated, key=lambda r: (r[1], r[0]))
    chosen.append(earliest[3])
    return chosen


def build_store(db: Path, pipeline, path: Path = CNN_LITE) -> int:
    """Extract the chosen articles into a new store at ``db``; the number of articles stored."""
    from newsgraph.ingest.jsonl import read_jsonl
    from newsgraph.records import Article
    from newsgraph.store import Store

    lines = choose_lines(path)
    articles = [a for a in read_jsonl(io.BytesIO(b"".join(lines)), str(path)) if isinstance(a, Article)]
    with Store(db) as store:
        for record in pipeline.extract_articles(articles):
            store.add_document(record, origin=record.article.origin)
    return len(articles)
