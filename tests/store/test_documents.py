"""The stored document: compact on disk, the same contract on read, old plain-JSON rows still read."""

from __future__ import annotations

import json
import zlib
from dataclasses import replace

from store_records import minister_record

from newsgraph.records import TextSpan
from newsgraph.store.documents import (
    DICTIONARY,
    FROM_TABLES,
    LEVEL,
    PACKED,
    PACKED_V1,
    document_from_tables,
    pack_document,
    unpack_document,
)


def test_packed_document_reads_back_exactly_and_is_smaller():
    record = minister_record()
    document = record.to_dict()
    body = document.pop("text")
    expected = json.loads(json.dumps(document))
    packed = pack_document(document, body)
    assert unpack_document(packed, body) == expected
    assert len(packed) < len(json.dumps(document)) / 2


def test_text_that_is_not_the_body_span_is_kept():
    body = "Talks resumed in Kesk."
    document = {
        "quotes": [{"text": "talks resumed", "start": 0, "end": 13}],
        "actors": [{"start": 0, "end": 5}],
    }
    assert unpack_document(pack_document(document, body), body) == document


def test_documents_stored_as_plain_json_are_still_read(store):
    record = minister_record()
    article_id, _ = store.add_document(record)
    old_form = record.to_dict()
    old_form.pop("text")
    old_form["article"]["id"] = article_id
    store.conn.execute("UPDATE articles SET document = ? WHERE id = ?", (json.dumps(old_form), article_id))
    document = store.get_document(article_id)
    assert document["text"] == record.article.text
    assert [e["name"] for e in document["entities"]] == [e.name for e in record.entities]


def test_documents_packed_by_the_first_compact_form_are_still_read():
    body = "Talks resumed in Kesk."
    document = {"quotes": [{"text": None, "start": 0, "end": 13}]}
    first_form = PACKED_V1 + zlib.compress(json.dumps(document).encode("utf-8"), 1)
    assert unpack_document(first_form, body) == {"quotes": [{"text": "Talks resumed", "start": 0, "end": 13}]}


def test_the_preset_dictionary_makes_a_document_smaller_than_zlib_alone():
    document = minister_record().to_dict()
    body = document.pop("text")
    packed = pack_document(document, body)
    compact = zlib.decompressobj(zdict=DICTIONARY).decompress(packed[len(PACKED) :])
    assert json.loads(compact)["article"] == document["article"]
    assert len(packed) < len(PACKED) + len(zlib.compress(compact, LEVEL))


def test_a_new_document_is_kept_as_its_rows_and_rebuilt_exactly(store):
    record = minister_record()
    assert record.quotes and record.events and record.places
    article_id, _ = store.add_document(record)
    stored = store.conn.execute("SELECT document FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    assert stored == FROM_TABLES
    expected = json.loads(json.dumps(record.to_dict()))
    expected["article"]["id"] = article_id
    assert document_from_tables(store.conn, article_id) == expected


def test_a_quote_in_pieces_with_an_addressee_is_rebuilt_from_its_columns(store):
    base = minister_record()
    text = base.article.text
    quote = base.quotes[0]
    pieced = replace(
        quote,
        parts=(
            TextSpan(quote.start, quote.start + 4, text[quote.start : quote.start + 4]),
            TextSpan(quote.start + 5, quote.end, text[quote.start + 5 : quote.end]),
        ),  # fmt: skip
        addressee="E2",
        addressee_name="Elena Brandt",
        speaker_start=quote.start,
        speaker_end=quote.start + 3,
    )
    record = replace(base, quotes=(pieced,), headings=(TextSpan(0, 7, text[:7]),))
    article_id, _ = store.add_document(record)
    assert store.conn.execute("SELECT document FROM articles").fetchone()[0] == FROM_TABLES
    document = store.get_document(article_id)
    assert document["quotes"][0]["parts"] == [
        {"start": p.start, "end": p.end, "text": p.text} for p in pieced.parts
    ]
    assert (document["quotes"][0]["addressee"], document["quotes"][0]["speaker_end"]) == (
        "E2",
        quote.start + 3,
    )
    assert document["headings"] == [{"start": 0, "end": 7, "text": text[:7]}]


def test_a_document_its_rows_cannot_give_back_is_packed_whole(store):
    base = minister_record()
    # A quote whose speaker is no entity of the article: the rows keep no trace of the id.
    record = replace(base, quotes=(replace(base.quotes[0], speaker="E99"),))
    article_id, _ = store.add_document(record)
    stored = store.conn.execute("SELECT document FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    assert stored.startswith(PACKED)
    assert store.get_document(article_id)["quotes"][0]["speaker"] == "E99"
