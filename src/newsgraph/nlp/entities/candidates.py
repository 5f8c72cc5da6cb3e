"""Candidate name mentions: spaCy's NER, cleaned and corrected by lexicons and context.

Each candidate is a token span with a type. Corrections made here look only at the
mention and its neighbours; document-wide consistency is :mod:`entities_cluster`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from ...lexicons import load_tsv
from ..lookups.entity_gazetteer import EntityGazetteer, NominalInfo, OrgInfo
from ..lookups.titles import TitleLexicon, TitleMatch, title_closes_apposition

# Types kept as entities; the others (dates, numbers, money...) belong to other stages.
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW"}
_ARTICLES = {"the", "a", "an"}
_POSSESSIVES = {"'s", "’s", "'", "’"}
# Words glued after a name by a hyphen that are not part of it: "Ruiz-led", "Ruiz-era".
_HYPHEN_WORDS = {
    "led",
    "backed",
    "born",
    "based",
    "era",
    "style",
    "like",
    "linked",
    "allied",
    "aligned",
    "elect",
}


@dataclass
class Candidate:
    """A name mention under construction: tokens ``[start, end)`` of the doc."""

    start: int
    end: int
    label: str
    source: str  # ner, lexicon, pattern, scan
    alpha3: str | None = None  # country the lexicon gives the name
    country_kind: str | None = None  # name, alias, demonym, metonym
    org: OrgInfo | None = None
    classes: set[str] = field(default_factory=set)
    head_end: int | None = None  # a place rule's head ends here ("the X department"): the model's
    # reading of "X department" as one organisation gives way to the place X

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def covered_tokens(candidates: list[Candidate]) -> set[int]:
    """The indexes of every token some candidate already holds."""
    return {i for c in candidates for i in range(c.start, c.end)}


class PlaceHeadRules:
    """Proper names placed by their neighbours: "Liege cargo airport", "the Kharkiv region",
    "the port of X", "near X"."""

    MAX_MODIFIERS = 2

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.heads: dict[tuple[str, ...], tuple[str, bool]] = {}
        for row in load_tsv("entity_place_heads", user_lexicons):
            words = tuple(row["head"].lower().split())
            self.heads[words] = (row["type"].upper(), row.get("span", "whole") == "whole")
        self.max_len = max((len(k) for k in self.heads), default=1)
        self.of_heads: set[str] = set()
        self.place_prepositions: set[str] = set()
        self.person_prepositions: set[str] = set()
        targets = {"head": self.of_heads, "person_preposition": self.person_prepositions}
        for row in load_tsv("entity_place_cues", user_lexicons):
            targets.get(row["kind"], self.place_prepositions).add(row["cue"].lower())

    def placed_by_cue(self, doc: Doc, start: int, label: str = "ORG") -> bool:
        """Whether the name starting at token ``start`` follows "port of" or "near" (or, for a
        name the model took for a person, "in": people are rarely "in" anyone)."""
        if start > 0 and doc[start - 1].lower_ in self.place_prepositions:
            return True
        if label == "PERSON" and start > 0 and doc[start - 1].lower_ in self.person_prepositions:
            return True
        if start > 1 and doc[start - 1].lower_ == "of":
            head = doc[start - 2]
            return head.is_lower and head.lower_ in self.of_heads
        return False

    def find(self, doc: Doc) -> list[Candidate]:
        found = []
        lowers = [t.lower_ for t in doc]
        next_free = 0  # "police department": "department" alone is not a second head
        for i, token in enumerate(doc):
            if not token.is_lower or i < next_free:
                continue
            for size in range(min(self.max_len, len(doc) - i), 0, -1):
                rule = self.heads.get(tuple(lowers[i : i + size]))
                if rule is not None:
                    found.extend(self._names_before(doc, i, i + size, *rule))
                    next_free = i + size
                    break
        return found

    def _names_before(self, doc: Doc, head_start: int, head_end: int, label: str, whole: bool):
        i = head_start
        modifiers = 0
        while i > 0 and doc[i - 1].is_lower and doc[i - 1].pos_ in ("ADJ", "NOUN"):
            modifiers += 1
            i -= 1
        if modifiers > self.MAX_MODIFIERS:
            return []
        names = []
        end = i
        while end > 0:
            start = end
            while start > 0 and (_is_name_word(doc[start - 1]) or _joins_hyphenated_name(doc, start - 1)):
                start -= 1
            if start == end:
                break
            names.append((start, end))
            # "the Kyiv and Kharkiv regions": the head covers every name of the coordination.
            if whole or start < 2 or doc[start - 1].lower_ not in ("and", ",", "or"):
                break
            end = start - 1
        if whole:
            return [Candidate(names[0][0], head_end, label, "pattern")] if names else []
        return [Candidate(s, e, label, "pattern", head_end=head_end) for s, e in names]


def _joins_hyphenated_name(doc: Doc, i: int) -> bool:
    """The hyphen of "Jean-Denis" or "Pont-Sondé", glued to name words on both sides."""
    token = doc[i]
    return (
        token.text == "-"
        and 0 < i < len(doc) - 1
        and not token.whitespace_
        and not doc[i - 1].whitespace_
        and _is_name_word(doc[i - 1])
        and _is_name_word(doc[i + 1])
    )


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and (token.is_title or token.is_upper) and token.lower_ not in _ARTICLES


# Title sectors that only people hold; military ranks also name firms ("General Motors").
_PERSON_TITLE_SECTORS = {"GOV", "ROY", "REL", "LEG", "JUD", "OPP"}


def _titled_person(doc: Doc, start: int, end: int, in_title: dict[int, TitleMatch]) -> bool:
    """A span that is a person's title followed by at least two name words."""
    title = in_title.get(start)
    if title is None or title.end >= end or title.info.sector not in _PERSON_TITLE_SECTORS:
        return False
    rest = doc[title.end : end]
    return len(rest) >= 2 and all(_is_name_word(t) or t.text == "-" for t in rest)


