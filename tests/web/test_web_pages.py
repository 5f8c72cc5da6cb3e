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


# -- the analyst's pages on a busier store: true counts, facets, grouped search, network -------

BUSY_TEXT = (
    "Norway accused Kenya of breaking the ceasefire in Nairobi on {day}. "
    '"The ceasefire must hold," said the Norwegian envoy Ingrid Solvang. '
    '"Every ceasefire violation will be answered," Solvang told reporters. '
    "Kenya rejected the claim."
)
BUSY_ARTICLES = 55  # more than an entity profile lists (50), so lengths and totals differ


@pytest.fixture(scope="module")
def busy_db(pipeline, tmp_path_factory):
    """A store of 55 short fictional reports of one dispute, a day apart."""
    from datetime import date, timedelta

    from newsgraph.nlp.pipeline import make_article
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("busy") / "busy.db"
    articles = []
    for i in range(BUSY_ARTICLES):
        day = date(2026, 2, 1) + timedelta(days=i)
        articles.append(
            make_article(
                BUSY_TEXT.format(day=f"{day:%B} {day.day}"),
                title=f"Ceasefire row, day {i + 1}",
                published=day.isoformat(),
                source="Example Wire" if i % 5 else "Other Wire",
            )
        )
    with Store(path) as store:
        for record in pipeline.extract_articles(articles):
            store.add_document(record, origin=record.article.origin)
    return path


