"""The ingest run without the model: batching, duplicates, extraction failures, run records."""

from __future__ import annotations

import json

import pytest

from newsgraph.batch import Ingester, IngestOptions
from newsgraph.batch.pool import extract_batch
from newsgraph.batch.runner import split_origin
from newsgraph.ingest import discover
from newsgraph.records import DocumentRecord
from newsgraph.settings import Settings
from newsgraph.store import Store


class FakePipeline:
    """Stands in for the NLP pipeline: an empty record per article, an error for texts saying BOOM."""

    def extract_article(self, article):
        if "BOOM" in article.text:
            raise RuntimeError("stage crashed")
        return DocumentRecord(article=article)

    def extract_articles(self, articles, batch_size=None):
        for article in articles:
            yield self.extract_article(article)


@pytest.mark.parametrize(
    ("origin", "expected"),
    [("a.jsonl#12", ("a.jsonl", "#12")), ("dir/a.txt", ("dir/a.txt", "")), ("x#frag.txt", ("x#frag.txt", "")),
     ("feed.rss#3[1]", ("feed.rss", "#3[1]"))],
)  # fmt: skip
def test_split_origin(origin, expected):
    assert split_origin(origin) == expected


def test_extract_batch_isolates_the_failing_article():
    from newsgraph.articles import make_article

    articles = [make_article("calm one"), make_article("BOOM two"), make_article("calm three")]
    results = extract_batch(articles, FakePipeline())
    assert [r is not None for r, _ in results] == [True, False, True]
    assert "stage crashed" in results[1][1]


def test_run_records_failures_duplicates_and_commits_batches(tmp_path):
    lines = [{"text": f"Plain story number {i} about the Valmora harbour."} for i in range(5)]
    lines.insert(2, {"text": "BOOM goes this one."})
    lines.append({"text": "Plain story number 0 about the Valmora harbour."})  # the same text again
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{bad json\n")
    sources, errors = discover([str(path), str(tmp_path / "missing.txt")])
    seen = []
    with Store(tmp_path / "run.db") as store:
        ingester = Ingester(store, Settings(), IngestOptions(jobs=1, batch_size=2))
        ingester.pool._pipeline = FakePipeline()
        summary = ingester.run(sources, errors=errors, on_batch=lambda s: seen.append(s.processed))
        assert (summary.ingested, summary.duplicates, summary.failed) == (5, 1, 3)
        assert seen == [2, 4, 6]
        failures = {(f["record"], f["reason"].split(":")[0]) for f in store.failures()}
        assert failures == {
            ("#3", "extraction failed"),
            ("#8", "invalid JSON"),
            ("", "no such file or folder"),
        }
        run = store.stats()["latest_run"]
        assert (run["status"], run["n_ingested"], run["n_failed"]) == ("finished", 5, 3)
        again = Ingester(store, Settings(), IngestOptions(jobs=1, batch_size=2))
        again.pool._pipeline = FakePipeline()
        second = again.run(sources)
        assert (second.ingested, second.duplicates) == (0, 6)
        assert store.count_articles() == 5
