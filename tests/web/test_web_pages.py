"""Server-rendered pages: escaping, highlights, JSON twins, errors, read-only mode."""

from __future__ import annotations

import pytest

from newsgraph.web.highlight import Annotation, render_highlighted


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        (
            "Ann met Bob",
            [(0, 3, "a"), (8, 11, "b")],
            '<span class="a">Ann</span> met <span class="b">Bob</span>',
        ),
        # nested: a name inside a quote
        (
            "say Ann here",
            [(0, 12, "q"), (4, 7, "e")],
            '<span class="q">say <span class="e">Ann</span> here</span>',
        ),
        # crossing spans are cut at the enclosing span's end
        ("abcdef", [(0, 4, "x"), (2, 6, "y")], '<span class="x">ab<span class="y">cd</span></span>ef'),
        # markup in the text is escaped, inside and outside spans
        ("<b>&</b>", [(3, 4, "z")], '&lt;b&gt;<span class="z">&amp;</span>&lt;/b&gt;'),
        # offsets out of range are ignored
        ("abc", [(2, 9, "bad"), (-1, 1, "bad")], "abc"),
    ],
)
def test_render_highlighted(text, spans, expected):
    annotations = [Annotation(s, e, 1, cls) for s, e, cls in spans]
    assert str(render_highlighted(text, annotations)) == expected


def test_highlight_attributes_are_escaped():
    html = str(render_highlighted("x", [Annotation(0, 1, 1, "c", "k", 'say "hi" <now>')]))
    assert 'title="say &#34;hi&#34; &lt;now&gt;"' in html


def fictional_id(client) -> str:
    return client.get("/api/articles", params={"source": "Example Wire"}).json()[0]["id"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles",
        "/entities",
        "/events",
        "/map",
        "/network",
        "/search?q=ceasefire",
        "/extract",
        "/docs",
    ],
)
def test_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "http://" not in response.text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in response.text


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/index.json", "stats"),
        ("/?format=json", "latest_articles"),
        ("/articles.json", "articles"),
        ("/entities.json", "entities"),
        ("/events.json", "events"),
        ("/events?format=json&type=AID", "timeline"),
        ("/map.json", "points"),
        ("/network.json", "nodes"),
        ("/search.json?q=ceasefire", "total_articles"),
    ],
)
def test_pages_have_json_twins(client, path, key):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert key in response.json()


def test_article_page_escapes_text_and_title(client):
    article_id = fictional_id(client)
    html = client.get(f"/articles/{article_id}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in html
    assert "onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;live&lt;/b&gt;" in html  # the title
    assert 'class="hl hl-entity et-PERSON"' in html
    assert 'class="hl hl-event ev-' in html
    assert 'class="hl hl-quote' in html


def test_article_json_twins(client):
    article_id = fictional_id(client)
    for path in (f"/articles/{article_id}.json", f"/articles/{article_id}?format=json"):
        assert client.get(path).json()["article"]["id"] == article_id


def test_entity_page_and_twin(client):
    entity = client.get("/api/entities", params={"q": "Solvang"}).json()[0]
    html = client.get(f"/entities/{entity['id']}").text
    assert "Ingrid Solvang" in html and "not accept threats" in html
    assert client.get(f"/entities/{entity['id']}.json").json()["id"] == entity["id"]


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "NEAR(", "\"'", "%00"]
)
def test_search_page_is_safe_with_any_string(client, query):
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "<img src=x" not in response.text


def test_missing_pages_are_html_404(client):
    response = client.get("/articles/does-not-exist")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "does-not-exist" in response.text
    assert client.get("/entities/nope.json").status_code == 404


def test_bad_filter_on_page_is_html_422(client):
    response = client.get("/events", params={"since": "soon"})
    assert response.status_code == 422 and "since" in response.text


def test_blank_form_fields_mean_no_filter(client):
    response = client.get("/events?type=AID&source=&country=&since=&until=")
    assert response.status_code == 200 and "AID" in response.text


def test_extract_form_in_read_only_shows_result_unstored(client):
    response = client.post("/extract", data={"text": "Norway signed a treaty with Kenya.", "published": ""})
    assert response.status_code == 200
    assert "not stored" in response.text and "Read-only server" in response.text


def test_extract_form_stores_and_redirects(writable_db, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    with TestClient(create_app(writable_db, pipeline_factory=lambda: pipeline)) as writer:
        response = writer.post(
            "/extract",
            data={"text": "", "title": "Upload <i>test</i>"},
            files={"file": ("story.txt", b"Kenya praised Norway for its help.", "text/plain")},
            follow_redirects=False,
        )
        assert response.status_code == 303
        page = writer.get(response.headers["location"])
        assert page.status_code == 200 and "Upload &lt;i&gt;test&lt;/i&gt;" in page.text
        empty = writer.post("/extract", data={"text": "  "})
        assert empty.status_code == 422 and "text" in empty.text


def test_static_assets_ship(client):
    world = client.get("/static/world.json")
    assert world.status_code == 200 and len(world.content) < 300_000
    assert len(world.json()["features"]) > 150
    for asset in ("style.css", "app.js", "article.js", "map.js", "network.js"):
        assert client.get(f"/static/{asset}").status_code == 200
