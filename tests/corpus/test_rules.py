"""The corpus rules on plain data: no database, the same answer for the same candidates."""

from __future__ import annotations

import ast
from pathlib import Path

from newsgraph.corpus import (
    Cluster,
    EntityEvidence,
    EventReport,
    KnownEntity,
    cluster_lookup,
    join_cluster,
    match_by_name,
    resolve_entity,
)
from newsgraph.corpus.resolve import DOMINANCE

CORPUS_SRC = Path(__file__).resolve().parents[2] / "src" / "newsgraph" / "corpus"


def person(name: str, country: str | None = None, *titles: str) -> EntityEvidence:
    return EntityEvidence(name, "PERSON", country, titles)


def test_name_match_prefers_same_country_then_mentions():
    named = [KnownEntity("E1", "ana kovac", None, 50), KnownEntity("E2", "ana kovac", "HRV", 3)]
    assert match_by_name(person("Ana Kovac", "HRV"), named) == "E2"
    assert match_by_name(person("Ana Kovac"), named) == "E1"
    assert match_by_name(person("Ana Kovac", "SVN"), [KnownEntity("E2", "ana kovac", "HRV", 3)]) is None


def test_name_match_between_namesakes_follows_titles():
    named = [
        KnownEntity("E1", "ana kovac", None, 9, ("Football coach",)),
        KnownEntity("E2", "ana kovac", None, 2, ("Finance Minister",)),
    ]
    assert match_by_name(person("Ana Kovac", None, "Minister"), named) == "E2"


def test_bare_surname_joins_the_only_or_dominant_bearer():
    only = [KnownEntity("E1", "oren halvard", "NOR", 4), KnownEntity("E9", "halvard", None, 1)]
    assert resolve_entity(person("Halvard", "NOR"), only).match == "E1"
    rivals = [KnownEntity("E1", "oren halvard", None, 4), KnownEntity("E2", "lise halvard", None, 3)]
    assert resolve_entity(person("Halvard"), rivals).new is not None
    dominant = [
        KnownEntity("E1", "oren halvard", None, DOMINANCE * 3),
        KnownEntity("E2", "lise halvard", None, 3),
    ]
    assert resolve_entity(person("Halvard"), dominant).match == "E1"


def test_new_full_name_absorbs_compatible_surname_only_person():
    surnamed = [KnownEntity("E9", "halvard", "NOR", 2), KnownEntity("E8", "halvard", "SWE", 1)]
    resolution = resolve_entity(person("Oren Halvard", "NOR"), surnamed)
    assert resolution.new is not None and resolution.new.norm_name == "oren halvard"
    assert resolution.absorb == ("E9",)
    competing = [*surnamed, KnownEntity("E1", "lise halvard", None, 5)]
    assert resolve_entity(person("Oren Halvard", "NOR"), competing).absorb == ()


def test_new_entity_id_is_derived_from_the_evidence():
    first = resolve_entity(EntityEvidence("North Guard", "ORG", "AAA", ()), [])
    again = resolve_entity(EntityEvidence("the North Guard", "ORG", "AAA", ()), [])
    assert first.new is not None and again.new is not None and first.new.base_id == again.new.base_id


def report(
    event_id: int, day: str | None, source: str | None = "E1", place: str | None = None
) -> EventReport:
    return EventReport(event_id, f"A{event_id}", "ASSAULT", source, "E2", None, place, day)


def test_report_joins_matching_cluster_and_sharpens_it():
    lookup = cluster_lookup(report(2, "2026-03-11", place="Kesk"))
    assert lookup is not None and (lookup.day_from, lookup.day_to) == ("2026-03-09", "2026-03-13")
    assert ("place_name", "kesk") in lookup.keys
    stored = Cluster("C1", "ASSAULT", "E1", "E2", None, None, "2026-03-10", "2026-03-10")
    joined = join_cluster(report(2, "2026-03-11", place="Kesk"), [stored])
    assert joined.id == "C1" and joined.place_name == "kesk"
    assert (joined.date_first, joined.date_last) == ("2026-03-10", "2026-03-11")


def test_conflicting_actor_or_no_date_makes_a_new_cluster():
    stored = Cluster("C1", "ASSAULT", "E1", "E2", None, None, "2026-03-10", "2026-03-10")
    assert join_cluster(report(3, "2026-03-10", source="E7"), [stored]).id != "C1"
    assert cluster_lookup(report(4, None)) is None
    undated = join_cluster(report(4, None), [])
    assert undated.date_first is None and undated.id == 4  # named after its first event


def test_new_cluster_ids_sort_as_their_first_events_were_stored():
    ids = [
        join_cluster(report(event_id, "2026-03-10", source=f"E{event_id}"), []).id
        for event_id in (9, 10, 123)
    ]
    assert ids == sorted(ids) and len(set(ids)) == 3


def test_corpus_rules_import_no_database_or_store():
    for path in CORPUS_SRC.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            for name in names:
                assert "sqlite3" not in name and "store" not in name, f"{path.name} imports {name}"
