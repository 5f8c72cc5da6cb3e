"""Counts of events by type, country, source actor and month, kept as events are written.

The events page opens on the facets of every event, and is most often narrowed to one type. Counted from
the rows, the first read four indexes end to end (about 100 ms at 10,000 articles, ten times that at
100,000) and the second every event of the type. ``event_facet_counts`` keeps the number of events of
each value instead, among every event (scope ``''``) and among the events of each type (scope: the type),
so those facets read a few rows per facet:

- the writer adds the values of the events it writes once per transaction (``PendingEventFacets``);
- triggers (schema version 19) move them when an event is deleted or one of its values changes (the
  actor layer lending a country, a merge repointing an actor).

Both follow ``event_facet_values``: the triggers say the same rule in SQL, beside the schema.
A value whose events are all gone keeps a row with ``n = 0`` (readers ask for ``n > 0``); within a
transaction a count may be below its true value until the writer's share is written, never after.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from .deferred import Deferred

# The facets kept, as ``event_facets`` names them.
FACETS = ("type", "country", "source", "month")


def event_facet_values(
    type: str, event_date: str | None, source_corpus_id: int | None, countries: tuple[str | None, ...]
) -> set[tuple[str, str]]:
    """The (facet, value) pairs one event counts under: its type, each distinct country of its source,
    target and place (an event counts once per country), its source's corpus entity (its key, in decimal:
    the value column is text) and its month."""
    values = {("type", type)}
    values.update(("country", code) for code in countries if code is not None)
    if source_corpus_id is not None:
        values.add(("source", str(source_corpus_id)))
    if event_date is not None:
        values.add(("month", event_date[:7]))
    return values


# The columns of an event (``ev``) that ``count_event_facets`` counts, in its order.
COUNTED_COLUMNS = (
    "ev.type, ev.event_date, ev.source_corpus_id, ev.source_country, ev.target_country, ev.location_country"
)


def count_event_facets(rows: list[tuple]) -> dict[str, Counter[str]]:
    """Each facet's counts over ``rows`` of (type, event_date, source_corpus_id, source_country,
    target_country, location_country): the sums of ``event_facet_values`` over the rows, counted a
    column at a time.

    The events page counts every event its filters select (50,000 of them for a date filter at 10,000
    articles); a set of pairs made per event took as long as reading the rows did, where a ``Counter``
    over a column counts in C.
    """
    if not rows:
        return {name: Counter() for name in FACETS}
    types, days, sources, source_countries, target_countries, place_countries = zip(*rows, strict=True)
    # An event counts once per distinct country: the target's when it is not the source's, the place's
    # when it is neither.
    countries = Counter(code for code in source_countries if code is not None)
    countries.update(
        target
        for source, target in zip(source_countries, target_countries, strict=True)
        if target is not None and target != source
    )
    countries.update(
        place
        for source, target, place in zip(source_countries, target_countries, place_countries, strict=True)
        if place is not None and place != source and place != target
    )
    return {
        "type": Counter(types),
        "country": countries,
        "source": Counter(str(source) for source in sources if source is not None),
        "month": Counter(day[:7] for day in days if day is not None),
    }


# The scope of the counts among every event; a type's own counts have the type as their scope.
EVERY_EVENT = ""


class PendingEventFacets(Deferred[tuple[str, str, str]]):
    """The facet values of the events the open transaction wrote, not yet counted: (scope, facet, value)."""

    def add_event(
        self,
        type: str,
        event_date: str | None,
        source_corpus_id: int | None,
        countries: tuple[str | None, ...],
    ) -> None:
        for facet, value in event_facet_values(type, event_date, source_corpus_id, countries):
            self._add((EVERY_EVENT, facet, value))
            if facet != "type":  # among the events of its type, the type facet is the type's own count
                self._add((type, facet, value))

    def _write(self, conn: sqlite3.Connection, items: list[tuple[str, str, str]]) -> None:
        """One upsert per value, in key order."""
        conn.executemany(
            "INSERT INTO event_facet_counts(scope, facet, value, n) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(scope, facet, value) DO UPDATE SET n = n + excluded.n",
            [(*key, n) for key, n in sorted(Counter(items).items())],
        )
