"""The stored document: compact on disk, the same contract on read, old plain-JSON rows still read."""

from __future__ import annotations

import json

from store_records import minister_record

from newsgraph.store.documents import pack_document, unpack_document


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
