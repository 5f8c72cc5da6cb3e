"""Events a political scientist would accept: political actors, idioms left alone, and the
passive, nominal, reported and coreferent forms that carry real acts."""

from __future__ import annotations

import pytest

PUBLISHED = "2026-01-02"


def events_of(pipeline, text):
    return pipeline.extract(text, published=PUBLISHED).events


def country(actor):
    return actor.country if actor is not None else None


@pytest.mark.parametrize(
    "text",
    [
        # idioms, crime-as-plot and stative participles between people and things
        "He vowed to commit murder before the end of the film.",
        "The case is politically charged.",
        "The suspect was armed.",
        "The shutdown threatened to undermine the recovery of the economy.",
        "The coach warned that the season would be long.",
        "The band canceled the rest of the tour.",
        # a crowd alone, a thing known by its country in words of praise, a comment declined
        "The verdict struck many people as unfair.",
        "The Peruvian bridge is supported by steel cables.",
        "The jury praised the Chilean designer's bold use of color.",
        "Estonian Foreign Minister Kaarel Tamm declined to comment on Sunday.",
        "The company did not respond to a request for comment.",
    ],
)
def test_no_political_actor_no_event(pipeline, text):
    assert events_of(pipeline, text) == ()


def test_giving_up_weapons_is_no_aid(pipeline):
    types = [e.type for e in events_of(pipeline, "Libya agreed to give up its chemical weapons.")]
    assert "AID" not in types


def test_a_counted_toll_keeps_an_attack_without_named_actors(pipeline):
    (event,) = [e for e in events_of(pipeline, "At least nine people were killed in the attack.")]
    assert event.type == "ASSAULT" and [q.value for q in event.quantities] == [9]


def test_a_reporters_question_is_no_request(pipeline):
    text = "“We never comment on troop rotations,” a Norwegian defence official said when asked about the deployment."
    assert [e.type for e in events_of(pipeline, text)] == []


@pytest.mark.parametrize(
    ("text", "event_type", "source", "target"),
    [
        # passive and agentless attacks: the weapon is no actor, the struck state is the target
        ("The French consulate in Dakar was hit by an explosion on Friday.", "ASSAULT", None, "FRA"),
        ("A drone struck the Turkish embassy in Baghdad.", "ASSAULT", None, "TUR"),
        # halts of supply, court vetoes, ship boardings, terrorist listings
        ("Algeria halted gas deliveries to Spain.", "SANCTION", "DZA", "ESP"),
        ("Peru cut off weapons shipments to Bolivia.", "SANCTION", "PER", "BOL"),
        ("Greek forces boarded two Turkish ships.", "COERCE", "GRC", "TUR"),
        (
            "Canada listed the two militias as terrorist groups in 2019.",
            "SANCTION",
            "CAN",
            None,
        ),
        # operations conducted with another state are joint
        (
            "The Colombian navy launched an operation with Panama against smugglers.",
            "COOPERATE",
            "COL",
            "PAN",
        ),
        # nominal forms: refusal, accusation, threat, demand, frustration over, "called it ..."
        ("Serbia's refusal to reopen the border angered Hungary.", "REJECT", "SRB", None),
        ("Japan's accusation against China was rejected.", "ACCUSE", "JPN", "CHN"),
        ("Kenya's threat to expel the envoys worried Uganda.", "THREATEN", "KEN", None),
        ("The Polish government expressed anger at Hungary's veto.", "ACCUSE", "POL", "HUN"),
        (
            "The Chilean government called the Argentine ruling “deeply regrettable.”",
            "ACCUSE",
            "CHL",
            "ARG",
        ),
        ("The Estonian president called the Latvian minister a traitor.", "ACCUSE", "EST", "LVA"),
        # mutual acts: the conjoined or "between" party is the partner
        ("The Estonian president and the Latvian prime minister met in Riga.", "CONSULT", "EST", "LVA"),
        ("A meeting between Chile and Peru took place on Monday.", "CONSULT", "CHL", "PER"),
        # the subject of a verb of undergoing is the target of the act its object names
        ("The Kurdish town came under attack by Turkish forces.", "ASSAULT", "TUR", None),
    ],
)
def test_political_event_is_found(pipeline, text, event_type, source, target):
    found = [e for e in events_of(pipeline, text) if e.type == event_type]
    assert found, [(e.type, e.trigger.text) for e in events_of(pipeline, text)]
    assert (country(found[0].source), country(found[0].target)) == (source, target)


def test_reported_pronoun_subject_is_the_reporter(pipeline):
    text = "The Kenyan police force said it had begun an operation against the gangs."
    (event,) = events_of(pipeline, text)
    assert event.type == "ASSAULT" and country(event.source) == "KEN"
    assert text[event.source.start : event.source.end] == "it"


def test_first_person_in_a_quote_is_the_speaker(pipeline):
    text = "“We will not accept this proposal,” said Estonian Foreign Minister Kaarel Tamm."
    (event,) = [e for e in events_of(pipeline, text) if e.type == "REJECT"]
    assert country(event.source) == "EST" and event.source.name == "Kaarel Tamm"


def test_content_of_help_is_an_act_of_its_own(pipeline):
    text = "Militias have helped Caracas close the main border crossings."
    found = [(e.type, country(e.source)) for e in events_of(pipeline, text)]
    assert ("COERCE", "VEN") in found


def test_definite_group_takes_the_country_of_its_last_named_mention(pipeline):
    text = (
        "Brazilian army officers drew up new plans on Monday. "
        "The army later shelled Venezuela's border posts."
    )
    (event,) = [e for e in events_of(pipeline, text) if e.type == "ASSAULT"]
    assert (country(event.source), country(event.target)) == ("BRA", "VEN")


