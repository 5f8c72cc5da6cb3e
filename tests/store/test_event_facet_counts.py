"""The facets of every event come from counts kept as events are written (store/facet_counts.py), and
those counts stay equal to the facets counted from the event rows through everything that writes them:
batches, a document that fails, a country the actor layer lends, a merge, a delete, a replace, and the
migration that fills them in an older store."""

from __future__ import annotations

import itertools
import logging
from collections import Counter

import pytest
from store_records import minister_record

from newsgraph.errors import StoreError
from newsgraph.store import Store
from newsgraph.store.facet_counts import COUNTED_COLUMNS, FACETS, count_event_facets, event_facet_values
from newsgraph.store.queries import country_branches
from newsgraph.store.schema import SCHEMA_VERSION


def _records():
    # The police of the third article are Austrian: the corpus lends that country to the police of the
    # others, and so to the source of their COERCE events (an update of the counted columns). A surname
    # alone ("Varga") and dates out of order, with one undated article.
    days = ["2026-01-05", "2026-01-03", "2026-02-01", None, "2026-01-20", "2026-03-04"]
    firsts = ["Tomas", "Tomas", "", "Anna", "Tomas", ""]
    return [
        minister_record(
            first=first, published=day, extra=f"Story {i}.", police_country="AUT" if i == 2 else None
        )
        for i, (day, first) in enumerate(zip(days, firsts, strict=True))
    ]


# Before, on, inside and after the records' dates, and both ends at once.
_DATE_RANGES = [
    {"since": "2025-01-01"},
    {"since": "2026-01-03"},
    {"since": "2026-01-04"},
    {"until": "2026-02-01"},
    {"since": "2026-02-01"},
    {"until": "2026-12-31"},
    {"until": "2026-01-04"},
    {"since": "2026-01-01", "until": "2026-02-15"},
    {"since": "2027-01-01"},
]


def _agree(store: Store) -> dict:
    """The kept facets, after checking them against the counted ones at several limits, among every
    event and among each type's (and a type no event has)."""
    types = [row[0] for row in store.conn.execute("SELECT DISTINCT type FROM event_rows")] + ["PROTEST"]
    for limit in (1, 2, 10):
        assert store.event_facets(limit=limit) == store._counted_event_facets("", [], limit)
        for type in types:
            where, params = store._event_filters(type=type.lower())
            assert store.event_facets(limit=limit, type=type.lower()) == store._counted_event_facets(
                where, params, limit
            ), type
        # A date range: counted from its events, or, when it holds most of them, the kept counts less
        # the events outside it.
        for dates in _DATE_RANGES:
            for type in [None, *types]:
                filters = {**dates, "type": type.lower()} if type else dates
                where, params = store._event_filters(**filters)
                assert store.event_facets(limit=limit, **filters) == store._counted_event_facets(
                    where, params, limit
                ), filters
        # A country (any case, and one no event has), alone and with a type or dates: read from the
        # country indexes, each event once, as the rows' own OR of the three countries counts them.
        countries = [
            row[0]
            for row in store.conn.execute(
                "SELECT source_country FROM event_rows UNION SELECT target_country FROM event_rows "
                "UNION SELECT location_country FROM event_rows"
            )
            if row[0] is not None
        ]
        for country in [*countries, "aut", "ZZZ"]:
            for others in [{}, {"type": types[0].lower()}, *_DATE_RANGES[:3]]:
                filters = {"country": country, **others}
                where, params = store._event_filters(**filters)
                assert store.event_facets(limit=limit, **filters) == store._counted_event_facets(
                    where, params, limit
                ), filters
    assert store.conn.execute("SELECT COUNT(*) FROM event_facet_counts WHERE n < 0").fetchone()[0] == 0
    # The timeline of every event and the stats' events by type read the same counts.
    assert store.events_timeline() == store._counted_timeline("", [])
    by_type = dict(store.conn.execute("SELECT type, COUNT(*) FROM event_rows GROUP BY type"))
    assert store.stats()["events_by_type"] == by_type
    assert list(store.stats()["events_by_type"].values()) == sorted(by_type.values(), reverse=True)
    return store.event_facets()


def _lent(store: Store) -> int:
    return store.conn.execute(
        "SELECT COUNT(*) FROM event_rows WHERE source_country_from = 'corpus'"
    ).fetchone()[0]


def test_kept_counts_follow_batches_lent_countries_deletes_and_replaces(tmp_path):
    records = _records()
    with Store(tmp_path / "facets.db") as store:
        with store.atomic():
            for record in records[:4]:
                store.add_document(record)
        assert _lent(store) > 0  # the actor layer changed counted columns of events already written
        facets = _agree(store)
        assert facets["country"]["values"][0] == {"value": "AUT", "label": "AUT", "n": 8}  # each event once
        for record in records[4:]:
            store.add_document(record)
        _agree(store)
        with store.atomic():
            store.delete_article(records[2].article.id)  # the article that lent the police their country
            store.add_document(records[1], replace=True)
        assert _agree(store)["month"]["n_values"] == 2  # January and March: February went with its article
        with store.atomic():
            for record in records:
                store.delete_article(record.article.id)
        # Every count is kept at zero now: no type, no month.
        assert _agree(store)["type"]["n_values"] == 0
        assert store.stats()["events_by_type"] == {} and store.events_timeline() == []


