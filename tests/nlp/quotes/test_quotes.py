"""The quotes stage on small invented sentences: one row per construction."""

from __future__ import annotations

import pytest

# (text, [(kind, speaker words, cue, quoted text)]). Speakers are matched on the
# entity's canonical name or, failing that, the speaker's own words.
CASES = [
    # direct: every mark style, split around the cue, colon-introduced
    (
        '"We will rebuild the bridge," Mayor Anna Kovac said on Monday.',
        [("direct", "Kovac", "said", "We will rebuild the bridge,")],
    ),
    (
        "“The plan is sound,” Kovac said, “and it will work.”",
        [("direct", "Kovac", "said", "The plan is sound, and it will work.")],
    ),
    (
        '"The plan is sound," said Kovac, "and it will work."',
        [("direct", "Kovac", "said", "The plan is sound, and it will work.")],
    ),
    (
        '"The plan is sound," Kovac said. "It will work."',
        [("direct", "Kovac", "said", "The plan is sound, It will work.")],
    ),
    (
        "'The plan is sound,' Kovac said, 'and it will work.'",
        [("direct", "Kovac", "said", "The plan is sound, and it will work.")],
    ),
    (
        "Kovac said: «Nous allons reconstruire le pont.»",
        [("direct", "Kovac", "said", "Nous allons reconstruire le pont.")],
    ),
    (
        'Kovac told reporters: "I don\'t know what the council wants."',
        [("direct", "Kovac", "told", "I don't know what the council wants.")],
    ),
    (
        "The envoy Ivo Marsh spoke at length, stating plainly: “We cannot wait another winter for this.”",
        [("direct", "Marsh", "stating", "We cannot wait another winter for this.")],
    ),
    ('The minister was blunt: "We will not pay."', [("direct", "minister", None, "We will not pay.")]),
    (
        "“He told me ‘never again’ twice,” Kovac said.",
        [("direct", "Kovac", "said", "He told me ‘never again’ twice,")],
    ),
    # a quotation running over two paragraphs
    (
        "Mayor Anna Kovac spoke at length.\n“We have waited too long for this bridge.\n“Now the work begins,” she said.",
        [("direct", "she", "said", "We have waited too long for this bridge.\nNow the work begins,")],
    ),
    # indirect: that-clause, bare clause, participles, infinitives, nominal, according to
    (
        "Senator Paul Brandt told the Daily Ledger that the vote would be delayed.",
        [("indirect", "Brandt", "told", "the vote would be delayed")],
    ),
    (
        "Brandt confirmed that the talks had failed.",
        [("indirect", "Brandt", "confirmed", "the talks had failed")],
    ),
    (
        "Brandt declared his party would not join the coalition.",
        [("indirect", "Brandt", "declared", "his party would not join the coalition")],
    ),
    (
        "Brandt denied that he had met the lobbyist.",
        [("indirect", "Brandt", "denied", "he had met the lobbyist")],
    ),
    (
        "Brandt urged voters to reject the measure.",
        [("indirect", "Brandt", "urged", "voters to reject the measure")],
    ),
    (
        "Brandt promised to cut taxes for small firms.",
        [("indirect", "Brandt", "promised", "to cut taxes for small firms")],
    ),
    (
        "Brandt accused the opposition of blocking the reform.",
        [("indirect", "Brandt", "accused", "the opposition of blocking the reform")],
    ),
    (
        "Brandt repeated his pledge, arguing such cuts would only hurt schools.",
        [("indirect", "Brandt", "arguing", "such cuts would only hurt schools")],
    ),
    (
        "Brandt rejected the offer, stating that the terms were unfair.",
        [("indirect", "Brandt", "stating", "the terms were unfair")],
    ),
    (
        "The council approved the plan, with spokesperson Lena Ortiz stressing that the budget was balanced.",
        [("indirect", "Ortiz", "stressing", "the budget was balanced")],
    ),
    (
        "Critics pointed to remarks from Governor Tom Reyes that suggested the funds would be cut.",
        [("indirect", "Reyes", "suggested", "the funds would be cut")],
    ),
    (
        "Governor Tom Reyes emphasised the importance of funding rural schools.",
        [("indirect", "Reyes", "emphasised", "the importance of funding rural schools")],
    ),
    (
        "Governor Tom Reyes emphasized the importance of funding rural schools.",
        [("indirect", "Reyes", "emphasized", "the importance of funding rural schools")],
    ),
    (
        "Governor Tom Reyes declared his readiness to meet the strikers.",
        [("indirect", "Reyes", "declared", "his readiness to meet the strikers")],
    ),
    (
        "The deficit will grow by ten percent next year, according to the finance ministry.",
        [("indirect", "ministry", "according to", "The deficit will grow by ten percent next year")],
    ),
    (
        "According to Brandt, the deficit will grow by ten percent next year.",
        [("indirect", "Brandt", "According to", "the deficit will grow by ten percent next year")],
    ),
    (
        "Reyes's claim that the funds were misused was rejected.",
        [("indirect", "Reyes", "claim", "the funds were misused")],
    ),
    (
        "Healey confirmed that the engineers had arrived, stating: “Our work starts today.”",
        [
            ("indirect", "Healey", "confirmed", "the engineers had arrived"),
            ("direct", "Healey", "stating", "Our work starts today."),
        ],
    ),
    # mixed: a partial quotation inside reported speech
    (
        'Kovac said the storm had "flattened everything in its path" across the valley.',
        [("mixed", "Kovac", "said", 'the storm had "flattened everything in its path" across the valley')],
    ),
    # mixed: a quotation closing the reported clause is one quote, marks kept, not a second direct one
    (
        'Mayor Anna Kovac told reporters that the council had come "ready to rebuild every bridge."',
        [("mixed", "Kovac", "told", 'the council had come "ready to rebuild every bridge."')],
    ),
    (
        'Brandt urged both parties to "stop wasting the town\'s time."',
        [("mixed", "Brandt", "urged", 'both parties to "stop wasting the town\'s time."')],
    ),
    # agreement is an event, not speech: no quote for "agreed" inside reported content
    (
        "Kovac said the two unions had agreed to end the strike before the holidays.",
        [("indirect", "Kovac", "said", "the two unions had agreed to end the strike before the holidays")],
    ),
    # a cue inside another quote's content stands alone only with "that" and a named speaker
    (
        "Kovac said the engineers had warned the bridge was unsafe.",
        [("indirect", "Kovac", "said", "the engineers had warned the bridge was unsafe")],
    ),
    # unnamed sources keep their words
    (
        "A source close to the ministry said the talks had collapsed.",
        [("indirect", "A source close to the ministry", "said", "the talks had collapsed")],
    ),
    # no quotes at all: titles and scare quotes, cognition verbs
    ("The word “freedom” appears twice in the “charter”.", []),
    ("Voters believe the economy will improve.", []),
    ("Reyes reiterated his firm stance on the budget.", []),
]


