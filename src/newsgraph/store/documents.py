"""How the store keeps each article's document: once, in the rows, and rebuilt exactly on read.

The document JSON (``DocumentRecord.to_dict``) repeats the article text many
times over: every mention, quote, sentence and figure carries its own words,
which are nearly always ``body[start:end]``. The store keeps such words once,
in the body, and the rest of the document in the rows the questions read
(entities, quotes, events, places...) plus a few compact JSON columns for what
no question reads row by row (``mentions_column``, ``times_column``,
``quantities_column``...). ``document_from_tables`` puts the document back
together. A document the rows cannot give back exactly (``rows_give_back``) is
stored whole instead: zlib with a preset dictionary, readable by any client with
zlib (``zlib.decompressobj(zdict=DICTIONARY).decompress(document[2:])``), as
every document was before; plain JSON documents of the first versions are read
as they are.
"""

from __future__ import annotations

import json
import math
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..records import DocumentRecord, Mention, Quantity, Quote, TextSpan, TimeExpression

# Marks the compact forms; a plain JSON document starts with "{". Version 1: zlib alone. Version 2:
# zlib with ``DICTIONARY`` preset, which gives each small document the contract's keys and common
# values to refer back to (a quarter smaller than version 1 at level 9).
PACKED_V1 = b"z1"
PACKED = b"z2"
# zlib level 9: well under a millisecond for a document, against about ten for the rest of a write.
LEVEL = 9
# What every document looks like: the keys of the document contract in the order ``to_dict`` writes
# them and the values that fill most fields, most frequent last (zlib finds near matches cheapest).
# Documents of version 2 depend on these bytes: never change them; a new dictionary is a new version.
DICTIONARY = (
    b'{"article":{"id":"","title":"","published":"","source":"","url":"https://"},"headings":[],'
    b'"times":[{"start":,"end":,"text":null,"value_start":"2026-","value_end":"2026-"}],'
    b'"places":[{"name":"","country":"USA","lat":,"lon":,"feature":"country","mentions":[{"start":,"end":,'
    b'"text":null},"feature":"city","country":"IRN","name":"United States",'
    b'"quantities":[{"value":,"unit":"%","kind":"count","qualifier":null,"start":,"end":,"text":null}],'
    b'"kind":"percent","kind":"duration",'
    b'"events":[{"type":"ASSAULT","mode":"","modality":"asserted","source":{"entity":"E","name":"",'
    b'"country":"USA","sector":"GOV","start":,"end":,"text":null},'
    b'"target":{"entity":null,"name":null,"country":null,"sector":null,"start":null,"end":null,"text":null},'
    b'"trigger":{"start":,"end":,"text":null},"sentence":{"start":,"end":,"text":null},"location":null,'
    b'"time":null,"quantities":[],"reported_by":null,"confidence":0.'
    b'"type":"REQUEST","type":"AGREE","type":"ACCUSE","modality":"reported",'
    b'"quotes":[{"kind":"indirect","kind":"direct","kind":"mixed","speaker":"E","speaker_name":"",'
    b'"speaker_text":"he","speaker_country":"USA","cue":"said","cue":"told","cue":"according to",'
    b'"cue_kind":"statement","addressee":null,"addressee_name":null,'
    b'"parts":[{"start":,"end":,"text":null}],"speaker_start":,"speaker_end":,"confidence":0.'
    b'"type":"NORP","type":"GPE","type":"LOC",'
    b'"entities":[{"id":"E1","name":"","type":"ORG","titles":[],"country":null,"mentions":[{"start":,"end":,'
    b'"text":null,"kind":"alias"},'
    b'{"id":"E2","name":"","type":"PERSON","titles":[],"country":"USA","mentions":[{"start":,"end":,'
    b'"text":null,"kind":"name"},'
    b'{"start":,"end":,"text":null,"kind":"pronoun"},{"start":,"end":,"text":null,"kind":"name"}]},'
)


def _drop_body_text(span: dict[str, Any], body: str) -> dict[str, Any]:
    """A span whose ``text`` is the body between its offsets keeps null there (restored on read)."""
    start, end, text = span.get("start"), span.get("end"), span.get("text")
    if isinstance(start, int) and isinstance(end, int) and isinstance(text, str) and body[start:end] == text:
        span["text"] = None
    return span


def _strip(value: Any, body: str) -> Any:
    if isinstance(value, dict):
        return _drop_body_text({k: _strip(v, body) for k, v in value.items()}, body)
    if isinstance(value, list | tuple):
        return [_strip(v, body) for v in value]
    return value


def pack_record(record: DocumentRecord, article_id: str) -> bytes:
    """``pack_document`` of ``record.to_dict()`` without its text and with this article id: how a document
    the rows cannot give back (``rows_give_back``) is stored whole."""
    document = record.to_dict()
    body = document.pop("text")
    document["article"]["id"] = article_id
    return pack_document(document, body)


