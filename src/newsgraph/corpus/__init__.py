"""The corpus layer: cross-article entity resolution and event clustering, as rules over plain data.

Nothing here opens or queries a database: the store looks up candidates, asks
these rules, and writes the answer (see ``newsgraph.store.corpus``).
"""

from __future__ import annotations

from .actors import (
    ActorAttributes,
    ActorReading,
    DayReading,
    ReadingPool,
    choose_actor_attributes,
    reading_may_change,
)
from .clusters import Cluster, ClusterLookup, EventReport, actor_key, cluster_lookup, join_cluster
from .names import normalise_name, stable_id
from .resolve import (
    EntityEvidence,
    KnownEntity,
    NewEntity,
    Resolution,
    match_by_name,
    needs_titles,
    resolve_entity,
)

__all__ = [
    "ActorAttributes",
    "ActorReading",
    "DayReading",
    "Cluster",
    "ClusterLookup",
    "EntityEvidence",
    "EventReport",
    "KnownEntity",
    "NewEntity",
    "ReadingPool",
    "Resolution",
    "actor_key",
    "choose_actor_attributes",
    "cluster_lookup",
    "join_cluster",
    "match_by_name",
    "needs_titles",
    "normalise_name",
    "reading_may_change",
    "resolve_entity",
    "stable_id",
]
