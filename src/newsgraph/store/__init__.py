"""The knowledge store: one SQLite file (WAL, FTS5) holding every article and what it says.

Usage::

    from newsgraph.store import Store
    with Store("newsgraph.db") as store:
        article_id, added = store.add_document(record)
        store.search("ceasefire talks")

The file is SQLite; the article bodies are compressed as SQLite archives keep files, and the views that
give their words back call ``sqlar_uncompress`` (built into the sqlite3 shell; registered by the store,
by ``bodies.register_body_functions`` and by the Datasette plugin): see ``store/bodies.py``.
"""

from __future__ import annotations

from .queries import COOPERATION_TYPES
from .schema import SCHEMA_VERSION
from .views import StoreViews
from .writer import content_hash


class Store(StoreViews):
    """A newsgraph database: writes (``add_document``...) and queries (``search``, ``events``...)."""


__all__ = ["COOPERATION_TYPES", "SCHEMA_VERSION", "Store", "content_hash"]
