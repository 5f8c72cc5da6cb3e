"""Entity types that hold on real text: appositions, place cues, glued words, teams."""

from __future__ import annotations

import pytest


def _types(record):
    return {e.name: e.type for e in record.entities}


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        # an unknown name after "in" or "outside" is a place, not a person
        ("Refugees gathered in Kandrelo and outside Masvik on Monday.", "Kandrelo", "GPE"),
        ("Refugees gathered in Kandrelo and outside Masvik on Monday.", "Masvik", "GPE"),
        # a place head after a coordination of hyphenated names
        (
            "Gunmen attacked villages in the Marvelle and Sainte-Rosaire areas on Sunday.",
            "Sainte-Rosaire",
            "GPE",
        ),
        # an appositive organisation noun types both conjuncts
        (
            "Las Hienas and Los Cuervos, two of Peru's main criminal organizations, were banned.",
            "Las Hienas",
            "ORG",
        ),
        (
            "Las Hienas and Los Cuervos, two of Peru's main criminal organizations, were banned.",
            "Los Cuervos",
            "ORG",
        ),
        # words run together by scraping are read apart
        (
            "Her husbandTomas Berg arrived in January2025 with former PresidentAlvaro Dunn.",
            "Tomas Berg",
            "PERSON",
        ),
        (
            "Her husbandTomas Berg arrived in January2025 with former PresidentAlvaro Dunn.",
            "Alvaro Dunn",
            "PERSON",
        ),
        # teams named by their city
        ("Leeds beat Arsenal 2-1 on Saturday.", "Leeds", "ORG"),
        ("Leeds beat Arsenal 2-1 on Saturday.", "Arsenal", "ORG"),
        ("Brazil drew with Spain 1-1 in Madrid on Tuesday.", "Spain", "ORG"),
        # names a plural organisation noun introduces
        (
            "Police confirmed 16 dead, with rights groups Defenders Plus and RNDDH estimating 70.",
            "Defenders Plus",
            "ORG",
        ),
        (
            "Police confirmed 16 dead, with rights groups Defenders Plus and RNDDH estimating 70.",
            "RNDDH",
            "ORG",
        ),
        ("Tech companies Alvena and Tarsk Systems agreed to pay.", "Tarsk Systems", "ORG"),
        # the shape of a name
        ("Ministers met at the Government Palace in Quito.", "Government Palace", "FAC"),
        ("Tankers waited in the Gulf of Oman on Monday.", "Gulf of Oman", "LOC"),
        ("The Oslo police department said the blast caused no injuries.", "Oslo police department", "ORG"),
    ],
)
def test_entity_types_on_real_kinds_of_sentences(pipeline, text, name, type_):
    assert _types(pipeline.extract(text)).get(name) == type_, _types(pipeline.extract(text))


def test_glued_words_leave_no_glued_entity(pipeline):
    record = pipeline.extract(
        "Her husbandTomas Berg arrived in January2025 with former PresidentAlvaro Dunn."
    )
    names = [e.name for e in record.entities]
    assert not any(n.startswith(("husband", "President")) or "2025" in n for n in names), names
    assert record.entities[0].mentions[0].text == "Tomas Berg"


def test_a_title_apposition_makes_a_person_of_an_organisation_reading(pipeline):
    text = "Bertrand Ollier, a spokesperson from the commission, told reporters. Ollier said more would come."
    record = pipeline.extract(text)
    people = [e for e in record.entities if e.name == "Bertrand Ollier"]
    assert people and people[0].type == "PERSON" and people[0].titles == ("Spokesperson",)
    names = [m.text for m in people[0].mentions if m.kind in ("name", "alias")]
    assert names == ["Bertrand Ollier", "Ollier"]  # the apposition is coreference's (a nominal mention)


def test_doctor_based_in_a_country(pipeline):
    text = "Reginald Fontaine, a doctor based in central Haiti, treated 15 people."
    entity = next(e for e in pipeline.extract(text).entities if e.name == "Reginald Fontaine")
    assert (entity.titles, entity.country) == (("Doctor",), "HTI")


def test_a_place_head_types_every_mention_of_its_names(pipeline):
    text = "Gangs burned homes in the Jean-Marie and Pont-Lacroix areas. Video showed people trying to escape Jean-Marie."
    record = pipeline.extract(text)
    assert {e.name: (e.type, len(e.mentions)) for e in record.entities} == {
        "Jean-Marie": ("GPE", 2),
        "Pont-Lacroix": ("GPE", 1),
    }


def test_a_body_named_with_and_without_its_head_is_one(pipeline):
    text = "Oslo police spokesperson Kari Vold said the area was closed. The Oslo police department said no one was hurt."
    orgs = [e for e in pipeline.extract(text).entities if e.type == "ORG"]
    assert [(o.name, len(o.mentions)) for o in orgs] == [("Oslo police department", 2)], orgs


def test_a_region_named_after_its_town_is_placed(pipeline):
    record = pipeline.extract("Rebels advanced in Idlib Province on Sunday, and in Kherson Oblast on Monday.")
    places = {e.name: (e.type, e.country) for e in record.entities}
    assert places["Idlib Province"] == ("GPE", "SYR")
    assert places["Kherson Oblast"] == ("GPE", "UKR")


def test_newspaper_style_acronyms_are_known(pipeline):
    record = pipeline.extract("The C.I.A. declined to comment.")
    cia = next(e for e in record.entities if e.type == "ORG")
    assert cia.country == "USA"
