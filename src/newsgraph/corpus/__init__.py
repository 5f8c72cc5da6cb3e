"""The corpus layer: cross-article entity resolution and event clustering."""

from __future__ import annotations

from .clusters import EventReport, actor_key, assign_cluster, recount_clusters
from .names import normalise_name, stable_id
from .resolve import EntityEvidence, EntityResolver, merge_corpus_entities, recount_corpus_entities

__all__ = [
    "EntityEvidence",
    "EntityResolver",
    "EventReport",
    "actor_key",
    "assign_cluster",
    "merge_corpus_entities",
    "normalise_name",
    "recount_clusters",
    "recount_corpus_entities",
    "stable_id",
]
