"""The entity list in each order: entities counted more than once come from a partial index, the others
after them (schema version 25), and every page is the page of one plain sort."""

from __future__ import annotations

import pytest
from store_records import minister_record

from newsgraph.store import Store
from newsgraph.store.queries import ENTITY_ORDERS, with_entity_ids


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("orders") / "news.db"
    with Store(path) as store:
        # Ministers named in one article each, and two named again: counts of one and of more.
        for i, surname in enumerate(["Varga", "Kiss", "Orlik", "Marr", "Brandt", "Velk"]):
            store.add_document(minister_record(surname=surname, published=f"2026-01-{i + 10}"))
        for surname in ("Varga", "Kiss"):
            store.add_document(minister_record(surname=surname, published="2026-01-20", extra="Talks go on."))
        yield store


def _sorted_plainly(store: Store, order: str, type: str | None) -> list[dict]:
    where, params = (" WHERE type = ?", [type]) if type else ("", [])
    rows = store._rows(
        "SELECT id, name, type, country, n_articles, n_mentions, n_quotes, first_seen, last_seen "
        f"FROM corpus_entities{where} ORDER BY {ENTITY_ORDERS[order]}",
        params,
    )
    return with_entity_ids(rows, "id")


@pytest.mark.parametrize("order", sorted(ENTITY_ORDERS))
@pytest.mark.parametrize("type", [None, "PERSON"])
def test_every_page_is_a_page_of_the_plain_sort(store, order, type):
    everything = _sorted_plainly(store, order, type)
    named = [e for e in everything if "a" in e["name"].lower()]
    assert store.list_entities(order=order, type=type, q="a", limit=100) == named
    counted = {e["n_mentions"] > 1 for e in everything} | {e["n_articles"] > 1 for e in everything}
    assert counted == {True, False}  # both sides of the partial indexes are there
    for limit in (1, 3, 5, 50):
        for offset in range(0, len(everything) + 2):
            page = store.list_entities(order=order, type=type, limit=limit, offset=offset)
            assert page == everything[offset : offset + limit], (limit, offset)


@pytest.mark.parametrize(
    ("order", "index"), [("mentions", "corpus_entities_mentions"), ("articles", "corpus_entities_articles")]
)
def test_the_first_page_reads_the_partial_index(store, order, index):
    counted = {"mentions": "n_mentions", "articles": "n_articles"}[order]
    plan = " ".join(
        row[3]
        for row in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM corpus_entities WHERE {counted} > 1 "
            f"ORDER BY {ENTITY_ORDERS[order]} LIMIT 50"
        )
    )
    assert index in plan and "TEMP B-TREE" not in plan
    surnamed = " ".join(
        row[3]
        for row in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM corpus_entities WHERE surname = ?", ("x",)
        )
    )
    assert "corpus_entities_surname" in surnamed