def _compress(stripped: dict[str, Any]) -> bytes:
    compact = json.dumps(stripped, ensure_ascii=False, separators=(",", ":"))
    packer = zlib.compressobj(LEVEL, zdict=DICTIONARY)
    return PACKED + packer.compress(compact.encode("utf-8")) + packer.flush()


def _restore(value: Any, body: str) -> Any:
    if isinstance(value, dict):
        for v in value.values():
            if isinstance(v, dict | list):
                _restore(v, body)
        if "text" in value and value["text"] is None:
            start, end = value.get("start"), value.get("end")
            if isinstance(start, int) and isinstance(end, int):
                value["text"] = body[start:end]
    elif isinstance(value, list):
        for v in value:
            _restore(v, body)
    return value


def pack_document(document: dict[str, Any], body: str) -> bytes:
    """The stored form of a document (without its ``text``) whose spans point into ``body``."""
    return _compress(_strip(document, body))


def unpack_document(stored: bytes | str, body: str) -> dict[str, Any]:
    """The document as written (without ``text``), from its stored form."""
    if isinstance(stored, str):
        return json.loads(stored)
    if stored.startswith(PACKED):
        unpacker = zlib.decompressobj(zdict=DICTIONARY)
        compact = unpacker.decompress(stored[len(PACKED) :]) + unpacker.flush()
    elif stored.startswith(PACKED_V1):
        compact = zlib.decompress(stored[len(PACKED_V1) :])
    else:
        raise ValueError("unknown stored document format")
    return _restore(json.loads(compact), body)


# Marks a document kept as the tables' rows (version 1): ``document_from_tables`` rebuilds it. The writer
# stores this only after rebuilding the document from the rows it wrote and finding it equal to the
# extracted one; any document the tables cannot give back exactly is packed whole instead.
FROM_TABLES = b"t1"


def _compact(rows: list | dict) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def words_unless_body(span: TextSpan | Quote, body: str) -> str | None:
    """A span's words to store: none when they are the body between its offsets (read back by substr)."""
    return None if body[span.start : span.end] == span.text else span.text


def speaker_words(quote: Quote, body: str) -> str | None:
    """The words naming a quote's speaker, to store: none when they are the body between their offsets."""
    start, end = quote.speaker_start, quote.speaker_end
    if start is not None and end is not None and body[start:end] == quote.speaker_text:
        return None
    return quote.speaker_text


def mentions_column(mentions: Iterable[Mention]) -> str:
    """An entity's mentions as stored: ``{"kind": [start, end, start, end, ...]}`` in document order."""
    by_kind: dict[str, list[int]] = {}
    for m in mentions:
        by_kind.setdefault(m.kind or "", []).extend((m.start, m.end))
    return _compact(by_kind)


def offsets_column(spans: Iterable[TextSpan]) -> str | None:
    """Spans of the body as ``[[start, end], ...]`` (their words are the body's), None for none."""
    pairs = [[span.start, span.end] for span in spans]
    return _compact(pairs) if pairs else None


def _with_words(
    items: Iterable[TimeExpression | Quantity], body: str, values: Callable[[Any], list]
) -> str | None:
    """``[[start, end, *values], ...]``, each item's words added last where they are not the body between
    its offsets; None for no items."""
    rows = []
    for item in items:
        row = [item.start, item.end, *values(item)]
        if body[item.start : item.end] != item.text:
            row.append(item.text)
        rows.append(row)
    return _compact(rows) if rows else None


def times_column(times: Iterable[TimeExpression], body: str) -> str | None:
    """An article's date expressions as stored: ``[[start, end, value_start, value_end(, words)], ...]``."""
    return _with_words(times, body, lambda t: [t.value_start, t.value_end])


def quantities_column(quantities: Iterable[Quantity], body: str) -> str | None:
    """An article's own figures as stored: ``[[start, end, value, unit, kind, qualifier(, words)], ...]``.
    A value JSON cannot hold (NaN, an infinity) is null here; such a document is stored whole."""
    return _with_words(
        quantities,
        body,
        lambda q: [
            q.value if q.value is None or math.isfinite(q.value) else None,
            q.unit,
            q.kind,
            q.qualifier,
        ],
    )


def _json_rows(stored: str | None) -> list[list]:
    return json.loads(stored) if stored else []


def _spans(stored: str | None, body: str) -> list[dict[str, Any]]:
    """``[[start, end], ...]`` as text spans cut from the body."""
    return [{"start": s, "end": e, "text": body[s:e]} for s, e in _json_rows(stored)]


