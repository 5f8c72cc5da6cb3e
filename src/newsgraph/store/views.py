"""The analyst's views over the store: facet counts, search grouped by article, a filtered network.

A block of its own over ``StoreQueries``: the web pages ask these questions; each count is the
true count of what the same filters return, so a facet's number is what a click on it shows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..plover import COOPERATION_TYPES
from .facet_counts import COUNTED_COLUMNS, EVERY_EVENT, FACETS, count_event_facets
from .fts import fts_query
from .ids import entity_id
from .queries import StoreQueries, _placeholders, country_branches, date_bounds, event_types, with_entity_ids

# Marks around matched words in search snippets (FTS5 snippet()); the web page turns them into <mark>.
DEFAULT_SNIPPET_MARKS = ("[", "]")
# Quote snippets shown under one article in grouped search results.
QUOTE_SNIPPETS_PER_ARTICLE = 3


class StoreViews(StoreQueries):
    """Facets, grouped search and the filtered actor network."""

    # -- event facets -------------------------------------------------------------------

    def count_events(self, **filters: Any) -> int:
        """How many events ``events(**filters)`` returns over all its pages."""
        built = self._event_filters(**filters)
        if built is None:
            return 0
        where, params = built
        return int(self._value(f"SELECT COUNT(*) FROM event_rows ev{where}", params) or 0)

    def event_facets(self, *, limit: int = 10, **filters: Any) -> dict[str, dict[str, Any]]:
        """Counts of the events ``events(**filters)`` returns, by type, country, source actor and month.

        Each facet is ``{"values": [{"value", "label", "n"}], "n_values": distinct values}``,
        largest first (months newest first). A country counts an event once whether it is the
        source's, the target's or the place's country, as the ``country`` filter matches it.
        """
        built = self._event_filters(**filters)
        if built is None:
            return {name: {"values": [], "n_values": 0} for name in FACETS}
        where, params = built
        scope = _kept_scope(filters)
        if scope is not None and limit > 0:
            return self._kept_event_facets(limit, scope)
        outside = self._events_outside_dates(filters, where, params) if limit > 0 else None
        if outside is not None:
            return self._kept_less_counted_facets(*outside, limit)
        if filters.get("country"):
            return self._facets_of_counts(self._country_rows_facets(filters), limit)
        return self._counted_event_facets(where, params, limit)

    def _country_rows_facets(self, filters: dict[str, Any]) -> dict[str, Counter[str]]:
        """Each facet's counts over the events ``filters`` select, one of them a country: read from the
        country indexes, which hold every column counted (``country_branches``)."""
        built = self._event_filters(**{name: value for name, value in filters.items() if name != "country"})
        if built is None:
            return count_event_facets([])
        return self._counted_facets_of(
            *country_branches(f"SELECT {COUNTED_COLUMNS} FROM event_rows ev", *built, filters["country"])
        )

    def _events_outside_dates(
        self, filters: dict[str, Any], where: str, params: list[Any]
    ) -> tuple[str, str, list[Any]] | None:
        """When ``filters`` are a date range (with one type at most) selecting more than half of the events
        in a scope of the kept counts: the scope, and the WHERE clause and parameters of the rest of it,
        the events outside the range (undated ones included). None otherwise.

        A date range often selects most events (the last year of a corpus), and counting them read every
        row; the kept counts less the few outside count the same.
        """
        since, until = filters.get("since"), filters.get("until")
        scope = _kept_scope(_without_dates(filters))
        if not (since or until) or scope is None:
            return None
        types = self._kept_counts(EVERY_EVENT, "type")
        in_scope = types.get(scope, 0) if scope else sum(types.values())
        selected = int(self._value(f"SELECT COUNT(*) FROM event_rows ev{where}", params) or 0)
        if selected * 2 <= in_scope:
            return None
        beyond, outside_params = date_bounds("ev.event_date", since, until, outside=True)
        clause = f" WHERE (ev.event_date IS NULL OR {' OR '.join(beyond)})"
        if scope:
            clause += " AND ev.type = ?"
            outside_params.append(scope)
        return scope, clause, outside_params

    def _kept_less_counted_facets(
        self, scope: str, where: str, params: list[Any], limit: int
    ) -> dict[str, dict[str, Any]]:
        """The facets of the events in the kept counts' ``scope`` less those ``where`` selects (counted from
        their rows)."""
        types = Counter(self._kept_counts(EVERY_EVENT, "type"))
        counts = {
            # Among one type's events the type facet is that type alone (its count kept among every event).
            name: (types if scope == EVERY_EVENT else Counter({scope: types[scope]}))
            if name == "type"
            else Counter(self._kept_counts(scope, name))
            for name in FACETS
        }
        for name, less in self._counted_rows_facets(where, params).items():
            counts[name].subtract(less)
        return self._facets_of_counts({name: +counted for name, counted in counts.items()}, limit)

    def _counted_rows_facets(self, where: str, params: list[Any]) -> dict[str, Counter[str]]:
        """Each facet's counts over the event rows ``where`` selects: one read of their counted columns
        (through the index the filter uses), each row counted under the values ``event_facet_values``
        gives it, as the kept counts are (``count_event_facets``)."""
        return self._counted_facets_of(f"SELECT {COUNTED_COLUMNS} FROM event_rows ev{where}", params)

    def _counted_facets_of(self, sql: str, params: list[Any]) -> dict[str, Counter[str]]:
        """``count_event_facets`` over the rows of ``sql``, which selects ``COUNTED_COLUMNS``."""
        with self._lock:
            rows = self.conn.execute(sql, params).fetchall()
        return count_event_facets(rows)

    def _counted_event_facets(self, where: str, params: list[Any], limit: int) -> dict[str, dict[str, Any]]:
        """``event_facets`` counted from the event rows ``where`` selects."""
        return self._facets_of_counts(self._counted_rows_facets(where, params), limit)

    def _facets_of_counts(self, counts: dict[str, Counter[str]], limit: int) -> dict[str, dict[str, Any]]:
        """``event_facets``' shape of each facet's counts: the ``limit`` first values in the facet's order,
        sources named, and the number of values."""
        facets = {}
        for name, counted in counts.items():
            values = [{"value": v, "label": v, "n": n} for v, n in counted.items()]
            if name == "source":
                values = self._named_sources(values, limit)
            facets[name] = {"values": _in_facet_order(name, values)[:limit], "n_values": len(counted)}
        return facets

    def _named_sources(self, values: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
        """The values that can be among the ``limit`` largest (ties included), labelled with their
        entity's name; each value (an entity's key, in decimal) becomes the entity's text id."""
        if not values:
            return values
        sizes = sorted((r["n"] for r in values), reverse=True)
        cutoff = sizes[min(max(limit, 1), len(sizes)) - 1]
        kept = [r for r in values if r["n"] >= cutoff]
        keys = [int(r["value"]) for r in kept]
        names = {
            r["id"]: r["name"]
            for r in self._rows(
                "SELECT id, name FROM corpus_entities WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(keys),),
            )
        }
        return [
            {**r, "value": entity_id(key), "label": names[key]}
            for r, key in zip(kept, keys, strict=True)
            if key in names
        ]

    def _kept_event_facets(self, limit: int, scope: str = EVERY_EVENT) -> dict[str, dict[str, Any]]:
        """``event_facets`` of every event (``scope`` '') or of one type's (``scope``: the type), from the
        counts kept as events are written (``store/facet_counts.py``): a few rows per facet, however
        many events."""
        facets = {}
        for name in FACETS:
            if name == "type" and scope != EVERY_EVENT:
                # Among the events of one type, the type facet is that type and its count.
                rows = self._rows(
                    "SELECT value, value AS label, n FROM event_facet_counts "
                    "WHERE scope = '' AND facet = 'type' AND value = ? AND n > 0",
                    (scope,),
                )
                facets[name] = {"values": rows[:limit], "n_values": len(rows)}
                continue
            n_values = int(
                self._value(
                    "SELECT COUNT(*) FROM event_facet_counts WHERE scope = ? AND facet = ? AND n > 0",
                    (scope, name),
                )
            )
            if name == "month":
                rows = self._rows(
                    "SELECT value, value AS label, n FROM event_facet_counts "
                    "WHERE scope = ? AND facet = 'month' AND n > 0 ORDER BY value DESC LIMIT ?",
                    (scope, limit),
                )
                facets[name] = {"values": rows, "n_values": n_values}
                continue
            # The largest first, ties by label: every value as large as the limit-th, named, then sorted.
            label = "c.name" if name == "source" else "k.value"
            # A source's value is its entity's key, in decimal (the column is text).
            named = " JOIN corpus_entities c ON c.id = CAST(k.value AS INTEGER)" if name == "source" else ""
            rows = self._rows(
                f"SELECT k.value, {label} AS label, k.n FROM event_facet_counts k{named} "
                "WHERE k.scope = :scope AND k.facet = :facet AND k.n >= COALESCE((SELECT n FROM "
                "event_facet_counts WHERE scope = :scope AND facet = :facet AND n > 0 "
                "ORDER BY n DESC LIMIT 1 OFFSET :last), 1)",
                {"scope": scope, "facet": name, "last": limit - 1},
            )
            if name == "source":
                for row in rows:
                    row["value"] = entity_id(int(row["value"]))
            rows.sort(key=_largest_first)
            facets[name] = {"values": rows[:limit], "n_values": n_values}
        return facets

    # -- search grouped by article --------------------------------------------------------

    def _matched_articles(
        self,
        match: str,
        *,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        country: str | None = None,
    ) -> list[dict[str, Any]]:
        """The matched set: one row per article with hits in its text or quotes, within the filters.

        Rows: ``article_rowid``, ``article_id``, ``title``, ``published``, ``source``, ``n_hits``,
        ``n_quote_hits`` and ``best`` (the best bm25 rank of its hits), in no particular order.
        Asked once per search: the page, the totals and every facet are counted from these rows.
        """
        clauses, params = [], {"match": match}
        if source:
            clauses.append("a.source = :source")
            params["source"] = source
        if since:
            clauses.append("a.published >= :since")
            params["since"] = str(since)[:10]
        if until:
            clauses.append("a.published <= :until")
            params["until"] = str(until)[:10]
        if type:
            clauses.append("a.key IN (SELECT article_key FROM event_rows WHERE type = :type)")
            params["type"] = type.upper()
        if country:
            clauses.append("a.key IN (SELECT article_key FROM place_rows WHERE country = :country)")
            params["country"] = country.upper()
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        # Hits are grouped by the article's rowid (the FTS rowid of its text): no id look-up per hit.
        return self._rows(
            f"""WITH hits AS (
                SELECT f.rowid AS article_rowid, 0 AS is_quote, f.rank AS rank
                FROM articles_fts f WHERE articles_fts MATCH :match
                UNION ALL
                SELECT q.article_key, 1, f.rank FROM quotes_fts f JOIN quote_rows q ON q.id = f.rowid
                WHERE quotes_fts MATCH :match)
            SELECT a.rowid AS article_rowid, a.id AS article_id, a.title, a.published, a.source,
                   COUNT(*) AS n_hits, SUM(h.is_quote) AS n_quote_hits, MIN(h.rank) AS best
            FROM hits h JOIN articles a ON a.rowid = h.article_rowid{where} GROUP BY h.article_rowid""",
            params,
        )

    def search_with_facets(
        self, text: str, *, limit: int = 20, offset: int = 0, facet_limit: int = 10, **filters: Any
    ) -> dict[str, Any]:
        """``search_articles`` and ``search_facets`` in one answer (``facets`` beside the hits),
        both counted from one pass over the matched set."""
        match = fts_query(text)
        if match is None:
            return {**_no_search_hits(), "facets": _no_facets()}
        matched = self._matched_articles(match, **filters)
        return {
            **self._grouped_hits(match, matched, limit=limit, offset=offset),
            "facets": self._facets_of(matched, limit=facet_limit),
        }

    def search_articles(
        self, text: str, *, limit: int = 20, offset: int = 0, **filters: Any
    ) -> dict[str, Any]:
        """Full-text hits grouped by article, best first, with totals over every page.

        ``{"total_articles", "total_hits", "articles": [{article_id, title, published, source,
        n_hits, n_quote_hits, text_snippet, quotes: [{snippet, speaker_name, speaker}]}]}``;
        filters: ``source``, ``since``, ``until`` (publication), ``type`` (an event type in the
        article), ``country`` (a place in the article). Any input is safe; no match gives zeros.
        """
        match = fts_query(text)
        if match is None:
            return _no_search_hits()
        return self._grouped_hits(match, self._matched_articles(match, **filters), limit=limit, offset=offset)

    def search_facets(self, text: str, *, limit: int = 10, **filters: Any) -> dict[str, dict[str, Any]]:
        """Counts of the articles ``search_articles`` finds, by source, publication month, event type
        in the article and country of a place in it; same shape as ``event_facets``."""
        match = fts_query(text)
        if match is None:
            return _no_facets()
        return self._facets_of(self._matched_articles(match, **filters), limit=limit)

    def _grouped_hits(
        self, match: str, matched: list[dict[str, Any]], *, limit: int, offset: int
    ) -> dict[str, Any]:
        """One page of ``matched`` (best rank first), with its snippets, and the totals."""
        if not matched:
            return _no_search_hits()
        ranked = sorted(matched, key=lambda r: (r["best"], r["article_id"]))
        start = max(0, offset)
        page = ranked[start : start + max(0, limit)]
        ids = [r["article_id"] for r in page]
        opening, closing = getattr(self, "SNIPPET_MARKS", DEFAULT_SNIPPET_MARKS)
        marks = {"match": match, "open": opening, "close": closing}
        # The page's own rowids bound the FTS scan: snippets are made for these articles only.
        rowids = [r["article_rowid"] for r in page]
        text_snippets = {
            r["rowid"]: r["snippet"]
            for r in self._rows(
                "SELECT f.rowid, snippet(articles_fts, 1, :open, :close, '…', 16) AS snippet "
                f"FROM articles_fts f WHERE articles_fts MATCH :match AND f.rowid IN ({_named(rowids)})",
                {**marks, **_named_values(rowids)},
            )
        }
        quotes: dict[str, list[dict]] = {}
        for r in self._rows(
            "SELECT q.article_id, snippet(quotes_fts, 0, :open, :close, '…', 16) AS snippet, "
            "q.speaker_name, q.corpus_entity_id AS speaker FROM quotes_fts f JOIN quotes q ON q.id = f.rowid "
            f"WHERE quotes_fts MATCH :match AND q.article_id IN ({_named(ids)}) ORDER BY f.rank, q.id",
            {**marks, **_named_values(ids)},
        ):
            shown = quotes.setdefault(r.pop("article_id"), [])
            if len(shown) < QUOTE_SNIPPETS_PER_ARTICLE:
                shown.append(r)
        rows = [
            {
                "article_id": r["article_id"],
                "title": r["title"],
                "published": r["published"],
                "source": r["source"],
                "n_hits": r["n_hits"],
                "n_quote_hits": r["n_quote_hits"],
                "text_snippet": text_snippets.get(r["article_rowid"]),
                "quotes": quotes.get(r["article_id"], []),
            }
            for r in page
        ]
        return {
            "total_articles": len(matched),
            "total_hits": sum(r["n_hits"] for r in matched),
            "articles": rows,
        }

    def _facets_of(self, matched: list[dict[str, Any]], *, limit: int) -> dict[str, dict[str, Any]]:
        """Facet counts of the matched articles: source and month from their rows, event type and
        place country from one query each over their ids."""
        if not matched:
            return _no_facets()
        # The articles' keys (their rowids): the rows of events and places name their article by it.
        ids = {"ids": json.dumps([r["article_rowid"] for r in matched])}
        counted = {
            "type": self._rows(
                "SELECT type AS value, type AS label, COUNT(DISTINCT article_key) AS n FROM event_rows "
                "WHERE article_key IN (SELECT value FROM json_each(:ids)) GROUP BY type",
                ids,
            ),
            "country": self._rows(
                "SELECT country AS value, country AS label, COUNT(DISTINCT article_key) AS n FROM place_rows "
                "WHERE article_key IN (SELECT value FROM json_each(:ids)) AND country IS NOT NULL "
                "GROUP BY country",
                ids,
            ),
            "source": _counted(r["source"] for r in matched if r["source"] is not None),
            "month": _counted(r["published"][:7] for r in matched if r["published"] is not None),
        }
        return {
            name: {"values": _in_facet_order(name, rows)[:limit], "n_values": len(rows)}
            for name, rows in counted.items()
        }

    # -- the actor network, filtered ------------------------------------------------------

    def actor_network(self, *, limit: int = 200, min_weight: int = 1, **filters: Any) -> dict[str, Any]:
        """Actors linked by the events ``events(**filters)`` returns (period, type...).

        ``{"nodes": [{id, name, type, country, degree, events}], "edges": [{source, target, weight,
        cooperation, conflict}], "events_linked", "left_out": {...}}``. ``left_out`` counts the
        matching events no edge can carry: ``no_source``, ``no_target``, ``neither`` (actor
        missing or not resolved to a corpus entity), ``same_actor``, and ``below_min_weight``
        (events on pairs with fewer than ``min_weight`` events or past ``limit`` edges).
        """
        built = self._event_filters(**filters)
        if built is None:
            return {"nodes": [], "edges": [], "events_linked": 0, "left_out": _no_left_out()}
        where, params = built
        matched = f"SELECT ev.* FROM event_rows ev{where}"
        coop = _placeholders(list(COOPERATION_TYPES))
        pairs = self._rows(
            f"""SELECT source_corpus_id AS source, target_corpus_id AS target, COUNT(*) AS weight,
                       SUM(type IN ({coop})) AS cooperation, SUM(type NOT IN ({coop})) AS conflict
                FROM ({matched}) WHERE source_corpus_id IS NOT NULL AND target_corpus_id IS NOT NULL
                  AND source_corpus_id != target_corpus_id
                GROUP BY source_corpus_id, target_corpus_id
                ORDER BY weight DESC, source, target""",
            [*COOPERATION_TYPES, *COOPERATION_TYPES, *params],
        )
        edges = [e for e in pairs if e["weight"] >= min_weight][:limit]
        missing = self._rows(
            f"""SELECT SUM(source_corpus_id IS NULL AND target_corpus_id IS NOT NULL) AS no_source,
                       SUM(target_corpus_id IS NULL AND source_corpus_id IS NOT NULL) AS no_target,
                       SUM(source_corpus_id IS NULL AND target_corpus_id IS NULL) AS neither,
                       SUM(source_corpus_id = target_corpus_id) AS same_actor, COUNT(*) AS total
                FROM ({matched})""",
            params,
        )[0]
        linked = sum(e["weight"] for e in edges)
        left_out = {k: int(missing[k] or 0) for k in ("no_source", "no_target", "neither", "same_actor")}
        left_out["below_min_weight"] = sum(e["weight"] for e in pairs) - linked
        left_out["total"] = sum(left_out.values())
        nodes = self._nodes_of(edges)
        nodes.sort(key=lambda n: (-n["events"], -n["degree"], n["id"]))
        return {
            "nodes": with_entity_ids(nodes, "id"),
            "edges": with_entity_ids(edges, "source", "target"),
            "events_matched": int(missing["total"] or 0),
            "events_linked": linked,
            "left_out": left_out,
        }


