"""The actor layer's corpus step in the store: a country or title the article lacks comes from the
same corpus entity in other dated articles, marked as such; the article's own country stands."""

from __future__ import annotations

import pytest
from store_records import make_event, person

from newsgraph.articles import make_article
from newsgraph.cli import main
from newsgraph.records import DocumentRecord
from newsgraph.store import Store
from newsgraph.store.corpus import merge_corpus_entities, refresh_actor_attributes
from newsgraph.store.ids import entity_key
from newsgraph.store.row_cache import ROWS_OF_ENTITY

NAME = "Ilse Marwick"
UNION = "Harbour Union"


def _record(
    published: str, country: str | None, *, titles=("Interior Minister",), n: int = 0
) -> DocumentRecord:
    """A fictional article in which Marwick orders police patrols; ``n`` keeps each text distinct."""
    text = f"{NAME} ordered police patrols against the Harbour Union on day {n}. The patrols start soon."
    marwick = person("E1", NAME, text, country=country, titles=titles)
    union = person("E2", UNION, text, type="ORG")
    event = make_event(
        text, "ordered", "COERCE", source=("E1", NAME, country), target=("E2", UNION, None), day=published
    )
    return DocumentRecord(
        article=make_article(text, title=f"Patrols {n}", published=published, source="Example Times"),
        entities=(marwick, union),
        events=(event,),
    )


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def _entity(store: Store, article_id: str) -> dict:
    document = store.get_document(article_id)
    assert document is not None
    return next(e for e in document["entities"] if e["name"] == NAME)


def test_an_article_without_the_country_takes_it_from_the_corpus(store):
    store.add_document(_record("2026-02-01", "NLD", n=1))
    store.add_document(_record("2026-02-10", "NLD", n=2))
    third, _ = store.add_document(_record("2026-02-20", None, titles=(), n=3))
    entity = _entity(store, third)
    assert (entity["country"], entity["country_from"]) == ("NLD", "corpus")
    assert (entity["titles"], entity["titles_from"]) == (["Interior Minister"], "corpus")
    (event,) = store.events(article=third)
    assert (event["source"]["country"], event["source"]["country_from"]) == ("NLD", "corpus")
    # The country lent to the event reaches the country filter too.
    assert [e["id"] for e in store.events(country="NLD", article=third)] == [event["id"]]


def test_an_earlier_article_is_filled_when_a_later_one_gives_the_country(store):
    first, _ = store.add_document(_record("2026-02-01", None, titles=(), n=1))
    assert _entity(store, first)["country"] is None
    assert store.events(article=first)[0]["source"]["country"] is None
    store.add_document(_record("2026-02-05", "NLD", n=2))
    entity = _entity(store, first)
    assert (entity["country"], entity["country_from"]) == ("NLD", "corpus")
    assert store.events(article=first)[0]["source"]["country_from"] == "corpus"


def _merged(store: Store, article_ids: list[str]) -> None:
    """Fold the corpus entities of Marwick in these articles into one (as an absorbing merge does)."""
    ids = sorted({entity_key(_entity(store, a)["corpus_entity"]) for a in article_ids})
    with store.atomic():
        for old_id in ids[1:]:
            merge_corpus_entities(store.conn, old_id, ids[0])


def test_the_articles_own_country_is_not_overruled_by_a_few_others(store):
    givers = [store.add_document(_record(f"2026-02-0{n}", "NLD", n=n))[0] for n in (1, 2, 3)]
    own, _ = store.add_document(_record("2026-02-20", "BEL", n=4))
    # Resolution keeps a BEL Marwick apart from the NLD one; a merge pools their readings.
    assert _entity(store, own)["corpus_entity"] != _entity(store, givers[0])["corpus_entity"]
    _merged(store, [*givers, own])
    entity = _entity(store, own)
    assert (entity["country"], entity["country_from"]) == ("BEL", "text")
    assert "corpus_country" not in entity
    (event,) = store.events(article=own)
    assert (event["source"]["country"], event["source"]["country_from"]) == ("BEL", "text")


def test_an_overwhelming_corpus_is_shown_beside_the_articles_own_country(store):
    givers = [store.add_document(_record(f"2026-02-0{n}", "NLD", n=n))[0] for n in (1, 2, 3, 4)]
    own, _ = store.add_document(_record("2026-02-20", "BEL", n=5))
    _merged(store, [*givers, own])
    entity = _entity(store, own)
    assert (entity["country"], entity["country_from"], entity["corpus_country"]) == ("BEL", "text", "NLD")
    # An event's actor country the article gave is never replaced.
    assert store.events(article=own)[0]["source"]["country"] == "BEL"


def test_an_entity_no_article_places_stays_without_a_country(store):
    store.add_document(_record("2026-02-01", None, n=1))
    second, _ = store.add_document(_record("2026-02-02", None, n=2))
    entity = _entity(store, second)
    assert (entity["country"], entity["country_from"]) == (None, None)
    assert store.events(article=second)[0]["source"]["country"] is None


