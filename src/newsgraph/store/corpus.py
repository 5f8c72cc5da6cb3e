"""The store's side of the corpus rules: candidate look-ups, and writing what the rules decide.

``newsgraph.corpus`` decides (which corpus entity a document entity is, which
cluster an event joins) from plain records; this module is the only place that
reads the candidates from the tables and writes the decisions back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ..corpus import (
    ActorReading,
    Cluster,
    ClusterLookup,
    DayReading,
    EntityEvidence,
    EventReport,
    KnownEntity,
    NewEntity,
    ReadingPool,
    cluster_lookup,
    join_cluster,
    match_by_name,
    needs_titles,
    reading_may_change,
    resolve_entity,
)
from .counters import PendingCounters
from .ids import entity_key, with_suffix
from .row_cache import Choice, EntityRowCache, read_choices, read_overruled

# Articles whose readings of one corpus entity are weighed, the nearest in date to the article written:
# enough for a stable majority, bounded in cost for an entity named in thousands of articles. Every
# article pays for it once per entity it names (its rows are read, at most twice this many): 200 made
# the corpus step half the writer's time at 10,000 articles, where a country or a president already
# has hundreds of articles. A weighted 2/3 majority that 30 readings do not show is a split that more
# readings, farther in time and lighter, seldom turn. Against 50 (until the sixth pass), over 3,136
# cnn-lite articles no row's country changed and 16 of 84,356 rows' titles did (fewer rows than with 50
# differ from the choice the final corpus gives them); the writer went 18% faster there and 6-8% at
# 100,000 benchmark articles (benchmarks/actor_readings.py measures both on any store).
READINGS_PER_ENTITY = 30
# Earlier articles whose choice is revisited when a new reading arrives, the nearest in date first.
REVISITED_ARTICLES_PER_ENTITY = 20
# Titles compared per candidate: enough to see a person's roles, bounded in cost.
TITLES_PER_ENTITY = 50
_CLUSTER_KEYS = {"source_key", "target_key", "place_name"}
_CLUSTER_FIELDS = _CLUSTER_KEYS | {"place_country"}

# (old key, new key) of a corpus entity folded into another.
Merge = tuple[int, int]


def _with_titles(conn: sqlite3.Connection, known: list[KnownEntity]) -> list[KnownEntity]:
    return [
        replace(
            k,
            titles=tuple(
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT title FROM title_rows WHERE corpus_entity_id = ? LIMIT ?",
                    (k.id, TITLES_PER_ENTITY),
                )
            ),
        )
        for k in known
    ]


def _named(
    conn: sqlite3.Connection, evidence: EntityEvidence, norm: str, pending: PendingCounters | None
) -> list[KnownEntity]:
    named = [
        _known(row, pending)
        for row in conn.execute(
            "SELECT c.id, c.norm_name, c.country, c.n_mentions FROM corpus_entity_names n "
            "JOIN corpus_entities c ON c.id = n.corpus_entity_id "
            "WHERE n.norm_name = ? AND c.type = ?",
            (norm, evidence.type),
        )
    ]
    return _with_titles(conn, named) if needs_titles(evidence, named) else named


def _surnamed(
    conn: sqlite3.Connection, evidence: EntityEvidence, pending: PendingCounters | None
) -> list[KnownEntity]:
    if evidence.surname is None:
        return []
    surnamed = [
        _known(row, pending)
        for row in conn.execute(
            "SELECT id, norm_name, country, n_mentions FROM corpus_entities "
            "WHERE surname = ? AND type = 'PERSON'",
            (evidence.surname,),
        )
    ]
    return _with_titles(conn, surnamed) if evidence.titles else surnamed


def _known(row: tuple, pending: PendingCounters | None) -> KnownEntity:
    """A candidate as resolution compares it, its mentions counting those the transaction has pending."""
    corpus_id, norm_name, country, n_mentions = row
    return KnownEntity(
        corpus_id, norm_name, country, n_mentions + (pending.mentions(corpus_id) if pending else 0)
    )


def resolve_entity_in_store(
    conn: sqlite3.Connection,
    evidence: EntityEvidence,
    published: str | None,
    pending: PendingCounters | None = None,
) -> tuple[int | None, tuple[Merge, ...], bool]:
    """The corpus entity id for this entity, the (old id, new id) merges its creation made, and whether
    it was created (it has no other article, unless it absorbed another entity).

    With ``pending``, the counters the transaction has not written yet count in the candidates'
    mentions, and a use of a name the entity already has is added to them instead of written.
    """
    norm = evidence.norm
    if not norm:
        return None, (), False
    named = _named(conn, evidence, norm, pending)
    corpus_id = match_by_name(evidence, named)
    if corpus_id is not None:
        # Found by this name: the entity has it already, and perhaps a country.
        known_country = next(k.country for k in named if k.id == corpus_id)
        _note_name(conn, corpus_id, evidence, norm, pending, has_country=known_country is not None)
        return corpus_id, (), False
    resolution = resolve_entity(evidence, _surnamed(conn, evidence, pending))
    corpus_id = resolution.match
    if resolution.new is not None:
        corpus_id = _create(conn, resolution.new, published)
        _note_name(conn, corpus_id, evidence, norm)
        if resolution.absorb and pending is not None:
            # A merge recounts from the rows and moves the names: the database must be up to date.
            pending.flush(conn)
        for old_id in resolution.absorb:
            merge_corpus_entities(conn, old_id, corpus_id)
        return corpus_id, tuple((old_id, corpus_id) for old_id in resolution.absorb), not resolution.absorb
    if corpus_id is not None:
        _note_name(conn, corpus_id, evidence, norm)
    return corpus_id, (), False


def _create(conn: sqlite3.Connection, new: NewEntity, published: str | None) -> int:
    """The key of a new corpus entity: its base id's, or the next free one with a suffix (``-2``...)."""
    base = entity_key(new.base_id)
    if base is None:
        raise ValueError(f"not a corpus entity id: {new.base_id!r}")
    corpus_id, n = base, 1
    while conn.execute("SELECT 1 FROM corpus_entities WHERE id = ?", (corpus_id,)).fetchone():
        n += 1
        corpus_id = with_suffix(base, n)
    conn.execute(
        "INSERT INTO corpus_entities(id, name, norm_name, surname, type, country, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (corpus_id, new.name, new.norm_name, new.surname, new.type, new.country, published, published),
    )
    return corpus_id


