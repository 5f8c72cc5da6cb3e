"""Search grouped by article: the page, its totals and its facets come from one matched set."""

from __future__ import annotations

import pytest
from store_records import minister_record

FILTERS = [
    {},
    {"source": "Example Times"},
    {"since": "2026-02-01"},
    {"until": "2026-01-31"},
    {"type": "coerce"},
    {"country": "aut"},
    {"country": "FRA"},
]


@pytest.fixture
def varied(store):
    """Eight articles over two sources and three months; half also mention a strike."""
    people = [("Tomas", "Varga"), ("Ilona", "Kiss"), ("Marek", "Novak"), ("Sara", "Lind")]
    for i in range(8):
        first, surname = people[i % 4]
        store.add_document(
            minister_record(
                first=first,
                surname=f"{surname}{i}",
                published=f"2026-0{1 + i % 3}-1{i}",
                source="Example Times" if i % 3 else "Other Wire",
                extra="The harbour strike went on." if i % 2 else "",
            )
        )
    return store


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize(
    "text", ["useful", "harbour", "Vienna police", '"talks were useful"', "absent", "((("]
)
def test_search_with_facets_answers_as_the_separate_questions(varied, text, filters):
    for limit, offset in [(20, 0), (3, 0), (3, 3), (3, 100)]:
        both = varied.search_with_facets(text, limit=limit, offset=offset, facet_limit=2, **filters)
        facets = both.pop("facets")
        assert both == varied.search_articles(text, limit=limit, offset=offset, **filters)
        assert facets == varied.search_facets(text, limit=2, **filters)


def test_search_counts_and_facets_are_true_counts(varied):
    found = varied.search_with_facets("strike", limit=2)
    assert found["total_articles"] == 4 and len(found["articles"]) == 2
    # one hit in each article's text, none in its quote
    assert found["total_hits"] == 4 and all(a["n_quote_hits"] == 0 for a in found["articles"])
    assert all("[strike]" in a["text_snippet"] for a in found["articles"])
    by_source = {v["value"]: v["n"] for v in found["facets"]["source"]["values"]}
    assert by_source == {"Example Times": 3, "Other Wire": 1}  # articles 1, 5, 7 and 3
    months = [v["value"] for v in found["facets"]["month"]["values"]]
    assert months == ["2026-03", "2026-02", "2026-01"]
    assert {v["value"]: v["n"] for v in found["facets"]["type"]["values"]} == {"CONSULT": 4, "COERCE": 4}
    quoted = varied.search_with_facets("useful")
    assert quoted["total_articles"] == 8 and quoted["total_hits"] == 16  # text and quote of each
    assert all(len(a["quotes"]) == 1 and "[useful]" in a["quotes"][0]["snippet"] for a in quoted["articles"])


def test_search_page_reads_the_matched_set_once(varied):
    statements: list[str] = []
    varied.conn.set_trace_callback(statements.append)
    try:
        varied.search_with_facets("useful", limit=3, type="consult")
    finally:
        varied.conn.set_trace_callback(None)
    # The matched set is the one statement matching both indexes; snippets are bounded by the page
    # and facets by the matched ids, so no other statement runs a whole search again.
    whole = [s for s in statements if "articles_fts MATCH" in s and "quotes_fts MATCH" in s]
    assert len(whole) == 1
    ours = [s for s in statements if not s.startswith("--")]  # "--" marks FTS5's own reads
    assert len(ours) <= 5


def test_search_facets_read_covering_indexes(varied):
    statements: list[str] = []
    varied.conn.set_trace_callback(statements.append)
    try:
        varied.search_facets("useful")
    finally:
        varied.conn.set_trace_callback(None)
    facet_queries = [s for s in statements if "json_each" in s]
    assert len(facet_queries) == 2  # event types and place countries of the matched articles
    for sql in facet_queries:
        ids = '["' + varied.list_articles(limit=1)[0]["id"] + '"]'
        plan = " ".join(r[3] for r in varied.conn.execute("EXPLAIN QUERY PLAN " + sql, {"ids": ids}))
        assert "COVERING INDEX" in plan, plan
