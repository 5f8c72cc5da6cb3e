"""Events: modes, reporting, attachments of place, time and tolls, and user lexicons."""

from __future__ import annotations

import pytest

from newsgraph.errors import LexiconError
from newsgraph.nlp.events.lexicon import load_event_lexicon
from newsgraph.nlp.pipeline import Pipeline
from newsgraph.settings import Settings


def only(record, event_type):
    found = [e for e in record.events if e.type == event_type]
    assert found, [(e.type, e.trigger.text) for e in record.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Russian forces launched dozens of missiles against Ukrainian cities.", "aerial"),
        ("Rebels launched drones at the airport.", "drone"),
        ("The army shelled the village with artillery.", "heavy-weapons"),
        ("Kenyan police arrested three activists.", "arrest"),
    ],
)
def test_mode_from_clause_words(pipeline, text, mode):
    record = pipeline.extract(text, published="2026-01-02")
    assert record.events[0].mode == mode


def test_death_toll_attaches_to_its_attack(pipeline):
    text = "Militants attacked a police station in northern Nigeria on Monday, killing at least 12 people."
    event = only(pipeline.extract(text, published="2026-01-02"), "ASSAULT")
    assert [q.value for q in event.quantities if q.kind == "killed"] == [12]
    assert len([e for e in pipeline.extract(text, published="2026-01-02").events if e.type == "ASSAULT"]) == 1


def test_toll_in_the_next_sentence(pipeline):
    text = "Gunmen stormed a hotel in Mogadishu. At least nine people were killed."
    event = only(pipeline.extract(text, published="2026-01-02"), "ASSAULT")
    assert 9 in [q.value for q in event.quantities]


def test_place_and_time_from_the_clause(pipeline):
    text = "Sudanese troops attacked rebel positions in Khartoum on Saturday."
    event = only(pipeline.extract(text, published="2026-01-05"), "ASSAULT")
    assert event.location is not None and event.location.country == "SDN"
    assert event.time is not None and event.time.text.endswith("Saturday")


def test_reported_event_names_its_reporter(pipeline):
    text = "Finnish President Matti Lahti said that Russian troops attacked a Ukrainian village."
    record = pipeline.extract(text, published="2026-01-02")
    event = only(record, "ASSAULT")
    assert event.modality == "reported"
    speaker = next(e for e in record.entities if e.name.endswith("Lahti"))
    assert event.reported_by == speaker.id
    assert event.source.country == "RUS" and event.target.country == "UKR"


def test_his_country_is_the_speakers(pipeline):
    text = "Austrian Chancellor Karl Weber said his country would not join the mission."
    event = only(pipeline.extract(text, published="2026-01-02"), "REJECT")
    assert event.source is not None and event.source.country == "AUT"
    assert event.modality in {"asserted", "reported"}


def test_metonym_is_the_government(pipeline):
    event = only(
        pipeline.extract("The Kremlin condemned the Estonian decision.", published="2026-01-02"), "ACCUSE"
    )
    assert (event.source.country, event.source.sector) == ("RUS", "GOV")


def test_intention_turns_cooperation_into_agree(pipeline):
    event = only(pipeline.extract("Peru is ready to hold talks with Chile.", published="2026-01-02"), "AGREE")
    assert event.modality == "intended"
    assert event.target.country == "CHL"


def test_nested_event_is_part_of_its_governor(pipeline):
    record = pipeline.extract("Hungary refused to meet the Slovak envoy.", published="2026-01-02")
    assert [e.type for e in record.events] == ["REJECT"]


def test_user_lexicon_adds_a_pattern(tmp_path):
    extra = tmp_path / "plover_patterns_extra.yaml"
    extra.write_text(
        "- type: PROTEST\n  mode: obstruct\n  trigger: [picnic]\n  target: [prep:against]\n",
        encoding="utf-8",
    )
    text = "Belgian farmers picnicked against the new tax."
    assert not [e for e in Pipeline().extract(text).events if e.type == "PROTEST"]
    events = Pipeline(Settings(user_lexicons=(extra,))).extract(text).events
    coded = [e for e in events if e.type == "PROTEST"]
    assert coded and coded[0].mode == "obstruct" and coded[0].source.country == "BEL"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- type: FIGHT\n  trigger: [fight]\n", "not a PLOVER type"),
        ("- type: ASSAULT\n", "'trigger' is required"),
        ("- type: ASSAULT\n  trigger: [hit]\n  object: ['@nothing']\n", "unknown word class"),
        ("- type: ASSAULT\n  trigger: [hit]\n  colour: red\n", "unknown key"),
        ("- type: ASSAULT\n  trigger: [hit]\n  target: [behind]\n", "unknown target role"),
    ],
)
def test_bad_user_pattern_is_reported(tmp_path, content, message):
    extra = tmp_path / "plover_patterns_bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_event_lexicon((extra,))
