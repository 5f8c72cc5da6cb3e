"""Times: date expressions resolved to ISO ranges against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.nlp.times import resolve as tr

SATURDAY = "2025-11-08"  # a Saturday
WEDNESDAY = "2026-01-14"


def _times(pipeline, text: str, published: str | None):
    record = pipeline.extract(text, published=published)
    for t in record.times:
        assert text[t.start : t.end] == t.text
    return record.times


def _find(times, text: str):
    matches = [t for t in times if t.text == text]
    assert matches, f"no time {text!r} in {[t.text for t in times]}"
    return matches[0]


# (sentence, published, expression text, value_start, value_end)
CASES = [
    # weekdays: the most recent on or before publication, the day itself when it is that weekday
    (
        "Between Friday and Saturday, drones struck the grid.",
        SATURDAY,
        "Between Friday and Saturday",
        "2025-11-07",
        "2025-11-08",
    ),
    ("The minister resigned on Saturday.", SATURDAY, "Saturday", "2025-11-08", "2025-11-08"),
    ("The minister resigned on Sunday.", SATURDAY, "Sunday", "2025-11-02", "2025-11-02"),
    ("The council met on Tuesday.", WEDNESDAY, "Tuesday", "2026-01-13", "2026-01-13"),
    ("The council met on Wednesday.", WEDNESDAY, "Wednesday", "2026-01-14", "2026-01-14"),
    ("The council will meet on Monday.", WEDNESDAY, "Monday", "2026-01-19", "2026-01-19"),
    ("The council will meet on Wednesday.", WEDNESDAY, "Wednesday", "2026-01-14", "2026-01-14"),
    ("Talks resume next Monday.", SATURDAY, "next Monday", "2025-11-10", "2025-11-10"),
    ("Talks resume next Saturday.", SATURDAY, "next Saturday", "2025-11-15", "2025-11-15"),
    ("Talks stalled last Saturday.", SATURDAY, "last Saturday", "2025-11-01", "2025-11-01"),
    ("Talks stalled last Friday.", SATURDAY, "last Friday", "2025-11-07", "2025-11-07"),
    ("The vote is this Friday.", WEDNESDAY, "this Friday", "2026-01-16", "2026-01-16"),
    ("Sirens sounded on Thursday night.", SATURDAY, "Thursday night", "2025-11-06", "2025-11-06"),
    # relative days, weeks, months, years
    ("Officials spoke yesterday.", SATURDAY, "yesterday", "2025-11-07", "2025-11-07"),
    ("The border reopened today.", SATURDAY, "today", "2025-11-08", "2025-11-08"),
    ("The strike starts tomorrow.", SATURDAY, "tomorrow", "2025-11-09", "2025-11-09"),
    ("The envoy visited last week.", SATURDAY, "last week", "2025-10-27", "2025-11-02"),
    ("The envoy visited last week.", WEDNESDAY, "last week", "2026-01-05", "2026-01-11"),
    ("The envoy visits this week.", WEDNESDAY, "this week", "2026-01-12", "2026-01-18"),
    ("Prices rose last month.", WEDNESDAY, "last month", "2025-12", "2025-12"),
    ("Prices rose last year.", WEDNESDAY, "last year", "2025", "2025"),
    ("The law passed earlier this year.", SATURDAY, "earlier this year", "2025-01-01", "2025-11-08"),
    ("The plant closed three years ago.", SATURDAY, "three years ago", "2022", "2022"),
    ("The plant closed 10 days ago.", SATURDAY, "10 days ago", "2025-10-29", "2025-10-29"),
    ("Rain fell over the past two weeks.", SATURDAY, "the past two weeks", "2025-10-25", "2025-11-08"),
    # absolute dates
    ("The accord was signed in March 2024.", SATURDAY, "March 2024", "2024-03", "2024-03"),
    ("The accord was signed on 3 March 2025.", SATURDAY, "3 March 2025", "2025-03-03", "2025-03-03"),
    ("The accord was signed on March 3, 2025.", SATURDAY, "March 3, 2025", "2025-03-03", "2025-03-03"),
    ("The accord was signed on March 3.", SATURDAY, "March 3", "2025-03-03", "2025-03-03"),
    ("The accord was signed on December 3.", SATURDAY, "December 3", "2024-12-03", "2024-12-03"),
    ("The accord will be signed on December 3.", SATURDAY, "December 3", "2025-12-03", "2025-12-03"),
    ("The accord was signed in March.", SATURDAY, "March", "2025-03", "2025-03"),
    ("The accord was signed in December.", SATURDAY, "December", "2024-12", "2024-12"),
    ("Exports peaked in 2023.", SATURDAY, "2023", "2023", "2023"),
    ("The town grew in the 1990s.", SATURDAY, "the 1990s", "1990", "1999"),
    ("The figures were published on 2024-05-17.", SATURDAY, "2024-05-17", "2024-05-17", "2024-05-17"),
    # ranges and open ranges
    ("He has led the party since 2004.", SATURDAY, "since 2004", "2004", None),
    (
        "Output fell sharply since the war began in 2022.",
        SATURDAY,
        "since the war began in 2022",
        "2022",
        None,
    ),
    ("She chaired the board from 2019 to 2021.", SATURDAY, "from 2019 to 2021", "2019", "2021"),
    (
        "The photos were taken between January and March 2024.",
        SATURDAY,
        "between January and March 2024",
        "2024-01",
        "2024-03",
    ),
    ("Flights are grounded until February 20.", SATURDAY, "until February 20", None, "2026-02-20"),
]


@pytest.mark.parametrize(("sentence", "published", "text", "value_start", "value_end"), CASES)
def test_time(pipeline, sentence, published, text, value_start, value_end):
    t = _find(_times(pipeline, sentence, published), text)
    assert (t.value_start, t.value_end) == (value_start, value_end)


UNRESOLVED = [
    ("Officials spoke yesterday.", None, "yesterday"),
    ("The minister resigned on Saturday.", None, "Saturday"),
    ("The envoy visited last week.", None, "last week"),
    ("The accord was signed on March 3.", None, "March 3"),
    ("Tensions have risen recently.", SATURDAY, "recently"),
    ("Tensions have risen in recent weeks.", SATURDAY, "in recent weeks"),
]


@pytest.mark.parametrize(("sentence", "published", "text"), UNRESOLVED)
def test_unresolvable_times_stay_null(pipeline, sentence, published, text):
    t = _find(_times(pipeline, sentence, published), text)
    assert (t.value_start, t.value_end) == (None, None)


def test_absolute_dates_resolve_without_publication_date(pipeline):
    t = _find(_times(pipeline, "The accord was signed in March 2024.", None), "March 2024")
    assert (t.value_start, t.value_end) == ("2024-03", "2024-03")


@pytest.mark.parametrize(
    "sentence",
    [
        "The ban has held for more than three decades.",
        "The siege lasted two years.",
        "Jane Roe, 43, said she would appeal.",
        "The clinic is open every day.",
    ],
)
def test_durations_and_ages_are_not_times(pipeline, sentence):
    assert _times(pipeline, sentence, SATURDAY) == ()


def test_month_names_inside_person_names_are_not_times(pipeline):
    times = _times(pipeline, "Prime Minister Theresa May spoke to reporters.", SATURDAY)
    assert all(t.text != "May" for t in times)


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        ("on_or_before", date(2025, 11, 7)),
        ("before", date(2025, 11, 7)),
        ("on_or_after", date(2025, 11, 14)),
        ("after", date(2025, 11, 14)),
        ("same_week", date(2025, 11, 7)),
    ],
)
def test_weekday_relations_for_friday_from_saturday(relation, expected):
    assert tr.weekday_near(date(2025, 11, 8), 4, relation) == expected


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        ("on_or_before", date(2025, 11, 8)),
        ("before", date(2025, 11, 1)),
        ("on_or_after", date(2025, 11, 8)),
        ("after", date(2025, 11, 15)),
    ],
)
def test_weekday_relations_on_the_publication_weekday(relation, expected):
    assert tr.weekday_near(date(2025, 11, 8), 5, relation) == expected


def test_day_of_month_skips_impossible_dates():
    assert tr.day_of_month_near(date(2025, 3, 1), 2, 29, future=False) == date(2024, 2, 29)
    assert tr.day_of_month_near(date(2025, 3, 1), 4, 31, future=False) is None
