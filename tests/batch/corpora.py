"""Fictional corpora to ingest (written here, not taken from any corpus)."""

from __future__ import annotations

import json
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# A Ray run in these tests takes well under a minute; one that hangs (CPUs over-reserved, say) fails here.
RAY_RUN_LIMIT_S = 300


@contextmanager
def bounded(seconds: int = RAY_RUN_LIMIT_S) -> Iterator[None]:
    """Fail with TimeoutError instead of hanging when the block runs over ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"a Ray run took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


REPO = Path(__file__).resolve().parents[2]

PEOPLE = [("Ilse Varn", "Mayor"), ("Tomas Brell", "Defence Minister"), ("Anja Holt", "Foreign Minister"),
          ("Piet Saro", "General"), ("Mira Kale", "spokeswoman")]  # fmt: skip
PLACES = ["Dorvale", "Kesk", "Valmora", "Lindhaven"]
ACTIONS = [
    "said the talks with the council would resume on Tuesday",
    "accused the northern militia of shelling the port",
    "announced an agreement to reopen the bridge",
    "warned that 300 families had fled the fighting",
]


def fictional_articles(n: int) -> list[dict]:
    """Short news items about invented people and places, with titles and dates (ours, not a corpus)."""
    items = []
    for i in range(n):
        name, title = PEOPLE[i % len(PEOPLE)]
        place = PLACES[(i // 2) % len(PLACES)]
        action = ACTIONS[(i // 3) % len(ACTIONS)]
        surname = name.split()[1]
        text = (
            f"{place}, March {i % 27 + 1} - {title} {name} {action} in {place} on Monday. "
            f'"We will not accept delays," {surname} told reporters. '
            f"Officials in {PLACES[(i + 1) % len(PLACES)]} said {i + 2} convoys were waiting."
        )
        items.append({"title": f"{place} update {i}", "text": text, "date": f"2026-03-{i % 27 + 1:02d}",
                      "source": "Fictional Wire"})  # fmt: skip
    return items


def write_corpus(folder: Path, n: int = 30, bad: bool = False) -> Path:
    """A folder with a JSONL of n articles and the repo's text samples (bad: broken records mixed in)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(item) for item in fictional_articles(n)]
    if bad:
        lines.insert(3, '{"title": "cut off", "text": "The envoy')  # truncated line
        lines.insert(7, '{"title": "no body"}')  # no text field
        lines.insert(11, "not json at all")
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for sample in sorted((REPO / "samples").glob("*.txt")):
        shutil.copy(sample, folder / sample.name)
    if bad:
        (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    return folder