def test_time_words_are_never_actors(pipeline):
    from newsgraph.nlp.events.actors import ActorResolver
    from newsgraph.nlp.events.lexicon import load_event_lexicon
    from newsgraph.nlp.lookups.countries import get_country_gazetteer

    lex = load_event_lexicon()
    resolver = ActorResolver(get_country_gazetteer(), lex.sectors, lex.time_words)
    doc = pipeline.nlp("The Libyan government condemned February.")
    month = next(t for t in doc if t.text == "February")
    assert resolver.actor(month) is None
    may = pipeline.nlp("Prime Minister Theresa May spoke.")
    assert not resolver.is_time_word(next(t for t in may if t.text == "May"))


def test_description_linked_by_coreference_is_the_entity(pipeline):
    from newsgraph.nlp.events.actors import ActorResolver
    from newsgraph.nlp.events.lexicon import load_event_lexicon
    from newsgraph.nlp.lookups.countries import get_country_gazetteer
    from newsgraph.records import Mention

    doc = pipeline.nlp("The Ministry of Defence of Chile spoke. The ministry accused the rebels.")
    ministry = next(e for e in doc._.ng_entities if "Ministry" in e.name)
    start = doc.text.index("The ministry")
    doc._.ng_coref = list(doc._.ng_coref or []) + [(ministry.id, Mention(start, start + 12, "The ministry"))]
    doc._.ng_cache_mention_index = None  # rebuilt with the added coreference mention
    lex = load_event_lexicon()
    resolver = ActorResolver(get_country_gazetteer(), lex.sectors, lex.time_words)
    head = next(t for t in doc if t.text == "ministry")
    actor = resolver.actor(head)
    assert actor is not None and actor.entity == ministry.id


@pytest.mark.parametrize(
    ("text", "event_type", "source", "target"),
    [
        # the reason for blame is a fact of its own, done by the one blamed
        (
            "The Latvian president blamed Estonia for shooting down a Latvian drone.",
            "ASSAULT",
            "EST",
            "LVA",
        ),
        (
            "The Latvian president lashed out at Estonia over the drone.",
            "ACCUSE",
            "LVA",
            "EST",
        ),
        # CAMEO-to-PLOVER codings
        ("Chile has apologized to Peru.", "SUPPORT", "CHL", "PER"),
        ("Azerbaijani forces lifted the blockade of the Lachin road.", "RETREAT", "AZE", None),
        ("Turkish dock workers started a hunger strike on Monday.", "PROTEST", "TUR", None),
        ("Serbia and Kosovo failed to reach an agreement.", "REJECT", "SRB", None),
        ("Serbian leaders said they would boycott the talks with Kosovo.", "THREATEN", "SRB", None),
        (
            "Jordan's interior minister warned that the army will break up any sit-in.",
            "THREATEN",
            "JOR",
            None,
        ),
    ],
)
def test_plover_coding(pipeline, text, event_type, source, target):
    found = [e for e in events_of(pipeline, text) if e.type == event_type]
    assert found, [(e.type, e.trigger.text) for e in events_of(pipeline, text)]
    assert (country(found[0].source), country(found[0].target)) == (source, target)


def test_a_prediction_is_no_threat(pipeline):
    text = "Bombing the bridges would only widen the war, Latvian officials warned."
    assert "THREATEN" not in [e.type for e in events_of(pipeline, text)]


def test_the_means_of_an_intention_is_done(pipeline):
    text = "The court found that General Tamm's intention in imposing a curfew was to silence the Estonian opposition."
    (event,) = [e for e in events_of(pipeline, text) if e.trigger.text == "imposing"]
    assert event.type == "COERCE" and event.modality != "intended"


MATCH_REPORT = (
    "Northport United beat Riverside City 3-1 on Saturday to win the league title. "
    "The striker scored two goals in the first half and the goalkeeper saved a penalty. "
    "Riverside's coach attacked the referee after the match, and the club's fans fought in the stadium. "
    "The team will defend the championship next season, and the players shot down any talk of a transfer."
)


def test_a_match_report_produces_no_events(pipeline):
    assert [(e.type, e.trigger.text) for e in events_of(pipeline, MATCH_REPORT)] == []


def test_a_state_still_acts_in_a_sport_story(pipeline):
    text = MATCH_REPORT + " The Iranian government arrested two players of the national team."
    found = [(e.type, country(e.source)) for e in events_of(pipeline, text)]
    assert ("COERCE", "IRN") in found


def test_a_verb_misparsed_as_a_modifier_keeps_its_subject(pipeline):
    from spacy.tokens import Doc

    from newsgraph.nlp.events.match import is_stative_participle

    # "Tamm dismissed suggestions", parsed with "dismissed" as an adjective of "suggestions"
    words = ["Tamm", "dismissed", "suggestions", "."]
    doc = Doc(
        pipeline.nlp.vocab,
        words=words,
        heads=[1, 2, 2, 2],
        deps=["nsubj", "amod", "ROOT", "punct"],
        tags=["NNP", "VBN", "NNS", "."],
        pos=["PROPN", "VERB", "NOUN", "PUNCT"],
    )
    assert not is_stative_participle(doc[1])
    charged = Doc(
        pipeline.nlp.vocab,
        words=["charged", "debates"],
        heads=[1, 1],
        deps=["amod", "ROOT"],
        tags=["VBN", "NNS"],
        pos=["VERB", "NOUN"],
    )
    assert is_stative_participle(charged[0])
