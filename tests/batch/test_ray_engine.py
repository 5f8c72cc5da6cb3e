"""Ingest through Ray: the same database as the local pool, bad records as failures, shards loaded once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpora import RAY_RUN_LIMIT_S, bounded, write_corpus
from dbdump import dump

from newsgraph.batch import ExtractionPool, IngestOptions
from newsgraph.batch.ray_engine import RayOptions, ingest_with_ray
from newsgraph.batch.runner import IngestSummary
from newsgraph.batch.shards import load_shards, shard_files
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import discover
from newsgraph.settings import load_settings
from newsgraph.store import Store


def ingest_local(corpus: Path, db: Path, jobs: int = 2) -> str:
    """The local pool (-j 2) in a process of its own: its workers fork, and this process runs a Ray
    driver, beside which a forked worker can deadlock. What the command printed."""
    command = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(db), "-j", str(jobs),
               "--batch-size", "8", "--no-progress"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=RAY_RUN_LIMIT_S)
    assert done.returncode == 0, done.stderr
    return done.stderr


def ingest_ray(corpus: Path, db: Path, shards: Path):
    settings = load_settings(db=db)
    sources, errors = discover([str(corpus)])
    with Store(db) as store, bounded():
        return ingest_with_ray(
            store, settings, sources, IngestOptions(), RayOptions(shards=shards, concurrency=2), errors=errors
        )


@pytest.fixture(scope="module")
def clean_run(ray_cluster, tmp_path_factory):
    """A few dozen fictional articles ingested through Ray and through the local pool (-j 2)."""
    tmp = tmp_path_factory.mktemp("clean")
    corpus = write_corpus(tmp / "corpus", n=30)
    ray_summary = ingest_ray(corpus, tmp / "ray.db", tmp / "shards")
    local_printed = ingest_local(corpus, tmp / "local.db")
    return tmp, ray_summary, local_printed


def test_ray_and_local_pool_give_identical_databases(clean_run):
    tmp, ray_summary, local_printed = clean_run
    assert ray_summary.ingested == 33 and ray_summary.failed == 0
    assert "ingested 33, duplicates skipped 0, failed 0" in local_printed
    ray_db, local_db = dump(tmp / "ray.db"), dump(tmp / "local.db")
    assert ray_db["event_rows"] and ray_db["corpus_entities"] and ray_db["event_clusters"]
    assert ray_db == local_db


def test_shards_are_typed_parquet_in_input_order(clean_run):
    tmp, _, _ = clean_run
    files = shard_files(tmp / "shards")
    # The three text samples (sorted first by name) form one unit, wire.jsonl the next.
    assert [f.name for f in files] == ["000000-00000.parquet", "000001-00000.parquet"]
    table = pq.read_table(files[1])
    assert str(table.schema.field("published").type) == "date32[day]"
    assert table.column("seq").to_pylist() == list(range(30))
    assert table.column("origin").to_pylist()[:2] == [
        f"{tmp}/corpus/wire.jsonl#1",
        f"{tmp}/corpus/wire.jsonl#2",
    ]
    assert set(table.column("status").to_pylist()) == {"ok"}


def test_loading_shards_elsewhere_gives_the_same_database_once(clean_run):
    tmp, _, _ = clean_run
    db = tmp / "loaded.db"
    with Store(db) as store:
        for _ in range(2):  # the second pass finds every shard loaded already
            summary = IngestSummary(run_id=store.start_run("load"))
            load_shards(store, shard_files(tmp / "shards"), summary)
        assert summary.processed == 0
    assert dump(db) == dump(tmp / "ray.db")


def test_killed_run_resumes_without_recomputing_written_shards(clean_run):
    tmp, _, _ = clean_run
    shards = tmp / "shards"
    first, second = shard_files(shards)
    kept = first.stat().st_mtime_ns
    second.unlink()  # as if the run was killed before its second shard (and so before its unit was done)
    (shards / "000001.done").unlink()
    summary = ingest_ray(tmp / "corpus", tmp / "ray.db", shards)  # same inputs, same shard folder
    assert first.stat().st_mtime_ns == kept and second.is_file()
    assert summary.ingested == 0 and summary.duplicates == 30  # its articles were stored: not extracted again
    assert dump(tmp / "ray.db") == dump(tmp / "local.db")


def test_local_pool_refuses_to_fork_beside_a_ray_driver(ray_cluster):
    pool = ExtractionPool(load_settings(), jobs=2)
    with pytest.raises(NewsgraphError, match="runs a Ray driver"):
        pool.start()
    assert pool._pool is None  # nothing forked


def test_bad_records_among_good_ones_become_failures(ray_cluster, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=12, bad=True)
    summary = ingest_ray(corpus, tmp_path / "bad.db", tmp_path / "shards")
    assert summary.ingested == 15 and summary.failed == 4
    with Store(tmp_path / "bad.db") as store:
        failures = {(os.path.basename(f["file"]), f["record"]) for f in store.failures()}
        assert failures == {
            ("wire.jsonl", "#4"),
            ("wire.jsonl", "#8"),
            ("wire.jsonl", "#12"),
            ("empty.txt", ""),
        }
        assert store.count_articles() == 15
        run = store.conn.execute("SELECT status, n_failed FROM runs").fetchone()
        assert tuple(run) == ("finished", 4)


def test_local_cluster_writes_nothing_in_the_home_folder(clean_run, ray_cluster):
    _, home = ray_cluster
    assert list(home.iterdir()) == []


def test_ingest_command_with_the_ray_engine(ray_cluster, tmp_path, capsys):
    from newsgraph.cli import main

    corpus = write_corpus(tmp_path / "corpus", n=4)
    db, shards = tmp_path / "cli.db", tmp_path / "cli-shards"
    args = [
        "ingest",
        str(corpus),
        "--engine",
        "ray",
        "--db",
        str(db),
        "--shards",
        str(shards),
        "--concurrency",
        "1",
    ]
    with bounded():
        assert main(args) == 0
    err = capsys.readouterr().err
    assert "shard 000001-00000.parquet" in err and "ingested 7, duplicates skipped 0, failed 0" in err
    with bounded():
        assert main([*args, "--no-progress"]) == 0  # again: every shard loaded already, nothing extracted
    assert "ingested 0, duplicates skipped 0, failed 0" in capsys.readouterr().err
    assert main(["ingest", "-", "--engine", "ray", "--db", str(db)]) == 2
    assert "cannot read standard input" in capsys.readouterr().err
