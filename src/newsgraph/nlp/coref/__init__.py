"""Stage: coreference. Pronouns and definite descriptions become mentions of entities.

Rules with features: type, gender (from titles, then from pronouns already
resolved) and number agreement filter the antecedents; recency, syntactic role (the
subject of the clause or of the previous sentence first) and salience rank them.
Descriptions ("the Ruritanian foreign minister", "the company") go to the latest
entity holding that title (and country) or carrying that class word.

Writes ``doc._.ng_coref``: ``(entity id, records.Mention)`` with kind "nominal" or
"pronoun".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...lexicons import load_tsv, split_field
from ...records import Mention
from ..extensions import EntityProfile
from ..lookups.countries import CountryGazetteer, get_country_gazetteer
from ..lookups.entity_gazetteer import NominalInfo
from ..syntax import NOMINAL_SUBJECT_DEPS
from . import scores
from .nominal import Description, find_descriptions
from .speakers import QuoteSpeakers

_OBJECT_DEPS = {"dobj", "dative", "iobj"}
_MAX_SENTENCES_BACK = 3


@dataclass(frozen=True)
class PronounInfo:
    gender: str | None
    plural: bool
    types: frozenset[str]
    subject_only: bool = False


@dataclass
class Referent:
    """One mention in the running history of the document."""

    entity_id: str
    start: int  # token index
    end: int
    root: Token
    sentence: int


class CorefStage:
    """Resolves pronouns and descriptions; lexicons are loaded once, here."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.pronouns = {
            row["pronoun"].lower(): PronounInfo(
                row.get("gender") or None,
                row.get("number") == "pl",
                frozenset(t.upper() for t in split_field(row.get("types"))),
                row.get("antecedent") == "subject",
            )
            for row in load_tsv("coref_pronouns", user_lexicons)
        }
        self.nominals = {
            row["head"].lower(): NominalInfo(
                row["head"].lower(), row["type"].upper(), row["class"].lower(), row.get("number") == "pl"
            )
            for row in load_tsv("nominals", user_lexicons)
        }
        self.countries = get_country_gazetteer(tuple(user_lexicons))
        self.speech_verbs = {row["lemma"].lower() for row in load_tsv("coref_speech_verbs", user_lexicons)}

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_coref = resolve_document(
            doc, self.pronouns, self.nominals, self.countries, self.speech_verbs
        )
        return doc


def resolve_document(
    doc: Doc,
    pronouns: dict[str, PronounInfo],
    nominals: dict[str, NominalInfo],
    countries: CountryGazetteer,
    speech_verbs: set[str],
) -> list[tuple[str, Mention]]:
    """All pronoun and description mentions of ``doc`` resolved to entity ids."""
    profiles: dict[str, EntityProfile] = dict(doc._.ng_entity_profiles or {})
    if not profiles:
        return []
    genders = {eid: p.gender for eid, p in profiles.items()}
    sentence_of = {}
    for number, sent in enumerate(doc.sents):
        for token in sent:
            sentence_of[token.i] = number
    names: list[Referent] = []
    name_tokens: set[int] = set()
    for entity in doc._.ng_entities or []:
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            names.append(Referent(entity.id, span.start, span.end, span.root, sentence_of[span.start]))
            name_tokens.update(range(span.start, span.end))
    names.sort(key=lambda r: r.start)
    entity_at = {i: r.entity_id for r in names for i in range(r.start, r.end)}
    speakers = QuoteSpeakers(doc, speech_verbs, entity_at)
    descriptions = find_descriptions(doc, doc._.ng_title_matches or [], nominals, countries, name_tokens)
    anaphors: list[tuple[int, Description | Token]] = [(d.start, d) for d in descriptions]
    anaphors += [
        (t.i, t) for t in doc if t.lower_ in pronouns and t.pos_ == "PRON" and t.i not in name_tokens
    ]
    anaphors.sort(key=lambda a: a[0])
    history: list[Referent] = []
    resolved: list[tuple[str, Mention]] = []
    next_name = 0
    for position, anaphor in anaphors:
        while next_name < len(names) and names[next_name].start < position:
            history.append(names[next_name])
            next_name += 1
        if isinstance(anaphor, Description):
            entity_id = _resolve_description(anaphor, history, profiles)
            start, end, kind = anaphor.start, anaphor.end, "nominal"
        else:
            info = pronouns[anaphor.lower_]
            speaker = speakers.speaker_of(anaphor) if "PERSON" in info.types else None
            entity_id = _resolve_pronoun(anaphor, info, history, profiles, genders, sentence_of, speaker)
            if entity_id and "PERSON" not in info.types and _closer_common_noun(doc, anaphor, info, history):
                entity_id = None
            start, end, kind = anaphor.i, anaphor.i + 1, "pronoun"
            if entity_id and info.gender and genders.get(entity_id) is None:
                genders[entity_id] = info.gender
        if entity_id is None:
            continue
        span = doc[start:end]
        entity_at.update((i, entity_id) for i in range(start, end))
        history.append(Referent(entity_id, start, end, span.root, sentence_of[start]))
        resolved.append((entity_id, Mention(span.start_char, span.end_char, span.text, kind)))
    return resolved