def _note_name(
    conn: sqlite3.Connection,
    corpus_id: int,
    evidence: EntityEvidence,
    norm: str,
    pending: PendingCounters | None = None,
    *,
    has_country: bool = False,
) -> None:
    """Count a use of the name ``norm`` for the entity (``pending`` when the entity is known by it),
    and give it the evidence's country unless it ``has_country`` already."""
    if pending is not None:
        pending.add_name(corpus_id, norm)
    else:
        conn.execute(
            "INSERT INTO corpus_entity_names(corpus_entity_id, norm_name, name) VALUES (?, ?, ?) "
            "ON CONFLICT(corpus_entity_id, norm_name) DO UPDATE SET n = n + 1",
            (corpus_id, norm, evidence.name),
        )
    if evidence.country and not has_country:
        # A country learnt later fills in an unknown one; a known one is never overwritten.
        conn.execute(
            "UPDATE corpus_entities SET country = ? WHERE id = ? AND country IS NULL",
            (evidence.country, corpus_id),
        )


_REPOINT = (
    ("entity_rows", "corpus_entity_id"),
    ("title_rows", "corpus_entity_id"),
    ("quote_rows", "corpus_entity_id"),
    ("event_rows", "source_corpus_id"),
    ("event_rows", "target_corpus_id"),
    ("event_actors", "corpus_entity_id"),
)


