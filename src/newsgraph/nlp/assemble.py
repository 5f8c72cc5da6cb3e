"""The records layer: a processed Doc becomes a plain ``DocumentRecord``."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..records import DocumentRecord, Entity, Mention, TextSpan


def merged_entities(doc: Doc) -> list[Entity]:
    """Entities with their coreference mentions folded in, mentions in text order."""
    extra: dict[str, list[Mention]] = {}
    for entity_id, mention in doc._.ng_coref or []:
        extra.setdefault(entity_id, []).append(mention)
    merged = []
    for entity in doc._.ng_entities or []:
        mentions = {(m.start, m.end): m for m in entity.mentions}
        for m in extra.get(entity.id, []):
            mentions.setdefault((m.start, m.end), m)
        merged.append(
            replace(entity, mentions=tuple(sorted(mentions.values(), key=lambda m: (m.start, m.end))))
        )
    return merged


def doc_to_record(doc: Doc) -> DocumentRecord:
    text = doc.text
    return DocumentRecord(
        article=doc._.ng_article,
        headings=tuple(TextSpan(s, e, text[s:e]) for s, e in doc._.ng_headings or []),
        entities=tuple(merged_entities(doc)),
        quotes=tuple(doc._.ng_quotes or []),
        events=tuple(doc._.ng_events or []),
        quantities=tuple(doc._.ng_quantities or []),
        places=tuple(doc._.ng_places or []),
        times=tuple(doc._.ng_times or []),
    )
