"""Corpus rule for an actor's country and titles from other dated articles."""

from __future__ import annotations

from datetime import date

from newsgraph.corpus.actors import ActorReading, ReadingPool, choose_actor_attributes, reading_may_change


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


def test_a_pool_chooses_for_many_articles_as_one_call_each():
    others = [
        _reading("b", "2026-02-01", "NOR"),
        _reading("c", "2026-02-01", "NOR", ["Mayor"]),
        _reading("d", "2025-06-01", "SWE"),
        _reading("e", None, "SWE"),
    ]
    pool = ReadingPool(others)
    for own in (_reading("a", "2026-03-01"), _reading("b", "2026-02-01"), _reading("d", None, "DNK")):
        assert pool.choose(own) == choose_actor_attributes(own, others)
    # The article's own reading is left out of its weighing, each reading once.
    assert pool.country(_reading("c", "2026-02-01"))[2] == 3


def test_a_new_reading_that_cannot_change_a_choice_is_told_apart():
    agreeing = _reading("new", "2026-03-02", "NOR")
    assert not reading_may_change(_reading("a", "2026-03-01", "NOR"), "text", agreeing)
    # ... unless the corpus overrules the article: the agreeing reading may end that.
    assert reading_may_change(_reading("a", "2026-03-01", "NOR"), "corpus", agreeing)
    assert reading_may_change(_reading("a", "2026-03-01", "SWE"), "text", agreeing)
    assert reading_may_change(_reading("a", "2026-03-01"), None, agreeing)
    titled = _reading("new", "2026-03-02", None, ["Mayor"])
    assert reading_may_change(_reading("a", "2026-03-01", "NOR"), "text", titled)
    assert not reading_may_change(_reading("a", "2026-03-01", "NOR", ["Judge"]), "text", titled)
    assert not reading_may_change(_reading("a", "2025-01-01", "NOR"), "text", titled)  # outside the window
    assert not reading_may_change(_reading("a", None, "NOR"), "text", titled)
    assert not reading_may_change(_reading("a", "2026-03-01"), None, _reading("new", "2026-03-02"))


def test_a_pool_of_day_numbered_readings_chooses_as_one_of_dated_readings():
    import random

    from newsgraph.corpus import DayReading, ReadingPool

    rng = random.Random(3)
    days = [None, "2026-01-01", "2026-01-20", "2026-03-01", "2025-06-01", "2024-01-01"]
    for _ in range(200):
        readings = [
            _reading(n, rng.choice(days), rng.choice([None, "NOR", "SWE", "nor"]), rng.sample(["Minister", "Envoy"], rng.randint(0, 1)))
            for n in range(rng.randint(0, 8))
        ]  # fmt: skip
        numbered = [
            DayReading(r.article_id, r.published.toordinal() if r.published else None, r.country, r.titles)
            for r in readings
        ]
        dated, by_day = ReadingPool(readings), ReadingPool.of_days(numbered)
        for own in [*readings, _reading(99, rng.choice(days), rng.choice([None, "SWE"]))]:
            assert by_day.choose(own) == dated.choose(own)
            assert by_day.titles(own) == dated.titles(own)
