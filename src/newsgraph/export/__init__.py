"""Exports of the store: JSONL (document contract), CSV, Parquet, GeoJSON (events), GraphML (actors)."""

from __future__ import annotations

from collections.abc import Callable

from .geojson import write_geojson
from .graphml import write_graphml
from .rows import WHATS, flatten, iter_rows
from .tabular import write_csv, write_jsonl, write_parquet

# format -> (writer, binary output, default --what); writers take IO[str] or IO[bytes] as flagged
FORMATS: dict[str, tuple[Callable[..., int], bool, str]] = {
    "jsonl": (write_jsonl, False, "articles"),
    "csv": (write_csv, False, "articles"),
    "parquet": (write_parquet, True, "articles"),
    "geojson": (write_geojson, False, "events"),
    "graphml": (write_graphml, False, "events"),
}

__all__ = ["FORMATS", "WHATS", "flatten", "iter_rows", "write_csv", "write_geojson", "write_graphml",
           "write_jsonl", "write_parquet"]  # fmt: skip
