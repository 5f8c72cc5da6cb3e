"""Event actors: who does what to whom, as entities where named, else as groups.

An actor is read off a noun phrase's head token. A named head (or a pronoun
resolved by coreference) becomes an entity actor with the entity's country;
a common-noun head ("Russian forces", "Ukrainian officials") becomes a group
actor whose country comes from its modifiers (demonyms, country names,
possessives, "of/in X") and whose CAMEO sector comes from ``agents.tsv``.
Country metonyms ("Moscow", "the Kremlin") are that country's government.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...records import Actor, Entity
from ..lookups.countries import CountryGazetteer
from ..lookups.mentions import entity_for
from ..syntax import prep_objects
from . import scores

# Dependency labels that build the left part of a noun phrase's name.
NAME_MODIFIERS = {"compound", "amod", "nmod", "poss", "flat", "det", "case", "nummod", "npadvmod"}
# Words that only count the noun after "of": "one of its assaults", "hundreds of drones".
QUANTITY_HEADS = {
    "one", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions",
    "series", "number", "wave", "barrage", "salvo", "string", "couple", "lot", "lots", "host", "kind",
    "type", "some", "all", "several", "many", "most", "part", "round", "batch", "total", "group",
    "variety", "range", "volley", "flurry", "spate", "handful", "pair", "set", "scores", "score",
}  # fmt: skip
# Number words that count the noun after "of" ("thousands of residents").
NUMBER_HEADS = {
    "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions", "score",
    "scores",
}  # fmt: skip
SELF_NOUNS = {"country", "nation", "government", "state", "people", "administration"}
PRONOUN_POS = {"PRON"}
COUNTRY_PREPS = {"of", "in", "from", "across", "inside", "within"}
ORIGIN_TYPES = {"GPE", "NORP"}
# Named entities that stand for a state, a people or an organisation.
COLLECTIVE_TYPES = {"ORG", "GPE", "NORP"}
# Words of time are never actors ("attacks on Sunday", "targets February").
TIME_ENTITY_TYPES = {"DATE", "TIME"}
# CAMEO sectors that act for a state (or fight one): in a sport or culture story only
# these, states themselves and titled officials are actors of political events.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO", "REB", "OPP", "PTY", "SEP"}
# CAMEO sectors of people who act in no public capacity: alone (without a country or a
# name) they do not make a political event ("it struck a lot of people").
PRIVATE_SECTORS = {"CVL", "EDU", "HLH", "MED", "REF", "AGR"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "myself", "ourselves"}


def expand_quantity(token: Token) -> Token:
    """The counted noun behind a quantity head: "hundreds of drones" -> drones."""
    for _ in range(scores.QUANTITY_WALK):
        if not (token.like_num or token.pos_ == "NUM" or token.lemma_.lower() in QUANTITY_HEADS):
            return token
        pobj = next(
            (
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if pobj is None:
            return token
        token = pobj
    return token


def _names_a_group(token: Token) -> bool:
    """A modifier naming a people or an organisation ("Druze", "Kurdistan Workers'"), not a
    war, a law, a date or a possessor ("Society's fixation")."""
    if token.ent_type_ in COLLECTIVE_TYPES:
        return True
    return token.pos_ == "PROPN" and not token.ent_type_ and token.dep_ in {"compound", "amod", "nmod"}


def _definite(head: Token) -> bool:
    return any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in head.children
    )


def relative_antecedent(token: Token) -> Token:
    """ "the operation, which has killed 151 people": a relative pronoun stands for its noun."""
    if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl" and token.head.head != token.head:
        return token.head.head
    return token


def is_counted(head: Token) -> bool:
    """Is this noun phrase a count ("at least 1,200 people", "hundreds of residents")?

    A figure of victims or participants says how many, not who: without a name
    or a country it is a quantity, not an actor.
    """
    if head.pos_ in {"PROPN", "PRON"}:
        return False
    if any(c.dep_ == "nummod" and (c.like_num or c.pos_ == "NUM") for c in head.children):
        return True
    if head.dep_ != "pobj" or head.head.lower_ != "of":
        return False
    counter = head.head.head  # "hundreds of residents", "1,200 of the workers"
    return counter.like_num or counter.lemma_.lower() in NUMBER_HEADS


def core_span(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the head's name: its left modifiers and flat/compound parts."""
    start = head.i
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.lefts:
            if child.dep_ in NAME_MODIFIERS:
                start = min(start, child.left_edge.i if child.dep_ == "poss" else child.i)
                stack.append(child)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in {"flat", "compound"} and child.i == end:
            end = child.i + 1
    while start < head.i and head.doc[start].dep_ in {"det", "case", "punct"}:
        start += 1
    return start, end


