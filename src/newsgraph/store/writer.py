"""The store's connection and its writes: documents, runs and failures.

One ``Store`` owns one SQLite connection (WAL journal, foreign keys on). Writes
happen in transactions: ``add_document`` commits on its own unless it runs
inside ``with store.atomic():``, which the ingest command uses to commit one
batch at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..corpus import EntityEvidence, EventReport, actor_key
from ..errors import StoreError
from ..records import DocumentRecord
from .bodies import compress_body, compress_column, register_body_functions
from .checkpoint import Checkpointer
from .corpus import (
    assign_cluster,
    day_number,
    describes,
    drop_orphan_corpus_entities,
    recount_clusters,
    recount_corpus_entities,
    refresh_actor_attributes,
    resolve_entity_in_store,
)
from .counters import PendingCounters
from .deferred import Deferred
from .documents import (
    FROM_TABLES,
    mentions_column,
    offsets_column,
    pack_record,
    quantities_column,
    rows_give_back,
    speaker_words,
    times_column,
    words_unless_body,
)
from .facet_counts import PendingEventFacets
from .fts import PendingFullText
from .ids import entity_id_or_none
from .row_cache import EntityRowCache
from .schema import SCHEMA_VERSION, index_pending_names, migrate

# The writer's page cache, in KiB: an eighth of the database file, between these bounds
# (``writer_cache_kib``). Each article updates some twenty indexes at scattered places; with SQLite's
# default 2 MiB most of those pages are read back from the file for every article once the store
# outgrows it (a tenth of the writer's CPU at 10,000 articles). 64 MiB holds the indexes' upper levels
# and the hot pages of a store of 10,000 articles (285 MB), where more measured no faster; at 100,000
# articles (2.9 GB) 256 MiB wrote 8% more articles per second than 64 in three alternating runs of
# 4,096 articles each (ninth pass, with the log starting again as it should).
WRITER_CACHE_KIB = 65536
WRITER_CACHE_MAX_KIB = 262144
WRITER_CACHE_FILE_SHARE = 8
# The log's length past which the writer lets it start again (``Store._let_log_restart``), and the size
# its file is cut back to then (``journal_size_limit``).
LOG_RESTART_BYTES = 256 << 20
# The full-text indexes whose segments ``compact`` merges into one.
FULL_TEXT_INDEXES = ("articles_fts", "quotes_fts", "corpus_entity_names_trigram")
# How often ``compact`` tells its caller it is still working (it takes minutes on a large store), and
# how many SQLite instructions run between two looks at the clock (SQLite counts them per statement).
COMPACT_PROGRESS_SECONDS = 10.0
_PROGRESS_INSTRUCTIONS = 200_000


def writer_cache_kib(file_bytes: int) -> int:
    """The writer's page cache for a database file of ``file_bytes``: an eighth of it, at least
    ``WRITER_CACHE_KIB`` and at most ``WRITER_CACHE_MAX_KIB``. It grows with the store, so that the
    writer of a small store stays small and that of a large one reads fewer pages back."""
    return max(WRITER_CACHE_KIB, min(WRITER_CACHE_MAX_KIB, file_bytes // WRITER_CACHE_FILE_SHARE // 1024))


class _Progress:
    """What ``compact`` tells its caller: ``call(step, seconds so far)`` as each step begins, and while a
    step runs at most once every ``every`` seconds (``handler``, SQLite's progress handler: it never
    interrupts the statement, returning 0)."""

    def __init__(self, call: Callable[[str, float], None], every: float) -> None:
        self._call, self._every = call, every
        self._started = self._last = time.monotonic()
        self._step = ""

    def step(self, name: str) -> None:
        self._step, self._last = name, time.monotonic()
        self._call(name, self._last - self._started)

    def handler(self) -> int:
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self._call(self._step, now - self._started)
        return 0


def content_hash(text: str) -> str:
    """The identity of an article's content: the same body twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso_day(value: str | None) -> str | None:
    """The YYYY-MM-DD prefix of an ISO date string, when it is one."""
    if not value or len(value) < 10:
        return None
    day = value[:10]
    try:
        datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        return None
    return day


