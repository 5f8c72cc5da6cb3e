"""The web server as a trusted local service (issue 13): bounded parameters, writes from the same
origin only, only http(s) links from stored data, security headers on every answer, HEAD everywhere."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app

HUGE = str(2**63)


def fictional_id(client) -> str:
    return client.get("/api/articles", params={"source": "Example Wire"}).json()[0]["id"]


@pytest.fixture()
def writer(writable_db, pipeline):
    with TestClient(create_app(writable_db, pipeline_factory=lambda: pipeline)) as test_client:
        yield test_client


# -- 5: every numeric parameter of a page is bounded like the API's --------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"/search?q=ceasefire&offset={HUGE}",
        f"/articles?offset={HUGE}",
        f"/entities?offset={HUGE}",
        f"/events?offset={HUGE}",
        f"/network?min_weight={HUGE}",
        f"/search.json?q=ceasefire&offset={HUGE}",
        f"/articles.json?offset={HUGE}",
        f"/network.json?min_weight={HUGE}",
    ],
)
def test_huge_numbers_on_pages_are_422(client, path):
    response = client.get(path)
    assert response.status_code == 422, response.text[:200]


# -- 4: an entity quoted in dated and undated articles ---------------------------------------


def test_entity_page_with_dated_and_undated_quotes(writable_db, pipeline, web_records):
    from newsgraph.store import Store

    fictional = web_records["fictional"].article
    undated = pipeline.extract(
        fictional.text + "\n\nSolvang repeated the pledge later.", title="Undated follow-up", published=None
    )
    with Store(writable_db) as store:
        store.add_document(undated, origin="undated")
    with TestClient(create_app(writable_db, read_only=True)) as reader:
        entity = reader.get("/api/entities", params={"q": "Solvang"}).json()[0]
        quotes = reader.get(f"/api/entities/{entity['id']}").json()["quotes"]
        assert {q["published"] is None for q in quotes} == {True, False}
        page = reader.get(f"/entities/{entity['id']}")
        assert page.status_code == 200
        dates = re.findall(r'<span class="meta">(\d{4}-\d\d-\d\d|undated) ·', page.text)
        assert dates[-1] == "undated" and "undated" not in dates[: dates.index("undated")]


# -- 6: writes only from the same origin ------------------------------------------------------


CROSS_SITE = [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"origin": "http://testserver.evil.example"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://testserver"},  # another port or subdomain
    {"referer": "http://evil.example/page.html"},
]


@pytest.mark.parametrize("headers", CROSS_SITE)
@pytest.mark.parametrize("path", ["/api/extract", "/extract"])
def test_cross_origin_writes_are_refused(writer, headers, path):
    before = writer.get("/api/stats").json()["articles"]
    form = writer.post(path, data={"text": "Kenya accused Norway of spying."}, headers=headers)
    assert form.status_code == 403, form.text[:200]
    body = writer.post(path, json={"text": "Norway accused Kenya of spying."}, headers=headers)
    assert body.status_code == 403
    assert writer.get("/api/stats").json()["articles"] == before


def test_cross_origin_refusal_is_json_for_the_api_and_a_page_for_pages(writer):
    api = writer.post("/api/extract", json={"text": "x y"}, headers={"origin": "http://evil.example"})
    assert "evil.example" in api.json()["detail"]
    page = writer.post("/extract", data={"text": "x y"}, headers={"origin": "http://evil.example"})
    assert page.headers["content-type"].startswith("text/html") and "own pages" in page.text


def test_same_origin_and_scripted_writes_are_accepted(writer):
    same = writer.post(
        "/api/extract",
        json={"text": "Kenya praised Norway for the aid."},
        headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    )
    assert same.status_code == 200 and same.json()["stored"] is True
    page = writer.post(
        "/extract",
        data={"text": "Norway thanked Kenya for the talks."},
        headers={"origin": "http://testserver", "referer": "http://testserver/extract"},
        follow_redirects=False,
    )
    assert page.status_code == 303
    scripted = writer.post(
        "/api/extract", content=b"Kenya met Norway.", headers={"content-type": "text/plain"}
    )
    assert scripted.status_code == 200 and scripted.json()["stored"] is True


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/extract", {}),
        ("/extract", {"origin": "http://testserver"}),
        ("/api/extract", {"sec-fetch-mode": "navigate", "origin": "http://testserver"}),
    ],
)
def test_text_plain_form_posts_are_refused(writer, path, headers):
    before = writer.get("/api/stats").json()["articles"]
    response = writer.post(
        path, content=b"text=Kenya accused Norway.", headers={"content-type": "text/plain", **headers}
    )
    assert response.status_code == 415
    assert writer.get("/api/stats").json()["articles"] == before


# -- 7: only http(s) links from stored data ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ("https://", None),
        ("http://exa\nmple.org", None),
        (None, None),
        (42, None),
    ],
)
def test_http_url(value, expected):
    from newsgraph.web.views import http_url

    assert http_url(value) == expected


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("javascript:alert(document.domain)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
        ("https://example.org/story?id=1&x=2", True),
    ],
)
def test_only_http_urls_become_the_original_link(writable_db, web_records, url, linked):
    from newsgraph.store import Store

    record = web_records["fictional"]
    article = dataclasses.replace(
        record.article, id="linked", text=record.article.text + "\n\nMore.", url=url
    )
    with Store(writable_db) as store:
        article_id, _ = store.add_document(dataclasses.replace(record, article=article), origin="linked")
    with TestClient(create_app(writable_db, read_only=True)) as reader:
        html = reader.get(f"/articles/{article_id}").text
        assert (">original</a>" in html) is linked
        assert "javascript:" not in html.lower() and "data:text" not in html
        if linked:
            assert 'href="https://example.org/story?id=1&amp;x=2"' in html


# -- 8: security headers on every answer, errors included; HEAD on every GET route ------------


class BrokenAccess:
    """Store access that fails the way a corrupt or vanished database would."""

    read_only = True

    def store(self):
        raise RuntimeError("database disk image is malformed")

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/api/stats", "application/json"), ("/articles", "text/html"), ("/events.json", "application/json")],
)
def test_server_errors_carry_security_headers(web_db, path, content_type):
    app = create_app(web_db, read_only=True)
    with TestClient(app, raise_server_exceptions=False) as broken:
        app.state.access = BrokenAccess()
        response = broken.get(path)
        assert response.status_code == 500
        assert response.headers["content-type"].startswith(content_type)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "malformed" not in response.text  # the cause is logged, not shown
        head = broken.head(path)
        assert head.status_code == 500 and head.content == b""
        assert head.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/nope", "/api/nope", "/articles/nope", "/api/events?since=soon"])
def test_client_errors_carry_security_headers(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def concrete_get_paths(app, client) -> list[str]:
    """Every GET route of the app with its path parameters filled from the fixture store."""
    article = fictional_id(client)
    entity = client.get("/api/entities", params={"q": "Solvang"}).json()[0]["id"]
    values = {"article_id": article, "entity_id": entity}
    from newsgraph.web import api, pages

    paths = []
    for route in [*app.routes, *api.router.routes, *pages.router.routes]:
        if "GET" not in (getattr(route, "methods", None) or set()):
            continue
        paths.append(re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], route.path))
    return [*paths, "/static/style.css", "/articles/" + article + ".json"]


def test_head_answers_on_every_get_route(web_app, client):
    paths = concrete_get_paths(web_app, client)
    assert len(paths) > 20
    for path in paths:
        got = client.get(path)
        head = client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert "default-src 'self'" in head.headers["content-security-policy"], path


def test_head_on_a_post_only_route_is_405(client):
    assert client.head("/api/extract").status_code == 405


# -- DNS rebinding: a server on a loopback address answers only to this machine's names ---------


@pytest.fixture(scope="module")
def local_only(web_db):
    with TestClient(create_app(web_db, read_only=True, allowed_hosts=("news.example", "127.0.0.1"))) as c:
        yield c


@pytest.mark.parametrize(
    "host",
    [
        "localhost:8000",
        "LOCALHOST.",
        "127.0.0.1:8000",
        "127.8.9.10",
        "[::1]:8000",
        "app.localhost",
        "news.example:80",
    ],
)
def test_a_local_server_answers_to_local_and_named_hosts(local_only, host):
    assert local_only.get("/api/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST"])
def test_a_rebound_name_is_refused_and_told_how_to_allow_it(local_only, method):
    # The page of a site whose name now resolves to 127.0.0.1: same origin for the browser.
    headers = {"host": "rebound.example:8000", "origin": "http://rebound.example:8000"}
    response = local_only.request(method, "/api/stats", headers=headers)
    assert response.status_code == 400
    assert response.headers["content-security-policy"]  # still one of our answers
    if method != "HEAD":
        assert "--allow-host rebound.example" in response.json()["detail"]
    else:
        assert response.content == b""


def test_without_a_host_list_any_name_is_answered(client):
    assert client.get("/api/stats", headers={"host": "rebound.example"}).status_code == 200


@pytest.mark.parametrize(
    "address, named, expected",
    [
        ("127.0.0.1", (), ("127.0.0.1",)),
        ("::1", ("news.example",), ("news.example", "::1")),
        ("0.0.0.0", (), None),  # every address of the machine: any name the network gives it
        ("192.0.2.7", (), None),
        ("192.0.2.7", ("news.example",), ("news.example", "192.0.2.7")),
    ],
)
def test_which_names_a_server_answers_to_depends_on_its_address(address, named, expected):
    from newsgraph.web.origin import answered_hosts

    assert answered_hosts(address, named) == expected


@pytest.mark.parametrize(
    "header, name",
    [
        ("Example.org:8000", "example.org"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("localhost.", "localhost"),
        ("::1", "::1"),
    ],
)
def test_host_names_lose_port_brackets_and_final_dot(header, name):
    from newsgraph.web.origin import host_name

    assert host_name(header) == name


def test_serve_passes_allow_host_on_to_the_app(monkeypatch, tmp_path):
    from live_server import free_port

    from newsgraph.cli import build_parser
    from newsgraph.cli import serve as serve_cli
    from newsgraph.web import serving

    seen = {}
    monkeypatch.setattr(serving, "serve", lambda db, **kwargs: seen.update(kwargs))
    argv = ["serve", "--db", str(tmp_path / "n.db"), "--port", str(free_port())]
    args = build_parser().parse_args([*argv, "--allow-host", "news.example", "--allow-host", "wire.example"])
    assert serve_cli.run(args) == 0
    assert seen["allowed_hosts"] == ["news.example", "wire.example"]


def test_a_server_bound_to_loopback_refuses_a_rebound_name(monkeypatch, web_db):
    import socket

    import uvicorn

    from newsgraph.web import serving

    served = []

    class Server:  # uvicorn's, without running: the app it would serve is kept
        def __init__(self, config):
            served.append(config.app)

        def run(self, sockets):
            return None

    monkeypatch.setattr(uvicorn, "Server", Server)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        serving.serve(web_db, sock=sock, read_only=True, allowed_hosts=["news.example"])
    with TestClient(served[0]) as served_client:
        assert served_client.get("/api/stats", headers={"host": "rebound.example"}).status_code == 400
        assert served_client.get("/api/stats", headers={"host": "news.example"}).status_code == 200
        assert served_client.get("/api/stats", headers={"host": "localhost:8000"}).status_code == 200
