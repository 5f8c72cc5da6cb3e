"""Read queries over the store: articles, corpus entities, quotes, events, search, stats."""

from __future__ import annotations

import json
from typing import Any, TypeVar, cast

from ..corpus.names import normalise_name
from ..geo import geo_precision
from ..plover import COOPERATION_TYPES
from .documents import FROM_TABLES, document_from_tables, unpack_document
from .facet_counts import EVERY_EVENT
from .fts import fts_query, trigrams_query
from .ids import cluster_id as cluster_text_id
from .ids import cluster_key, entity_id, entity_id_or_none, entity_key
from .shapes import (
    ArticleRef,
    ArticleRow,
    EntityProfile,
    EntityRow,
    EventActor,
    EventLocation,
    EventRow,
    EventTime,
    MapPoint,
    NeighbourRow,
    Network,
    NetworkEdge,
    NetworkNode,
    QuantityRow,
    QuoteRow,
    SearchHit,
    StoreStats,
    TimelineRow,
    TitleRow,
)
from .writer import StoreBase

ENTITY_ORDERS = {
    "mentions": "n_mentions DESC, id",
    "articles": "n_articles DESC, id",
    "quotes": "n_quotes DESC, id",
    "name": "name COLLATE NOCASE, id",
    "recent": "last_seen DESC, id",
}
# The orders whose index holds only the entities counted more than once (schema version 25): the count.
COUNTED_ORDERS = {"mentions": "n_mentions", "articles": "n_articles"}
# The questions read the base tables (event_rows, entity_rows...: rows name their article by its integer
# key, schema v13) rather than the views under the old names, and look the article's id up for the rows
# they return only: the views' join to articles costs each row a look-up, and keeps an index that holds
# every column a question reads from being read alone.
# The gazetteer feature of an event's place (the article's place of that name), for its geo_precision.
# "+p.name" keeps SQLite on the article's few places (places_article_country) rather than on every place
# of that name in the corpus.
EVENT_PLACE_FEATURE = (
    "(SELECT p.feature FROM place_rows p WHERE p.article_key = ev.article_key AND +p.name = ev.location_name "
    "AND p.lat IS NOT NULL ORDER BY p.id LIMIT 1) AS location_feature"
)
# An event's sentence: stored only when it is not the span of the body its offsets give (see schema v9).
EVENT_SENTENCE_TEXT = (
    "COALESCE(ev.sentence_text, (SELECT substr(a.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start) "
    "FROM articles a WHERE a.key = ev.article_key)) AS sentence_words"
)
# The public id of the article of an event row ``ev``, looked up for each row returned.
EVENT_ARTICLE_ID = "(SELECT a.id FROM articles a WHERE a.key = ev.article_key) AS article_id"


# A page (``LIMIT ? OFFSET ?``) of rows in an order, as a subquery: the columns looked up or cut from
# the body for each row returned (the article's id, an event's sentence, a quote's words) are read in
# the query around it, for the page's rows only. Put beside the WHERE and ORDER BY of a filter that no
# index orders, they were read for every matching row before the sort (SQLite computes a row's columns
# before it sorts it); with OFFSET, SQLite keeps the subquery apart rather than flattening it.
def page_of(table: str, alias: str, where: str, order: str) -> str:
    """The subquery of one page of ``table`` rows named ``alias`` (see above)."""
    return f"SELECT {alias}.* FROM {table} {alias}{where} ORDER BY {order} LIMIT ? OFFSET ?"


# The key of the article with public id ``?``.
ARTICLE_KEY = "(SELECT key FROM articles WHERE id = ?)"
# Neighbours are counted over an entity's most recent articles: enough for a profile, bounded in cost.
NEIGHBOUR_ARTICLES = 400


Row = TypeVar("Row")


def event_types(type: str) -> list[str]:
    """The event types a ``type`` filter names: comma-separated, any case."""
    return [t.strip().upper() for t in type.split(",") if t.strip()]


def date_bounds(column: str, since: Any, until: Any, *, outside: bool = False) -> tuple[list[str], list[str]]:
    """The clauses (to be ANDed) and parameters that keep ``column``, an ISO date, within ``since`` and
    ``until``, both included (each given as a date or a timestamp; either may be missing); with
    ``outside``, the clauses (to be ORed) of the dates outside that range."""
    clauses: list[str] = []
    params: list[str] = []
    for bound, within, beyond in ((since, ">=", "<"), (until, "<=", ">")):
        if bound:
            clauses.append(f"{column} {beyond if outside else within} ?")
            params.append(str(bound)[:10])
    return clauses, params


def _placeholders(items: list) -> str:
    return ",".join("?" * len(items))


def with_entity_ids(rows: list[Row], *fields: str) -> list[Row]:
    """``rows`` with the corpus entity keys in ``fields`` turned into text ids (``store/ids.py``), in place.

    The questions return the keys the tables hold and convert the page they return: an expression in the
    SELECT would keep SQLite from ordering by the key on an index."""
    for row in cast(list[dict[str, Any]], rows):
        for field in fields:
            row[field] = entity_id_or_none(row[field])
    return rows


