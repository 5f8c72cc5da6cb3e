"""Exports: each format read back with a standard reader."""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.export import flatten, write_csv, write_geojson, write_graphml, write_jsonl, write_parquet
from newsgraph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_records import minister_record  # noqa: E402

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "export.db") as s:
        s.add_document(minister_record(published="2026-01-05"))
        awkward = minister_record(first="Ilona", surname="Kiss", published="2026-02-10")
        # A name that must be escaped in XML, with a control character XML cannot carry.
        brandt = replace(awkward.entities[1], name='Brandt & <Sons> "Ltd"\x01')
        s.add_document(replace(awkward, entities=(awkward.entities[0], brandt, *awkward.entities[2:])))
        yield s


def test_jsonl_articles_are_the_document_contract(store):
    out = io.StringIO()
    assert write_jsonl(store, "articles", out) == 2
    documents = [json.loads(line) for line in out.getvalue().splitlines()]
    for document in documents:
        assert set(document) >= {
            "article",
            "text",
            "entities",
            "quotes",
            "events",
            "quantities",
            "places",
            "times",
        }
        assert document == store.get_document(document["article"]["id"])
        for quote in document["quotes"]:
            assert document["text"][quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.parametrize(("what", "n"), [("entities", 6), ("quotes", 2), ("events", 4)])
def test_jsonl_and_csv_of_each_kind(store, what, n):
    out = io.StringIO()
    assert write_jsonl(store, what, out) == n
    assert len(out.getvalue().splitlines()) == n
    out = io.StringIO()
    assert write_csv(store, what, out) == n
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == n


def test_csv_events_are_flat(store):
    out = io.StringIO()
    write_csv(store, "events", out)
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["type"] == "CONSULT")
    assert row["source_name"] and row["location_lat"] == "48.2" and row["trigger_text"] == "met"


def test_flatten():
    assert flatten({"a": {"b": 1, "c": {"d": None}}, "e": [1, 2]}) == {"a_b": 1, "a_c_d": None, "e": "[1, 2]"}


def test_parquet(store, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    with open(path, "wb") as fh:
        assert write_parquet(store, "events", fh) == 4
    table = pq.read_table(path)
    assert table.num_rows == 4 and "source_country" in table.column_names
    with open(tmp_path / "articles.parquet", "wb") as fh:
        write_parquet(store, "articles", fh)
    assert pq.read_table(tmp_path / "articles.parquet").num_rows == 2


def test_geojson_events_with_coordinates(store):
    out = io.StringIO()
    assert write_geojson(store, "events", out) == 4
    collection = json.loads(out.getvalue())
    feature = collection["features"][0]
    assert collection["type"] == "FeatureCollection"
    assert feature["geometry"] == {"type": "Point", "coordinates": [16.37, 48.2]}
    assert feature["properties"]["place"] == "Vienna"
    with pytest.raises(ValueError):
        write_geojson(store, "quotes", io.StringIO())


def test_graphml_parses_and_escapes(store):
    out = io.StringIO()
    assert write_graphml(store, "events", out) == 2
    root = ET.fromstring(out.getvalue())
    graph = root.find(f"{GRAPHML}graph")
    names = {d.text for d in graph.iter(f"{GRAPHML}data") if d.get("key") == "name"}
    assert 'Brandt & <Sons> "Ltd"' in names and "Tomas Varga" in names
    edges = graph.findall(f"{GRAPHML}edge")
    assert all(e.find(f"{GRAPHML}data[@key='weight']").text == "1" for e in edges)


def test_export_command_writes_files(store, tmp_path, capsys):
    path = store.path
    out = tmp_path / "quotes.csv"
    assert main(["export", "--db", str(path), "--format", "csv", "--what", "quotes", "-o", str(out)]) == 0
    assert len(list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))) == 2
    assert main(["export", "--db", str(path), "--format", "geojson", "--what", "articles"]) == 2
    assert "GeoJSON export holds events" in capsys.readouterr().err
    assert main(["export", "--db", str(path), "--format", "graphml", "-o", str(tmp_path / "g.graphml")]) == 0
    ET.parse(tmp_path / "g.graphml")