def speaker_words(quote) -> str:
    return f"{quote.speaker_name or ''} | {quote.speaker_text or ''}"


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quote_constructions(pipeline, text, expected):
    quotes = pipeline.extract(text).quotes
    got = [(q.kind, q.cue, q.text) for q in quotes]
    assert got == [(kind, cue, quoted) for kind, _, cue, quoted in expected]
    for quote, (_, speaker, _, _) in zip(quotes, expected, strict=True):
        assert speaker in speaker_words(quote)


def test_offsets_give_back_the_text(pipeline):
    text = "“The plan is sound,” Kovac said, “and it will work.” Brandt denied that he had met the lobbyist."
    for quote in pipeline.extract(text).quotes:
        assert quote.start < quote.end <= len(text)
        if quote.parts:
            assert all(text[p.start : p.end] == p.text for p in quote.parts)
        else:
            assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ukrainian officials said the dam had been breached overnight.", "UKR"),
        ("French diplomats said the embassy would stay open.", "FRA"),
    ],
)
def test_unnamed_source_keeps_country(pipeline, text, country):
    (quote,) = pipeline.extract(text).quotes
    assert quote.speaker is None
    assert quote.speaker_country == country


def test_cue_kind_and_addressee(pipeline):
    (quote,) = pipeline.extract("Senator Paul Brandt warned reporters that the deficit would grow.").quotes
    assert quote.cue_kind == "warning"
    assert quote.addressee_name and "reporters" in quote.addressee_name


@pytest.mark.parametrize(
    "text",
    [
        'The envoy said "this never ends and goes on\n\nA second paragraph follows with other words. ' * 3,
        "“ ” ‘ ’ « » \" ' : , said told according to",
        "said",
        "",
        '"' * 50 + " stray marks everywhere " + "“" * 20,
    ],
)
def test_bad_input_never_crashes_or_swallows_the_article(pipeline, text):
    quotes = pipeline.extract(text).quotes if text.strip() else []
    for quote in quotes:
        assert "\n\n" not in quote.text
        assert quote.end - quote.start < 2000
        if "\n" in text and quote.kind == "direct" and not quote.parts:
            assert quote.confidence <= 0.6 or "\n" not in text[quote.start : quote.end]
