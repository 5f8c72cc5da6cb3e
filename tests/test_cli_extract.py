"""``newsgraph extract``: formats, many paths, standard input, dates and bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.cli import main

ARTICLE_A = (
    "Ceasefire Talks Open in Vienna\n"
    'Foreign Minister Anna Kovacs said on Friday that talks in Vienna would continue. "We are close," she said.'
)
ARTICLE_B = "Floods displaced at least 3,000 people near Lyon on Tuesday, officials said."


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    files = {
        "a": tmp_path / "a.txt",
        "b": tmp_path / "b.txt",
        "cp1252": tmp_path / "cp1252.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "html_no_body": tmp_path / "nobody.html",
        "directory": tmp_path / "folder.txt",
        "missing": tmp_path / "missing.txt",
        "unsupported": tmp_path / "report.pdf",
    }
    files["a"].write_text(ARTICLE_A, encoding="utf-8")
    files["b"].write_text(ARTICLE_B, encoding="utf-8")
    files["cp1252"].write_bytes(
        "The mayor of Liège said “the bridge will reopen” on Monday.".encode("cp1252")
    )
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["html_no_body"].write_text("<html><head><title>Nothing</title></head><body></body></html>")
    files["directory"].mkdir()
    files["unsupported"].write_bytes(b"%PDF-1.4 not an article")
    return files


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_format_is_the_document_contract(capsys, articles):
    code, out, err = run_cli(capsys, str(articles["a"]), "--published", "2026-01-02", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["text"] == ARTICLE_A
    assert data["article"]["published"] == "2026-01-02"
    for key in ("entities", "quotes", "events", "quantities", "places", "times"):
        assert isinstance(data[key], list)
    assert any(p["name"] == "Vienna" and p["country"] == "AUT" for p in data["places"])


def test_jsonl_keeps_the_order_of_the_paths(capsys, articles):
    code, out, err = run_cli(capsys, str(articles["b"]), str(articles["a"]), "--format", "jsonl")
    assert code == 0, err
    lines = out.splitlines()
    assert [json.loads(line)["text"] for line in lines] == [ARTICLE_B, ARTICLE_A]


def test_json_with_many_paths_prints_one_document_a_line(capsys, articles):
    code, out, _ = run_cli(capsys, str(articles["a"]), str(articles["b"]))
    assert code == 0
    assert [json.loads(line)["text"] for line in out.splitlines()] == [ARTICLE_A, ARTICLE_B]


def test_text_format_is_readable(capsys, articles):
    code, out, _ = run_cli(capsys, str(articles["b"]), "--format", "text", "--title", "Floods")
    assert code == 0
    assert out.startswith("== Floods")
    assert "Places" in out and "Lyon" in out


def test_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_B.encode("utf-8"))))
    code, out, err = run_cli(capsys, "-", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["text"] == ARTICLE_B


@pytest.mark.parametrize("published", ["02/01/2026", "2026-13-45", "yesterday"])
def test_bad_published_date_is_refused(capsys, articles, published):
    code, out, err = run_cli(capsys, str(articles["a"]), "--published", published)
    assert code == 2
    assert out == ""
    assert "--published" in err and published in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing", "no such file"),
        ("directory", "is a folder with no article files"),
        ("binary", "binary file"),
        ("empty", "empty file"),
        ("html_no_body", "no article body"),
        ("unsupported", "unsupported file type"),
    ],
)
def test_bad_input_is_reported_and_the_rest_processed(capsys, articles, name, reason):
    bad = articles[name]
    code, out, err = run_cli(capsys, str(articles["a"]), str(bad), str(articles["b"]), "--format", "jsonl")
    assert code == 1
    assert [json.loads(line)["text"] for line in out.splitlines()] == [ARTICLE_A, ARTICLE_B]
    errors = [line for line in err.splitlines() if str(bad) in line]
    assert len(errors) == 1, err
    assert reason in errors[0]
    assert "1 of 3 input(s) failed" in err


def test_too_long_article_is_named_and_the_next_file_still_read(capsys, articles, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The ferry sails. " * 60_000)  # 1,020,000 characters, over the default limit
    code, out, err = run_cli(capsys, str(big), str(articles["b"]), "--format", "jsonl")
    assert code == 1
    assert [json.loads(line)["text"] for line in out.splitlines()] == [ARTICLE_B]
    assert (
        f"newsgraph: error: {big}: article is 1,019,999 characters long, over the limit of 1,000,000 "
        "(setting max_article_chars)" in err
    )
    assert "E088" not in err and "Traceback" not in err


def test_legacy_encoding_is_reported_as_a_warning(capsys, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Le maire de Liège a dit « très bien » à la télévision mardi.".encode("cp1252"))
    code, out, err = run_cli(capsys, str(legacy), "--format", "jsonl")
    assert code == 0
    assert json.loads(out)["text"] == "Le maire de Liège a dit « très bien » à la télévision mardi."
    assert f"newsgraph: warning: {legacy}: not valid UTF-8; decoded as cp1252 (detected)" in err


def test_every_bad_input_at_once(capsys, articles):
    bad = ["missing", "directory", "binary", "empty", "html_no_body"]
    paths = [str(articles["a"]), *(str(articles[n]) for n in bad), str(articles["b"])]
    code, out, err = run_cli(capsys, *paths, "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 2
    for name in bad:
        assert sum(str(articles[name]) in line for line in err.splitlines()) == 1, name


def test_cp1252_file_is_decoded_not_refused(capsys, articles):
    code, out, err = run_cli(capsys, str(articles["cp1252"]))
    assert code == 0, err
    text = json.loads(out)["text"]
    assert text == "The mayor of Liège said “the bridge will reopen” on Monday."


def test_command_line_through_a_real_process(articles):
    """The installed entry point, standard input and a failing path in one run."""
    command = [
        sys.executable,
        "-m",
        "newsgraph",
        "extract",
        "-",
        str(articles["missing"]),
        "--format",
        "jsonl",
    ]
    done = subprocess.run(command, input=ARTICLE_B.encode(), capture_output=True, timeout=300)
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert [json.loads(line)["text"] for line in lines] == [ARTICLE_B]
    err = done.stderr.decode()
    assert f"{articles['missing']}: no such file" in err
