"""Server-side charts on real-shaped data: axes from the bulk of the dates, true counts, labels that fit."""

from __future__ import annotations

import re

import pytest

from newsgraph.geo import GEO_PRECISIONS, geo_precision
from newsgraph.web.charts import bulk_months, count_ticks, entity_timeline, timeline_bars

# A corpus of 2026 news with one event dated 1972 (an anniversary in the text).
STRAY_1972 = [{"period": "1972-05", "type": "ASSAULT", "n": 1}] + [
    {"period": month, "type": kind, "n": n}
    for month in ("2026-02", "2026-03", "2026-04")
    for kind, n in (("ASSAULT", 40), ("AGREE", 12))
]


def bar_periods(svg: str) -> dict[str, int]:
    """Event counts per drawn period, read back from the bars."""
    counts: dict[str, int] = {}
    for period, n in re.findall(r'<rect [^>]*data-period="([^"]+)"[^>]*data-n="(\d+)"', svg):
        counts[period] = counts.get(period, 0) + int(n)
    return counts


def test_a_stray_old_date_does_not_stretch_the_axis():
    svg = str(timeline_bars(STRAY_1972, link_base="/events"))
    assert bar_periods(svg) == {"2026-02": 52, "2026-03": 52, "2026-04": 52}
    assert "1 event dated outside 2026-02 – 2026-04" in svg
    assert 'href="/events?since=1972-05-01&amp;until=1972-05-31"' in svg


def test_bars_link_to_their_month_keeping_other_filters():
    svg = str(
        timeline_bars(STRAY_1972, link_base="/events", query={"type": "ASSAULT", "since": "2020-01-01"})
    )
    assert 'href="/events?type=ASSAULT&amp;since=2026-03-01&amp;until=2026-03-31"' in svg


@pytest.mark.parametrize(
    ("counts", "first", "last", "outside"),
    [
        # a short span is drawn whole, however uneven
        ({"2025-01": 4, "2026-04": 96}, "2025-01", "2026-04", []),
        # an even spread over ten years is the bulk itself
        ({f"{y}-{m:02d}": 3 for y in range(2015, 2025) for m in range(1, 13)}, "2015-01", "2024-12", []),
        # a quiet month beside the busy ones stays; far strays go
        (
            {"2021-11": 3, "2025-12": 1, "2026-01": 2, "2026-02": 133, "2026-03": 108, "2026-04": 103},
            "2025-12",
            "2026-04",
            ["2021-11"],
        ),
        # strays on both sides
        (
            {"1972-05": 1, "2024-01": 50, "2024-02": 60, "2031-01": 2},
            "2024-01",
            "2024-02",
            ["1972-05", "2031-01"],
        ),
    ],
)
def test_bulk_months(counts, first, last, outside):
    axis = bulk_months(counts)
    assert axis is not None
    assert (
        f"{axis.first // 12:04d}-{axis.first % 12 + 1:02d}",
        f"{axis.last // 12:04d}-{axis.last % 12 + 1:02d}",
    ) == (
        first,
        last,
    )
    assert [period for period, _ in axis.outside] == outside


def test_long_spans_are_drawn_in_years():
    rows = [{"period": f"{y}-06", "type": "AGREE", "n": 2} for y in range(1990, 2026)]
    svg = str(timeline_bars(rows))
    assert 'data-unit="year"' in svg
    assert bar_periods(svg) == {str(y): 2 for y in range(1990, 2026)}


def test_no_dated_events_says_what_to_do():
    assert "published" in str(timeline_bars([]))


def event(day: str, article: str = "a1") -> dict:
    return {"type": "ACCUSE", "time": None, "published": day, "article_id": article, "source": {"name": "X"}}


def test_entity_timeline_gives_true_totals_and_drawn_counts():
    shown = [event(f"2026-03-{d:02d}") for d in range(1, 29)]
    svg = str(entity_timeline(shown, [], [], totals=(126, 0, 7)))
    assert 'data-lane="as source" data-total="126">as source: 126<' in svg
    assert ">28 drawn<" in svg
    assert 'data-lane="quotes" data-total="7"' in svg


def test_entity_timeline_ends_are_anchored_inside():
    svg = str(entity_timeline([event("2026-02-01"), event("2026-04-30")], [], []))
    assert 'text-anchor="start">2026-02-01<' in svg and 'text-anchor="end">2026-04-30<' in svg


def test_entity_timeline_leaves_strays_off_the_axis():
    events = [event(f"2026-03-{d:02d}") for d in range(1, 29)] + [event("1972-05-04")]
    svg = str(entity_timeline(events, [], []))
    assert "2026-03-01" in svg and ">1972-05-04<" not in svg
    assert "1 event dated outside 2026-03 – 2026-03" in svg


@pytest.mark.parametrize(
    ("feature", "lat", "expected"),
    [
        ("city", 48.2, "city"),
        ("country", 47.5, "country"),
        ("state", 40.0, "region"),
        ("sea", 43.0, "region"),
        ("airport", 50.4, "city"),  # a site sits on its town's point
        ("province", 50.4, "region"),
        ("city", None, None),
        (None, 10.0, None),
    ],
)
def test_geo_precision(feature, lat, expected):
    assert geo_precision(feature, lat, None if lat is None else 1.0) == expected
    assert expected is None or expected in GEO_PRECISIONS


def test_entity_timeline_dates_events_as_the_store_does():
    """The event's stored date (its own day, else its article's), not a year named in its sentence."""
    dated = {**event("2026-03-06"), "date": "2026-03-06", "time": {"text": "in 2021", "value_start": "2021"}}
    own_day = {
        **event("2026-03-06"),
        "date": "2026-03-02",
        "time": {"text": "Monday", "value_start": "2026-03-02"},
    }
    svg = str(entity_timeline([dated, own_day], [], []))
    assert "<title>2026-03-06: ACCUSE" in svg and "<title>2026-03-02: ACCUSE" in svg


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        (133, [0, 50, 100]),
        (22, [0, 10, 20]),
        (3, [0, 1, 2, 3]),
        (1, [0, 1]),
        (7, [0, 5]),
        (1000, [0, 500, 1000]),
    ],
)
def test_count_axis_has_round_ticks(peak, ticks):
    assert count_ticks(peak) == ticks
