"""CLI conventions of sqlite-utils and csvkit: validated options, --version, output formats, any input.

The store is built once from the bundled sample articles (fictional stories written for the project).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsgraph.cli import build_parser, main

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("conventions") / "samples.db"
    assert main(["ingest", str(SAMPLES), "--db", str(path), "-j", "1", "--no-progress"]) == 0
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refusals
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_samples_carry_titles_dates_and_dyadic_events(db, capsys):
    code, out, _ = run(capsys, "stats", "--db", str(db), "--json")
    stats = json.loads(out)
    assert code == 0 and stats["articles"] == len(SAMPLES.read_text().splitlines()) >= 10
    assert stats["published_range"]["first"] < stats["published_range"]["last"]
    code, out, _ = run(capsys, "events", "--db", str(db), "--json", "--limit", "500")
    events = json.loads(out)
    dyads = [
        e for e in events if e["source"] and e["target"] and e["source"]["entity"] and e["target"]["entity"]
    ]
    assert len(dyads) >= 3, "the network page needs events between two known actors"
    assert all(e["date"] for e in events)


def test_search_keeps_the_match_markers(db, capsys):
    code, out, _ = run(capsys, "search", "ceasefire", "--db", str(db), "--table")
    assert code == 0
    assert "ceasefire" in out.split("snippet", 1)[1].lower()
    code, out, _ = run(capsys, "search", "ceasefire", "--db", str(db), "--tsv")
    snippets = [row["snippet"] for row in csv.DictReader(io.StringIO(out), dialect="excel-tab")]
    assert snippets and all("[ceasefire]" in s.lower() for s in snippets)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["events", "--type", "BOMBING"], ["'BOMBING'", "ASSAULT", "THREATEN"]),
        (["events", "--since", "yesterday"], ["'yesterday'", "YYYY-MM-DD"]),
        (["events", "--until", "2025-13"], ["'2025-13'", "YYYY-MM-DD"]),
        (["events", "--country", "Estavia"], ["alpha-3"]),
        (["quotes", "--since", "last week"], ["'last week'", "YYYY-MM-DD"]),
        (["search", "x", "--limit", "-3"], ["'-3'"]),
    ],
)
def test_bad_option_values_are_refused_naming_what_is_allowed(db, capsys, argv, says):
    code, out, err = run(capsys, *argv, "--db", str(db))
    assert code == 2 and out == ""
    for word in says:
        assert word in err


def test_type_is_case_insensitive_and_partial_dates_cover_the_period(db, capsys):
    code, out, _ = run(capsys, "events", "--db", str(db), "--type", "accuse", "--until", "2025-02", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert {r["type"] for r in rows} == {"ACCUSE"}
    assert any(r["date"].startswith("2025-02") for r in rows), "--until 2025-02 includes the whole month"
    code, out, _ = run(capsys, "events", "--db", str(db), "--since", "2025-11", "--json")
    assert all(r["date"] >= "2025-11-01" for r in json.loads(out))


def test_version_and_help_for_users(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("newsgraph 0.")
    help_text = build_parser().format_help()
    assert "thin argument parsing" not in help_text
    assert "examples:" in help_text and "newsgraph ingest" in help_text


@pytest.mark.parametrize(
    "argv",
    [["search", "ceasefire"], ["quotes"], ["events"], ["events", "--type", "ACCUSE"]],
    ids=["search", "quotes", "events", "events-filtered"],
)
def test_every_listing_command_prints_json_nl_csv_and_tsv(db, capsys, argv):
    base = [*argv, "--db", str(db), "--limit", "8"]
    _, out, _ = run(capsys, *base, "--json")
    records = json.loads(out)
    assert records
    _, out, _ = run(capsys, *base, "--nl")
    assert [json.loads(line) for line in out.splitlines()] == records
    _, out, _ = run(capsys, *base, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(records)
    _, out, _ = run(capsys, *base, "--tsv")
    tsv = list(csv.reader(io.StringIO(out), dialect="excel-tab"))
    assert tsv[0] == list(rows[0].keys()) and len(tsv) == len(records) + 1
    _, out, _ = run(capsys, *base, "--csv", "--no-headers")
    assert len(list(csv.reader(io.StringIO(out)))) == len(records)


def test_piped_output_is_one_row_a_line_not_a_box_table(db, capsys):
    """capsys is not a terminal: the default is TSV, never wrapped at 80 columns."""
    code, out, _ = run(capsys, "events", "--db", str(db), "--limit", "20")
    assert code == 0
    lines = out.splitlines()
    assert not any(ch in out for ch in "┃│┏━")
    assert len(lines) == 21
    assert len({line.count("\t") for line in lines}) == 1
    assert max(len(line) for line in lines) > 80


def _two_record_inputs(tmp_path: Path) -> list[Path]:
    first, second = (json.loads(line) for line in SAMPLES.read_text().splitlines()[:2])
    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n")
    table = tmp_path / "two.csv"
    with table.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "published", "text"])
        writer.writeheader()
        for record in (second, first):
            writer.writerow({k: record[k] for k in ("title", "published", "text")})
    return [jsonl, table]


def test_extract_quotes_and_events_read_what_ingest_reads(tmp_path, capsys):
    jsonl, table = _two_record_inputs(tmp_path)
    first, second = (json.loads(line) for line in jsonl.read_text().splitlines())
    code, out, err = run(capsys, "extract", str(jsonl), str(table), "--format", "jsonl")
    assert code == 0, err
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["article"]["title"] for d in docs] == [
        first["title"],
        second["title"],
        second["title"],
        first["title"],
    ]
    assert docs[0]["article"]["published"] == first["published"]
    code, out, err = run(capsys, "events", str(jsonl), "--format", "json")
    assert code == 0, err
    assert len(out.splitlines()) == 2
    code, out, err = run(capsys, "quotes", str(table), "--csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["title"] for r in rows] == sorted(
        (r["title"] for r in rows), key=[second["title"], first["title"]].index
    )
    assert {r["title"] for r in rows} == {first["title"], second["title"]}


def test_command_line_metadata_fills_only_what_a_record_lacks(tmp_path, capsys):
    jsonl, _ = _two_record_inputs(tmp_path)
    undated = tmp_path / "undated.txt"
    undated.write_text("Officials in Marhaven said on Monday the bridge would reopen.")
    code, out, err = run(
        capsys, "extract", str(jsonl), str(undated), "--published", "2030-01-01", "--format", "jsonl"
    )
    assert code == 0, err
    dates = [json.loads(line)["article"]["published"] for line in out.splitlines()]
    assert dates[:2] != ["2030-01-01", "2030-01-01"] and dates[2] == "2030-01-01"


def test_a_bad_record_is_reported_and_the_others_extracted(tmp_path, capsys):
    jsonl, _ = _two_record_inputs(tmp_path)
    lines = jsonl.read_text().splitlines()
    jsonl.write_text(lines[0] + "\n{broken\n" + lines[1] + "\n")
    code, out, err = run(capsys, "extract", str(jsonl), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 2
    assert "#2" in err and "1 of 3 input(s) failed" in err


def test_who_piped_is_titled_tsv_with_names_not_objects(db, capsys):
    code, out, _ = run(capsys, "who", "Ivo Kasprzak", "--db", str(db))
    assert code == 0
    assert not any(ch in out for ch in "┃│┏━")
    assert "# Quotes" in out and "{" not in out.split("# Events as source", 1)[-1].split("# ", 1)[0]
