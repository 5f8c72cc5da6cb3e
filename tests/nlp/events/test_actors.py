"""Actors: entities where named, else groups with a country and a CAMEO sector."""

from __future__ import annotations

import pytest

from newsgraph.nlp.events.actors import ActorResolver, expand_quantity
from newsgraph.nlp.events.lexicon import load_event_lexicon
from newsgraph.nlp.lookups.countries import get_country_gazetteer


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(get_country_gazetteer(), load_event_lexicon().sectors)


def head_of(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "head", "country", "sector"),
    [
        ("Russian forces crossed the river.", "forces", "RUS", "MIL"),
        ("Ukrainian officials met on Monday.", "officials", "UKR", "GOV"),
        ("Kenyan police blocked the road.", "police", "KEN", "COP"),
        ("Syrian rebels took the town.", "rebels", "SYR", "REB"),
        ("The Kremlin answered quickly.", "Kremlin", "RUS", "GOV"),
        ("Protesters in Georgia marched.", "Protesters", "GEO", "CVL"),
        ("Russia's army advanced.", "army", "RUS", "MIL"),
        ("The missiles hit Ukrainian energy infrastructure.", "infrastructure", "UKR", None),
        ("French companies invested.", "companies", "FRA", "BUS"),
    ],
)
def test_group_actor(pipeline, resolver, text, head, country, sector):
    doc = pipeline.nlp(text)
    actor = resolver.actor(head_of(doc, head))
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)
    assert doc.text[actor.start : actor.end].endswith(head)


@pytest.mark.parametrize(
    ("text", "head", "country"),
    [
        ("Germany sent tanks.", "Germany", "DEU"),
        ("Polish President Adam Nowak spoke.", "Nowak", "POL"),
    ],
)
def test_named_actor_takes_its_entity(pipeline, resolver, text, head, country):
    actor = resolver.actor(head_of(pipeline.nlp(text), head))
    assert actor is not None and actor.country == country


def test_a_thing_is_not_an_actor(pipeline, resolver):
    doc = pipeline.nlp("Russia will abide by its obligations.")
    assert resolver.actor(head_of(doc, "obligations")) is None


def test_quantity_head_is_looked_through(pipeline):
    doc = pipeline.nlp("They fired hundreds of drones.")
    assert expand_quantity(head_of(doc, "hundreds")).text == "drones"
