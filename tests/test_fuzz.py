"""Fuzzing ``newsgraph.extract``: any text, any date in the calendar, never an exception.

Arbitrary unicode (lone surrogates and control characters included), dates at
the calendar's edges with relative phrases that step past them, and long runs
of punctuation or emoji. Bounded for CI; ``benchmarks/fuzz.py`` runs 10,000+.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.spans import offset_errors

DATE_PHRASES = [
    "last year", "next year", "next Tuesday", "last Friday", "30 years ago", "two decades ago",
    "yesterday", "tomorrow", "last December", "next month", "next week", "the past three months",
    "the next 2 years", "in 1999", "since 2020", "on March 3", "between January and March",
    "until Friday", "this weekend", "in the 1990s", "on 31 December", "9999-12-31", "0001-01-01",
]  # fmt: skip
EDGE_DATES = [date(1, 1, 1), date(1, 12, 31), date(26, 3, 15), date(9999, 12, 31), date(9999, 1, 1)]
RUN_CHARACTERS = ["!", "?", ".", "-", "*", '"', "'", "…", "😀", "👍🏽", "\u200b", "_", "=", "#"]

every_character = st.characters(codec=None, exclude_categories=())  # surrogates and controls included
unicode_text = st.text(every_character, max_size=200)
control_text = st.text(st.characters(max_codepoint=0x9F), max_size=80)
runs = st.builds(lambda ch, n: ch * n, st.sampled_from(RUN_CHARACTERS), st.integers(30, 3000))
phrases = st.sampled_from(DATE_PHRASES).map(lambda p: f"The council met {p}. ")
news = st.sampled_from(["Mayor Lina Osk said ", '"We agree," ', "Police arrested 30 people in Kesk. "])
texts = st.lists(st.one_of(unicode_text, control_text, runs, phrases, news), min_size=1, max_size=6).map(
    "".join
)
published = st.one_of(st.none(), st.sampled_from(EDGE_DATES), st.dates())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, when=published)
def test_extract_never_raises_and_offsets_stay_in_the_text(pipeline, text, when):
    record = pipeline.extract(text, published=when, title=text[:20] or None)
    data = record.to_dict()
    assert len(data["text"]) == len(text)  # a surrogate becomes U+FFFD, one character for one
    assert offset_errors({k: v for k, v in data.items() if k != "article"}, data["text"]) == []
    json.loads(record.to_json())  # encodable: no surrogate survives


def test_offset_errors_finds_bad_spans():
    spans = {"times": [{"start": 2, "end": 9, "text": "x"}, {"start": 0, "end": 1, "text": "b"}]}
    assert offset_errors(spans, "abc") == [".times[0].start: 2..9 outside 0..3", ".times[1]: 'a' != 'b'"]
