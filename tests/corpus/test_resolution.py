"""Cross-article entity resolution: the same person joins across articles, namesakes stay apart."""

from __future__ import annotations

import pytest

from newsgraph.articles import make_article
from newsgraph.corpus import normalise_name, stable_id
from newsgraph.records import DocumentRecord, Entity, Mention
from newsgraph.store import Store


def record_with(*people: tuple, published: str = "2026-01-10", salt: str = "") -> DocumentRecord:
    """An article naming each (name, type, country, titles) once; ``salt`` keeps texts distinct."""
    text, entities = f"Report {salt}. ", []
    for n, (name, type_, country, titles) in enumerate(people, start=1):
        start = len(text)
        text += f"{name} spoke. "
        entities.append(
            Entity(f"E{n}", name, type_, tuple(titles), country, (Mention(start, start + len(name), name),))
        )
    return DocumentRecord(article=make_article(text, published=published), entities=tuple(entities))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as s:
        yield s


def corpus_ids(store: Store, name: str) -> set[str]:
    rows = store.conn.execute("SELECT DISTINCT corpus_entity_id FROM entities WHERE name = ?", (name,))
    return {r[0] for r in rows}


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("Sergei Lavrov", "sergei lavrov"), ("the Kremlin", "kremlin"), ("Lavrov's", "lavrov"),
     ("Jean-Luc Dupré", "jean luc dupre"), ("  U.N.  ", "u n")],
)  # fmt: skip
def test_normalise_name(raw, normalised):
    assert normalise_name(raw) == normalised


def test_stable_ids_are_derived_from_name_type_country():
    assert stable_id("E", "PERSON", "ana kovac", "HRV") == stable_id("E", "PERSON", "ana kovac", "HRV")
    assert stable_id("E", "PERSON", "ana kovac", "HRV") != stable_id("E", "PERSON", "ana kovac", "SVN")


def test_same_person_full_name_then_surname_joins(store):
    store.add_document(record_with(("Oren Halvard", "PERSON", "NOR", ["Foreign Minister"]), salt="a"))
    store.add_document(record_with(("Halvard", "PERSON", "NOR", ["Minister"]), salt="b"))
    assert len(corpus_ids(store, "Oren Halvard") | corpus_ids(store, "Halvard")) == 1
    profile = store.entity_profile(next(iter(corpus_ids(store, "Halvard"))))
    assert (
        profile["name"] == "Oren Halvard" and profile["n_articles"] == 2 and "Halvard" in profile["aliases"]
    )


def test_surname_first_then_full_name_merges_and_redirects(store):
    store.add_document(record_with(("Halvard", "PERSON", None, []), salt="a"))
    early = next(iter(corpus_ids(store, "Halvard")))
    store.add_document(record_with(("Oren Halvard", "PERSON", "NOR", []), salt="b"))
    ids = corpus_ids(store, "Oren Halvard") | corpus_ids(store, "Halvard")
    assert len(ids) == 1 and early not in ids
    assert store.canonical_entity_id(early) == next(iter(ids))  # the old id still leads to the person
    assert store.entity_profile(early)["country"] == "NOR"
    assert store.stats()["entities"] == 1


def test_namesakes_in_different_countries_stay_apart(store):
    store.add_document(record_with(("Ada Brenner", "PERSON", "DEU", ["Finance Minister"]), salt="a"))
    store.add_document(record_with(("Karl Brenner", "PERSON", "AUT", ["Coach"]), salt="b"))
    store.add_document(record_with(("Ada Brenner", "PERSON", "CHE", ["Professor"]), salt="c"))
    assert corpus_ids(store, "Ada Brenner") and len(corpus_ids(store, "Ada Brenner")) == 2
    assert corpus_ids(store, "Ada Brenner").isdisjoint(corpus_ids(store, "Karl Brenner"))


def test_ambiguous_surname_is_not_attached(store):
    store.add_document(record_with(("Ada Brenner", "PERSON", "DEU", []), salt="a"))
    store.add_document(record_with(("Karl Brenner", "PERSON", "DEU", []), salt="b"))
    store.add_document(record_with(("Brenner", "PERSON", "DEU", []), salt="c"))
    lone = corpus_ids(store, "Brenner")
    assert lone.isdisjoint(corpus_ids(store, "Ada Brenner") | corpus_ids(store, "Karl Brenner"))


def test_surname_with_conflicting_country_or_role_stays_apart(store):
    store.add_document(record_with(("Ada Brenner", "PERSON", "DEU", ["Finance Minister"]), salt="a"))
    store.add_document(record_with(("Brenner", "PERSON", "AUT", []), salt="b"))
    store.add_document(record_with(("Brenner", "PERSON", None, ["Goalkeeper"]), salt="c"))
    full = corpus_ids(store, "Ada Brenner")
    assert full.isdisjoint(corpus_ids(store, "Brenner"))
    assert store.entity_profile(next(iter(full)))["n_articles"] == 1


def test_organisations_join_by_name_and_unknown_country_fills_in(store):
    store.add_document(record_with(("the Harbour Authority", "ORG", None, []), salt="a"))
    store.add_document(record_with(("Harbour Authority", "ORG", "NOR", []), salt="b"))
    ids = corpus_ids(store, "the Harbour Authority") | corpus_ids(store, "Harbour Authority")
    assert len(ids) == 1
    assert store.entity_profile(ids.pop())["country"] == "NOR"


def test_same_name_different_type_stays_apart(store):
    store.add_document(record_with(("Jordan", "GPE", "JOR", []), salt="a"))
    store.add_document(record_with(("Jordan", "PERSON", None, []), salt="b"))
    assert len(corpus_ids(store, "Jordan")) == 2


def test_ids_do_not_depend_on_the_store(tmp_path):
    ids = []
    for name in ("one.db", "two.db"):
        with Store(tmp_path / name) as s:
            s.add_document(record_with(("Oren Halvard", "PERSON", "NOR", []), salt="x"))
            ids.append(corpus_ids(s, "Oren Halvard"))
    assert ids[0] == ids[1]


def test_reprocess_keeps_corpus_counts(store):
    record = record_with(("Oren Halvard", "PERSON", "NOR", []), salt="a")
    store.add_document(record)
    store.add_document(record_with(("Halvard", "PERSON", "NOR", []), salt="b"))
    store.add_document(record, replace=True)
    entity = store.list_entities()[0]
    assert (entity["name"], entity["n_articles"], entity["n_mentions"]) == ("Oren Halvard", 2, 2)


def test_bare_surname_goes_to_the_dominant_bearer(store):
    for i in range(12):
        store.add_document(record_with(("Oren Halvard", "PERSON", "NOR", []), salt=f"main{i}"))
    store.add_document(record_with(("Inga Halvard", "PERSON", None, []), salt="rare"))
    store.add_document(record_with(("Halvard", "PERSON", None, []), salt="bare"))
    assert corpus_ids(store, "Halvard") == corpus_ids(store, "Oren Halvard")
    assert store.find_entities("Halvard")[0]["name"] == "Oren Halvard"
