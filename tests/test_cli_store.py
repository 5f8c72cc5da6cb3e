"""The store's commands end to end: ingest (repeat, reprocess, failures), questions, kill and resume."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
REPO = Path(__file__).resolve().parents[1]
# articles/ (6) + articles.jsonl (3) + custom_fields.jsonl (2) + articles.csv (2) + feed.rss (2) + feed.atom (1)
FIXTURE_ARTICLES = 16


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One database with every fixture ingested, plus the stderr of that first run."""
    folder = tmp_path_factory.mktemp("ingest")
    bad = folder / "bad.jsonl"
    bad.write_text('{"text": "The Kesk ferry timetable changes on Monday, the operator said."}\n{broken\n')
    db = folder / "corpus.db"
    import io
    from contextlib import redirect_stderr

    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["ingest", str(FIXTURES), str(bad), "--db", str(db), "-j", "1", "--no-progress"])
    return db, code, err.getvalue(), bad


def test_ingest_every_fixture_with_failures_recorded(ingested):
    db, code, stderr, bad = ingested
    assert code == 1  # something failed: the exit code says so
    assert f"ingested {FIXTURE_ARTICLES + 1}, duplicates skipped 0, failed 3" in stderr
    # Each failed input is named on stderr, with its reason.
    assert f"newsgraph: failed: {bad}#2: invalid JSON" in stderr
    assert f"newsgraph: failed: {FIXTURES / 'feed.rss'}#3: " in stderr
    assert f"newsgraph: failed: {FIXTURES / 'no_text_column.csv'}: " in stderr
    assert "newsgraph failures --db" in stderr
    conn = sqlite3.connect(db)
    # Sorted by file name: the fixtures and the generated bad file sit in different folders.
    rows = conn.execute("SELECT file, record, reason FROM failures").fetchall()
    failures = sorted(((Path(f).name, r, reason) for f, r, reason in rows))
    assert [(name, r) for name, r, _ in failures] == [
        ("bad.jsonl", "#2"), ("feed.rss", "#3"), ("no_text_column.csv", ""),
    ]  # fmt: skip
    assert "invalid JSON" in failures[0][2]
    origins = {r[0] for r in conn.execute("SELECT origin FROM article_rows")}
    assert any(o.endswith("articles.jsonl#2") for o in origins)


def test_repeat_ingest_adds_nothing_and_reprocess_rewrites(ingested, capsys):
    db, *_ = ingested
    before = sqlite3.connect(db).execute("SELECT COUNT(*), SUM(n_entities) FROM article_rows").fetchone()
    assert (
        main(["ingest", str(FIXTURES / "articles.jsonl"), "--db", str(db), "-j", "1", "--no-progress"]) == 0
    )
    assert "ingested 0, duplicates skipped 3, failed 0" in capsys.readouterr().err
    assert main(["ingest", str(FIXTURES / "articles.jsonl"), "--db", str(db), "-j", "1", "--no-progress",
                 "--reprocess"]) == 0  # fmt: skip
    assert "ingested 3, duplicates skipped 0" in capsys.readouterr().err
    after = sqlite3.connect(db).execute("SELECT COUNT(*), SUM(n_entities) FROM article_rows").fetchone()
    assert after == before


