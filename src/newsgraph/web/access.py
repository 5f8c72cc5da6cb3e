"""How request handlers reach the store and the pipeline.

SQLite connections belong to the thread that opened them, and FastAPI runs
plain ``def`` handlers on a pool of worker threads, so each worker thread gets
its own ``Store`` on the same file (WAL lets readers run beside the writer).
Writes go through one lock: one writer at a time, as datasette does.
The pipeline (the spaCy model) loads on the first extraction only, so serving
a finished corpus starts fast.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Hashable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..store import Store
from .cache import CorpusCache, StoreVersion

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..nlp.pipeline import Pipeline
    from ..records import Article, DocumentRecord
    from ..settings import Settings


Answer = TypeVar("Answer")


class ReadOnlyError(Exception):
    """A write was asked of a server started with ``--read-only``."""


class StoreAccess:
    """Per-thread stores over one database file, plus the one-writer lock."""

    def __init__(self, db_path: str | Path, *, read_only: bool = False) -> None:
        self.db_path = Path(db_path)
        self.read_only = read_only
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        # Bumped by close(): a thread holding a store from before reopens it, since an
        # app may be started and shut down several times (test clients do).
        self._generation = 0
        self.write_lock = threading.Lock()
        self._version = StoreVersion(self.db_path)
        self.cache = CorpusCache(self._version)
        # Opening once here runs the migrations before any worker thread reads,
        # and reports a bad path at start-up rather than on the first request.
        self.store()

    def store(self) -> Store:
        """This thread's ``Store``, opened on first use (again after ``close``)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None or getattr(self._local, "generation", None) != self._generation:
            store = Store(self.db_path, read_only=self.read_only)
            self._local.store = store
            self._local.generation = self._generation
            with self._opened_lock:
                self._opened.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """This thread's store, with the write lock held; refuses in read-only mode."""
        if self.read_only:
            raise ReadOnlyError("this server is read-only (started with --read-only): nothing can be stored")
        with self.write_lock:
            yield self.store()

    def corpus_answer(self, key: Hashable, compute: Callable[[], Answer]) -> Answer:
        """``compute()``, kept until the store changes (see ``cache``): for whole-corpus questions."""
        return self.cache.get(key, compute)

    def close(self) -> None:
        """Close every store any thread opened (connections may close from any thread)."""
        self._version.close()
        with self._opened_lock:
            opened, self._opened = self._opened, []
            self._generation += 1
        for store in opened:
            # A connection owned by a finished thread may refuse; it is gone either way.
            with contextlib.suppress(Exception):
                store.close()


class Extractor:
    """The pipeline behind ``POST /api/extract``, built on first use."""

    def __init__(
        self, settings: Settings | None = None, factory: Callable[[], Pipeline] | None = None
    ) -> None:
        self._settings = settings
        self._factory = factory
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def pipeline(self) -> Pipeline:
        with self._lock:
            if self._pipeline is None:
                if self._factory is not None:
                    self._pipeline = self._factory()
                else:
                    from .. import get_pipeline

                    self._pipeline = get_pipeline(self._settings)
            return self._pipeline

    def extract(self, article: Article) -> DocumentRecord:
        """One article through the pipeline; one document at a time (spaCy state is shared)."""
        pipeline = self.pipeline()
        with self._lock:
            return pipeline.extract_article(article)
