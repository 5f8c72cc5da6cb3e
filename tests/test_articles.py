import pytest

from newsgraph.articles import article_id_for, check_article_length, make_article, valid_unicode
from newsgraph.errors import ArticleTooLongError, InputError, NewsgraphError
from newsgraph.settings import load_settings


def test_lone_surrogates_become_replacement_characters_offsets_kept():
    text = "Mayor \ud800 said \udfff no."
    article = make_article(text, title="T \udc80", source="S", url="https://x.example/\ud83d")
    assert article.text == "Mayor \ufffd said \ufffd no."
    assert len(article.text) == len(text)
    assert article.title == "T \ufffd"
    assert article.url == "https://x.example/\ufffd"
    article.text.encode("utf-8")  # storable and printable


def test_article_id_of_text_with_a_surrogate():
    assert article_id_for("x \ud800") == article_id_for("x \ufffd")
    assert make_article("x", article_id="id-\ud800").id == "id-\ufffd"


def test_valid_unicode_leaves_real_characters_alone():
    assert valid_unicode("naïve 😀 “quote”") == "naïve 😀 “quote”"


def test_too_long_article_error_names_the_article_and_the_limit():
    article = make_article("word " * 30, origin="big.txt")
    check_article_length(article, 150)
    with pytest.raises(ArticleTooLongError) as caught:
        check_article_length(article, 100)
    assert isinstance(caught.value, InputError)
    assert str(caught.value) == (
        "big.txt: article is 150 characters long, over the limit of 100 (setting max_article_chars)"
    )


def test_max_article_chars_setting(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSGRAPH_CONFIG", raising=False)
    monkeypatch.delenv("NEWSGRAPH_MAX_ARTICLE_CHARS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_settings().max_article_chars == 1_000_000
    config = tmp_path / "ng.toml"
    config.write_text("[newsgraph]\nmax_article_chars = 5000\n")
    assert load_settings(config).max_article_chars == 5000
    monkeypatch.setenv("NEWSGRAPH_MAX_ARTICLE_CHARS", "7000")
    assert load_settings(config).max_article_chars == 7000
    assert load_settings(config, max_article_chars=9).max_article_chars == 9
    monkeypatch.setenv("NEWSGRAPH_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(NewsgraphError, match="NEWSGRAPH_MAX_ARTICLE_CHARS: expected a positive whole number"):
        load_settings()
    monkeypatch.delenv("NEWSGRAPH_MAX_ARTICLE_CHARS")
    config.write_text("[newsgraph]\nmax_article_chars = 0\n")
    with pytest.raises(NewsgraphError, match="ng.toml: expected a positive whole number, got 0"):
        load_settings(config)