def test_stats_json(ingested, capsys):
    db, *_ = ingested
    assert main(["stats", "--db", str(db), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == FIXTURE_ARTICLES + 1 and stats["failures"] == 3
    assert main(["stats", "--db", str(db)]) == 0
    assert "articles" in capsys.readouterr().out


def test_search_any_string(ingested, capsys):
    db, *_ = ingested
    assert main(["search", "lighthouse", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and rows[0]["title"] == "Lighthouse Restored"
    for typed in ['"', "NEAR(", "a OR", "*", "col:x"]:
        assert main(["search", typed, "--db", str(db)]) == 0


def test_who_and_the_query_functions(ingested, capsys):
    db, *_ = ingested
    from newsgraph.cli.store_queries import query_events, query_quotes

    assert main(["who", "Sorvik", "--db", str(db), "--json"]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert profile["name"] == "Linnea Sorvik" and profile["type"] == "PERSON"
    assert main(["who", "Nobody Whatsoever", "--db", str(db)]) == 1
    capsys.readouterr()
    quotes = argparse.Namespace(
        db=str(db), speaker=None, about="quays", since=None, until=None, output_format="json", limit=10
    )
    assert query_quotes(quotes) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("quays" in r["text"] for r in rows)
    events = argparse.Namespace(db=str(db), type=None, source=None, target=None, country=None, place=None,
                                since=None, until=None, output_format="table", limit=5)  # fmt: skip
    assert query_events(events) == 0
    assert "type" in capsys.readouterr().out


def test_failures_command_lists_the_table(ingested, capsys):
    db, *_ = ingested
    assert main(["failures", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted((Path(r["file"]).name, r["record"]) for r in rows) == [
        ("bad.jsonl", "#2"), ("feed.rss", "#3"), ("no_text_column.csv", ""),
    ]  # fmt: skip
    assert all(r["reason"] and r["run_id"] for r in rows)
    assert main(["failures", "--db", str(db), "--limit", "1", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["failures", "--db", str(db), "--run", rows[0]["run_id"]]) == 0
    captured = capsys.readouterr()
    assert "invalid JSON" in captured.out
    assert f"3 failure(s) in run {rows[0]['run_id']}" in captured.err
    assert main(["failures", "--db", str(db), "--last", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the latest run (a repeat or reprocess) failed nothing


def test_too_long_article_is_a_named_failure_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_ARTICLE_CHARS", "300")
    (tmp_path / "big.txt").write_text("The Kesk ferry sails on Monday. " * 20)
    (tmp_path / "good.txt").write_text(_story(1))
    db = tmp_path / "limit.db"
    assert main(["ingest", str(tmp_path), "--db", str(db), "-j", "1", "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert (
        f"newsgraph: failed: {tmp_path / 'big.txt'}: article is 639 characters long, over the limit of 300"
        in err
    )
    assert "ingested 1, duplicates skipped 0, failed 1" in err
    conn = sqlite3.connect(db)
    assert [Path(r[0]).name for r in conn.execute("SELECT origin FROM article_rows")] == ["good.txt"]
    assert "max_article_chars" in conn.execute("SELECT reason FROM failures").fetchone()[0]


def test_a_killed_run_is_marked_interrupted_on_the_next_start(tmp_path):
    import socket

    from newsgraph.batch.runner import mark_interrupted_runs
    from newsgraph.store import Store

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with Store(tmp_path / "runs.db") as store:
        host = socket.gethostname()
        killed = store.start_run("ingest a", settings={"pid": gone.pid, "host": host})
        alive = store.start_run("ingest b", settings={"pid": os.getpid(), "host": host})
        elsewhere = store.start_run("ingest c", settings={"pid": gone.pid, "host": host + "-other"})
        legacy = store.start_run("ingest d", settings={"jobs": 1})
        assert mark_interrupted_runs(store) == [killed]
        status = dict(store.conn.execute("SELECT id, status FROM runs").fetchall())
    assert status == {killed: "interrupted", alive: "running", elsewhere: "running", legacy: "running"}


def test_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "none.db")]) == 2
    err = capsys.readouterr().err
    assert "no such database" in err and "create it with `newsgraph ingest PATH" in err


def test_an_older_database_is_not_told_to_be_created(tmp_path, capsys):
    db = tmp_path / "older.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM migrations WHERE version = (SELECT MAX(version) FROM migrations)")
    conn.commit()
    conn.close()
    assert main(["stats", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "written by an older newsgraph" in err and "create it" not in err


def _story(i: int) -> str:
    towns = ["Valmora", "Dunhaven", "Corvale", "Kesk", "Brenn", "Ashwater"]
    return (
        f"Story {i}: the council of {towns[i % 6]} met on Monday to discuss repairs to road number {i}.\n\n"
        f"Councillor Mara Vell{i} said work on the road would start in {i + 2} weeks."
    )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM article_rows").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    # Enough stories that the run is still extracting when the test sees its first commits and kills
    # it, even on a loaded machine (with 12, a slow poll once let the run finish first).
    total = 48
    for i in range(total):
        (folder / f"story{i:02d}.txt").write_text(_story(i))
    db = tmp_path / "resume.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", str(db), "--batch-size", "2",
               "--no-progress"]  # fmt: skip
    proc = subprocess.Popen(
        [*command, "-j", "2"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while _count(db) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the first run ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the writer and its workers, as kill -9 would leave them
    finally:
        proc.wait(timeout=30)
    assert 2 <= _count(db) < total
    done = subprocess.run([*command, "-j", "1"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "failed 0" in done.stderr
    assert "had been killed; marked interrupted" in done.stderr
    conn = sqlite3.connect(db)
    assert sorted(r[0] for r in conn.execute("SELECT status FROM runs")) == ["finished", "interrupted"]
    origins = [Path(r[0]).name for r in conn.execute("SELECT origin FROM article_rows")]
    assert sorted(origins) == [f"story{i:02d}.txt" for i in range(total)]
    assert conn.execute("SELECT COUNT(DISTINCT content_hash) FROM article_rows").fetchone()[0] == total
