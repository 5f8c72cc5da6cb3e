"""End to end on the seed article: the CLI's JSON through the shared scorer.

The bars are the foundation, quotes and events issues' quality bars; the dev
gold and the scorer live in ../shared and are read from there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_bfcdec46135241da.txt"
SEED_GOLD = SHARED / "eval" / "dev" / "seed.gold.json"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory) -> dict[str, str]:
    if not (SEED.is_file() and SEED_GOLD.is_file() and SCORER.is_file()):
        pytest.skip("../shared seed, gold or scorer not present")
    from newsgraph.cli import main

    out = tmp_path_factory.mktemp("seed") / "seed.json"
    with open(out, "w", encoding="utf-8") as fh, pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys, "stdout", fh)
        assert main(["extract", str(SEED), "--published", "2025-11-08", "--format", "json"]) == 0
    json.loads(out.read_text(encoding="utf-8"))
    result = subprocess.run(
        [sys.executable, str(SCORER), str(SEED_GOLD), str(out), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout)
    return {
        line.split(":", 1)[0]: line.split(":", 1)[1]
        for line in result.stdout.splitlines()
        if ":" in line and not line.startswith(" ")
    }


def _fraction(line: str) -> tuple[int, int]:
    got, total = re.search(r"(\d+)/(\d+)", line).groups()
    return int(got), int(total)


def _value(line: str, key: str) -> float:
    return float(re.search(rf"{key}=([\d.]+)", line).group(1))


def test_entities_f1(seed_scores):
    assert _value(seed_scores["entities"], "F1") >= 0.90


@pytest.mark.parametrize(
    ("component", "minimum"),
    [("titles", 8), ("entity countries", 20), ("coreference (hard mentions)", 3)],
)
def test_entity_details(seed_scores, component, minimum):
    got, _ = _fraction(seed_scores[component])
    assert got >= minimum, seed_scores[component]


@pytest.mark.parametrize("component", ["quantities", "places", "times"])
def test_figures_places_times_complete(seed_scores, component):
    got, total = _fraction(seed_scores[component])
    assert got == total, seed_scores[component]


def test_quotes(seed_scores):
    line = seed_scores["quotes"]
    assert _fraction(line) == (9, 9), line
    assert _value(line, "P") >= 0.85, line
    assert _fraction(seed_scores["direct quotes exact"]) == (2, 2)


def test_events(seed_scores):
    line = seed_scores["events"]
    assert _fraction(line) == (5, 5), line
    assert _value(line, "P") >= 0.70, line
    matched, modality_ok = re.search(r"(\d+)/\d+ all.*modality right on (\d+)/", line).groups()
    assert int(modality_ok) >= 0.8 * int(matched), line
