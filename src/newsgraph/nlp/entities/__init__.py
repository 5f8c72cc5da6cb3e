"""Stage: entities. spaCy's NER corrected by lexicons and the document, with titles and countries.

Writes ``doc._.ng_entities`` (``records.Entity`` with name mentions) and, for the
coreference stage, ``doc._.ng_entity_profiles`` (per entity id the facts pronoun and
description matching needs: gender, class words such as "company") and
``doc._.ng_title_matches`` (the title phrases found in the text).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Entity, Mention
from ..extensions import EntityProfile, doc_text
from ..lookups.entity_gazetteer import EntityGazetteer, fold
from ..lookups.titles import TitleLexicon, TitleMatch
from .attributes import AttributeResolver
from .candidates import Candidate, PlaceHeadRules, collect_candidates
from .cluster import Cluster, cluster_candidates, scan_missed_names, unify_types
from .shapes import join_water_bodies, names_after_plural_bodies, retype_facilities, retype_regions
from .teams import find_teams, merge_teams


def _inside_any(doc: Doc, cand: Candidate, spans: list[tuple[int, int]]) -> bool:
    """Whether a candidate lies on one of these char spans (a source or credit line)."""
    start, end = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1].text)
    return any(s <= start and end <= e for s, e in spans)


class EntitiesStage:
    """Finds the entities of a doc; lexicons and matchers are built once, here."""

    def __init__(self, nlp: Language, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.titles = TitleLexicon(nlp, user_lexicons)
        self.gazetteer = EntityGazetteer(nlp, user_lexicons)
        self.place_rules = PlaceHeadRules(user_lexicons)

    def __call__(self, doc: Doc) -> Doc:
        title_matches = self.titles.find(doc)
        candidates = collect_candidates(doc, self.gazetteer, self.titles, title_matches, self.place_rules)
        candidates = merge_teams(find_teams(doc, self.gazetteer), candidates)
        candidates = join_water_bodies(doc, candidates, self.gazetteer)
        candidates = names_after_plural_bodies(doc, candidates, self.gazetteer)
        retype_facilities(doc, candidates, self.gazetteer)
        retype_regions(doc, candidates)
        furniture = [(f.start, f.end) for f in doc._.ng_furniture or []]
        candidates = [c for c in candidates if not _inside_any(doc, c, furniture)]
        unify_types(doc, candidates, self.gazetteer)
        candidates = scan_missed_names(doc, candidates, [*(doc._.ng_headings or []), *furniture])
        clusters = cluster_candidates(doc, candidates, self.gazetteer)
        article = doc._.ng_article
        published = article.published if article is not None else None
        AttributeResolver(doc, clusters, title_matches, self.gazetteer, self.titles, published).resolve()
        entities, profiles = [], {}
        text = doc_text(doc)
        title_ending_at = {m.end: m for m in title_matches}
        for number, cluster in enumerate(clusters, start=1):
            entity_id = f"E{number}"
            entities.append(self._entity(doc, text, entity_id, cluster, title_ending_at))
            profiles[entity_id] = EntityProfile(
                entity_id,
                cluster.label,
                cluster.gender,
                frozenset(cluster.classes),
                tuple(cluster.titles),
                cluster.country,
            )
        doc._.ng_entities = entities
        doc._.ng_entity_profiles = profiles
        doc._.ng_title_matches = title_matches
        return doc

    def _entity(
        self, doc: Doc, text: str, entity_id: str, cluster: Cluster, title_ending_at: dict[int, TitleMatch]
    ) -> Entity:
        name_words = len(cluster.name.split())
        mentions = [
            self._mention(doc, text, c, cluster, name_words, title_ending_at) for c in cluster.mentions
        ]
        return Entity(
            id=entity_id,
            name=cluster.name,
            type=cluster.label,
            titles=tuple(cluster.titles),
            country=cluster.country,
            mentions=tuple(mentions),
        )

    @staticmethod
    def _mention(
        doc: Doc,
        text: str,
        cand: Candidate,
        cluster: Cluster,
        name_words: int,
        title_ending_at: dict[int, TitleMatch],
    ) -> Mention:
        start = cand.start
        span = doc[cand.start : cand.end]
        kind = "name" if fold(span.text) == fold(cluster.name) else "alias"
        if cluster.label == "PERSON" and len(span) < name_words and cand.start in title_ending_at:
            start, kind = title_ending_at[cand.start].start, "title"  # "President Putin"
        start_char, end_char = doc[start].idx, span.end_char
        return Mention(start_char, end_char, text[start_char:end_char], kind)


@Language.factory(
    "newsgraph_entities",
    requires=["doc.ents", "doc._.ng_headings", "doc._.ng_furniture"],
    assigns=["doc._.ng_entities", "doc._.ng_entity_profiles", "doc._.ng_title_matches"],
    default_config={"user_lexicons": []},
)
def make_entities_stage(nlp: Language, name: str, user_lexicons: list[str]) -> EntitiesStage:
    return EntitiesStage(nlp, tuple(Path(p) for p in user_lexicons))
