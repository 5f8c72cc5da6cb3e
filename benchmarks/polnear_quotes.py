"""Score newsgraph's quotes on a sample of PolNeAR-train attributions.

    .venv/bin/python benchmarks/polnear_quotes.py [--limit 100] [--seed 0] [--verbose]

PolNeAR marks every attribution (beliefs and intentions too). Recall counts
the speech ones only: those whose cue holds a reporting verb of our cue
lexicon, or whose content is in quotation marks. A predicted quote matches an
attribution when their content words overlap (token F1 >= 0.5, the dev
scorer's rule); precision counts a prediction right when it matches any
attribution of the article. Speaker accuracy: among matched pairs, the share
whose predicted speaker span, or a mention of the predicted speaker entity,
overlaps the gold Source span (a gold pronoun is resolved through our
coreference in the same way).

Needs ../shared/corpora/polnear-train (read only, never copied).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "corpora" / "polnear-train"
SCORER = SHARED / "eval" / "score.py"
MATCH_THRESHOLD = 0.5
_QUOTE_MARKS = '"“”«»'


@dataclass
class Attribution:
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]
    cue_text: str
    content_text: str
    speech: bool = False
    direct: bool | None = None  # known from the gold's kind; else judged by quotation marks


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def load_scorer():
    """The dev scorer module (its token-overlap measure is the matching rule)."""
    spec = importlib.util.spec_from_file_location("newsgraph_dev_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spans(field_text: str) -> list[tuple[int, int]]:
    spans = []
    for piece in field_text.split(";"):
        start, end = piece.split()[-2:]
        spans.append((int(start), int(end)))
    return spans


def parse_ann(path: Path, text: str) -> list[Attribution]:
    """Attributions of one brat file: Source, Cue and Content spans joined by an event line."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            spans[cols[0]] = _spans(cols[1].split(" ", 1)[1])
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(part.split(":", 1) for part in cols[1].split() if ":" in part)
            events.append(roles)
    found = []
    for roles in events:
        content = spans.get(roles.get("Content", ""), [])
        if not content:
            continue
        cue = spans.get(roles.get("Cue", ""), [])
        found.append(
            Attribution(
                source=spans.get(roles.get("Source", ""), []),
                cue=cue,
                content=content,
                cue_text=" ".join(text[s:e] for s, e in cue),
                content_text=" ".join(text[s:e] for s, e in content),
            )
        )
    return found


def reporting_lemmas() -> set[str]:
    from newsgraph.lexicons import load_tsv

    return {row["cue"].split()[0].lower() for row in load_tsv("cues") if row["type"] == "verb"}


def mark_speech(articles: list[GoldArticle], nlp) -> None:
    """Flag attributions whose cue holds a reporting verb or whose content is quoted."""
    lemmas = reporting_lemmas() | {"according"}
    cue_texts = sorted({a.cue_text for art in articles for a in art.attributions if a.cue_text})
    cue_lemmas = {}
    for cue, doc in zip(cue_texts, nlp.pipe(cue_texts), strict=True):
        cue_lemmas[cue] = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    for art in articles:
        for attribution in art.attributions:
            quoted = any(m in attribution.content_text for m in _QUOTE_MARKS)
            attribution.speech = quoted or bool(cue_lemmas.get(attribution.cue_text, set()) & lemmas)