def _trim(doc: Doc, cand: Candidate, in_title: dict[int, TitleMatch]) -> Candidate | None:
    """Drop articles, possessive endings, punctuation and (for people) leading title words."""
    start, end = cand.start, cand.end
    while start < end and (
        doc[start].lower_ in _ARTICLES
        or doc[start].text in _POSSESSIVES
        or doc[start].is_punct
        or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in _POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if cand.label != "PERSON" and _titled_person(doc, start, end, in_title):
        cand.label = "PERSON"  # "King Osric IV", "PresidentAlvaro Dunn" read as an organisation
    if cand.label == "PERSON":
        while start < end and start in in_title and in_title[start].end < end:
            start = in_title[start].end
    if start >= end:
        return None
    cand.start, cand.end = start, end
    return cand


def collect_candidates(
    doc: Doc,
    gazetteer: EntityGazetteer,
    titles: TitleLexicon,
    title_matches: list[TitleMatch],
    place_rules: PlaceHeadRules,
) -> list[Candidate]:
    """Name mentions of ``doc``: NER spans corrected by the lexicons and the place rules."""
    in_title: dict[int, TitleMatch] = {}
    for m in title_matches:
        for i in range(m.start, m.end):
            in_title[i] = m
    candidates: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        cand = _trim(doc, Candidate(ent.start, ent.end, ent.label_, "ner"), in_title)
        if cand is None:
            continue
        words = [t.text for t in doc[cand.start : cand.end]]
        if not any(ch.isupper() or ch.isdigit() for w in words for ch in w):
            continue  # a name has a capital letter somewhere: not "n't", "pinnacle"
        inside_title = all(i in in_title for i in range(cand.start, cand.end))
        touches_title = any(i in in_title for i in range(cand.start, cand.end))
        if inside_title or (touches_title and cand.label != "PERSON" and titles.is_title_words(words)):
            continue  # "State" of "Secretary of State", "Defence" of "Defence Secretary"
        candidates.append(cand)
    for cand in candidates:
        _extend_over_hyphen(doc, cand)
    candidates = _merge_lexicon_hits(doc, gazetteer, candidates)
    candidates = _merge_listed_people(gazetteer.find_people(doc), candidates, in_title)
    candidates += _names_after_titles(doc, title_matches, candidates)
    candidates += _names_before_title_appositions(doc, title_matches, candidates)
    candidates = _merge_place_rules(place_rules.find(doc), candidates)
    candidates = _split_coordinations(doc, gazetteer, candidates)
    title_at = {m.start: m for m in title_matches}
    for cand in candidates:
        _correct_type(doc, cand, gazetteer)
        if _followed_by_title_apposition(doc, cand, title_at):
            cand.label = "PERSON"  # "X, a spokesperson for ...": a person whatever the model said
        unplaced = cand.label in ("ORG", "PERSON", "NORP") and cand.org is None and cand.country_kind is None
        if unplaced and cand.end - cand.start <= 3 and place_rules.placed_by_cue(doc, cand.start, cand.label):
            followed_by_possessive = cand.end < len(doc) and doc[cand.end].text in _POSSESSIVES
            if cand.label != "PERSON" or not followed_by_possessive:  # "in Ruiz's view"
                cand.label = "GPE"
    candidates.sort(key=lambda c: c.start)
    return candidates


def _extend_over_hyphen(doc: Doc, cand: Candidate) -> None:
    """ "Han Duck-soo" cut by the model at the hyphen: the glued tail belongs to the name,
    unless it is a word of its own ("Ruiz-led", "US-born")."""
    if cand.label != "PERSON":
        return
    end = cand.end
    while (
        end + 1 < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].pos_ not in ("VERB", "ADJ", "ADV", "ADP")
        and doc[end + 1].lower_ not in _HYPHEN_WORDS
    ):
        end += 2
    cand.end = end


