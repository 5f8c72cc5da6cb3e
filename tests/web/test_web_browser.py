"""The real server in real headless Chromium: highlights, search, entity links, map, network.

Needs Debian's /usr/bin/chromium (scripts/install_browser.sh) and the playwright package;
skips with the reason when either is missing. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from live_server import free_port, serving, start_server, stop_server

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server_url(web_db, pipeline):
    """A real uvicorn server on a free loopback port, in a background thread."""
    from newsgraph.web import create_app

    with serving(create_app(web_db, read_only=True, pipeline_factory=lambda: pipeline)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.is_file():
        pytest.skip(
            f"{CHROMIUM} not found: run scripts/install_browser.sh (as root) to install Debian's chromium"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def page(browser, server_url):
    """A fresh tab that records script errors, console errors (CSP included) and dialogs."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)

    def on_dialog(dialog):
        problems.append(f"dialog opened: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    # Any request leaving the test server is a failure: everything must ship with the package.
    tab.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(server_url)
            else (problems.append(f"outside request: {route.request.url}"), route.abort())
        ),
    )
    tab.problems = problems
    yield tab
    tab.close()
    assert not problems, problems


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def article_id(server_url: str, **params: str) -> str:
    import httpx

    rows = httpx.get(f"{server_url}/api/articles", params=params).json()
    assert rows
    return rows[0]["id"]


def test_home_page(page, server_url):
    page.goto(server_url + "/")
    assert page.locator("ul.counts li").count() >= 5
    assert page.locator("svg.timeline rect").count() >= 1
    shot(page, "home")


def test_seed_article_highlights(page, server_url, web_records):
    if "seed" not in web_records:
        pytest.skip("seed article not found in ../shared")
    page.goto(f"{server_url}/articles/{web_records['seed'].article.id}")
    body = page.locator("#article-body")
    assert body.locator(".hl-entity").count() >= 20
    assert body.locator(".hl-quote").count() >= 5
    assert body.locator(".hl-event").count() >= 5
    person = body.locator(".hl-entity.et-PERSON").first
    person.click()
    detail = page.locator("#detail")
    assert (
        detail.locator("[data-kind=entity] h3").inner_text()
        == person.get_attribute("title").rsplit(" (", 1)[0]
    )
    body.locator(".hl-event").first.hover()
    body.locator(".hl-event").first.click()
    assert "event" in detail.inner_text().lower()
    shot(page, "article-seed")


def test_fictional_article_shows_markup_as_text(page, server_url):
    page.goto(f"{server_url}/articles/{article_id(server_url, source='Example Wire')}")
    body_text = page.locator("#article-body").inner_text()
    assert "<script>alert('owned')</script>" in body_text
    assert "<img src=x onerror=alert(1)>" in body_text
    assert page.locator("#article-body script, #article-body img").count() == 0
    assert "<b>live</b>" in page.locator("h1").inner_text()
    page.locator("#article-body .hl-quote").first.click()
    assert "Speaker" in page.locator("#detail").inner_text()
    shot(page, "article-fictional")


def test_search_then_follow_entity_link(page, server_url):
    page.goto(server_url + "/")
    page.fill("header input[name=q]", "Solvang")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Solvang")
    assert page.locator("ol.hits li").count() >= 1
    shot(page, "search")
    page.locator(".panel a[href^='/entities/']", has_text="Ingrid Solvang").first.click()
    page.wait_for_url("**/entities/**")
    assert "Ingrid Solvang" in page.locator("h1").inner_text()
    assert page.locator("svg.entity-timeline circle").count() >= 1
    shot(page, "entity")


def test_events_page(page, server_url):
    page.goto(server_url + "/events")
    assert page.locator("table.events-table tbody tr").count() >= 3
    page.wait_for_selector("#map[data-ready=world]")
    page.select_option("select[name=type]", "AID")
    page.click("form.filters button")
    page.wait_for_url("**type=AID**")
    types = page.locator("table.events-table tbody .tag.ev").all_inner_texts()
    assert types and set(types) == {"AID"}
    shot(page, "events")


def test_map_renders_world_and_dots(page, server_url):
    page.goto(server_url + "/map")
    page.wait_for_selector("#map[data-ready=world]")
    assert page.locator("#map path.country").count() > 150
    dots = page.locator("#map circle.dot")
    assert dots.count() >= 1
    dots.first.click()
    assert page.locator(".map-tip li").count() >= 1
    shot(page, "map")


def test_network_renders_and_links_to_entities(page, server_url):
    page.goto(server_url + "/network")
    page.wait_for_selector("#network[data-ready=layout]")
    assert page.locator("#network a.node").count() >= 2
    assert page.locator("#network line.edge").count() >= 1
    shot(page, "network")
    page.locator("#network a.node circle").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text()


def test_extract_form_page(page, server_url):
    page.goto(server_url + "/extract")
    page.fill("textarea[name=text]", "Norway signed a trade agreement with Kenya in Nairobi on Monday.")
    page.fill("input[name=title]", "Trade <deal>")
    page.click("form.extract button")
    page.wait_for_selector("#article-body")
    assert "Trade <deal>" in page.locator("h1").inner_text()
    assert page.locator("#article-body .hl").count() >= 2
    shot(page, "extract-result")


def test_a_page_on_another_origin_cannot_store(browser, writable_db, pipeline):
    """Issue 13: a foreign page made Chromium store articles through both extract routes."""
    import httpx
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    from newsgraph.web import create_app

    target = create_app(writable_db, pipeline_factory=lambda: pipeline)
    posts: list[tuple[str, int]] = []

    async def recording(scope, receive, send):  # the target app, noting each POST and its status
        async def noting(message):
            if message["type"] == "http.response.start" and scope.get("method") == "POST":
                posts.append((scope["path"], message["status"]))
            await send(message)

        await target(scope, receive, noting)

    target_port, attacker_port = free_port(), free_port()
    victim = f"http://127.0.0.1:{target_port}"
    attack = f"""<!doctype html><html><body>
<iframe name="one"></iframe><iframe name="two"></iframe>
<form id="plain" action="{victim}/api/extract" method="post" enctype="text/plain" target="one">
<input name="text" value="Kenya accused Norway of spying on Monday."></form>
<form id="form" action="{victim}/extract" method="post" target="two">
<input name="text" value="Norway accused Kenya of spying on Tuesday."></form>
<script>
fetch("{victim}/api/extract", {{method: "POST", mode: "no-cors", headers: {{"content-type": "text/plain"}},
  body: "Kenya praised Norway on Wednesday."}});
document.getElementById("plain").submit();
document.getElementById("form").submit();
</script></body></html>"""
    attacker = Starlette(routes=[Route("/", lambda request: HTMLResponse(attack))])
    servers = [start_server(recording, target_port), start_server(attacker, attacker_port)]
    try:
        before = httpx.get(f"{victim}/api/stats").json()["articles"]
        tab = browser.new_page()
        tab.goto(f"http://localhost:{attacker_port}/")
        deadline = time.monotonic() + 30
        while len(posts) < 3 and time.monotonic() < deadline:
            tab.wait_for_timeout(200)
        tab.close()
        assert len(posts) == 3, posts  # every attempt reached the server...
        assert all(status in (403, 415) for _, status in posts), posts  # ...and was refused
        assert httpx.get(f"{victim}/api/stats").json()["articles"] == before
    finally:
        for server, thread in servers:
            stop_server(server, thread)
