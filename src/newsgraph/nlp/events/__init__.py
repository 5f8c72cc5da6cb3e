"""Stage: PLOVER-coded events, with actors, modality, place, time and figures.

Per sentence, triggers are found by the patterns of ``plover_patterns.yaml``
(:mod:`.match`); a trigger that is the content of another one ("refused to
meet", "urged X to attack") is folded into it; each remaining trigger becomes an
``Event`` with source and target actors (:mod:`.actors`), a modality
(:mod:`.modality`) and its attachments (:mod:`.attach`).

An event is kept only when one side is a political actor: a state, a government
body, an organisation, an armed group or a titled official (protests and killings
counted by a toll need none). In a story whose words are mostly of the sport or
culture register (``event_registers.tsv``) only states, their bodies and
officials act: clubs and stars "beat" and "attack" each other there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...errors import LexiconError
from ...records import Actor, Entity, Event, EventTime, Quantity, Quote, TextSpan
from .. import extensions  # noqa: F401
from ..lookups.countries import CountryGazetteer, get_country_gazetteer
from ..lookups.mentions import mention_index
from ..syntax import ACTIVE_SUBJECT_DEPS, is_passive, subject_of
from . import scores
from .actors import FIRST_PERSON, ActorResolver, core_span, expand_quantity, is_counted
from .attach import TOLL_EVENT_TYPES, Attachments
from .lexicon import EventLexicon, load_event_lexicon
from .match import (
    Candidate,
    find_candidates,
    governing_candidate,
    iter_roles,
    passive_doer,
    undergoing_verb,
)
from .modality import choose_modality, coordination_head, read_modality

DEFINITE_DETS = {"the", "this", "that", "these", "those"}
# PLOVER codes a promised or future cooperative act or concession as AGREE, a future retreat
# as CONCEDE, and an announced (not merely possible) sanction or coercion as THREATEN.
FUTURE_CONVERTIBLE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "SANCTION", "COERCE"}
# Acts done by saying something: they need someone (or a text) that says it.
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
# Acts two parties do with each other: with no other target, a conjoined doer is the partner.
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE", "AGREE"}
SPEECH_ACT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


@dataclass
class Draft:
    """An event under construction (records are frozen; this one is not)."""

    event: Event
    token: Token
    own_subject: bool
    definite: bool
    quantities: list[Quantity] = field(default_factory=list)


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start, end, text[start:end])


def _owner_is_first_person(head: Token) -> bool:
    """ "our country", "my government": a noun owned by the speaker."""
    return any(c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in head.children)


def orphan_subject(verb: Token) -> Token | None:
    """The subject the parser hung elsewhere: in "as Israel and the United States conduct a
    campaign", a finite verb without a subject follows its subject, read as "as"'s object."""
    if verb.tag_ not in {"VBP", "VBZ", "VBD"} or verb.dep_ not in {"advcl", "ccomp", "ROOT", "parataxis"}:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass"} for c in verb.children):
        return None
    before = verb.i - 1
    while before >= 0 and verb.doc[before].pos_ == "ADV":
        before -= 1
    if before < 0:
        return None
    prev = verb.doc[before]
    if prev.pos_ not in {"PROPN", "NOUN", "PRON"} or prev.dep_ not in {"pobj", "conj"}:
        return None
    while prev.dep_ == "conj" and prev.head.i < prev.i:
        prev = prev.head
    return prev if not prev.is_ancestor(verb) else None


