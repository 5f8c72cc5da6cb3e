"""Cross-article entity resolution: one corpus entity per real person or organisation.

A document's entity joins an existing corpus entity when the evidence agrees:

* the same normalised name (or a name the corpus entity already went by) and
  type, with no conflicting country;
* for a person named by one word ("Lavrov"), the unique person of that surname
  whose country and titles do not conflict (or the dominant one, ``DOMINANCE``);
* a full name ("Sergei Lavrov") absorbs an earlier surname-only corpus entity
  when it is the only compatible full name with that surname.

Otherwise a new corpus entity is made, its id derived from the normalised name,
type and country (``stable_id``), so the same input gives the same ids. Merged
ids are kept as redirects.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .names import normalise_name, stable_id, surname_of, title_words

# A surname shared by several compatible people still resolves to one of them when that one has
# at least this many times the mentions of all the others together.
DOMINANCE = 10


@dataclass(frozen=True)
class EntityEvidence:
    """What a document says about one entity, as resolution sees it."""

    name: str
    type: str
    country: str | None
    titles: tuple[str, ...]

    @property
    def norm(self) -> str:
        return normalise_name(self.name)


def countries_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _titles_of(conn: sqlite3.Connection, corpus_id: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT title FROM titles WHERE corpus_entity_id = ? LIMIT 50", (corpus_id,)
        )
    ]


def titles_agree(conn: sqlite3.Connection, corpus_id: str, titles: tuple[str, ...]) -> bool:
    """Roles agree when either side has none, or they share a word ("minister")."""
    if not titles:
        return True
    known = title_words(_titles_of(conn, corpus_id))
    return not known or bool(known & title_words(titles))


class EntityResolver:
    """Links document entities to corpus entities through one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # (old id, new id) of merges made since the caller last cleared it.
        self.merges: list[tuple[str, str]] = []

    def resolve(self, evidence: EntityEvidence, published: str | None) -> str | None:
        """The corpus entity id for this entity, creating or merging corpus entities as needed."""
        norm = evidence.norm
        if not norm:
            return None
        corpus_id = self._by_name(evidence, norm)
        if corpus_id is None and evidence.type == "PERSON" and len(norm.split()) == 1:
            corpus_id = self._by_surname(evidence, norm)
        if corpus_id is None:
            corpus_id = self._create(evidence, norm, published)
            if evidence.type == "PERSON" and len(norm.split()) > 1:
                self._absorb_surname_entities(corpus_id, evidence, norm)
        else:
            self._note_name(corpus_id, evidence, norm)
        return corpus_id

    def _by_name(self, evidence: EntityEvidence, norm: str) -> str | None:
        rows = self.conn.execute(
            "SELECT c.id, c.country, c.n_mentions FROM corpus_entity_names n "
            "JOIN corpus_entities c ON c.id = n.corpus_entity_id "
            "WHERE n.norm_name = ? AND c.type = ?",
            (norm, evidence.type),
        ).fetchall()
        fitting = [r for r in rows if countries_agree(r[1], evidence.country)]
        if not fitting:
            return None
        # Prefer a same-country entity, then a persons' titles match, then the most mentioned.
        fitting.sort(key=lambda r: (r[1] == evidence.country, r[2]), reverse=True)
        if evidence.type == "PERSON" and len(fitting) > 1:
            agreeing = [r for r in fitting if titles_agree(self.conn, r[0], evidence.titles)]
            fitting = agreeing or fitting
        return fitting[0][0]

    def _by_surname(self, evidence: EntityEvidence, surname: str) -> str | None:
        rows = self.conn.execute(
            "SELECT id, country, n_mentions FROM corpus_entities WHERE surname = ? AND type = 'PERSON' "
            "AND norm_name != surname",
            (surname,),
        ).fetchall()
        fitting = sorted(
            (
                (r[2], r[0])
                for r in rows
                if countries_agree(r[1], evidence.country) and titles_agree(self.conn, r[0], evidence.titles)
            ),
            reverse=True,
        )
        if len(fitting) == 1:
            return fitting[0][1]
        # A bare surname means the dominant bearer when the others are rare (often extraction noise).
        if len(fitting) > 1 and fitting[0][0] >= DOMINANCE * max(1, sum(n for n, _ in fitting[1:])):
            return fitting[0][1]
        return None

    def _create(self, evidence: EntityEvidence, norm: str, published: str | None) -> str:
        base = stable_id("E", evidence.type, norm, evidence.country)
        corpus_id, n = base, 1
        while self.conn.execute("SELECT 1 FROM corpus_entities WHERE id = ?", (corpus_id,)).fetchone():
            n += 1
            corpus_id = f"{base}-{n}"
        surname = surname_of(norm) if evidence.type == "PERSON" else None
        self.conn.execute(
            "INSERT INTO corpus_entities(id, name, norm_name, surname, type, country, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (corpus_id, evidence.name, norm, surname, evidence.type, evidence.country, published, published),
        )
        self._note_name(corpus_id, evidence, norm)
        return corpus_id

    def _note_name(self, corpus_id: str, evidence: EntityEvidence, norm: str) -> None:
        self.conn.execute(
            "INSERT INTO corpus_entity_names(corpus_entity_id, norm_name, name) VALUES (?, ?, ?) "
            "ON CONFLICT(corpus_entity_id, norm_name) DO UPDATE SET n = n + 1",
            (corpus_id, norm, evidence.name),
        )
        if evidence.country:
            # A country learnt later fills in an unknown one; a known one is never overwritten.
            self.conn.execute(
                "UPDATE corpus_entities SET country = ? WHERE id = ? AND country IS NULL",
                (evidence.country, corpus_id),
            )

    def _absorb_surname_entities(self, corpus_id: str, evidence: EntityEvidence, norm: str) -> None:
        surname = surname_of(norm)
        full_names = self.conn.execute(
            "SELECT id, country FROM corpus_entities WHERE surname = ? AND type = 'PERSON' "
            "AND norm_name != surname AND id != ?",
            (surname, corpus_id),
        ).fetchall()
        if any(countries_agree(r[1], evidence.country) for r in full_names):
            return  # two compatible people of that surname: a bare surname stays ambiguous
        singles = self.conn.execute(
            "SELECT id, country FROM corpus_entities WHERE norm_name = ? AND type = 'PERSON'",
            (surname,),
        ).fetchall()
        for old_id, country in singles:
            if countries_agree(country, evidence.country) and titles_agree(
                self.conn, old_id, evidence.titles
            ):
                merge_corpus_entities(self.conn, old_id, corpus_id)
                self.merges.append((old_id, corpus_id))


