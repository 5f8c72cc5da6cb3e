"""The analyst's pages on real news, in real headless Chromium: a store of a few dozen CNN Lite
articles (read from ../shared at test time, never copied here; see realistic_corpus.py).

The chart draws bars in the months that hold the events, every count on a page is the count in
the database, search finds and groups by article, and the network shows readable labelled nodes.
Screenshots go to test-artifacts/screenshots/realistic-*.png.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from live_server import serving
from realistic_corpus import CNN_LITE, build_store
from test_web_browser import browser, page, shot  # noqa: F401  (fixtures shared with these tests)

from newsgraph.store.bodies import register_body_functions

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def realistic_db(pipeline, tmp_path_factory):
    if not CNN_LITE.is_file():
        pytest.skip(f"{CNN_LITE} not found: the realistic browser tests read real articles from ../shared")
    db = tmp_path_factory.mktemp("realistic") / "cnn-lite.db"
    assert build_store(db, pipeline) >= 30
    return db


@pytest.fixture(scope="module")
def server_url(realistic_db, pipeline):
    """The real server over the realistic store (overrides the fictional store's server)."""
    from newsgraph.web import create_app

    with serving(create_app(realistic_db, read_only=True, pipeline_factory=lambda: pipeline)) as url:
        yield url


def query(db, sql: str, *params):
    with sqlite3.connect(db) as conn:
        register_body_functions(conn)  # the views read the compressed bodies
        return conn.execute(sql, params).fetchall()


def drawn_bars(tab) -> dict[str, dict]:
    """Per drawn period of the first timeline chart: its event count and its bars' screen box."""
    return tab.evaluate(
        """() => {
        const out = {};
        for (const rect of document.querySelectorAll("svg.timeline rect[data-period]")) {
            const box = rect.getBoundingClientRect(), p = rect.dataset.period;
            const entry = out[p] || (out[p] = {n: 0, height: 0, x: box.x});
            entry.n += Number(rect.dataset.n); entry.height += box.height;
        }
        return out;
    }"""
    )


@pytest.mark.parametrize("path", ["/", "/events"])
def test_chart_draws_bars_in_the_right_months(page, server_url, realistic_db, path):  # noqa: F811
    page.goto(server_url + path)
    bars = drawn_bars(page)
    per_month = dict(
        query(
            realistic_db,
            "SELECT substr(event_date, 1, 7), COUNT(*) FROM events WHERE event_date IS NOT NULL GROUP BY 1",
        )
    )
    # The chosen articles were published in February to April 2026: most events fall there.
    bulk = {m: n for m, n in per_month.items() if "2026-02" <= m <= "2026-04"}
    assert sum(bulk.values()) >= 0.9 * sum(per_month.values())
    for month, n in bulk.items():
        assert bars[month]["n"] == n, month
        assert bars[month]["height"] > 60, f"{month}: bars too small to read"
    for month, drawn in bars.items():
        assert drawn["n"] == per_month.get(month, 0), month
    assert [m for m in sorted(bars)] == sorted(bars, key=lambda m: bars[m]["x"])
    # The earliest article's events are years before the rest: listed, not stretching the axis.
    stray = min(per_month)
    assert stray < "2025" and stray not in bars
    assert f"{stray} ({per_month[stray]})" in page.locator("p.outside").first.inner_text()
    shot(page, "realistic-home" if path == "/" else "realistic-events")
    # A bar opens its month's events, and the page counts exactly those.
    page.locator("svg.timeline a.bar").filter(has=page.locator("rect[data-period='2026-03']")).first.click()
    page.wait_for_url("**until=2026-03-31**")
    assert page.locator("h1 .meta").inner_text() == f"({per_month['2026-03']} matching)"
    # The table dates its rows as the chart does: every row of March is dated in March.
    dates = page.locator("table.events-table td.date").all_inner_texts()
    assert dates and all(d.startswith("2026-03") for d in dates), dates


def test_counts_match_the_database(page, server_url, realistic_db):  # noqa: F811
    page.goto(server_url + "/")
    shown = dict(
        zip(
            page.locator("ul.counts li").all_inner_texts(),
            [int(t) for t in page.locator("ul.counts li b").all_inner_texts()],
            strict=True,
        )
    )
    for label, table in (("articles", "articles"), ("quotes", "quotes"), ("events", "events")):
        count = query(realistic_db, f"SELECT COUNT(*) FROM {table}")[0][0]
        assert [n for text, n in shown.items() if text.endswith(label)] == [count], label

    page.goto(server_url + "/events")
    total = query(realistic_db, "SELECT COUNT(*) FROM events")[0][0]
    assert page.locator("h1 .meta").inner_text() == f"({total})"
    by_type = dict(query(realistic_db, "SELECT type, COUNT(*) FROM events GROUP BY type"))
    type_facet = page.locator("[data-facet=type] li")
    for i in range(type_facet.count()):
        item = type_facet.nth(i)
        assert int(item.locator(".n").inner_text()) == by_type[item.locator("a").get_attribute("data-value")]
    # Click the busiest country: the page then holds exactly the events the facet counted.
    country = page.locator("[data-facet=country] li").first
    code, n = country.locator("a").get_attribute("data-value"), int(country.locator(".n").inner_text())
    expected = query(
        realistic_db,
        "SELECT COUNT(*) FROM events WHERE ? IN (source_country, target_country, location_country)",
        code,
    )[0][0]
    assert n == expected
    country.locator("a").click()
    page.wait_for_url(f"**country={code}**")
    assert page.locator("h1 .meta").inner_text() == f"({n} matching)"
    assert page.locator("[data-facet=country] li.selected a").get_attribute("data-value") == code
    assert page.locator("table.events-table tbody tr").count() == min(n, 50)
    shot(page, "realistic-events-country")

    # The busiest actor's page: true counts, and timeline labels inside the chart.
    actor = query(
        realistic_db,
        "SELECT source_corpus_id, COUNT(*) AS n FROM events WHERE source_corpus_id IS NOT NULL "
        "GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1",
    )[0][0]
    page.goto(f"{server_url}/entities/{actor}")
    counts = {
        "articles": "SELECT COUNT(DISTINCT article_id) FROM entities WHERE corpus_entity_id = ?",
        "quotes": "SELECT COUNT(*) FROM quotes WHERE corpus_entity_id = ?",
        "events_as_source": "SELECT COUNT(*) FROM events WHERE source_corpus_id = ?",
        "events_as_target": "SELECT COUNT(*) FROM events WHERE target_corpus_id = ?",
    }
    for name, sql in counts.items():
        shown_count = page.locator(f"ul.entity-counts li[data-count={name}] b").inner_text()
        assert int(shown_count.replace(",", "")) == query(realistic_db, sql, actor)[0][0], name
    outside = page.evaluate(
        """() => {
        const svg = document.querySelector("svg.entity-timeline").getBoundingClientRect();
        return [...document.querySelectorAll("svg.entity-timeline text")]
            .map(t => [t.textContent, t.getBoundingClientRect()])
            .filter(([, b]) => b.left < svg.left - 0.5 || b.right > svg.right + 0.5)
            .map(([text]) => text);
    }"""
    )
    assert outside == [], f"labels cut off: {outside}"
    # Its event tables date each event by the day the timeline uses, not a year named in the text.
    days = page.locator("section.panel table.data tbody td:first-child a").all_inner_texts()
    assert days and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days), days
    shot(page, "realistic-entity")


