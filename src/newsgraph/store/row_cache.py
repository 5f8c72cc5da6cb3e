"""The entity rows the actor layer reads, kept in memory for one transaction.

Each time an article names a corpus entity that it describes, the actor layer reads that entity's rows
nearest in date (``corpus._nearest_rows``): up to ninety rows from the index on (corpus_entity_id, day,
article_key, country, titles), most of them read again and again, since a batch of articles names the
same entities many times (at 100,000 benchmark articles, 12,606 reads of 4,330 entities per 1,024
articles). ``EntityRowCache`` reads all the rows of an entity once per transaction and answers the
same reads from memory, in the same order, as SQLite's scans of that index give them: the rows a
``LIMIT`` keeps where an article names the entity twice depend on it.

Beside the rows, it keeps what the actor layer reads of them before it chooses again: the current
choice of each row it chose for or the writer inserted (``choices_of``: the choice columns, read back a
page per row in a large store, while a batch revisits the same nearest articles again and again), and
the rows of each entity whose country the corpus overruled (``overruled_of``). The actor layer tells it
each choice it writes (``chose``).

The cache must see every change to what it holds. The writer adds the rows it inserts, with their
text's choice (``added``), forgets the entities a merge repoints and chooses for again (``forget``), and
empties it when a transaction ends, a savepoint is rolled back or a document is deleted (``clear``).
Nothing else writes those columns; the actor layer's own choices reach it through ``chose``. The cache
lives inside one transaction, which holds the write lock, so no other connection's writes come in
between.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right, insort

# An entity with more rows than this is read from the index each time, whatever the reads: the bound of
# the memory one entity takes.
MAX_ROWS_PER_ENTITY = 8192
# What one read of an entity's nearest rows from the index costs, in rows read into memory: 53-63 µs
# against about 0.7 µs a row (measured at 100,000 benchmark articles; ``EntityRowCache``).
ROWS_PER_READ = 64

# All the rows of an entity the readings hold, in the order of the index that holds them (day, NULL
# first, article, country, NULL first, titles, row id: SQLite reads them in that order without sorting),
# shaped as the readings are (``corpus._nearest_rows``): (NULL, article key, id, day, country, titles).
# Up to a bound.
ROWS_OF_ENTITY = (
    "SELECT NULL, article_key, id, day, country, titles FROM entity_rows WHERE corpus_entity_id = ? "
    "ORDER BY day, article_key, country, titles, id LIMIT ?"
)

# The rows of an entity whose choice is not their text's own country (the corpus overruled it), on the
# partial index entity_rows_overruled (schema version 20): a handful per entity.
OVERRULED_ROWS = (
    "SELECT id FROM entity_rows WHERE corpus_entity_id = ? AND country IS NOT NULL "
    "AND actor_country_from IS NOT 'text'"
)

# A row's current choice as stored: (actor_country, actor_country_from, actor_titles (JSON), actor_titles_from).
Choice = tuple


def read_choices(conn: sqlite3.Connection, row_ids: list[int]) -> dict[int, Choice]:
    """The current choice of these entity rows, by row id, read in one statement."""
    return {
        row[0]: row[1:]
        for row in conn.execute(
            "SELECT id, actor_country, actor_country_from, actor_titles, actor_titles_from FROM entity_rows "
            f"WHERE id IN ({', '.join('?' * len(row_ids))})",
            row_ids,
        )
    }


def read_overruled(conn: sqlite3.Connection, corpus_id: int) -> set[int]:
    """The ids of the entity's rows with a country of their own that the corpus overruled."""
    return {row[0] for row in conn.execute(OVERRULED_ROWS, (corpus_id,))}


# A reading row as ``corpus._nearest_rows`` returns it: (distance in days or None, article key, id, day,
# country, titles).
ReadingRow = tuple


def _index_order(row: ReadingRow) -> tuple:
    """Where a row sorts in the index: SQLite puts NULL before any value and compares TEXT by its UTF-8
    bytes, which order as Python orders str."""
    _, article_key, row_id, day, country, titles = row
    return (day is not None, day or 0, article_key, country is not None, country or "", titles, row_id)


class _EntityRows:
    """One entity's rows in index order, the undated apart, with the days of the dated beside them to
    bisect. Each is kept as a reading row with no distance: the undated and the latest are returned as
    they are."""

    __slots__ = ("dated", "days", "undated")

    def __init__(self, read: list[ReadingRow]) -> None:
        """From the rows ``ROWS_OF_ENTITY`` reads (undated first)."""
        split = 0
        while split < len(read) and read[split][3] is None:
            split += 1
        self.undated = read[:split]
        self.dated = read[split:]
        self.days: list[int] = [row[3] for row in self.dated]

    def add(self, row_id: int, article_key: int, day: int | None, country: str | None, titles: str) -> None:
        """Put a new row in its place. The writer's rows are of the article it writes, the latest key, so
        they go after every other article's rows of their day; only the whole order places them among rows
        of their own article (or of a later one, which other writers' keys may give)."""
        row = (None, article_key, row_id, day, country, titles)
        if day is None:
            if self.undated and self.undated[-1][1] >= article_key:
                insort(self.undated, row, key=_index_order)
            else:
                self.undated.append(row)
            return
        at = bisect_right(self.days, day)
        if at and self.days[at - 1] == day and self.dated[at - 1][1] >= article_key:
            first = bisect_left(self.days, day)
            at = bisect_right(self.dated, _index_order(row), lo=first, hi=at, key=_index_order)
        self.dated.insert(at, row)
        self.days.insert(at, day)

    def before(self, day: int, limit: int) -> list[ReadingRow]:
        """``READINGS_BEFORE``: the last ``limit`` rows on or before ``day``, latest first."""
        end = bisect_right(self.days, day)
        return [
            (day - d, key, row_id, d, country, titles)
            for _, key, row_id, d, country, titles in reversed(self.dated[max(0, end - limit) : end])
        ]

    def after(self, day: int, limit: int) -> list[ReadingRow]:
        """``READINGS_AFTER``: the first ``limit`` rows after ``day``, earliest first."""
        start = bisect_right(self.days, day)
        return [
            (d - day, key, row_id, d, country, titles)
            for _, key, row_id, d, country, titles in self.dated[start : start + limit]
        ]

    def latest(self, limit: int) -> list[ReadingRow]:
        """``READINGS_LATEST``: the last ``limit`` dated rows, latest first."""
        return self.dated[: -limit - 1 : -1] if limit > 0 else []

    def first_undated(self, limit: int) -> list[ReadingRow]:
        """``READINGS_UNDATED``: the first ``limit`` undated rows, in order of article."""
        return self.undated[: max(0, limit)]