_REPOINT = (
    ("entities", "corpus_entity_id"),
    ("titles", "corpus_entity_id"),
    ("quotes", "corpus_entity_id"),
    ("events", "source_corpus_id"),
    ("events", "target_corpus_id"),
    ("event_actors", "corpus_entity_id"),
)


def merge_corpus_entities(conn: sqlite3.Connection, old_id: str, new_id: str) -> None:
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


def recount_corpus_entities(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Recompute the counters of these corpus entities from the rows that point at them."""
    for corpus_id in ids:
        conn.execute(
            """UPDATE corpus_entities SET
                n_articles = (SELECT COUNT(DISTINCT article_id) FROM entities WHERE corpus_entity_id = :id),
                n_mentions = (SELECT COALESCE(SUM(n_mentions), 0) FROM entities WHERE corpus_entity_id = :id),
                n_quotes = (SELECT COUNT(*) FROM quotes WHERE corpus_entity_id = :id),
                first_seen = (SELECT MIN(a.published) FROM entities e JOIN articles a ON a.id = e.article_id
                              WHERE e.corpus_entity_id = :id),
                last_seen = (SELECT MAX(a.published) FROM entities e JOIN articles a ON a.id = e.article_id
                             WHERE e.corpus_entity_id = :id)
            WHERE id = :id""",
            {"id": corpus_id},
        )


def drop_orphan_corpus_entities(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Delete corpus entities no document entity points at any more."""
    for corpus_id in ids:
        conn.execute(
            "DELETE FROM corpus_entities WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM entities WHERE corpus_entity_id = ?)",
            (corpus_id, corpus_id),
        )
