"""Property tests: any text gives valid JSON whose every offset slices back to its evidence."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Words that wake every stage up: names, titles, cue verbs, quotes, figures, dates, places.
NEWS_WORDS = [
    "President",
    "Anna Kovacs",
    "Foreign Minister",
    "said",
    "told",
    "according to",
    '"',
    "“",
    "”",
    "'",
    "’s",
    "attacked",
    "met",
    "agreed",
    "killed",
    "at least",
    "1,200",
    "$4.5 million",
    "€30bn",
    "on Friday",
    "last week",
    "in March",
    "2025",
    "Kharkiv",
    "Paris, Texas",
    "the Sumy and Poltava regions",
    "Liège",
    "Odesa International Airport",
    "Ukraine",
    "Russian",
    "the Kremlin",
    "\n",
    "\n\n",
    "Talks Resume Amid Strikes\n",
    ".",
    ",",
    ":",
    "-",
    "—",
    "Zandaria",
]

news_like = st.lists(st.sampled_from(NEWS_WORDS), max_size=80).map(" ".join)
any_text = st.text(max_size=300)
mixed = st.lists(st.one_of(news_like, any_text), max_size=6).map("".join)
# A few big inputs (up to ~100 KB): a generated chunk repeated.
big = st.builds(lambda chunk, times: (chunk * times)[:100_000], news_like, st.integers(50, 400))
texts = st.one_of(mixed, mixed, mixed, big)


def _check_span(text: str, span: dict, where: str) -> None:
    start, end = span["start"], span["end"]
    assert 0 <= start <= end <= len(text), f"{where}: {start}..{end} outside the text"
    assert text[start:end] == span["text"], f"{where}: {text[start:end]!r} != {span['text']!r}"


def check_offsets(data: dict) -> None:
    """Every fact's offsets in a document JSON slice back to the text it quotes."""
    text = data["text"]
    for heading in data.get("headings", []):
        _check_span(text, heading, "heading")
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            _check_span(text, mention, f"entity {entity['name']!r} mention")
    for quote in data["quotes"]:
        # A quote in pieces joins its parts; each part slices back on its own.
        if quote.get("parts"):
            for part in quote["parts"]:
                _check_span(text, part, "quote part")
        else:
            _check_span(text, quote, "quote")
        if quote.get("speaker_start") is not None:
            speaker = {
                "start": quote["speaker_start"],
                "end": quote["speaker_end"],
                "text": quote["speaker_text"],
            }
            _check_span(text, speaker, "quote speaker")
    for event in data["events"]:
        _check_span(text, event["trigger"], "event trigger")
        _check_span(text, event["sentence"], "event sentence")
        for quantity in event.get("quantities") or []:
            _check_span(text, quantity, "event quantity")
    for quantity in data["quantities"]:
        _check_span(text, quantity, "quantity")
    for place in data["places"]:
        for mention in place["mentions"]:
            _check_span(text, mention, f"place {place['name']!r} mention")
    for time in data["times"]:
        _check_span(text, time, "time")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_gives_valid_json_with_true_offsets(pipeline, text):
    record = pipeline.extract(text, published="2026-01-02")
    data = json.loads(record.to_json())
    assert data["text"] == record.article.text
    check_offsets(data)