def test_deleting_the_only_reading_withdraws_the_lent_country(store):
    giver, _ = store.add_document(_record("2026-02-01", "NLD", n=1))
    taker, _ = store.add_document(_record("2026-02-03", None, n=2))
    assert _entity(store, taker)["country"] == "NLD"
    store.delete_article(giver)
    assert _entity(store, taker)["country"] is None
    assert store.events(article=taker)[0]["source"]["country"] is None


def test_who_marks_an_event_actor_country_the_corpus_lent(tmp_path, capsys):
    db = tmp_path / "actors.db"
    with Store(db) as store:
        store.add_document(_record("2026-02-01", "NLD", n=1))
        store.add_document(_record("2026-02-03", None, n=2))
    assert main(["who", UNION, "--db", str(db)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    countries = {row[3] for row in rows if len(row) > 3 and row[2] == NAME}
    assert countries == {"NLD", "NLD (corpus)"}


def test_web_pages_mark_a_country_the_corpus_lent(tmp_path):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    db = tmp_path / "actors.db"
    with Store(db) as store:
        store.add_document(_record("2026-02-01", "NLD", n=1))
        taker, _ = store.add_document(_record("2026-02-03", None, titles=(), n=2))
    with TestClient(create_app(db, read_only=True)) as client:
        article = client.get(f"/articles/{taker}")
        assert article.status_code == 200
        assert "NLD (corpus)" in article.text and "Interior Minister (corpus)" in article.text
        events = client.get("/events", params={"article": taker})
        assert events.status_code == 200 and "NLD (corpus)" in events.text
        (event,) = client.get("/api/events", params={"article": taker}).json()
        assert (event["source"]["country"], event["source"]["country_from"]) == ("NLD", "corpus")


def test_an_entity_no_row_describes_is_not_read_again(store):
    # The union never has a country or a title; Marwick has titles in the first article only. When the
    # second article names both and describes neither, only Marwick's readings are read: the union's
    # could give nothing to choose from.
    store.add_document(_record("2026-03-01", None, n=1))
    readings: list[str] = []

    def note(sql: str) -> None:
        # The readings before the day, or all the entity's rows, which the writer keeps for the transaction.
        if "ORDER BY day DESC, article_key DESC" in sql or sql.startswith(ROWS_OF_ENTITY.split("?")[0]):
            readings.append(sql)

    store.conn.set_trace_callback(note)
    try:
        article, _ = store.add_document(_record("2026-03-02", None, titles=(), n=2))
    finally:
        store.conn.set_trace_callback(None)
    assert len(readings) == 1
    entity = _entity(store, article)
    assert (entity["titles"], entity["titles_from"]) == (["Interior Minister"], "corpus")  # lent by the first
    described = dict(store.conn.execute("SELECT name, n_described FROM corpus_entities"))
    assert described == {NAME: 1, UNION: 0}


def test_an_overruled_row_is_chosen_again_when_its_own_country_gains_readings(store):
    # Four articles read Marwick as Dutch and one as Belgian: the corpus overrules the Belgian article
    # (kept beside its text as corpus_country). A later article reads her as Belgian too: it agrees with
    # that article's own text, and yet can lift the overrule (four in five is under the rule's share),
    # so that row must be revisited, though its current choice is not read to find it out.
    givers = [store.add_document(_record(f"2026-02-0{n}", "NLD", n=n))[0] for n in (1, 2, 3, 4)]
    own, _ = store.add_document(_record("2026-02-20", "BEL", n=5))
    dutch, belgian = (entity_key(_entity(store, a)["corpus_entity"]) for a in (givers[0], own))
    with store.atomic():
        merge_corpus_entities(
            store.conn, dutch, belgian
        )  # into the Belgian entity: new Belgian readings join
    assert _entity(store, own)["corpus_country"] == "NLD"
    overruled = store.conn.execute("SELECT COUNT(*) FROM entity_rows WHERE actor_country_from = 'corpus'")
    assert overruled.fetchone()[0] == 1
    later, _ = store.add_document(_record("2026-02-21", "BEL", n=6))
    assert entity_key(_entity(store, later)["corpus_entity"]) == belgian
    entity = _entity(store, own)
    assert (entity["country"], entity["country_from"]) == ("BEL", "text")
    assert "corpus_country" not in entity


def test_rows_a_new_reading_cannot_change_are_not_read(store):
    # Five Dutch readings, then a sixth: it agrees with every earlier article's own country, so only the
    # new article's row is chosen for (before: each of the revisited articles' rows), and its current
    # choice, written with it, is not read back either.
    for n in range(1, 6):
        store.add_document(_record(f"2026-02-0{n}", "NLD", n=n))
    read: list[str] = []

    def note(sql: str) -> None:
        if sql.startswith("SELECT id, actor_country, actor_country_from"):
            read.append(sql)

    store.conn.set_trace_callback(note)
    try:
        sixth, _ = store.add_document(_record("2026-02-06", "NLD", n=6))
    finally:
        store.conn.set_trace_callback(None)
    assert read == []
    # Chosen for again outside the writer's transaction (as a delete does), its choice is read.
    store.conn.set_trace_callback(note)
    try:
        refresh_actor_attributes(store.conn, entity_key(_entity(store, sixth)["corpus_entity"]), "2026-02-06")
    finally:
        store.conn.set_trace_callback(None)
    assert read