def _inserted_row_id(cur: sqlite3.Cursor) -> int:
    """The id of the row ``cur`` just inserted; sqlite3 always sets it after an INSERT that added a row."""
    row_id = cur.lastrowid
    if row_id is None:
        raise StoreError("the database reported no id for an inserted row")
    return row_id


class StoreBase:
    """Connection handling and every write the store makes."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._depth = 0
        self._lock = threading.RLock()
        # Corpus counters the open transaction moved, written once per entity when it commits.
        self._pending = PendingCounters()
        # Rows of the full-text indexes, written once per transaction too.
        self._fulltext = PendingFullText()
        # The facet values of the events written, counted once per transaction (``event_facet_counts``).
        self._facets = PendingEventFacets()
        self._deferred: tuple[Deferred[Any], ...] = (self._pending, self._fulltext, self._facets)
        # The rows of the corpus entities the actor layer read in the open transaction (emptied as it ends).
        self._row_cache = EntityRowCache()
        self._checkpointer: Checkpointer | None = None
        self._cache_kib = 0  # the page cache set on the writer's connection (``_fit_cache``)
        try:
            if read_only:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such database")
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30
                )
            else:
                if self.path.parent and not self.path.parent.exists():
                    raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
                self.conn = sqlite3.connect(
                    str(self.path), isolation_level=None, check_same_thread=False, timeout=30
                )
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                # Each document is written inside a savepoint of its batch's transaction (``atomic``), so
                # SQLite copies every page the document changes, the first time it does, into a
                # sub-journal. By default that journal spills into a temporary file past 64 KiB: at 100,000
                # articles 450 kB per article went through write calls to it. In memory it is one copy.
                self.conn.execute("PRAGMA temp_store=MEMORY")
                self._fit_cache()
                self.conn.execute(f"PRAGMA journal_size_limit={LOG_RESTART_BYTES}")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=30000")
            register_body_functions(self.conn)  # the views read the compressed bodies with them
            if not read_only:
                migrate(self.conn)
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                    # The log is copied into the file beside the writer, not inside its commits.
                    self._checkpointer = Checkpointer(self.path)
                    self.conn.execute("PRAGMA wal_autocheckpoint=0")
            else:
                self.conn.execute("SELECT 1 FROM articles LIMIT 1")
                version = self.conn.execute("SELECT MAX(version) FROM migrations").fetchone()[0] or 0
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        if read_only and version < SCHEMA_VERSION:
            # Read-only, the file cannot be converted, and the questions read the current tables.
            self.conn.close()
            raise StoreError(
                f"{self.path}: written by an older newsgraph (schema version {version}, this one reads "
                f"{SCHEMA_VERSION}); open it once for writing to convert it in place (`newsgraph serve` "
                "without --read-only, `ingest` or `load` do)"
            )

    # -- connection ---------------------------------------------------------------

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        self.conn.close()  # the last connection to close copies what is left of the log

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction (a savepoint when nested): all of it is written, or none."""
        with self._lock:
            if self.read_only:
                raise StoreError(f"{self.path}: opened read-only")
            name = f"sp{self._depth}"
            outermost = self._depth == 0
            if outermost:
                self._let_log_restart()
                self._fit_cache()
            self.conn.execute("BEGIN IMMEDIATE" if outermost else f"SAVEPOINT {name}")
            marks = [deferred.mark() for deferred in self._deferred]
            self._depth += 1
            try:
                yield
                if outermost:
                    self._write_pending()
            except BaseException:
                self._depth -= 1
                self._row_cache.clear()  # it may hold rows the rollback takes back
                if outermost:
                    self.conn.execute("ROLLBACK")
                    self._end_pending()
                else:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                    for deferred, mark in zip(self._deferred, marks, strict=True):
                        deferred.rollback_to(mark)
                raise
            self._depth -= 1
            if not outermost:
                self.conn.execute(f"RELEASE {name}")
                return
            try:
                self.conn.execute("COMMIT")
            finally:
                self._end_pending()
                self._row_cache.clear()  # other connections may write before the next transaction
            if self._checkpointer is not None:
                self._checkpointer.committed()

    def _fit_cache(self) -> None:
        """Before a transaction: the page cache ``writer_cache_kib`` gives the file as it now is."""
        try:
            size = os.stat(self.path).st_size
        except OSError:
            size = 0
        kib = writer_cache_kib(size)
        if kib != self._cache_kib:
            self.conn.execute(f"PRAGMA cache_size=-{kib}")
            self._cache_kib = kib

    def _let_log_restart(self) -> None:
        """Before a transaction, when the log has grown past ``LOG_RESTART_BYTES``: wait for the checkpoint
        under way, so that the transaction writes the log again from its beginning.

        SQLite starts the log again only when a write begins after a checkpoint copied all of it.
        Transactions written back to back each begin while the last one's checkpoint is still copying,
        so the log never started again: it grew by every transaction's pages (2.3 GB after 12,288
        articles at 100,000), and the writer slowed as it grew (from 148 to 131 articles/s). When the
        log starts again its file is cut back to ``LOG_RESTART_BYTES`` (``journal_size_limit``), so a
        larger file is a log that has grown past it.
        """
        if self._checkpointer is None:
            return
        try:
            grown = os.stat(f"{self.path}-wal").st_size > LOG_RESTART_BYTES
        except OSError:
            return  # no log file yet
        if grown:
            self._checkpointer.wait()

    def _write_pending(self) -> None:
        """Write what the transaction deferred and has not written: corpus counters, full-text rows,
        event facet counts and the new names' trigrams."""
        for deferred in self._deferred:
            deferred.flush(self.conn)
        index_pending_names(self.conn)

    def _end_pending(self) -> None:
        for deferred in self._deferred:
            deferred.clear()

    def checkpoint(self) -> None:
        """Copy the whole write-ahead log into the database file and empty it.

        For a file that must be complete on its own: before measuring or copying it. Waits for the
        checkpoint under way beside the writer, then for readers (up to the busy timeout).
        """
        with self._lock:
            if self.read_only:
                raise StoreError(f"{self.path}: opened read-only")
            if self._depth:
                raise StoreError(f"{self.path}: cannot checkpoint inside a transaction")
            if self._checkpointer is not None:
                self._checkpointer.wait()
            row = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if row is not None and row[0]:
                raise StoreError(f"{self.path}: the log was not copied: another connection kept it busy")

    def compact(self, on_progress: Callable[[str, float], None] | None = None) -> tuple[int, int]:
        """Rewrite the file without the room that writing leaves in it; the file's size before and after,
        in bytes. ``on_progress(step, seconds so far)`` is called as each step begins and every
        ``COMPACT_PROGRESS_SECONDS`` while the first two run.

        Each full-text index is merged into one segment (FTS5 ``optimize``: a batch's rows are written
        as a segment of their own, merged eight at a time as they come), then every table and index is
        rebuilt packed (``VACUUM``): pages that indexes split as rows arrived in no order are part
        empty, and the pages a migration or a delete freed stay in the file until then. Nothing read
        changes. It reads and writes the whole file (seconds for 10,000 articles, minutes for a
        million), needs free space about the file's size beside it and in the temporary folder, and
        waits for readers to finish.
        """
        with self._lock:
            if self.read_only:
                raise StoreError(f"{self.path}: opened read-only")
            if self._depth:
                raise StoreError(f"{self.path}: cannot compact inside a transaction")
            self.checkpoint()
            before = os.stat(self.path).st_size
            progress = _Progress(on_progress or (lambda step, seconds: None), COMPACT_PROGRESS_SECONDS)
            if on_progress is not None:
                self.conn.set_progress_handler(progress.handler, _PROGRESS_INSTRUCTIONS)
            try:
                progress.step("merging the full-text indexes")
                with self.atomic():
                    for index in FULL_TEXT_INDEXES:
                        self.conn.execute(f"INSERT INTO {index}({index}) VALUES ('optimize')")
                if self._checkpointer is not None:
                    self._checkpointer.wait()
                progress.step("rebuilding the file")
                self.conn.execute("VACUUM")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"{self.path}: cannot compact: {exc}") from exc
            finally:
                self.conn.set_progress_handler(None, 0)
            # In WAL mode VACUUM writes the new pages to the log: into the file with them.
            progress.step("copying the log into the file")
            self.checkpoint()
            return before, os.stat(self.path).st_size

    def _rows(self, sql: str, params: Any = ()) -> list[dict]:
        with self._lock:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _column(self, sql: str, params: Any = ()) -> list[Any]:
        with self._lock:
            return [row[0] for row in self.conn.execute(sql, params)]

    def _value(self, sql: str, params: Any = ()) -> Any:
        with self._lock:
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- runs and failures --------------------------------------------------------

    def start_run(self, command: str, *, model: str | None = None, settings: dict | None = None) -> str:
        """Record the start of an ingest run; returns its id."""
        run_id = f"R{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}-{os.urandom(3).hex()}"
        with self.atomic():
            self.conn.execute(
                "INSERT INTO runs(id, started_at, command, model, settings) VALUES (?, ?, ?, ?, ?)",
                (run_id, _now(), command, model, json.dumps(settings or {}, default=str)),
            )
        return run_id

    def finish_run(
        self, run_id: str, *, ingested: int, duplicates: int, failed: int, status: str = "finished"
    ) -> None:
        with self.atomic():
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_ingested = ?, n_duplicates = ?, "
                "n_failed = ? WHERE id = ?",
                (_now(), status, ingested, duplicates, failed, run_id),
            )

    def add_failure(self, file: str, record: str | None, reason: str, *, run_id: str | None = None) -> None:
        """Record an input that could not be ingested; the same failure twice is one row."""
        with self.atomic():
            self.conn.execute(
                "INSERT INTO failures(run_id, file, record, reason, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(file, record, reason) DO UPDATE SET run_id = excluded.run_id, "
                "created_at = excluded.created_at",
                (run_id, file, record or "", reason[:2000], _now()),
            )

    def failures(self, *, run_id: str | None = None, limit: int = 100) -> list[dict]:
        where, params = ("WHERE run_id = ?", [run_id]) if run_id else ("", [])
        return self._rows(
            f"SELECT file, record, reason, run_id, created_at FROM failures {where} ORDER BY id DESC LIMIT ?",
            [*params, limit],
        )

    # -- loaded shards -----------------------------------------------------------------

    def shard_loaded(self, digest: str) -> bool:
        """Whether the Parquet shard with this content digest was loaded into this file."""
        return self._value("SELECT 1 FROM loaded_shards WHERE digest = ?", (digest,)) is not None

    def mark_shard_loaded(self, digest: str, name: str, n_rows: int, *, run_id: str | None = None) -> None:
        """Record a shard as loaded; call inside the transaction that wrote its articles."""
        with self.atomic():
            self.conn.execute(
                "INSERT INTO loaded_shards(digest, name, n_rows, run_id, loaded_at) VALUES (?, ?, ?, ?, ?)",
                (digest, name, n_rows, run_id, _now()),
            )

    # -- documents ------------------------------------------------------------------

    def article_for_hash(self, digest: str) -> str | None:
        """The id of the stored article with this content hash, if any."""
        return self._value("SELECT id FROM articles WHERE content_hash = ?", (digest,))

    def content_hashes(self) -> frozenset[str]:
        """The content hash of every stored article (to skip them before extraction elsewhere)."""
        return frozenset(self._column("SELECT content_hash FROM articles"))

    def has_content(self, text: str) -> bool:
        return self.article_for_hash(content_hash(text)) is not None

    def add_document(
        self,
        record: DocumentRecord,
        *,
        origin: str | None = None,
        run_id: str | None = None,
        replace: bool = False,
    ) -> tuple[str, bool]:
        """Store one document; ``(article_id, added)``, ``added`` False when its content was stored.

        With ``replace`` a stored article of the same content is deleted first and
        written again from this record (re-extraction with a newer pipeline).
        """
        digest = content_hash(record.article.text)
        with self.atomic():
            existing = self.article_for_hash(digest)
            if existing is not None:
                if not replace:
                    return existing, False
                self.delete_article(existing)
                article_id = existing
            else:
                article_id = self._free_article_id(record.article.id, digest)
            self._insert_document(article_id, digest, record, origin or record.article.origin, run_id)
        return article_id, True

    def _free_article_id(self, wanted: str | None, digest: str) -> str:
        for candidate in (wanted, digest[:16], digest):
            if candidate and not self._value("SELECT 1 FROM articles WHERE id = ?", (candidate,)):
                return candidate
        raise StoreError(f"no free id for article with content hash {digest}")

    def _source_id(self, name: str | None) -> int | None:
        if not name:
            return None
        self.conn.execute("INSERT OR IGNORE INTO sources(name) VALUES (?)", (name,))
        return self._value("SELECT id FROM sources WHERE name = ?", (name,))

    def _insert_document(
        self, article_id: str, digest: str, record: DocumentRecord, origin: str | None, run_id: str | None
    ) -> None:
        conn = self.conn
        art = record.article
        published = art.published.isoformat() if art.published else None
        cur = conn.execute(
            "INSERT INTO article_rows(id, content_hash, title, published, source, source_id, url, origin, body, "
            "body_size, headings, times, times_size, quantities, quantities_size, document, n_entities, n_quotes, "
            "n_events, run_id, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id, digest, art.title, published, art.source, self._source_id(art.source), art.url,
                origin, *compress_body(art.text), offsets_column(record.headings),
                *compress_column(times_column(record.times, art.text)),
                *compress_column(quantities_column(record.quantities, art.text)),
                # Kept as the rows written below when they give it back exactly, else packed whole.
                FROM_TABLES if rows_give_back(record) else pack_record(record, article_id),
                len(record.entities), len(record.quotes), len(record.events), run_id, _now(),
            ),
        )  # fmt: skip
        # The rows extracted from the article name it by its integer key (schema version 13).
        key = _inserted_row_id(cur)
        self._fulltext.add_article(key, art.title, art.text)
        local, counted, fresh = self._insert_entities(key, record, published)
        self._insert_quotes(key, record, published, local, counted)
        self._insert_events(article_id, key, record, published, local)
        self._choose_actor_attributes(key, record, published, local, fresh)
        conn.executemany(
            "INSERT INTO place_rows(article_key, name, country, lat, lon, feature, n_mentions, mentions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (key, p.name, p.country, p.lat, p.lon, p.feature, len(p.mentions),
                 json.dumps([[m.start, m.end] for m in p.mentions]))
                for p in record.places
            ],
        )  # fmt: skip
        # Last, once nothing of the document can fail: its counter changes join the transaction's.
        self._pending.add_document(counted, published)
        # An entity id given twice is written once, the first time (INSERT OR IGNORE): its mentions count once.
        written = {e.id: len(e.mentions) for e in reversed(record.entities) if e.id in local}
        self._pending.add_column_rows("mentions", sum(written.values()))
        self._pending.add_column_rows("times", len(record.times))
        self._pending.add_column_rows("quantities", len(record.quantities))

    def _insert_entities(
        self, article_key: int, record: DocumentRecord, published: str | None
    ) -> tuple[dict[str, tuple[int, int | None]], dict[int, list[int]], set[int]]:
        """Entities, their mentions and titles.

        Returns local id -> (row id, corpus entity key); the counter changes of the document's corpus
        entities: id -> [mentions, quotes, described] (quotes filled in by ``_insert_quotes``), for those not
        recounted from the rows; and the corpus entities this document created, named in no other.
        """
        conn = self.conn
        local: dict[str, tuple[int, int | None]] = {}
        day = day_number(published)
        # Per corpus entity: this document's mentions, and its rows giving a country or titles.
        shares: dict[int, list[int]] = {}
        merges: list[tuple[int, int]] = []
        fresh: set[int] = set()
        for entity in record.entities:
            corpus_id, merged, created = resolve_entity_in_store(
                conn,
                EntityEvidence(entity.name, entity.type, entity.country, tuple(entity.titles)),
                published,
                self._pending,
            )
            merges.extend(merged)
            for old_id, new_id in merged:
                self._row_cache.forget(old_id, new_id)  # the old one's rows are the new one's now
            if created and corpus_id is not None:
                fresh.add(corpus_id)
            # The text's own country and titles are the actor layer's first choice; the corpus's
            # step (_choose_actor_attributes) revisits them once the whole article is written.
            titles = json.dumps(list(entity.titles), ensure_ascii=False) if entity.titles else "[]"
            # The actor layer's first choice (country codes upper case, as its choices write them).
            choice = (
                entity.country.upper() if entity.country else None,
                "text" if entity.country else None,
                titles,
                "text" if entity.titles else None,
            )
            cur = conn.execute(
                "INSERT OR IGNORE INTO entity_rows(article_key, local_id, name, type, country, titles, n_mentions, "
                "mentions, corpus_entity_id, actor_country, actor_country_from, actor_titles, actor_titles_from, "
                "day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_key, entity.id, entity.name, entity.type, entity.country, titles,
                    len(entity.mentions), mentions_column(entity.mentions), corpus_id, *choice, day,
                ),
            )  # fmt: skip
            if cur.rowcount == 0:
                continue  # a repeated local id: the first one stands
            row_id = _inserted_row_id(cur)
            local[entity.id] = (row_id, corpus_id)
            if corpus_id is not None:
                self._row_cache.added(corpus_id, row_id, article_key, day, entity.country, titles, choice)
            # Titles now, not with the mentions: the next entity's resolution compares them, and a merge
            # it makes repoints them.
            if entity.titles:
                conn.executemany(
                    "INSERT INTO title_rows(entity_id, article_key, corpus_entity_id, title, published) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(row_id, article_key, corpus_id, t, published) for t in entity.titles],
                )
            if corpus_id is not None:
                share = shares.setdefault(corpus_id, [0, 0])
                share[0] += len(entity.mentions)
                share[1] += describes(entity.country, titles)
        recounted: set[int] = set()
        if merges:
            # An entity of this document absorbed another corpus entity: follow the merge, recount the
            # entities that absorbed (their rows moved); the others move by this document's share, as
            # below. (A recount reads every row of the entity: thousands for a country in a large store.)
            moved = dict(merges)

            def final(corpus_id: int) -> int:
                while corpus_id in moved:
                    corpus_id = moved[corpus_id]
                return corpus_id

            for key, (row_id, corpus_id) in local.items():
                local[key] = (row_id, final(corpus_id) if corpus_id is not None else None)
            recounted = {final(new_id) for _, new_id in merges}
            recount_corpus_entities(conn, sorted(recounted))
            followed: dict[int, list[int]] = {}
            for corpus_id, (mentions, described) in shares.items():
                share = followed.setdefault(final(corpus_id), [0, 0])
                share[0] += mentions
                share[1] += described
            shares = followed
        # Counters move by this document's share; a full recount happens only on deletes and merges.
        counted = {
            cid: [mentions, 0, described]
            for cid, (mentions, described) in shares.items()
            if cid not in recounted
        }
        return local, counted, fresh

    def _choose_actor_attributes(
        self,
        article_key: int,
        record: DocumentRecord,
        published: str | None,
        local: dict,
        fresh: set[int],
    ) -> None:
        """The actor layer's corpus step for this article's entities (``refresh_actor_attributes``).

        Earlier articles of a corpus entity are revisited only when this article says something
        about it (a country or a title): a bare mention changes no other article's choice. An entity
        this article created has no other reading: its rows keep the text's choice, written with them.
        Nor has one that no row describes (``n_described``), when this article does not either.
        """
        says: dict[int, bool] = {}
        for entity in record.entities:
            corpus_id = local.get(entity.id, (None, None))[1]
            if corpus_id is not None and corpus_id not in fresh:
                says[corpus_id] = says.get(corpus_id, False) or bool(entity.country or entity.titles)
        silent = [corpus_id for corpus_id, revisit in says.items() if not revisit]
        if silent:
            described = {
                row[0]
                for row in self.conn.execute(
                    f"SELECT id FROM corpus_entities WHERE id IN ({', '.join('?' * len(silent))}) "
                    "AND n_described > 0",
                    silent,
                )
            }
            for corpus_id in silent:
                if corpus_id not in described and not self._pending.described(corpus_id):
                    del says[corpus_id]  # no reading of it gives anything to choose from
        for corpus_id, revisit in sorted(says.items()):
            refresh_actor_attributes(
                self.conn,
                corpus_id,
                published,
                article_key=article_key,
                revisit=revisit,
                cache=self._row_cache,
            )

    def _insert_quotes(
        self, article_key: int, record: DocumentRecord, published: str | None, local: dict, counted: dict
    ) -> None:
        if not record.quotes:
            return
        rows = []
        body = record.article.text
        # The ids SQLite would give them: the full-text index is written from the record, at the commit.
        first_id = self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM quote_rows").fetchone()[0]
        for seq, q in enumerate(record.quotes):
            row_id, corpus_id = local.get(q.speaker, (None, None)) if q.speaker else (None, None)
            rows.append(
                (
                    first_id + seq, article_key, published, row_id, corpus_id, q.speaker_name, speaker_words(q, body),
                    q.speaker_country,
                    q.kind, q.cue, q.cue_kind, words_unless_body(q, body), q.start, q.end, q.confidence, q.addressee,
                    q.addressee_name, offsets_column(q.parts), q.speaker_start, q.speaker_end,
                )
            )  # fmt: skip
            self._fulltext.add_quote(first_id + seq, q.text, q.speaker_name)
            if corpus_id in counted:
                counted[corpus_id][1] += 1
            elif corpus_id is not None:
                self._pending.add_quotes(corpus_id, 1)  # an entity recounted after a merge
        self.conn.executemany(
            "INSERT INTO quote_rows(id, article_key, published, speaker_entity_id, corpus_entity_id, speaker_name, "
            'speaker_text, speaker_country, kind, cue, cue_kind, text, start, "end", confidence, addressee, '
            "addressee_name, parts, speaker_start, speaker_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _insert_events(
        self, article_id: str, article_key: int, record: DocumentRecord, published: str | None, local: dict
    ) -> None:
        """The article's events, each filed into its cluster first, so that every row is written whole and
        in one statement per table."""
        conn = self.conn
        body = record.article.text
        # The ids SQLite would give them, one after the largest: a new cluster's id names its first event.
        first_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM event_rows").fetchone()[0]
        events: list[tuple] = []
        actors: list[tuple] = []
        quantities: list[tuple] = []
        joined: set[int] = set()
        for seq, ev in enumerate(record.events):
            event_id = first_id + seq
            src_row, src_corpus = local.get(ev.source.entity, (None, None)) if ev.source else (None, None)
            tgt_row, tgt_corpus = local.get(ev.target.entity, (None, None)) if ev.target else (None, None)
            day = (_iso_day(ev.time.value_start) if ev.time else None) or published
            loc = ev.location
            # The countries the article gives the event's source, target and place (the actor layer may
            # lend the actors one later).
            src_country = ev.source.country if ev.source else None
            tgt_country = ev.target.country if ev.target else None
            loc_country = loc.country if loc else None
            report = EventReport(
                event_id=event_id,
                article_id=article_id,
                type=ev.type,
                # The clusters compare actors by their text ids (a column of text, with countries).
                source_key=actor_key(entity_id_or_none(src_corpus), src_country),
                target_key=actor_key(entity_id_or_none(tgt_corpus), tgt_country),
                place_country=loc_country,
                place_name=loc.name if loc else None,
                day=day,
            )
            cluster_id = assign_cluster(conn, report, joined)
            events.append(
                (
                    event_id, article_key, seq, published, day, ev.type, ev.mode, ev.modality,
                    src_corpus, ev.source.name if ev.source else None, src_country,
                    tgt_corpus, ev.target.name if ev.target else None, tgt_country,
                    ev.trigger.start, ev.trigger.end, ev.trigger.text,
                    ev.sentence.start, ev.sentence.end, words_unless_body(ev.sentence, body),
                    loc.name if loc else None, loc_country,
                    loc.lat if loc else None, loc.lon if loc else None,
                    ev.time.text if ev.time else None, ev.time.value_start if ev.time else None,
                    ev.time.value_end if ev.time else None, ev.reported_by, ev.confidence,
                    "text" if src_country else None, "text" if tgt_country else None, cluster_id,
                )
            )  # fmt: skip
            joined.add(cluster_id)
            self._facets.add_event(ev.type, day, src_corpus, (src_country, tgt_country, loc_country))
            actors.extend(
                (
                    event_id,
                    role,
                    row_id,
                    corpus_id,
                    actor.name,
                    actor.country,
                    actor.sector,
                    actor.start,
                    actor.end,
                )
                for role, actor, row_id, corpus_id in (
                    ("source", ev.source, src_row, src_corpus),
                    ("target", ev.target, tgt_row, tgt_corpus),
                )
                if actor is not None
            )
            quantities.extend(
                (event_id, q.value, q.unit, q.kind, q.qualifier, q.text, q.start, q.end)
                for q in ev.quantities
            )
        conn.executemany(
            "INSERT INTO event_rows(id, article_key, seq, published, event_date, type, mode, modality, "
            "source_corpus_id, source_name, source_country, target_corpus_id, target_name, target_country, "
            "trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, sentence_text, "
            "location_name, location_country, lat, lon, time_text, time_start, time_end, reported_by, "
            "confidence, source_country_from, target_country_from, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            events,
        )
        conn.executemany(
            "INSERT INTO event_actors(event_id, role, entity_id, corpus_entity_id, name, country, sector, "
            'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            actors,
        )
        conn.executemany(
            "INSERT INTO event_quantities(event_id, value, unit, kind, qualifier, text, start, "
            '"end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            quantities,
        )

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and everything extracted from it; corpus counters follow."""
        with self.atomic():
            # The recounts below read the rows, so counters must agree with them; FTS5 removes a row's
            # terms from its index, so they must be there.
            self._write_pending()
            found = self.conn.execute(
                "SELECT key, published FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if found is None:
                return False
            key, published = found
            corpus_ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT corpus_entity_id FROM entity_rows WHERE article_key = ? "
                    "AND corpus_entity_id IS NOT NULL",
                    (key,),
                )
            ]
            cluster_ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT cluster_id FROM event_rows WHERE article_key = ? AND cluster_id IS NOT NULL",
                    (key,),
                )
            ]
            deleted = self.conn.execute("DELETE FROM article_rows WHERE key = ?", (key,)).rowcount
            self._row_cache.clear()  # the article's entity rows went with it
            recount_corpus_entities(self.conn, corpus_ids)
            drop_orphan_corpus_entities(self.conn, corpus_ids)
            for corpus_id in corpus_ids:
                # The articles nearest the deleted one lose a reading: their choice is made again.
                refresh_actor_attributes(self.conn, corpus_id, published)
            recount_clusters(self.conn, cluster_ids)
        return bool(deleted)
