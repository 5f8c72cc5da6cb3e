"""newsgraph's quotes against textacy's direct-quotation extractor, on the same parsed Docs.

    .venv/bin/python benchmarks/quotes_vs_textacy.py [--limit 100] [--cnn 100]

Both read the very same spaCy Doc (our pipeline's), so only the quote logic
differs. Reports, for each system: counts on the seed, on a PolNeAR-train
sample and on CNN-lite articles; recall and precision against the seed dev
gold and the PolNeAR speech attributions (matching rules in
``polnear_quotes.py``), with speaker accuracy. textacy is optional and is
imported only here: ``pip install textacy==0.13.0``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from polnear_quotes import (  # noqa: E402
    POLNEAR,
    SHARED,
    GoldArticle,
    Prediction,
    Tally,
    is_direct,
    load_polnear,
    load_scorer,
    mark_speech,
    newsgraph_predictions,
    score_article,
)

SEED = SHARED / "seed" / "000_bfcdec46135241da.txt"
SEED_GOLD = SHARED / "eval" / "dev" / "seed.gold.json"
CNN = SHARED / "corpora" / "cnn-lite" / "articles.jsonl"


TEXTACY_FAILURES: list[str] = []


def load_textacy():
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    return direct_quotations


def textacy_predictions(direct_quotations, doc) -> list[Prediction]:
    preds: list[Prediction] = []
    try:
        triples = list(direct_quotations(doc))
    except Exception as exc:  # textacy trips over some unbalanced marks; count it as no quotes
        TEXTACY_FAILURES.append(str(exc)[:80])
        return preds
    for triple in triples:
        content = triple.content
        text = content.text.strip("\"“”'‘’ ")
        speakers = [(t.idx, t.idx + len(t.text)) for t in triple.speaker]
        preds.append(Prediction(text, content.start_char, content.end_char, speakers, "direct"))
    return preds


def seed_gold_article(text: str) -> GoldArticle | None:
    """The seed's gold quotes as attributions; content located in the text, speakers by name."""
    from polnear_quotes import Attribution

    if not SEED_GOLD.is_file():
        return None
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    art = GoldArticle("seed", text)
    for q in gold.get("quotes", []):
        at = text.find(q["content"])
        if at < 0:
            continue
        surname = q["speaker"].split()[-1]
        sources = [(i, i + len(surname)) for i in _find_all(text, surname)]
        art.attributions.append(
            Attribution(
                sources,
                [],
                [(at, at + len(q["content"]))],
                q.get("cue") or "",
                q["content"],
                speech=True,
                direct=q.get("kind") != "indirect",
            )
        )
    return art


def _find_all(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="PolNeAR articles to sample")
    parser.add_argument("--cnn", type=int, default=100, help="CNN-lite articles to count quotes on")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed")
    args = parser.parse_args(argv)
    direct_quotations = load_textacy()
    if direct_quotations is None:
        print("textacy is not installed; run `.venv/bin/pip install textacy==0.13.0` to compare.")
        return 0
    from newsgraph.articles import make_article
    from newsgraph.nlp.assemble import doc_to_record
    from newsgraph.nlp.pipeline import Pipeline

    scorer = load_scorer()
    pipeline = Pipeline()
    nlp = pipeline.nlp

    def parse(text: str):
        """Our full pipeline on one Doc: textacy then reads the very same parse."""
        doc = nlp.make_doc(text)
        doc._.ng_article = make_article(text)
        for _, component in nlp.pipeline:
            doc = component(doc)
        return doc

    def run_both(articles: list[GoldArticle], label: str) -> None:
        ours, ours_direct, theirs, theirs_direct = Tally(), Tally(), Tally(), Tally()
        for art in articles:
            doc = parse(art.text)
            our_preds = newsgraph_predictions(doc_to_record(doc))
            their_preds = textacy_predictions(direct_quotations, doc)
            score_article(scorer, art, our_preds, ours)
            score_article(scorer, art, their_preds, theirs)
            # The quoted-speech subset, where textacy competes on its own ground.
            score_article(scorer, art, [p for p in our_preds if p.kind != "indirect"], ours_direct, is_direct)
            score_article(scorer, art, their_preds, theirs_direct, is_direct)
        print(f"{label}: {len(articles)} articles (textacy refused {len(TEXTACY_FAILURES)} of them)")
        TEXTACY_FAILURES.clear()
        print("  all speech attributions")
        print("    " + ours.line("newsgraph"))
        print("    " + theirs.line("textacy"))
        print("  quoted speech only (direct and mixed)")
        print("    " + ours_direct.line("newsgraph"))
        print("    " + theirs_direct.line("textacy"))

    if SEED.is_file():
        seed = seed_gold_article(SEED.read_text(encoding="utf-8"))
        if seed is not None:
            run_both([seed], "seed (dev gold)")
    if POLNEAR.is_dir():
        articles = load_polnear(args.limit, args.seed)
        mark_speech(articles, nlp)
        run_both(articles, "PolNeAR-train sample")
    if CNN.is_file() and args.cnn:
        ours_n = theirs_n = 0
        with open(CNN, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= args.cnn:
                    break
                text = json.loads(line)["text"]
                doc = parse(text)
                ours_n += len(doc._.ng_quotes or [])
                theirs_n += len(textacy_predictions(direct_quotations, doc))
        print(f"CNN-lite: {min(args.cnn, n + 1)} articles: newsgraph {ours_n} quotes, textacy {theirs_n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
