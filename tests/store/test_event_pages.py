"""A page of events filtered by country is read the way that finds it sooner (``_found_sooner_by_date``),
and either way it holds the same events: newest first, the country's as source, target or place."""

from __future__ import annotations

import pytest
from store_records import minister_record

from newsgraph.store import Store

# Every event has a place in Austria; the ministers of two articles in ten are Polish, the others
# Hungarian. Days go back and forth, and two articles share each day.
COUNTRIES = ["POL" if i % 5 == 0 else "HUN" for i in range(20)]
DAYS = [f"2026-0{1 + i % 3}-{10 + (i * 7) % 19:02d}" for i in range(10)] * 2


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("pages") / "pages.db") as store:
        with store.atomic():
            for i, (country, day) in enumerate(zip(COUNTRIES, DAYS, strict=True)):
                store.add_document(
                    minister_record(first=f"Name{i}", country=country, published=day, extra=f"{i}.")
                )
        yield store


def _expected(store: Store, country: str, limit: int, offset: int) -> list[int]:
    rows = store.conn.execute(
        "SELECT id, event_date, source_country, target_country, location_country FROM event_rows"
    ).fetchall()
    found = [(day, key) for key, day, *countries in rows if country in countries]
    return [key for _, key in sorted(found, reverse=True)][offset : offset + limit]


def _plan(store: Store, call) -> str:
    """The query plan of the event rows' page ``call`` reads."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    page = next(s for s in statements if "FROM event_rows ev WHERE" in s)
    return " ".join(row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {page}"))


def test_a_page_holds_the_newest_events_of_the_country_whichever_way_it_is_read(store):
    for country in ("AUT", "HUN", "POL", "ZZZ"):
        for limit, offset in ((1, 0), (3, 0), (5, 4), (100, 0), (10, 35)):
            page = [e["id"] for e in store.events(country=country.lower(), limit=limit, offset=offset)]
            assert page == _expected(store, country, limit, offset), (country, limit, offset)
        newest = [p["place"] for p in store.map_points(country=country, limit=3)]
        assert len(newest) == len(_expected(store, country, 3, 0))


def test_a_country_of_many_events_is_read_in_date_order_a_rare_one_through_its_indexes(store):
    # Austria is the place of every event: the first page is found among the newest.
    assert store._found_sooner_by_date("AUT", 10)
    assert "events_date_type" in _plan(store, lambda: store.events(country="AUT", limit=10))
    # Poland is four events of forty: reading in date order would read about ten for each one wanted.
    assert store.stats()["events"] == 40
    assert not store._found_sooner_by_date("POL", 10)
    plan = _plan(store, lambda: store.events(country="POL", limit=10))
    assert "events_source_country" in plan and "events_date_type" not in plan
    # A deep page of even the largest country is read through its indexes; so is a country of no event.
    assert not store._found_sooner_by_date("AUT", 41)
    assert not store._found_sooner_by_date("ZZZ", 1)
    # A negative limit reads every event of the country: through its indexes.
    every = store.events(country="AUT", limit=-1)
    assert [e["id"] for e in every] == _expected(store, "AUT", 40, 0)
    assert "events_date_type" not in _plan(store, lambda: store.events(country="AUT", limit=-1))
    # The map reads the same way.
    assert "events_date_type" in _plan(store, lambda: store.map_points(country="AUT", limit=10))
