"""A local process pool: each worker loads the model once, then extracts batches of articles.

With one job, extraction runs in the calling process (no pickling, no fork).
Results come back in submission order; at most ``2 * jobs`` batches are in
flight, so reading a large input never runs ahead of extraction in memory.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

from ..errors import NewsgraphError
from ..records import Article, DocumentRecord
from ..settings import Settings

if TYPE_CHECKING:
    from ..nlp.pipeline import Pipeline

# One pipeline per worker process, built by the pool initializer.
_WORKER_PIPELINE: Pipeline | None = None

Result = tuple[DocumentRecord | None, str | None]


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
    # Ctrl-C is the parent's to handle: it stops feeding work and terminates the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .. import get_pipeline

    _WORKER_PIPELINE = get_pipeline(settings)


def _worker_ready(delay: float) -> int:
    """A no-op task: it runs only after the worker's initializer has loaded the model."""
    import os
    import time

    time.sleep(delay)
    return os.getpid()


def extract_batch(articles: list[Article], pipeline=None) -> list[Result]:
    """(record, None) or (None, reason) for each article, in order; one bad article spoils no other."""
    pipeline = pipeline or _WORKER_PIPELINE
    try:
        return [(record, None) for record in pipeline.extract_articles(articles, batch_size=len(articles))]
    except Exception:  # noqa: BLE001  (find which article failed, one at a time)
        pass
    results: list[Result] = []
    for article in articles:
        try:
            results.append((pipeline.extract_article(article), None))
        except Exception as exc:  # noqa: BLE001  (a failure is recorded, the run goes on)
            results.append((None, f"extraction failed: {type(exc).__name__}: {exc}"))
    return results


def ray_driver_running() -> bool:
    """Whether this process called ``ray.init()`` and is still connected (without importing Ray)."""
    ray = sys.modules.get("ray")
    return bool(ray is not None and getattr(ray, "is_initialized", lambda: False)())


class ExtractionPool:
    """Extracts batches of articles with ``jobs`` worker processes (in-process for one job)."""

    def __init__(self, settings: Settings, jobs: int = 1) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self._pool: Pool | None = None
        self._pipeline: Pipeline | None = None

    def start(self) -> ExtractionPool:
        """Start the workers (or load the model here for one job).

        Call before starting threads and before the store's first commit: fork copies only the calling
        thread, and a lock another thread holds at that moment stays held in every worker. A store open
        for writing has a checkpoint thread (``store/checkpoint.py``), which until the first commit only
        waits on its condition, holding no lock.
        """
        if self.jobs == 1:
            from .. import get_pipeline

            self._pipeline = get_pipeline(self.settings)
        else:
            if ray_driver_running():
                # Ray's driver runs gRPC threads; a worker forked beside them inherits their locks
                # held and can wait on one for ever (ray-project/ray#59661), with nothing printed.
                raise NewsgraphError(
                    f"{self.jobs} local jobs fork worker processes, and this process runs a Ray driver "
                    "(ray.init()), beside which a forked worker can deadlock: use the Ray engine, call "
                    "ray.shutdown() first, or extract with one job"
                )
            # fork: workers inherit the imported code; `python -m newsgraph` has no __main__ guard
            # that spawn could re-import safely.
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.jobs, initializer=_init_worker, initargs=(self.settings,))
            # Wait until every worker has its model, so throughput figures measure extraction only.
            self._pool.map(_worker_ready, [0.2] * self.jobs, chunksize=1)
        return self

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[tuple[list[Article], list[Result]]]:
        """(batch, results) pairs in input order."""
        if self._pool is None:
            for batch in batches:
                yield batch, extract_batch(batch, self._pipeline)
            return
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, self._pool.apply_async(extract_batch, (batch,))))
            while len(pending) >= 2 * self.jobs:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> ExtractionPool:
        return self.start()

    def __exit__(self, exc_type, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()