def _resolve_description(
    description: Description, history: list[Referent], profiles: dict[str, EntityProfile]
) -> str | None:
    """The latest entity the description fits."""
    seen: set[str] = set()
    for ref in reversed(history):
        if ref.entity_id in seen:
            continue
        seen.add(ref.entity_id)
        profile = profiles.get(ref.entity_id)
        if profile is None or profile.type != description.type:
            continue
        if description.country and profile.country and profile.country != description.country:
            continue
        if description.title is not None:
            wanted = set(description.title.lower().split())
            if any(wanted <= set(t.lower().split()) for t in profile.titles):
                return ref.entity_id
        elif description.cls in profile.classes:
            return ref.entity_id
    return None


def _resolve_pronoun(
    pronoun: Token,
    info: PronounInfo,
    history: list[Referent],
    profiles: dict[str, EntityProfile],
    genders: dict[str, str | None],
    sentence_of: dict[int, int],
    speaker: str | None = None,
) -> str | None:
    """The best-scoring agreeing entity among the mentions of the last few sentences.

    ``speaker``: the entity speaking the quotation the pronoun stands in, excluded.
    """
    sentence = sentence_of[pronoun.i]
    clause_verb = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    best, best_score = None, float("-inf")
    seen: set[str] = set()
    for ref in reversed(history):
        distance = sentence - ref.sentence
        if distance > _MAX_SENTENCES_BACK:
            break
        profile = profiles.get(ref.entity_id)
        if profile is None or profile.type not in info.types or ref.entity_id == speaker:
            continue
        gender = genders.get(ref.entity_id)
        if info.gender and gender and gender != info.gender:
            continue
        if _bound_elsewhere(pronoun, ref.root):
            continue
        if info.subject_only and (ref.root.dep_ not in NOMINAL_SUBJECT_DEPS or distance > 1):
            continue
        score = scores.DISTANCE * distance + scores.TOKEN_DISTANCE * (pronoun.i - ref.end)
        if ref.root.dep_ in NOMINAL_SUBJECT_DEPS:
            score += scores.SUBJECT
            if ref.root.head.dep_ == "ROOT":
                score += scores.MAIN_CLAUSE_SUBJECT
            if clause_verb is not None and ref.root.head.i == clause_verb.i:
                score += scores.OWN_CLAUSE_SUBJECT
        if info.gender and gender == info.gender:
            score += scores.GENDER_AGREES
        if ref.entity_id in seen:
            score += scores.ALREADY_SEEN
        seen.add(ref.entity_id)
        if score > best_score:
            best, best_score = ref.entity_id, score
    return best


def _closer_common_noun(doc: Doc, pronoun: Token, info: PronounInfo, history: list[Referent]) -> bool:
    """True when a plain noun subject closer than any entity can take an "it"/"they" pronoun.

    "The vehicle backs up and its lights ..." or "officials said they ...": such nouns
    are no entities, so the pronoun is left unresolved rather than given to a name.
    """
    start = max(max((r.end for r in history), default=0), pronoun.sent.start)
    wanted = "NNS" if info.plural else "NN"
    covered = {i for r in history for i in range(r.start, r.end)}
    for token in doc[start : pronoun.i]:
        if (
            token.tag_ == wanted
            and token.dep_ in NOMINAL_SUBJECT_DEPS | _OBJECT_DEPS | {"pobj"}
            and token.i not in covered
        ):
            return True
    return False


def _bound_elsewhere(pronoun: Token, candidate: Token) -> bool:
    """True when syntax forbids the pronoun to refer to the candidate.

    An object pronoun is not the subject of its own verb ("Ruiz praised him"), and a
    pronoun is not coordinated with its antecedent ("both he and Ruiz").
    """
    if (
        pronoun.dep_ in _OBJECT_DEPS
        and candidate.dep_ in NOMINAL_SUBJECT_DEPS
        and candidate.head.i == pronoun.head.i
    ):
        return True
    return candidate in pronoun.conjuncts


@Language.factory(
    "newsgraph_coref",
    requires=["doc._.ng_entities", "doc._.ng_entity_profiles", "doc._.ng_title_matches"],
    assigns=["doc._.ng_coref"],
    default_config={"user_lexicons": []},
)
def make_coref_stage(nlp: Language, name: str, user_lexicons: list[str]) -> CorefStage:
    return CorefStage(tuple(Path(p) for p in user_lexicons))
