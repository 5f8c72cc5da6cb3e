"""Cross-article entity resolution: one corpus entity per real person or organisation.

A document's entity joins an existing corpus entity when the evidence agrees:

* the same normalised name (or a name the corpus entity already went by) and
  type, with no conflicting country;
* for a person named by one word ("Lavrov"), the unique person of that surname
  whose country and titles do not conflict (or the dominant one, ``DOMINANCE``);
* a full name ("Sergei Lavrov") absorbs an earlier surname-only corpus entity
  when it is the only compatible full name with that surname.

Otherwise a new corpus entity is made, its id derived from the normalised name,
type and country (``stable_id``), so the same input gives the same ids. Merged
ids are kept as redirects.

These are rules over plain data: the store looks up the candidates
(``KnownEntity``), asks ``match_by_name`` and then ``resolve_entity``, and
writes what the returned ``Resolution`` says. Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from .names import normalise_name, stable_id, surname_of, title_words

# A surname shared by several compatible people still resolves to one of them when that one has
# at least this many times the mentions of all the others together.
DOMINANCE = 10


@dataclass(frozen=True)
class EntityEvidence:
    """What a document says about one entity, as resolution sees it."""

    name: str
    type: str
    country: str | None
    titles: tuple[str, ...]

    @cached_property
    def norm(self) -> str:
        return normalise_name(self.name)

    @property
    def is_person(self) -> bool:
        return self.type == "PERSON"

    @property
    def surname(self) -> str | None:
        """The surname to look persons up by (the whole name for a one-word name); None for others."""
        return surname_of(self.norm) if self.is_person else None


@dataclass(frozen=True)
class KnownEntity:
    """A stored corpus entity as resolution compares it.

    ``titles`` are the roles it was given (at most a sample); the store fills them
    in only when the evidence has titles to compare, since otherwise roles agree.
    """

    id: int  # the store's key (``newsgraph.store.ids``)
    norm_name: str
    country: str | None
    n_mentions: int
    titles: tuple[str, ...] = ()

    @property
    def surname_only(self) -> bool:
        """A person known by one word only ("Lavrov")."""
        return len(self.norm_name.split()) == 1


@dataclass(frozen=True)
class NewEntity:
    """A corpus entity to create; ``base_id`` is taken, or suffixed -2, -3... when already used."""

    base_id: str
    name: str
    norm_name: str
    surname: str | None
    type: str
    country: str | None


@dataclass(frozen=True)
class Resolution:
    """What to do for one document entity: join ``match``, or create ``new`` and fold ``absorb`` into it."""

    match: int | None = None
    new: NewEntity | None = None
    absorb: tuple[int, ...] = ()


def countries_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def titles_agree(known: KnownEntity, titles: tuple[str, ...]) -> bool:
    """Roles agree when either side has none, or they share a word ("minister")."""
    if not titles:
        return True
    words = title_words(known.titles)
    return not words or bool(words & title_words(titles))


def match_by_name(evidence: EntityEvidence, named: Sequence[KnownEntity]) -> int | None:
    """The corpus entity of this name and type (``named``, in store order) the evidence fits, if any."""
    fitting = [k for k in named if countries_agree(k.country, evidence.country)]
    if not fitting:
        return None
    # Prefer a same-country entity, then a persons' titles match, then the most mentioned.
    fitting.sort(key=lambda k: (k.country == evidence.country, k.n_mentions), reverse=True)
    if evidence.is_person and len(fitting) > 1:
        agreeing = [k for k in fitting if titles_agree(k, evidence.titles)]
        fitting = agreeing or fitting
    return fitting[0].id


def needs_titles(evidence: EntityEvidence, named: Sequence[KnownEntity]) -> bool:
    """Whether ``match_by_name`` compares roles, so the store must fill in the candidates' titles."""
    return evidence.is_person and bool(evidence.titles) and len(named) > 1


def _by_surname(evidence: EntityEvidence, surnamed: Sequence[KnownEntity]) -> int | None:
    fitting = sorted(
        (
            (k.n_mentions, k.id)
            for k in surnamed
            if not k.surname_only
            and countries_agree(k.country, evidence.country)
            and titles_agree(k, evidence.titles)
        ),
        reverse=True,
    )
    if len(fitting) == 1:
        return fitting[0][1]
    # A bare surname means the dominant bearer when the others are rare (often extraction noise).
    if len(fitting) > 1 and fitting[0][0] >= DOMINANCE * max(1, sum(n for n, _ in fitting[1:])):
        return fitting[0][1]
    return None


def _absorbed(evidence: EntityEvidence, surnamed: Sequence[KnownEntity]) -> tuple[int, ...]:
    """Surname-only persons a new full-name person takes over, when no other full name competes."""
    if any(not k.surname_only and countries_agree(k.country, evidence.country) for k in surnamed):
        return ()  # two compatible people of that surname: a bare surname stays ambiguous
    return tuple(
        k.id
        for k in surnamed
        if k.surname_only
        and countries_agree(k.country, evidence.country)
        and titles_agree(k, evidence.titles)
    )


def resolve_entity(evidence: EntityEvidence, surnamed: Sequence[KnownEntity]) -> Resolution:
    """Resolve an entity ``match_by_name`` did not place.

    ``surnamed`` are the stored persons whose surname is ``evidence.surname`` (in
    store order; empty for other types), with their titles when the evidence has any.
    """
    norm = evidence.norm
    one_word_person = evidence.is_person and len(norm.split()) == 1
    if one_word_person:
        found = _by_surname(evidence, surnamed)
        if found is not None:
            return Resolution(match=found)
    new = NewEntity(
        base_id=stable_id("E", evidence.type, norm, evidence.country),
        name=evidence.name,
        norm_name=norm,
        surname=evidence.surname,
        type=evidence.type,
        country=evidence.country,
    )
    absorb = _absorbed(evidence, surnamed) if evidence.is_person and not one_word_person else ()
    return Resolution(new=new, absorb=absorb)
