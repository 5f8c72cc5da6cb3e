"""Shared fixtures: one loaded pipeline per test session, paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_bfcdec46135241da.txt"
SEED_GOLD = SHARED / "eval" / "dev" / "seed.gold.json"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph.nlp.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")
