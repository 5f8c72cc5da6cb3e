"""The database schema: the one place tables, indexes, triggers and migrations live.

Each migration is a numbered list of SQL statements (or, where the statements depend on the
tables a file has, a function that runs them) applied once, inside a transaction, and recorded
in the ``migrations`` table. A new version of the
schema is a new entry at the end of ``MIGRATIONS``; existing entries never change.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from ..corpus.names import stable_id
from .bodies import body_text, packed_text, register_body_functions
from .ids import cluster_id_sql, entity_id_sql, entity_key

SCHEMA_V1 = """
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    command TEXT,
    model TEXT,
    settings TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    n_ingested INTEGER NOT NULL DEFAULT 0,
    n_duplicates INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    published TEXT,
    source TEXT,
    source_id INTEGER REFERENCES sources(id),
    url TEXT,
    origin TEXT,
    text TEXT NOT NULL,
    document TEXT NOT NULL,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,
    run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source_id);

CREATE TABLE corpus_entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    norm_name TEXT NOT NULL,
    surname TEXT,
    type TEXT NOT NULL,
    country TEXT,
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX corpus_entities_norm ON corpus_entities(norm_name, type);
CREATE INDEX corpus_entities_surname ON corpus_entities(surname, type);
CREATE INDEX corpus_entities_mentions ON corpus_entities(n_mentions DESC);
CREATE INDEX corpus_entities_articles ON corpus_entities(n_articles DESC);

-- Ids of corpus entities merged into another: lookups of an old id still resolve.
CREATE TABLE corpus_entity_redirects (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE
);

-- Every surface name an entity went by, for lookups by name.
CREATE TABLE corpus_entity_names (
    corpus_entity_id TEXT NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE,
    norm_name TEXT NOT NULL,
    name TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (corpus_entity_id, norm_name)
);
CREATE INDEX corpus_entity_names_norm ON corpus_entity_names(norm_name);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    titles TEXT NOT NULL DEFAULT '[]',
    n_mentions INTEGER NOT NULL DEFAULT 0,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    UNIQUE (article_id, local_id)
);
CREATE INDEX entities_corpus ON entities(corpus_entity_id, article_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE titles (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    published TEXT
);
CREATE INDEX titles_corpus ON titles(corpus_entity_id, published);
CREATE INDEX titles_article ON titles(article_id);
CREATE INDEX titles_entity ON titles(entity_id);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    speaker_name TEXT,
    speaker_text TEXT,
    speaker_country TEXT,
    kind TEXT NOT NULL,
    cue TEXT,
    cue_kind TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_corpus ON quotes(corpus_entity_id, published);
CREATE INDEX quotes_published ON quotes(published);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);

CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    source_key TEXT,
    target_key TEXT,
    place_country TEXT,
    place_name TEXT,
    date_first TEXT,
    date_last TEXT,
    n_reports INTEGER NOT NULL DEFAULT 0,
    n_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_clusters_lookup ON event_clusters(type, date_last);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    published TEXT,
    event_date TEXT,
    type TEXT NOT NULL,
    mode TEXT,
    modality TEXT,
    source_corpus_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    source_name TEXT,
    source_country TEXT,
    target_corpus_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    target_name TEXT,
    target_country TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    sentence_text TEXT,
    location_name TEXT,
    location_country TEXT,
    lat REAL,
    lon REAL,
    time_text TEXT,
    time_start TEXT,
    time_end TEXT,
    reported_by TEXT,
    confidence REAL,
    cluster_id TEXT REFERENCES event_clusters(id) ON DELETE SET NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_type ON events(type, event_date);
CREATE INDEX events_source ON events(source_corpus_id);
CREATE INDEX events_target ON events(target_corpus_id);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_location_country ON events(location_country);
CREATE INDEX events_location_name ON events(location_name);
CREATE INDEX events_cluster ON events(cluster_id);

CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    name TEXT,
    country TEXT,
    sector TEXT,
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (event_id, role)
);
CREATE INDEX event_actors_corpus ON event_actors(corpus_entity_id);
CREATE INDEX event_actors_entity ON event_actors(entity_id);

CREATE TABLE quantities (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
    value REAL,
    unit TEXT,
    kind TEXT,
    qualifier TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX quantities_article ON quantities(article_id);
CREATE INDEX quantities_event ON quantities(event_id);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    feature TEXT,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    mentions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX places_article ON places(article_id);
CREATE INDEX places_name ON places(name);

CREATE TABLE times (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value_start TEXT,
    value_end TEXT
);
CREATE INDEX times_article ON times(article_id);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
    file TEXT NOT NULL,
    record TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (file, record, reason)
);

-- Full-text indexes over external content, kept in step by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
        VALUES ('delete', old.id, old.text, old.speaker_name);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
        VALUES ('delete', old.id, old.text, old.speaker_name);
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id, new.text, new.speaker_name);
END;
"""

# Covering indexes for the questions that group or sort over every event or name.
SCHEMA_V2 = """
CREATE INDEX events_date_type ON events(event_date, type);
CREATE INDEX events_network ON events(source_corpus_id, target_corpus_id, type);
CREATE INDEX event_clusters_keys ON event_clusters(type, source_key, date_last);
CREATE INDEX event_clusters_targets ON event_clusters(type, target_key, date_last);
CREATE INDEX event_clusters_places ON event_clusters(type, place_name, date_last);
"""

# The full-text indexes again, their content table named in double quotes: Datasette finds a table's
# FTS index by matching `content="TABLE"` in its declaration, so only then does it offer search.
# An FTS5 table cannot be altered: it is dropped, declared again and rebuilt from its content table
# (the triggers of version 1 name it and keep working).
SCHEMA_V3 = """
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content="articles", content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content="quotes", content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
"""

# Parquet shards loaded into this file (``newsgraph load``): a shard, known by the digest of its
# bytes, is loaded once, in the same transaction as its articles.
SCHEMA_V4 = """
CREATE TABLE loaded_shards (
    digest TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    n_rows INTEGER NOT NULL,
    run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
    loaded_at TEXT NOT NULL
);
"""

# A trigram index over every entity name, so "names containing these letters" (the entity list's
# filter, search's partial name matches) is an index look-up rather than a scan of every name. Kept
# in step by triggers like the article index; a name's count (``n``) changing leaves it alone.
SCHEMA_V5 = """
CREATE VIRTUAL TABLE corpus_entity_names_trigram USING fts5(
    norm_name, content="corpus_entity_names", content_rowid='rowid', tokenize='trigram'
);
INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram) VALUES ('rebuild');
CREATE TRIGGER corpus_entity_names_trigram_insert AFTER INSERT ON corpus_entity_names BEGIN
    INSERT INTO corpus_entity_names_trigram(rowid, norm_name) VALUES (new.rowid, new.norm_name);
END;
CREATE TRIGGER corpus_entity_names_trigram_delete AFTER DELETE ON corpus_entity_names BEGIN
    INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rowid, norm_name)
        VALUES ('delete', old.rowid, old.norm_name);
END;
CREATE TRIGGER corpus_entity_names_trigram_update AFTER UPDATE OF norm_name ON corpus_entity_names BEGIN
    INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rowid, norm_name)
        VALUES ('delete', old.rowid, old.norm_name);
    INSERT INTO corpus_entity_names_trigram(rowid, norm_name) VALUES (new.rowid, new.norm_name);
END;
"""

# Covering indexes for search's facets: the event types and place countries of the matched articles
# are counted from these indexes alone, without reading an event or place row.
SCHEMA_V6 = """
CREATE INDEX events_article_type ON events(article_id, type);
CREATE INDEX places_article_country ON places(article_id, country);
"""

# The actor layer's corpus decisions (newsgraph.corpus.actors): per document entity, the country and
# titles chosen from its own text or, failing that, from the same corpus entity in other dated articles,
# each with where it came from ("text" or "corpus"); the article's own country and titles stay in
# ``country`` and ``titles``. Events note where each actor's country came from, so a country the corpus
# lent can be told from one the article gave (and replaced when the corpus changes its mind).
SCHEMA_V7 = """
ALTER TABLE entities ADD COLUMN actor_country TEXT;
ALTER TABLE entities ADD COLUMN actor_country_from TEXT;
ALTER TABLE entities ADD COLUMN actor_titles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE entities ADD COLUMN actor_titles_from TEXT;
UPDATE entities SET actor_country = country, actor_country_from = 'text' WHERE country IS NOT NULL;
UPDATE entities SET actor_titles = titles, actor_titles_from = 'text' WHERE titles != '[]';
ALTER TABLE events ADD COLUMN source_country_from TEXT;
ALTER TABLE events ADD COLUMN target_country_from TEXT;
UPDATE events SET source_country_from = 'text' WHERE source_country IS NOT NULL;
UPDATE events SET target_country_from = 'text' WHERE target_country IS NOT NULL;
"""

# Mentions without the copies they kept of what other tables hold: the words (always a span of the
# article body, and in the document) and the article (the entity's). Their index on the article id
# was the largest in the file and no question used it; deletes reach mentions through their entity.
# The view gives the old columns back, the words cut from the body, for SQL users.
SCHEMA_V8 = """
CREATE TABLE mentions_lean (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT
);
INSERT INTO mentions_lean(id, entity_id, start, "end", kind) SELECT id, entity_id, start, "end", kind FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_lean RENAME TO mentions;
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE VIEW mention_texts AS
    SELECT m.id, m.entity_id, e.article_id, m.start, m."end", substr(a.text, m.start + 1, m."end" - m.start) AS text,
        m.kind
    FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = e.article_id;
