"""The entity rows the writer keeps for a transaction answer the actor layer's reads exactly as the index
does, and the writer's choices are the same with them as without."""

from __future__ import annotations

import contextlib
import random
from datetime import date

import pytest
from store_records import make_event, person

from newsgraph.articles import make_article
from newsgraph.records import DocumentRecord
from newsgraph.store import Store
from newsgraph.store import corpus as store_corpus
from newsgraph.store.row_cache import ROWS_PER_READ, EntityRowCache, read_choices, read_overruled

DAY = date(2026, 3, 1).toordinal()


def _insert_rows(conn, rows) -> None:
    """Entity rows straight into the table (its index is the store's own): (id, article, entity, day,
    country, titles)."""
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.executemany(
        "INSERT INTO entity_rows(id, article_key, local_id, name, type, corpus_entity_id, day, country, titles) "
        "VALUES (?, ?, 'e' || ?, 'N', 'PERSON', ?, ?, ?, ?)",
        [
            (row_id, article, row_id, entity, day, country, titles)
            for row_id, article, entity, day, country, titles in rows
        ],
    )


def _random_rows(rng: random.Random, n: int, first_id: int = 1) -> list[tuple]:
    # Few days, articles and values, so that days, articles and whole rows tie: what the order decides.
    rows = []
    for i in range(n):
        day = rng.choice([None, DAY - 3, DAY - 1, DAY, DAY, DAY + 1, DAY + 2, DAY + 40])
        country = rng.choice([None, None, "NLD", "BEL", "", "Ärö", "nld"])
        titles = rng.choice(["[]", "[]", '["Mayor"]', '["Ämbetsman"]', '["Mayor", "Judge"]'])
        rows.append((first_id + i, rng.randint(1, 12), rng.choice([7, 8]), day, country, titles))
    return rows


@pytest.fixture
def conn():
    with Store(":memory:") as store:
        yield store.conn


def _readings_by_sql(conn, entity: int, day: int, limit: int) -> dict[str, list]:
    return {
        "before": conn.execute(store_corpus.READINGS_BEFORE, (day, entity, day, limit)).fetchall(),
        "after": conn.execute(store_corpus.READINGS_AFTER, (day, entity, day, limit)).fetchall(),
        "latest": conn.execute(store_corpus.READINGS_LATEST, (entity, limit)).fetchall(),
        "undated": conn.execute(store_corpus.READINGS_UNDATED, (entity, limit)).fetchall(),
    }


def _readings_kept(cache: EntityRowCache, conn, entity: int, day: int, limit: int) -> dict[str, list]:
    rows = cache.rows_of(conn, entity)
    assert rows is not None
    return {
        "before": rows.before(day, limit),
        "after": rows.after(day, limit),
        "latest": rows.latest(limit),
        "undated": rows.first_undated(limit),
    }


@pytest.mark.parametrize("seed", range(6))
def test_kept_rows_read_as_the_index_does(conn, seed):
    rng = random.Random(seed)
    _insert_rows(conn, _random_rows(rng, 90))
    cache = EntityRowCache()
    for entity in (7, 8, 9):
        for day in (DAY - 5, DAY - 1, DAY, DAY + 1, DAY + 50):
            for limit in (0, 1, 3, 7, 30):
                # Lists compared whole: the rows a LIMIT keeps, and their order, both count.
                assert _readings_kept(cache, conn, entity, day, limit) == _readings_by_sql(
                    conn, entity, day, limit
                )
                assert store_corpus._nearest_rows(
                    conn, entity, day, limit, cache
                ) == store_corpus._nearest_rows(conn, entity, day, limit)
            assert store_corpus._nearest_rows(conn, entity, None, 5, cache) == store_corpus._nearest_rows(
                conn, entity, None, 5
            )


