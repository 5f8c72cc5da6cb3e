"""Entities stage: types, clusters, titles and countries on fictional sentences."""

from __future__ import annotations

import pytest


def _by_name(record, name):
    matches = [e for e in record.entities if e.name == name]
    assert matches, [(e.name, e.type) for e in record.entities]
    return matches[0]


@pytest.mark.parametrize(
    ("text", "name", "type_", "titles", "country"),
    [
        (
            "French Foreign Minister Claire Dubois arrived in Rome.",
            "Claire Dubois",
            "PERSON",
            ("Foreign Minister",),
            "FRA",
        ),
        ("Polish President Adam Nowicki spoke on Monday.", "Adam Nowicki", "PERSON", ("President",), "POL"),
        (
            "US Secretary of State Dana Hill landed in Tokyo.",
            "Dana Hill",
            "PERSON",
            ("Secretary of State",),
            "USA",
        ),
        (
            "Ivan Sorokin, the Kremlin spokesman, declined to comment.",
            "Ivan Sorokin",
            "PERSON",
            ("Spokesman",),
            "RUS",
        ),
        (
            "The Spanish foreign minister, Lucia Vega, left early.",
            "Lucia Vega",
            "PERSON",
            ("Foreign Minister",),
            "ESP",
        ),
        (
            "Karl Weber, who has served as finance minister since 2019, resigned.",
            "Karl Weber",
            "PERSON",
            ("Finance Minister",),
            None,
        ),
        (
            "Deputy Prime Minister Olga Petrenko of Ukraine visited Paris.",
            "Olga Petrenko",
            "PERSON",
            ("Deputy Prime Minister",),
            "UKR",
        ),
        (
            "Paola Ricci is the Italian economy minister.",
            "Paola Ricci",
            "PERSON",
            ("Economy Minister",),
            "ITA",
        ),
        ("Japan's state-run Sakura News agency reported the blast.", "Sakura News", "ORG", (), "JPN"),
        ("NATO and the European Commission met in Brussels.", "European Commission", "ORG", (), None),
        ("Drones hit the Kharkiv region overnight.", "Kharkiv", "GPE", (), "UKR"),
        ("Flights at Porto cargo airport were suspended.", "Porto cargo airport", "FAC", (), "PRT"),
    ],
)
def test_entity_attributes(pipeline, text, name, type_, titles, country):
    entity = _by_name(pipeline.extract(text), name)
    assert entity.type == type_
    assert entity.titles == titles
    assert entity.country == country


def test_surname_and_title_mentions_join_the_full_name(pipeline):
    text = (
        "Senator Rita Calloway opened the hearing. Calloway said the bill would pass. "
        "Later Senator Calloway left. Aides of Calloway stayed."
    )
    record = pipeline.extract(text)
    people = [e for e in record.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Rita Calloway"]
    kinds = [m.kind for m in people[0].mentions]
    assert kinds.count("title") == 1 and "name" in kinds and "alias" in kinds


def test_offsets_give_back_the_mention_text(pipeline):
    text = "The European Commission's plan angered Hungary. Budapest said the UK and Britain agreed."
    record = pipeline.extract(text)
    for entity in record.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    commission = _by_name(record, "European Commission")
    assert [m.text for m in commission.mentions] == ["European Commission"]
    uk = _by_name(record, "United Kingdom")
    assert sorted(m.text for m in uk.mentions) == ["Britain", "UK"]
    assert _by_name(record, "Budapest").country == "HUN"


@pytest.mark.parametrize(
    ("text", "not_entity"),
    [
        ("US Secretary of State Dana Hill landed in Tokyo.", "State"),
        ("Defence Secretary Tom Green visited the base.", "Defence"),
        ("Kenya wants to buy 12 Falcon systems from France.", "Falcon"),
    ],
)
def test_no_person_or_title_word_entities(pipeline, text, not_entity):
    record = pipeline.extract(text)
    assert not any(e.name == not_entity and e.type in ("PERSON", "ORG", "GPE") for e in record.entities)


def test_company_typed_by_its_description(pipeline):
    record = pipeline.extract("Power was cut, according to state-owned energy company Voltera in Poland.")
    company = _by_name(record, "Voltera")
    assert company.type == "ORG"


def test_international_organisations_have_no_country(pipeline):
    record = pipeline.extract("The IAEA and NATO sent experts to Lithuania.")
    for entity in record.entities:
        if entity.type == "ORG":
            assert entity.country is None
    assert _by_name(record, "Lithuania").country == "LTU"


def test_ids_are_unique_and_ordered(pipeline):
    record = pipeline.extract("Chancellor Dieter Brandt met Prime Minister Ines Moreau in Vienna.")
    ids = [e.id for e in record.entities]
    assert ids == [f"E{i}" for i in range(1, len(ids) + 1)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Drelish Foreign Minister Anika Moor met reporters on Monday.", "Drelish"),
        ("Velorian forces shelled the town overnight, officials said.", "Velorian"),
        ("Ostranese troops crossed the river before dawn.", "Ostranese"),
    ],
)
def test_unknown_demonym_before_title_or_group_is_norp(pipeline, text, name):
    record = pipeline.extract(text)
    assert not any(e.name == name and e.type == "PERSON" for e in record.entities)
    norp = [e for e in record.entities if e.name == name]
    assert all(e.type == "NORP" and e.country is None for e in norp)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Negotiators from Veloria and Tarsent resumed talks on Tuesday.", ("Veloria", "Tarsent")),
        ("Envoys from Ostrana and Pellin signed the accord.", ("Ostrana", "Pellin")),
    ],
)
def test_coordinated_names_are_split(pipeline, text, names):
    record = pipeline.extract(text)
    found = {e.name: e for e in record.entities}
    for name in names:
        assert name in found, list(found)
        mention = found[name].mentions[0]
        assert text[mention.start : mention.end] == name
    assert not any(" and " in e.name for e in record.entities)


def test_known_country_pair_stays_one(pipeline):
    record = pipeline.extract("Troops were sent to Bosnia and Herzegovina last year.")
    assert any(e.name == "Bosnia and Herzegovina" for e in record.entities)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ships docked at the disputed port of Kessan on Friday.", "Kessan"),
        ("Fighting continued near Kessan, the army said.", "Kessan"),
        ("Aid reached the town of Brevik after a week.", "Brevik"),
    ],
)
def test_names_placed_by_the_text_are_places(pipeline, text, name):
    assert _by_name(pipeline.extract(text), name).type == "GPE"
