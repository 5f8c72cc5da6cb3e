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
from ..syntax import NOMINAL_SUBJECT_DEPS
from . import scores
from .nominal import (
    Description,
    NominalHead,
    class_of_name,
    find_appositions,
    find_descriptions,
    nominal_heads,
    title_prefix,
)
from .speakers import QuoteSpeakers

_OBJECT_DEPS = {"dobj", "dative", "iobj"}
_MAX_SENTENCES_BACK = 3
# How far back a description of a thing ("the court", "the country") looks for its name;
# people ("the foreign minister") are looked for in the whole preceding text.
_MAX_SENTENCES_BACK_THING = 8


@dataclass(frozen=True)
class PronounInfo:
    gender: str | None
    plural: bool
    types: frozenset[str]
    subject_only: bool = False
    speaker_only: bool = False  # resolved only as the subject of a reporting verb


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
                row.get("antecedent") == "speaker",
            )
            for row in load_tsv("coref_pronouns", user_lexicons)
        }
        self.nominals = nominal_heads(load_tsv("nominals", user_lexicons))
        self.countries = get_country_gazetteer(tuple(user_lexicons))
        self.regions = {
            row["adjective"].lower(): frozenset(c.upper() for c in split_field(row.get("countries")))
            for row in load_tsv("coref_regions", user_lexicons)
        }
        self.speech_verbs = {row["lemma"].lower() for row in load_tsv("coref_speech_verbs", user_lexicons)}

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_coref = resolve_document(
            doc, self.pronouns, self.nominals, self.countries, self.speech_verbs, self.regions
        )
        return doc


@dataclass(frozen=True)
class Traits:
    """What a description may ask of an entity: its type, classes, titles and country."""

    type: str
    classes: frozenset[str]
    titles: tuple[frozenset[str], ...]  # each title held, as a set of lower-case words
    country: str | None


def entity_traits(
    doc: Doc,
    profiles: dict[str, EntityProfile],
    nominals: dict[str, NominalHead],
    countries: CountryGazetteer,
) -> dict[str, Traits]:
    """Each entity's traits: its profile, plus what its names say.

    A name headed by a class noun carries that class ("Supreme Court": court); a place
    named as a country in the countries lexicon is a "country", one named as a capital
    a "capital"; a title written before a person's name ("Cardinal X") is a title held.
    """
    traits = {}
    for entity in doc._.ng_entities or []:
        profile = profiles.get(entity.id)
        if profile is None:
            continue
        classes = set(profile.classes)
        titles = {t.lower() for t in profile.titles}
        for form in {entity.name, *(m.text for m in entity.mentions)}:
            if profile.type in ("ORG", "LOC", "FAC", "GPE"):
                classes |= class_of_name(form, nominals)
            if profile.type == "GPE":
                hit = countries.lookup(form)
                if hit is not None and hit.kind in ("name", "alias"):
                    classes.add("country")
                elif hit is not None and hit.kind == "metonym":
                    classes.add("capital")
            if profile.type == "PERSON":
                prefix = title_prefix(form, nominals)
                if prefix is not None:
                    titles.add(prefix)
        if profile.type == "PERSON":
            for m in entity.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.start > 0:
                    before = doc[span.start - 1]
                    prefix = title_prefix(f"{before.text} {span.text}", nominals) if before.is_title else None
                    if prefix is not None:
                        titles.add(prefix)
        traits[entity.id] = Traits(
            profile.type,
            frozenset(classes),
            tuple(frozenset(t.split()) for t in sorted(titles)),
            profile.country,
        )
    return traits


