"""``newsgraph quotes``: text and JSON output, and the store-query options."""

from __future__ import annotations

import json

import pytest

from newsgraph.cli import build_parser, main

ARTICLE = (
    "Harbour Plans Approved\n"
    "Senator Paul Brandt told the Daily Ledger that the vote would be delayed.\n"
    "“The plan is sound,” Brandt said, “and it will work.”\n"
)


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_text_lines(article_file, capsys):
    assert main(["quotes", str(article_file), "--published", "2026-01-02"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert "Brandt" in lines[0] and lines[0].endswith(': "the vote would be delayed"')
    assert lines[1].endswith(': "The plan is sound, and it will work."')


def test_json_output(article_file, capsys):
    assert main(["quotes", str(article_file), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    kinds = [q["kind"] for q in payload["quotes"]]
    assert kinds == ["indirect", "direct"]
    assert payload["quotes"][0]["cue"] == "told"


def test_missing_file_fails_cleanly(tmp_path, capsys):
    assert main(["quotes", str(tmp_path / "absent.txt")]) == 1
    assert "absent.txt" in capsys.readouterr().err


def test_store_query_options_are_declared():
    args = build_parser().parse_args(
        [
            "quotes",
            "--db",
            "news.db",
            "--speaker",
            "Brandt",
            "--about",
            "harbour",
            "--since",
            "2026-01-01",
            "--until",
            "2026-02-01",
            "--json",
            "--limit",
            "5",
        ]
    )
    assert args.paths == []
    assert (args.db, args.speaker, args.about, args.output_format, args.limit) == (
        "news.db",
        "Brandt",
        "harbour",
        "json",
        5,
    )
    assert (args.since, args.until) == ("2026-01-01", "2026-02-01")