@pytest.mark.parametrize("seed", range(4))
def test_added_rows_take_their_place(conn, seed):
    # Rows added after the entity was read, as the writer adds them: of a new (latest) article, and of
    # earlier articles too (keys another writer may give), tying with rows already kept.
    rng = random.Random(seed)
    _insert_rows(conn, _random_rows(rng, 40))
    cache = EntityRowCache()
    for entity in (7, 8):
        cache.rows_of(conn, entity)
    more = _random_rows(rng, 40, first_id=1000)
    more = [
        (row_id, article + (20 if i % 2 else 0), *rest) for i, (row_id, article, *rest) in enumerate(more)
    ]
    for row in more:
        _insert_rows(conn, [row])
        row_id, article, entity, day, country, titles = row
        cache.added(entity, row_id, article, day, country, titles, (None, None, "[]", None))
    for entity in (7, 8):
        for day in (DAY - 2, DAY, DAY + 2):
            assert _readings_kept(cache, conn, entity, day, 30) == _readings_by_sql(conn, entity, day, 30)


def test_an_entity_past_the_bound_is_read_from_the_index(conn):
    _insert_rows(conn, [(i, i, 7, DAY - i % 5, "NLD", "[]") for i in range(1, 12)])
    cache = EntityRowCache(max_rows_per_entity=10)
    assert cache.rows_of(conn, 7) is None
    cache.added(7, 99, 99, DAY, None, "[]", (None, None, "[]", None))  # no rows kept, none to add to
    assert len(cache) == 0
    assert store_corpus._nearest_rows(conn, 7, DAY, 4, cache) == store_corpus._nearest_rows(conn, 7, DAY, 4)


# Surnames alone too: the first eight articles name two of them (the eighth fails once their rows are
# written and read), and a full name written later absorbs the corpus entity of its surname (a merge,
# which repoints rows the writer may have read).
def test_an_entity_of_many_articles_is_kept_once_read_as_often_as_its_rows_cost(conn):
    # 200 articles: its rows cost what a little over three reads from the index cost; the fourth read
    # keeps them. Every read gives the index's rows.
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(
        "INSERT INTO corpus_entities(id, name, norm_name, type, n_articles) VALUES (7, 'N', 'n', 'PERSON', 200)"
    )
    _insert_rows(conn, [(i, i, 7, DAY - i % 9, "NLD" if i % 3 else None, "[]") for i in range(1, 201)])
    cache = EntityRowCache()
    kept = []
    for _ in range(5):
        assert store_corpus._nearest_rows(conn, 7, DAY, 30, cache) == store_corpus._nearest_rows(
            conn, 7, DAY, 30
        )
        kept.append(len(cache))
    assert 3 * ROWS_PER_READ < 200 and 4 * ROWS_PER_READ >= 200
    assert kept == [0, 0, 0, 1, 1]
    cache.clear()
    assert cache.rows_of(conn, 7) is None  # a new transaction counts its reads afresh


NAMES = ("Oda Rennick", "Rennick", "Piet Varlaan", "Varlaan", "Ines Moravec")


def _record(rng: random.Random, n: int) -> DocumentRecord:
    """A fictional article naming one or two of five names, some twice, with or without a country and a
    title, on one of a few days (or none)."""
    named = ["Rennick", "Varlaan"] if n < 8 else rng.sample(NAMES, rng.choice([1, 2]))
    text = " ".join(f"{name} spoke in Korsvik on day {n}." for name in named) + " Traffic resumed."
    published = (
        "2026-03-01"
        if n < 8
        else rng.choice([None, "2026-02-27", "2026-03-01", "2026-03-01", "2026-03-02", "2026-05-01"])
    )
    entities = []
    for i, name in enumerate(named):
        country = ("NLD", "BEL")[n % 2] if n < 8 else rng.choice([None, None, "NLD", "BEL"])
        titles = rng.choice([(), (), ("Mayor",)])
        entities.append(person(f"E{i + 1}", name, text, country=country, titles=titles))
        if rng.random() < 0.2:  # the same person again under another id: two rows of one article
            entities.append(person(f"E{i + 10}", name, text, country=rng.choice([None, "NLD"]), titles=()))
    first = entities[0]
    event = make_event(text, "spoke", "CONSULT", source=(first.id, first.name, first.country), day=published)
    return DocumentRecord(
        article=make_article(text, title=f"Day {n}", published=published, source="Example Times"),
        entities=tuple(entities),
        events=(event,),
    )


