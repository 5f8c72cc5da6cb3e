"""Progress of ``ingest``: a bar with total, rate and ETA on a terminal; a plain line in a log.

The total is counted before the run from the files themselves (one article per
text or HTML file, one per JSONL line, CSV row or feed entry); a WARC archive
or standard input cannot be counted without reading it, and then the bar shows
the count and rate without a total or ETA.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
import time
from collections.abc import Callable, Iterable
from typing import IO, Any, TextIO, cast

# A log gets one line this often (seconds), and one at the end.
LOG_EVERY_SECONDS = 30.0

_FEED_ENTRY = re.compile(rb"<(?:item|entry)[\s>]")


def _open(path: str, compressed: bool) -> IO[bytes]:
    return cast(IO[bytes], gzip.open(path, "rb")) if compressed else open(path, "rb")  # noqa: SIM115


def count_records(source: Any) -> int | None:
    """How many articles one source holds, or None when that cannot be known cheaply."""
    if source.path == "-" or source.format in ("warc", "stdin"):
        return None
    if source.format in ("text", "html"):
        return 1
    try:
        with _open(source.path, source.compressed) as raw:
            if source.format == "jsonl":
                return sum(1 for line in raw if line.strip())
            if source.format == "csv":
                text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
                dialect = "excel-tab" if source.path.lower().removesuffix(".gz").endswith(".tsv") else "excel"
                return max(0, sum(1 for row in csv.reader(text, dialect=dialect) if row) - 1)
            if source.format == "feed":
                return len(_FEED_ENTRY.findall(raw.read()))
    except (OSError, EOFError, csv.Error, gzip.BadGzipFile):
        return None  # the reader reports the damage; the bar just has no total
    return None


def count_total(sources: Iterable[Any]) -> int | None:
    """The articles of every source, or None when any source cannot be counted."""
    total = 0
    for source in sources:
        n = count_records(source)
        if n is None:
            return None
        total += n
    return total


def done_count(summary: Any) -> int:
    """Records dealt with so far: each ends stored, skipped as a duplicate, or failed."""
    return int(summary.ingested + summary.duplicates + summary.failed)


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def progress_line(summary: Any, total: int | None) -> str:
    """One plain line: done/total (percent), rate, duplicates, failures, ETA."""
    done = done_count(summary)
    rate = done / summary.seconds if summary.seconds > 0 else 0.0
    parts = [f"{done}/{total} ({100 * done / total:.0f}%)" if total else f"{done}", "articles"]
    line = (
        " ".join(parts)
        + f", {rate:.2f} articles/s, {summary.duplicates} duplicate(s), {summary.failed} failed"
    )
    if total and rate > 0 and done < total:
        line += f", about {format_duration((total - done) / rate)} left"
    line += f", {format_duration(summary.seconds)} elapsed"
    return "ingest: " + line


class LogProgress:
    """A plain progress line on ``stream`` at most every ``every`` seconds, for logs and pipes."""

    def __init__(self, total: int | None, stream: TextIO | None = None, every: float | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.every = LOG_EVERY_SECONDS if every is None else every
        self.last = time.monotonic()

    def start(self, n_sources: int, n_unreadable: int = 0) -> None:
        """The opening line: what will be read, and how many inputs were not found."""
        what = f"{self.total - n_unreadable} article(s)" if self.total is not None else "articles"
        line = f"ingest: reading {what} from {n_sources} file(s)"
        if n_unreadable:
            line += f"; {n_unreadable} input(s) not found"
        print(line, file=self.stream, flush=True)

    def __call__(self, summary: Any) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            print(progress_line(summary, self.total), file=self.stream, flush=True)


def run_with_bar(run: Callable[[Callable[[Any], None]], Any], total: int | None, console: Any) -> Any:
    """``run(on_batch)`` under a rich progress bar with total, rate and ETA."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        MofNCompleteColumn() if total is not None else TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.2f} articles/s"),
        TextColumn("dup {task.fields[duplicates]}  failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0, duplicates=0, failed=0)

        def on_batch(summary: Any) -> None:
            done = done_count(summary)
            progress.update(
                task,
                completed=min(done, total) if total is not None else done,
                rate=done / summary.seconds if summary.seconds > 0 else 0.0,
                duplicates=summary.duplicates,
                failed=summary.failed,
            )

        return run(on_batch)