def reason_doer(verb: Token) -> Token | None:
    """Whom a verb of praise or blame is aimed at: its object, or its "at"/"on" target."""
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None)
    if obj is not None:
        return obj
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "on", "against", "with"}:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def noun_doers(noun: Token) -> list[Token]:
    """Who does what an event noun names: its possessor, its "by" agent, a named modifier."""
    doers = [c for c in noun.children if c.dep_ == "poss"]
    for prep in noun.children:
        # "a meeting between Obama and Putin": the parties of a mutual act
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"by", "between"}:
            doers.extend(g for g in prep.children if g.dep_ == "pobj")
    doers.extend(
        c
        for c in noun.lefts
        if c.dep_ in {"compound", "amod", "nmod"} and (c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE"})
    )
    return doers


class EventsStage:
    """Codes PLOVER events; lexicons and indexes are built once here, not per document."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.lexicon: EventLexicon = load_event_lexicon(user_lexicons)
        gazetteer: CountryGazetteer | None
        try:
            gazetteer = get_country_gazetteer(user_lexicons)
        except LexiconError:
            gazetteer = None  # without the gazetteer, countries come from entities alone
        self.resolver = ActorResolver(gazetteer, self.lexicon.sectors, self.lexicon.time_words)
        self.object_control = self.lexicon.cue("object_control")
        self.independent_content = self.lexicon.cue("independent_content")
        self.speaking_texts = self.lexicon.cue("speaking_text")

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = self.extract(doc)
        return doc

    # -- per document ----------------------------------------------------------
    def extract(self, doc: Doc) -> list[Event]:
        """All events of a parsed document, in text order."""
        attachments = Attachments(doc)
        quotes: list[Quote] = doc._.ng_quotes or []
        headings = doc._.ng_headings or []
        events: list[Event] = []
        last_by_type: dict[str, Event] = {}
        previous_sentence: list[Draft] = []
        for sent in doc.sents:
            if any(hs <= sent.start_char and sent.end_char <= he for hs, he in headings):
                continue
            drafts = self.sentence_events(sent, attachments, quotes, last_by_type)
            tolls = attachments.tolls_in(sent)
            if tolls:
                here = [d for d in drafts if d.event.type in TOLL_EVENT_TYPES]
                before = [d for d in previous_sentence if d.event.type in TOLL_EVENT_TYPES]
                if here:
                    here[0].quantities.extend(tolls)
                elif before and not before[-1].quantities:
                    before[-1].quantities.extend(tolls)
            for draft in previous_sentence:
                events.append(replace(draft.event, quantities=tuple(draft.quantities)))
            previous_sentence = drafts
            for draft in drafts:
                last_by_type[draft.event.type] = draft.event
        for draft in previous_sentence:
            events.append(replace(draft.event, quantities=tuple(draft.quantities)))
        entities = {e.id: e for e in doc._.ng_entities or []}
        kept = [e for e in events if self.is_political_event(e, entities, doc)]
        if self.story_register(doc) is not None:
            # a match report or a film review: clubs and stars are no political actors
            kept = [e for e in kept if self.has_state_actor(e, entities)]
        return kept

    def story_register(self, doc: Doc) -> str | None:
        """The register (sport, culture) most of the story's words belong to, if any."""
        counts: Counter[str] = Counter()
        content = 0
        for token in doc:
            if token.pos_ in CONTENT_POS:
                content += 1
                register = self.lexicon.registers.get(token.lemma_.lower())
                if register:
                    counts[register] += 1
        if not counts or not content:
            return None
        register, hits = counts.most_common(1)[0]
        enough = hits >= scores.REGISTER_MIN_WORDS and hits / content >= scores.REGISTER_SHARE
        return register if enough else None

    def has_state_actor(self, event: Event, entities: dict[str, Entity]) -> bool:
        return any(
            self.resolver.is_state_actor(
                actor, entities.get(actor.entity) if actor and actor.entity else None
            )
            for actor in (event.source, event.target)
        )

    def is_political_event(self, event: Event, entities: dict[str, Entity], doc: Doc | None = None) -> bool:
        """An event needs a political actor on one side; violence with a counted toll needs none.

        Idioms, sport, entertainment and crime stories use the same verbs ("beat",
        "commit", "charged") between people and things that are no state, government,
        organisation, armed group or official: without such an actor the act is not
        one a political event dataset records. Killings counted by a toll are, even
        when nobody is named ("at least 16 people were killed"), and so are protests.
        """
        for actor in (event.source, event.target):
            entity = entities.get(actor.entity) if actor is not None and actor.entity else None
            if self.resolver.is_political(actor, entity, doc, material=event.type not in SPEECH_ACT_TYPES):
                return True
        if event.type == "PROTEST":
            return True  # crowds protest: demonstrators, strikers and rioters are the actors it is about
        return event.type in TOLL_EVENT_TYPES and bool(event.quantities)

    def sentence_events(
        self, sent: Span, attachments: Attachments, quotes: list[Quote], last_by_type: dict[str, Event]
    ) -> list[Draft]:
        candidates = find_candidates(sent, self.lexicon)
        by_token = {c.token.i: c for c in candidates}
        drafts: list[Draft] = []
        for cand in candidates:
            if governing_candidate(cand, by_token, self.independent_content) is not None:
                continue
            draft = self.build(cand, sent, attachments, quotes, last_by_type)
            if draft is None:
                continue
            # "launched ... , killing seven": a subjectless participle of the same type
            # continues the event before it rather than starting another
            earlier = next((d for d in reversed(drafts) if d.event.type == draft.event.type), None)
            if earlier is not None and not draft.own_subject and draft.token.tag_ in {"VBG", "VBN"}:
                if earlier.event.target is None and draft.event.target is not None:
                    earlier.event = replace(earlier.event, target=draft.event.target)
                continue
            drafts.append(draft)
        return drafts

    # -- one event -------------------------------------------------------------
    def source_heads(self, token: Token) -> tuple[list[Token], bool]:
        """Candidate heads of the doer, best first, and whether the trigger has its own subject."""
        if token.pos_ == "NOUN":
            # "Iran's refusal", "a demand by the union", "US-Israeli strikes"
            own = [d for d in noun_doers(token) if not self._is_place(d)]
            if own:
                return own, True
            verb = undergoing_verb(token, self.lexicon.cue("undergo_verb"))
            if verb is not None:
                # "Yoon faces charges": the subject suffers the act; "came under attack by X": X does it
                doers = [
                    g
                    for c in verb.children
                    if c.dep_ in {"prep", "agent"} and c.lower_ == "by"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                return doers, False
        orphan = orphan_subject(token)
        if orphan is not None:
            return [orphan], True
        node = token
        heads: list[Token] = []
        for depth in range(scores.SOURCE_WALK):
            subj = subject_of(node, ACTIVE_SUBJECT_DEPS)
            if subj is not None:
                return heads + [subj], depth == 0
            if is_passive(node):
                pobj = passive_doer(node)
                return heads + ([pobj] if pobj is not None else []), pobj is not None and depth == 0
            head = coordination_head(node) if node.dep_ == "conj" else node.head
            if head == node:
                break
            if node.dep_ == "xcomp" and head.lemma_.lower() in self.object_control:
                obj = next((c for c in head.children if c.dep_ in {"dobj", "obj"}), None)
                if obj is not None:
                    return heads + [obj], False
            if node.dep_ == "pcomp" and head.lower_ == "for":
                # "lashed out at Turkey for having shot down a bomber": Turkey shot it down
                blamed = reason_doer(head.head)
                if blamed is not None:
                    return heads + [blamed], False
            if node.dep_ in {"acl", "pcomp"} or (node.dep_ == "pobj" and head.dep_ == "prep"):
                noun = head if node.dep_ == "acl" else head.head
                if (
                    node.dep_ == "acl"
                    and node.tag_ in {"VBN", "VBG"}
                    and noun.lemma_.lower() not in self.speaking_texts
                ):
                    # "drones targeting X": the participle's noun is not its doer; but
                    # "issued a declaration demanding X": whoever issued it demands
                    break
                heads.extend(c for c in noun.children if c.dep_ == "poss")
                node = noun
                continue
            if node.dep_ in {"xcomp", "advcl", "conj", "ccomp", "dobj", "attr", "pobj", "prep", "acomp"}:
                node = head
                continue
            break
        return heads, False

    def build(
        self,
        cand: Candidate,
        sent: Span,
        attachments: Attachments,
        quotes: list[Quote],
        last_by_type: dict[str, Event],
    ) -> Draft | None:
        token, pattern = cand.token, cand.pattern
        facts = read_modality(token, self.lexicon.cues)
        quote = next((q for q in quotes if q.start <= token.idx < q.end), None)
        event_type = pattern.type
        negation_consumed = False
        if cand.negated and pattern.negated_type:
            event_type, negation_consumed = pattern.negated_type, True

        speaker_country = quote.speaker_country if quote else None
        reporter_actor = self.resolver.actor(facts.reporter) if facts.reporter is not None else None
        if reporter_actor is not None and reporter_actor.country:
            speaker_country = reporter_actor.country

        heads, own_subject = self.source_heads(token)
        source = self._first_actor(heads, speaker_country)
        if source is None and event_type in SPEECH_ACT_TYPES and self._thing_subject(heads):
            return None  # "the shutdown threatens to undermine ...": a thing does not speak
        if source is None and quote is not None and quote.speaker:
            # "we will not accept ...", "our country rejects ...": the quote's speaker acts
            first = next((h for h in heads if h.lower_ in FIRST_PERSON or _owner_is_first_person(h)), None)
            speaker = mention_index(token.doc).entities.get(quote.speaker)
            if first is not None and speaker is not None:
                source = self.resolver.speaker_actor(speaker, first.idx, first.idx + len(first.text))
        if source is None and reporter_actor is not None and facts.reporter is not None:
            # "Haitian police said it is launching an operation": an unresolved pronoun
            # subject of reported speech is the reporter itself
            pronoun = next((h for h in heads if h.pos_ == "PRON" and h.dep_ in ACTIVE_SUBJECT_DEPS), None)
            if pronoun is not None and self._pronoun_fits(pronoun, facts.reporter):
                source = replace(reporter_actor, start=pronoun.idx, end=pronoun.idx + len(pronoun.text))
        if source is None and pattern.source_from_object and cand.matched_object is not None:
            theme = self.resolver.actor(cand.matched_object, speaker_country)
            if theme is not None and theme.country:
                source = theme
        target = self._target(cand, source, speaker_country)
        if target is None and source is not None and event_type in SYMMETRIC_TYPES:
            # "Obama and Putin met", "a meeting between X and Y": each is the other's partner
            target = self._partner(heads, source, speaker_country)
        if target is not None and pattern.with_recipient_type and self._is_recipient(target):
            event_type = pattern.with_recipient_type
        promised = (facts.intended or facts.future) and not facts.negated and not negation_consumed
        if promised and pattern.intended_type and event_type in FUTURE_CONVERTIBLE:
            event_type = pattern.intended_type
        modality = choose_modality(facts, in_quote=quote is not None, negation_consumed=negation_consumed)
        reported_by = None
        if quote is not None:
            reported_by = quote.speaker
        elif reporter_actor is not None:
            reported_by = reporter_actor.entity

        avoid = [(source.start, source.end)] if source and source.start is not None else []
        location = attachments.place_for(sent, token, avoid)  # type: ignore[arg-type]
        time = attachments.time_for(sent, token)
        definite = self._definite(cand)
        if time is None and definite and event_type in last_by_type:
            time = last_by_type[event_type].time
        confidence = pattern.confidence * (1.0 if source is not None else scores.NO_SOURCE_FACTOR)
        event = Event(
            type=event_type,
            mode=self._mode(cand, event_type),
            source=source,
            target=target,
            modality=modality,
            trigger=_span(attachments.text, token.idx, token.idx + len(token.text)),
            sentence=_span(attachments.text, sent.start_char, sent.end_char),
            location=location,
            time=time if isinstance(time, EventTime) else None,
            quantities=(),
            reported_by=reported_by,
            confidence=round(confidence, 3),
        )
        return Draft(event, token, own_subject, definite)

    @staticmethod
    def _pronoun_fits(pronoun: Token, reporter: Token) -> bool:
        """Could this pronoun stand for the reporter? "it" for a body, "he"/"she" for a person."""
        word = pronoun.lower_
        person = reporter.ent_type_ == "PERSON" or reporter.pos_ == "PRON"
        if word == "it":
            return not person and reporter.pos_ in {"NOUN", "PROPN"}
        if word in {"he", "she"}:
            return reporter.ent_type_ == "PERSON"
        return word in {"they", "we"} and reporter.tag_ in {"NNS", "NNPS", "NN", "NNP"}

    def _partner(self, heads: list[Token], source: Actor, speaker_country: str | None) -> Actor | None:
        """The other party of a conjoined doer ("X and Y met")."""
        for head in heads:
            for conj in head.conjuncts:
                actor = self.resolver.actor(conj, speaker_country)
                if actor is not None and (actor.start, actor.end) != (source.start, source.end):
                    return actor
        return None

    def _is_place(self, token: Token) -> bool:
        """A city or region named before an event noun ("the Gwangju massacre") is where it
        happened; a state or its capital as metonym ("US strikes", "Moscow's attack") did it."""
        if token.ent_type_ not in {"GPE", "LOC", "FAC"} or token.dep_ == "poss":
            return False
        gazetteer = self.resolver.gazetteer
        start, end = core_span(token)
        hit = gazetteer.lookup(token.doc[start:end].text) if gazetteer else None
        return hit is None or hit.kind not in {"name", "alias", "metonym", "demonym"}

    def _thing_subject(self, heads: list[Token]) -> bool:
        """Is the trigger's subject a common noun that is neither an actor nor a text speaking
        for one ("the report urges ...", "the ruling rejected ...")?"""
        if not heads:
            return False
        subject = heads[-1]
        if subject.dep_ not in ACTIVE_SUBJECT_DEPS or subject.pos_ in {"PROPN", "PRON"}:
            return False
        return subject.lemma_.lower() not in self.speaking_texts

    def _first_actor(self, heads: list[Token], speaker_country: str | None) -> Actor | None:
        for head in heads:
            actor = self.resolver.actor(head, speaker_country)
            if actor is not None:
                return actor
        return None

    def _target(self, cand: Candidate, source: Actor | None, speaker_country: str | None) -> Actor | None:
        token = cand.token
        roles: list[Token] = []
        undergoer = undergoing_verb(token, self.lexicon.cue("undergo_verb")) if token.pos_ == "NOUN" else None
        if undergoer is not None:
            roles.extend(c for c in undergoer.children if c.dep_ in {"nsubj", "nsubjpass"})
        if is_passive(token):
            theme = subject_of(token, ("nsubjpass",))
            if theme is not None and theme != cand.matched_object:
                roles.append(theme)
        roles.extend(t for _, t in iter_roles(cand))
        for head in roles:
            actor = self.resolver.actor(head, speaker_country)
            if actor is None:
                continue
            if source is not None and actor.start == source.start and actor.end == source.end:
                continue
            if actor.entity is None and actor.country is None and is_counted(expand_quantity(head)):
                continue  # a casualty or crowd figure: the count stays as the event's quantity
            return actor
        return None

    def _is_recipient(self, target: Actor) -> bool:
        """A state, organisation or named party, as opposed to a place ("the border")."""
        if target.entity is not None or target.sector is not None:
            return True
        gazetteer = self.resolver.gazetteer
        hit = gazetteer.lookup(target.name or "") if gazetteer else None
        return hit is not None and hit.kind in {"name", "alias", "metonym"}

    def _mode(self, cand: Candidate, event_type: str) -> str | None:
        if event_type == cand.pattern.type and cand.pattern.mode:
            return cand.pattern.mode
        table = self.lexicon.modes.get(event_type)
        if not table:
            return None
        token = cand.token
        words = {token.lemma_.lower()}
        for obj in cand.objects + ([cand.complement] if cand.complement is not None else []):
            for t in obj.subtree:
                words.add(t.lemma_.lower())
                if t.i > 0:
                    words.add(f"{t.doc[t.i - 1].lemma_.lower()} {t.lemma_.lower()}")
        for child in token.children:
            if child.dep_ in {"prep", "advcl", "xcomp", "agent"}:
                words.update(t.lemma_.lower() for t in child.subtree)
        return next((mode for lemma, mode in table if lemma in words), None)

    @staticmethod
    def _definite(cand: Candidate) -> bool:
        nouns = (
            [cand.token]
            if cand.token.pos_ == "NOUN"
            else ([cand.matched_object] if cand.matched_object else [])
        )
        return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for n in nouns for c in n.children)


@Language.factory(
    "newsgraph_events",
    requires=[
        "doc.ents",
        "doc._.ng_headings",
        "doc._.ng_entities",
        "doc._.ng_coref",
        "doc._.ng_quantities",
        "doc._.ng_places",
        "doc._.ng_times",
        "doc._.ng_quotes",
    ],
    assigns=["doc._.ng_events"],
    default_config={"user_lexicons": []},
)
def make_events_stage(nlp: Language, name: str, user_lexicons: list[str]) -> EventsStage:
    return EventsStage(tuple(Path(p) for p in user_lexicons))
