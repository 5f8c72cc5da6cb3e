"""Corpus counters moved once per transaction instead of once per document.

Every document moves the counters of each corpus entity it names (articles, mentions, quotes, first
and last seen) and of each surface name it used. Written at once, that is an UPDATE per entity per
document, and each one moves the entity's entries in the indexes ordered by those counters: the
same few pages of a popular entity are rewritten by every document of a batch, and a batch dirties
a page per counter change. ``PendingCounters`` sums the changes of the documents of a transaction
and writes each entity's total once, just before the transaction commits.

Until then the database's counters are behind: the writer adds the pending mentions wherever it reads
them (entity resolution ranks candidates by mentions), and writes what is pending before any step
that reads or recounts counters from the rows (a merge, a delete). A savepoint rolled back takes its
documents' changes with it (``mark`` and ``rollback_to``).

The counts of rows kept as columns (mentions, dates, an article's own figures: ``column_counts``, read
by ``stats``) move the same way: one UPDATE per count and transaction instead of a trigger per row.
"""

from __future__ import annotations

import sqlite3

from .deferred import Deferred, Mark

# One document's change to one corpus entity's counters, or to one of its names, as logged: (corpus id,
# articles, mentions, quotes, rows giving a country or titles, date seen, name used). A plain tuple of
# plain values, which the garbage collector stops tracking: a transaction logs tens of thousands, all
# alive until it commits, and as tracked objects (a frozen dataclass, and a named tuple, which the
# collector never stops tracking) they made it sweep the whole heap every few hundred articles.
Change = tuple[int, int, int, int, int, str | None, str | None]
# The count of rows kept as a column (``column_counts``) moved by one document: (column, rows).
ColumnRows = tuple[str, int]


def _change(
    corpus_id: int,
    *,
    articles: int = 0,
    mentions: int = 0,
    quotes: int = 0,
    described: int = 0,
    seen: str | None = None,
    norm_name: str | None = None,
) -> Change:
    return (corpus_id, articles, mentions, quotes, described, seen, norm_name)


class PendingCounters(Deferred[Change | ColumnRows]):
    """Counter changes written by the transaction, not yet in the database.

    The log holds each document's ``Change`` per corpus entity and name, and ``ColumnRows`` for the
    counts of rows kept as columns.
    """

    def __init__(self) -> None:
        super().__init__()
        # Per entity, logged and not yet written: mentions (resolution adds them to the database's) and
        # rows giving a country or titles (the actor layer's). Derived from the log's unwritten part.
        self._unwritten_sums: dict[int, tuple[int, int]] = {}

    def _add(self, item: Change | ColumnRows) -> None:
        super()._add(item)
        self._tally(item)

    def _tally(self, item: Change | ColumnRows) -> None:
        if len(item) == 2:
            return
        corpus_id, _, mentions, _, described, _, _ = item
        if mentions or described:
            before = self._unwritten_sums.get(corpus_id, (0, 0))
            self._unwritten_sums[corpus_id] = (before[0] + mentions, before[1] + described)

    def add_document(self, changes: dict[int, list[int]], published: str | None) -> None:
        """One more article for each corpus entity of ``changes`` (id -> (mentions, quotes, described))."""
        for corpus_id, (mentions, quotes, described) in changes.items():
            self._add(
                _change(
                    corpus_id,
                    articles=1,
                    mentions=mentions,
                    quotes=quotes,
                    described=described,
                    seen=published,
                )
            )

    def add_quotes(self, corpus_id: int, quotes: int) -> None:
        """Quotes of an entity whose article count is kept elsewhere (recounted after a merge)."""
        self._add(_change(corpus_id, quotes=quotes))

    def add_name(self, corpus_id: int, norm_name: str) -> None:
        """One more use of a name the entity is already known by (its row exists)."""
        self._add(_change(corpus_id, norm_name=norm_name))

    def add_column_rows(self, name: str, n: int) -> None:
        """``n`` more rows of a kind kept as columns (``column_counts.name``: mentions, times, quantities)."""
        if n:
            self._add((name, n))

    def mentions(self, corpus_id: int) -> int:
        """Mentions of the entity written by this transaction and not yet counted in the database."""
        return self._unwritten_sums.get(corpus_id, (0, 0))[0]

    def described(self, corpus_id: int) -> int:
        """Rows of the entity giving a country or titles, written by this transaction and not yet counted."""
        return self._unwritten_sums.get(corpus_id, (0, 0))[1]

    def rollback_to(self, mark: Mark) -> None:
        super().rollback_to(mark)
        self._unwritten_sums.clear()
        for change in self._unwritten():
            self._tally(change)

    def clear(self) -> None:
        super().clear()
        self._unwritten_sums.clear()

    def flush(self, conn: sqlite3.Connection) -> None:
        super().flush(conn)
        self._unwritten_sums.clear()  # in the database now

    def _write(self, conn: sqlite3.Connection, items: list[Change | ColumnRows]) -> None:
        """Every change, one statement per entity, per name and per column count, in id order."""
        columns: dict[str, int] = {}
        totals: dict[int, list] = {}
        names: dict[tuple[int, str], int] = {}
        for item in items:
            if len(item) == 2:
                name, n = item
                columns[name] = columns.get(name, 0) + n
                continue
            corpus_id, articles, mentions, quotes, described, seen, norm_name = item
            if norm_name is not None:
                key = (corpus_id, norm_name)
                names[key] = names.get(key, 0) + 1
                continue
            total = totals.setdefault(corpus_id, [0, 0, 0, 0, None, None])
            total[0] += articles
            total[1] += mentions
            total[2] += quotes
            total[3] += described
            if seen is not None:
                total[4] = seen if total[4] is None else min(total[4], seen)
                total[5] = seen if total[5] is None else max(total[5], seen)
        conn.executemany(
            "UPDATE corpus_entities SET n_articles = n_articles + ?1, n_mentions = n_mentions + ?2, "
            "n_quotes = n_quotes + ?3, n_described = n_described + ?4, "
            "first_seen = CASE WHEN ?5 IS NOT NULL AND (first_seen IS NULL OR ?5 < first_seen) THEN ?5 "
            "ELSE first_seen END, "
            "last_seen = CASE WHEN ?6 IS NOT NULL AND (last_seen IS NULL OR ?6 > last_seen) THEN ?6 "
            "ELSE last_seen END WHERE id = ?7",
            [
                (a, m, q, d, first, last, corpus_id)
                for corpus_id, (a, m, q, d, first, last) in sorted(totals.items())
            ],
        )
        conn.executemany(
            "UPDATE corpus_entity_names SET n = n + ? WHERE corpus_entity_id = ? AND norm_name = ?",
            [(n, corpus_id, norm) for (corpus_id, norm), n in sorted(names.items())],
        )
        conn.executemany(
            "UPDATE column_counts SET n = n + ? WHERE name = ?",
            [(n, name) for name, n in sorted(columns.items())],
        )
