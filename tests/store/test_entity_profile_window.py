"""An entity's profile lists its latest articles newest first (undated last) and counts its neighbours over
its ``NEIGHBOUR_ARTICLES`` latest articles, both read from the end of the entity's index."""

from __future__ import annotations

import pytest
from store_records import minister_record

from newsgraph.store import Store, queries

# Written out of date order, two on one day, one undated; each article's minister has a name of its own
# (a neighbour of Elena Brandt, who is in every article).
DAYS = ["2026-01-05", "2026-03-01", None, "2026-02-10", "2026-03-01", "2026-01-20"]
SURNAMES = ["Varga", "Kovacs", "Horvath", "Szabo", "Toth", "Nagy"]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "profile.db") as store:
        for day, surname in zip(DAYS, SURNAMES, strict=True):
            store.add_document(minister_record(first="Anna", surname=surname, published=day, extra=surname))
        yield store


def _brandt(store: Store) -> str:
    return next(e["id"] for e in store.list_entities(type="PERSON", limit=50) if e["name"] == "Elena Brandt")


def test_the_latest_articles_come_newest_first_the_latest_written_first_on_a_day_and_undated_last(store):
    titles = [a["title"] for a in store.entity_profile(_brandt(store))["articles"]]
    assert titles == [f"Anna {s} in Vienna" for s in ("Toth", "Kovacs", "Szabo", "Nagy", "Varga", "Horvath")]
    for limit in (1, 2, 3):
        assert [a["title"] for a in store.entity_profile(_brandt(store), limit=limit)["articles"]] == titles[
            :limit
        ]


def test_neighbours_are_counted_over_the_latest_articles(store, monkeypatch):
    everywhere = {"Vienna", "Police"}
    neighbours = {n["name"]: n["weight"] for n in store.entity_profile(_brandt(store))["neighbours"]}
    assert neighbours == {**{f"Anna {s}": 1 for s in SURNAMES}, **{name: 6 for name in everywhere}}
    monkeypatch.setattr(queries, "NEIGHBOUR_ARTICLES", 3)
    neighbours = {n["name"]: n["weight"] for n in store.entity_profile(_brandt(store))["neighbours"]}
    assert neighbours == {
        "Anna Toth": 1,
        "Anna Kovacs": 1,
        "Anna Szabo": 1,
        **{name: 3 for name in everywhere},
    }