def resolve_document(
    doc: Doc,
    pronouns: dict[str, PronounInfo],
    nominals: dict[str, NominalHead],
    countries: CountryGazetteer,
    speech_verbs: set[str],
    regions: dict[str, frozenset[str]] | None = None,
) -> list[tuple[str, Mention]]:
    """All pronoun and description mentions of ``doc`` resolved to entity ids.

    ``regions``: region adjectives and their countries, for "the Latin American country".
    """
    profiles: dict[str, EntityProfile] = dict(doc._.ng_entity_profiles or {})
    if not profiles:
        return []
    genders = {eid: p.gender for eid, p in profiles.items()}
    traits = entity_traits(doc, profiles, nominals, countries)
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
    resolved: list[tuple[str, Mention]] = []
    appositions: list[Referent] = []
    name_types = {
        i: traits[r.entity_id].type for r in names if r.entity_id in traits for i in range(r.start, r.end)
    }
    for start, end, name_token in find_appositions(doc, name_types, nominals):
        apposed_to = entity_at[name_token]
        span = doc[start:end]
        appositions.append(Referent(apposed_to, start, end, span.root, sentence_of[start]))
        resolved.append((apposed_to, Mention(span.start_char, span.end_char, span.text, "nominal")))
    apposed = {i for r in appositions for i in range(r.start, r.end)}
    descriptions = [
        d
        for d in find_descriptions(
            doc, doc._.ng_title_matches or [], nominals, countries, name_tokens, regions
        )
        if d.start not in apposed
    ]
    anaphors: list[tuple[int, Description | Token]] = [(d.start, d) for d in descriptions]
    anaphors += [
        (t.i, t) for t in doc if t.lower_ in pronouns and t.pos_ == "PRON" and t.i not in name_tokens
    ]
    anaphors.sort(key=lambda a: a[0])
    names = sorted(names + appositions, key=lambda r: r.start)
    country_entity = _country_entities(traits)
    history: list[Referent] = []
    next_name = 0
    for position, anaphor in anaphors:
        entity_id: str | None
        while next_name < len(names) and names[next_name].start < position:
            history.append(names[next_name])
            next_name += 1
        if isinstance(anaphor, Description) and anaphor.apposed_to is not None:
            named = entity_at.get(anaphor.apposed_to)
            entity_id = named if named is not None and traits[named].type == "PERSON" else None
            start, end, kind = anaphor.start, anaphor.end, "nominal"
        elif isinstance(anaphor, Description):
            entity_id = _resolve_description(
                anaphor, history, traits, sentence_of, country_entity
            ) or _resolve_cataphor(anaphor, names[next_name:], traits)
            start, end, kind = anaphor.start, anaphor.end, "nominal"
        else:
            info = pronouns[anaphor.lower_]
            if info.speaker_only and not _reports(anaphor, speech_verbs):
                continue
            speaker = speakers.speaker_of(anaphor) if "PERSON" in info.types else None
            # '"... Governor X ...," he said': the reporter of a quotation is not someone
            # the quotation names
            reporter = _reports(anaphor, speech_verbs) and not speakers.quoted(anaphor)
            quoted = {r.start for r in history if reporter and speakers.quoted(r.root)}
            entity_id = _resolve_pronoun(
                anaphor, info, history, profiles, genders, sentence_of, speaker, quoted
            )
            if (
                entity_id
                and "PERSON" not in info.types
                and not info.speaker_only
                and _closer_common_noun(doc, anaphor, info, history)
            ):
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
    resolved.sort(key=lambda r: r[1].start)
    return resolved


def _country_entities(traits: dict[str, Traits]) -> dict[str, str]:
    """The entity naming each country, for countries named by one entity only."""
    found: dict[str, list[str]] = {}
    for entity_id, t in traits.items():
        if t.type == "GPE" and "country" in t.classes and t.country:
            found.setdefault(t.country, []).append(entity_id)
    return {country: ids[0] for country, ids in found.items() if len(ids) == 1}


def _fits(description: Description, t: Traits) -> bool:
    """Does an entity with these traits answer the description?"""
    if t.type != description.type:
        return False
    if description.country and t.country and t.country != description.country:
        return False
    if description.region and t.country not in description.region:
        return False
    if description.type == "PERSON":
        return any(set(w.split()) <= held for w in description.titles for held in t.titles)
    return description.cls in t.classes


