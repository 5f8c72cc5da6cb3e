"""Corpus rule for an actor's country and titles from other dated articles."""

from __future__ import annotations

from datetime import date

from newsgraph.corpus.actors import ActorReading, choose_actor_attributes


def _reading(article_id, day, country=None, titles=()):
    return ActorReading(article_id, date.fromisoformat(day) if day else None, country, tuple(titles))


def test_text_country_is_kept():
    own = _reading("a", "2026-03-01", "NOR")
    others = [_reading("b", "2026-02-01", "SWE")]
    chosen = choose_actor_attributes(own, others)
    assert (chosen.country, chosen.country_from) == ("NOR", "text")


def test_corpus_lends_a_clear_majority_country():
    own = _reading("a", "2026-03-01")
    others = [
        _reading("b", "2026-02-01", "NOR"),
        _reading("c", "2025-12-01", "NOR"),
        _reading("d", "2020-01-01", "SWE"),
    ]
    chosen = choose_actor_attributes(own, others)
    assert (chosen.country, chosen.country_from) == ("NOR", "corpus")


def test_split_corpus_lends_nothing():
    own = _reading("a", "2026-03-01")
    others = [_reading("b", "2026-02-01", "NOR"), _reading("c", "2026-02-01", "SWE")]
    assert choose_actor_attributes(own, others).country is None


def test_overwhelming_corpus_overrules_one_stray_reading():
    own = _reading("a", "2026-03-01", "IRN")
    others = [_reading(str(i), "2026-02-01", "USA") for i in range(5)]
    chosen = choose_actor_attributes(own, others)
    assert (chosen.country, chosen.country_from) == ("USA", "corpus")


def test_the_article_itself_is_not_counted_twice():
    own = _reading("a", "2026-03-01")
    same_article = _reading("a", "2026-03-01", "NOR", ["Mayor"])
    chosen = choose_actor_attributes(own, [same_article])
    assert (chosen.country, chosen.titles) == (None, ())


def test_titles_come_only_from_nearby_dates():
    own = _reading("a", "2026-03-01")
    far = _reading("b", "2019-03-01", "NOR", ["Prime Minister"])
    near = _reading("c", "2026-01-15", "NOR", ["Foreign Minister"])
    assert choose_actor_attributes(own, [far]).titles == ()
    chosen = choose_actor_attributes(own, [far, near])
    assert (chosen.titles, chosen.titles_from) == (("Foreign Minister",), "corpus")


def test_undated_article_takes_no_titles_but_a_country():
    own = _reading("a", None)
    others = [_reading("b", "2026-01-15", "NOR", ["Mayor"])]
    chosen = choose_actor_attributes(own, others)
    assert chosen.titles == () and chosen.country == "NOR"
