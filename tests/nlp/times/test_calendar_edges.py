"""Times at the calendar's edges: arithmetic that leaves years 1-9999 gives no date, never an error."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.nlp.times import resolve as tr


@pytest.mark.parametrize(
    ("text", "published", "expression"),
    [
        ("The council met last year.", "0001-01-01", "last year"),
        ("The council meets next Tuesday.", "9999-12-31", "next Tuesday"),
        ("The bridge opened 30 years ago.", "0026-03-15", "30 years ago"),
        ("The council met yesterday.", "0001-01-01", "yesterday"),
        ("The council meets tomorrow.", "9999-12-31", "tomorrow"),
        ("Prices rose over the past three months.", "0001-02-01", "the past three months"),
        ("Prices will rise over the next two years.", "9999-06-01", "the next two years"),
        ("The vote is next month.", "9999-12-31", "next month"),
        ("The vote was last December.", "0001-06-01", "last December"),
        ("The vote is next week.", "9999-12-30", "next week"),
    ],
)
def test_arithmetic_outside_the_calendar_resolves_to_null(pipeline, text, published, expression):
    record = pipeline.extract(text, published=published)
    found = [t for t in record.times if t.text == expression]
    assert found, [t.text for t in record.times]
    assert (found[0].value_start, found[0].value_end) == (None, None)


def test_arithmetic_inside_the_calendar_still_resolves(pipeline):
    record = pipeline.extract("The council met last year.", published="0002-05-01")
    assert [(t.value_start, t.value_end) for t in record.times if t.text == "last year"] == [("0001", "0001")]


def test_within_calendar_guard():
    guarded = tr.within_calendar(tr.units_ago)
    assert guarded(date(26, 3, 15), 30, 0, 12) is None
    assert guarded(date(2026, 3, 15), 30, 0, 12) == tr.whole_year(1996)
