"""PLOVER event coding: type, actors' countries and modality, over a table of our own sentences."""

from __future__ import annotations

import pytest

# (sentence, PLOVER type, source country, target country, modality)
EVENT_CASES = [
    ("Chinese troops attacked an Indian border post on Tuesday.", "ASSAULT", "CHN", "IND", "asserted"),
    (
        "Russian forces launched a wave of missiles and drones against Ukrainian cities overnight.",
        "ASSAULT",
        "RUS",
        "UKR",
        "asserted",
    ),
    ("Israeli warplanes bombed targets in southern Lebanon.", "ASSAULT", "ISR", "LBN", "asserted"),
    ("Syrian rebels ambushed a government convoy near Aleppo.", "ASSAULT", "SYR", None, "asserted"),
    ("The Turkish army might attack Kurdish positions in Syria.", "ASSAULT", "TUR", "SYR", "hypothetical"),
    ("Nigerian police arrested dozens of opposition activists in Lagos.", "COERCE", "NGA", "NGA", "asserted"),
    ("Iranian authorities detained a British journalist.", "COERCE", "IRN", "GBR", "asserted"),
    ("Thai authorities imposed a curfew in the southern provinces.", "COERCE", "THA", None, "asserted"),
    ("The Kenyan government expelled two Somali diplomats.", "SANCTION", "KEN", "SOM", "asserted"),
    ("The European Union imposed new sanctions on Belarus.", "SANCTION", None, "BLR", "asserted"),
    ("Canada suspended military aid to Myanmar.", "SANCTION", "CAN", "MMR", "asserted"),
    ("Japan froze Russian assets worth billions.", "SANCTION", "JPN", "RUS", "asserted"),
    (
        "Germany sent 5,000 troops to Lithuania to reinforce NATO's eastern flank.",
        "AID",
        "DEU",
        "LTU",
        "asserted",
    ),
    ("North Korea deployed additional troops along the border.", "MOBILIZE", "PRK", None, "asserted"),
    ("Pakistan mobilized its army against India.", "MOBILIZE", "PAK", "IND", "asserted"),
    ("The United States delivered humanitarian aid to Haiti.", "AID", "USA", "HTI", "asserted"),
    ("Norway provided $50 million in emergency assistance to Sudan.", "AID", "NOR", "SDN", "asserted"),
    ("France will provide food aid to Mali.", "AGREE", "FRA", "MLI", "intended"),
    ("Ethiopian troops withdrew from the disputed town.", "RETREAT", "ETH", None, "asserted"),
    ("Azerbaijani officials released twelve Armenian prisoners.", "RETREAT", "AZE", "ARM", "asserted"),
    ("Colombia declared a ceasefire with the rebels.", "RETREAT", "COL", None, "asserted"),
    ("The Egyptian government lifted the state of emergency.", "CONCEDE", "EGY", None, "asserted"),
    ("Venezuela eased restrictions on foreign journalists.", "CONCEDE", "VEN", None, "asserted"),
    ("The Polish president urged Germany to send more tanks.", "REQUEST", "POL", "DEU", "asserted"),
    ("Ukrainian officials appealed for more air defence systems.", "REQUEST", "UKR", None, "asserted"),
    ("Lebanon asked France for financial help.", "REQUEST", "LBN", "FRA", "asserted"),
    (
        "Morocco seeks to acquire fighter jets from American manufacturers.",
        "REQUEST",
        "MAR",
        "USA",
        "asserted",
    ),
    ("India accused Pakistan of sponsoring terrorism.", "ACCUSE", "IND", "PAK", "asserted"),
    ("Brazil condemned the Israeli strikes.", "ACCUSE", "BRA", "ISR", "asserted"),
    ("Swedish prosecutors are investigating the Russian embassy.", "ACCUSE", "SWE", "RUS", "asserted"),
    ("Hungary rejected the Ukrainian proposal.", "REJECT", "HUN", "UKR", "asserted"),
    ("Serbia refused to recognize Kosovo.", "REJECT", "SRB", None, "asserted"),
    ("Austria will not participate in the joint mission.", "REJECT", "AUT", None, "asserted"),
    ("Turkey does not support the Swedish bid.", "REJECT", "TUR", "SWE", "asserted"),
    (
        "The Chinese foreign ministry threatened to impose tariffs on Australia.",
        "THREATEN",
        "CHN",
        None,
        "asserted",
    ),
    ("Iran warned Israel of a crushing response.", "THREATEN", "IRN", "ISR", "asserted"),
    (
        "Thousands of Georgian protesters demonstrated against the government in Tbilisi.",
        "PROTEST",
        "GEO",
        "GEO",
        "asserted",
    ),
    ("French farmers blocked roads near Paris.", "PROTEST", "FRA", None, "asserted"),
    (
        "The Indian prime minister met with the Japanese prime minister in Tokyo.",
        "CONSULT",
        "IND",
        "JPN",
        "asserted",
    ),
    ("Egypt hosted talks with Sudanese rebels.", "CONSULT", "EGY", "SDN", "asserted"),
    ("The Chilean president will visit Argentina next week.", "AGREE", "CHL", "ARG", "intended"),
    (
        "Vietnam and the Philippines agreed to cooperate on maritime security.",
        "AGREE",
        "VNM",
        "PHL",  # a mutual act: each conjoined party is the other's partner
        "asserted",
    ),
    ("Kazakhstan pledged to abide by the treaty.", "AGREE", "KAZ", None, "asserted"),
    ("Spain praised Portugal's response to the fires.", "SUPPORT", "ESP", "PRT", "asserted"),
    ("Finland and Estonia signed a defence agreement.", "SUPPORT", "FIN", None, "asserted"),
    ("Mexico endorsed the Brazilian peace plan.", "SUPPORT", "MEX", "BRA", "asserted"),
    ("Greek and Cypriot navies held joint exercises with Egypt.", "COOPERATE", "GRC", "EGY", "asserted"),
    ("Ghana agreed to cooperate with Togo on border security.", "AGREE", "GHA", "TGO", "asserted"),
    ("Peru cooperated with Bolivia to dismantle the smuggling ring.", "COOPERATE", "PER", "BOL", "asserted"),
    (
        "The Saudi minister said Riyadh could resume airstrikes on Yemen.",
        "ASSAULT",
        "SAU",
        "YEM",
        "hypothetical",
    ),
    ("Slovenian police did not arrest the suspects.", "COERCE", "SVN", None, "negated"),
    ("If talks fail, Armenia may withdraw from the agreement.", "SANCTION", "ARM", None, "hypothetical"),
    ("Chad's president plans to meet the Libyan leader.", "AGREE", "TCD", "LBY", "intended"),
    (
        "The Dutch minister announced that the Netherlands would send F-16 jets to Ukraine.",
        "AGREE",
        "NLD",
        "UKR",
        "intended",
    ),
]


