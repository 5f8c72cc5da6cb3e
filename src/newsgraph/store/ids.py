"""Corpus entity and event cluster ids: integers in the tables, text everywhere else.

A corpus entity's id is ``E`` and twelve hexadecimal digits of a hash of its type, name and country
(``newsgraph.corpus.names.stable_id``), with ``-2``, ``-3``... when that id is taken already; a
cluster's is ``C`` and the ten-digit id of the event that started it. Since schema version 24 the
tables keep them as integers: the entity's hash as a number, its suffix in the bits above it, and the
cluster's event id. Thirteen and eleven characters became six and three bytes in every row and index
that names an entity or a cluster, 1.4 MB of 25 per 1,000 articles of the benchmark store (tenth pass).

The store converts at its edges: the ids its questions take and return, and the documents, exports and
pages made from them, are the text ids they always were. The views for SQL users (``entities``,
``quotes``, ``events``...) give the text ids too, by the expressions below, which need no function of
ours: the ``sqlite3`` shell and Datasette read them as they are.
"""

from __future__ import annotations

import re

ENTITY_PREFIX = "E"
CLUSTER_PREFIX = "C"
# The hash's bits; the suffix number (less one) sits above them.
HASH_BITS = 48
_HASH_MASK = (1 << HASH_BITS) - 1
_ENTITY_ID = re.compile(r"E([0-9a-f]{12})(?:-([1-9][0-9]{0,5}))?")
CLUSTER_DIGITS = 10
_CLUSTER_ID = re.compile(r"C([0-9]{1,18})")


def entity_key(text: str) -> int | None:
    """The integer a table keeps for the corpus entity whose id is ``text``; None when it is no entity
    id (nothing in the store has it)."""
    found = _ENTITY_ID.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        return None
    suffix = int(found.group(2) or 1)
    if suffix == 1 and found.group(2):
        return None  # the first entity of a hash has no suffix: "-1" is no id
    return with_suffix(int(found.group(1), 16), suffix)


def with_suffix(base: int, n: int) -> int:
    """The key of the ``n``-th entity (``n`` from 2) whose hash is the key ``base``: its id ends ``-n``."""
    return base | ((n - 1) << HASH_BITS)


def entity_id(key: int) -> str:
    """The text id of the corpus entity a table keeps as ``key``."""
    suffix = key >> HASH_BITS
    base = f"{ENTITY_PREFIX}{key & _HASH_MASK:012x}"
    return f"{base}-{suffix + 1}" if suffix else base


def entity_id_or_none(key: int | None) -> str | None:
    return None if key is None else entity_id(key)


def entity_id_sql(column: str) -> str:
    """The SQL expression of ``entity_id`` for ``column`` (NULL stays NULL): plain SQL, for the views."""
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE printf('{ENTITY_PREFIX}%012x', {column} & {_HASH_MASK}) "
        f"|| CASE WHEN {column} >> {HASH_BITS} THEN '-' || (({column} >> {HASH_BITS}) + 1) ELSE '' END END"
    )


def cluster_key(text: str) -> int | None:
    """The integer a table keeps for the event cluster whose id is ``text``; None when it is no cluster id."""
    found = _CLUSTER_ID.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        return None
    key = int(found.group(1))
    return key if cluster_id(key) == text else None  # one text per cluster: "C5" is none


def cluster_id(key: int | None) -> str | None:
    """The text id of the cluster a table keeps as ``key`` (None stays None)."""
    return None if key is None else f"{CLUSTER_PREFIX}{key:0{CLUSTER_DIGITS}d}"


def cluster_id_sql(column: str) -> str:
    """The SQL expression of ``cluster_id`` for ``column``."""
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE printf('{CLUSTER_PREFIX}%0{CLUSTER_DIGITS}d', {column}) END"