class EntityRowCache:
    """The rows of the corpus entities the open transaction reads often enough, by entity key.

    Reading an entity's rows costs about one row's reading per row, where a read from the index costs
    about ``ROWS_PER_READ`` rows' (a few range scans and their ninety rows at most): an entity named in a
    thousandth of a million articles has a thousand rows, and a transaction reads it once or twice. So
    the rows of an entity are read only once the transaction has read it from the index as many times as
    reading them would cost (what renting until the price of buying has been paid costs: at most twice
    the best choice made knowing the reads to come), its size known from its article count.
    """

    def __init__(self, max_rows_per_entity: int = MAX_ROWS_PER_ENTITY) -> None:
        self.max_rows_per_entity = max_rows_per_entity
        self._entities: dict[int, _EntityRows | None] = {}  # None: too many rows to keep
        self._reads: dict[int, int] = {}  # reads of entities not kept (yet), in this transaction
        self._articles: dict[int, int] = {}  # their article counts, as the transaction began
        # Per entity: the current choice of rows known, by row id; the ids of its overruled rows.
        self._choices: dict[int, dict[int, Choice]] = {}
        self._overruled: dict[int, set[int]] = {}

    def __len__(self) -> int:
        return sum(1 for rows in self._entities.values() if rows is not None)

    def rows_of(self, conn: sqlite3.Connection, corpus_id: int) -> _EntityRows | None:
        """The entity's rows, or None when this read should go to the index: the transaction has not
        read the entity often enough yet, or it has more than ``max_rows_per_entity`` rows."""
        if corpus_id in self._entities:
            return self._entities[corpus_id]
        reads = self._reads.get(corpus_id, 0) + 1
        self._reads[corpus_id] = reads
        articles = self._articles.get(corpus_id)
        if articles is None:
            found = conn.execute(
                "SELECT n_articles FROM corpus_entities WHERE id = ?", (corpus_id,)
            ).fetchone()
            articles = self._articles[corpus_id] = found[0] if found else 0
        if articles > reads * ROWS_PER_READ:
            return None
        read = conn.execute(ROWS_OF_ENTITY, (corpus_id, self.max_rows_per_entity + 1)).fetchall()
        rows = _EntityRows(read) if len(read) <= self.max_rows_per_entity else None
        self._entities[corpus_id] = rows
        return rows

    def added(
        self,
        corpus_id: int,
        row_id: int,
        article_key: int,
        day: int | None,
        country: str | None,
        titles: str,
        choice: Choice,
    ) -> None:
        """The writer inserted this row of the entity, with its text's ``choice``: not overruled."""
        rows = self._entities.get(corpus_id)
        if rows is not None:  # not read yet: read with this row when it is; too large: larger now
            rows.add(row_id, article_key, day, country, titles)
        self._choices.setdefault(corpus_id, {})[row_id] = choice

    def choices_of(self, conn: sqlite3.Connection, corpus_id: int, row_ids: list[int]) -> dict[int, Choice]:
        """The current choice of these rows of the entity: those not known yet read in one statement."""
        known = self._choices.setdefault(corpus_id, {})
        missing = [row_id for row_id in row_ids if row_id not in known]
        if missing:
            known.update(read_choices(conn, missing))
        return {row_id: known[row_id] for row_id in row_ids}

    def overruled_of(self, conn: sqlite3.Connection, corpus_id: int) -> set[int]:
        """The ids of the entity's rows with a country of their own that the corpus overruled."""
        found = self._overruled.get(corpus_id)
        if found is None:
            found = self._overruled[corpus_id] = read_overruled(conn, corpus_id)
        return found

    def chose(self, corpus_id: int, row_id: int, choice: Choice, own_country: str | None) -> None:
        """The actor layer wrote ``choice`` for this row of the entity (``own_country``: its text's)."""
        self._choices.setdefault(corpus_id, {})[row_id] = choice
        overruled = self._overruled.get(corpus_id)
        if overruled is not None:
            # As the partial index decides: a country of its own, chosen from elsewhere than the text.
            if own_country is not None and choice[1] != "text":
                overruled.add(row_id)
            else:
                overruled.discard(row_id)

    def forget(self, *corpus_ids: int) -> None:
        """These entities' rows changed in a way the cache does not follow (a merge repointed them)."""
        for corpus_id in corpus_ids:
            self._entities.pop(corpus_id, None)
            self._articles.pop(corpus_id, None)
            self._choices.pop(corpus_id, None)  # a merge chooses again for the rows it moved
            self._overruled.pop(corpus_id, None)

    def clear(self) -> None:
        """The transaction ended, a savepoint was rolled back or rows were deleted: read every entity
        afresh."""
        self._entities.clear()
        self._reads.clear()
        self._articles.clear()
        self._choices.clear()
        self._overruled.clear()