class _Refused(Exception):
    pass


def _assert_kept_rows_are_the_tables(store: Store) -> None:
    """Every entity the writer keeps has the rows a fresh read gives, in the same order; every choice and
    every set of overruled rows it keeps are the tables'."""
    fresh = EntityRowCache()
    kept = store._row_cache
    for corpus_id, rows in kept._entities.items():
        if rows is not None:
            read = fresh.rows_of(store.conn, corpus_id)
            assert read is not None
            assert (rows.dated, rows.days, rows.undated) == (read.dated, read.days, read.undated)
    for choices in kept._choices.values():
        assert choices == read_choices(store.conn, list(choices))
    for corpus_id, overruled in kept._overruled.items():
        assert overruled == read_overruled(store.conn, corpus_id)


def _write(store: Store, seed: int, monkeypatch) -> None:
    """Sixty articles in three transactions, with deletes, a replace and a document that fails after its
    entity rows were written (its savepoint is rolled back; no delete follows it in the transaction)."""
    rng = random.Random(seed)
    records = [_record(rng, n) for n in range(60)]
    written: list[str] = []
    insert_events = Store._insert_events

    refused: list[int] = []

    def refuse_one(self, *args, **kwargs):
        if any(arg is records[7] for arg in args):
            refused.append(7)
            raise _Refused
        return insert_events(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_insert_events", refuse_one)
    for start in (0, 20, 40):
        with store.atomic():
            for n in range(start, start + 20):
                with contextlib.suppress(_Refused):
                    written.append(store.add_document(records[n])[0])
                if n % 7 == 6 and n > 13:
                    store.delete_article(written.pop(rng.randrange(len(written))))
                if n == 45:
                    store.add_document(records[3], replace=True)
                _assert_kept_rows_are_the_tables(store)
    assert refused == [7]


def _choices(store: Store) -> tuple[list, list]:
    entities = store.conn.execute(
        "SELECT id, corpus_entity_id, actor_country, actor_country_from, actor_titles, actor_titles_from "
        "FROM entity_rows ORDER BY id"
    ).fetchall()
    events = store.conn.execute(
        "SELECT id, source_country, source_country_from, target_country, target_country_from FROM event_rows "
        "ORDER BY id"
    ).fetchall()
    return entities, events


@pytest.mark.parametrize("seed", range(3))
def test_the_writer_chooses_the_same_with_the_rows_kept(monkeypatch, seed):
    with Store(":memory:") as kept:
        _write(kept, seed, monkeypatch)
        assert len(kept._row_cache) == 0  # emptied as each transaction ended
        with_cache = _choices(kept)
        kept_merges = kept.conn.execute("SELECT COUNT(*) FROM corpus_entity_redirects").fetchone()[0]
    # Every read by SQL: the rows, the choices and the overruled rows.
    monkeypatch.setattr(EntityRowCache, "rows_of", lambda self, conn, corpus_id: None)
    monkeypatch.setattr(
        EntityRowCache, "choices_of", lambda self, conn, corpus_id, ids: read_choices(conn, ids)
    )
    monkeypatch.setattr(
        EntityRowCache, "overruled_of", lambda self, conn, corpus_id: read_overruled(conn, corpus_id)
    )
    with Store(":memory:") as read:
        _write(read, seed, monkeypatch)
        without = _choices(read)
    assert with_cache == without
    lent = [row for row in with_cache[0] if "corpus" in (row[3], row[5])]
    assert lent  # the corpus step did choose: the comparison covers its choices
    assert kept_merges  # and merges were made
