"""An article over ``max_article_chars`` is a 413 naming the limit, on the API and the page."""

from __future__ import annotations

LIMIT_MESSAGE = (
    "article is 1,019,999 characters long, over the limit of 1,000,000 (setting max_article_chars)"
)
# 1.2 MB of text: under the 2 MB request limit, over the one-million-character article limit.
TOO_LONG = "The ferry sails. " * 60_000


def test_api_extract_too_long_is_413_with_the_limit(client):
    response = client.post("/api/extract", json={"text": TOO_LONG}, headers={"origin": "http://testserver"})
    assert response.status_code == 413, response.text[:300]
    assert response.json()["detail"] == f"api: {LIMIT_MESSAGE}"
    assert client.get("/api/articles").status_code == 200  # the server goes on answering


def test_extract_page_too_long_is_413_with_the_limit(client):
    response = client.post("/extract", data={"text": TOO_LONG}, headers={"origin": "http://testserver"})
    assert response.status_code == 413
    assert LIMIT_MESSAGE in response.text