"""

# An event's sentence is a span of its article's body: stored only where it is not (the readers cut it
# from the body with substr, which counts characters as Python does). Space freed here is reused by
# later writes; VACUUM returns it to the file system.
SCHEMA_V9 = """
UPDATE events SET sentence_text = NULL
    WHERE sentence_start IS NOT NULL AND sentence_end IS NOT NULL AND sentence_text = (
        SELECT substr(a.text, events.sentence_start + 1, events.sentence_end - events.sentence_start)
        FROM articles a WHERE a.id = events.article_id
    );
"""

# Indexes another index starts with: events(source_corpus_id) is the prefix of events_network, which
# answers every lookup it served (counts by source, the foreign-key check when a corpus entity is merged
# away) as a covering index; events(article_id) and places(article_id) are the prefixes of version 6's
# facet indexes, which serve an article's few events and places and the deletes that cascade to them.
# (events_date stays: ordered by (event_date, id) it ends the events list without a sort.)
SCHEMA_V10 = """
DROP INDEX events_source;
DROP INDEX events_article;
DROP INDEX places_article;
"""

# The actor layer reads the articles of a corpus entity nearest in date to the one written: each entity
# row carries its article's publication day (the day number of Python's ``date.toordinal``: 1 is
# 0001-01-01), and the index on the corpus entity orders its rows by that day, so the nearest are two
# bounded range scans (before and after the day) instead of a sort of every row of the entity. The
# index replaces the old one on (corpus_entity_id, article_id): every lookup by corpus entity still
# starts with it, and the article id is still in the index for those that read only it. It carries the
# text's country and titles too (mostly NULL and '[]'): the readings are then read from the index
# alone, where an entity's rows in the table lie a page apart each in a large store.
# A report's candidate clusters share its type and a key and end on or after its window's first day:
# a range of the cluster indexes that grows with the store (every later cluster of "country:USA"), so
# the indexes carry the first day too and the clusters starting after the window are passed over in
# the index, without reading their rows. Resolution reads an entity's distinct titles, and its page
# each title's first day and count: the index on the titles of a corpus entity orders them by title,
# so both read the index alone, with no sort of every title row (a president's thousands).
SCHEMA_V11 = """
ALTER TABLE entities ADD COLUMN day INTEGER;
UPDATE entities SET day = (
    SELECT CAST(julianday(substr(a.published, 1, 10)) - 1721424.5 AS INTEGER) FROM articles a
    WHERE a.id = entities.article_id
);
DROP INDEX entities_corpus;
CREATE INDEX entities_corpus ON entities(corpus_entity_id, day, article_id, country, titles);
DROP INDEX event_clusters_keys;
DROP INDEX event_clusters_targets;
DROP INDEX event_clusters_places;
CREATE INDEX event_clusters_keys ON event_clusters(type, source_key, date_last, date_first);
CREATE INDEX event_clusters_targets ON event_clusters(type, target_key, date_last, date_first);
CREATE INDEX event_clusters_places ON event_clusters(type, place_name, date_last, date_first);
DROP INDEX titles_corpus;
CREATE INDEX titles_corpus ON titles(corpus_entity_id, title, published);
"""

# Mentions as one compact column of their entity
# instead of a table of rows: ``{"kind": [start, end, start, end, ...], ...}``, each kind's offsets in
# document order. A row per mention (81 an article) cost its row id, entity id and an index entry, a
# third of the entities' space again; no question reads mentions one by one (the document holds them
# for pages). The view ``mentions`` gives the old rows back, their words cut from the body, for SQL users.
# The rest of what a document held and no table did (headings; a quote's addressee, pieces and the offsets
# of its speaker's words) gets columns, so new documents are rebuilt from the rows, not stored twice.
SCHEMA_V12 = """
ALTER TABLE entities ADD COLUMN mentions TEXT NOT NULL DEFAULT '{}';
UPDATE entities SET mentions = (
    SELECT json_group_object(kind, json(offsets)) FROM (
        SELECT COALESCE(kind, '') AS kind, json_group_array(value) AS offsets FROM (
            SELECT m.kind, v.value FROM mentions m, json_each(json_array(m.start, m."end")) v
            WHERE m.entity_id = entities.id ORDER BY m.id, v.key
        ) GROUP BY COALESCE(kind, '')
    )
) WHERE id IN (SELECT entity_id FROM mentions);
DROP VIEW mention_texts;
DROP TABLE mentions;
-- What only the document held, so that it can be rebuilt from the rows (the document column then holds
-- a mark instead: see store/documents.py); quotes get theirs below.
ALTER TABLE articles ADD COLUMN headings TEXT;
-- Quotes: the rows move to quote_rows, their words (and their speaker's) null where they are the body
-- between their offsets (98% of them); the view quotes gives every column back, words cut from the body, and is what the
-- full-text index reads (so snippets and Datasette's search keep working: ``rowid`` is there for it).
CREATE TABLE quote_rows (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    published TEXT,
    speaker_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    speaker_name TEXT,
    speaker_text TEXT,
    speaker_country TEXT,
    kind TEXT NOT NULL,
    cue TEXT,
    cue_kind TEXT,
    text TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL,
    addressee TEXT,
    addressee_name TEXT,
    parts TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER
);
INSERT INTO quote_rows(id, article_id, published, speaker_entity_id, corpus_entity_id, speaker_name, speaker_text,
        speaker_country, kind, cue, cue_kind, text, start, "end", confidence)
    SELECT q.id, q.article_id, q.published, q.speaker_entity_id, q.corpus_entity_id, q.speaker_name,
        q.speaker_text, q.speaker_country, q.kind, q.cue, q.cue_kind,
        CASE WHEN q.text = substr(a.text, q.start + 1, q."end" - q.start) THEN NULL ELSE q.text END,
        q.start, q."end", q.confidence
    FROM quotes q LEFT JOIN articles a ON a.id = q.article_id ORDER BY q.id;
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TRIGGER quotes_fts_update;
DROP TABLE quotes_fts;
DROP TABLE quotes;
CREATE INDEX quotes_article ON quote_rows(article_id);
CREATE INDEX quotes_corpus ON quote_rows(corpus_entity_id, published);
CREATE INDEX quotes_published ON quote_rows(published);
CREATE INDEX quotes_speaker_entity ON quote_rows(speaker_entity_id);
CREATE VIEW quotes AS
    SELECT q.id AS rowid, q.id, q.article_id, q.published, q.speaker_entity_id, q.corpus_entity_id, q.speaker_name,
        COALESCE(q.speaker_text, substr(a.text, q.speaker_start + 1, q.speaker_end - q.speaker_start)) AS speaker_text,
        q.speaker_country, q.kind, q.cue, q.cue_kind,
        COALESCE(q.text, substr(a.text, q.start + 1, q."end" - q.start)) AS text, q.start, q."end", q.confidence,
        q.addressee, q.addressee_name, q.parts, q.speaker_start, q.speaker_end
    FROM quote_rows q LEFT JOIN articles a ON a.id = q.article_id;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content="quotes", content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quote_rows BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes WHERE id = new.id;
END;
-- A quote deleted with its article (the cascade) has lost its words by then: they leave the index just
-- before the article goes; a quote deleted on its own leaves it here.
CREATE TRIGGER quotes_fts_article_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
        SELECT 'delete', id, text, speaker_name FROM quotes WHERE article_id = old.id;
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quote_rows
    WHEN EXISTS (SELECT 1 FROM articles WHERE id = old.article_id) BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id,
        COALESCE(old.text, (SELECT substr(a.text, old.start + 1, old."end" - old.start) FROM articles a
                            WHERE a.id = old.article_id)), old.speaker_name);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, start, "end", speaker_name ON quote_rows BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id,
        COALESCE(old.text, (SELECT substr(a.text, old.start + 1, old."end" - old.start) FROM articles a
                            WHERE a.id = old.article_id)), old.speaker_name);
    INSERT INTO quotes_fts(rowid, text, speaker_name) SELECT id, text, speaker_name FROM quotes WHERE id = new.id;
END;
-- Date expressions, read only with their article's document: one column of the article,
-- ``[[start, end, value_start, value_end], ...]`` (a fifth item, the words, where they are not the body
-- between the offsets), instead of a table and its index; the view times gives the rows back.
ALTER TABLE articles ADD COLUMN times TEXT;
UPDATE articles SET times = (
    SELECT json_group_array(CASE WHEN t.text = substr(articles.text, t.start + 1, t."end" - t.start)
        THEN json_array(t.start, t."end", t.value_start, t.value_end)
        ELSE json_array(t.start, t."end", t.value_start, t.value_end, t.text) END)
    FROM (SELECT * FROM times WHERE article_id = articles.id ORDER BY id) t
) WHERE id IN (SELECT article_id FROM times);
DROP TABLE times;
CREATE VIEW times AS
    SELECT a.id AS article_id, CAST(t.key AS INTEGER) AS seq,
        COALESCE(json_extract(t.value, '$[4]'), substr(a.text, json_extract(t.value, '$[0]') + 1,
            json_extract(t.value, '$[1]') - json_extract(t.value, '$[0]'))) AS text,
        json_extract(t.value, '$[0]') AS start, json_extract(t.value, '$[1]') AS "end",
        json_extract(t.value, '$[2]') AS value_start, json_extract(t.value, '$[3]') AS value_end
    FROM articles a, json_each(a.times) t WHERE a.times IS NOT NULL;
