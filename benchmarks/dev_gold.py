"""Score the pipeline on every development gold, per article and per component.

The golds live in ``../shared/eval/dev`` (see its README); each names its text:
``cnn-lite:ID`` is a record of ``../shared/corpora/cnn-lite/articles.jsonl``
(its ``text`` plus a final newline, published on its ``published`` date),
``polnear-train:FILE`` a file of ``../shared/corpora/polnear-train/text``, and
no corpus means the seed article. Scoring goes through the shared scorer
``../shared/eval/score.py`` unchanged.

    python benchmarks/dev_gold.py                      # table of scores
    python benchmarks/dev_gold.py --floors quality_floors.json   # exit 1 below a floor
    python benchmarks/dev_gold.py --save-outputs DIR     # write each extraction's JSON (golds and samples)
    python benchmarks/dev_gold.py --compare-outputs DIR  # exit 1 if any of them differs from DIR

Floors (``quality_floors.json`` at the repository root) hold the mean of each
component over all golds; they may only be raised.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the clone; NEWSGRAPH_SHARED points elsewhere (a git worktree has another parent).
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED") or REPO.parent / "shared")
COMPONENTS = ("entities", "coreference", "titles", "quotes", "events", "quantities", "places", "times")


@dataclass(frozen=True)
class GoldCase:
    """One dev gold with the text and date it annotates."""

    name: str
    gold: dict
    text: str
    published: str | None


def load_scorer(shared: Path = SHARED) -> ModuleType:
    """The shared scorer, imported from its file (it is not a package)."""
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("newsgraph_shared_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cnn_records(shared: Path, wanted: set[str]) -> dict[str, dict]:
    path = shared / "corpora" / "cnn-lite" / "articles.jsonl"
    found: dict[str, dict] = {}
    if not wanted or not path.is_file():
        return found
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("id") in wanted:
                found[record["id"]] = record
    return found


def load_cases(shared: Path = SHARED) -> list[GoldCase]:
    """Every dev gold whose text is present, in file-name order."""
    paths = sorted((shared / "eval" / "dev").glob("*.gold.json"))
    golds = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    cnn_ids = {
        g["corpus"].split(":", 1)[1] for _, g in golds if str(g.get("corpus", "")).startswith("cnn-lite:")
    }
    cnn = _cnn_records(shared, cnn_ids)
    cases = []
    for path, gold in golds:
        name = path.name.removesuffix(".gold.json")
        corpus = str(gold.get("corpus") or "")
        published = gold.get("published")
        if corpus.startswith("cnn-lite:"):
            record = cnn.get(corpus.split(":", 1)[1])
            if record is None:
                continue
            text, published = record["text"] + "\n", record.get("published") or published
        elif corpus.startswith("polnear-train:"):
            file = shared / "corpora" / "polnear-train" / "text" / corpus.split(":", 1)[1]
            if not file.is_file():
                continue
            text = file.read_text(encoding="utf-8")
        else:
            seeds = sorted((shared / "seed").glob("*.txt"))
            if not seeds:
                continue
            text = seeds[0].read_text(encoding="utf-8")
        cases.append(GoldCase(name, gold, text, published))
    return cases


def extract_all(cases: list[GoldCase]) -> list[dict]:
    """Each case's extraction as the JSON document the scorer reads."""
    import newsgraph

    return [json.loads(newsgraph.extract(c.text, published=c.published).to_json()) for c in cases]


def score_all(cases: list[GoldCase], outputs: list[dict], shared: Path = SHARED) -> list[dict[str, float]]:
    """The shared scorer's component scores for each case."""
    scorer = load_scorer(shared)
    rows = []
    for case, output in zip(cases, outputs, strict=True):
        s = scorer.Scorer(case.gold, output)
        s.run()
        rows.append(dict(s.scores))
    return rows


def means(rows: list[dict[str, float]]) -> dict[str, float]:
    """The mean of each component over the articles that score it, and of overall."""
    result = {}
    for key in (*COMPONENTS, "overall"):
        values = [r[key] for r in rows if key in r]
        if values:
            result[key] = statistics.mean(values)
    return result


