"""The actor layer: countries and roles from the text, the article's state and the dated lexicon."""

from __future__ import annotations

import pytest


def _entity(record, name):
    matches = [e for e in record.entities if e.name == name]
    assert matches, [(e.name, e.type, e.country) for e in record.entities]
    return matches[0]


CHILE_STORY = (
    "Chile's Supreme Court ruled on Tuesday. The Supreme Court said the law was void. "
    "Chilean farmers welcomed it, and Chile's president is abroad. Justice Marta Ibarra wrote "
    "the opinion. Congress must now act, and Congress will meet in Chile."
)


def test_an_article_about_one_state_lends_it_to_national_bodies_and_officials(pipeline):
    record = pipeline.extract(CHILE_STORY, published="2026-03-01")
    congress = _entity(record, "Congress")
    assert (congress.type, congress.country) == ("ORG", "CHL")  # not a person, not Peru
    justice = _entity(record, "Marta Ibarra")
    assert (justice.titles, justice.country) == (("Justice",), "CHL")


def test_a_supranational_body_is_not_lent_the_state(pipeline):
    text = CHILE_STORY + " The European Space Agency will launch the satellite."
    record = pipeline.extract(text, published="2026-03-01")
    assert _entity(record, "European Space Agency").country is None


def test_no_state_is_lent_when_the_article_names_several(pipeline):
    text = "Norway and Sweden signed a deal. The Supreme Court will review it, Justice Marta Ibarra said."
    record = pipeline.extract(text, published="2026-03-01")
    assert _entity(record, "Supreme Court").country is None
    assert _entity(record, "Marta Ibarra").country is None


def test_a_spokesperson_takes_the_country_of_the_body_it_speaks_for(pipeline):
    text = (
        "Violence spread across Peru on Sunday. Peruvian police said the Peruvian army was deployed. "
        "Tomas Reyes, a spokesperson from the National Police, said the toll rose, and Peru's "
        "government declared an emergency in Peru."
    )
    record = pipeline.extract(text, published="2026-03-01")
    assert _entity(record, "National Police").country == "PER"
    reyes = _entity(record, "Tomas Reyes")
    assert (reyes.type, reyes.titles, reyes.country) == ("PERSON", ("Spokesperson",), "PER")


def test_a_listed_office_holder_keeps_the_office_state_whatever_the_neighbours(pipeline):
    record = pipeline.extract("Iran's nemesis Donald Trump spoke on Monday.", published="2026-03-01")
    trump = _entity(record, "Donald Trump")
    assert (trump.country, trump.titles) == ("USA", ("President",))


def test_the_lexicon_role_depends_on_the_article_date(pipeline):
    text = "Donald Trump met reporters in Ohio on Monday."
    in_office = _entity(pipeline.extract(text, published="2019-03-01"), "Donald Trump")
    out_of_office = _entity(pipeline.extract(text, published="2022-03-01"), "Donald Trump")
    assert in_office.titles == ("President",)
    assert out_of_office.titles == () and out_of_office.country == "USA"


@pytest.mark.parametrize(
    ("text", "name", "titles", "country"),
    [
        (
            "That includes Omar Haddad, who serves as Commander-in-Chief of the Islamic Revolutionary "
            "Guard Corps, the source said.",
            "Omar Haddad",
            ("Commander-in-Chief",),
            "IRN",
        ),
        (
            "SOUTHCOM Commander Gen. Mark Ellery praised the troops.",
            "Mark Ellery",
            ("General", "Commander"),
            "USA",
        ),
    ],
)
def test_titles_with_hyphens_abbreviations_and_stacks(pipeline, text, name, titles, country):
    entity = _entity(pipeline.extract(text, published="2026-03-01"), name)
    assert (entity.titles, entity.country) == (titles, country)


def test_family_name_first_short_form_joins_the_full_name(pipeline):
    record = pipeline.extract(
        "Presiding judge Park Min-jun read the verdict. Park said the court had no doubt."
    )
    park = _entity(record, "Park Min-jun")
    assert "Park" in [m.text for m in park.mentions]
    assert [e.name for e in record.entities if e.type == "PERSON"] == ["Park Min-jun"]


