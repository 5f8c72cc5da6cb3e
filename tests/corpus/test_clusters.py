"""Event clustering: several reports of one real-world event form one cluster, others stay apart."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.articles import make_article
from newsgraph.records import Actor, DocumentRecord, Entity, Event, EventPlace, EventTime, Mention, TextSpan
from newsgraph.store import Store


def report(
    type_: str,
    source: tuple[str, str | None],
    target: tuple[str, str | None] | None,
    day: str,
    *,
    place: tuple[str, str] | None = None,
    salt: str = "",
    published: str | None = None,
) -> DocumentRecord:
    """One article reporting one event; source/target are (name, country)."""
    text = f"Dispatch {salt}: {source[0]} acted against {target[0] if target else 'nobody'} there."
    entities, actors = [], []
    for n, actor in enumerate((source, target), start=1):
        if actor is None:
            actors.append(None)
            continue
        start = text.index(actor[0])
        entities.append(
            Entity(f"E{n}", actor[0], "ORG", (), actor[1], (Mention(start, start + len(actor[0]), actor[0]),))
        )
        actors.append(Actor(f"E{n}", actor[0], actor[1]))
    trigger = text.index("acted")
    event = Event(
        type=type_, mode=None, source=actors[0], target=actors[1], modality="asserted",
        trigger=TextSpan(trigger, trigger + 5, "acted"), sentence=TextSpan(0, len(text), text),
        location=EventPlace(place[0], place[1], None, None) if place else None,
        time=EventTime("that day", day, day),
    )  # fmt: skip
    return DocumentRecord(
        article=make_article(text, published=published or day), entities=tuple(entities), events=(event,)
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "clusters.db") as s:
        yield s


def clusters(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT cluster_id FROM events ORDER BY id")]


NORTH = ("North Guard", "AAA")
SOUTH = ("South League", "BBB")


def test_three_reports_within_two_days_are_one_event(store):
    store.add_document(report("ASSAULT", NORTH, SOUTH, "2026-03-10", place=("Kesk", "BBB"), salt="1"))
    store.add_document(report("ASSAULT", NORTH, SOUTH, "2026-03-11", salt="2"))
    store.add_document(report("ASSAULT", NORTH, None, "2026-03-12", place=("Kesk", "BBB"), salt="3"))
    ids = clusters(store)
    assert len(set(ids)) == 1
    cluster = store.event_cluster(ids[0])
    assert cluster["n_reports"] == 3 and cluster["n_articles"] == 3
    assert (cluster["date_first"], cluster["date_last"]) == ("2026-03-10", "2026-03-12")
    assert len(cluster["reports"]) == 3  # every report kept as evidence
    assert store.stats()["multi_report_clusters"] == 1


@pytest.mark.parametrize(
    "other",
    [
        report("ASSAULT", NORTH, SOUTH, "2026-03-14", salt="late"),  # outside the ±2-day window
        report("CONSULT", NORTH, SOUTH, "2026-03-10", salt="type"),  # another kind of event
        report("ASSAULT", ("East Watch", "CCC"), SOUTH, "2026-03-10", salt="src"),  # another attacker
        report("ASSAULT", NORTH, SOUTH, "2026-03-10", place=("Valmora", "DDD"), salt="place"),  # elsewhere
    ],
)
def test_different_events_stay_apart(store, other):
    store.add_document(report("ASSAULT", NORTH, SOUTH, "2026-03-10", place=("Kesk", "BBB"), salt="base"))
    store.add_document(other)
    assert len(set(clusters(store))) == 2


def test_no_shared_actor_or_place_is_no_evidence(store):
    store.add_document(report("PROTEST", ("Crowd One", None), None, "2026-03-10", salt="a"))
    text_only = report("PROTEST", ("Crowd Two", None), None, "2026-03-10", salt="b")
    store.add_document(text_only)
    assert len(set(clusters(store))) == 2


def test_deleting_a_report_shrinks_its_cluster(store):
    first, _ = store.add_document(report("ASSAULT", NORTH, SOUTH, "2026-03-10", salt="1"))
    store.add_document(report("ASSAULT", NORTH, SOUTH, "2026-03-11", salt="2"))
    store.delete_article(first)
    (cid,) = set(clusters(store))
    assert store.event_cluster(cid)["n_reports"] == 1


def test_counters_count_an_article_once_however_many_of_its_reports_join(store):
    store.add_document(report("ASSAULT", NORTH, SOUTH, "2026-03-10", place=("Kesk", "BBB"), salt="1"))
    twice = report("ASSAULT", NORTH, SOUTH, "2026-03-11", place=("Kesk", "BBB"), salt="2")
    store.add_document(dataclasses.replace(twice, events=twice.events * 2))
    ids = clusters(store)
    assert len(ids) == 3 and len(set(ids)) == 1
    cluster = store.event_cluster(ids[0])
    assert (cluster["n_reports"], cluster["n_articles"]) == (3, 2)


def test_clusters_that_disagree_are_left_out_where_they_are_found(store):
    """The look-up's agreement conditions keep exactly the candidates the rule could choose among: every
    cluster sharing a key and the days, less those that conflict on an actor or the place."""
    import itertools
    import random

    from newsgraph.corpus import EventReport, cluster_lookup, join_cluster
    from newsgraph.corpus.clusters import _agree
    from newsgraph.store.corpus import _clusters

    rng = random.Random(7)
    values = {
        "source_key": ["country:AAA", "country:BBB", "E1", None],
        "target_key": ["country:AAA", "country:CCC", "E2", None],
        "place_country": ["AAA", "DDD", None],
        "place_name": ["kesk", "valmora", None],  # as clusters keep them, normalised
    }
    conn = store.conn
    for n in range(400):
        fields = {name: rng.choice(choices) for name, choices in values.items()}
        first = f"2026-03-{rng.randint(1, 20):02d}"
        conn.execute(
            "INSERT INTO event_clusters(id, type, source_key, target_key, place_country, place_name, "
            "date_first, date_last, n_reports, n_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1)",
            (n + 1, rng.choice(["ASSAULT", "CONSULT"]), *fields.values(), first, f"2026-03-{int(first[-2:]) + rng.randint(0, 3):02d}"),
        )  # fmt: skip
    checked = 0
    for n, combination in enumerate(itertools.product(*values.values(), ["2026-03-05", "2026-03-12"])):
        fields = dict(zip(values, combination[:4], strict=True))
        report_ = EventReport(
            10_000 + n, "A", "ASSAULT", fields["source_key"], fields["target_key"], fields["place_country"],
            fields["place_name"], combination[4],
        )  # fmt: skip
        lookup = cluster_lookup(report_)
        if lookup is None:
            continue
        everything = _clusters(conn, dataclasses.replace(lookup, agree=()))
        found = _clusters(conn, lookup)
        agreeing = [
            c for c in everything if all(_agree(getattr(c, field), value) for field, value in lookup.agree)
        ]
        assert sorted(c.id for c in found) == sorted(c.id for c in agreeing)
        assert join_cluster(report_, found) == join_cluster(report_, everything)
        checked += len(everything) > len(found) > 0
    assert checked > 20  # reports for which the conditions left out some clusters, and not all
