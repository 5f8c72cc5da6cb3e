"""Stage: PLOVER-coded events, with actors, modality, place, time and figures.

Per sentence, triggers are found by the patterns of ``plover_patterns.yaml``
(:mod:`.events_match`); a trigger that is the content of another one
("refused to meet", "urged X to attack") is folded into it; each remaining
trigger becomes an ``Event`` with source and target actors (:mod:`.actors`),
a modality (:mod:`.modality`) and its attachments (:mod:`.events_attach`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...errors import LexiconError
from ...records import Actor, Event, EventTime, Quantity, Quote, TextSpan
from .. import extensions  # noqa: F401
from ..lookups.countries import CountryGazetteer, get_country_gazetteer
from ..syntax import ACTIVE_SUBJECT_DEPS, is_passive, passive_agent, subject_of
from . import scores
from .actors import ActorResolver, expand_quantity, is_counted
from .attach import TOLL_EVENT_TYPES, Attachments
from .lexicon import EventLexicon, load_event_lexicon
from .match import Candidate, find_candidates, governing_candidate, iter_roles
from .modality import choose_modality, coordination_head, read_modality

DEFINITE_DETS = {"the", "this", "that", "these", "those"}
# PLOVER codes a promised or future cooperative act as AGREE, a future retreat as CONCEDE.
FUTURE_CONVERTIBLE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"}


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
        self.resolver = ActorResolver(gazetteer, self.lexicon.sectors)
        self.object_control = self.lexicon.cue("object_control")

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
        return events

    def sentence_events(
        self, sent: Span, attachments: Attachments, quotes: list[Quote], last_by_type: dict[str, Event]
    ) -> list[Draft]:
        candidates = find_candidates(sent, self.lexicon)
        by_token = {c.token.i: c for c in candidates}
        drafts: list[Draft] = []
        for cand in candidates:
            if governing_candidate(cand, by_token) is not None:
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
        node = token
        heads: list[Token] = []
        for depth in range(scores.SOURCE_WALK):
            subj = subject_of(node, ACTIVE_SUBJECT_DEPS)
            if subj is not None:
                return heads + [subj], depth == 0
            if is_passive(node):
                pobj = passive_agent(node)
                return heads + ([pobj] if pobj is not None else []), pobj is not None and depth == 0
            head = coordination_head(node) if node.dep_ == "conj" else node.head
            if head == node:
                break
            if node.dep_ == "xcomp" and head.lemma_.lower() in self.object_control:
                obj = next((c for c in head.children if c.dep_ in {"dobj", "obj"}), None)
                if obj is not None:
                    return heads + [obj], False
            if node.dep_ in {"acl", "pcomp"} or (node.dep_ == "pobj" and head.dep_ == "prep"):
                noun = head if node.dep_ == "acl" else head.head
                if node.dep_ == "acl" and node.tag_ in {"VBN", "VBG"}:
                    break  # "drones targeting X": the participle's noun is not its doer
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
        if source is None and pattern.source_from_object and cand.matched_object is not None:
            theme = self.resolver.actor(cand.matched_object, speaker_country)
            if theme is not None and theme.country:
                source = theme
        target = self._target(cand, source, speaker_country)
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

    def _first_actor(self, heads: list[Token], speaker_country: str | None) -> Actor | None:
        for head in heads:
            actor = self.resolver.actor(head, speaker_country)
            if actor is not None:
                return actor
        return None

    def _target(self, cand: Candidate, source: Actor | None, speaker_country: str | None) -> Actor | None:
        token = cand.token
        roles: list[Token] = []
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