def _entity_mentions(stored: str, body: str) -> list[dict[str, Any]]:
    """The ``{"kind": [start, end, ...]}`` column as mentions in document order."""
    mentions = []
    for kind, offsets in json.loads(stored).items():
        for i in range(0, len(offsets) - 1, 2):
            start, end = offsets[i], offsets[i + 1]
            mentions.append({"start": start, "end": end, "text": body[start:end], "kind": kind or None})
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    return mentions


def _words(row: list, body: str, at: int) -> str:
    """The words of a stored ``[start, end, ...]`` row: its item ``at`` when kept, else the body's."""
    return row[at] if len(row) > at else body[row[0] : row[1]]


def _entities(conn: sqlite3.Connection, article_key: int, body: str) -> tuple[list[dict], dict[int, str]]:
    """The article's entities, and their local ids by row id (quotes and events refer to the rows)."""
    entities, local_ids = [], {}
    for row_id, local_id, name, type_, titles, country, mentions in conn.execute(
        "SELECT id, local_id, name, type, titles, country, mentions FROM entity_rows WHERE article_key = ? "
        "ORDER BY id",
        (article_key,),
    ):
        local_ids[row_id] = local_id
        entities.append({"id": local_id, "name": name, "type": type_, "titles": json.loads(titles),
                         "country": country, "mentions": _entity_mentions(mentions, body)})  # fmt: skip
    return entities, local_ids


def _quotes(conn: sqlite3.Connection, article_id: str, body: str, local_ids: dict[int, str]) -> list[dict]:
    quotes = []
    for (speaker_row, speaker_name, kind, cue, text, start, end, speaker_text, speaker_country, cue_kind,
         addressee, addressee_name, confidence, parts, speaker_start, speaker_end) in conn.execute(
        "SELECT speaker_entity_id, speaker_name, kind, cue, text, start, \"end\", speaker_text, "
        "speaker_country, cue_kind, addressee, addressee_name, confidence, parts, speaker_start, "
        "speaker_end FROM quotes WHERE article_id = ? ORDER BY id",
        (article_id,),
    ):  # fmt: skip
        quotes.append({
            "speaker": local_ids.get(speaker_row), "speaker_name": speaker_name, "kind": kind, "cue": cue,
            "text": text, "start": start, "end": end, "speaker_text": speaker_text,
            "speaker_country": speaker_country, "cue_kind": cue_kind, "addressee": addressee,
            "addressee_name": addressee_name, "confidence": confidence, "parts": _spans(parts, body),
            "speaker_start": speaker_start, "speaker_end": speaker_end,
        })  # fmt: skip
    return quotes


def _quantities(
    conn: sqlite3.Connection, article_key: int, body: str, stored: str | None
) -> dict[int | None, list[dict]]:
    """The article's own figures (key None, from its column) and each event's (from event_quantities)."""
    by_event: dict[int | None, list[dict]] = {
        None: [
            {
                "value": row[2],
                "unit": row[3],
                "kind": row[4],
                "qualifier": row[5],
                "text": _words(row, body, 6),
                "start": row[0],
                "end": row[1],
            }  # fmt: skip
            for row in _json_rows(stored)
        ]
    }
    for event_id, value, unit, kind, qualifier, text, start, end in conn.execute(
        'SELECT q.event_id, q.value, q.unit, q.kind, q.qualifier, q.text, q.start, q."end" '
        "FROM event_quantities q JOIN event_rows ev ON ev.id = q.event_id WHERE ev.article_key = ? ORDER BY q.id",
        (article_key,),
    ):
        by_event.setdefault(event_id, []).append({"value": value, "unit": unit, "kind": kind,
            "qualifier": qualifier, "text": text, "start": start, "end": end})  # fmt: skip
    return by_event


def _events(
    conn: sqlite3.Connection,
    article_key: int,
    body: str,
    local_ids: dict[int, str],
    quantities: dict[int | None, list[dict]],
) -> list[dict]:
    """The article's events; each actor as the article gave it (``event_actors``: the events table's own
    country columns may be the corpus's)."""
    actors: dict[tuple[int, str], dict[str, Any]] = {
        (event_id, role): {
            "entity": local_ids.get(entity_row),
            "name": name,
            "country": country,
            "sector": sector,
            "start": start,
            "end": end,
        }  # fmt: skip
        for event_id, role, entity_row, name, country, sector, start, end in conn.execute(
            'SELECT x.event_id, x.role, x.entity_id, x.name, x.country, x.sector, x.start, x."end" '
            "FROM event_actors x JOIN event_rows ev ON ev.id = x.event_id WHERE ev.article_key = ?",
            (article_key,),
        )
    }
    events = []
    for (event_id, type_, mode, modality, trigger_start, trigger_end, trigger_text, sentence_start,
         sentence_end, sentence_text, location_name, location_country, lat, lon, time_text, time_start,
         time_end, reported_by, confidence) in conn.execute(
        "SELECT id, type, mode, modality, trigger_start, trigger_end, trigger_text, sentence_start, "
        "sentence_end, sentence_text, location_name, location_country, lat, lon, time_text, time_start, "
        "time_end, reported_by, confidence FROM event_rows WHERE article_key = ? ORDER BY seq",
        (article_key,),
    ):  # fmt: skip
        no_place = location_name is None and location_country is None and lat is None and lon is None
        events.append({
            "type": type_, "mode": mode,
            "source": actors.get((event_id, "source")), "target": actors.get((event_id, "target")),
            "modality": modality,
            "trigger": {"start": trigger_start, "end": trigger_end, "text": trigger_text},
            "sentence": {"start": sentence_start, "end": sentence_end,
                         "text": body[sentence_start:sentence_end] if sentence_text is None else sentence_text},
            "location": None if no_place else {"name": location_name, "country": location_country, "lat": lat,
                                               "lon": lon},
            "time": None if time_text is None else {"text": time_text, "value_start": time_start,
                                                    "value_end": time_end},
            "quantities": quantities.get(event_id, []),
            "reported_by": reported_by, "confidence": confidence,
        })  # fmt: skip
    return events


