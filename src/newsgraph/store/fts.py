"""The full-text indexes: turning any string a user types into a safe FTS5 query, and writing the
indexes once per transaction.

``PendingFullText`` holds the rows an open transaction adds to ``articles_fts`` and ``quotes_fts``
and writes them just before it commits. FTS5 writes the terms it holds in memory to a new segment at
every savepoint; written by each document inside its own savepoint, every article became a segment of
its own, and the segments had to be merged again and again at the commits. Written together, a
batch's terms make one segment per index.

Until then the indexes are behind the tables: a search on the writer's own connection does not find
what the open transaction wrote (other connections see neither before the commit), and the writer
writes what is pending before it deletes an article, since FTS5 must be told the terms of a row it
removes and those must be in the index.
"""

from __future__ import annotations

import re
import sqlite3

from .deferred import Deferred

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for free text: quoted parts stay phrases, other words are ANDed.

    Every term is emitted as a double-quoted FTS5 string made only of word
    characters, so no operator, column filter or stray quote the user typed can
    reach the FTS5 parser. None when the text holds no words at all.
    """
    if not isinstance(text, str):
        return None
    terms: list[str] = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            terms.append('"' + " ".join(words) + '"')
    for word in _WORD.findall(_PHRASE.sub(" ", text)):
        terms.append(f'"{word}"')
    if not terms:
        return None
    return " ".join(terms[:MAX_TERMS])


def trigrams_query(fragment: str) -> str:
    """An FTS5 MATCH expression for the names of a trigram index holding every three letters of
    ``fragment`` (at least three long), up to ``MAX_TERMS`` of them: a superset of the names containing
    it, which the caller's LIKE narrows. Each trigram is a quoted string of one token, so the expression
    needs no positions (the index keeps none, ``detail=none``) and nothing the user typed is an operator.
    """
    trigrams = dict.fromkeys(fragment[i : i + 3] for i in range(len(fragment) - 2))
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in list(trigrams)[:MAX_TERMS])


class PendingFullText(Deferred[tuple[str, int, str | None, str | None]]):
    """Rows of the full-text indexes added by the open transaction, not yet written."""

    def add_article(self, key: int, title: str | None, text: str) -> None:
        self._add(("article", key, title, text))

    def add_quote(self, row_id: int, text: str, speaker_name: str | None) -> None:
        """A quote as the view ``quotes`` gives it back: its words and its speaker's name."""
        self._add(("quote", row_id, text, speaker_name))

    def _write(self, conn: sqlite3.Connection, items: list[tuple[str, int, str | None, str | None]]) -> None:
        """One statement per index."""
        conn.executemany(
            "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
            [row for index, *row in items if index == "article"],
        )
        conn.executemany(
            "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?, ?, ?)",
            [row for index, *row in items if index == "quote"],
        )