# The events of one country as three disjoint sets, each read from its country index: those whose source
# has it, else whose target has it, else whose place is in it (``country_branches``).
COUNTRY_BRANCHES = (
    ("ev.source_country = ?", 1),
    ("ev.target_country = ? AND ev.source_country IS NOT ?", 2),
    ("ev.location_country = ? AND ev.source_country IS NOT ? AND ev.target_country IS NOT ?", 3),
)


def country_branches(select: str, where: str, params: list[Any], country: str) -> tuple[str, list[Any]]:
    """``select`` (``... FROM event_rows ev``) of the events ``where`` selects whose source, target or
    place is in ``country``, each once: the ``COUNTRY_BRANCHES`` joined by UNION ALL, where one OR of the
    three made SQLite look up every event's row in the table, even for columns the indexes hold."""
    code = country.upper()
    branches, branch_params = [], []
    for condition, n in COUNTRY_BRANCHES:
        branches.append(f"{select}{where}{' AND ' if where else ' WHERE '}{condition}")
        branch_params += [*params, *[code] * n]
    return " UNION ALL ".join(branches), branch_params


class StoreQueries(StoreBase):
    """Every question the CLI, the web layer and exports ask of the store."""

    def _shaped(self, shape: type[Row], sql: str, params: Any = ()) -> list[Row]:
        """Rows as ``shape`` (a TypedDict from ``shapes``): the SELECT names its fields."""
        return cast(list[Row], self._rows(sql, params))

    def _speakers_named(self, shape: type[Row], sql: str, params: Any = ()) -> list[Row]:
        """``_shaped`` rows whose ``speaker`` (a corpus entity's key) is given back as its text id."""
        return with_entity_ids(self._shaped(shape, sql, params), "speaker")

    # -- entities by id or name -------------------------------------------------------

    def canonical_entity_id(self, entity_id: str) -> str | None:
        """The current id of a corpus entity, following merges; None when unknown."""
        return entity_id_or_none(self._canonical_key(entity_id))

    def _canonical_key(self, entity_id: str) -> int | None:
        """The key of the corpus entity ``entity_id`` is now, following merges; None when unknown."""
        key = entity_key(entity_id)
        if key is None:
            return None
        if self._value("SELECT 1 FROM corpus_entities WHERE id = ?", (key,)):
            return key
        return self._value("SELECT new_id FROM corpus_entity_redirects WHERE old_id = ?", (key,))

    def find_entities(self, name: str, limit: int = 10, *, partial: bool = True) -> list[EntityRow]:
        """Corpus entities by name or alias, best first: exact name, alias, surname, then partial matches
        (names starting with ``name`` or with a word starting with it) unless ``partial`` is False."""
        return with_entity_ids(self._found_entities(name, limit, partial=partial), "id")

    def _found_entities(self, name: str, limit: int, *, partial: bool) -> list[EntityRow]:
        """``find_entities`` with each entity's key as its ``id``."""
        norm = normalise_name(name or "")
        if not norm:
            return []
        scores: dict[int, int] = {}
        # An entity's own name is one of its names: the names index finds it (corpus_entities has none).
        for cid in self._column(
            "SELECT c.id FROM corpus_entity_names n JOIN corpus_entities c ON c.id = n.corpus_entity_id "
            "WHERE n.norm_name = ? AND c.norm_name = n.norm_name",
            (norm,),
        ):
            scores[cid] = 4
        for cid in self._column(
            "SELECT corpus_entity_id FROM corpus_entity_names WHERE norm_name = ?", (norm,)
        ):
            scores.setdefault(cid, 3)
        for cid in self._column("SELECT id FROM corpus_entities WHERE surname = ?", (norm,)):
            scores.setdefault(cid, 2)
        if partial and len(scores) < limit:
            # Names starting with the text (an index range), then names with a word starting with it.
            for cid in self._column(
                "SELECT DISTINCT corpus_entity_id FROM corpus_entity_names WHERE norm_name >= ? AND norm_name < ? "
                "LIMIT 200",
                (norm, norm + "\uffff"),
            ):
                scores.setdefault(cid, 1)
        if partial and len(scores) < limit:
            containing, params = self._names_containing(" " + norm)
            for cid in self._column(
                f"SELECT DISTINCT corpus_entity_id FROM corpus_entity_names WHERE {containing} "
                "ORDER BY corpus_entity_id LIMIT 200",
                params,
            ):
                scores.setdefault(cid, 0)
        if not scores:
            return []
        ids = list(scores)
        rows = self._rows(
            "SELECT id, name, type, country, n_articles, n_mentions, n_quotes FROM corpus_entities "
            f"WHERE id IN ({_placeholders(ids)})",
            ids,
        )
        for row in rows:
            row["score"] = scores[row["id"]]
        for row in rows:
            # The entity's own name and a name it went by rank alike; mentions decide between them.
            row["score"] = min(row["score"], 3)
        rows.sort(key=lambda r: (-r["score"], -r["n_mentions"], r["id"]))
        return cast(list[EntityRow], rows[:limit])

    def _names_containing(self, fragment: str) -> tuple[str, list[str]]:
        """A condition on ``corpus_entity_names`` rows whose ``norm_name`` contains ``fragment``, and its
        parameters.

        The trigram index narrows the names to those holding every three letters of the fragment
        (an index look-up, not a scan of every name); the LIKE then decides exactly, so the rows
        are those of the LIKE alone. Fragments under three characters have no trigram, and a store
        opened read-only before its migration has no index: both scan the names as LIKE does.
        """
        pattern = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        like = "norm_name LIKE ? ESCAPE '\\'"
        # The trigram index over names: migration 5.
        if len(fragment) < 3 or not self._has_table("corpus_entity_names_trigram"):
            return like, [pattern]
        # Names an open transaction added wait outside the index until it commits (schema version 26):
        # the LIKE reads them all, a few hundred at most.
        waiting = (
            " UNION ALL SELECT name_rowid FROM corpus_entity_names_unindexed"
            if self._has_table("corpus_entity_names_unindexed")
            else ""
        )
        return (
            "rowid IN (SELECT rowid FROM corpus_entity_names_trigram WHERE corpus_entity_names_trigram "
            f"MATCH ?{waiting}) AND {like}",
            [trigrams_query(fragment), pattern],
        )

    def _has_table(self, name: str) -> bool:
        """Whether this file has the table ``name`` (the migration that makes it ran). Only a table found
        is remembered: a reader opened on an older file finds it once a writer has migrated the file."""
        found: set[str] = self.__dict__.setdefault("_tables_found", set())
        if name not in found and self._value("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)):
            found.add(name)
        return name in found

    def entity_ids_for(self, ref: str) -> list[str]:
        """Corpus entity ids a user's reference means: an id, else the best name matches."""
        return [entity_id(key) for key in self._entity_keys_for(ref)]

    def _entity_keys_for(self, ref: str) -> list[int]:
        """The keys of ``entity_ids_for``."""
        if not ref:
            return []
        found = self._canonical_key(ref)
        if found is not None:
            return [found]
        # Whole-name matches outrank every partial one, so the partial look-ups (scans of every
        # name) are needed only when no name, alias or surname matches as a whole.
        candidates = self._found_entities(ref, 20, partial=False) or self._found_entities(
            ref, 20, partial=True
        )
        if not candidates:
            return []
        best = candidates[0]["score"]
        return [cast(int, c["id"]) for c in candidates if c["score"] == best]

    # -- articles ---------------------------------------------------------------------

    def get_document(self, article_id: str) -> dict | None:
        """The stored document contract (with ``text``), entities carrying their ``corpus_entity``."""
        rows = self._rows("SELECT text, document FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        if rows[0]["document"] == FROM_TABLES:
            with self._lock:
                rebuilt = document_from_tables(self.conn, article_id)
            if rebuilt is None:
                return None  # deleted between the two reads
            document = rebuilt
        else:
            document = unpack_document(rows[0]["document"], rows[0]["text"])
            document["text"] = rows[0]["text"]
        links = {
            r["local_id"]: r
            for r in self._rows(
                "SELECT local_id, corpus_entity_id, actor_country, actor_country_from, actor_titles, "
                f"actor_titles_from FROM entity_rows WHERE article_key = {ARTICLE_KEY}",
                (article_id,),
            )
        }
        for entity in document.get("entities", []):
            link = links.get(entity.get("id"), {})
            entity["corpus_entity"] = entity_id_or_none(link.get("corpus_entity_id"))
            _with_actor_attributes(entity, link)
        return document

    def _article_filters(
        self,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        entity: str | None = None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        dated, bounds = date_bounds("a.published", since, until)
        clauses.extend(dated)
        params.extend(bounds)
        if source:
            clauses.append("a.source = ?")
            params.append(source)
        if entity:
            # No key is negative: an entity unknown matches nothing.
            ids = self._entity_keys_for(entity) or [-1]
            clauses.append(
                f"a.key IN (SELECT article_key FROM entity_rows WHERE corpus_entity_id IN ({_placeholders(ids)}))"
            )
            params.extend(ids)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def list_articles(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[ArticleRow]:
        """Articles, newest first: id, title, published, source, url, n_entities, n_quotes, n_events."""
        where, params = self._article_filters(**filters)
        return self._shaped(
            ArticleRow,
            "SELECT a.id, a.title, a.published, a.source, a.url, a.origin, a.n_entities, a.n_quotes, a.n_events "
            f"FROM articles a{where} ORDER BY a.published DESC, a.rowid DESC "  # NULL dates sort last
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )

    def count_articles(self, **filters: Any) -> int:
        where, params = self._article_filters(**filters)
        return int(self._value(f"SELECT COUNT(*) FROM articles a{where}", params) or 0)

    def iter_article_ids(self, batch: int = 500):
        """Every article id in storage order, fetched a batch at a time (for exports)."""
        last = 0
        while True:
            rows = self._rows(
                "SELECT key, id FROM articles WHERE key > ? ORDER BY key LIMIT ?", (last, batch)
            )
            if not rows:
                return
            yield from (r["id"] for r in rows)
            last = rows[-1]["key"]

    # -- corpus entities --------------------------------------------------------------

    def list_entities(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        type: str | None = None,
        q: str | None = None,
        order: str = "mentions",
    ) -> list[EntityRow]:
        """Corpus entities: id, name, type, country, n_articles, n_mentions, n_quotes."""
        clauses, params = [], []
        if type:
            clauses.append("type = ?")
            params.append(type.upper())
        if q:
            containing, name_params = self._names_containing(normalise_name(q))
            clauses.append(f"id IN (SELECT corpus_entity_id FROM corpus_entity_names WHERE {containing})")
            params.extend(name_params)
        order = order if order in ENTITY_ORDERS else "mentions"
        counted = COUNTED_ORDERS.get(order)
        if counted is None or q:
            # A name narrows the entities to a few: they are sorted as they are.
            return self._entities_page(clauses, params, order, limit, offset)
        # The entities counted more than once come first, through the partial index that orders them
        # (schema version 25); those counted once or never follow, as ENTITY_ORDERS orders them.
        more, once = [*clauses, f"{counted} > 1"], [*clauses, f"{counted} <= 1"]
        rows = self._entities_page(more, params, order, limit, offset)
        if len(rows) == limit or limit <= 0:
            return rows
        n_more = int(self._value(f"SELECT COUNT(*) FROM corpus_entities WHERE {' AND '.join(more)}", params))
        return rows + self._entities_page(once, params, order, limit - len(rows), max(0, offset - n_more))

    def _entities_page(
        self, clauses: list[str], params: list[Any], order: str, limit: int, offset: int
    ) -> list[EntityRow]:
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._shaped(
            EntityRow,
            "SELECT id, name, type, country, n_articles, n_mentions, n_quotes, first_seen, last_seen "
            f"FROM corpus_entities{where} ORDER BY {ENTITY_ORDERS[order]} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return with_entity_ids(rows, "id")

    def count_entities(self, *, type: str | None = None) -> int:
        if type:
            return int(self._value("SELECT COUNT(*) FROM corpus_entities WHERE type = ?", (type.upper(),)))
        return int(self._value("SELECT COUNT(*) FROM corpus_entities"))

    def entity_profile(self, entity_id: str, *, limit: int = 50) -> EntityProfile | None:
        """Everything the corpus says about one entity (see the store API contract)."""
        canonical = self._canonical_key(entity_id)
        if canonical is None:
            return None
        base: dict[str, Any] = with_entity_ids(
            self._rows(
                "SELECT id, name, type, country, n_articles, n_mentions, n_quotes, first_seen, last_seen "
                "FROM corpus_entities WHERE id = ?",
                (canonical,),
            ),
            "id",
        )[0]
        base["aliases"] = [
            r["name"]
            for r in self._rows(
                "SELECT name FROM corpus_entity_names WHERE corpus_entity_id = ? ORDER BY n DESC, name",
                (canonical,),
            )
            if r["name"] != base["name"]
        ]
        base["titles"] = self._shaped(
            TitleRow,
            "SELECT title, MIN(published) AS first_seen, MAX(published) AS last_seen, COUNT(*) AS n "
            "FROM title_rows WHERE corpus_entity_id = ? GROUP BY title ORDER BY first_seen IS NULL, first_seen, n DESC",
            (canonical,),
        )
        base["quotes"] = self.quotes(speaker=base["id"], limit=limit)
        base["events_as_source"] = self.events(source=base["id"], limit=limit)
        base["events_as_target"] = self.events(target=base["id"], limit=limit)
        base["n_events_as_source"] = int(
            self._value("SELECT COUNT(*) FROM event_rows WHERE source_corpus_id = ?", (canonical,))
        )
        base["n_events_as_target"] = int(
            self._value("SELECT COUNT(*) FROM event_rows WHERE target_corpus_id = ?", (canonical,))
        )
        # The entity's latest articles are the end of its index on (corpus_entity_id, day, article_key):
        # ``day`` is the publication date's number (dates have no time), ties go to the latest written.
        # Sorting its rows by the articles' dates read every row of the entity (10-12 ms for a person of
        # the 100,000-article benchmark store, 0.1 ms this way). The neighbours are grouped before
        # their entities are looked up: once per neighbour, not once per row (41-52 -> 16-21 ms).
        base["neighbours"] = self._shaped(
            NeighbourRow,
            """SELECT c.id, c.name, c.type, c.country, w.weight FROM (
                   SELECT e.corpus_entity_id AS id, COUNT(DISTINCT e.article_key) AS weight FROM entity_rows e
                   WHERE e.article_key IN (
                       SELECT x.article_key FROM entity_rows x WHERE x.corpus_entity_id = :id
                       ORDER BY x.day DESC, x.article_key DESC LIMIT :window)
                     AND e.corpus_entity_id != :id
                   GROUP BY e.corpus_entity_id) w
               JOIN corpus_entities c ON c.id = w.id
               ORDER BY w.weight DESC, c.n_mentions DESC, c.id LIMIT 20""",
            {"id": canonical, "window": NEIGHBOUR_ARTICLES},
        )
        with_entity_ids(base["neighbours"], "id")
        base["articles"] = self._shaped(
            ArticleRef,
            "SELECT a.id, a.title, a.published FROM (SELECT DISTINCT e.day, e.article_key FROM entity_rows e "
            "WHERE e.corpus_entity_id = ? ORDER BY e.day DESC, e.article_key DESC LIMIT ?) k "
            "JOIN articles a ON a.key = k.article_key ORDER BY k.day DESC, k.article_key DESC",
            (canonical, limit),
        )
        return cast(EntityProfile, base)

    # -- quotes -----------------------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Quotes, newest first; ``speaker`` is a corpus entity id or a name, ``about`` free text."""
        clauses: list[str] = []
        params: list[Any] = []
        if speaker:
            ids = self._entity_keys_for(speaker)
            if not ids:
                return []
            clauses.append(f"q.corpus_entity_id IN ({_placeholders(ids)})")
            params.extend(ids)
        if about:
            match = fts_query(about)
            if match is None:
                return []
            clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(match)
        dated, bounds = date_bounds("q.published", since, until)
        clauses.extend(dated)
        params.extend(bounds)
        if article:
            clauses.append(f"q.article_key = {ARTICLE_KEY}")
            params.append(article)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        # The page of base rows first, then their article and the words the rows do not keep, cut from the
        # (compressed) body as the quotes view does: for the page's rows only, where a sort of every
        # matching quote would have read the body of each.
        return self._speakers_named(
            QuoteRow,
            "SELECT q.id, a.id AS article_id, q.published, a.title, q.corpus_entity_id AS speaker, q.speaker_name, "
            "COALESCE(q.speaker_text, substr(a.text, q.speaker_start + 1, q.speaker_end - q.speaker_start)) "
            "AS speaker_text, q.speaker_country, q.kind, q.cue, q.cue_kind, "
            'COALESCE(q.text, substr(a.text, q.start + 1, q."end" - q.start)) AS text, q.start, q."end" '
            f"FROM ({page_of('quote_rows', 'q', where, 'q.published DESC, q.id DESC')}) q "
            "JOIN articles a ON a.key = q.article_key ORDER BY q.published DESC, q.id DESC",
            [*params, limit, offset],
        )

    # -- events -----------------------------------------------------------------------

    def _event_filters(
        self,
        type: str | None = None,
        source: str | None = None,
        target: str | None = None,
        country: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article: str | None = None,
        *,
        newest: int | None = None,
    ) -> tuple[str, list[Any]] | None:
        """WHERE clause and parameters; None when a reference matches nothing at all.

        ``newest``: the caller reads only this many of the newest events (a page: its offset and limit).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if type:
            types = event_types(type)
            clauses.append(f"ev.type IN ({_placeholders(types)})")
            params.extend(types)
        for role, ref in (("source", source), ("target", target)):
            if not ref:
                continue
            ids = self._entity_keys_for(ref)
            parts = []
            if ids:
                parts.append(f"ev.{role}_corpus_id IN ({_placeholders(ids)})")
                params.extend(ids)
            if len(ref) == 3 and ref.isalpha():
                parts.append(f"ev.{role}_country = ?")  # an ISO alpha-3 code: the actor's country
                params.append(ref.upper())
            if not parts:
                return None
            clauses.append("(" + " OR ".join(parts) + ")")
        if country:
            code = country.upper()
            # A country of many events is found sooner by reading the events newest first (the planner
            # then leaves the country indexes: unary +) than by reading all of its events to sort them.
            plus = "+" if newest is not None and self._found_sooner_by_date(code, newest) else ""
            clauses.append(
                f"({plus}ev.source_country = ? OR {plus}ev.target_country = ? OR {plus}ev.location_country = ?)"
            )
            params.extend([code, code, code])
        if place:
            # The names as stored, found on the (binary) location index alone, past its NULLs (most
            # events have no place); matching the events by them uses that index too, where
            # "= ? COLLATE NOCASE" on the events scanned every event.
            names = self._column(
                "SELECT DISTINCT location_name FROM event_rows "
                "WHERE location_name >= '' AND location_name = ? COLLATE NOCASE",
                (place,),
            )
            if not names:
                return None
            clauses.append(f"ev.location_name IN ({_placeholders(names)})")
            params.extend(names)
        dated, bounds = date_bounds("ev.event_date", since, until)
        clauses.extend(dated)
        params.extend(bounds)
        if article:
            clauses.append(f"ev.article_key = {ARTICLE_KEY}")
            params.append(article)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _found_sooner_by_date(self, country: str, newest: int) -> bool:
        """Whether the ``newest`` latest events of ``country`` (as source, target or place) are read sooner
        through the events in date order than through the country indexes, by the kept counts
        (``store/facet_counts.py``).

        In date order, about ``newest`` times one event in the country's share of all events are read;
        through the indexes, every event of the country, then sorted. At 100,000 articles, the newest 100
        events of a country of 235,754 (of 530,045) took 1.3 ms in date order and 180 ms through the
        indexes; for one of 3,000, 20 ms against 9 ms.
        """
        found = self._kept_counts(EVERY_EVENT, "country").get(country, 0)
        events = sum(self._kept_counts(EVERY_EVENT, "type").values())  # each event has one type
        return found > 0 and found * found >= newest * events

    def _kept_counts(self, scope: str, facet: str) -> dict[str, int]:
        """The counts of one facet kept as events are written (``store/facet_counts.py``), among every event
        (``scope`` '') or one type's: value -> events, largest first, the values no event has left out."""
        return {
            r["value"]: r["n"]
            for r in self._rows(
                "SELECT value, n FROM event_facet_counts WHERE scope = ? AND facet = ? AND n > 0 "
                "ORDER BY n DESC, value",
                (scope, facet),
            )
        }

    def events(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[EventRow]:
        """Events, newest first, in the document contract's shape plus article, date and cluster."""
        # A negative limit is SQLite's "no limit": every matched event is read, as through the indexes.
        built = self._event_filters(**filters, newest=limit + max(0, offset) if limit >= 0 else None)
        if built is None:
            return []
        where, params = built
        order = "ev.event_date DESC, ev.id DESC"
        rows = self._rows(
            f"SELECT ev.*, {EVENT_ARTICLE_ID}, {EVENT_PLACE_FEATURE}, {EVENT_SENTENCE_TEXT} "
            f"FROM ({page_of('event_rows', 'ev', where, order)}) ev ORDER BY {order}",
            [*params, limit, offset],
        )
        quantities: dict[int, list[dict]] = {}
        if rows:
            ids = [r["id"] for r in rows]
            for q in self._rows(
                'SELECT event_id, value, unit, kind, qualifier, text, start, "end" FROM event_quantities '
                f"WHERE event_id IN ({_placeholders(ids)}) ORDER BY start",
                ids,
            ):
                quantities.setdefault(q.pop("event_id"), []).append(q)
        return [_event_dict(r, quantities.get(r["id"], [])) for r in rows]

    def map_points(self, *, limit: int = 5000, **filters: Any) -> list[MapPoint]:
        """The geocoded ones among the newest ``limit`` events (``events``' order and filters), each
        trimmed to what a map draws; no quantities or sentences are read."""
        built = self._event_filters(**filters, newest=limit if limit >= 0 else None)
        if built is None:
            return []
        where, params = built
        points = self._shaped(
            MapPoint,
            # The place's feature is looked up for the geocoded events only, not for all ``limit``.
            "SELECT ev.lat, ev.lon, ev.location_name AS place, ev.location_country AS country, "
            f"{EVENT_PLACE_FEATURE}, ev.type, ev.source_name AS source, ev.target_name AS target, "
            f"ev.trigger_text AS trigger, {EVENT_ARTICLE_ID}, ev.published "
            "FROM (SELECT ev.id, ev.event_date, ev.lat, ev.lon, ev.location_name, ev.location_country, ev.type, "
            "ev.source_name, ev.target_name, ev.trigger_text, ev.article_key, ev.published "
            f"FROM event_rows ev{where} ORDER BY ev.event_date DESC, ev.id DESC LIMIT ?) ev "
            "WHERE ev.location_name IS NOT NULL AND ev.lat IS NOT NULL AND ev.lon IS NOT NULL "
            "ORDER BY ev.event_date DESC, ev.id DESC",
            [*params, limit],
        )
        for point in points:
            feature = cast(dict[str, Any], point).pop("location_feature")
            point["geo_precision"] = geo_precision(feature, point["lat"], point["lon"])
        return points

    def events_timeline(self, **filters: Any) -> list[TimelineRow]:
        """Event counts per month and type: [{period: "YYYY-MM", type, n}]."""
        built = self._event_filters(**filters)
        if built is None:
            return []
        where, params = built
        if not where:
            return self._kept_timeline()
        return self._counted_timeline(where, params)

    def _counted_timeline(self, where: str, params: list[Any]) -> list[TimelineRow]:
        """``events_timeline`` counted from the event rows ``where`` selects."""
        extra = " AND " if where else " WHERE "
        # Grouping by day and type follows the (event_date, type) index; months are summed here.
        counts: dict[tuple[str, str], int] = {}
        for row in self._rows(
            f"SELECT ev.event_date AS day, ev.type, COUNT(*) AS n FROM event_rows ev{where}"
            f"{extra}ev.event_date IS NOT NULL GROUP BY ev.event_date, ev.type",
            params,
        ):
            key = (row["day"][:7], row["type"])
            counts[key] = counts.get(key, 0) + row["n"]
        return [{"period": period, "type": type_, "n": n} for (period, type_), n in sorted(counts.items())]

    def _kept_timeline(self) -> list[TimelineRow]:
        """``events_timeline`` of every event, from the counts kept as events are written
        (``store/facet_counts.py``): each type's month facet is its count per month. Counted from the
        rows, it read every dated event (108 ms at 100,000 articles)."""
        rows = self._rows(
            "SELECT value AS period, scope AS type, n FROM event_facet_counts "
            "WHERE scope != ? AND facet = 'month' AND n > 0 ORDER BY value, scope",
            (EVERY_EVENT,),
        )
        return cast(list[TimelineRow], rows)

    def event_cluster(self, cluster_id: str) -> dict | None:
        """One event cluster with every report of it."""
        key = cluster_key(cluster_id)
        rows = self._rows("SELECT * FROM event_clusters WHERE id = ?", (key,)) if key is not None else []
        if not rows:
            return None
        cluster = rows[0]
        cluster["id"] = cluster_id
        reports = self._rows(
            f"SELECT ev.*, {EVENT_ARTICLE_ID}, {EVENT_PLACE_FEATURE}, {EVENT_SENTENCE_TEXT} FROM event_rows ev "
            "WHERE ev.cluster_id = ? "
            "ORDER BY ev.event_date, ev.id",
            (key,),
        )
        cluster["reports"] = [_event_dict(r, []) for r in reports]
        return cluster

    # -- search, stats, network ---------------------------------------------------------

    def search(self, text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over article text and quotes; any input is safe, no match gives []."""
        match = fts_query(text)
        if match is None or limit <= 0:
            return []
        window = offset + limit
        articles = self._rows(
            "SELECT 'article' AS kind, a.id AS article_id, a.title, a.published, "
            "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, f.rank AS rank "
            "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, window),
        )
        quotes = self._speakers_named(
            dict,
            "SELECT 'quote' AS kind, a.id AS article_id, a.title, q.published, "
            "snippet(quotes_fts, 0, '[', ']', '…', 16) AS snippet, f.rank AS rank, "
            "q.speaker_name, q.corpus_entity_id AS speaker "
            "FROM quotes_fts f JOIN quote_rows q ON q.id = f.rowid JOIN articles a ON a.key = q.article_key "
            "WHERE quotes_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, window),
        )
        merged = sorted(articles + quotes, key=lambda r: r["rank"])[offset:window]
        for row in merged:
            row["rank"] = round(row["rank"], 4)
        return cast(list[SearchHit], merged)

    def stats(self) -> StoreStats:
        """Counts of everything stored, events by type and the latest ingest run."""
        counts: dict[str, Any] = {
            name: int(self._value(f"SELECT COUNT(*) FROM {table}"))
            for name, table in (
                ("articles", "articles"),
                ("entities", "corpus_entities"),
                ("article_entities", "entity_rows"),
                ("quotes", "quote_rows"),
                ("events", "event_rows"),
                ("places", "place_rows"),
                ("failures", "failures"),
                ("event_clusters", "event_clusters"),
                ("sources", "sources"),
            )
        }
        # Mentions, dates and the document's figures are columns of their entity or article (views spread
        # them into rows): triggers keep their counts.
        kept = {r["name"]: int(r["n"]) for r in self._rows("SELECT name, n FROM column_counts")}
        counts["mentions"] = kept.get("mentions", 0)
        counts["times"] = kept.get("times", 0)
        counts["quantities"] = kept.get("quantities", 0) + int(
            self._value("SELECT COUNT(*) FROM event_quantities")
        )
        counts["multi_report_clusters"] = int(
            self._value("SELECT COUNT(*) FROM event_clusters WHERE n_articles > 1")
        )
        # The type facet of every event, kept as events are written: counted from the rows, it read every
        # event (54 of the 135 ms this took at 100,000 articles).
        counts["events_by_type"] = self._kept_counts(EVERY_EVENT, "type")
        # One bound each, so that each is read at an end of the index on the publication date (the two in
        # one SELECT read the whole index).
        counts["published_range"] = self._rows(
            "SELECT (SELECT MIN(published) FROM article_rows) AS first, "
            "(SELECT MAX(published) FROM article_rows) AS last"
        )[0]
        runs = self._rows(
            "SELECT id, started_at, finished_at, command, model, status, n_ingested, n_duplicates, n_failed "
            "FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1"
        )
        counts["latest_run"] = runs[0] if runs else None
        return cast(StoreStats, counts)

    def network(self, *, limit: int = 200, min_weight: int = 1) -> Network:
        """Actors linked by events: nodes with degree, edges with weight, cooperation and conflict."""
        coop = _placeholders(list(COOPERATION_TYPES))
        edges = self._shaped(
            NetworkEdge,
            f"""SELECT source_corpus_id AS source, target_corpus_id AS target, COUNT(*) AS weight,
                       SUM(type IN ({coop})) AS cooperation, SUM(type NOT IN ({coop})) AS conflict
                FROM event_rows WHERE source_corpus_id IS NOT NULL AND target_corpus_id IS NOT NULL
                  AND source_corpus_id != target_corpus_id
                GROUP BY source_corpus_id, target_corpus_id HAVING COUNT(*) >= ?
                ORDER BY weight DESC, source, target LIMIT ?""",
            [*COOPERATION_TYPES, *COOPERATION_TYPES, min_weight, limit],
        )
        nodes = self._nodes_of(edges)
        for node in nodes:
            del node["events"]  # this network's nodes give their degree only
        nodes.sort(key=lambda n: (-n["degree"], n["id"]))
        return {
            "nodes": with_entity_ids(cast(list[NetworkNode], nodes), "id"),
            "edges": with_entity_ids(edges, "source", "target"),
        }

    def _nodes_of(self, edges: list[Any]) -> list[dict[str, Any]]:
        """The corpus entities at the ends of ``edges`` (their keys), named, each with its degree (its
        edges) and its events (their weights), in no order."""
        degree: dict[int, int] = {}
        events: dict[int, int] = {}
        for edge in edges:
            for end in (edge["source"], edge["target"]):
                degree[end] = degree.get(end, 0) + 1
                events[end] = events.get(end, 0) + edge["weight"]
        if not degree:
            return []
        ids = list(degree)
        nodes = self._rows(
            f"SELECT id, name, type, country FROM corpus_entities WHERE id IN ({_placeholders(ids)})", ids
        )
        for node in nodes:
            node["degree"], node["events"] = degree[node["id"]], events[node["id"]]
        return nodes


def _with_actor_attributes(entity: dict, link: dict) -> None:
    """The actor layer's choice on a stored document's entity: the text's country and titles, where the
    text gave none the corpus's, each marked with where it came from ("text", "corpus" or None)."""
    chosen_from = link.get("actor_country_from")
    if entity.get("country"):
        entity["country_from"] = "text"
        if chosen_from == "corpus" and link.get("actor_country") != entity["country"]:
            # The rest of the corpus overrules this article's reading: shown beside it, not over it.
            entity["corpus_country"] = link["actor_country"]
    else:
        entity["country"] = link.get("actor_country") if chosen_from == "corpus" else None
        entity["country_from"] = "corpus" if entity["country"] else None
    if entity.get("titles"):
        entity["titles_from"] = "text"
    elif link.get("actor_titles_from") == "corpus":
        entity["titles"] = json.loads(link["actor_titles"])
        entity["titles_from"] = "corpus"
    else:
        entity["titles_from"] = None


def _event_dict(row: dict, quantities: list[dict]) -> EventRow:
    def actor(role: str) -> EventActor | None:
        name, country = row[f"{role}_name"], row[f"{role}_country"]
        entity = entity_id_or_none(row[f"{role}_corpus_id"])
        if name is None and country is None and entity is None:
            return None
        return {
            "entity": entity,
            "name": name,
            "country": country,
            "country_from": row.get(f"{role}_country_from"),
        }

    location: EventLocation | None = None
    if row["location_name"] is not None:
        location = {
            "name": row["location_name"],
            "country": row["location_country"],
            "lat": row["lat"],
            "lon": row["lon"],
            "geo_precision": geo_precision(row.get("location_feature"), row["lat"], row["lon"]),
        }
    time: EventTime | None = None
    if row["time_text"] is not None:
        time = {"text": row["time_text"], "value_start": row["time_start"], "value_end": row["time_end"]}
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "published": row["published"],
        "date": row["event_date"],
        "type": row["type"],
        "mode": row["mode"],
        "modality": row["modality"],
        "source": actor("source"),
        "target": actor("target"),
        "trigger": {"start": row["trigger_start"], "end": row["trigger_end"], "text": row["trigger_text"]},
        "sentence": {
            "start": row["sentence_start"],
            "end": row["sentence_end"],
            "text": row["sentence_words"],
        },
        "location": location,
        "time": time,
        "quantities": cast(list[QuantityRow], quantities),
        "reported_by": row["reported_by"],
        "confidence": row["confidence"],
        "cluster": cluster_text_id(row["cluster_id"]),
    }
