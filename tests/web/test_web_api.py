"""The JSON API through the in-process client, over a store built from real extractions."""

from __future__ import annotations

import json

import pytest


def first_article_id(client, **params) -> str:
    rows = client.get("/api/articles", params=params).json()
    assert rows, "the fixture store holds articles"
    return rows[0]["id"]


def fictional_id(client) -> str:
    rows = client.get("/api/articles", params={"source": "Example Wire"}).json()
    assert len(rows) == 1
    return rows[0]["id"]


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/quotes",
        "/api/events",
        "/api/events/timeline",
        "/api/search",
        "/api/stats",
        "/api/network",
        "/api/extract",
    ):
        assert path in paths, path
    body = paths["/api/extract"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert not any(p.startswith("/articles") for p in paths), "pages stay out of the API document"


def test_articles_list_has_ids_and_pagination(client, web_records):
    response = client.get("/api/articles", params={"limit": 1})
    assert response.status_code == 200
    rows = response.json()
    assert len(rows) == 1 and isinstance(rows[0]["id"], str)
    assert response.headers["x-total-count"] == str(len(web_records))
    if len(web_records) > 1:
        assert 'rel="next"' in response.headers["link"]
        second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
        assert second[0]["id"] != rows[0]["id"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2026-01-01"}, {"fictional"}),
        ({"until": "2025-12-31"}, {"seed"}),
        ({"source": "Example Wire"}, {"fictional"}),
    ],
)
def test_articles_filters(client, web_records, params, expected):
    expected &= set(web_records)
    ids = {row["id"] for row in client.get("/api/articles", params=params).json()}
    assert ids == {web_records[name].article.id for name in expected}


def test_article_in_document_contract(client):
    article_id = fictional_id(client)
    document = client.get(f"/api/articles/{article_id}").json()
    assert set(document) >= {
        "article",
        "entities",
        "quotes",
        "events",
        "quantities",
        "places",
        "times",
        "text",
    }
    assert document["article"]["id"] == article_id
    text = document["text"]
    for entity in document["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in document["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
    names = {e["name"] for e in document["entities"]}
    assert "Ingrid Solvang" in names


@pytest.mark.parametrize("path", ["/api/articles/no-such-id", "/api/entities/no-such-id"])
def test_unknown_ids_are_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "no-such-id" in response.json()["detail"]


def test_entities_and_profile(client):
    rows = client.get("/api/entities", params={"q": "Solvang"}).json()
    assert rows and rows[0]["name"] == "Ingrid Solvang"
    profile = client.get(f"/api/entities/{rows[0]['id']}").json()
    assert profile["name"] == "Ingrid Solvang"
    assert any("not accept threats" in q["text"] for q in profile["quotes"])
    assert all(isinstance(e["type"], str) for e in profile["events_as_source"])


def test_entities_type_filter(client):
    rows = client.get("/api/entities", params={"type": "gpe", "limit": 100}).json()
    assert rows and {r["type"] for r in rows} == {"GPE"}


def test_quotes_by_speaker(client):
    rows = client.get("/api/quotes", params={"speaker": "Ingrid Solvang"}).json()
    assert rows and all(r["speaker_name"] == "Ingrid Solvang" for r in rows)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"type": "accuse"}, lambda e: e["type"] == "ACCUSE"),
        ({"type": "AID", "since": "2026-01-01"}, lambda e: e["type"] == "AID"),
        (
            {"country": "nor"},
            lambda e: "NOR" in {(e["source"] or {}).get("country"), (e["target"] or {}).get("country")},
        ),
    ],
)
def test_events_filters(client, params, check):
    rows = client.get("/api/events", params=params).json()
    assert rows, params
    assert all(check(e) for e in rows)


def test_events_bad_filters_are_422(client):
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"country": "Norway"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_events_timeline(client):
    rows = client.get("/api/events/timeline").json()
    assert rows and all({"period", "type", "n"} <= set(r) for r in rows)
    assert sum(r["n"] for r in rows) == client.get("/api/stats").json()["events"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "AND OR NOT",
        "ceasefire*",
        "(",
        "NEAR(",
        "'; DROP TABLE articles; --",
        "col:umn",
        "<script>",
        "\u0000x",
    ],
)
def test_search_any_string_is_safe(client, query):
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200
    assert response.json()["query"] == query


