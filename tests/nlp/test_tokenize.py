"""Tokenising pathological runs (punctuation, emoji, no spaces) in linear time, offsets intact."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from newsgraph.errors import ArticleTooLongError
from newsgraph.nlp.tokenize import LONGEST_SYMBOL_RUN, PIECE_LENGTH, make_doc

PATHOLOGICAL = [
    "!" * 5000,
    "\U0001f600" * 3000,
    "?!" * 2000,
    "Mayor Lina Osk said" + "." * 4000 + " hello",
    "a" * 3000 + " Kesk",
    "-" * 80 + "\n\nHeadline\n" + "=" * 80,
]


@pytest.mark.parametrize("text", PATHOLOGICAL)
def test_long_runs_are_cut_and_the_text_kept(pipeline, text):
    doc = make_doc(pipeline.nlp, text)
    assert doc.text == text
    # One token per character (what the tokenizer alone gives a run of "!") is what made it slow.
    assert len(doc) <= len(text) // min(LONGEST_SYMBOL_RUN, PIECE_LENGTH) + 12
    position = 0
    for token in doc:
        assert token.idx == position
        position += len(token.text_with_ws)


def test_ordinary_text_is_tokenised_as_spacy_does(pipeline):
    text = 'The mayor said: "We can\'t wait..." -- see https://example.org/a/b?c=d -- 3,000 people!!!'
    assert [t.text for t in make_doc(pipeline.nlp, text)] == [t.text for t in pipeline.nlp.make_doc(text)]


def test_offsets_after_a_long_run_index_the_text(pipeline):
    text = "!" * 3000 + "\n\nForeign Minister Anna Kovacs met Peter Mwangi in Geneva on Tuesday."
    record = pipeline.extract(text, published="2026-01-06")
    assert record.entities
    for entity in record.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    for time in record.times:
        assert text[time.start : time.end] == time.text


def test_article_over_the_limit_names_it_not_spacy_e088(pipeline):
    limited = copy.copy(pipeline)
    limited.settings = dataclasses.replace(pipeline.settings, max_article_chars=40)
    with pytest.raises(ArticleTooLongError, match="article is 41 characters long, over the limit of 40"):
        limited.extract("x" * 41)
    assert limited.extract("x" * 40).article.text == "x" * 40


def test_default_limit_is_one_million_characters(pipeline):
    with pytest.raises(ArticleTooLongError, match="over the limit of 1,000,000 .setting max_article_chars."):
        pipeline.extract("word " * 200_001)
