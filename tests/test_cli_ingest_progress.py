"""``newsgraph ingest`` progress: a bar with total, rate and ETA on a terminal, plain lines in a log."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsgraph.cli import _progress, main
from newsgraph.errors import InputError
from newsgraph.ingest import discover, iter_sources

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "ingest"
SAMPLES = REPO / "samples" / "articles.jsonl"


@pytest.mark.parametrize("name", ["articles", "articles.jsonl", "articles.csv", "feed.rss", "feed.atom"])
def test_the_total_is_every_record_the_readers_yield(name):
    sources, errors = discover([str(FIXTURES / name)])
    assert sources and not errors
    read = list(iter_sources(sources))
    assert _progress.count_total(sources) == len(read)


def test_an_archive_without_a_cheap_count_has_no_total():
    sources, _ = discover(["-"])
    assert _progress.count_total(sources) is None


@dataclass
class Counts:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0


def test_the_bar_shows_done_of_total_rate_and_eta():
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=200, color_system=None)

    def run(on_batch):
        on_batch(Counts(ingested=2, duplicates=1, seconds=1.5))
        on_batch(Counts(ingested=5, duplicates=1, failed=1, seconds=3.5))
        return "summary"

    assert _progress.run_with_bar(run, 10, console) == "summary"
    text = out.getvalue()
    assert "7/10" in text and "2.00 articles/s" in text and "failed 1" in text and "ETA" in text


def test_the_plain_line_has_total_percent_rate_and_time_left():
    line = _progress.progress_line(Counts(ingested=30, duplicates=10, failed=0, seconds=20.0), 200)
    assert line == (
        "ingest: 40/200 (20%) articles, 2.00 articles/s, 10 duplicate(s), 0 failed, about 1m20s left, 20s elapsed"
    )


def test_a_log_gets_plain_progress_lines(tmp_path, capsys, monkeypatch):
    """capsys is not a terminal: no bar, but lines a log keeps."""
    monkeypatch.setattr(_progress, "LOG_EVERY_SECONDS", 0.0)
    db = tmp_path / "log.db"
    missing = str(tmp_path / "missing.jsonl")
    code = main(["ingest", str(SAMPLES), missing, "--db", str(db), "-j", "1", "--batch-size", "4"])
    err = capsys.readouterr().err
    total = len(SAMPLES.read_text().splitlines()) + 1
    assert code == 1  # the missing input failed, and the exit code says so
    assert f"newsgraph: failed: {missing}: no such file or folder" in err
    assert f"ingest: reading {total - 1} article(s) from 1 file(s); 1 input(s) not found" in err
    lines = [line for line in err.splitlines() if line.startswith("ingest: ") and f"/{total} (" in line]
    assert len(lines) >= 2, err
    assert lines[-1].startswith(f"ingest: {total}/{total} (100%)")
    assert "\r" not in err and "\x1b[" not in err


def test_input_errors_are_not_counted_twice():
    sources, errors = discover([str(FIXTURES / "articles.jsonl"), "/nonexistent/file.jsonl"])
    assert isinstance(errors[0], InputError)
    assert _progress.count_total(sources) == 3
