"""Fuzz ``newsgraph.extract`` with 10,000+ hostile inputs, then time pathological runs per KB.

Part 1 feeds random inputs, one ``newsgraph.extract`` call each: any code point
(lone surrogates and control characters included), relative date phrases
against publication dates at the calendar's edges (0001-01-01, 9999-12-31, a
typo year like 0026), long runs of punctuation or emoji, and news-like
fragments. A crash is any exception, or a span whose offsets fall outside the
text or do not slice back to its text. It prints the count, the crashes and
inputs per second, and exits 1 when anything crashed.

Part 2 times extraction per KB of text for runs of ``!``, emoji, ``?!``,
letters without spaces and spaced ``! !`` against ordinary prose (the bundled
samples), at 1, 2 and 4 KB, with the tokenisation guard of
``newsgraph.nlp.tokenize`` and without it (spaCy's tokenizer alone): time
that grows 4x from 1 KB to 4 KB is linear, 16x is quadratic.

    python benchmarks/fuzz.py                 # 10,000 inputs, seed 13
    python benchmarks/fuzz.py --count 20000 --seed 7 --no-timing
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"

DATE_PHRASES = [
    "last year", "next year", "next Tuesday", "last Friday", "30 years ago", "two decades ago",
    "yesterday", "tomorrow", "last December", "next month", "next week", "the past three months",
    "the next 2 years", "in 1999", "since 2020", "on March 3", "between January and March",
    "until Friday", "this weekend", "in the 1990s", "on 31 December", "9999-12-31", "0001-01-01",
    "earlier this month", "the coming weeks", "a century ago", "100 years ago", "on Monday morning",
]  # fmt: skip
NEWS = [
    "Mayor Lina Osk said ", '"We will not accept this," ', "Police arrested 30 people in Kesk. ",
    "Foreign Minister Anna Kovacs met Peter Mwangi in Geneva. ", "Floods displaced 3,000 people. ",
    "the ministry said on Friday.", "\n\n", "Talks Resume Amid Strikes\n", "“Quoted,” she told reporters. ",
]  # fmt: skip
RUN_CHARACTERS = ["!", "?", ".", "-", "*", '"', "'", "…", "😀", "👍🏽", "\u200b", "_", "=", "#", "?!", "🇺🇦"]
EDGE_DATES = [date(1, 1, 1), date(1, 12, 31), date(26, 3, 15), date(9999, 12, 31), date(9999, 1, 1)]
# Planes a code point is drawn from: ASCII and controls most, then Latin/CJK, surrogates, the rest.
RANGES = [(0, 0x7F), (0x80, 0x2FF), (0x2000, 0x206F), (0x4E00, 0x4FFF), (0xD800, 0xDFFF), (0x1F300, 0x1FAFF),
          (0, 0x10FFFF)]  # fmt: skip


def random_chars(rng: random.Random, n: int) -> str:
    low, high = rng.choice(RANGES)
    return "".join(chr(rng.randint(low, high)) for _ in range(n))


def random_input(rng: random.Random) -> tuple[str, date | None]:
    """A text of a few random pieces, and a publication date (an edge of the calendar a third of the time)."""
    pieces = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.35:
            pieces.append(random_chars(rng, rng.randint(0, 60)))
        elif kind < 0.6:
            pieces.append(f"The council met {rng.choice(DATE_PHRASES)}. ")
        elif kind < 0.85:
            pieces.append(rng.choice(NEWS))
        elif kind < 0.97:
            pieces.append(rng.choice(RUN_CHARACTERS) * rng.randint(20, 400))
        else:
            pieces.append(rng.choice(RUN_CHARACTERS) * rng.randint(1000, 3000))
    roll = rng.random()
    if roll < 0.33:
        published = rng.choice(EDGE_DATES)
    elif roll < 0.66:
        published = date(1, 1, 1) + timedelta(days=rng.randint(0, 3_652_058))
    else:
        published = None
    return "".join(pieces), published


def fuzz(count: int, seed: int, show: int) -> int:
    import newsgraph
    from newsgraph.spans import offset_errors

    newsgraph.extract("Warm-up: the model loads before the clock starts.")
    rng = random.Random(seed)
    crashes = 0
    started = time.perf_counter()
    for i in range(count):
        text, published = random_input(rng)
        try:
            record = newsgraph.extract(text, published=published, title=text[:20] or None)
            data = record.to_dict()
            problems = offset_errors({k: v for k, v in data.items() if k != "article"}, data["text"])
            record.to_json()
            if len(data["text"]) != len(text):
                problems.append(f"text length {len(data['text'])} != input length {len(text)}")
            if problems:
                raise AssertionError("; ".join(problems[:3]))
        except Exception:  # noqa: BLE001  (every exception is a crash to count and show)
            crashes += 1
            if crashes <= show:
                print(f"crash {crashes} at input {i} (published {published}): {ascii(text[:120])}")
                print(traceback.format_exc(limit=3))
        if (i + 1) % 1000 == 0:
            print(
                f"  {i + 1} inputs, {crashes} crashes, {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
    seconds = time.perf_counter() - started
    print(
        f"fuzz: {count} inputs, {crashes} crashes, {count / seconds:.1f} inputs/s ({seconds:.1f} s, seed {seed})"
    )
    return crashes


def _prose(size: int) -> str:
    samples = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    return (samples * (size // max(1, len(samples)) + 1))[:size]


PATHOLOGICAL = {
    "prose (samples)": _prose,
    "'!' run": lambda n: "!" * n,
    "emoji run": lambda n: "😀" * n,
    "'?!' run": lambda n: "?!" * (n // 2),
    "letters, no space": lambda n: "a" * n,
    "'! ' spaced": lambda n: "! " * (n // 2),
}
SIZES = (1024, 2048, 4096)


def timing() -> None:
    import newsgraph
    from newsgraph.articles import make_article
    from newsgraph.nlp import pipeline as pipeline_module

    pipeline = newsgraph.get_pipeline()
    guarded = pipeline_module.make_doc

    def spacy_alone(nlp, text):
        return nlp.make_doc(text)

    print("\nseconds per KB (growth 1 KB -> 4 KB: 4x is linear, 16x quadratic)")
    print(f"{'input':<20} {'guard':<8} " + " ".join(f"{s // 1024:>5} KB" for s in SIZES) + "   growth")
    prose_per_kb = None
    for name, make in PATHOLOGICAL.items():
        for label, make_doc in (("with", guarded), ("without", spacy_alone)):
            pipeline_module.make_doc = make_doc
            try:
                per_kb = []
                for size in SIZES:
                    # A fresh text each time: spaCy caches the tokenisation of strings it has seen.
                    text = make(size - 1) + str(size % 10) if name != "prose (samples)" else make(size)
                    started = time.perf_counter()
                    pipeline.extract_article(make_article(text))
                    per_kb.append((time.perf_counter() - started) / (len(text) / 1024))
            finally:
                pipeline_module.make_doc = guarded
            seconds = [p * s / 1024 for p, s in zip(per_kb, SIZES, strict=True)]
            growth = seconds[-1] / seconds[0] if seconds[0] else float("nan")
            if name.startswith("prose") and label == "with":
                prose_per_kb = per_kb[-1]
            ratio = f"  {per_kb[-1] / prose_per_kb:5.1f}x prose" if prose_per_kb else ""
            print(
                f"{name:<20} {label:<8} "
                + " ".join(f"{p:7.3f}" for p in per_kb)
                + f"   {growth:5.1f}x{ratio}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs to try (default 10,000)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=5, help="print the first N crashes in full")
    parser.add_argument(
        "--no-timing", action="store_true", help="skip the per-KB timing of pathological runs"
    )
    args = parser.parse_args()
    crashes = fuzz(args.count, args.seed, args.show)
    if not args.no_timing:
        timing()
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
