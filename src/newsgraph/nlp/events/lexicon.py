"""The events stage's data: PLOVER patterns, word classes, modes, modality cues, sector nouns.

Everything here is read from lexicon files once, when the stage is built:
``plover_patterns.yaml``, ``event_classes.yaml``, ``event_modes.tsv``,
``event_modality.yaml``, ``event_registers.tsv`` and ``agents.tsv`` (each extendable by user files
whose name starts with the lexicon's name).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import LexiconError
from ...lexicons import load_tsv, load_yaml_list
from ...plover import PLOVER_TYPES
from . import scores

DEFAULT_TARGET_ROLES = ("obj", "dative", "prep:against", "prep:on", "prep:with", "prep:to", "prep:at")
TARGET_ROLE_KINDS = ("obj", "dative", "prep", "comp_obj", "obj_owner", "acl_obj")
PATTERN_KEYS = {
    "type",
    "mode",
    "trigger",
    "pos",
    "object",
    "complement",
    "prep",
    "target",
    "negated",
    "only_negated",
    "intended",
    "with_recipient",
    "source_from_object",
    "future_content",
    "no_infinitive",
    "not_complement",
    "confidence",
}
# "@proper" in an object list accepts any proper noun (a named place, state or person).
PROPER_CLASS = "@proper"


@dataclass(frozen=True)
class Trigger:
    """A trigger lemma, with the particle or preposition a phrasal trigger needs ("call for")."""

    lemma: str
    particles: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventPattern:
    """One row of ``plover_patterns.yaml``, with its word classes expanded."""

    index: int
    type: str
    mode: str | None
    triggers: tuple[Trigger, ...]
    pos: frozenset[str]
    objects: frozenset[str] | None
    objects_proper: bool
    complements: frozenset[str] | None
    preps: frozenset[str] | None
    target_roles: tuple[str, ...]
    negated_type: str | None
    only_negated: bool
    intended_type: str | None
    with_recipient_type: str | None
    source_from_object: bool
    confidence: float
    future_content: bool = False
    no_infinitive: bool = False
    not_complements: frozenset[str] | None = None

    @property
    def constrained(self) -> bool:
        return bool(self.objects or self.objects_proper or self.complements or self.preps)


@dataclass
class EventLexicon:
    """All lexicon data the events stage needs, indexed for per-token lookups."""

    patterns: list[EventPattern] = field(default_factory=list)
    by_lemma: dict[str, list[EventPattern]] = field(default_factory=dict)
    modes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # type -> [(lemma, mode)]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)
    time_words: frozenset[str] = frozenset()  # weekday and month names, capitalised
    registers: dict[str, str] = field(default_factory=dict)  # lemma -> register ("sport", "culture")

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())


def _as_list(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise LexiconError(f"{where}: '{key}' must be a string or a list of strings")


def load_word_classes(user_lexicons: tuple[Path, ...]) -> dict[str, set[str]]:
    """``@name`` -> lemmas, from ``event_classes.yaml`` (same-named entries merge)."""
    classes: dict[str, set[str]] = defaultdict(set)
    for n, entry in enumerate(load_yaml_list("event_classes", user_lexicons), start=1):
        if not isinstance(entry, dict) or "name" not in entry:
            raise LexiconError(f"event_classes entry {n}: expected a mapping with 'name' and 'lemmas'")
        lemmas = _as_list(entry.get("lemmas"), f"event_classes entry {n}", "lemmas")
        classes["@" + str(entry["name"])].update(w.lower() for w in lemmas)
    return classes


def _expand(words: list[str], classes: dict[str, set[str]], where: str) -> set[str]:
    out: set[str] = set()
    for word in words:
        if word == PROPER_CLASS:
            continue
        if word.startswith("@"):
            if word not in classes:
                raise LexiconError(f"{where}: unknown word class {word!r} (define it in event_classes.yaml)")
            out |= classes[word]
        else:
            out.add(word.lower())
    return out


def _parse_triggers(words: set[str]) -> tuple[Trigger, ...]:
    triggers = []
    for word in sorted(words):
        head, *rest = word.split()
        triggers.append(Trigger(head, tuple(rest)))
    return tuple(triggers)


def _check_type(value: Any, where: str, key: str) -> str | None:
    if value is None:
        return None
    text = str(value).upper()
    if text not in PLOVER_TYPES:
        raise LexiconError(f"{where}: '{key}' {value!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    return text


def parse_pattern(entry: Any, index: int, classes: dict[str, set[str]], where: str) -> EventPattern:
    """Validate one YAML entry and turn it into an ``EventPattern``; errors name the entry."""
    if not isinstance(entry, dict):
        raise LexiconError(f"{where}: expected a mapping")
    unknown = sorted(set(entry) - PATTERN_KEYS)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)}")
    event_type = _check_type(entry.get("type"), where, "type")
    if event_type is None:
        raise LexiconError(f"{where}: 'type' is required")
    triggers = _expand(_as_list(entry.get("trigger"), where, "trigger"), classes, where)
    if not triggers:
        raise LexiconError(f"{where}: 'trigger' is required")
    objects_raw = _as_list(entry.get("object"), where, "object")
    complements_raw = _as_list(entry.get("complement"), where, "complement")
    preps_raw = _as_list(entry.get("prep"), where, "prep")
    roles = tuple(_as_list(entry.get("target"), where, "target")) or DEFAULT_TARGET_ROLES
    for role in roles:
        if role.split(":")[0] not in TARGET_ROLE_KINDS:
            raise LexiconError(f"{where}: unknown target role {role!r} ({', '.join(TARGET_ROLE_KINDS)})")
    has_constraint = bool(objects_raw or complements_raw or preps_raw)
    confidence = float(
        entry.get(
            "confidence", scores.PATTERN_WITH_CONSTRAINT if has_constraint else scores.PATTERN_BARE_TRIGGER
        )
    )
    return EventPattern(
        index=index,
        type=event_type,
        mode=entry.get("mode") or None,
        triggers=_parse_triggers(triggers),
        pos=frozenset(p.upper() for p in _as_list(entry.get("pos"), where, "pos") or ["VERB"]),
        objects=frozenset(_expand(objects_raw, classes, where)) or None,
        objects_proper=PROPER_CLASS in objects_raw,
        complements=frozenset(_expand(complements_raw, classes, where)) or None,
        preps=frozenset(p.lower() for p in preps_raw) or None,
        target_roles=roles,
        negated_type=_check_type(entry.get("negated"), where, "negated"),
        only_negated=bool(entry.get("only_negated", False)),
        intended_type=_check_type(entry.get("intended"), where, "intended"),
        with_recipient_type=_check_type(entry.get("with_recipient"), where, "with_recipient"),
        source_from_object=bool(entry.get("source_from_object", False)),
        future_content=bool(entry.get("future_content", False)),
        no_infinitive=bool(entry.get("no_infinitive", False)),
        not_complements=frozenset(
            _expand(_as_list(entry.get("not_complement"), where, "not_complement"), classes, where)
        )
        or None,
        confidence=max(0.0, min(1.0, confidence)),
    )


def load_event_lexicon(user_lexicons: tuple[Path, ...] = ()) -> EventLexicon:
    """Read every events lexicon; user patterns are tried before the built-in ones."""
    classes = load_word_classes(user_lexicons)
    builtin = load_yaml_list("plover_patterns", ())
    everything = load_yaml_list("plover_patterns", user_lexicons)
    user = everything[len(builtin) :]
    lex = EventLexicon()
    ordered = [("user plover_patterns", e) for e in user] + [("plover_patterns.yaml", e) for e in builtin]
    for n, (origin, entry) in enumerate(ordered):
        lex.patterns.append(parse_pattern(entry, n, classes, f"{origin} entry {n + 1}"))
    by_lemma: dict[str, list[EventPattern]] = defaultdict(list)
    for pattern in lex.patterns:
        for lemma in {t.lemma for t in pattern.triggers}:
            by_lemma[lemma].append(pattern)
    lex.by_lemma = dict(by_lemma)
    modes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in load_tsv("event_modes", user_lexicons):
        modes[row["type"].upper()].append((row["lemma"].lower(), row["mode"]))
    lex.modes = dict(modes)
    cues: dict[str, set[str]] = defaultdict(set)
    for n, entry in enumerate(load_yaml_list("event_modality", user_lexicons), start=1):
        if not isinstance(entry, dict) or "kind" not in entry:
            raise LexiconError(f"event_modality entry {n}: expected a mapping with 'kind' and 'words'")
        words = _as_list(entry.get("words"), f"event_modality entry {n}", "words")
        cues[str(entry["kind"])].update(w.lower() for w in words)
    lex.cues = {k: frozenset(v) for k, v in cues.items()}
    for row in load_tsv("agents", user_lexicons):
        lex.sectors.setdefault(row["noun"].lower(), row["sector"].upper())
    # the times stage's names of days and months: words of time are never actors
    names = [row["name"] for row in load_tsv("time_weekdays", user_lexicons)]
    names += [row["name"] for row in load_tsv("time_months", user_lexicons)]
    lex.time_words = frozenset(n for n in names if not n.endswith("."))
    for row in load_tsv("event_registers", user_lexicons):
        lex.registers.setdefault(row["word"].lower(), row["register"].lower())
    return lex