def _followed_by_title_apposition(doc: Doc, cand: Candidate, title_at: dict[int, TitleMatch]) -> bool:
    """ "Bertide Horace, a spokesperson from ...": a name set off by a title in apposition."""
    if cand.label not in ("ORG", "GPE", "NORP") or cand.org is not None or cand.country_kind is not None:
        return False
    i = cand.end
    if i >= len(doc) or doc[i].text != ",":
        return False
    for j in range(i + 1, min(i + 5, len(doc))):
        title = title_at.get(j)
        if title is not None:
            after = doc[title.end] if title.end < len(doc) else None
            return after is None or after.is_punct or after.pos_ == "ADP" or after.tag_ in ("VBN", "VBG")
        if not (doc[j].is_lower and doc[j].pos_ in ("DET", "ADJ", "NOUN")):
            return False
    return False


def _merge_lexicon_hits(doc: Doc, gazetteer: EntityGazetteer, candidates: list[Candidate]) -> list[Candidate]:
    by_token = {i: c for c in candidates for i in range(c.start, c.end)}
    for hit in gazetteer.find(doc):
        span = hit.span
        overlapping = {id(c): c for i in range(span.start, span.end) if (c := by_token.get(i))}
        if any(c.start < span.start or c.end > span.end for c in overlapping.values()):
            continue  # a longer NER name contains the lexicon name ("Russia Today")
        for c in overlapping.values():
            candidates.remove(c)
        previous = next(iter(overlapping.values()), None)
        cand = Candidate(span.start, span.end, previous.label if previous else "", "lexicon")
        cand.alpha3, cand.country_kind, cand.org = hit.alpha3, hit.country_kind, hit.org
        if hit.org is not None:
            cand.label = hit.org.type
            cand.classes |= hit.org.classes
        elif hit.country_kind in ("name", "alias"):
            cand.label = "GPE"
        elif hit.country_kind == "demonym":
            if previous is None and span.end < len(doc) and doc[span.end].pos_ == "PROPN":
                continue  # "Russian" inside an untagged name: leave it to the name
            cand.label = "NORP"
        elif cand.label in ("", "PERSON", "NORP"):  # a metonym the model missed or mistook
            cand.label = "GPE" if gazetteer.city_country(span.text) else "ORG"
        candidates.append(cand)
        for i in range(span.start, span.end):
            by_token[i] = cand
    return candidates


