import pytest

from newsgraph.nlp.structure import heading_spans, is_heading_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Diplomatic Talks Resume in Valdoria", True),
        ("Floods and the Road Ahead", True),
        ("Reactions", True),
        ("The minister said the talks would resume.", False),
        ("the council met on Monday", False),
        ("What Comes Next?", False),
        (
            "A very long line that goes on and on With Many Words That Are Capitalised Too Much For A Heading",
            False,
        ),
        ("", False),
    ],
)
def test_is_heading_line(line, expected):
    assert is_heading_line(line) is expected


def test_heading_spans_need_a_following_paragraph():
    text = "Opening sentence here.\nPort Talks Stall\nThe port authority said talks had stalled.\nFinal Words"
    spans = heading_spans(text)
    assert [text[s:e] for s, e in spans] == ["Port Talks Stall"]


def test_headings_are_their_own_sentences_and_never_entities(pipeline):
    text = (
        "Valdorian Minister Anja Kessel met her Brenish counterpart on Monday.\n"
        "Harbour Deal Signed Amid Protests\n"
        "The deal covers the port of Marrow Bay."
    )
    record = pipeline.extract(text)
    heading = "Harbour Deal Signed Amid Protests"
    assert [h.text for h in record.headings] == [heading]
    start = text.index(heading)
    for entity in record.entities:
        for m in entity.mentions:
            assert not (m.start < start + len(heading) and m.end > start), entity
    doc = pipeline.nlp(text)
    sentences = [s.text.strip() for s in doc.sents]
    assert heading in sentences
