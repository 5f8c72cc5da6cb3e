"""Fixtures for the web tests: a store built from a fictional article (plus the seed when present)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "000_bfcdec46135241da.txt"
SEED_PUBLISHED = "2025-11-08"

# Fictional people; real places so the geocoder has something to place on the map.
# The last paragraph carries markup that must come back as text, never as HTML.
FICTIONAL_TITLE = "Talks open in Geneva as Norway offers aid <b>live</b>"
FICTIONAL_TEXT = """Talks open in Geneva as Norway offers aid

The foreign minister of Norway, Ingrid Solvang, met Kenyan envoy Peter Mwangi in Geneva on Tuesday to \
discuss a ceasefire. "We will not accept threats against aid workers," Solvang told reporters after the meeting.

Protesters in Nairobi accused the government of ignoring the talks. Police arrested 30 demonstrators, \
according to a statement from the Interior Ministry.

Norway pledged $5 million in humanitarian aid to Kenya on Wednesday. Mwangi said the government would \
consider the offer.

A reader's comment quoted in the piece read <script>alert('owned')</script> and \
<img src=x onerror=alert(1)> verbatim."""
FICTIONAL_PUBLISHED = "2026-01-06"


@pytest.fixture(scope="session")
def web_records(pipeline, request):
    """Extracted records: the fictional article, and the seed article when ../shared has it."""
    records = {
        "fictional": pipeline.extract(
            FICTIONAL_TEXT, title=FICTIONAL_TITLE, published=FICTIONAL_PUBLISHED, source="Example Wire"
        )
    }
    if SEED.is_file():
        from newsgraph.ingest import read_article

        records["seed"] = pipeline.extract_article(read_article(SEED, published=SEED_PUBLISHED))
    return records


@pytest.fixture(scope="session")
def web_db(web_records, tmp_path_factory) -> Path:
    """A store file holding ``web_records``; tests must not write to it (copy it first)."""
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        for record in web_records.values():
            store.add_document(record, origin=record.article.origin)
    return path


@pytest.fixture()
def writable_db(web_db, tmp_path) -> Path:
    """A private copy of ``web_db`` a test may write to."""
    from newsgraph.store import Store

    copy = tmp_path / "copy.db"
    with Store(web_db) as source:
        source.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy.write_bytes(web_db.read_bytes())
    return copy


@pytest.fixture(scope="session")
def web_app(web_db, pipeline):
    from newsgraph.web import create_app

    return create_app(web_db, read_only=True, pipeline_factory=lambda: pipeline)


@pytest.fixture(scope="session")
def client(web_app):
    from fastapi.testclient import TestClient

    with TestClient(web_app) as test_client:
        yield test_client
