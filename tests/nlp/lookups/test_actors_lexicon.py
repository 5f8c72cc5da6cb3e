"""The dated actor lexicon: offices by date, countries by date, user extensions."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.errors import LexiconError
from newsgraph.nlp.lookups.actors import ActorLexicon, get_actor_lexicon, parse_lexicon_date


def test_the_president_resolves_by_date():
    lexicon = get_actor_lexicon()
    assert [a.name for a in lexicon.holders("President", date(2004, 5, 1), "USA")] == ["George W. Bush"]
    assert [a.name for a in lexicon.holders("President", date(2026, 5, 1), "USA")] == ["Donald Trump"]
    assert [a.name for a in lexicon.holders("President", date(2019, 5, 1), "USA")] == ["Donald Trump"]
    assert [a.name for a in lexicon.holders("President", date(2022, 5, 1), "USA")] == ["Joe Biden"]


def test_every_row_parses_and_names_a_known_state_or_organisation():
    lexicon = get_actor_lexicon()
    assert len(lexicon.actors) > 150
    for actor in lexicon.actors:
        for office in actor.offices:
            assert office.country or office.organisation, actor.name
            assert office.start is None or office.end is None or office.start <= office.end, actor.name


@pytest.fixture()
def user_lexicon(tmp_path):
    path = tmp_path / "actors_extra.tsv"
    path.write_text(
        "name\taliases\tcountry\torganisation\trole\tstart\tend\tgender\n"
        "Ivo Marten\tI. Marten\tNOR\t\tPrime Minister\t2020-01-01\t2024-06-30\tm\n"
        "Ivo Marten\t\t\tNorthern Council\tSecretary-General\t2024-09\t\tm\n",
        encoding="utf-8",
    )
    return path


def test_user_rows_give_dated_offices_and_countries(user_lexicon):
    lexicon = ActorLexicon((user_lexicon,))
    actor = lexicon.find(["I. Marten"])
    assert actor is not None and actor.name == "Ivo Marten"
    assert [o.role for o in actor.offices_on(date(2022, 1, 1))] == ["Prime Minister"]
    assert actor.country_on(date(2022, 1, 1)) == "NOR"
    assert actor.country_on(date(2025, 1, 1)) is None  # an international office
    assert actor.offices_on(date(2024, 8, 1)) == []
    assert [
        a.name
        for a in lexicon.holders("secretary-general", date(2025, 1, 1), organisation="Northern Council")
    ] == ["Ivo Marten"]


def test_former_entity_people_files_still_extend_it(tmp_path):
    path = tmp_path / "entity_people_extra.tsv"
    path.write_text("name\taliases\tcountry\tgender\nAnika Verhoeven\t\tNLD\tf\n", encoding="utf-8")
    actor = ActorLexicon((path,)).find(["Verhoeven"])
    assert actor is not None and actor.country_on(date(2026, 1, 1)) == "NLD" and actor.gender == "f"


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024", False, date(2024, 1, 1)),
        ("2024", True, date(2024, 12, 31)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2024-12", True, date(2024, 12, 31)),
        ("2024-03-05", False, date(2024, 3, 5)),
        ("", False, None),
    ],
)
def test_lexicon_dates(value, end, expected):
    assert parse_lexicon_date(value, end=end) == expected


def test_bad_date_names_the_value():
    with pytest.raises(LexiconError, match="2024-13"):
        parse_lexicon_date("2024-13-01")