def _no_left_out() -> dict[str, int]:
    return dict.fromkeys(("no_source", "no_target", "neither", "same_actor", "below_min_weight", "total"), 0)


def _no_search_hits() -> dict[str, Any]:
    return {"total_articles": 0, "total_hits": 0, "articles": []}


def _no_facets() -> dict[str, dict[str, Any]]:
    return {name: {"values": [], "n_values": 0} for name in ("type", "country", "source", "month")}


def _counted(values: Iterable[Any]) -> list[dict[str, Any]]:
    """``[{"value", "label", "n"}]`` for each distinct value, as a facet's GROUP BY gives them."""
    return [{"value": value, "label": value, "n": n} for value, n in Counter(values).items()]


def _named(ids: list) -> str:
    return ",".join(f":id{i}" for i in range(len(ids))) or "NULL"


def _named_values(ids: list) -> dict[str, Any]:
    return {f"id{i}": value for i, value in enumerate(ids)}


def _without_dates(filters: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in filters.items() if name not in ("since", "until")}


def _kept_scope(filters: dict[str, Any]) -> str | None:
    """The scope of the kept facet counts that answers ``filters``: '' for none, the type for one type
    alone; None when the facets must be counted from the rows."""
    if any(value for name, value in filters.items() if name != "type"):
        return None
    if not filters.get("type"):
        return EVERY_EVENT
    types = set(event_types(filters["type"]))
    return types.pop() if len(types) == 1 else None


def _in_facet_order(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A facet's values in its order, sorted in place: months newest first, the others largest first."""
    if name == "month":
        rows.sort(key=lambda r: r["value"], reverse=True)
    else:
        rows.sort(key=_largest_first)
    return rows


def _largest_first(row: dict[str, Any]) -> tuple:
    """A facet's order: the largest count first, then by label, then by value (two entities may share a
    name and a count)."""
    return (-row["n"], str(row["label"]), row["value"])
