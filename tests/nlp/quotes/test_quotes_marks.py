"""Quotation marks in raw text: every style, nesting, paragraphs, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.nlp.quotes.marks import MAX_PART_CHARS, find_quotations


def contents(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.parts] for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Mira Holt said: "We will win." Then she left.', [["We will win."]]),
        ("“The plan is sound,” she said.", [["The plan is sound,"]]),
        ("«Nous partons», dit-elle.", [["Nous partons"]]),
        ("She said ‘we don’t know’ at noon.", [["we don’t know"]]),
        ("'We are ready,' the colonel said.", [["We are ready,"]]),
        ("“A,” he said, “B.”", [["A,"], ["B."]]),
        ('"outer ‘inner’ end," he said', [["outer ‘inner’ end,"]]),
        ("He said “she told me ‘no’ twice.”", [["she told me ‘no’ twice."]]),
        ("“First paragraph.\n“Second paragraph,” she said.", [["First paragraph.", "Second paragraph,"]]),
        ("The town’s mayor and the officials’ view and rock ’n’ roll.", []),
        ("Don't worry, it's fine, the teachers' union said.", []),
    ],
)
def test_quotation_spans(text, expected):
    assert contents(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'He said "this never ends\nA new paragraph with other words.',
        "A stray ” closing mark and “ an opening one at the end",
        '" " "" """ ”“ «»',
    ],
)
def test_unbalanced_marks_stay_in_their_paragraph(text):
    for quotation in find_quotations(text):
        for start, end in quotation.parts:
            assert "\n" not in text[start:end]
        if not quotation.balanced:
            assert quotation.end <= text.find("\n") if "\n" in text else True


def test_unbalanced_quote_is_bounded_and_flagged():
    body = "Word after word goes on. " * 200
    text = f'The envoy said "{body}'
    (quotation,) = find_quotations(text)
    assert not quotation.balanced
    assert quotation.end - quotation.start <= MAX_PART_CHARS


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n.,\"'“”‘’«»:", max_size=200))
def test_arbitrary_marks_never_crash_and_spans_are_valid(text):
    for quotation in find_quotations(text):
        for start, end in quotation.parts:
            assert 0 <= start < end <= len(text)
            assert "\n" not in text[start:end]
