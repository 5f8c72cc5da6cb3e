"""Event typing against PLOVER's gold-standard sentences (shared/corpora/plover).

Runs the full pipeline on each coded sentence of ``PLOVER_GSR_CAMEO.txt`` and
reports, per PLOVER type, how often the gold type is among the events found
(recall), how often a predicted type is right (precision), and the accuracy of
the first event's type. Old 0.5b1 type names are mapped to today's sixteen as
the corpus README says.

Usage: python benchmarks/plover_gold.py [PATH] [--limit N] [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpora" / "plover" / "PLOVER_GSR_CAMEO.txt"
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def gold_records(path: Path) -> list[tuple[str, str]]:
    """(sentence, PLOVER type) for every coded record; the documentation record is skipped."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for rec in records:
        event = str(rec.get("event", "")).upper()
        if event == "DOCUMENT" or not rec.get("text"):
            continue
        out.append((rec["text"], OLD_NAMES.get(event, event)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    parser.add_argument("--misses", action="store_true", help="print sentences whose type was missed")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        print(f"PLOVER gold file not found: {path}", file=sys.stderr)
        return 2
    from newsgraph.nlp.pipeline import Pipeline

    pipeline = Pipeline()
    gold = gold_records(path)[: args.limit]
    found: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_ok: Counter[str] = Counter()
    first_ok = 0
    none = 0
    for text, gold_type in gold:
        types = [e.type for e in pipeline.extract(text).events]
        gold_n[gold_type] += 1
        if gold_type in types:
            found[gold_type] += 1
        elif args.misses:
            print(f"MISS {gold_type:9} got {types}: {text[:110]}")
        if types and types[0] == gold_type:
            first_ok += 1
        if not types:
            none += 1
        for t in set(types):
            pred_n[t] += 1
            pred_ok[t] += t == gold_type
    print(f"{'type':10} {'gold':>5} {'recall':>7} {'pred':>5} {'precision':>9}")
    for t in sorted(gold_n):
        rec = found[t] / gold_n[t]
        prec = pred_ok[t] / pred_n[t] if pred_n[t] else 0.0
        print(f"{t:10} {gold_n[t]:5d} {rec:7.2f} {pred_n[t]:5d} {prec:9.2f}")
    total = sum(gold_n.values())
    micro_p = sum(pred_ok.values()) / max(1, sum(pred_n.values()))
    print(
        f"sentences {total}: gold type found in {sum(found.values()) / total:.2f}, "
        f"first event's type right in {first_ok / total:.2f}, no event in {none / total:.2f}; "
        f"precision over predicted types {micro_p:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