def merge_corpus_entities(conn: sqlite3.Connection, old_id: int, new_id: int) -> None:
    """Fold corpus entity ``old_id`` into ``new_id``; the old id becomes a redirect."""
    for table, column in _REPOINT:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new_id, old_id))
    for norm, name, n in conn.execute(
        "SELECT norm_name, name, n FROM corpus_entity_names WHERE corpus_entity_id = ?", (old_id,)
    ).fetchall():
        conn.execute(
            "INSERT INTO corpus_entity_names(corpus_entity_id, norm_name, name, n) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(corpus_entity_id, norm_name) DO UPDATE SET n = n + excluded.n",
            (new_id, norm, name, n),
        )
    conn.execute(
        "UPDATE corpus_entities SET country = COALESCE(country, (SELECT country FROM corpus_entities "
        "WHERE id = ?)) WHERE id = ?",
        (old_id, new_id),
    )
    conn.execute("UPDATE corpus_entity_redirects SET new_id = ? WHERE new_id = ?", (new_id, old_id))
    conn.execute("DELETE FROM corpus_entities WHERE id = ?", (old_id,))
    conn.execute(
        "INSERT OR REPLACE INTO corpus_entity_redirects(old_id, new_id) VALUES (?, ?)", (old_id, new_id)
    )
    recount_corpus_entities(conn, [new_id])
    # The merged entity's readings are one pool now: its articles' choices are made again from it.
    last_seen = conn.execute("SELECT last_seen FROM corpus_entities WHERE id = ?", (new_id,)).fetchone()
    refresh_actor_attributes(conn, new_id, last_seen[0] if last_seen else None)


# A row that describes its corpus entity (``corpus_entities.n_described`` counts them): it gives a country
# or titles. ``describes`` is the same rule on the values the writer holds. Rows read by the actor layer
# that give an empty country say nothing (``_says_something``): counted as described, they only make the
# actor layer read an entity it could have skipped.
DESCRIBED_ROW = "(country IS NOT NULL OR titles != '[]')"


def describes(country: str | None, titles: str) -> bool:
    """Whether an entity row with this country and titles (as stored, JSON) describes its entity."""
    return country is not None or titles != "[]"


