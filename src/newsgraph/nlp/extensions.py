"""``Doc._`` layers through which the stages hand their results on.

Each stage writes only the layers it declares in ``assigns`` and reads only those it
declares in ``requires``; the records layer (:mod:`newsgraph.nlp.assemble`) turns
them into a ``DocumentRecord``. The ``ng_cache_*`` attributes are memoised views
of earlier layers (built on first use), not layers of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "ng_article",  # records.Article, set before the pipeline runs
    "ng_headings",  # list[tuple[int, int]]: char spans of heading lines (structure)
    "ng_furniture",  # list[structure.FurnitureLine]: source, byline, credit and link lines (structure)
    "ng_entities",  # list[records.Entity] with name mentions (entities)
    "ng_entity_profiles",  # dict[str, EntityProfile]: per entity id, what coreference matches on (entities)
    "ng_title_matches",  # list[lookups.titles.TitleMatch]: title phrases found in the text (entities)
    "ng_coref",  # list[tuple[str, records.Mention]]: extra mentions per entity id (coref)
    "ng_quantities",  # list[records.Quantity] (quantities)
    "ng_places",  # list[records.Place] (places)
    "ng_times",  # list[records.TimeExpression] (times)
    "ng_quotes",  # list[records.Quote] (quotes)
    "ng_events",  # list[records.Event] (events)
    "ng_cache_text",  # str: doc.text joined once (spaCy rebuilds it from the tokens on every access)
    "ng_cache_mention_index",  # lookups.mentions.MentionIndex over ng_entities and ng_coref
)


@dataclass(frozen=True)
class EntityProfile:
    """What coreference needs to know about an entity beyond its record."""

    entity_id: str
    type: str
    gender: str | None
    classes: frozenset[str]
    titles: tuple[str, ...]
    country: str | None


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = doc._.ng_cache_text
    if text is None:
        text = doc._.ng_cache_text = doc.text
    return text


register_extensions()
