"""Hand-built DocumentRecords with fictional actors, shared by the store, corpus and export tests."""

from __future__ import annotations

from newsgraph.articles import make_article
from newsgraph.records import (
    Actor,
    DocumentRecord,
    Entity,
    Event,
    EventPlace,
    EventTime,
    Mention,
    Place,
    Quantity,
    Quote,
    TextSpan,
    TimeExpression,
)


def person(eid: str, name: str, text: str, *, country=None, titles=(), type="PERSON") -> Entity:
    """An entity whose mentions are every occurrence of ``name`` in ``text``."""
    mentions, start = [], text.find(name)
    while start >= 0:
        mentions.append(Mention(start, start + len(name), name))
        start = text.find(name, start + 1)
    return Entity(eid, name, type, tuple(titles), country, tuple(mentions))


def span(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start, start + len(part), part)


def make_event(
    text: str,
    trigger: str,
    type: str,
    *,
    source: tuple | None = None,
    target: tuple | None = None,
    place: tuple | None = None,
    day: str | None = None,
    quantities=(),
) -> Event:
    """source/target: (entity id, name, country); place: (name, country, lat, lon)."""
    sentence_start = text.rfind(".", 0, text.index(trigger)) + 1
    sentence_end = text.find(".", text.index(trigger)) + 1 or len(text)
    return Event(
        type=type,
        mode=None,
        source=Actor(*source) if source else None,
        target=Actor(*target) if target else None,
        modality="asserted",
        trigger=span(text, trigger),
        sentence=TextSpan(sentence_start, sentence_end, text[sentence_start:sentence_end]),
        location=EventPlace(*place) if place else None,
        time=EventTime(day, day, day) if day else None,
        quantities=tuple(quantities),
    )


def minister_record(
    *,
    first: str = "Tomas",
    surname: str = "Varga",
    country: str = "HUN",
    published: str = "2026-01-05",
    source: str = "Example Times",
    extra: str = "",
    police_country: str | None = None,
) -> DocumentRecord:
    """A fictional article: a minister meets a counterpart, is quoted, and police detain protesters."""
    name = f"{first} {surname}".strip()
    text = (
        f"Foreign Minister {name} met Elena Brandt in Vienna on Monday. "
        f'"The talks were useful," {name} said. '
        f"Police detained 40 protesters near the harbour of Vienna. {extra}"
    ).strip()
    varga = person("E1", name, text, country=country, titles=("Foreign Minister",))
    brandt = person("E2", "Elena Brandt", text, country="AUT")
    vienna = person("E3", "Vienna", text, country="AUT", type="GPE")
    police = person("E4", "Police", text, country=police_country, type="ORG")
    quote_text = "The talks were useful,"
    q_start = text.index(quote_text)
    forty = span(text, "40 protesters")
    quantity = Quantity(40, "people", "detained", None, forty.text, forty.start, forty.end)
    events = (
        make_event(
            text, "met", "CONSULT",
            source=("E1", name, country), target=("E2", "Elena Brandt", "AUT"),
            place=("Vienna", "AUT", 48.2, 16.37), day=published,
        ),
        make_event(
            text, "detained", "COERCE",
            source=("E4", "Police", police_country), target=None,
            place=("Vienna", "AUT", 48.2, 16.37), day=published, quantities=[quantity],
        ),
    )  # fmt: skip
    vienna_span = span(text, "Vienna")
    return DocumentRecord(
        article=make_article(text, title=f"{name} in Vienna", published=published, source=source),
        entities=(varga, brandt, vienna, police),
        quotes=(
            Quote(
                speaker="E1",
                speaker_name=name,
                kind="direct",
                cue="said",
                text=quote_text,
                start=q_start,
                end=q_start + len(quote_text),
                speaker_text=name,
            ),
        ),  # fmt: skip
        events=events,
        quantities=(quantity,),
        places=(Place("Vienna", "AUT", 48.2, 16.37, "city", (vienna_span,)),),
        times=(
            TimeExpression("Monday", text.index("Monday"), text.index("Monday") + 6, published, published),
        ),
    )
