"""Quotation regions and the people lexicon used by coreference and entities."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.nlp.coref.speakers import quoted_regions
from newsgraph.nlp.lookups.entity_gazetteer import EntityGazetteer


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("“We will win,” she said.", ["We will win,"]),
        ('He said "no" and "never".', ["no", "never"]),
        ("“An unclosed quote\nnext line", ["An unclosed quote"]),
        ("No quotes here.", []),
    ],
)
def test_quoted_regions(text, inside):
    assert [text[s:e] for s, e in quoted_regions(text)] == inside


def test_user_people_lexicon_gives_country_and_gender(tmp_path):
    extra = tmp_path / "entity_people_extra.tsv"
    extra.write_text(
        "name\taliases\tcountry\tgender\nAnika Verhoeven\tAnika Verhoven\tNLD\tf\n", encoding="utf-8"
    )
    gazetteer = EntityGazetteer(spacy.blank("en"), (extra,))
    assert gazetteer.person(["Anika Verhoeven"]).country == "NLD"
    assert gazetteer.person(["Verhoeven"]).gender == "f"  # a unique surname
    assert gazetteer.person(["Jan Pieters"]) is None
    assert gazetteer.given_name_gender("Laura Chen") == "f"
    assert gazetteer.given_name_gender("Chen") is None
