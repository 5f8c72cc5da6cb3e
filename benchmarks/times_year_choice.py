"""Where month-day dates without a year land, relative to publication, on cnn-lite.

"the April 12 vote" in an article of April 5 is that year's vote, a week ahead; reading
every such date as the latest one on or before publication puts it a year back. This
counts, over the month-day dates without a year found by the times stage in dated
cnn-lite articles, how many land within about three months of publication (back or
ahead) and how many further away. News rarely mentions a day 3-12 months off without
its year, so the far share approximates the wrong choices of year.

    python benchmarks/times_year_choice.py                 # first 400 articles with such dates
    python benchmarks/times_year_choice.py --limit 100 --show   # and list the far ones

Runs the spaCy model and the times stage only (no other stage changes a time's value,
except that numbers counted as quantities are not years, which month-days never are).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NEAR_DAYS = 92  # about three months

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# A month and a day with no year after it ("April 12", "Sept. 3"), or a day and a month.
MONTH_DAY = re.compile(
    rf"^(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}))$"
)
_PREFILTER = re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b(?!,?\s*\d{{4}})")


def articles(shared: Path, limit: int) -> list[dict]:
    """Dated cnn-lite records whose text has a month-day without a year, in file order."""
    path = shared / "corpora" / "cnn-lite" / "articles.jsonl"
    found = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("published") and _PREFILTER.search(record.get("text") or ""):
                found.append(record)
                if len(found) >= limit:
                    break
    return found


def landing(published: date, value_start: str | None) -> str:
    """Which bucket a resolved month-day falls in, relative to publication."""
    if not value_start or len(value_start) < 10:
        return "unresolved"
    days = (date.fromisoformat(value_start[:10]) - published).days
    if abs(days) <= NEAR_DAYS:
        return "near (within ~3 months)"
    return "far back (>3 months)" if days < 0 else "far ahead (>3 months)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--limit", type=int, default=400, help="articles to read (default 400)")
    parser.add_argument("--show", action="store_true", help="print each far date with its sentence")
    args = parser.parse_args(argv)
    if not (args.shared / "corpora" / "cnn-lite" / "articles.jsonl").is_file():
        print(f"no cnn-lite corpus under {args.shared}: nothing to measure", file=sys.stderr)
        return 0

    from newsgraph.articles import make_article
    from newsgraph.nlp import times  # noqa: F401  (registers the stage)
    from newsgraph.nlp.pipeline import load_model
    from newsgraph.settings import Settings

    nlp = load_model(Settings().model)
    nlp.add_pipe("newsgraph_times")
    records = articles(args.shared, args.limit)
    buckets: Counter[str] = Counter()
    for number, record in enumerate(records, start=1):
        published = date.fromisoformat(record["published"][:10])
        doc = nlp.make_doc(record["text"])
        doc._.ng_article = make_article(record["text"], published=published)
        for _, component in nlp.pipeline:
            doc = component(doc)
        for t in doc._.ng_times:
            if not MONTH_DAY.match(t.text.strip()):
                continue
            bucket = landing(published, t.value_start)
            buckets[bucket] += 1
            if args.show and bucket.startswith("far"):
                sentence = doc.char_span(t.start, t.end, alignment_mode="expand")
                context = sentence.sent.text.strip() if sentence is not None else t.text
                print(f"  {record['id'][:8]} {published} {t.text!r} -> {t.value_start}: {context[:160]}")
        if number % 100 == 0:
            print(f"... {number}/{len(records)} articles", file=sys.stderr)
    total = sum(buckets.values())
    print(f"month-day dates without a year in {len(records)} dated cnn-lite articles: {total}")
    for bucket in ("near (within ~3 months)", "far back (>3 months)", "far ahead (>3 months)", "unresolved"):
        share = buckets[bucket] / total if total else 0.0
        print(f"  {bucket:26s} {buckets[bucket]:5d}  {share:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