def test_search_finds_and_groups_by_article(page, server_url, realistic_db):  # noqa: F811
    word = "Iran"
    articles, hits = query(
        realistic_db,
        """WITH hits AS (
            SELECT a.id AS article FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
            WHERE articles_fts MATCH ?
            UNION ALL
            SELECT q.article_id FROM quotes_fts f JOIN quotes q ON q.id = f.rowid WHERE quotes_fts MATCH ?)
        SELECT COUNT(DISTINCT article), COUNT(*) FROM hits""",
        word,
        word,
    )[0]
    assert articles >= 5 and hits > articles  # several hits in one article: the case to group
    page.goto(server_url + "/")
    page.fill("header input[name=q]", word)
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(f"**/search?q={word}")
    assert page.locator("h2.search-total").inner_text().startswith(f"{articles} articles with {hits} hits")
    listed = page.locator("li.hit").evaluate_all("items => items.map(i => i.dataset.article)")
    assert len(listed) == len(set(listed)) == min(articles, 50)
    grouped = page.locator("li.hit").evaluate_all("items => items.map(i => Number(i.dataset.hits))")
    assert sum(grouped) == hits
    assert page.locator("li.hit .snippet mark").count() >= len(listed)
    shot(page, "realistic-search")
    # A facet narrows the list to what it counted.
    month = page.locator("[data-facet=month] li").first
    n = int(month.locator(".n").inner_text())
    month.locator("a").click()
    page.wait_for_url("**since=**")
    assert page.locator("li.hit").count() == n
    assert page.locator("h2.search-total").inner_text().startswith(f"{n} article")


def test_network_shows_readable_labelled_nodes(page, server_url, realistic_db):  # noqa: F811
    page.goto(server_url + "/network")
    page.wait_for_selector("#network[data-ready=layout]")
    nodes = page.locator("#network a.node").count()
    assert nodes >= 10
    labels = page.evaluate(
        """() => [...document.querySelectorAll("#network .labels text")].map(t => {
            const b = t.getBoundingClientRect();
            return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
        })"""
    )
    assert len(labels) >= min(nodes, 15)
    assert all(label["h"] >= 12 for label in labels), labels  # about 13 px text at the default zoom
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            overlap = a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
            assert not (overlap and b["y"] < a["y"] + a["h"]), (a["text"], b["text"])
    no_source, no_target, total = query(
        realistic_db,
        "SELECT SUM(source_corpus_id IS NULL), SUM(target_corpus_id IS NULL), COUNT(*) FROM events",
    )[0]
    left_out = page.locator("p.left-out")
    assert f"{total} events" in left_out.inner_text()
    assert (
        f"{no_source} with no known source actor, {no_target} with no known target" in left_out.inner_text()
    )
    shot(page, "realistic-network")
    page.select_option("select[name=type]", "conflict")
    page.fill("input[name=since]", "2026-03-01")
    page.click("form.filters button")
    page.wait_for_url("**type=conflict**")
    page.wait_for_selector("#network[data-ready]")
    conflict_events = query(
        realistic_db,
        "SELECT COUNT(*) FROM events WHERE event_date >= '2026-03-01' AND type IN "
        "('REQUEST','ACCUSE','REJECT','THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT')",
    )[0][0]
    assert page.locator("p.left-out").inner_text().startswith(f"{conflict_events} events match")
    assert page.locator("#network line.edge.coop").count() == 0
    shot(page, "realistic-network-conflict")


def test_map_draws_country_level_events_as_areas(page, server_url):  # noqa: F811
    page.goto(server_url + "/map")
    page.wait_for_selector("#map[data-ready=world]")
    areas = page.locator("#map circle.dot.area[data-precision=country]")
    points = page.locator("#map circle.dot.point")
    assert areas.count() >= 1 and points.count() >= 1
    assert "drawn at its centre" in areas.first.locator("title").text_content()
    shot(page, "realistic-map")
