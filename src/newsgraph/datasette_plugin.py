"""A Datasette plugin: the functions the store's views need, on every connection Datasette opens.

The article bodies are compressed (``newsgraph.store.bodies``) and the views that give them back as text
(``articles``, ``quotes``, ``mentions``, ``times``, ``quantities``) call ``sqlar_uncompress``. Datasette
installed beside newsgraph finds this module through the ``datasette`` entry point, so
``datasette news.db`` browses those views as it browses the tables. (Outside Datasette, ``hookimpl``
is a plain decorator and ``prepare_connection`` a plain function.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from .store.bodies import register_body_functions

try:
    from datasette import hookimpl
except ImportError:  # not inside Datasette: a plain decorator

    def hookimpl(function: Callable[..., Any]) -> Callable[..., Any]:
        return function


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Datasette's hook for each connection it opens."""
    register_body_functions(conn)