def _merge_listed_people(
    spans: list, candidates: list[Candidate], in_title: dict[int, TitleMatch]
) -> list[Candidate]:
    """A listed person's full name replaces the model's shorter cut of it ("Yoon Suk" of "Yoon Suk Yeol")."""
    for span in spans:
        start, end = span.start, span.end
        while start < end and start in in_title and in_title[start].end < end:
            start = in_title[start].end  # "Pope Leo XIV": the person is "Leo XIV", titled Pope
        overlapping = [c for c in candidates if c.overlaps(start, end)]
        if any(c.start < start or c.end > end or c.org is not None for c in overlapping):
            continue  # a longer name holds it, or a listed organisation
        for c in overlapping:
            candidates.remove(c)
        candidates.append(Candidate(start, end, "PERSON", "lexicon"))
    return candidates


def _names_after_titles(
    doc: Doc, title_matches: list[TitleMatch], candidates: list[Candidate]
) -> list[Candidate]:
    """Untagged capitalised names right after a title are people: "Lawmaker Ivo Petrov"."""
    covered = covered_tokens(candidates)
    found = []
    for title in title_matches:
        end = title.end
        while end < len(doc) and end - title.end < 3 and _is_name_word(doc[end]) and end not in covered:
            end += 1
        if end > title.end and (end >= len(doc) or not doc[end].is_title or doc[end].is_sent_start):
            found.append(Candidate(title.end, end, "PERSON", "pattern"))
    return found


def _names_before_title_appositions(
    doc: Doc, title_matches: list[TitleMatch], candidates: list[Candidate]
) -> list[Candidate]:
    """Untagged names set off by a title in apposition are people: "Teodor Lask, a top aide to"."""
    covered = covered_tokens(candidates)
    found = []
    for title in title_matches:
        i = title.start
        while i > 0 and doc[i - 1].is_lower and doc[i - 1].pos_ in ("DET", "ADJ"):
            i -= 1
        if i < 2 or doc[i - 1].text != "," or not title_closes_apposition(doc, title.end):
            continue
        end = start = i - 1
        while start > 0 and end - start < 3 and _is_name_word(doc[start - 1]) and start - 1 not in covered:
            start -= 1
        if end - start < 2:
            continue  # one capitalised word before a comma is too often something else
        if start > 0 and not (doc[start - 1].is_punct or doc[start - 1].is_space or doc[start].is_sent_start):
            continue
        found.append(Candidate(start, end, "PERSON", "pattern"))
    return found