def test_search_finds_article_and_entity(client):
    found = client.get("/api/search", params={"q": "ceasefire"}).json()
    assert any(hit["kind"] == "article" for hit in found["hits"])
    entities = client.get("/api/search", params={"q": "Ingrid Solvang"}).json()["entities"]
    assert any(e["name"] == "Ingrid Solvang" for e in entities)


def test_stats_and_network(client, web_records):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(web_records)
    assert stats["events"] >= 1
    network = client.get("/api/network").json()
    ids = {n["id"] for n in network["nodes"]}
    assert network["edges"] and all(e["source"] in ids and e["target"] in ids for e in network["edges"])


def test_extract_read_only_answers_without_storing(client):
    before = client.get("/api/stats").json()["articles"]
    response = client.post("/api/extract", json={"text": "Norway signed an agreement with Kenya on Monday."})
    assert response.status_code == 200
    body = response.json()
    assert body["stored"] is False and body["page"] is None
    assert body["article"]["id"] and isinstance(body["events"], list)
    assert client.get("/api/stats").json()["articles"] == before


def test_extract_read_only_refuses_explicit_store(client):
    response = client.post("/api/extract", params={"store": "true"}, json={"text": "Some text."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_extract_stores_json_form_and_upload(writable_db, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    app = create_app(writable_db, pipeline_factory=lambda: pipeline)
    with TestClient(app) as writer:
        response = writer.post(
            "/api/extract",
            json={"text": "Kenya accused Norway of spying.", "published": "2026-02-01", "title": "T1"},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["stored"] is True and body["duplicate"] is False
        assert writer.get(body["page"]).status_code == 200
        stored = writer.get(f"/api/articles/{body['article']['id']}").json()
        assert stored["article"]["published"] == "2026-02-01" and stored["article"]["title"] == "T1"

        again = writer.post("/api/extract", json={"text": "Kenya accused Norway of spying."}).json()
        assert again["duplicate"] is True and again["stored"] is False

        form = writer.post("/api/extract", data={"text": "Norway praised Kenya.", "published": ""})
        assert form.status_code == 200 and form.json()["stored"] is True

        upload = writer.post(
            "/api/extract",
            files={"file": ("note.txt", b"Kenya thanked Norway for the aid.", "text/plain")},
            data={"title": "Uploaded"},
        )
        assert upload.status_code == 200, upload.text
        assert upload.json()["article"]["title"] == "Uploaded"

        plain = writer.post(
            "/api/extract", content=b"Norway met Kenya.", headers={"content-type": "text/plain"}
        )
        assert plain.status_code == 200 and plain.json()["stored"] is True


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"text": "   "}}, 422),
        ({"json": {"title": "no text"}}, 422),
        ({"json": {"text": "x", "published": "not a date"}}, 422),
        ({"json": {"text": "x", "colour": "red"}}, 422),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ({"content": b"[1, 2]", "headers": {"content-type": "application/json"}}, 422),
        ({"data": {"title": "form without text"}}, 422),
        ({"files": {"file": ("bin.txt", b"\x00\x01\x02" * 50, "text/plain")}}, 422),
        ({"content": b"<x/>", "headers": {"content-type": "application/xml"}}, 415),
    ],
)
def test_extract_rejects_bad_input(client, kwargs, status):
    response = client.post("/api/extract", **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_body_limit_413_from_content_length_and_stream(web_db, pipeline, web_records):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    app = create_app(web_db, read_only=True, pipeline_factory=lambda: pipeline, max_body_bytes=1000)
    with TestClient(app) as small:
        big = json.dumps({"text": "word " * 1000})
        declared = small.post("/api/extract", content=big, headers={"content-type": "application/json"})
        assert declared.status_code == 413
        assert "too large" in declared.json()["detail"]

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        streamed = small.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
        assert streamed.status_code == 413
        ok = small.post("/api/extract", json={"text": web_records["fictional"].article.text[:300]})
        assert ok.status_code == 200


def test_read_only_app_opens_store_read_only(web_app):
    assert web_app.state.access.store().read_only is True
