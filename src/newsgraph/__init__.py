"""newsgraph: news articles into a queryable record of who did what to whom.

Library API::

    import newsgraph
    record = newsgraph.extract(text, published="2025-11-08")
    record.to_json()
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .records import DocumentRecord
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .nlp.pipeline import Pipeline

__version__ = "0.1.0"


@lru_cache(maxsize=4)
def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """A pipeline for these settings, built once per process (the model loads once)."""
    from .nlp.pipeline import Pipeline

    return Pipeline(settings or load_settings())


def extract(
    text: str,
    *,
    title: str | None = None,
    published: date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> DocumentRecord:
    """Read one article's text into a ``DocumentRecord`` (see ``to_dict``/``to_json``)."""
    return get_pipeline(settings).extract(text, title=title, published=published, source=source, url=url)


__all__ = ["DocumentRecord", "Settings", "extract", "get_pipeline", "load_settings"]