def _places(conn: sqlite3.Connection, article_key: int, body: str) -> list[dict]:
    return [
        {
            "name": name,
            "country": country,
            "lat": lat,
            "lon": lon,
            "feature": feature,
            "mentions": _spans(mentions, body),
        }  # fmt: skip
        for name, country, lat, lon, feature, mentions in conn.execute(
            "SELECT name, country, lat, lon, feature, mentions FROM place_rows WHERE article_key = ? ORDER BY id",
            (article_key,),
        )
    ]


def document_from_tables(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The document (with ``text``) of a stored article, rebuilt from its rows; None when it is absent.

    The inverse of what the writer stores: every list in the order written, every text that is a span of
    the body cut from it.
    """
    head = conn.execute(
        "SELECT key, title, published, source, url, text, headings, times, quantities FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if head is None:
        return None
    key, title, published, source, url, body, headings, stored_times, stored_quantities = head
    entities, local_ids = _entities(conn, key, body)
    quantities = _quantities(conn, key, body, stored_quantities)
    return {
        "article": {"id": article_id, "title": title, "published": published, "source": source, "url": url},
        "text": body,
        "headings": _spans(headings, body),
        "entities": entities,
        "quotes": _quotes(conn, article_id, body, local_ids),
        "events": _events(conn, key, body, local_ids, quantities),
        "quantities": quantities[None],
        "places": _places(conn, key, body),
        "times": [
            {
                "text": _words(row, body, 4),
                "start": row[0],
                "end": row[1],
                "value_start": row[2],
                "value_end": row[3],
            }  # fmt: skip
            for row in _json_rows(stored_times)
        ],
    }


def _finite(*values: float | None) -> bool:
    # SQLite stores a NaN as NULL: such a figure could not come back.
    return all(v is None or math.isfinite(v) for v in values)


def rows_give_back(record: DocumentRecord) -> bool:
    """Whether ``document_from_tables`` gives this record's document back exactly from the rows written.

    What the rows cannot hold: a repeated entity id (the first stands), a reference to an entity id
    the article does not have, a span kept as offsets (mention, place mention, heading, piece of a quote)
    whose text is not the body between them, mentions of an entity out of document order or twice at the
    same offsets, a mention kind that is the empty string, a speaker's offsets without their words, a NaN.
    Such a document is stored whole.
    ``tests/store/test_documents.py`` checks this against the rebuilt documents, field by field.
    """
    body = record.article.text

    def spans_of_body(spans: Iterable[TextSpan | Mention]) -> bool:
        return all(body[s.start : s.end] == s.text for s in spans)

    ids = {e.id for e in record.entities}
    if len(ids) != len(record.entities):
        return False
    for entity in record.entities:
        offsets = [(m.start, m.end) for m in entity.mentions]
        if offsets != sorted(set(offsets)) or not spans_of_body(entity.mentions):
            return False
        if any(m.kind == "" for m in entity.mentions):
            return False
    for quote in record.quotes:
        if (quote.speaker is not None and quote.speaker not in ids) or not spans_of_body(quote.parts):
            return False
        if not _finite(quote.confidence):
            return False
        if quote.speaker_text is None and quote.speaker_start is not None and quote.speaker_end is not None:
            return False  # the rows would give the words between the offsets back
    for event in record.events:
        for actor in (event.source, event.target):
            if actor is not None and actor.entity is not None and actor.entity not in ids:
                return False
        if not _finite(event.confidence, *(q.value for q in event.quantities)):
            return False
        if event.location is not None and not _finite(event.location.lat, event.location.lon):
            return False
    for place in record.places:
        if not spans_of_body(place.mentions) or not _finite(place.lat, place.lon):
            return False
    return spans_of_body(record.headings) and _finite(*(q.value for q in record.quantities))
