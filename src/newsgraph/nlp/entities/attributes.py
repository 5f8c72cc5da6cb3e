"""Titles and countries of entities, from the words around their mentions.

Titles come from pre-modifiers ("Foreign Minister Ana Ruiz"), appositions ("Ruiz, the
foreign minister,"; "the foreign minister, Ana Ruiz,") and predicates or relative
clauses ("Ruiz, who has served as foreign minister since 2010"). Countries come from the
lexicons for places and known organisations, and for people and other organisations
from the modifiers of their title or name ("Ruritanian Foreign Minister",
"Ruritania's state-run X agency"), a following "of Ruritania", the organisation in a
"with spokesperson X" clause, or a title that names one country's office.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lookups.entity_gazetteer import EntityGazetteer, fold
from ..lookups.titles import TitleLexicon, TitleMatch
from .cluster import Cluster

_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_MAX_MODIFIER_WALK = 7
_RELATIVE_SUBJECTS = {"who", "that", "which"}
_PREDICATE_DEPS = {"attr", "oprd"}


class AttributeResolver:
    """Fills ``titles``, ``country`` and ``gender`` of the clusters of one doc."""

    def __init__(
        self,
        doc: Doc,
        clusters: list[Cluster],
        title_matches: list[TitleMatch],
        gazetteer: EntityGazetteer,
        titles: TitleLexicon,
    ) -> None:
        self.doc, self.clusters, self.gazetteer, self.titles = doc, clusters, gazetteer, titles
        self.title_matches = title_matches
        self.cluster_at: dict[int, Cluster] = {}
        self.mention_at: dict[int, tuple[int, int]] = {}
        for cluster in clusters:
            for m in cluster.mentions:
                for i in range(m.start, m.end):
                    self.cluster_at[i] = cluster
                    self.mention_at[i] = (m.start, m.end)
        self.title_ending_at = {m.end: m for m in title_matches}
        self.countries_named = {c.country for c in clusters if c.label in ("GPE", "NORP") and c.country}

    def resolve(self) -> None:
        for cluster in self.clusters:
            if cluster.label not in ("PERSON", "ORG"):
                cluster.country = self._place_country(cluster)
        self.countries_named = {c.country for c in self.clusters if c.label in ("GPE", "NORP") and c.country}
        evidence: dict[int, list[tuple[TitleMatch, Token | None]]] = {}
        self._titles_from_modifiers(evidence)
        self._titles_from_appositions(evidence)
        self._titles_from_predicates(evidence)
        for cluster in self.clusters:
            if cluster.label == "ORG" and id(cluster) in evidence and not self._from_lexicon(cluster):
                cluster.label = "PERSON"  # "Foreign Minister X", "X is the economy minister"
        for cluster in self.clusters:
            if cluster.label == "ORG":
                cluster.country = self._org_country(cluster)
        for cluster in self.clusters:
            if cluster.label == "PERSON":
                self._person_attributes(cluster, evidence.get(id(cluster), []))

    @staticmethod
    def _from_lexicon(cluster: Cluster) -> bool:
        return any(m.org is not None or m.country_kind for m in cluster.mentions)

    # ---- places and demonyms ------------------------------------------------
    def _place_country(self, cluster: Cluster) -> str | None:
        for m in cluster.mentions:
            if m.alpha3:
                return m.alpha3
        text = self.doc[cluster.mentions[0].start : cluster.mentions[0].end].text
        if cluster.label in ("GPE", "LOC"):
            # A region or a sea is not a city: "Asia" is not the Philippine town.
            cities = cluster.label == "GPE"
            return self.gazetteer.place_country(cluster.name, cities) or self.gazetteer.place_country(
                text, cities
            )
        if cluster.label == "FAC":
            # "Brussels International Airport": the place the facility is named after.
            for m in cluster.mentions:
                for token in self.doc[m.start : m.end]:
                    if token.is_title and (country := self.gazetteer.place_country(token.text)):
                        return country
        return None

    # ---- titles -------------------------------------------------------------
    def _add(self, evidence, cluster: Cluster | None, title: TitleMatch, anchor: Token | None) -> None:
        if cluster is not None and cluster.label in ("PERSON", "ORG"):
            evidence.setdefault(id(cluster), []).append((title, anchor))

    def _titles_from_modifiers(self, evidence) -> None:
        for cluster in self.clusters:
            for m in cluster.mentions:
                title = self.title_ending_at.get(m.start)
                if title is not None:
                    self._add(evidence, cluster, title, self.doc[m.start])

    def _titles_from_appositions(self, evidence) -> None:
        doc = self.doc
        for title in self.title_matches:
            # "the foreign minister, Ana Ruiz,"
            if title.end + 1 < len(doc) and doc[title.end].text == ",":
                self._add(evidence, self._person_starting_at(title.end + 1), title, None)
            # "Ruiz, the foreign minister," / "Ruiz, Ruritania's foreign minister,"
            i = title.start
            while i > 0 and title.start - i < _MAX_MODIFIER_WALK:
                token = doc[i - 1]
                if token.text == ",":
                    end_ok = (
                        title.end >= len(doc)
                        or doc[title.end].is_punct
                        or doc[title.end].lower_ in ("of", "for")
                    )
                    before_comma = self.mention_at.get(i - 2)
                    if end_ok and before_comma is not None and before_comma[1] == i - 1:
                        self._add(evidence, self.cluster_at.get(i - 2), title, None)
                    break
                if not (
                    token.pos_ in _MODIFIER_POS
                    or token.pos_ == "DET"
                    or token.tag_ == "POS"
                    or token.text == "-"
                ):
                    break
                i -= 1

    def _titles_from_predicates(self, evidence) -> None:
        for title in self.title_matches:
            head = self.doc[title.end - 1]
            verb = None
            if head.dep_ in _PREDICATE_DEPS:
                verb = head.head
            elif head.dep_ == "pobj" and head.head.lower_ == "as":
                verb = head.head.head
            if verb is None or verb.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            subject = subjects[0]
            if subject.lower_ in _RELATIVE_SUBJECTS and verb.dep_ == "relcl":
                subject = verb.head
            self._add(evidence, self.cluster_at.get(subject.i), title, None)

    def _person_starting_at(self, i: int) -> Cluster | None:
        cluster = self.cluster_at.get(i)
        return cluster if cluster is not None and self.mention_at[i][0] == i else None

    # ---- people ------------------------------------------------------------
    def _person_attributes(self, cluster: Cluster, evidence: list[tuple[TitleMatch, Token | None]]) -> None:
        for title, _ in evidence:
            if not any(_title_covers(existing, title.text) for existing in cluster.titles):
                cluster.titles = [t for t in cluster.titles if not _title_covers(title.text, t)]
                cluster.titles.append(title.text)
            if cluster.gender is None and title.info.gender:
                cluster.gender = title.info.gender
        country = None
        for title, anchor in evidence:
            country = self._modifier_country(title.start) or self._of_country(title.end)
            if country is None and anchor is not None:
                country = self._of_country(self.mention_at[anchor.i][1])  # "Minister X of Ruritania"
            country = country or self._with_clause_country(title)
            if country:
                break
        if country is None:
            for m in cluster.mentions:
                if m.start not in self.title_ending_at and (country := self._modifier_country(m.start, True)):
                    break
        if country is None:
            hinted = {t.info.country for t, _ in evidence if t.info.country}
            named = hinted & self.countries_named
            country = next(iter(named)) if len(named) == 1 else None
        names = list({self.doc[m.start : m.end].text for m in cluster.mentions} | {cluster.name})
        listed = self.gazetteer.person(names)
        if country is None and listed is not None:
            country = listed.country
        cluster.country = country
        if cluster.gender is None:
            cluster.gender = (listed.gender if listed else None) or self.gazetteer.given_name_gender(
                cluster.name
            )

    def _modifier_country(self, i: int, countries_only: bool = False) -> str | None:
        """A country among the pre-modifiers left of token ``i`` ("Ruritania's state-run").

        ``countries_only``: only a country or its demonym counts, not a city or an
        organisation ("Liverpool's X" says where X plays, not X's nationality).
        """
        doc = self.doc
        for j in range(i - 1, max(i - 1 - _MAX_MODIFIER_WALK, -1), -1):
            token = doc[j]
            cluster = self.cluster_at.get(j)
            if cluster is not None and cluster.label != "PERSON":
                if countries_only and not (
                    cluster.key[0] in ("GPE", "NORP") and isinstance(cluster.key[1], str)
                ):
                    return None
                return cluster.country
            hit = self.gazetteer.countries.lookup(token.text) if token.text[:1].isupper() else None
            if hit is not None:
                return None if countries_only and hit.kind == "metonym" else hit.alpha3
            hyphenated = token.text == "-" or (
                j + 1 < len(doc) and doc[j + 1].text == "-" and not token.whitespace_
            )
            if not (token.pos_ in _MODIFIER_POS or token.tag_ == "POS" or hyphenated):
                return None
        return None

    def _of_country(self, i: int) -> str | None:
        """ "Prime Minister of Ruritania", "spokesperson for the Ruritanian government"."""
        doc = self.doc
        if i >= len(doc) or doc[i].lower_ not in ("of", "for"):
            return None
        for j in range(i + 1, min(i + 4, len(doc))):
            cluster = self.cluster_at.get(j)
            if cluster is not None and cluster.label != "PERSON":
                return cluster.country
            if not (doc[j].pos_ in ("DET", "ADJ") or doc[j].is_lower):
                break
        return None

    def _with_clause_country(self, title: TitleMatch) -> str | None:
        """ "the Ministry said, with spokesperson X adding ...": the country of the clause's subject."""
        if title.start == 0 or self.doc[title.start - 1].lower_ != "with":
            return None
        verb = self.doc[title.start - 1].head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for token in child.subtree:
                    cluster = self.cluster_at.get(token.i)
                    if cluster is not None and cluster.label in ("ORG", "GPE") and cluster.country:
                        return cluster.country
        return None

    # ---- organisations -------------------------------------------------------
    def _org_country(self, cluster: Cluster) -> str | None:
        lexicon = [m for m in cluster.mentions if m.org is not None]
        if lexicon:
            return lexicon[0].org.country if lexicon[0].org else None
        for m in cluster.mentions:
            if m.alpha3:
                return m.alpha3
        for m in cluster.mentions:
            if country := self._modifier_country(m.start):
                return country
            if country := self._country_in_name(m.start, m.end):
                return country
        for m in cluster.mentions:
            if self._has_state_cue(m.start):
                return self._country_before(m.start)
        return None

    def _country_in_name(self, start: int, end: int) -> str | None:
        """A country named inside an organisation's name: "Ruritanian Air Force", "Bank of Ruritania".

        Longer place names come first: "New Mexico Department of ..." is not Mexico's.
        """
        words = [t.text for t in self.doc[start:end]]
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                if i + size > len(words) or not all(w[:1].isupper() for w in words[i : i + size]):
                    continue
                phrase = " ".join(words[i : i + size])
                if fold(phrase) in self.gazetteer.us_states:
                    return "USA"
                hit = self.gazetteer.countries.lookup(phrase)
                if hit is not None and hit.kind in ("name", "demonym", "alias"):
                    return hit.alpha3
                if size > 1 and self.gazetteer.place_country(phrase, cities=False):
                    break
            i += 1
        return None

    def _has_state_cue(self, i: int) -> bool:
        """ "state-owned energy company X": a cue among the words before the name."""
        doc = self.doc
        start = i
        while start > 0 and i - start < _MAX_MODIFIER_WALK:
            token = doc[start - 1]
            if not (token.pos_ in _MODIFIER_POS or token.pos_ == "VERB" or token.text == "-"):
                break
            start -= 1
        phrase = doc[start:i].text.lower()
        words = set(phrase.split())
        return any(cue in words or ("-" in cue and cue in phrase) for cue in self.gazetteer.state_cues)

    def _country_before(self, i: int) -> str | None:
        """The last country named earlier in the sentence of token ``i``."""
        sent = self.doc[i].sent
        for j in range(i - 1, sent.start - 1, -1):
            cluster = self.cluster_at.get(j)
            if cluster is not None and cluster.label in ("GPE", "NORP") and cluster.country:
                return cluster.country
        return None


def _title_covers(longer: str, shorter: str) -> bool:
    """ "Secretary of State" covers "Secretary"; "Foreign Minister" covers "Minister"."""
    return set(shorter.lower().split()) <= set(longer.lower().split())
