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

import re
from datetime import date

from spacy.tokens import Doc, Token

from ..lookups.entity_gazetteer import EntityGazetteer, fold
from ..lookups.titles import TitleLexicon, TitleMatch, title_closes_apposition
from .actors import DominantState, dominant_state, is_national_institution, lend_to_unknown_places
from .cluster import Cluster
from .shapes import REGION_WORDS

_MODIFIER_POS = {"ADJ", "NOUN", "PROPN", "NUM"}
_MAX_MODIFIER_WALK = 7
_RELATIVE_SUBJECTS = {"who", "that", "which"}
_PREDICATE_DEPS = {"attr", "oprd"}
# "minister of X", "spokesperson for X", "a spokesperson from X", "a researcher at X"
_SPEAKS_FOR = {"of", "for", "from", "at"}
_MAX_OF_WALK = 6
# A region named after its main town: "Idlib Province", "Kherson Oblast".
_REGION_WORDS = REGION_WORDS | {"state"}
_POSSESSIVE_END = re.compile(r"['’]s?$")  # "leader of the minor opposition X Party"


class AttributeResolver:
    """Fills ``titles``, ``country`` and ``gender`` of the clusters of one doc."""

    def __init__(
        self,
        doc: Doc,
        clusters: list[Cluster],
        title_matches: list[TitleMatch],
        gazetteer: EntityGazetteer,
        titles: TitleLexicon,
        published: date | None = None,
    ) -> None:
        self.doc, self.clusters, self.gazetteer, self.titles = doc, clusters, gazetteer, titles
        self.published = published
        self.dominant: DominantState | None = None
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
            titled = cluster.label == "ORG" and id(cluster) in evidence and not self._from_lexicon(cluster)
            # "Foreign Minister X", "X is the economy minister"; not "the opposition Democratic Party"
            if titled and not is_national_institution(cluster, self.gazetteer):
                cluster.label = "PERSON"
        for cluster in self.clusters:
            if cluster.label == "ORG":
                cluster.country = self._org_country(cluster)
        self.dominant = dominant_state(self.clusters)
        lend_to_unknown_places(self.doc, self.clusters, self.dominant)
        for cluster in self.clusters:
            national = cluster.country is None and is_national_institution(cluster, self.gazetteer)
            if national and self.dominant is not None:
                cluster.country = self.dominant.alpha3  # "the Supreme Court" of a US story
        for cluster in self.clusters:
            if cluster.label == "ORG" and cluster.country is None:
                cluster.country = self._country_of_place_in_name(cluster)
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
            found = self.gazetteer.place_country(cluster.name, cities) or self.gazetteer.place_country(
                text, cities
            )
            words = cluster.name.split()
            if found is None and len(words) > 1 and words[-1].lower() in _REGION_WORDS:
                town = " ".join(words[:-1])  # "Kherson Oblast": the region word says it is a place
                found = self.gazetteer.place_country(town) or self.gazetteer.city_country(town)
            return found
        if cluster.label == "FAC":
            # "Brussels International Airport": the place the facility is named after, its first
            # word; not a person it honours ("John F. Kennedy International Airport").
            for m in cluster.mentions:
                token = self.doc[m.start]
                if self.gazetteer.given_names.get(fold(token.text)):
                    continue
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
                title = self.title_ending_at.get(m.start) or self._title_before_destination(m.start)
                if title is not None:
                    self._add(evidence, cluster, title, self.doc[m.start])
                    # "Commander Gen. X": a title right before the title is the person's too
                    outer = self.title_ending_at.get(title.start)
                    if outer is not None:
                        self._add(evidence, cluster, outer, None)

    def _title_before_destination(self, i: int) -> TitleMatch | None:
        """ "ambassador to Israel Mike X": a title, "to" and a place, then the name."""
        place = self.mention_at.get(i - 1)
        if place is None or self.cluster_at[i - 1].label not in ("GPE", "LOC") or place[0] < 2:
            return None
        if self.doc[place[0] - 1].lower_ not in ("to", "in"):
            return None
        return self.title_ending_at.get(place[0] - 1)

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
                    end_ok = title_closes_apposition(doc, title.end)
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
            head = _span_root(self.doc, title.start, title.end)
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
        """Titles, country and gender of a person: the text first, then the actor lexicon."""
        for title, _ in evidence:
            self._add_title(cluster, title.text)
            if cluster.gender is None and title.info.gender:
                cluster.gender = title.info.gender
        country = self._text_country(cluster, evidence)
        names = list({self.doc[m.start : m.end].text for m in cluster.mentions} | {cluster.name})
        # A full name is looked up as such: "Roy Cooper" is not the listed "Yvette Cooper".
        full_names = [n for n in names if len(n.split()) > 1]
        listed = self.gazetteer.actor(full_names or names)
        if listed is not None:
            extra = listed.name[: len(listed.name) - len(cluster.name)].split()
            if fold(listed.name).endswith(" " + fold(cluster.name)) and self.titles.is_title_words(extra):
                cluster.name = listed.name  # "Pope Leo XIV": the title belongs to the name
            offices = listed.offices_on(self.published)
            if offices:
                # A listed office holder acts for the office's state whatever the words around
                # the name suggest: one leader, one country, in every article of its time.
                country = offices[0].country
                if not evidence:
                    self._add_title(cluster, offices[0].role)
            elif country is None:
                country = listed.country_on(self.published)
        state_offices = [
            t
            for t, _ in evidence
            if (t.info.national or self._party_office(t)) and not self._held_in_organisation(t)
        ]
        if country is None and self.dominant is not None and state_offices:
            country = self.dominant.alpha3  # "Justice X" in an article about one state
        cluster.country = country
        if cluster.gender is None:
            cluster.gender = (listed.gender if listed else None) or self.gazetteer.given_name_gender(
                cluster.name
            )

    @staticmethod
    def _add_title(cluster: Cluster, title: str) -> None:
        if not any(_title_covers(existing, title) for existing in cluster.titles):
            cluster.titles = [t for t in cluster.titles if not _title_covers(title, t)]
            cluster.titles.append(title)

    def _text_country(self, cluster: Cluster, evidence: list[tuple[TitleMatch, Token | None]]) -> str | None:
        """The country the text gives a person: its title's modifiers, "of X", the body it speaks for."""
        for title, anchor in evidence:
            country = self._modifier_country(title.start) or self._of_country(title.end)
            if country is None and anchor is not None:
                country = self._of_country(self.mention_at[anchor.i][1])  # "Minister X of Ruritania"
            country = country or self._with_clause_country(title) or self._based_in_country(title.end)
            if country:
                return country
        for m in cluster.mentions:
            if m.start not in self.title_ending_at and (country := self._modifier_country(m.start, True)):
                return country
        hinted = {t.info.country for t, _ in evidence if t.info.country}
        named = hinted & self.countries_named
        return next(iter(named)) if len(named) == 1 else None

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
                start = self.mention_at[j][0]
                if start > 0 and doc[start - 1].lower_ in ("to", "in"):
                    return None  # "ambassador to Israel X": where the person serves, not who sends them
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
        if i >= len(doc) or doc[i].lower_ not in _SPEAKS_FOR:
            return None
        for j in range(i + 1, min(i + _MAX_OF_WALK, len(doc))):
            cluster = self.cluster_at.get(j)
            if cluster is not None and cluster.label != "PERSON":
                return cluster.country
            if not (doc[j].pos_ in ("DET", "ADJ") or doc[j].is_lower or doc[j].text == "-"):
                break
        return None

    def _party_office(self, title: TitleMatch) -> bool:
        """ "the ruling party's leader X", "opposition party leader X": an office in national politics."""
        doc = self.doc
        for j in range(title.start - 1, max(title.start - 4, -1), -1):
            if doc[j].lower_ == "party":
                return True
            if not (doc[j].is_lower or doc[j].tag_ == "POS"):
                break
        return False

    def _held_in_organisation(self, title: TitleMatch) -> bool:
        """ "ISIS president X", "vice president of the X Committee": an office of an organisation,
        not of the state the article is about."""
        doc = self.doc
        for j in range(title.start - 1, max(title.start - 1 - _MAX_MODIFIER_WALK, -1), -1):
            cluster = self.cluster_at.get(j)
            if cluster is not None:
                return _stateless_body(cluster)
            if not (doc[j].pos_ in _MODIFIER_POS or doc[j].tag_ == "POS"):
                break
        if title.end < len(doc) and doc[title.end].lower_ in _SPEAKS_FOR:
            for j in range(title.end + 1, min(title.end + _MAX_OF_WALK, len(doc))):
                cluster = self.cluster_at.get(j)
                if cluster is not None:
                    return _stateless_body(cluster)
                if not (doc[j].pos_ in ("DET", "ADJ") or doc[j].is_lower):
                    break
        return False

    def _based_in_country(self, i: int) -> str | None:
        """ "a doctor based in central Ruritania": the country of the place the person works in."""
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].lower_ != "based" or doc[i + 1].lower_ != "in":
            return None
        for j in range(i + 2, min(i + 5, len(doc))):
            cluster = self.cluster_at.get(j)
            if cluster is not None:
                return cluster.country if cluster.label in ("GPE", "LOC") else None
            if not doc[j].is_lower:
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

    def _country_of_place_in_name(self, cluster: Cluster) -> str | None:
        """A place of this article named inside an organisation's name ("X Commission of Artibonite")."""
        words = [_POSSESSIVE_END.sub("", fold(w)) for w in cluster.name.split()]
        for other in self.clusters:
            if other.label not in ("GPE", "LOC") or not other.country or not other.name:
                continue
            place = [fold(w) for w in other.name.split()]
            if any(words[i : i + len(place)] == place for i in range(len(words) - len(place) + 1)):
                return other.country
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


def _stateless_body(cluster: Cluster) -> bool:
    """A named body of no state: an organisation, or a name the model typed as a group or product."""
    return cluster.label not in ("GPE", "LOC", "PERSON", "FAC") and not cluster.country


def _span_root(doc: Doc, start: int, end: int) -> Token:
    """The token of ``[start, end)`` whose head lies outside it ("Commander" of "Commander-in-Chief")."""
    for token in doc[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return doc[end - 1]


def _title_covers(longer: str, shorter: str) -> bool:
    """ "Secretary of State" covers "Secretary"; "Foreign Minister" covers "Minister"."""
    return set(shorter.lower().split()) <= set(longer.lower().split())
