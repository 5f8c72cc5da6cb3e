"""Page furniture lines and words glued by scraping."""

from __future__ import annotations

import pytest

from newsgraph.nlp.structure import furniture_lines, split_glued


@pytest.mark.parametrize(
    ("token", "pieces"),
    [
        ("wifeKim", ["wife", "Kim"]),
        ("PresidentChun", ["President", "Chun"]),
        ("January2025", ["January", "2025"]),
        ("to23", ["to", "23"]),
        ("mediaTuesday", ["media", "Tuesday"]),
        ("Trump’s“Board", ["Trump", "’s", "“", "Board"]),
        ("Peace,”the", ["Peace", ",", "”", "the"]),
        # camel-case names and ordinary words stay whole
        ("YouTube", ["YouTube"]),
        ("McDonald", ["McDonald"]),
        ("iPhone", ["iPhone"]),
        ("macOS", ["macOS"]),
        ("Pritzkersaid", ["Pritzker", "said"]),
        ("Ducreytoldreporters", ["Ducrey", "told", "reporters"]),
        ("WhatsApp", ["WhatsApp"]),
        ("OpenAI", ["OpenAI"]),
        ("U.S.", ["U.S."]),
        ("covid-19", ["covid-19"]),
    ],
)
def test_split_glued(token, pieces):
    assert split_glued(token) == pieces
    assert "".join(pieces) == token


@pytest.mark.parametrize(
    ("token", "pieces"),
    [
        ("Kittlesonwas", ["Kittleson", "was"]),
        ("Hormuzin", ["Hormuz", "in"]),
        ("Leagueaction", ["League", "action"]),
        # only with the name standing alone elsewhere, and not where a name ends like a word
        ("Haitian", ["Haitian"]),
        ("Marchand", ["Marchand"]),
        ("Justin", ["Justin"]),
        ("Poland", ["Poland"]),
        ("DonaldTrump", ["Donald", "Trump"]),
        ("BlackRock", ["BlackRock"]),
        ("TrumpsaidAmerican", ["Trump", "said", "American"]),
    ],
)
def test_split_names_glued_to_the_next_word(token, pieces):
    standalone = {
        "Kittleson",
        "Hormuz",
        "League",
        "action",
        "Haiti",
        "March",
        "Hee",
        "Donald",
        "Trump",
        "Black",
    }
    assert split_glued(token, standalone) == pieces


def test_a_name_glued_to_a_word_is_cut_only_where_the_article_writes_it_alone(pipeline):
    text = "The envoy met Lena Brandt in Vienna. Brandtwas not available, and Poland said nothing."
    names = {e.name for e in pipeline.extract(text).entities}
    assert "Brandtwas" not in names and "Poland" in names, names


TEXT = (
    "Source: CNN\n\nBy Ana Ruiz and Ivo Petrov, CNN\n\nBy then, the troops had left Oslo.\n"
    "CNN’s Lena Frost and Pavel Orlov contributed to this report.\n\nSee Full Web Article"
)


def test_furniture_lines():
    found = [(f.kind, TEXT[f.start : f.end], f.value) for f in furniture_lines(TEXT)]
    assert found == [
        ("source", "Source: CNN", "CNN"),
        ("byline", "By Ana Ruiz and Ivo Petrov, CNN", "Ana Ruiz and Ivo Petrov, CNN"),
        (
            "credit",
            "CNN’s Lena Frost and Pavel Orlov contributed to this report.",
            "CNN’s Lena Frost and Pavel Orlov",
        ),
        ("link", "See Full Web Article", None),
    ]


def test_a_source_line_names_an_outlet_near_the_top():
    assert furniture_lines("The talks resumed.\nSource: a diplomat close to the talks\nMore text.") == []
    text = "One.\nTwo.\nThree.\nSource: Reuters\nFour."
    assert furniture_lines(text) == []  # too far down to be the page's source line
    text = "Harbour Talks Resume\n\nSource: Reuters\n\nThe talks resumed."
    assert [(f.kind, f.value) for f in furniture_lines(text)] == [("source", "Reuters")]


def test_editors_notes_are_furniture():
    text = "The talks resumed.\n\nThis story has been updated with additional information.\nThis is a developing story and will be updated."
    assert [f.kind for f in furniture_lines(text)] == ["note", "note"]


def test_furniture_names_are_not_entities_and_the_source_is_kept(pipeline):
    record = pipeline.extract(TEXT)
    names = {e.name for e in record.entities}
    assert names == {"Oslo"}, names
    assert record.article.source == "CNN"
    assert pipeline.extract(TEXT, source="Reuters").article.source == "Reuters"