@pytest.mark.parametrize(("text", "event_type", "source", "target", "modality"), EVENT_CASES)
def test_event_is_coded(pipeline, text, event_type, source, target, modality):
    record = pipeline.extract(text, published="2026-01-02")
    coded = [e for e in record.events if e.type == event_type]
    assert coded, f"no {event_type} in {[(e.type, e.trigger.text) for e in record.events]}"
    event = coded[0]
    assert (event.source.country if event.source else None) == source
    assert (event.target.country if event.target else None) == target
    assert event.modality == modality
    assert record.article.text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end


def test_all_sixteen_types_are_covered():
    from newsgraph.nlp.events.lexicon import PLOVER_TYPES

    assert {case[1] for case in EVENT_CASES} == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    "text",
    [
        "The minister stressed the importance of discussing the budget.",
        "The weather was cold and the roads were empty.",
        "Analysts expect prices to rise next year.",
    ],
)
def test_no_event_without_a_trigger(pipeline, text):
    assert pipeline.extract(text, published="2026-01-02").events == ()


# (text, type, words of the source's name, target country or None, modality)
ACTOR_CASES = [
    # a subjectless "..., and accused" under a reported modal clause belongs to the speaker
    (
        "General Ravi Tann said his army would not leave the valley until the snow melted,"
        " and accused Dorvish militias of burning two farms.",
        "ACCUSE",
        "Tann",
        "asserted",
    ),
]


@pytest.mark.parametrize(("text", "event_type", "source_words", "modality"), ACTOR_CASES)
def test_coordinated_verb_shares_the_speakers_subject(pipeline, text, event_type, source_words, modality):
    record = pipeline.extract(text, published="2026-01-02")
    event = next(e for e in record.events if e.type == event_type)
    assert event.source is not None and source_words in (event.source.name or "")
    assert event.modality == modality


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The floods and the shelling have killed at least 300 people, according to aid workers.", "300"),
        ("Artillery fire killed hundreds of residents in the old town last week.", "hundreds"),
    ],
)
def test_casualty_count_is_no_target(pipeline, text, figure):
    record = pipeline.extract(text, published="2026-01-02")
    (event,) = [e for e in record.events if e.type == "ASSAULT"]
    assert event.target is None or event.target.country is not None
    assert event.target is None or figure not in (event.target.name or "")
    assert any(figure in q.text for q in event.quantities)