def recount_corpus_entities(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Recompute the counters of these corpus entities from the rows that point at them."""
    for corpus_id in ids:
        conn.execute(
            f"""UPDATE corpus_entities SET
                n_articles = (SELECT COUNT(DISTINCT article_key) FROM entity_rows WHERE corpus_entity_id = :id),
                n_mentions = (SELECT COALESCE(SUM(n_mentions), 0) FROM entity_rows WHERE corpus_entity_id = :id),
                n_quotes = (SELECT COUNT(*) FROM quote_rows WHERE corpus_entity_id = :id),
                n_described = (SELECT COUNT(*) FROM entity_rows WHERE corpus_entity_id = :id
                               AND {DESCRIBED_ROW}),
                first_seen = (SELECT MIN(a.published) FROM entity_rows e JOIN articles a ON a.key = e.article_key
                              WHERE e.corpus_entity_id = :id),
                last_seen = (SELECT MAX(a.published) FROM entity_rows e JOIN articles a ON a.key = e.article_key
                             WHERE e.corpus_entity_id = :id)
            WHERE id = :id""",
            {"id": corpus_id},
        )


def drop_orphan_corpus_entities(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Delete corpus entities no document entity points at any more."""
    for corpus_id in ids:
        conn.execute(
            "DELETE FROM corpus_entities WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM entity_rows WHERE corpus_entity_id = ?)",
            (corpus_id, corpus_id),
        )


def cluster_query(lookup: ClusterLookup) -> tuple[str, list[str]]:
    """The statement and parameters that read the clusters ``lookup`` describes: one branch per key, each
    a range of the key's index that holds every field read (schema version 28)."""
    for field, _ in lookup.agree:
        if field not in _CLUSTER_FIELDS:
            raise ValueError(f"clusters do not agree on {field!r}")
    branches, params = [], []
    for column, value in lookup.keys:
        if column not in _CLUSTER_KEYS:
            raise ValueError(f"clusters are not looked up by {column!r}")
        # The branch's own key is equal already; the other fields must not conflict.
        agree = [(field, known) for field, known in lookup.agree if field != column]
        branches.append(
            "SELECT id, type, source_key, target_key, place_country, place_name, date_first, date_last "
            f"FROM event_clusters WHERE type = ? AND {column} = ? AND date_last >= ? AND date_first <= ?"
            + "".join(f" AND ({field} IS NULL OR {field} = ?)" for field, _ in agree)
        )
        params.extend([lookup.type, value, lookup.day_from, lookup.day_to, *(known for _, known in agree)])
    return " UNION ALL ".join(branches), params


def _clusters(conn: sqlite3.Connection, lookup: ClusterLookup) -> list[Cluster]:
    # A cluster that shares two keys with the report is found by two branches: it is one candidate. (UNION
    # would sort every row found to drop the repeats; the rule does not depend on the candidates' order.)
    found = {row[0]: row for row in conn.execute(*cluster_query(lookup))}
    return [Cluster(*row) for row in found.values()]


def _cluster_row(c: Cluster) -> tuple:
    # dataclasses.astuple deep-copies every field: a tenth of a cluster assignment's time.
    return (
        c.id,
        c.type,
        c.source_key,
        c.target_key,
        c.place_country,
        c.place_name,
        c.date_first,
        c.date_last,
    )


def assign_cluster(conn: sqlite3.Connection, report: EventReport, article_clusters: Collection[int]) -> int:
    """The cluster of one event about to be stored (an existing one that fits, else a new one); its id.

    ``article_clusters`` are the clusters the article's earlier events joined. The counters move by this
    one report, and by its article when it is the article's first report there, instead of being
    recounted; the writer stores the event with the id returned.
    """
    lookup = cluster_lookup(report)
    candidates = _clusters(conn, lookup) if lookup else []
    cluster = join_cluster(report, candidates)
    if any(c.id == cluster.id for c in candidates):
        conn.execute(
            "UPDATE event_clusters SET source_key = ?, target_key = ?, place_country = ?, place_name = ?, "
            "date_first = ?, date_last = ?, n_reports = n_reports + 1, n_articles = n_articles + ? WHERE id = ?",
            (*_cluster_row(cluster)[2:], int(cluster.id not in article_clusters), cluster.id),
        )
    else:
        conn.execute(
            "INSERT INTO event_clusters(id, type, source_key, target_key, place_country, place_name, "
            "date_first, date_last, n_reports, n_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1)",
            _cluster_row(cluster),
        )
    return cluster.id


def recount_clusters(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Recount reports and articles of these clusters; drop those left empty."""
    for cid in ids:
        conn.execute(
            "UPDATE event_clusters SET n_reports = (SELECT COUNT(*) FROM event_rows WHERE cluster_id = :id), "
            "n_articles = (SELECT COUNT(DISTINCT article_key) FROM event_rows WHERE cluster_id = :id) "
            "WHERE id = :id",
            {"id": cid},
        )
        conn.execute("DELETE FROM event_clusters WHERE id = ? AND n_reports = 0", (cid,))


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def day_number(published: str | None) -> int | None:
    """The ``entity_rows.day`` of an article published then: its date's ordinal, None when undated."""
    day = _day(published)
    return day.toordinal() if day else None


@lru_cache(maxsize=4096)
def _date_of(day: int | None) -> date | None:
    """The date of a day number (``day_number``); None for an undated article."""
    return date.fromordinal(day) if day is not None else None


def _says_something(row: tuple) -> bool:
    """Whether a row read by ``_nearest_rows`` gives a country or a title."""
    return bool(row[4]) or row[5] not in (None, "[]")


def _titles(stored: str | None) -> tuple[str, ...]:
    # Most rows have none: '[]' is not worth a parse.
    return _parsed_titles(stored) if stored and stored != "[]" else ()


@lru_cache(maxsize=4096)
def _parsed_titles(stored: str) -> tuple[str, ...]:
    # The same few lists of titles ('["President"]') are read back a hundred times per article.
    return tuple(json.loads(stored))


# An entity row as the actor layer reads it: its distance in days from the day looked around (None for
# undated rows), article key, id, day, and the text's country and titles: all in the index, so the
# readings never read the table (an entity's rows lie scattered through it, a page each in a large store).
# Articles are known here by their integer key (schema version 13), so ties of day and distance go by
# the order articles were written in, no longer by their text ids: still one fixed order.
_ROW = "article_key, id, day, country, titles"
# The reads of the actor layer, each a range scan of the index on (corpus_entity_id, day, article_key,
# country, titles) in the index's own order (tests/store/test_writer_scale.py checks their plans).
READINGS_BEFORE = (
    f"SELECT ? - day, {_ROW} FROM entity_rows WHERE corpus_entity_id = ? AND day <= ? "
    "ORDER BY day DESC, article_key DESC LIMIT ?"
)
READINGS_AFTER = (
    f"SELECT day - ?, {_ROW} FROM entity_rows WHERE corpus_entity_id = ? AND day > ? "
    "ORDER BY day, article_key LIMIT ?"
)
READINGS_LATEST = (
    f"SELECT NULL, {_ROW} FROM entity_rows WHERE corpus_entity_id = ? AND day IS NOT NULL "
    "ORDER BY day DESC, article_key DESC LIMIT ?"
)
READINGS_UNDATED = (
    f"SELECT NULL, {_ROW} FROM entity_rows WHERE corpus_entity_id = ? AND day IS NULL "
    "ORDER BY article_key LIMIT ?"
)
# Both sides and the undated rows in one statement: the corpus step runs once per entity an article
# names, and most entities have fewer dated rows than the readings take, so the undated are read too.
READINGS_AROUND = (
    f"SELECT * FROM ({READINGS_BEFORE}) UNION ALL SELECT * FROM ({READINGS_AFTER}) "
    f"UNION ALL SELECT * FROM ({READINGS_UNDATED})"
)

# The rows of one article, published ``day`` (None: undated), naming the entity.
ARTICLE_ROWS = (
    f"SELECT NULL, {_ROW} FROM entity_rows WHERE corpus_entity_id = ? AND day IS ? AND article_key = ?"
)


def _nearest_rows(
    conn: sqlite3.Connection,
    corpus_id: int,
    day: int | None,
    limit: int,
    cache: EntityRowCache | None = None,
) -> list[tuple]:
    """Up to ``limit`` entity rows of a corpus entity, the nearest in date to ``day`` first, undated last.

    Two range scans of the index on (corpus_entity_id, day, ...), one each side of the day, each reading
    at most ``limit`` rows, whatever the number of rows of the entity; the nearest of them are
    kept, by distance, article and row: up to twice ``limit``, as an article may name an entity twice.
    (At the farthest day kept, the articles a side's scan reaches first are those latest in key order
    before the day: the choice is fixed, though not by key alone.)
    Around an undated article every dated reading weighs the same, so the latest are taken.
    With a ``cache``, the same rows come from the entity's rows it keeps, once it keeps them.
    """
    kept = cache.rows_of(conn, corpus_id) if cache is not None else None
    if kept is not None:
        rows = kept.latest(limit) if day is None else kept.before(day, limit) + kept.after(day, limit)
        undated = kept.first_undated(limit) if len(rows) < limit else []
    elif day is None:
        rows = conn.execute(READINGS_LATEST, (corpus_id, limit)).fetchall()
        undated = conn.execute(READINGS_UNDATED, (corpus_id, limit)).fetchall() if len(rows) < limit else []
    else:
        fetched = conn.execute(
            READINGS_AROUND, (day, corpus_id, day, limit) * 2 + (corpus_id, limit)
        ).fetchall()
        rows = [row for row in fetched if row[0] is not None]
        undated = fetched[len(rows) :]  # the last branch's, after both dated sides
    if day is not None:
        rows.sort()  # by distance, article key, row id (unique): the columns after are never compared
    return rows + undated[: max(0, limit - len(rows))]


def row_reading(article_key: int, day: int | None, country: str | None, titles: str | None) -> ActorReading:
    """What one entity row read by ``_nearest_rows`` says: its article, date, and the text's country and
    titles."""
    return ActorReading(article_key, _date_of(day), country, _titles(titles))


def as_reading(reading: DayReading) -> ActorReading:
    """A reading as the rules weigh one article's (its date a ``date``)."""
    return ActorReading(reading.article_id, _date_of(reading.day), reading.country, reading.titles)


def nearest_articles(
    rows: list[tuple], limit: int
) -> tuple[list[tuple[int, int | None]], dict[int, DayReading]]:
    """The ``limit`` nearest articles among ``rows`` (as ``_nearest_rows`` reads and orders them), nearest
    first, as (article key, day); and the readings of those whose rows give a country or titles, by key.

    A reading that gives neither weighs nothing in a ``ReadingPool``: the corpus step makes none for
    those articles (most of an entity's, and tens of thousands per batch of articles). The readings keep
    the rows' day numbers (``ReadingPool.of_days``).
    """
    articles: list[tuple[int, int | None]] = []
    last: int | None = None
    said: dict[int, DayReading] = {}
    for _, row_article, _, day, country, titles in rows:
        # An article's rows are next to each other (same day, same key, in both orders _nearest_rows gives).
        if row_article != last:
            if len(articles) >= limit:
                break  # the rest are farther
            last = row_article
            articles.append((row_article, day))
        if not country and titles == "[]":
            continue
        reading = said.get(row_article)
        if reading is None:
            said[row_article] = DayReading(row_article, day, country, _titles(titles))
        else:
            # One article naming the entity twice reads as one: its first country, all its titles.
            said[row_article] = reading._replace(
                country=reading.country or country,
                titles=reading.titles + tuple(t for t in _titles(titles) if t not in reading.titles),
            )
    return articles, said


def readings_of(rows: list[tuple], limit: int) -> dict[int, ActorReading]:
    """The readings of the ``limit`` nearest articles among ``rows`` (as ``_nearest_rows`` reads and orders
    them), by article key, nearest first: those that give nothing too."""
    articles, said = nearest_articles(rows, limit)
    return {key: as_reading(said.get(key) or DayReading(key, day, None)) for key, day in articles}


def nearest_readings(
    conn: sqlite3.Connection, corpus_id: int, day: int | None, limit: int
) -> list[ActorReading]:
    """The readings of a corpus entity in the ``limit`` articles nearest in date to ``day``, nearest first."""
    return list(readings_of(_nearest_rows(conn, corpus_id, day, limit), limit).values())


def refresh_actor_attributes(
    conn: sqlite3.Connection,
    corpus_id: int,
    around: str | None,
    *,
    article_key: int | None = None,
    revisit: bool = True,
    cache: EntityRowCache | None = None,
) -> None:
    """Choose again the country and titles of this corpus entity's document entities (the actor layer).

    Readings come from the ``READINGS_PER_ENTITY`` articles nearest in date to ``around`` (the article
    just written or deleted); the choice is revisited for the entity rows of the
    ``REVISITED_ARTICLES_PER_ENTITY`` nearest of them and of the article ``article_key``, or of that article
    alone when ``revisit`` is False (its reading, with no country or title, changes no other choice). When
    ``article_key`` is the article just written, an earlier article is revisited only if that article's
    reading can change its choice (``reading_may_change``). Events whose actor is one of these rows and
    whose article gave the actor no country take the corpus's. The entity's rows, its rows' current choices
    and its overruled rows come from ``cache`` when one is given (``EntityRowCache``), which is told each
    choice written.
    """
    around_day = day_number(around)
    rows = _nearest_rows(conn, corpus_id, around_day, READINGS_PER_ENTITY, cache)
    if article_key is not None and not revisit and not any(_says_something(row) for row in rows):
        # Only this article's rows are chosen for, and no reading gives a country or a title: they keep
        # the text's own, written with them. (Most entities of a growing corpus are in this case.)
        return
    articles, said = nearest_articles(rows, READINGS_PER_ENTITY)
    revisited = {key for key, _ in articles[:REVISITED_ARTICLES_PER_ENTITY]} if revisit else set()
    # Whether the article just written is among the readings, and what it says there (None: nothing).
    among = False
    news: ActorReading | None = None
    if article_key is not None:
        revisited.add(article_key)
        among = any(key == article_key for key, _ in articles)
        told = said.get(article_key)
        news = as_reading(told) if told is not None else None
        if not among:
            # More articles of the entity share its day than the readings hold: its own rows still get
            # their choice. They are of its day (``around``): one seek of the index, where the entity and
            # the article alone made SQLite scan all the entity's rows for the article's.
            rows += conn.execute(ARTICLE_ROWS, (corpus_id, around_day, article_key)).fetchall()
    pool = ReadingPool.of_days(said.values())
    # The rows the new reading can change (``reading_may_change``), known from the readings alone: the
    # rule needs to know where a row's current choice came from only for a row with a country of its
    # own, and then only whether the corpus overruled it, which the few overruled rows of the entity
    # say (a partial index). The current choices are read for the rows left: a row each.
    overruled: set[int] | None = None
    chosen_for: list[tuple[int, ActorReading]] = []
    for _, row_article, row_id, day, country, titles in rows:
        if row_article not in revisited:
            continue
        if among and row_article != article_key and news is None:
            continue  # the new reading says nothing: it changes no other article's choice
        own = row_reading(row_article, day, country, titles)
        if news is not None and row_article != article_key:
            country_from = None  # without a country of its own, the rule is the same whatever it is
            if own.country:
                if overruled is None:
                    overruled = (
                        cache.overruled_of(conn, corpus_id)
                        if cache is not None
                        else read_overruled(conn, corpus_id)
                    )
                country_from = "corpus" if row_id in overruled else "text"
            if not reading_may_change(own, country_from, news):
                continue
        chosen_for.append((row_id, own))
    if not chosen_for:
        return
    row_ids = [row_id for row_id, _ in chosen_for]
    current_of: dict[int, Choice] = (
        cache.choices_of(conn, corpus_id, row_ids) if cache is not None else read_choices(conn, row_ids)
    )
    for row_id, own in chosen_for:
        current = current_of[row_id]
        chosen = pool.choose(own)
        if (chosen.country, chosen.country_from, chosen.titles, chosen.titles_from) == (
            current[0],
            current[1],
            _titles(current[2]),
            current[3],
        ):
            continue
        choice = (chosen.country, chosen.country_from, json.dumps(list(chosen.titles), ensure_ascii=False),
                  chosen.titles_from)  # fmt: skip
        conn.execute(
            "UPDATE entity_rows SET actor_country = ?, actor_country_from = ?, actor_titles = ?, "
            "actor_titles_from = ? WHERE id = ?",
            (*choice, row_id),
        )
        if cache is not None:
            cache.chose(corpus_id, row_id, choice, own.country)
        lent = chosen.country if chosen.country_from == "corpus" and not own.country else None
        for role in ("source", "target"):
            # Only countries the article did not give: NULL ones and those the corpus lent before.
            conn.execute(
                f"UPDATE event_rows SET {role}_country = :country, {role}_country_from = :source "
                f"WHERE id IN (SELECT event_id FROM event_actors WHERE entity_id = :row AND role = '{role}') "
                f"AND ({role}_country IS NULL OR {role}_country_from = 'corpus')",
                {"country": lent, "source": "corpus" if lent else None, "row": row_id},
            )
