"""How the store keeps each article's document: compact, and rebuilt exactly on read.

The document JSON (``DocumentRecord.to_dict`` without the body) repeats the
article text many times over: every mention, quote, sentence and figure carries
its own words, which are always ``body[start:end]``. Such a text is stored as
null and put back from the body on read; the rest is compressed with zlib and a
preset dictionary (so any client with zlib can read it:
``zlib.decompressobj(zdict=DICTIONARY).decompress(document[2:])``).
Documents written before this (plain JSON text) are read as they are.
"""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..records import DocumentRecord

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


def _strip(value: Any, body: str) -> Any:
    if isinstance(value, dict):
        out = {k: _strip(v, body) for k, v in value.items()}
        start, end, text = out.get("start"), out.get("end"), out.get("text")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and isinstance(text, str)
            and body[start:end] == text
        ):
            out["text"] = None
        return out
    if isinstance(value, list | tuple):
        return [_strip(v, body) for v in value]
    return value


# The types ``_plain_stripped`` copies as they are (what ``json.dumps`` writes as a scalar).
_SCALARS = frozenset({str, int, float, bool, type(None)})
# Per record class: its field names, and whether it is a span (start, end and text).
_FIELDS: dict[type, tuple[tuple[str, ...], bool]] = {}


def _plain_stripped(value: Any, body: str) -> Any:
    """``_strip(records._plain(value), body)`` in one pass over the records, without the middle copy."""
    cls = type(value)
    spec = _FIELDS.get(cls)
    if spec is None:
        fields = getattr(value, "__dataclass_fields__", None)
        if fields is None:
            return _strip(value, body)
        spec = _FIELDS[cls] = (tuple(fields), {"start", "end", "text"} <= set(fields))
    names, is_span = spec
    out: dict[str, Any] = {}
    for name in names:
        v = getattr(value, name)
        kind = type(v)
        if kind in _SCALARS:
            out[name] = v
        elif kind is tuple or kind is list:
            out[name] = [x if type(x) in _SCALARS else _plain_stripped(x, body) for x in v]
        else:
            out[name] = _plain_stripped(v, body)
    if is_span:
        start, end, text = out["start"], out["end"], out["text"]
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and isinstance(text, str)
            and body[start:end] == text
        ):
            out["text"] = None
    return out


def pack_record(record: DocumentRecord, article_id: str) -> bytes:
    """``pack_document`` of ``record.to_dict()`` without its text and with this article id: the same bytes,
    made in one pass over the record (the store packs every document it writes)."""
    art = record.article
    body = art.text
    document = {
        "article": {
            "id": article_id,
            "title": art.title,
            "published": art.published.isoformat() if art.published else None,
            "source": art.source,
            "url": art.url,
        },
        "headings": [_plain_stripped(h, body) for h in record.headings],
        "entities": [_plain_stripped(e, body) for e in record.entities],
        "quotes": [_plain_stripped(q, body) for q in record.quotes],
        "events": [_plain_stripped(e, body) for e in record.events],
        "quantities": [_plain_stripped(q, body) for q in record.quantities],
        "places": [_plain_stripped(p, body) for p in record.places],
        "times": [_plain_stripped(t, body) for t in record.times],
    }
    return _compress(document)


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