def test_regnal_name_and_title_make_one_person(pipeline):
    record = pipeline.extract("King Osric IV opened the session. Osric said the kingdom was at peace.")
    king = _entity(record, "Osric IV")
    assert king.type == "PERSON" and king.titles == ("King",)
    assert [m.text for m in king.mentions] == ["Osric IV", "Osric"]


HAITI_STORY = (
    "Gangs attacked the town of Vieux-Marais in Haiti on Sunday. Haitian police said Haiti's army "
    "was deployed, and Haitian officials fled. Referee Olek Danvers watched Haiti win. Residents "
    "of Vieux-Marais fled to Haiti's capital."
)


def test_a_strongly_dominant_state_lends_itself_only_to_names_used_as_places(pipeline):
    record = pipeline.extract(HAITI_STORY, published="2026-03-01")
    assert _entity(record, "Vieux-Marais").country == "HTI"
    others = [e for e in record.entities if e.name == "Olek Danvers"]
    assert not others or others[0].country is None


def test_a_surname_before_the_full_name_joins_it(pipeline):
    text = "Orlan criticised the plan on Monday. Later, Deputy Minister Vesna Orlan said talks would go on."
    record = pipeline.extract(text)
    people = [e for e in record.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Vesna Orlan"]
    assert [m.text for m in people[0].mentions] == ["Orlan", "Vesna Orlan"]


def test_an_aide_is_reported_as_an_aide(pipeline):
    text = "Teodor Lask, a top aide to the president, said the deal was close."
    entity = _entity(pipeline.extract(text), "Teodor Lask")
    assert entity.titles == ("Aide",)


def test_a_listed_surname_does_not_claim_another_full_name(pipeline):
    # "Cooper" alone would be the listed foreign secretary; "Roy Cooper" is someone else.
    record = pipeline.extract(
        "Roy Cooper won the primary on Tuesday. Cooper thanked voters.", published="2026-03-01"
    )
    cooper = _entity(record, "Roy Cooper")
    assert (cooper.country, cooper.titles) == (None, ())


def test_an_ambassador_belongs_to_the_sending_state(pipeline):
    record = pipeline.extract(
        "The US ambassador to Israel Daniel Harper said the talks went well.", published="2026-03-01"
    )
    envoy = _entity(record, "Daniel Harper")
    assert (envoy.titles, envoy.country) == (("Ambassador",), "USA")


def test_a_first_surname_joins_a_double_surname(pipeline):
    text = "Carlos Manuel Ibarra Solana was named consul. Ibarra said he was honoured."
    entities = pipeline.extract(text).entities
    assert [e.name for e in entities] == ["Carlos Manuel Ibarra Solana"], [(e.name, e.type) for e in entities]
    assert "Ibarra" in [m.text for m in entities[0].mentions]


def test_a_relative_with_an_unlisted_given_name_is_a_person(pipeline):
    text = "Brian Hollister remains in custody and uncharged. Lynette Hollister has not been found."
    types = {e.name: e.type for e in pipeline.extract(text).entities}
    assert types.get("Lynette Hollister") == "PERSON", types


def test_an_office_of_an_organisation_is_not_lent_the_state(pipeline):
    text = (
        "Iran moved its centrifuges. Iranian officials said Iran would not stop, and Iran's "
        "leaders agreed. The site may become a bunker, Amnesty International president Dana Whitlock warned."
    )
    record = pipeline.extract(text, published="2026-03-01")
    assert _entity(record, "Dana Whitlock").country is None


def test_a_listed_name_the_model_misses_is_found_whole(pipeline):
    record = pipeline.extract("Brazil’s Luiz Inacio Lula da Silva arrived in Rome.", published="2026-03-01")
    lula = _entity(record, "Luiz Inacio Lula da Silva")
    assert (lula.type, lula.country, lula.titles) == ("PERSON", "BRA", ("President",))


def test_a_party_leader_in_an_article_about_one_state(pipeline):
    text = (
        "South Korea's court ruled on Thursday. South Korean lawmakers reacted, and South Korea's "
        "president spoke in Seoul. The verdict angered his own ruling party's leader Park Jin-ho."
    )
    record = pipeline.extract(text, published="2026-02-19")
    assert _entity(record, "Park Jin-ho").country == "KOR"
