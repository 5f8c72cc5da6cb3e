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
from typing import Any

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
    compact = json.dumps(_strip(document, body), ensure_ascii=False, separators=(",", ":"))
    packer = zlib.compressobj(LEVEL, zdict=DICTIONARY)
    return PACKED + packer.compress(compact.encode("utf-8")) + packer.flush()


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