def _resolve_description(
    description: Description,
    history: list[Referent],
    traits: dict[str, Traits],
    sentence_of: dict[int, int],
    country_entity: dict[str, str],
) -> str | None:
    """The latest entity the description fits.

    A description of a place may also be answered by a demonym or a person's nationality
    in the text ("South Korean President X ... the country"), standing for that country.
    Things ("the court") look back a few paragraphs only; people the whole text.
    """
    sentence = sentence_of[description.start]
    candidates: list[tuple[str, int]] = []  # (entity id, sentence of its latest mention), latest first
    counts: dict[str, int] = {}
    for ref in reversed(history):
        entity_id = ref.entity_id
        t = traits.get(entity_id)
        if t is None:
            continue
        if description.type == "GPE" and t.type == "NORP" and t.country in country_entity:
            entity_id = country_entity[t.country]
            t = traits[entity_id]
        if description.type == "GPE" and t.country in country_entity:
            # salience: every mention of the country or of its people and bodies counts
            salient = country_entity[t.country]
            counts[salient] = counts.get(salient, 0) + 1
        if not _fits(description, t):
            continue
        within = description.type == "PERSON" or sentence - ref.sentence <= _MAX_SENTENCES_BACK_THING
        if within and all(entity_id != c for c, _ in candidates):
            candidates.append((entity_id, ref.sentence))
        if description.type != "GPE" and candidates:
            return candidates[0][0]
    if not candidates:
        return None
    if len(candidates) > 1 and candidates[1][1] == sentence:
        return None  # two places fit in the description's own sentence: "Iran and the US ... the country"
    chosen = candidates[0][0]
    dominant = max(counts, key=lambda c: counts[c]) if counts else chosen
    dominates = counts.get(dominant, 0) >= scores.PLACE_DOMINANCE * max(counts.get(chosen, 0), 1)
    if dominant != chosen and dominates and any(c == dominant for c, _ in candidates):
        return dominant  # the place the text is about, over one named in passing
    return chosen


def _resolve_cataphor(
    description: Description, later: list[Referent], traits: dict[str, Traits]
) -> str | None:
    """A person described before being named ("X's top diplomat said ... Cardinal Y"):
    the one entity named later that fits, if exactly one does; a place described by its
    region ("the South Asian nation") before being named: the next fitting place."""
    if description.type == "GPE" and description.region:
        # "... in the South Asian nation. [...] Bangladesh's first vote": the next fitting place
        first = later[0].sentence if later else 0
        for ref in later:
            if ref.sentence - first > 1:
                break
            t = traits.get(ref.entity_id)
            if t is not None and _fits(description, t):
                return ref.entity_id
        return None
    if description.type != "PERSON" or description.country is None:
        return None
    fitting = {
        r.entity_id for r in later if (t := traits.get(r.entity_id)) is not None and _fits(description, t)
    }
    return fitting.pop() if len(fitting) == 1 else None


def _resolve_pronoun(
    pronoun: Token,
    info: PronounInfo,
    history: list[Referent],
    profiles: dict[str, EntityProfile],
    genders: dict[str, str | None],
    sentence_of: dict[int, int],
    speaker: str | None = None,
    excluded_mentions: set[int] | None = None,
) -> str | None:
    """The best-scoring agreeing entity among the mentions of the last few sentences.

    ``speaker``: the entity speaking the quotation the pronoun stands in, excluded.
    ``excluded_mentions``: start tokens of mentions that cannot be the antecedent.
    """
    excluded_mentions = excluded_mentions or set()
    sentence = sentence_of[pronoun.i]
    clause_verb = next((t for t in pronoun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    best, best_score = None, float("-inf")
    seen: set[str] = set()
    for ref in reversed(history):
        distance = sentence - ref.sentence
        if distance > _MAX_SENTENCES_BACK:
            break
        profile = profiles.get(ref.entity_id)
        if ref.start in excluded_mentions:
            continue
        if profile is None or profile.type not in info.types or ref.entity_id == speaker:
            continue
        gender = genders.get(ref.entity_id)
        if info.gender and gender and gender != info.gender:
            continue
        if _bound_elsewhere(pronoun, ref.root):
            continue
        if (info.subject_only or info.speaker_only) and (
            ref.root.dep_ not in NOMINAL_SUBJECT_DEPS or distance > 1
        ):
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


def _reports(pronoun: Token, speech_verbs: set[str]) -> bool:
    """Is the pronoun the subject of a reporting verb ("it said", "it claims")?"""
    return pronoun.dep_ == "nsubj" and pronoun.head.lemma_.lower() in speech_verbs


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