def load_polnear(limit: int, seed: int) -> list[GoldArticle]:
    """A reproducible sample of articles with their first annotator's attributions."""
    names = sorted(p.stem for p in (POLNEAR / "text").glob("*.txt"))
    random.Random(seed).shuffle(names)
    articles: list[GoldArticle] = []
    for name in names:
        if len(articles) >= limit:
            break
        anns = sorted((POLNEAR / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        text = (POLNEAR / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(GoldArticle(name, text, parse_ann(anns[0], text)))
    return articles


@dataclass
class Prediction:
    """One predicted quote, reduced to what the comparison needs."""

    text: str
    start: int
    end: int
    speaker_spans: list[tuple[int, int]]
    kind: str = "direct"


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Tally:
    predicted: int = 0
    predicted_ok: int = 0
    gold: int = 0
    gold_found: int = 0
    speaker_ok: int = 0

    def line(self, label: str) -> str:
        p = self.predicted_ok / self.predicted if self.predicted else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        spk = self.speaker_ok / self.gold_found if self.gold_found else 0.0
        return (
            f"{label:<22} predicted {self.predicted:5d}  P={p:.2f}  R={r:.2f}  F1={f:.2f}  "
            f"({self.gold_found}/{self.gold} speech attributions)  speaker acc={spk:.2f}"
        )


def score_article(
    scorer, art: GoldArticle, preds: list[Prediction], tally: Tally, gold_filter=None, verbose=False
) -> None:
    """Greedy one-to-one matching by content overlap, as the dev scorer does."""
    gold = [a for a in art.attributions if a.speech and (gold_filter is None or gold_filter(a))]
    tally.gold += len(gold)
    tally.predicted += len(preds)
    used: set[int] = set()
    for attribution in gold:
        best, best_i = 0.0, -1
        for i, pred in enumerate(preds):
            if i in used or not _overlaps([(pred.start, pred.end)], attribution.content):
                continue
            ov = scorer.overlap_f1(pred.text, attribution.content_text)
            if ov > best:
                best, best_i = ov, i
        if best_i >= 0 and best >= MATCH_THRESHOLD:
            used.add(best_i)
            tally.gold_found += 1
            if attribution.source and _overlaps(preds[best_i].speaker_spans, attribution.source):
                tally.speaker_ok += 1
            elif verbose:
                gold_source = " ".join(art.text[s:e] for s, e in attribution.source)
                ours = [art.text[s:e] for s, e in preds[best_i].speaker_spans[:1]]
                print(f"  speaker: gold {gold_source!r} ours {ours} for {attribution.content_text[:60]!r}")
        elif verbose:
            print(f"  missed [{attribution.cue_text}] {attribution.content_text[:90]!r}")
    for i, pred in enumerate(preds):
        if i in used:
            tally.predicted_ok += 1
            continue
        if any(
            _overlaps([(pred.start, pred.end)], a.content)
            and scorer.overlap_f1(pred.text, a.content_text) >= MATCH_THRESHOLD
            for a in art.attributions
        ):
            tally.predicted_ok += 1
        elif verbose:
            print(f"  spurious {pred.kind} {pred.text[:90]!r}")


def newsgraph_predictions(record) -> list[Prediction]:
    entities = {e.id: e for e in record.entities}
    preds = []
    for q in record.quotes:
        spans = []
        if q.speaker_start is not None:
            spans.append((q.speaker_start, q.speaker_end))
        if q.speaker in entities:
            spans.extend((m.start, m.end) for m in entities[q.speaker].mentions)
        preds.append(Prediction(q.text, q.start, q.end, spans, q.kind))
    return preds


def is_direct(attribution: Attribution) -> bool:
    if attribution.direct is not None:
        return attribution.direct
    return any(m in attribution.content_text for m in _QUOTE_MARKS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles to sample (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed")
    parser.add_argument("--verbose", action="store_true", help="print misses and spurious quotes")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"PolNeAR not found at {POLNEAR}; nothing to score", file=sys.stderr)
        return 0
    from newsgraph.nlp.pipeline import Pipeline

    scorer = load_scorer()
    pipeline = Pipeline()
    articles = load_polnear(args.limit, args.seed)
    mark_speech(articles, pipeline.nlp)
    everything, direct_only = Tally(), Tally()
    started = time.perf_counter()
    for art in articles:
        if args.verbose:
            print(f"== {art.name}")
        record = pipeline.extract(art.text)
        preds = newsgraph_predictions(record)
        score_article(scorer, art, preds, everything, verbose=args.verbose)
        score_article(scorer, art, [p for p in preds if p.kind != "indirect"], direct_only, is_direct)
    elapsed = time.perf_counter() - started
    print(f"PolNeAR-train sample: {len(articles)} articles, {elapsed:.1f}s")
    print(everything.line("newsgraph all quotes"))
    print(direct_only.line("newsgraph direct+mixed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
