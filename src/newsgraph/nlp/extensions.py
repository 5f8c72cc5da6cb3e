"""``Doc._`` attributes through which the stages hand their layers on.

Each stage writes only its own attribute; the records layer
(:mod:`newsgraph.nlp.assemble`) turns them into a ``DocumentRecord``.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = (
    "ng_article",  # records.Article, set before the pipeline runs
    "ng_headings",  # list[tuple[int, int]]: char spans of heading lines (structure)
    "ng_entities",  # list[records.Entity] with name mentions (entities)
    "ng_coref",  # list[tuple[str, records.Mention]]: extra mentions per entity id (coref)
    "ng_quantities",  # list[records.Quantity] (quantities)
    "ng_places",  # list[records.Place] (places)
    "ng_times",  # list[records.TimeExpression] (times)
    "ng_quotes",  # list[records.Quote] (quotes)
    "ng_events",  # list[records.Event] (events)
)


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
