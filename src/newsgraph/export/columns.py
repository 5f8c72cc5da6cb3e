"""The columns of the tabular exports (CSV, Parquet): one fixed, typed list per kind of row.

A fixed list keeps the columns the same from one corpus to the next (an
empty ``mode`` is a null mode, not a missing column) and gives Parquet its
types: dates as dates, counts as integers, coordinates as doubles, and an
event's figures as a list of structs. A nested object of the store's rows
(``source``, ``location``, ...) is spread over ``parent_child`` columns.

Partial dates stay text: an event's ``time_value_start`` may be ``2025`` or
``2025-03`` (a year or a month), which no date type can hold without
inventing a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# Column kinds; Parquet types are chosen in arrow_type().
STRING, INT, FLOAT, DATE, QUANTITIES = "string", "int", "float", "date", "quantities"

QUANTITY_FIELDS = (
    ("value", FLOAT),
    ("unit", STRING),
    ("kind", STRING),
    ("qualifier", STRING),
    ("text", STRING),
    ("start", INT),
    ("end", INT),
)


@dataclass(frozen=True)
class ExportColumn:
    """One column: its name, the dotted path of its value in a store row, its kind."""

    name: str
    path: str
    kind: str = STRING


def _cols(*specs: tuple[str, ...]) -> tuple[ExportColumn, ...]:
    """Columns from (name, kind) or (name, path, kind)."""
    return tuple(
        ExportColumn(s[0], s[1], s[2]) if len(s) == 3 else ExportColumn(s[0], s[0], s[1]) for s in specs
    )


COLUMNS: dict[str, tuple[ExportColumn, ...]] = {
    "articles": _cols(
        ("id", STRING), ("title", STRING), ("published", DATE), ("source", STRING), ("url", STRING),
        ("origin", STRING), ("n_entities", INT), ("n_quotes", INT), ("n_events", INT),
        ("content_hash", STRING), ("text", STRING),
    ),
    "entities": _cols(
        ("id", STRING), ("name", STRING), ("type", STRING), ("country", STRING), ("n_articles", INT),
        ("n_mentions", INT), ("n_quotes", INT), ("first_seen", DATE), ("last_seen", DATE),
    ),
    "quotes": _cols(
        ("id", INT), ("article_id", STRING), ("published", DATE), ("title", STRING), ("speaker", STRING),
        ("speaker_name", STRING), ("speaker_text", STRING), ("speaker_country", STRING), ("kind", STRING),
        ("cue", STRING), ("cue_kind", STRING), ("text", STRING), ("start", INT), ("end", INT),
    ),
    "events": _cols(
        ("id", INT), ("article_id", STRING), ("published", DATE), ("date", DATE), ("type", STRING),
        ("mode", STRING), ("modality", STRING),
        ("source_entity", "source.entity", STRING), ("source_name", "source.name", STRING),
        ("source_country", "source.country", STRING),
        ("target_entity", "target.entity", STRING), ("target_name", "target.name", STRING),
        ("target_country", "target.country", STRING),
        ("trigger_start", "trigger.start", INT), ("trigger_end", "trigger.end", INT),
        ("trigger_text", "trigger.text", STRING),
        ("sentence_start", "sentence.start", INT), ("sentence_end", "sentence.end", INT),
        ("sentence_text", "sentence.text", STRING),
        ("location_name", "location.name", STRING), ("location_country", "location.country", STRING),
        ("location_lat", "location.lat", FLOAT), ("location_lon", "location.lon", FLOAT),
        ("location_geo_precision", "location.geo_precision", STRING),
        ("time_text", "time.text", STRING), ("time_value_start", "time.value_start", STRING),
        ("time_value_end", "time.value_end", STRING),
        ("quantities", QUANTITIES), ("reported_by", STRING), ("confidence", FLOAT), ("cluster", STRING),
    ),
}  # fmt: skip


def value_at(row: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of nested dicts; None where a step is missing or null."""
    value: Any = row
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def as_date(value: Any) -> date | None:
    """A full ISO date (``2025-03-04``, or the date part of a timestamp) as a date; else None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def typed_row(row: dict[str, Any], columns: tuple[ExportColumn, ...]) -> dict[str, Any]:
    """The row's value for each column, converted to the column's kind."""
    typed: dict[str, Any] = {}
    for column in columns:
        value = value_at(row, column.path)
        if column.kind == DATE:
            value = as_date(value)
        elif column.kind == QUANTITIES:
            value = [{name: q.get(name) for name, _ in QUANTITY_FIELDS} for q in value or ()]
        elif value is not None and column.kind == INT:
            value = int(value)
        elif value is not None and column.kind == FLOAT:
            value = float(value)
        typed[column.name] = value
    return typed


def arrow_type(kind: str):
    """The pyarrow type of a column kind."""
    import pyarrow as pa

    simple = {STRING: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), DATE: pa.date32()}
    if kind in simple:
        return simple[kind]
    if kind == QUANTITIES:
        return pa.list_(pa.struct([(name, arrow_type(sub)) for name, sub in QUANTITY_FIELDS]))
    raise ValueError(f"unknown column kind {kind!r}")


def arrow_schema(what: str):
    """The Parquet schema of one kind of row."""
    import pyarrow as pa

    return pa.schema([(c.name, arrow_type(c.kind)) for c in COLUMNS[what]])