-- Figures: an event's stay rows (events list them) in event_quantities; the document's own list (97% of
-- them, read only with the document) is a column of the article like its dates, ``[[start, end, value,
-- unit, kind, qualifier], ...]`` (a seventh item, the words, where they are not the body between the
-- offsets). The view quantities gives both kinds of rows back, as the table did.
CREATE TABLE event_quantities (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    value REAL,
    unit TEXT,
    kind TEXT,
    qualifier TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
INSERT INTO event_quantities(id, event_id, value, unit, kind, qualifier, text, start, "end")
    SELECT id, event_id, value, unit, kind, qualifier, text, start, "end" FROM quantities
    WHERE event_id IS NOT NULL ORDER BY id;
CREATE INDEX event_quantities_event ON event_quantities(event_id);
ALTER TABLE articles ADD COLUMN quantities TEXT;
UPDATE articles SET quantities = (
    SELECT json_group_array(CASE WHEN q.text = substr(articles.text, q.start + 1, q."end" - q.start)
        THEN json_array(q.start, q."end", q.value, q.unit, q.kind, q.qualifier)
        ELSE json_array(q.start, q."end", q.value, q.unit, q.kind, q.qualifier, q.text) END)
    FROM (SELECT * FROM quantities WHERE article_id = articles.id AND event_id IS NULL ORDER BY id) q
) WHERE id IN (SELECT article_id FROM quantities WHERE event_id IS NULL);
DROP TABLE quantities;
CREATE VIEW quantities AS
    SELECT a.id AS article_id, NULL AS event_id, json_extract(q.value, '$[2]') AS value,
        json_extract(q.value, '$[3]') AS unit, json_extract(q.value, '$[4]') AS kind,
        json_extract(q.value, '$[5]') AS qualifier,
        COALESCE(json_extract(q.value, '$[6]'), substr(a.text, json_extract(q.value, '$[0]') + 1,
            json_extract(q.value, '$[1]') - json_extract(q.value, '$[0]'))) AS text,
        json_extract(q.value, '$[0]') AS start, json_extract(q.value, '$[1]') AS "end"
    FROM articles a, json_each(a.quantities) q WHERE a.quantities IS NOT NULL
    UNION ALL
    SELECT ev.article_id, q.event_id, q.value, q.unit, q.kind, q.qualifier, q.text, q.start, q."end"
    FROM event_quantities q JOIN events ev ON ev.id = q.event_id;
-- How many mentions, dates and document figures the store holds, kept by triggers: counted from the
-- columns that hold them, they would cost a read of every entity and of every article row (the new
-- columns sit after the body, in its overflow pages).
CREATE TABLE column_counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
INSERT INTO column_counts(name, n) SELECT 'mentions', COALESCE(SUM(n_mentions), 0) FROM entities;
INSERT INTO column_counts(name, n) SELECT 'times', COALESCE(SUM(json_array_length(times)), 0) FROM articles;
INSERT INTO column_counts(name, n)
    SELECT 'quantities', COALESCE(SUM(json_array_length(quantities)), 0) FROM articles;
CREATE TRIGGER column_counts_entity_insert AFTER INSERT ON entities BEGIN
    UPDATE column_counts SET n = n + new.n_mentions WHERE name = 'mentions';
END;
CREATE TRIGGER column_counts_entity_delete AFTER DELETE ON entities BEGIN
    UPDATE column_counts SET n = n - old.n_mentions WHERE name = 'mentions';
END;
CREATE TRIGGER column_counts_entity_update AFTER UPDATE OF n_mentions ON entities BEGIN
    UPDATE column_counts SET n = n - old.n_mentions + new.n_mentions WHERE name = 'mentions';
END;
CREATE TRIGGER column_counts_article_insert AFTER INSERT ON articles BEGIN
    UPDATE column_counts SET n = n + COALESCE(json_array_length(new.times), 0) WHERE name = 'times';
    UPDATE column_counts SET n = n + COALESCE(json_array_length(new.quantities), 0) WHERE name = 'quantities';
END;
CREATE TRIGGER column_counts_article_delete AFTER DELETE ON articles BEGIN
    UPDATE column_counts SET n = n - COALESCE(json_array_length(old.times), 0) WHERE name = 'times';
    UPDATE column_counts SET n = n - COALESCE(json_array_length(old.quantities), 0) WHERE name = 'quantities';
END;
CREATE TRIGGER column_counts_article_update AFTER UPDATE OF times, quantities ON articles BEGIN
    UPDATE column_counts SET n = n - COALESCE(json_array_length(old.times), 0)
        + COALESCE(json_array_length(new.times), 0) WHERE name = 'times';
    UPDATE column_counts SET n = n - COALESCE(json_array_length(old.quantities), 0)
        + COALESCE(json_array_length(new.quantities), 0) WHERE name = 'quantities';
END;
-- Indexes no question uses: exact entity names are found through corpus_entity_names, places by article,
-- and clusters by their keys (version 2's indexes).
DROP INDEX corpus_entities_norm;
DROP INDEX places_name;
DROP INDEX event_clusters_lookup;
CREATE VIEW mentions AS
    SELECT e.id AS entity_id, e.article_id, CAST(s.value AS INTEGER) AS start,
        json_extract(k.value, '$[' || (s.key + 1) || ']') AS "end",
        substr(a.text, s.value + 1, json_extract(k.value, '$[' || (s.key + 1) || ']') - s.value) AS text,
        NULLIF(k.key, '') AS kind
    FROM entities e JOIN articles a ON a.id = e.article_id, json_each(e.mentions) k, json_each(k.value) s
    WHERE s.key % 2 = 0;
"""


# The views and triggers over an article's rows, written by version 13 and again by version 21, where the
# article table became ``article_rows`` and its body compressed: ``table`` names the article table, and
# ``a_text``, ``old_text`` and ``new_text`` read the body of the article row ``a``, ``old`` or ``new``.
def _article_views(table: str, a_text: str, packed: bool = False, keyed: bool = False) -> str:
    """The views under the old names: every column back, ``article_id`` joined, words cut from the body;
    ``packed``: the article's dates and figures are compressed as its body is (version 23); ``keyed``: the
    tables keep corpus entity and cluster ids as integers, which the views give back as text (version 24)."""
    a_times = packed_text("a", "times") if packed else "a.times"
    a_quantities = packed_text("a", "quantities") if packed else "a.quantities"

    def entity(column: str) -> str:
        return f"{entity_id_sql(column)} AS {column.split('.')[1]}" if keyed else column

    cluster = f"{cluster_id_sql('ev.cluster_id')} AS cluster_id" if keyed else "ev.cluster_id"
    return f"""CREATE VIEW entities AS
    SELECT e.id, a.id AS article_id, e.local_id, e.name, e.type, e.country, e.titles, e.n_mentions,
        {entity("e.corpus_entity_id")}, e.actor_country, e.actor_country_from, e.actor_titles, e.actor_titles_from,
        e.day, e.mentions
    FROM entity_rows e LEFT JOIN {table} a ON a.key = e.article_key;
CREATE VIEW titles AS
    SELECT t.id, t.entity_id, a.id AS article_id, {entity("t.corpus_entity_id")}, t.title, t.published
    FROM title_rows t LEFT JOIN {table} a ON a.key = t.article_key;
CREATE VIEW events AS
    SELECT ev.id, a.id AS article_id, ev.seq, ev.published, ev.event_date, ev.type, ev.mode, ev.modality,
        {entity("ev.source_corpus_id")}, ev.source_name, ev.source_country, {entity("ev.target_corpus_id")},
        ev.target_name, ev.target_country, ev.trigger_start, ev.trigger_end, ev.trigger_text, ev.sentence_start,
        ev.sentence_end, ev.sentence_text, ev.location_name, ev.location_country, ev.lat, ev.lon, ev.time_text,
        ev.time_start, ev.time_end, ev.reported_by, ev.confidence, {cluster}, ev.source_country_from,
        ev.target_country_from
    FROM event_rows ev LEFT JOIN {table} a ON a.key = ev.article_key;
CREATE VIEW places AS
    SELECT p.id, a.id AS article_id, p.name, p.country, p.lat, p.lon, p.feature, p.n_mentions, p.mentions
    FROM place_rows p LEFT JOIN {table} a ON a.key = p.article_key;
CREATE VIEW quotes AS
    SELECT q.id AS rowid, q.id, a.id AS article_id, q.published, q.speaker_entity_id, {entity("q.corpus_entity_id")},
        q.speaker_name,
        COALESCE(q.speaker_text, substr({a_text}, q.speaker_start + 1, q.speaker_end - q.speaker_start)) AS speaker_text,
        q.speaker_country, q.kind, q.cue, q.cue_kind,
        COALESCE(q.text, substr({a_text}, q.start + 1, q."end" - q.start)) AS text, q.start, q."end", q.confidence,
        q.addressee, q.addressee_name, q.parts, q.speaker_start, q.speaker_end
    FROM quote_rows q LEFT JOIN {table} a ON a.key = q.article_key;
CREATE VIEW mentions AS
    SELECT e.id AS entity_id, a.id AS article_id, CAST(s.value AS INTEGER) AS start,
        json_extract(k.value, '$[' || (s.key + 1) || ']') AS "end",
        substr({a_text}, s.value + 1, json_extract(k.value, '$[' || (s.key + 1) || ']') - s.value) AS text,
        NULLIF(k.key, '') AS kind
    FROM entity_rows e JOIN {table} a ON a.key = e.article_key, json_each(e.mentions) k, json_each(k.value) s
    WHERE s.key % 2 = 0;
CREATE VIEW times AS
    SELECT a.id AS article_id, CAST(t.key AS INTEGER) AS seq,
        COALESCE(json_extract(t.value, '$[4]'), substr({a_text}, json_extract(t.value, '$[0]') + 1,
            json_extract(t.value, '$[1]') - json_extract(t.value, '$[0]'))) AS text,
        json_extract(t.value, '$[0]') AS start, json_extract(t.value, '$[1]') AS "end",
        json_extract(t.value, '$[2]') AS value_start, json_extract(t.value, '$[3]') AS value_end
    FROM {table} a, json_each({a_times}) t WHERE a.times IS NOT NULL;
CREATE VIEW quantities AS
    SELECT a.id AS article_id, NULL AS event_id, json_extract(q.value, '$[2]') AS value,
        json_extract(q.value, '$[3]') AS unit, json_extract(q.value, '$[4]') AS kind,
        json_extract(q.value, '$[5]') AS qualifier,
        COALESCE(json_extract(q.value, '$[6]'), substr({a_text}, json_extract(q.value, '$[0]') + 1,
            json_extract(q.value, '$[1]') - json_extract(q.value, '$[0]'))) AS text,
        json_extract(q.value, '$[0]') AS start, json_extract(q.value, '$[1]') AS "end"
    FROM {table} a, json_each({a_quantities}) q WHERE a.quantities IS NOT NULL
    UNION ALL
    SELECT a.id, q.event_id, q.value, q.unit, q.kind, q.qualifier, q.text, q.start, q."end"
    FROM event_quantities q JOIN event_rows ev ON ev.id = q.event_id JOIN {table} a ON a.key = ev.article_key;
"""


def _articles_view(packed: bool = False) -> str:
    """The view ``articles`` over ``article_rows`` (version 21): every old column, the body as ``text``;
    ``packed``: the dates and figures are compressed too (version 23)."""
    times = packed_text("a", "times") if packed else "a.times"
    quantities = packed_text("a", "quantities") if packed else "a.quantities"
    return f"""CREATE VIEW articles AS
    SELECT a.key AS rowid, a.key, a.id, a.content_hash, a.title, a.published, a.source, a.source_id, a.url,
        a.origin, {body_text("a")} AS text, a.document, a.n_entities, a.n_quotes, a.n_events, a.run_id,
        a.added_at, a.headings, {times} AS times, {quantities} AS quantities
    FROM article_rows a;
"""


# The views ``_article_views`` writes, dropped before it writes them again.
ARTICLE_VIEWS = ("entities", "titles", "events", "places", "quotes", "mentions", "times", "quantities")


def _drop_article_views() -> str:
    return "".join(f"DROP VIEW {view};\n" for view in ARTICLE_VIEWS)


def _article_index_triggers(table: str, body_columns: str, old_text: str, new_text: str) -> str:
    """The article index's triggers for deletes and for updates of ``body_columns``."""
    return f"""CREATE TRIGGER articles_fts_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.key, old.title, {old_text});
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF {body_columns} ON {table} BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.key, old.title, {old_text});
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.key, new.title, {new_text});
END;
"""


def _article_count_triggers(table: str, packed: bool = False) -> str:
    """The counts of dates and figures moved when an article is deleted or its columns change; ``packed``:
    those columns are compressed (version 23)."""

    def n(row: str, column: str) -> str:
        value = packed_text(row, column) if packed else f"{row}.{column}"
        return f"COALESCE(json_array_length({value}), 0)"

    return f"""CREATE TRIGGER column_counts_article_delete AFTER DELETE ON {table} BEGIN
    UPDATE column_counts SET n = n - {n("old", "times")} WHERE name = 'times';
    UPDATE column_counts SET n = n - {n("old", "quantities")} WHERE name = 'quantities';
END;
CREATE TRIGGER column_counts_article_update AFTER UPDATE OF times, quantities ON {table} BEGIN
    UPDATE column_counts SET n = n - {n("old", "times")}
        + {n("new", "times")} WHERE name = 'times';
    UPDATE column_counts SET n = n - {n("old", "quantities")}
        + {n("new", "quantities")} WHERE name = 'quantities';
END;
"""


def _quote_index_triggers(table: str, a_text: str, old_text: str) -> str:
    """The quote index's triggers for deletes (of an article, of a quote) and quote updates."""
    return f"""CREATE TRIGGER quotes_fts_article_delete BEFORE DELETE ON {table} BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
        SELECT 'delete', q.id, COALESCE(q.text, substr({old_text}, q.start + 1, q."end" - q.start)), q.speaker_name
        FROM quote_rows q WHERE q.article_key = old.key;
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quote_rows
    WHEN EXISTS (SELECT 1 FROM {table} WHERE key = old.article_key) BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id,
        COALESCE(old.text, (SELECT substr({a_text}, old.start + 1, old."end" - old.start) FROM {table} a
                            WHERE a.key = old.article_key)), old.speaker_name);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, start, "end", speaker_name ON quote_rows BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.id,
        COALESCE(old.text, (SELECT substr({a_text}, old.start + 1, old."end" - old.start) FROM {table} a
                            WHERE a.key = old.article_key)), old.speaker_name);
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id,
        COALESCE(new.text, (SELECT substr({a_text}, new.start + 1, new."end" - new.start) FROM {table} a
                            WHERE a.key = new.article_key)), new.speaker_name);
END;
"""


# Articles get an integer key, and every row extracted from an article names it by that key instead of
# repeating the article's 16-character id: 17 bytes in each row and in each index entry that carries
# it (66 rows an article in five tables), about 2.4 MB per 1,000 articles. The keys grow as articles
# are written, so the indexes that start with the key are appended to instead of written all over
# (a batch of articles dirties far fewer pages). The key is the old rowid: the article index, whose
# content rowid it is, stays valid without a rebuild. The child tables get base names (entity_rows,
# title_rows, event_rows, place_rows; quote_rows keeps its); views under the old names give back
# exactly the old columns in the old order, ``article_id`` joined from the article, so every reader
# and SQL user sees the tables it knew. The views join with LEFT JOIN (each row has its article, the
# key being a NOT NULL foreign key): a question that reads no article column then skips the join
# (SQLite drops a LEFT JOIN on a unique key whose columns are unused), and one that filters on
# ``article_id`` is turned into an inner join that starts from the article.
# Rows whose article is gone (only in a file written with foreign keys off) have no key to carry:
# no view showed them (the quotes view aside), and they are not copied.
# ``migrate`` runs this with foreign keys off, as SQLite's recipe for rebuilding a table asks, and checks
# them before committing. Renaming the old entities and events first points the foreign keys of the
# tables not rebuilt (event_actors, event_quantities) at the new names.
SCHEMA_V13 = (
    """
DROP VIEW mentions;
DROP VIEW quotes;
DROP VIEW times;
DROP VIEW quantities;
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TRIGGER quotes_fts_article_delete;
DROP TRIGGER column_counts_article_insert;
DROP TRIGGER column_counts_article_delete;
DROP TRIGGER column_counts_article_update;
DROP TRIGGER column_counts_entity_insert;
DROP TRIGGER column_counts_entity_delete;
DROP TRIGGER column_counts_entity_update;
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TRIGGER quotes_fts_update;
ALTER TABLE entities RENAME TO entity_rows;
ALTER TABLE events RENAME TO event_rows;
CREATE TABLE articles_v13 (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    published TEXT,
    source TEXT,
    source_id INTEGER REFERENCES sources(id),
    url TEXT,
    origin TEXT,
    text TEXT NOT NULL,
    document TEXT NOT NULL,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,
    run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
    added_at TEXT NOT NULL,
    headings TEXT,
    times TEXT,
    quantities TEXT
);
INSERT INTO articles_v13(key, id, content_hash, title, published, source, source_id, url, origin, text, document,
        n_entities, n_quotes, n_events, run_id, added_at, headings, times, quantities)
    SELECT rowid, id, content_hash, title, published, source, source_id, url, origin, text, document, n_entities,
        n_quotes, n_events, run_id, added_at, headings, times, quantities
    FROM articles ORDER BY rowid;
CREATE TABLE entity_rows_v13 (
    id INTEGER PRIMARY KEY,
    article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    country TEXT,
    titles TEXT NOT NULL DEFAULT '[]',
    n_mentions INTEGER NOT NULL DEFAULT 0,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    actor_country TEXT,
    actor_country_from TEXT,
    actor_titles TEXT NOT NULL DEFAULT '[]',
    actor_titles_from TEXT,
    day INTEGER,
    mentions TEXT NOT NULL DEFAULT '{}',
    UNIQUE (article_key, local_id)
);
INSERT INTO entity_rows_v13(id, article_key, local_id, name, type, country, titles, n_mentions, corpus_entity_id,
        actor_country, actor_country_from, actor_titles, actor_titles_from, day, mentions)
    SELECT e.id, a.rowid, e.local_id, e.name, e.type, e.country, e.titles, e.n_mentions, e.corpus_entity_id,
        e.actor_country, e.actor_country_from, e.actor_titles, e.actor_titles_from, e.day, e.mentions
    FROM entity_rows e JOIN articles a ON a.id = e.article_id ORDER BY e.id;
CREATE TABLE title_rows (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entity_rows(id) ON DELETE CASCADE,
    article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    published TEXT
);
INSERT INTO title_rows(id, entity_id, article_key, corpus_entity_id, title, published)
    SELECT t.id, t.entity_id, a.rowid, t.corpus_entity_id, t.title, t.published
    FROM titles t JOIN articles a ON a.id = t.article_id ORDER BY t.id;
CREATE TABLE quote_rows_v13 (
    id INTEGER PRIMARY KEY,
    article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    published TEXT,
    speaker_entity_id INTEGER REFERENCES entity_rows(id) ON DELETE SET NULL,
    corpus_entity_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    speaker_name TEXT,
    speaker_text TEXT,
    speaker_country TEXT,
    kind TEXT NOT NULL,
    cue TEXT,
    cue_kind TEXT,
    text TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL,
    addressee TEXT,
    addressee_name TEXT,
    parts TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER
);
INSERT INTO quote_rows_v13(id, article_key, published, speaker_entity_id, corpus_entity_id, speaker_name,
        speaker_text, speaker_country, kind, cue, cue_kind, text, start, "end", confidence, addressee,
        addressee_name, parts, speaker_start, speaker_end)
    SELECT q.id, a.rowid, q.published, q.speaker_entity_id, q.corpus_entity_id, q.speaker_name, q.speaker_text,
        q.speaker_country, q.kind, q.cue, q.cue_kind, q.text, q.start, q."end", q.confidence, q.addressee,
        q.addressee_name, q.parts, q.speaker_start, q.speaker_end
    FROM quote_rows q JOIN articles a ON a.id = q.article_id ORDER BY q.id;
CREATE TABLE event_rows_v13 (
    id INTEGER PRIMARY KEY,
    article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    published TEXT,
    event_date TEXT,
    type TEXT NOT NULL,
    mode TEXT,
    modality TEXT,
    source_corpus_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    source_name TEXT,
    source_country TEXT,
    target_corpus_id TEXT REFERENCES corpus_entities(id) ON DELETE SET NULL,
    target_name TEXT,
    target_country TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger_text TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    sentence_text TEXT,
    location_name TEXT,
    location_country TEXT,
    lat REAL,
    lon REAL,
    time_text TEXT,
    time_start TEXT,
    time_end TEXT,
    reported_by TEXT,
    confidence REAL,
    cluster_id TEXT REFERENCES event_clusters(id) ON DELETE SET NULL,
    source_country_from TEXT,
    target_country_from TEXT
);
INSERT INTO event_rows_v13(id, article_key, seq, published, event_date, type, mode, modality, source_corpus_id,
        source_name, source_country, target_corpus_id, target_name, target_country, trigger_start, trigger_end,
        trigger_text, sentence_start, sentence_end, sentence_text, location_name, location_country, lat, lon,
        time_text, time_start, time_end, reported_by, confidence, cluster_id, source_country_from,
        target_country_from)
    SELECT ev.id, a.rowid, ev.seq, ev.published, ev.event_date, ev.type, ev.mode, ev.modality,
        ev.source_corpus_id, ev.source_name, ev.source_country, ev.target_corpus_id, ev.target_name,
        ev.target_country, ev.trigger_start, ev.trigger_end, ev.trigger_text, ev.sentence_start, ev.sentence_end,
        ev.sentence_text, ev.location_name, ev.location_country, ev.lat, ev.lon, ev.time_text, ev.time_start,
        ev.time_end, ev.reported_by, ev.confidence, ev.cluster_id, ev.source_country_from, ev.target_country_from
    FROM event_rows ev JOIN articles a ON a.id = ev.article_id ORDER BY ev.id;
CREATE TABLE place_rows (
    id INTEGER PRIMARY KEY,
    article_key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    feature TEXT,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    mentions TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO place_rows(id, article_key, name, country, lat, lon, feature, n_mentions, mentions)
    SELECT p.id, a.rowid, p.name, p.country, p.lat, p.lon, p.feature, p.n_mentions, p.mentions
    FROM places p JOIN articles a ON a.id = p.article_id ORDER BY p.id;
DROP TABLE entity_rows;
DROP TABLE titles;
DROP TABLE quote_rows;
DROP TABLE event_rows;
DROP TABLE places;
DROP TABLE articles;
ALTER TABLE articles_v13 RENAME TO articles;
ALTER TABLE entity_rows_v13 RENAME TO entity_rows;
ALTER TABLE quote_rows_v13 RENAME TO quote_rows;
ALTER TABLE event_rows_v13 RENAME TO event_rows;
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source_id);
CREATE INDEX entities_corpus ON entity_rows(corpus_entity_id, day, article_key, country, titles);
CREATE INDEX titles_corpus ON title_rows(corpus_entity_id, title, published);
CREATE INDEX titles_article ON title_rows(article_key);
CREATE INDEX titles_entity ON title_rows(entity_id);
CREATE INDEX quotes_article ON quote_rows(article_key);
CREATE INDEX quotes_corpus ON quote_rows(corpus_entity_id, published);
CREATE INDEX quotes_published ON quote_rows(published);
CREATE INDEX quotes_speaker_entity ON quote_rows(speaker_entity_id);
CREATE INDEX events_type ON event_rows(type, event_date);
CREATE INDEX events_target ON event_rows(target_corpus_id);
CREATE INDEX events_source_country ON event_rows(source_country);
CREATE INDEX events_target_country ON event_rows(target_country);
CREATE INDEX events_location_country ON event_rows(location_country);
CREATE INDEX events_location_name ON event_rows(location_name);
CREATE INDEX events_cluster ON event_rows(cluster_id);
CREATE INDEX events_date_type ON event_rows(event_date, type);
CREATE INDEX events_network ON event_rows(source_corpus_id, target_corpus_id, type);
CREATE INDEX events_article_type ON event_rows(article_key, type);
CREATE INDEX places_article_country ON place_rows(article_key, country);
"""
    + _article_views("articles", "a.text")
    + """\
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.key, new.title, new.text);
END;
"""
    + _article_index_triggers("articles", "title, text", "old.text", "new.text")
    + """\
CREATE TRIGGER column_counts_article_insert AFTER INSERT ON articles BEGIN
    UPDATE column_counts SET n = n + COALESCE(json_array_length(new.times), 0) WHERE name = 'times';
    UPDATE column_counts SET n = n + COALESCE(json_array_length(new.quantities), 0) WHERE name = 'quantities';
END;
"""
    + _article_count_triggers("articles")
    + """\
CREATE TRIGGER column_counts_entity_insert AFTER INSERT ON entity_rows BEGIN
    UPDATE column_counts SET n = n + new.n_mentions WHERE name = 'mentions';
END;
CREATE TRIGGER column_counts_entity_delete AFTER DELETE ON entity_rows BEGIN
    UPDATE column_counts SET n = n - old.n_mentions WHERE name = 'mentions';
END;
CREATE TRIGGER column_counts_entity_update AFTER UPDATE OF n_mentions ON entity_rows BEGIN
    UPDATE column_counts SET n = n - old.n_mentions + new.n_mentions WHERE name = 'mentions';
END;
-- The quote index's triggers read the base rows and the article body (not the quotes view).
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quote_rows BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.id,
        COALESCE(new.text, (SELECT substr(a.text, new.start + 1, new."end" - new.start) FROM articles a
                            WHERE a.key = new.article_key)), new.speaker_name);
END;
"""
    + _quote_index_triggers("articles", "a.text", "old.text")
)

# (version, name, script). Append only.
# FTS5 writes each transaction's terms as a new segment and, at the commit, merges the segments of a
# level once there are `automerge` of them: every posting is rewritten once per level, and with the
# default 4 there are log4 of the batches written. With 8 there are a third fewer levels to rewrite
# through; a search reads at most 7 segments per level instead of 3. (At 10,000 articles, 16 made the
# commits of 1,024 articles take 0.30 s instead of 0.64 and the writer 4-7% faster; `search` p95 stayed
# within the noise. `optimize` still merges everything into one segment.)
SCHEMA_V14 = """
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 8);
INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rank) VALUES ('automerge', 8);
"""

# What the insert triggers did, the writer does with what it already holds (``StoreBase._insert_document``):
# - articles and quotes go into their full-text indexes once per transaction (``PendingFullText``), where
#   the triggers wrote each document's inside its savepoint, and FTS5 made a segment of every one;
# - a quote's words come from the record, where the trigger read them back out of the article body (the
#   whole row, once per quote);
# - the counts of mentions, dates and figures move once per transaction (``PendingCounters``), where a
#   trigger ran an UPDATE per entity row.
# Together, a fifth of the writer's time at 10,000 articles. Deletes and updates keep their triggers. A
# program that inserts articles, quotes or entity rows by itself must index and count them as the writer
# does (or rebuild: INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')).
SCHEMA_V15 = """
DROP TRIGGER articles_fts_insert;
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER column_counts_article_insert;
DROP TRIGGER column_counts_entity_insert;
"""

# How many of a corpus entity's rows give a country or titles (``n_described``): the actor layer weighs
# the readings of an entity only when one of them says something, and with none it has nothing to read
# (nine in ten of the entities an article names again, in the 10,000-article benchmark store). Kept like
# the other counters: moved by each document, recounted on merges and deletes.
SCHEMA_V16 = """
ALTER TABLE corpus_entities ADD COLUMN n_described INTEGER NOT NULL DEFAULT 0;
UPDATE corpus_entities SET n_described = described.n
FROM (SELECT corpus_entity_id AS id, COUNT(*) AS n FROM entity_rows
      WHERE country IS NOT NULL OR titles != '[]' GROUP BY corpus_entity_id) AS described
WHERE corpus_entities.id = described.id;
"""

# Indexes over a column most rows leave empty hold only the rows that fill it. Every question that reads
# them asks for a value (``= ?``, ``IN``, ``IS NOT NULL``), which SQLite knows excludes NULL, so each
# still serves it; the writer no longer files a row under "nothing" in each of them. In the 100,000-
# article benchmark store three clusters in four have no source key, five in six no target key, eleven in
# twelve no place; four events in five no target, source country or place; a third of the quotes no
# speaker entity. The cluster indexes were a quarter of the pages a batch wrote.
SCHEMA_V17 = """
DROP INDEX event_clusters_keys;
DROP INDEX event_clusters_targets;
DROP INDEX event_clusters_places;
CREATE INDEX event_clusters_keys ON event_clusters(type, source_key, date_last, date_first)
    WHERE source_key IS NOT NULL;
CREATE INDEX event_clusters_targets ON event_clusters(type, target_key, date_last, date_first)
    WHERE target_key IS NOT NULL;
CREATE INDEX event_clusters_places ON event_clusters(type, place_name, date_last, date_first)
    WHERE place_name IS NOT NULL;
DROP INDEX events_target;
DROP INDEX events_source_country;
DROP INDEX events_target_country;
DROP INDEX events_location_country;
DROP INDEX events_location_name;
CREATE INDEX events_target ON event_rows(target_corpus_id) WHERE target_corpus_id IS NOT NULL;
CREATE INDEX events_source_country ON event_rows(source_country) WHERE source_country IS NOT NULL;
CREATE INDEX events_target_country ON event_rows(target_country) WHERE target_country IS NOT NULL;
CREATE INDEX events_location_country ON event_rows(location_country) WHERE location_country IS NOT NULL;
CREATE INDEX events_location_name ON event_rows(location_name) WHERE location_name IS NOT NULL;
DROP INDEX event_actors_corpus;
DROP INDEX event_actors_entity;
CREATE INDEX event_actors_corpus ON event_actors(corpus_entity_id) WHERE corpus_entity_id IS NOT NULL;
CREATE INDEX event_actors_entity ON event_actors(entity_id) WHERE entity_id IS NOT NULL;
DROP INDEX quotes_corpus;
DROP INDEX quotes_speaker_entity;
CREATE INDEX quotes_corpus ON quote_rows(corpus_entity_id, published) WHERE corpus_entity_id IS NOT NULL;
CREATE INDEX quotes_speaker_entity ON quote_rows(speaker_entity_id) WHERE speaker_entity_id IS NOT NULL;
"""

# A merge repoints the redirects to the entity it removes and then deletes it; both looked for those
# redirects by ``new_id``, which no index held: a scan of every redirect, twice per merge (about 46 per
# 1,000 real articles, so 46,000 redirects scanned twice per merge at a million).
SCHEMA_V18 = """
CREATE INDEX corpus_entity_redirects_new ON corpus_entity_redirects(new_id);
"""


def _move_facet_counts(row: str, n: int) -> str:
    """A trigger's statement moving by ``n`` the counts of the facet values of the event row ``row``
    (``old`` or ``new``): among every event (scope '') and among the events of its type."""
    values = [("'type'", f"{row}.type")] + [
        (f"'{facet}'", value)
        for facet, value in (
            ("country", f"{row}.source_country"),
            ("country", f"{row}.target_country"),
            ("country", f"{row}.location_country"),
            ("source", f"{row}.source_corpus_id"),
            ("month", f"substr({row}.event_date, 1, 7)"),
        )
    ]
    scoped = [("''", facet, value) for facet, value in values] + [
        (f"{row}.type", facet, value) for facet, value in values[1:]
    ]
    union = "\n            UNION ".join(
        f"SELECT {scope} AS scope, {facet} AS facet, {value} AS value" for scope, facet, value in scoped
    )
    return f"""    INSERT INTO event_facet_counts(scope, facet, value, n)
        SELECT scope, facet, value, {n} FROM (
            {union})
        WHERE value IS NOT NULL
        ON CONFLICT(scope, facet, value) DO UPDATE SET n = n + excluded.n;"""


# The kept counts of the source facet, counted again from the event rows (versions 19 and 24).
_SOURCE_FACET_COUNTS = """INSERT INTO event_facet_counts(scope, facet, value, n)
    SELECT scope, 'source', source_corpus_id, COUNT(*) FROM (
        SELECT '' AS scope, source_corpus_id FROM event_rows WHERE source_corpus_id IS NOT NULL
        UNION ALL SELECT type, source_corpus_id FROM event_rows WHERE source_corpus_id IS NOT NULL)
    GROUP BY scope, source_corpus_id;
"""


# The facets of the events page read from counts kept per value (``store/facet_counts.py``), where
# counting them from the rows read four indexes end to end: about 100 ms at 10,000 articles and ten
# times that at 100,000. Counts are kept among every event (scope '') and among the events of each type
# (scope: the type), the page's most common filter. The writer adds what it inserts, once per
# transaction; these triggers move a deleted event's values and an event's changed ones, by the rule of
# ``event_facet_values``: its type, each distinct country of its source, target and place (UNION keeps
# one), its source's corpus entity and its month. Counts may reach zero and stay: readers ask for n > 0.
SCHEMA_V19 = f"""
CREATE TABLE event_facet_counts (
    scope TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (scope, facet, value)
) WITHOUT ROWID;
CREATE INDEX event_facet_counts_largest ON event_facet_counts(scope, facet, n);
INSERT INTO event_facet_counts(scope, facet, value, n)
    SELECT '', 'type', type, COUNT(*) FROM event_rows GROUP BY type;
INSERT INTO event_facet_counts(scope, facet, value, n)
    SELECT scope, 'country', code, COUNT(DISTINCT id) FROM (
        SELECT '' AS scope, id, source_country AS code FROM event_rows WHERE source_country IS NOT NULL
        UNION ALL SELECT '', id, target_country FROM event_rows WHERE target_country IS NOT NULL
        UNION ALL SELECT '', id, location_country FROM event_rows WHERE location_country IS NOT NULL
        UNION ALL SELECT type, id, source_country FROM event_rows WHERE source_country IS NOT NULL
        UNION ALL SELECT type, id, target_country FROM event_rows WHERE target_country IS NOT NULL
        UNION ALL SELECT type, id, location_country FROM event_rows WHERE location_country IS NOT NULL)
    GROUP BY scope, code;
{_SOURCE_FACET_COUNTS}INSERT INTO event_facet_counts(scope, facet, value, n)
    SELECT scope, 'month', month, COUNT(*) FROM (
        SELECT '' AS scope, substr(event_date, 1, 7) AS month FROM event_rows WHERE event_date IS NOT NULL
        UNION ALL SELECT type, substr(event_date, 1, 7) FROM event_rows WHERE event_date IS NOT NULL)
    GROUP BY scope, month;
CREATE TRIGGER event_facet_counts_delete AFTER DELETE ON event_rows BEGIN
{_move_facet_counts("old", -1)}
END;
CREATE TRIGGER event_facet_counts_update
AFTER UPDATE OF type, event_date, source_corpus_id, source_country, target_country, location_country ON event_rows
WHEN old.type IS NOT new.type OR old.event_date IS NOT new.event_date
    OR old.source_corpus_id IS NOT new.source_corpus_id OR old.source_country IS NOT new.source_country
    OR old.target_country IS NOT new.target_country OR old.location_country IS NOT new.location_country
BEGIN
{_move_facet_counts("old", -1)}
{_move_facet_counts("new", 1)}
END;
"""

# The actor layer revisits up to twenty earlier articles of an entity per article that names it, and
# needed each one's current choice only to learn whether the corpus had overruled its text's country:
# a row read from the table per revisited row, a page each in a large store. The overruled rows are
# few; this index holds only them (``OVERRULED_ROWS`` in store/row_cache.py).
SCHEMA_V20 = """
CREATE INDEX entity_rows_overruled ON entity_rows(corpus_entity_id)
    WHERE country IS NOT NULL AND actor_country_from IS NOT 'text';
"""

# The article body compressed (store/bodies.py): 5.6 of the 26.5 MB per 1,000 articles at 100,000, the
# largest column of the store, halved. The table becomes ``article_rows``, the body ``body`` (zlib data
# or, where that is not smaller, the UTF-8 bytes) and ``body_size``; a view named ``articles`` gives every
# column back, ``text`` included, so the SQL users, Datasette and the full-text index read what they read
# before. Every view and trigger that cut words from the body reads it through ``sqlar_uncompress``, the
# function of SQLite archives that the sqlite3 shell has built in and the store registers on its own
# connections. The space the old bodies took is reused by later writes; VACUUM returns it to the system.
BODIES_COMPRESSED = 21
_A, _OLD, _NEW = body_text("a"), body_text("old"), body_text("new")
SCHEMA_V21 = (
    _drop_article_views()
    + """
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TRIGGER column_counts_article_delete;
DROP TRIGGER column_counts_article_update;
DROP TRIGGER quotes_fts_article_delete;
DROP TRIGGER quotes_fts_delete;
DROP TRIGGER quotes_fts_update;
ALTER TABLE articles RENAME TO article_rows;
ALTER TABLE article_rows ADD COLUMN body BLOB NOT NULL DEFAULT x'';
ALTER TABLE article_rows ADD COLUMN body_size INTEGER NOT NULL DEFAULT 0;
UPDATE article_rows SET body = sqlar_compress(CAST(text AS BLOB)), body_size = length(CAST(text AS BLOB));
ALTER TABLE article_rows DROP COLUMN text;
"""
    + _articles_view()
    + _article_views("article_rows", _A)
    + _article_index_triggers("article_rows", "title, body, body_size", _OLD, _NEW)
    + _article_count_triggers("article_rows")
    + _quote_index_triggers("article_rows", _A, _OLD)
)

# Two indexes that held more than their questions read (ninth pass; MB per 1,000 articles of the
# 10,000-article benchmark store, measured on copies of it):
# - The trigram index over entity names kept each trigram's positions, for phrase queries; but the LIKE
#   that follows the look-up decides which names contain the fragment, so the look-up needs only the
#   names holding every trigram of it (``StoreQueries._names_containing`` asks for them with AND), and
#   nothing reads the names' sizes. Without positions and sizes (``detail=none, columnsize=0``) it is
#   0.37 smaller.
# - events_network, on (source, target, type), held every event, though seven in ten have no source
#   actor and each of its questions names one or asks for one (``= ?``, ``IN``, ``IS NOT NULL``), which
#   SQLite knows excludes NULL, as for the partial indexes of version 17: 0.16 smaller, and the writer
#   files seven events in ten fewer.
SCHEMA_V22 = """
DROP TABLE corpus_entity_names_trigram;
CREATE VIRTUAL TABLE corpus_entity_names_trigram USING fts5(
    norm_name, content="corpus_entity_names", content_rowid='rowid', tokenize='trigram',
    detail=none, columnsize=0
);
INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram) VALUES ('rebuild');
INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rank) VALUES ('automerge', 8);
DROP INDEX events_network;
CREATE INDEX events_network ON event_rows(source_corpus_id, target_corpus_id, type)
    WHERE source_corpus_id IS NOT NULL;
"""

# An article's dates and figures (``times``, ``quantities``: JSON lists of offsets, values and words)
# compressed as its body is, with their sizes beside them (``times_size``, ``quantities_size``): zlib
# makes them 2.5 and 2.1 times smaller, 0.41 MB per 1,000 articles of the 10,000-article benchmark store
# (ninth pass). The view ``articles`` gives them back as text, and the views ``times`` and ``quantities``
# and the count triggers read them through ``sqlar_uncompress``, as they read the body.
COLUMNS_COMPRESSED = 23
SCHEMA_V23 = (
    "DROP VIEW articles;\n"
    + _drop_article_views()
    + """
DROP TRIGGER column_counts_article_delete;
DROP TRIGGER column_counts_article_update;
ALTER TABLE article_rows ADD COLUMN times_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_rows ADD COLUMN quantities_size INTEGER NOT NULL DEFAULT 0;
UPDATE article_rows SET times = sqlar_compress(CAST(times AS BLOB)), times_size = length(CAST(times AS BLOB))
    WHERE times IS NOT NULL;
UPDATE article_rows
    SET quantities = sqlar_compress(CAST(quantities AS BLOB)), quantities_size = length(CAST(quantities AS BLOB))
    WHERE quantities IS NOT NULL;
"""
    + _articles_view(packed=True)
    + _article_views("article_rows", _A, packed=True)
    + _article_count_triggers("article_rows", packed=True)
)

# Corpus entity and cluster ids kept as integers (``store/ids.py``): the entity's 48-bit hash, the id of
# the cluster's first event. Every table that holds one is rebuilt with INTEGER columns (SQLite's recipe:
# a new table, the rows copied, the old one dropped, the new one renamed; its indexes and triggers made
# again as they were), then the views that give the ids back as text and the kept counts of the source
# facet, whose values become the entities' integers. Compacted, the 10,000-article benchmark store went
# from 25.3 to 23.8 MB per 1,000 articles (tenth pass). Corpus entities and clusters keep their key as
# the table's rowid: the unique index of the text ids goes with them.
INTEGER_IDS = 24
_ENTITY = "newsgraph_entity_key({})"
# A cluster id of another shape than ``C`` and ten digits (the first versions named clusters by a hash)
# becomes the id of the cluster's first event, as a new cluster is named.
_CLUSTER = (
    "CASE WHEN {0} GLOB 'C[0-9]*' AND length({0}) = 11 AND NOT substr({0}, 2) GLOB '*[^0-9]*' "
    "THEN CAST(substr({0}, 2) AS INTEGER) "
    "ELSE (SELECT MIN(first.id) FROM event_rows first WHERE first.cluster_id = {0}) END"
)
# Table -> the columns that hold an id, and how the text id becomes its integer.
_KEYED_COLUMNS: dict[str, dict[str, str]] = {
    "corpus_entities": {"id": _ENTITY},
    "corpus_entity_names": {"corpus_entity_id": _ENTITY},
    "corpus_entity_redirects": {"old_id": _ENTITY, "new_id": _ENTITY},
    "entity_rows": {"corpus_entity_id": _ENTITY},
    "title_rows": {"corpus_entity_id": _ENTITY},
    "quote_rows": {"corpus_entity_id": _ENTITY},
    "event_clusters": {"id": _CLUSTER},
    "event_rows": {"source_corpus_id": _ENTITY, "target_corpus_id": _ENTITY, "cluster_id": _CLUSTER},
    "event_actors": {"corpus_entity_id": _ENTITY},
}


def _with_integer_columns(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> None:
    """Rebuild ``table`` with ``columns`` declared INTEGER and converted by their expressions; rowids,
    indexes and triggers as they were."""
    (create,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    kept = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
            "ORDER BY type, name",
            (table,),
        )
    ]
    definition = create[create.index("(") :]
    for column in columns:
        definition, n = re.subn(
            rf'^(\s*"?{column}"?\s+)TEXT\b', r"\1INTEGER", definition, count=1, flags=re.M
        )
        if n != 1:
            raise sqlite3.DatabaseError(f"version {INTEGER_IDS}: no TEXT column {column} in {table}")
    names = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    values = [
        columns[name].format(f'"{table}"."{name}"') if name in columns else f'"{name}"' for name in names
    ]
    # A table without an INTEGER PRIMARY KEY (its rowid under a name) keeps its rowids too: the trigram
    # index of the entity names points at them.
    rowid = "" if re.search(r"\bINTEGER PRIMARY KEY\b", definition) else "rowid, "
    quoted = ", ".join(f'"{name}"' for name in names)
    conn.execute(f'CREATE TABLE "{table}_v{INTEGER_IDS}" {definition}')
    conn.execute(
        f'INSERT INTO "{table}_v{INTEGER_IDS}"({rowid}{quoted}) SELECT {rowid}{", ".join(values)} FROM "{table}"'
    )
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "{table}_v{INTEGER_IDS}" RENAME TO "{table}"')
    for sql in kept:
        conn.execute(sql)


def _converted_entity_key(text: str | None) -> int | None:
    """The key of a text entity id as version 24 converts it: an id of another shape than ``E`` and twelve
    hexadecimal digits (no version of newsgraph wrote one; another program may have) becomes the id its
    text hashes to, so that every row keeps pointing where it did."""
    if text is None:
        return None
    key = entity_key(text)
    if key is None:
        key = entity_key(stable_id("E", text))
    return key


def _integer_ids(conn: sqlite3.Connection) -> None:
    conn.create_function("newsgraph_entity_key", 1, _converted_entity_key, deterministic=True)
    legacy = conn.execute("PRAGMA legacy_alter_table").fetchone()[0]
    # The renames touch nothing else: the views are made again below, and the triggers of other tables
    # name these tables as they will be named again.
    conn.execute("PRAGMA legacy_alter_table=ON")
    try:
        for view in ARTICLE_VIEWS:
            conn.execute(f"DROP VIEW IF EXISTS {view}")
        for table, columns in _KEYED_COLUMNS.items():
            _with_integer_columns(conn, table, columns)
    finally:
        conn.execute(f"PRAGMA legacy_alter_table={'ON' if legacy else 'OFF'}")
    conn.execute("DELETE FROM event_facet_counts WHERE facet = 'source'")
    for statement in _statements(
        _SOURCE_FACET_COUNTS + _article_views("article_rows", _A, packed=True, keyed=True)
    ):
        conn.execute(statement)


# Three indexes of corpus entities that held every entity for the rows their questions read (tenth pass):
# - a surname is looked up with ``surname = ?``, which no entity without one (six in ten: places,
#   organisations) can match, and which SQLite knows excludes NULL;
# - the entities most mentioned, or named in the most articles, come first in the entity list: the
#   entities named once, or in one article (four and six in ten), are read in the order of their ids after
#   those (``StoreQueries.list_entities``), so the indexes that order them hold only the others. The
#   writer no longer files each new entity into them.
COUNTED_ONCE = 25
SCHEMA_V25 = """
DROP INDEX corpus_entities_surname;
CREATE INDEX corpus_entities_surname ON corpus_entities(surname, type) WHERE surname IS NOT NULL;
DROP INDEX corpus_entities_mentions;
CREATE INDEX corpus_entities_mentions ON corpus_entities(n_mentions DESC) WHERE n_mentions > 1;
DROP INDEX corpus_entities_articles;
CREATE INDEX corpus_entities_articles ON corpus_entities(n_articles DESC) WHERE n_articles > 1;
"""

# The names a transaction adds wait in corpus_entity_names_unindexed until it commits, and are then
# written to the trigram index together (``index_pending_names``, which the writer calls at each commit).
# FTS5 writes the terms it holds to a segment of their own at every savepoint, and the writer puts each
# document in one: the trigger that indexed each name as it came wrote a segment per article, which the
# commits then merged (a twentieth of the writer's time while the benchmark store grew past 6,000
# articles, where most articles still bring new names). Name look-ups read the waiting names too, so
# they answer the same before the commit; a name deleted or renamed while it waits never reaches the
# index, whose 'delete' must be given only rows it holds.
SCHEMA_V26 = """
CREATE TABLE corpus_entity_names_unindexed (name_rowid INTEGER PRIMARY KEY);
DROP TRIGGER corpus_entity_names_trigram_insert;
CREATE TRIGGER corpus_entity_names_trigram_insert AFTER INSERT ON corpus_entity_names BEGIN
    INSERT INTO corpus_entity_names_unindexed(name_rowid) VALUES (new.rowid);
END;
DROP TRIGGER corpus_entity_names_trigram_delete;
CREATE TRIGGER corpus_entity_names_trigram_delete AFTER DELETE ON corpus_entity_names BEGIN
    INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rowid, norm_name)
        SELECT 'delete', old.rowid, old.norm_name
        WHERE NOT EXISTS (SELECT 1 FROM corpus_entity_names_unindexed WHERE name_rowid = old.rowid);
    DELETE FROM corpus_entity_names_unindexed WHERE name_rowid = old.rowid;
END;
DROP TRIGGER corpus_entity_names_trigram_update;
CREATE TRIGGER corpus_entity_names_trigram_update AFTER UPDATE OF norm_name ON corpus_entity_names BEGIN
    INSERT INTO corpus_entity_names_trigram(corpus_entity_names_trigram, rowid, norm_name)
        SELECT 'delete', old.rowid, old.norm_name
        WHERE NOT EXISTS (SELECT 1 FROM corpus_entity_names_unindexed WHERE name_rowid = old.rowid);
    INSERT OR IGNORE INTO corpus_entity_names_unindexed(name_rowid) VALUES (new.rowid);
END;
"""
NAMES_INDEXED_AT_COMMIT = 26

# The country indexes cover what the events page counts (``count_event_facets``): the facets of one
# country's events read the three indexes alone (``COUNTRY_BRANCHES`` in store/queries.py), where
# looking up each event's row in the table took 60-70 of the 90 ms for the country of 44% of the
# events at 10,000 benchmark articles.
SCHEMA_V27 = """
DROP INDEX events_source_country;
DROP INDEX events_target_country;
DROP INDEX events_location_country;
CREATE INDEX events_source_country ON event_rows(source_country, type, event_date, source_corpus_id,
    target_country, location_country) WHERE source_country IS NOT NULL;
CREATE INDEX events_target_country ON event_rows(target_country, type, event_date, source_corpus_id,
    source_country, location_country) WHERE target_country IS NOT NULL;
CREATE INDEX events_location_country ON event_rows(location_country, type, event_date, source_corpus_id,
    source_country, target_country) WHERE location_country IS NOT NULL;
"""
COUNTRY_FACETS_COVERED = 27

# The cluster indexes cover what a report's look-up reads (``store.corpus._clusters``): it leaves out in
# the index the clusters that disagree on an actor or the place, without reading their rows. A key
# shared by many clusters (an actor known only by a large country) has a growing number of them in the
# days of a report, most differing on the other actor: at 92,160 benchmark articles the look-ups were
# 8% of the writer's time, against 3% at 10,240.
SCHEMA_V28 = """
DROP INDEX event_clusters_keys;
DROP INDEX event_clusters_targets;
DROP INDEX event_clusters_places;
CREATE INDEX event_clusters_keys ON event_clusters(type, source_key, date_last, date_first, target_key,
    place_country, place_name) WHERE source_key IS NOT NULL;
CREATE INDEX event_clusters_targets ON event_clusters(type, target_key, date_last, date_first, source_key,
    place_country, place_name) WHERE target_key IS NOT NULL;
CREATE INDEX event_clusters_places ON event_clusters(type, place_name, date_last, date_first, source_key,
    target_key, place_country) WHERE place_name IS NOT NULL;
"""
CLUSTER_LOOKUPS_COVERED = 28


def index_pending_names(conn: sqlite3.Connection) -> None:
    """Write the names waiting in ``corpus_entity_names_unindexed`` to the trigram index, in one
    statement (one segment), and empty the table (schema version 26)."""
    if conn.execute("SELECT 1 FROM corpus_entity_names_unindexed LIMIT 1").fetchone() is None:
        return
    conn.execute(
        "INSERT INTO corpus_entity_names_trigram(rowid, norm_name) SELECT n.rowid, n.norm_name "
        "FROM corpus_entity_names_unindexed u JOIN corpus_entity_names n ON n.rowid = u.name_rowid"
    )
    conn.execute("DELETE FROM corpus_entity_names_unindexed")


MIGRATIONS: tuple[tuple[int, str, str | Callable[[sqlite3.Connection], None]], ...] = (
    (1, "initial schema", SCHEMA_V1),
    (2, "covering indexes for timelines, the network and clustering", SCHEMA_V2),
    (3, "full-text indexes declared so Datasette detects them", SCHEMA_V3),
    (4, "a ledger of loaded Parquet shards", SCHEMA_V4),
    (5, "a trigram index over entity names", SCHEMA_V5),
    (6, "covering indexes for search facets", SCHEMA_V6),
    (7, "actor countries and titles chosen from the text or the corpus", SCHEMA_V7),
    (8, "mentions without copies of their words and article", SCHEMA_V8),
    (9, "event sentences kept once, in the article body", SCHEMA_V9),
    (10, "no index that another index's prefix covers", SCHEMA_V10),
    (11, "entity rows ordered by their article's day; cluster indexes with both ends", SCHEMA_V11),
    (
        12,
        "mentions and dates in their entity and article, quotes' words in the body, documents rebuilt from rows",
        SCHEMA_V12,
    ),
    (
        13,
        "integer article keys in every row extracted from an article; views under the old names",
        SCHEMA_V13,
    ),
    (14, "full-text indexes merge their segments eight at a time", SCHEMA_V14),
    (15, "the writer indexes articles and quotes and counts mentions, dates and figures itself", SCHEMA_V15),
    (16, "corpus entities count the rows that give them a country or titles", SCHEMA_V16),
    (17, "indexes over mostly empty columns hold only the rows that fill them", SCHEMA_V17),
    (18, "redirects found by the entity they point to", SCHEMA_V18),
    (19, "counts of events by type, country, source and month, kept as events are written", SCHEMA_V19),
    (20, "the entity rows whose country the corpus overruled, indexed", SCHEMA_V20),
    (
        BODIES_COMPRESSED,
        "article bodies compressed as SQLite archives keep files; the view articles gives them back",
        SCHEMA_V21,
    ),
    (22, "the name trigrams without positions; the network index only of events with a source", SCHEMA_V22),
    (COLUMNS_COMPRESSED, "an article's dates and figures compressed as its body is", SCHEMA_V23),
    (
        INTEGER_IDS,
        "corpus entity and cluster ids kept as integers, given back as text by the views",
        _integer_ids,
    ),
    (COUNTED_ONCE, "entity indexes without the entities no question of theirs reads", SCHEMA_V25),
    (
        NAMES_INDEXED_AT_COMMIT,
        "entity names written to their trigram index as each transaction commits",
        SCHEMA_V26,
    ),
    (COUNTRY_FACETS_COVERED, "the country indexes cover the facets of a country's events", SCHEMA_V27),
    (CLUSTER_LOOKUPS_COVERED, "the cluster indexes cover a report's look-up", SCHEMA_V28),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]
# The conversions that leave much of a store's space free in the file (``migrate`` says so).
SPACE_FREEING = (BODIES_COMPRESSED, 22, COLUMNS_COMPRESSED, INTEGER_IDS, COUNTED_ONCE)


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """Versions already applied to this database (empty for a new file)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM migrations")}


def _statements(script: str) -> list[str]:
    """Split a script into statements; trigger bodies keep their inner semicolons."""
    statements, current = [], []
    for line in script.splitlines():
        if not line.strip() or line.lstrip().startswith("--"):
            continue
        current.append(line)
        joined = "\n".join(current)
        if joined.rstrip().endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if current:
        statements.append("\n".join(current))
    return statements


_log = logging.getLogger(__name__)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every pending migration in order, each in its own transaction; returns those applied.

    Foreign keys are off while migrations run (SQLite's recipe for rebuilding a table: with them on,
    dropping the old table would first delete its rows and cascade into every table that points at
    it), and each migration checks them before it commits: one that leaves more rows pointing at no
    row than there were before it is rolled back. (Rows a file already had that way, written with
    foreign keys off by another program, do not stop it from being converted.)
    """
    done = applied_versions(conn)
    if all(version in done for version, _, _ in MIGRATIONS):
        return []
    register_body_functions(conn)  # version 21 compresses the bodies, and its views and triggers read them
    if done:
        # A file an older version wrote: converting it rewrites tables and builds indexes, which takes
        # minutes on a store of a few hundred thousand articles and would otherwise look like a hang.
        # (A new file gets every migration at once, on empty tables: nothing to say.)
        file = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
        steps = sum(version not in done for version, _, _ in MIGRATIONS)
        _log.warning(
            "converting %s to schema version %d (%d step%s), once: on a large store this takes minutes",
            file or "the store",
            SCHEMA_VERSION,
            steps,
            "" if steps == 1 else "s",
        )
    # The pragma is a no-op inside a transaction: it is set before each one begins, and restored.
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        applied = _apply(conn, done)
    finally:
        conn.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    if done and any(version in applied for version in SPACE_FREEING):
        # The old columns' and indexes' pages are free now: later writes reuse them, but the file keeps
        # its size until it is rebuilt.
        _log.warning(
            "converted: the space the old columns and indexes took is free in the file; `newsgraph compact` "
            "(VACUUM) returns it to the system"
        )
    return applied


def _apply(conn: sqlite3.Connection, done: set[int]) -> list[int]:
    applied = []
    for version, name, script in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated between our check and the lock.
            if conn.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone():
                conn.execute("COMMIT")
                continue
            before = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            if callable(script):
                script(conn)
            else:
                for statement in _statements(script):
                    conn.execute(statement)
            after = conn.execute("PRAGMA foreign_key_check").fetchall()
            if len(after) > before:
                table, rowid, parent, _ = after[0]
                raise sqlite3.IntegrityError(
                    f"migration {version} left rows pointing at no row ({before} before, {len(after)} after; "
                    f"row {rowid} of {table} points at no row of {parent})"
                )
            conn.execute(
                "INSERT INTO migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
