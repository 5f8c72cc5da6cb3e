"""``newsgraph events``: a table or JSON of an article's events."""

from __future__ import annotations

import json

from newsgraph.cli import build_parser, main

ARTICLE = "Chinese troops attacked an Indian border post on Tuesday, killing two soldiers.\n"


def test_events_table(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["events", str(path), "--published", "2026-01-08"]) == 0
    out = capsys.readouterr().out
    assert "ASSAULT" in out and "[CHN" in out and "[IND" in out and '"attacked"' in out


def test_events_json(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["events", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["events"][0]["type"] == "ASSAULT"
    assert data["events"][0]["source"]["country"] == "CHN"


def test_store_query_options_are_declared():
    args = build_parser().parse_args(
        ["events", "--db", "x.db", "--type", "ASSAULT", "--source", "RUS", "--target", "UKR",
         "--country", "UKR", "--place", "Kyiv", "--since", "2025-01-01", "--until", "2025-12-31",
         "--json", "--limit", "5"]
    )  # fmt: skip
    assert args.paths == [] and args.limit == 5 and args.output_format == "json" and args.type == "ASSAULT"


def test_bad_published_date(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["events", str(path), "--published", "yesterday"]) == 2