def test_a_failed_document_and_a_rolled_back_savepoint_leave_no_counts(tmp_path, monkeypatch):
    records = _records()
    with Store(tmp_path / "failed.db") as store:
        with store.atomic():
            store.add_document(records[0])

            def failing(*args, **kwargs):
                raise StoreError("disk said no")

            # The actor layer's step comes after the document's events are written and counted.
            monkeypatch.setattr(store, "_choose_actor_attributes", failing)
            with pytest.raises(StoreError):
                store.add_document(records[1])
            monkeypatch.undo()
            with pytest.raises(RuntimeError), store.atomic():
                store.add_document(records[2])
                raise RuntimeError("abandon it")
            store.add_document(records[3])
        assert store.count_articles() == 2
        assert _agree(store)["type"]["values"] == [
            {"value": "COERCE", "label": "COERCE", "n": 2},
            {"value": "CONSULT", "label": "CONSULT", "n": 2},
        ]


def test_the_unfiltered_facets_read_the_kept_counts(tmp_path):
    with Store(tmp_path / "read.db") as store:
        store.add_document(minister_record())
        store.conn.execute("UPDATE event_facet_counts SET n = 50 WHERE facet = 'type' AND value = 'COERCE'")
        assert store.event_facets()["type"]["values"][0] == {"value": "COERCE", "label": "COERCE", "n": 50}
        # So do the facets of one type's events.
        assert store.event_facets(type="coerce")["type"]["values"] == [
            {"value": "COERCE", "label": "COERCE", "n": 50}
        ]
        # Any other filter, or two types, counts from the rows.
        for filters in (
            {"country": "AUT"},
            {"type": "COERCE,CONSULT"},
            {"type": "COERCE", "since": "2026-01-01"},
        ):
            coerce = [v for v in store.event_facets(**filters)["type"]["values"] if v["value"] == "COERCE"]
            assert coerce == [{"value": "COERCE", "label": "COERCE", "n": 1}], filters


def test_the_migration_counts_the_events_of_an_older_store(tmp_path, caplog):
    path = tmp_path / "older.db"
    with caplog.at_level(logging.WARNING, logger="newsgraph"), Store(path) as store:
        assert not caplog.records  # a new file gets every migration without a word
        for record in _records():
            store.add_document(record)
        expected = _agree(store)
        # As version 18 left the file: no counts, no triggers.
        store.conn.executescript(
            "DROP TRIGGER event_facet_counts_delete; DROP TRIGGER event_facet_counts_update; "
            "DROP TABLE event_facet_counts; DELETE FROM migrations WHERE version = 19;"
        )
    with caplog.at_level(logging.WARNING, logger="newsgraph"), Store(path) as store:
        # Converting an older file can take minutes: it says so first.
        assert [r.getMessage() for r in caplog.records] == [
            f"converting {path} to schema version {SCHEMA_VERSION} (1 step), once: on a large store this "
            "takes minutes"
        ]
        assert _agree(store) == expected
        store.delete_article(_records()[0].article.id)  # and the triggers are back
        _agree(store)


def test_an_event_counts_once_under_each_of_its_values():
    assert event_facet_values("ASSAULT", "2026-03-04", "E1", ("USA", "USA", None)) == {
        ("type", "ASSAULT"),
        ("country", "USA"),
        ("source", "E1"),
        ("month", "2026-03"),
    }
    assert event_facet_values("PROTEST", None, None, (None, None, None)) == {("type", "PROTEST")}


def test_facets_counted_a_column_at_a_time_follow_the_rule_of_one_event():
    """The events page's counting over many rows gives each row what ``event_facet_values`` gives one
    event: every pattern of missing and repeated countries, a missing date, a missing source."""
    countries = (None, "USA", "IRN", "ISR")
    rows = [
        (event_type, day, source, *codes)
        for event_type, day, source in (("ASSAULT", "2026-01-05", 7), ("AGREE", None, None), ("ASSAULT", "2025-12-31", 12))
        for codes in itertools.product(countries, repeat=3)
    ]  # fmt: skip
    expected: dict[str, Counter] = {name: Counter() for name in FACETS}
    for event_type, day, source, *codes in rows:
        for facet, value in event_facet_values(event_type, day, source, tuple(codes)):
            expected[facet][value] += 1
    assert count_event_facets(rows) == expected
    assert count_event_facets(rows)["country"]["USA"] == 3 * (4**3 - 3**3)  # events naming it at least once
    assert count_event_facets([]) == {name: Counter() for name in FACETS}


def test_a_date_range_holding_most_events_reads_only_those_outside_it(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for record in _records():
            store.add_document(record)
        wide = {"since": "2025-01-01"}
        outside = store._events_outside_dates(wide, *store._event_filters(**wide))
        assert outside is not None
        scope, where, params = outside
        undated = store.conn.execute("SELECT COUNT(*) FROM event_rows WHERE event_date IS NULL").fetchone()[0]
        assert scope == ""
        assert (
            store.conn.execute(f"SELECT COUNT(*) FROM event_rows ev{where}", params).fetchone()[0] == undated
        )
        narrow = {"since": "2027-01-01"}
        assert store._events_outside_dates(narrow, *store._event_filters(**narrow)) is None
        assert store.event_facets(**narrow)["type"] == {"values": [], "n_values": 0}
        assert list(store.event_facets(**wide)) == list(FACETS)


def test_a_countrys_facets_read_the_country_indexes_alone(tmp_path):
    with Store(tmp_path / "plan.db") as store:
        store.add_document(minister_record())
        sql, params = country_branches(f"SELECT {COUNTED_COLUMNS} FROM event_rows ev", "", [], "aut")
        plan = [row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        searches = [step for step in plan if step.startswith("SEARCH")]
        assert searches == [
            f"SEARCH ev USING COVERING INDEX events_{role}_country ({role}_country=?)"
            for role in ("source", "target", "location")
        ], plan