@pytest.fixture(scope="module")
def busy(busy_db, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    with TestClient(create_app(busy_db, read_only=True, pipeline_factory=lambda: pipeline)) as test_client:
        yield test_client


def sql(db, query: str, *params):
    import sqlite3

    from newsgraph.store.bodies import register_body_functions

    with sqlite3.connect(db) as conn:
        register_body_functions(conn)  # the views read the compressed bodies
        return conn.execute(query, params).fetchall()


def test_entity_page_counts_are_true_counts(busy, busy_db):
    from html import unescape

    norway = busy.get("/api/entities", params={"q": "Norway"}).json()[0]
    articles = sql(
        busy_db, "SELECT COUNT(DISTINCT article_id) FROM entities WHERE corpus_entity_id = ?", norway["id"]
    )
    as_source = sql(busy_db, "SELECT COUNT(*) FROM events WHERE source_corpus_id = ?", norway["id"])
    assert articles[0][0] == as_source[0][0] == BUSY_ARTICLES
    html = unescape(busy.get(f"/entities/{norway['id']}").text)
    assert f'<li data-count="articles"><b>{BUSY_ARTICLES}</b> articles</li>' in html
    assert f"<b>{BUSY_ARTICLES}</b> events as source" in html
    assert f"the latest 50 of {BUSY_ARTICLES}" in html
    assert f'data-lane="as source" data-total="{BUSY_ARTICLES}"' in html


def test_search_groups_hits_by_article_with_a_total(busy, busy_db):
    found = busy.get("/search.json", params={"q": "ceasefire"}).json()
    assert found["total_articles"] == BUSY_ARTICLES
    # each article matches in its text and in both quotes
    quote_hits = sql(
        busy_db,
        "SELECT COUNT(*) FROM quotes_fts f JOIN quotes q ON q.id = f.rowid WHERE quotes_fts MATCH 'ceasefire'",
    )[0][0]
    assert found["total_hits"] == BUSY_ARTICLES + quote_hits
    ids = [hit["article_id"] for hit in found["articles"]]
    assert len(ids) == len(set(ids)) == 50
    assert all(hit["n_hits"] == 1 + len(hit["quotes"]) for hit in found["articles"])
    html = busy.get("/search", params={"q": "ceasefire"}).text
    assert f"{BUSY_ARTICLES} articles" in html
    assert html.count('<li class="hit"') == 50
    following = busy.get("/search.json", params={"q": "ceasefire", "offset": 50}).json()
    assert len(following["articles"]) == BUSY_ARTICLES - 50
    assert not set(ids) & {hit["article_id"] for hit in following["articles"]}


def twin(client, url: str) -> dict:
    """The JSON twin of a page link (its own query kept)."""
    return client.get(url + ("&" if "?" in url else "?") + "format=json").json()


def facet_values(page: dict, name: str) -> list[dict]:
    return page["facets"][name]["values"]


@pytest.mark.parametrize("name", ["type", "country", "source", "month"])
def test_event_facets_count_what_a_click_shows(busy, name):
    from newsgraph.web.facets import facet_links

    page = busy.get("/events.json").json()
    assert facet_values(page, name)
    for facet in facet_links(page["facets"], "events", "/events", {}):
        if facet["name"] != name:
            continue
        for value in facet["values"]:
            filtered = twin(busy, value["url"])
            assert filtered["total"] == value["n"], value
            # a chosen value offers a link that takes it off again
            chosen = [
                v
                for f in facet_links(filtered["facets"], "events", "/events", filtered["filters"])
                for v in f["values"]
                if v["selected"]
            ]
            assert chosen and all(twin(busy, v["url"])["total"] == page["total"] for v in chosen)


def test_events_page_shows_facets_and_total(busy, busy_db):
    total = sql(busy_db, "SELECT COUNT(*) FROM events")[0][0]
    html = busy.get("/events").text
    assert f"({total} )" not in html and f'Events <span class="meta">({total})' in html
    assert 'data-facet="type"' in html and 'data-facet="month"' in html
    assert 'href="/events?type=ACCUSE"' in html


@pytest.mark.parametrize("name", ["type", "country", "source", "month"])
def test_search_facets_count_what_a_click_shows(busy, name):
    from newsgraph.web.facets import facet_links

    page = busy.get("/search.json", params={"q": "ceasefire"}).json()
    assert facet_values(page, name)
    for facet in facet_links(page["facets"], "search", "/search", {"q": "ceasefire"}):
        if facet["name"] == name:
            for value in facet["values"]:
                filtered = twin(busy, value["url"])
                assert filtered["total_articles"] == value["n"], value


def test_network_filters_and_counts_events_left_out(busy, busy_db):
    everything = busy.get("/network.json").json()
    no_source, no_target = sql(
        busy_db,
        "SELECT SUM(source_corpus_id IS NULL), SUM(target_corpus_id IS NULL) FROM events",
    )[0]
    out = everything["left_out"]
    assert out["no_source"] + out["neither"] == no_source
    assert out["no_target"] + out["neither"] == no_target
    assert everything["events_linked"] + out["total"] == everything["events_matched"]
    assert everything["events_linked"] == BUSY_ARTICLES  # Norway accuses Kenya in each report
    march = busy.get("/network.json", params={"since": "2026-03-01", "until": "2026-03-31"}).json()
    assert march["events_linked"] == BUSY_ARTICLES - 28  # February 2026 has 28 days
    assert busy.get("/network.json", params={"type": "cooperation"}).json()["edges"] == []
    assert busy.get("/network.json", params={"type": "conflict"}).json()["events_linked"] == BUSY_ARTICLES
    assert busy.get("/network.json", params={"min_weight": BUSY_ARTICLES + 1}).json()["nodes"] == []
    refused = busy.get("/network", params={"type": "BOMBING"})
    assert refused.status_code == 422 and "cooperation, conflict, AGREE" in refused.text
    html = busy.get("/network").text
    assert f"{out['total']} left out" in html


@pytest.fixture(scope="module")
def empty(tmp_path_factory, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.store import Store
    from newsgraph.web import create_app

    path = tmp_path_factory.mktemp("empty") / "empty.db"
    with Store(path):
        pass
    with TestClient(create_app(path, read_only=True, pipeline_factory=lambda: pipeline)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/entities", "/events", "/network", "/search?q=ceasefire"]
)
def test_empty_store_pages_say_what_to_do(empty, path):
    html = empty.get(path).text
    assert "newsgraph ingest" in html and 'href="/extract"' in html


def test_map_points_carry_geo_precision(client):
    points = client.get("/map.json").json()["points"]
    assert points and {p["geo_precision"] for p in points} <= {"point", "city", "region", "country", None}
    geneva = [p for p in points if p["place"] == "Geneva"]
    assert geneva and geneva[0]["geo_precision"] == "city"


def test_a_filter_matching_nothing_stays_listed_to_take_off(busy):
    page = twin(busy, "/events?type=AID&country=KEN&since=2026-02-01&until=2026-02-28")
    assert page["total"] == 0
    from newsgraph.web.facets import facet_links

    facets = {f["name"]: f for f in facet_links(page["facets"], "events", "/events", page["filters"])}
    chosen = {name: [v for v in f["values"] if v["selected"]] for name, f in facets.items()}
    assert chosen["type"][0]["url"] == "/events?country=KEN&since=2026-02-01&until=2026-02-28"
    assert chosen["country"][0]["url"] == "/events?type=AID&since=2026-02-01&until=2026-02-28"
    assert chosen["month"][0]["url"] == "/events?type=AID&country=KEN"
    assert all(v["n"] == 0 for values in chosen.values() for v in values)
    html = busy.get("/events?type=AID&country=KEN").text
    assert "No dated events match these filters" in html and "remove one with ✕" in html