def format_table(cases: list[GoldCase], rows: list[dict[str, float]]) -> str:
    """Per-article, per-component scores and the mean line, as plain text."""
    short = {"entities": "ent", "coreference": "coref", "titles": "titles", "quotes": "quotes"}
    heads = [short.get(k, k[:6]) for k in COMPONENTS]
    lines = [f"{'article':22s} " + " ".join(f"{h:>6s}" for h in heads) + "  overall"]

    def cells(row: dict[str, float]) -> str:
        return " ".join(f"{row[k]:6.2f}" if k in row else f"{'-':>6s}" for k in COMPONENTS)

    for case, row in zip(cases, rows, strict=True):
        lines.append(f"{case.name:22s} {cells(row)}  {row.get('overall', 0.0):.3f}")
    for label, subset in (
        ("mean (cnn)", [r for c, r in zip(cases, rows, strict=True) if c.name.startswith("cnn_")]),
        ("mean (all)", rows),
    ):
        if subset:
            m = means(subset)
            lines.append(f"{label:22s} {cells(m)}  {m.get('overall', 0.0):.3f}")
    return "\n".join(lines)


def check_floors(rows: list[dict[str, float]], floors: dict[str, float]) -> list[str]:
    """One message per component whose mean over all golds is below its floor."""
    m = means(rows)
    return [
        f"{key}: mean {m.get(key, 0.0):.3f} is below its floor {floor:.3f}"
        for key, floor in sorted(floors.items())
        if m.get(key, 0.0) + 1e-9 < floor
    ]


def sample_outputs() -> dict[str, dict]:
    """The extraction of each bundled sample article (no date), by ``sample_<stem>``."""
    import newsgraph

    return {
        f"sample_{path.stem}": json.loads(newsgraph.extract(path.read_text(encoding="utf-8")).to_json())
        for path in sorted((REPO / "samples").glob("*.txt"))
    }


def save_outputs(outputs: dict[str, dict], directory: Path) -> None:
    """Write each named output as ``NAME.json`` in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, output in outputs.items():
        (directory / f"{name}.json").write_text(
            json.dumps(output, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8"
        )


def compare_outputs(outputs: dict[str, dict], directory: Path) -> list[str]:
    """Names of the outputs that differ from (or are missing in) the ones saved in ``directory``."""
    differing = []
    for name, output in outputs.items():
        saved = directory / f"{name}.json"
        if not saved.is_file() or json.loads(saved.read_text(encoding="utf-8")) != output:
            differing.append(name)
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    parser.add_argument(
        "--floors", type=Path, help="JSON of component floors; exit 1 when a mean is below one"
    )
    parser.add_argument("--save-outputs", type=Path, metavar="DIR", help="write each extraction's JSON here")
    parser.add_argument("--compare-outputs", type=Path, metavar="DIR", help="exit 1 if an output differs")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)

    cases = load_cases(args.shared)
    if not cases:
        print(f"no dev golds with their texts under {args.shared}: nothing to score", file=sys.stderr)
        return 0
    outputs = extract_all(cases)
    rows = score_all(cases, outputs, args.shared)
    if args.json:
        print(
            json.dumps(
                {"articles": dict(zip([c.name for c in cases], rows, strict=True)), "mean": means(rows)}
            )
        )
    else:
        print(format_table(cases, rows))
    status = 0
    named = {c.name: o for c, o in zip(cases, outputs, strict=True)}
    if args.save_outputs or args.compare_outputs:
        named.update(sample_outputs())
    if args.save_outputs:
        save_outputs(named, args.save_outputs)
    if args.compare_outputs:
        differing = compare_outputs(named, args.compare_outputs)
        for name in differing:
            print(f"output differs from the saved one: {name}", file=sys.stderr)
        status = 1 if differing else status
    if args.floors:
        floors = json.loads(args.floors.read_text(encoding="utf-8"))
        failures = check_floors(rows, {k: float(v) for k, v in floors.items() if not k.startswith("_")})
        for message in failures:
            print(f"quality gate: {message}", file=sys.stderr)
        if failures:
            status = 1
        else:
            print(f"quality gate: every component mean at or above its floor ({args.floors.name})")
    return status


if __name__ == "__main__":
    sys.exit(main())