def _merge_place_rules(found: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    for rule in found:
        overlapping = [c for c in candidates if c.overlaps(rule.start, rule.end)]
        limit = max(rule.end, rule.head_end or rule.end)
        if any(c.start < rule.start or c.end > limit or (c.end > rule.end and c.org) for c in overlapping):
            continue
        if any(c.start == rule.start and c.end == rule.end and _keeps_type(c, rule) for c in overlapping):
            continue  # the model already has this name with a place or organisation type
        for c in overlapping:
            candidates.remove(c)
            if c.alpha3 and not rule.alpha3:
                rule.alpha3, rule.country_kind = c.alpha3, c.country_kind
        candidates.append(rule)
    return candidates


def _keeps_type(model: Candidate, rule: Candidate) -> bool:
    """Whether the model's type for a name stands against a place rule's: a lexicon name or a
    place type does; an organisation or a facility does not against "the X and Y areas"."""
    if model.org is not None or model.country_kind is not None:
        return True
    if rule.label == "GPE":
        return model.label in ("GPE", "LOC")
    return model.label != "PERSON"


def _correct_type(doc: Doc, cand: Candidate, gazetteer: EntityGazetteer) -> None:
    """Fix a type from the mention's neighbours: numbers, description nouns."""
    before = doc[cand.start - 1] if cand.start > 0 else None
    after = doc[cand.end] if cand.end < len(doc) else None
    if cand.org is not None or cand.country_kind in ("name", "alias", "demonym"):
        return
    if cand.end - cand.start == 1 and cand.label in ("PERSON", "ORG", "NORP"):
        # People are not counted, nor followed by a plural noun: "27 Patriot systems".
        counted = before is not None and before.like_num
        plural_head = after is not None and after.is_lower and after.tag_ == "NNS"
        if (cand.label == "PERSON" and (counted or plural_head)) or (counted and plural_head):
            cand.label = "PRODUCT"
            return
    appositive = _appositive_nominal(doc, cand, gazetteer)
    if appositive is not None and cand.label in ("GPE", "PERSON", "NORP", "LOC", "ORG"):
        cand.label = "ORG"  # "X and Y, two of the country's main criminal organizations"
        cand.classes.add(appositive.cls)
        return
    for neighbour, retypes in (
        (before, ("GPE", "PERSON", "LOC", "NORP", "PRODUCT", "FAC")),
        (after, ("PERSON",)),
    ):
        if neighbour is None or not neighbour.is_lower:
            continue
        nominal = gazetteer.nominals.get(neighbour.lower_)
        if nominal is None or nominal.type != "ORG" or nominal.plural:
            continue
        # "energy company X" is a company whatever the model thought; after the name
        # ("the Kyiv military administration") the noun may head a longer phrase instead.
        if cand.label in retypes:
            cand.label = "ORG"
        if cand.label == "ORG":
            cand.classes.add(nominal.cls)
        return


def _appositive_nominal(doc: Doc, cand: Candidate, gazetteer: EntityGazetteer) -> NominalInfo | None:
    """The organisation noun of an apposition to the name ("X, a rights group,"; "X and Y, two
    of the main cartels,"), through the parse; a conjunct shares its first conjunct's."""
    root = doc[cand.start : cand.end].root
    owners = [root, root.head] if root.dep_ == "conj" else [root]
    for owner in owners:
        for child in owner.children:
            if child.dep_ != "appos" or child.i < cand.end:
                continue
            head = child
            if head.pos_ == "NUM" or head.lower_ in ("one", "some", "each", "both"):
                objects = [
                    g for p in head.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"
                ]
                head = objects[0] if objects else head
            nominal = gazetteer.nominals.get(head.lower_) or gazetteer.nominals.get(head.lemma_.lower())
            if nominal is not None and nominal.type == "ORG" and head.is_lower:
                return nominal
    return None


def _split_coordinations(
    doc: Doc, gazetteer: EntityGazetteer, candidates: list[Candidate]
) -> list[Candidate]:
    """Split "X and Y" spans the model glued together into two names of the same type.

    Known pairs ("Trinidad and Tobago", lexicon organisations) come from the gazetteer and
    are kept; so are spans with a shared head noun after them, other function words
    ("Ministry of Trade and Industry") or an organisation noun inside.
    """
    result = []
    for cand in candidates:
        parts = _coordinated_parts(doc, gazetteer, cand)
        if parts is None:
            result.append(cand)
            continue
        for start, end in parts:
            result.append(Candidate(start, end, cand.label, cand.source))
    return result


def _coordinated_parts(doc: Doc, gazetteer: EntityGazetteer, cand: Candidate) -> list[tuple[int, int]] | None:
    if cand.source == "lexicon" or cand.org is not None or cand.country_kind is not None:
        return None
    tokens = doc[cand.start : cand.end]
    joins = [t.i for t in tokens if t.lower_ == "and"]
    if len(joins) != 1:
        return None
    after = doc[cand.end] if cand.end < len(doc) else None
    if after is not None and after.is_lower and after.pos_ in ("NOUN", "PROPN"):
        return None  # a shared head: "the Veloria and Tarsent governments"
    if gazetteer.place_country(tokens.text, cities=False):
        return None  # a country whose name is a coordination
    parts = [(cand.start, joins[0]), (joins[0] + 1, cand.end)]
    if cand.label == "ORG" and any(end - start != 1 for start, end in parts):
        # Organisation names coordinate common nouns in title case ("Immigration and
        # Customs Enforcement"); only a pair of bare single names is split.
        return None
    for start, end in parts:
        if start >= end:
            return None
        for token in doc[start:end]:
            if not _is_name_word(token):
                return None  # "of", "for", lower-case words: one complex name
            nominal = gazetteer.nominals.get(token.lower_)
            if nominal is not None and nominal.type == "ORG":
                return None  # "Smith and Jones Company"
    return parts
