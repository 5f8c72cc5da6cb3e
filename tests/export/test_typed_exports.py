"""Typed exports: Parquet dates are dates, figures are lists, columns are fixed; places carry a precision."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsgraph.export import write_csv, write_geojson, write_parquet
from newsgraph.export.columns import COLUMNS
from newsgraph.geo import geo_precision
from newsgraph.records import EventPlace, Place
from newsgraph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_records import minister_record  # noqa: E402

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def store(tmp_path):
    """Two articles: a city-level event pair in Vienna, and one whose place is the country Austria."""
    with Store(tmp_path / "typed.db") as s:
        s.add_document(minister_record(published="2026-01-05"))
        other = minister_record(first="Ilona", surname="Kiss", published="2026-02-10")
        austria = EventPlace("Austria", "AUT", 47.52, 14.55)
        events = (replace(other.events[0], location=austria), *other.events[1:])
        places = (*other.places, Place("Austria", "AUT", 47.52, 14.55, "country", ()))
        s.add_document(replace(other, events=events, places=places))
        yield s


def read_parquet(store, what: str, tmp_path: Path):
    path = tmp_path / f"{what}.parquet"
    with open(path, "wb") as out:
        n = write_parquet(store, what, out)
    table = pq.read_table(path)
    assert table.num_rows == n
    return table


def test_parquet_dates_are_dates_and_counts_integers(store, tmp_path):
    articles = read_parquet(store, "articles", tmp_path)
    assert articles.schema.field("published").type == pa.date32()
    assert articles.schema.field("n_events").type == pa.int64()
    assert sorted(articles.column("published").to_pylist()) == [date(2026, 1, 5), date(2026, 2, 10)]
    entities = read_parquet(store, "entities", tmp_path)
    assert entities.schema.field("first_seen").type == pa.date32()
    quotes = read_parquet(store, "quotes", tmp_path)
    assert quotes.schema.field("published").type == pa.date32()


def test_parquet_event_figures_are_a_list_of_structs(store, tmp_path):
    events = read_parquet(store, "events", tmp_path)
    assert events.schema.field("date").type == pa.date32()
    assert pa.types.is_list(events.schema.field("quantities").type)
    figures = [q for row in events.column("quantities").to_pylist() for q in row]
    assert figures and figures[0]["value"] == 40.0 and figures[0]["kind"] == "detained"
    assert events.schema.field("location_lat").type == pa.float64()


@pytest.mark.parametrize("what", ["articles", "entities", "quotes", "events"])
def test_no_column_is_an_artefact_of_flattening(store, tmp_path, what):
    """Every column is a declared one; none is null in every row of a store that has the data."""
    table = read_parquet(store, what, tmp_path)
    assert table.column_names == [c.name for c in COLUMNS[what]]
    always_null = {c for c in table.column_names if table.column(c).null_count == table.num_rows}
    # The fixture has no event modes, no reported speech and no time ranges; anything else must be filled.
    allowed = {"mode", "reported_by", "title", "url", "origin", "cue_kind", "speaker_country"}
    assert always_null <= allowed, always_null
    if what == "events":  # nested objects are spread over columns, never a column of their own
        assert not {"location", "time", "source", "target", "trigger", "sentence"} & set(table.column_names)


def test_an_empty_export_keeps_its_columns(tmp_path):
    with Store(tmp_path / "empty.db") as empty:
        table = read_parquet(empty, "events", tmp_path)
        out = io.StringIO()
        assert write_csv(empty, "events", out) == 0
    assert table.num_rows == 0 and table.schema.field("date").type == pa.date32()
    assert out.getvalue().splitlines() == [",".join(c.name for c in COLUMNS["events"])]


def test_csv_has_the_same_columns_with_figures_as_json(store):
    out = io.StringIO()
    write_csv(store, "events", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == [c.name for c in COLUMNS["events"]]
    coerce = next(r for r in rows if r["type"] == "COERCE")
    assert json.loads(coerce["quantities"])[0]["value"] == 40


def test_geojson_and_exports_carry_the_location_precision(store, tmp_path):
    out = io.StringIO()
    write_geojson(store, "events", out)
    by_place = {}
    for feature in json.loads(out.getvalue())["features"]:
        by_place.setdefault(feature["properties"]["place"], set()).add(feature["properties"]["geo_precision"])
    assert by_place == {"Vienna": {"city"}, "Austria": {"country"}}
    events = read_parquet(store, "events", tmp_path)
    assert set(events.column("location_geo_precision").to_pylist()) == {"city", "country"}


@pytest.mark.parametrize(
    ("feature", "has_point", "expected"),
    [("city", True, "city"), ("airport", True, "city"), ("region", True, "region"), ("state", True, "region"),
     ("country", True, "country"), ("city", False, None), (None, True, None)],
)  # fmt: skip
def test_precision_of_a_place(feature, has_point, expected):
    assert geo_precision(feature, 48.2 if has_point else None, 16.4) == expected
