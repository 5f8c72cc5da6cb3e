"""What the load fixes rest on: answers kept only while the store is unchanged, map points read
directly, the place filter on its index, several worker processes on one port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app
from newsgraph.web.cache import CorpusCache, StoreVersion

REPO = Path(__file__).resolve().parents[2]


def test_cache_keeps_answers_until_another_connection_commits(writable_db, web_records):
    import dataclasses

    from newsgraph.store import Store

    cache = CorpusCache(StoreVersion(writable_db))
    calls = []

    def count() -> int:
        calls.append(1)
        with Store(writable_db, read_only=True) as store:
            return store.stats()["articles"]

    first = cache.get("articles", count)
    assert cache.get("articles", count) == first and len(calls) == 1
    record = web_records["fictional"]
    article = dataclasses.replace(record.article, id="another", text=record.article.text + "\n\nAnd more.")
    with Store(writable_db) as store:
        store.add_document(dataclasses.replace(record, article=article))
    assert cache.get("articles", count) == first + 1 and len(calls) == 2


def test_cache_computes_a_question_asked_at_once_only_once(web_db):
    cache = CorpusCache(StoreVersion(web_db))
    calls = []
    started = threading.Event()

    def slow() -> str:
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return "answer"

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(cache.get("q", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert answers == ["answer"] * 8 and len(calls) == 1


def test_cache_is_bounded(web_db):
    cache = CorpusCache(StoreVersion(web_db), max_entries=3)
    for i in range(10):
        cache.get(i, lambda i=i: i)
    assert cache.get(9, lambda: -1) == 9 and cache.get(0, lambda: -1) == -1


def test_pages_see_a_write_at_once(writable_db, pipeline):
    with TestClient(create_app(writable_db, pipeline_factory=lambda: pipeline)) as writer:
        before = writer.get("/api/stats").json()["articles"]
        home_before = writer.get("/index.json").json()["stats"]["articles"]
        added = writer.post("/api/extract", json={"text": "Kenya accused Norway of spying on Monday."})
        assert added.json()["stored"] is True
        assert writer.get("/api/stats").json()["articles"] == before + 1
        assert writer.get("/index.json").json()["stats"]["articles"] == home_before + 1


def located_the_old_way(events: list[dict]) -> list[dict]:
    """The map points as the pages computed them before ``Store.map_points``."""
    points = []
    for event in events:
        location = event.get("location") or {}
        if location.get("lat") is None or location.get("lon") is None:
            continue
        points.append(
            {
                "lat": location["lat"],
                "lon": location["lon"],
                "place": location.get("name"),
                "country": location.get("country"),
                "type": event.get("type"),
                "source": (event.get("source") or {}).get("name"),
                "target": (event.get("target") or {}).get("name"),
                "trigger": (event.get("trigger") or {}).get("text"),
                "article_id": event.get("article_id"),
                "published": event.get("published"),
                "geo_precision": location.get("geo_precision"),
            }
        )
    return points


@pytest.mark.parametrize("filters", [{}, {"type": "AID"}, {"country": "NOR"}, {"since": "2026-01-01"}])
def test_map_points_are_the_located_events(web_db, filters):
    from newsgraph.store import Store

    with Store(web_db, read_only=True) as store:
        assert located_the_old_way(store.events(limit=5000)), "the fixture store has located events"
        expected = located_the_old_way(store.events(limit=5000, **filters))
        assert store.map_points(limit=5000, **filters) == expected
        assert store.map_points(limit=1, **filters) == located_the_old_way(store.events(limit=1, **filters))


def test_place_filter_ignores_case(client):
    events = client.get("/api/events", params={"limit": 1000}).json()
    places = {e["location"]["name"] for e in events if e.get("location")}
    assert places, "the fixture store has located events"
    place = sorted(places)[0]
    exact = client.get("/api/events", params={"place": place}).json()
    assert exact and all(e["location"]["name"] == place for e in exact)
    for variant in (place.lower(), place.upper()):
        assert client.get("/api/events", params={"place": variant}).json() == exact
    assert client.get("/api/events", params={"place": place + "-nowhere"}).json() == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_with_two_workers(web_db):
    import httpx

    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(web_db), "--read-only"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.3)
        assert response.status_code == 200 and response.json()["articles"] >= 1
        workers = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(workers) == 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert server.returncode == 0


def test_serve_refuses_a_bad_worker_count(web_db):
    from newsgraph.cli import main

    assert main(["serve", "--db", str(web_db), "--read-only", "--workers", "0"]) == 2