class ActorResolver:
    """Turns noun-phrase heads into ``Actor`` records, using entities, the gazetteer and sectors."""

    def __init__(
        self,
        gazetteer: CountryGazetteer | None,
        sectors: dict[str, str],
        time_words: frozenset[str] = frozenset(),
    ) -> None:
        self.gazetteer = gazetteer
        self.sectors = sectors
        self.time_words = time_words
        # the group nouns of the document being read that named their country, by lemma
        self._groups: tuple[Doc, dict[str, list[tuple[int, str]]]] | None = None

    # -- countries -----------------------------------------------------------
    def country_of_text(self, text: str) -> str | None:
        if self.gazetteer is None:
            return None
        return self.gazetteer.alpha3(text)

    def entity_country(self, entity: Entity) -> str | None:
        """The entity's country; a place or nationality with none recorded is looked up by name."""
        if entity.country:
            return entity.country
        if entity.type in ORIGIN_TYPES or entity.type in {"LOC", "ORG", "FAC"}:
            return self.country_of_text(entity.name)
        return None

    def token_country(self, token: Token) -> str | None:
        """Country named by one modifier token ("Russian", "US", "Russia's", "its" -> its entity)."""
        if token.pos_ in PRONOUN_POS:
            entity = entity_for(token)
            return self.entity_country(entity) if entity else None
        if token.pos_ == "PROPN":
            entity = entity_for(token)
            if entity is not None:
                country = self.entity_country(entity)
                if country:
                    return country
        found = self.country_of_text(token.text)
        if found is None and token.pos_ == "PROPN":
            # multi-word names ("United States", "the Kremlin") sit in compound chains
            start, end = core_span(token)
            found = self.country_of_text(token.doc[start:end].text)
        return found

    def group_country(self, head: Token, start: int, possessive: bool = True) -> str | None:
        """Country of a group from its modifiers; ``possessive=False`` ignores "its"/"his"."""
        doc = head.doc
        for tok in doc[start : head.i]:
            if not possessive and tok.pos_ in PRONOUN_POS:
                continue
            country = self.token_country(tok)
            if country:
                return country
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in COUNTRY_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        ps, pe = core_span(pobj)
                        country = self.token_country(pobj) or self.country_of_text(doc[ps:pe].text)
                        # "inhabitants of the Syrian Golan Heights": the place's own modifiers
                        country = country or next(
                            (c for c in (self.token_country(t) for t in doc[ps : pobj.i]) if c), None
                        )
                        if country:
                            return country
        if head.dep_ in {"dobj", "obj"} and head.head.dep_ == "acl":
            # "drones targeting facilities across Ukraine": the participle locates its object
            for pobj in prep_objects(head.head, COUNTRY_PREPS):
                country = self.token_country(pobj)
                if country:
                    return country
        return None

    def sector_of(self, head: Token, start: int) -> str | None:
        lemma = head.lemma_.lower()
        if start < head.i:
            before = head.doc[head.i - 1]
            for two in (f"{before.lemma_.lower()} {lemma}", f"{before.lower_} {lemma}"):
                if two in self.sectors:
                    return self.sectors[two]
        return self.sectors.get(lemma) or self.sectors.get(head.lower_)

    def earlier_country(self, head: Token) -> str | None:
        """Country of the last earlier mention of the same group noun that named one."""
        doc = head.doc
        if self._groups is None or self._groups[0] is not doc:
            self._groups = (doc, self._group_index(doc))  # built once per document
        index = self._groups[1]
        found = None
        for i, country in index.get(head.lemma_.lower(), ()):
            if i >= head.i:
                break
            found = country
        return found

    def _group_index(self, doc: Doc) -> dict[str, list[tuple[int, str]]]:
        index: dict[str, list[tuple[int, str]]] = {}
        for token in doc:
            lemma = token.lemma_.lower()
            modifier = token.dep_ in {"compound", "amod"}
            if lemma not in self.sectors or not (
                token.pos_ in {"NOUN", "PROPN"} or (token.pos_ == "ADJ" and modifier)
            ):
                continue
            country = None
            if token.pos_ == "PROPN":
                # "the Supreme Court" named earlier gives "the court" its country
                entity = entity_for(token)
                country = self.entity_country(entity) if entity is not None else None
            country = country or self.group_country(token, core_span(token)[0], possessive=False)
            if country is None and modifier:
                # "US military officials": the country may hang on the phrase's head
                country = self.group_country(token.head, core_span(token.head)[0], possessive=False)
            if country is not None:
                index.setdefault(lemma, []).append((token.i, country))
        return index

    def is_time_word(self, head: Token) -> bool:
        """A date or time word ("Sunday", "February", "last week") cannot act or be acted on."""
        if head.ent_type_ in TIME_ENTITY_TYPES:
            return True
        # "May" the month, not Theresa May
        return head.text in self.time_words and head.ent_type_ not in COLLECTIVE_TYPES | {"PERSON"}

    # -- actors ----------------------------------------------------------------
    def actor(self, head: Token | None, speaker_country: str | None = None) -> Actor | None:
        """The actor a noun phrase headed by ``head`` names, or None when nothing is known of it."""
        if head is None:
            return None
        head = expand_quantity(relative_antecedent(head))
        if head.dep_ == "conj" and head.pos_ not in {"NOUN", "PROPN", "PRON"}:
            return None
        if self.is_time_word(head):
            return None
        start, end = core_span(head)
        doc = head.doc
        text = doc[start:end].text
        char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        lemma = head.lemma_.lower()
        if lemma in SELF_NOUNS and start < head.i:
            owner = next((t for t in doc[start : head.i] if t.dep_ == "poss" and t.pos_ in PRONOUN_POS), None)
            if owner is not None:
                # "his country" is the speaker's country; the possessor's entity tells whose
                entity = entity_for(owner)
                country = (self.entity_country(entity) if entity else None) or speaker_country
                if country:
                    return Actor(None, text, country, "GOV", char_start, char_end)
        if head.pos_ in PRONOUN_POS:
            entity = entity_for(head)
            if entity is None:
                return None
            return Actor(entity.id, entity.name, self.entity_country(entity), None, char_start, char_end)
        metonym = self.gazetteer.lookup(text) if self.gazetteer else None
        if head.pos_ == "PROPN" or (head.ent_type_ and head.pos_ != "NOUN"):
            entity = entity_for(head)
            if metonym is not None and metonym.kind == "metonym":
                eid = entity.id if entity else None
                return Actor(eid, text, metonym.alpha3, "GOV", char_start, char_end)
            if entity is not None:
                sector = self.title_sector(entity)
                return Actor(
                    entity.id, entity.name, self.entity_country(entity), sector, char_start, char_end
                )
            country = metonym.alpha3 if metonym else self.group_country(head, start)
            return Actor(None, text, country, self.sector_of(head, start), char_start, char_end)
        if metonym is not None:
            # "the Kremlin" is a government; "Russia" a state; "Russian(s)" a nationality
            sector = "GOV" if metonym.kind == "metonym" else None
            return Actor(None, text, metonym.alpha3, sector, char_start, char_end)
        sector = self.sector_of(head, start)
        linked = entity_for(head)
        if linked is not None and head.pos_ == "NOUN":
            # a description coreference linked to a named entity ("the ministry", "the pontiff")
            country = self.entity_country(linked) or self.group_country(head, start, possessive=False)
            return Actor(
                linked.id, linked.name, country, sector or self.title_sector(linked), char_start, char_end
            )
        # a thing ("its obligations") is no actor; a group or a national asset
        # ("Ukrainian energy infrastructure") is, so a pronoun owner counts only with a sector
        country = self.group_country(head, start, possessive=sector is not None)
        if country is None and sector is not None and _definite(head):
            # "the military" after "the US military": the same body as the last one named with its country
            country = self.earlier_country(head)
        if country is None and sector is None and not any(_names_a_group(t) for t in doc[start : head.i]):
            return None  # a group is named by its people or organisation: "Ibo elders"
        return Actor(None, text, country, sector, char_start, char_end)

    def speaker_actor(self, entity: Entity, start: int, end: int) -> Actor:
        """The actor a quote's speaker is, for "we"/"our country" inside their own words."""
        return Actor(
            entity.id, entity.name, self.entity_country(entity), self.title_sector(entity), start, end
        )

    def is_political(
        self, actor: Actor | None, entity: Entity | None, doc: Doc | None = None, material: bool = True
    ) -> bool:
        """Is this actor a state, a government body, an organisation, a group or an official?

        Named states, peoples and organisations count, as do named persons with a
        political title or a country; unnamed groups count with a public CAMEO sector
        ("police", "rebels") or a name in them ("Druze elders", "Kurdistan Workers'
        Party"). A group or thing known only by its country counts for material acts
        ("Ukrainian infrastructure" attacked), not for words ("praised Chile's roof").
        A bare person, crowd, team or thing ("the suspect", "people", "the club") does not.
        """
        if actor is None:
            return False
        span = None
        if doc is not None and actor.start is not None and actor.end is not None:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if entity is not None:
            if entity.type in COLLECTIVE_TYPES:
                return True
            if entity.type == "PERSON":
                # "Bosnian Serbs" typed as a person: a plural name is a people or a group
                plural = span is not None and span[-1].tag_ == "NNPS"
                return self.title_sector(entity) is not None or bool(entity.country) or plural
        if actor.sector and actor.sector not in PRIVATE_SECTORS:
            return True
        if actor.country:
            return material or self.names_state(actor)
        return span is not None and any(_names_a_group(t) for t in span[:-1])

    def names_state(self, actor: Actor) -> bool:
        """Is the actor a state named as such ("Russia", "the Kremlin", "Russians")?"""
        hit = self.gazetteer.lookup(actor.name or "") if self.gazetteer else None
        return hit is not None

    def is_state_actor(self, actor: Actor | None, entity: Entity | None) -> bool:
        """A state, a body acting for one, or a titled official: the actors that still make a
        political event in a sport or culture story (where clubs and stars "beat" each other)."""
        if actor is None:
            return False
        if actor.sector in STATE_SECTORS:
            return True
        if entity is not None:
            if entity.type == "PERSON":
                return self.title_sector(entity) in STATE_SECTORS
            if entity.type != "GPE":
                return False
        hit = self.gazetteer.lookup(actor.name or "") if self.gazetteer else None
        return hit is not None and hit.kind in {"name", "alias", "metonym"}

    def title_sector(self, entity: Entity) -> str | None:
        """A person's sector from the head word of their titles ("Foreign Minister" -> GOV)."""
        for title in entity.titles:
            words = title.lower().split()
            for n in range(len(words)):
                sector = self.sectors.get(" ".join(words[n:]))
                if sector:
                    return sector
        return None
