"""Corpus rule for an actor's country and titles from other dated articles."""

from __future__ import annotations

from datetime import date

import pytest

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


def test_a_pool_of_day_numbered_readings_weighs_days_apart_and_the_title_window():
    from newsgraph.corpus import ActorAttributes, DayReading, ReadingPool

    day = date(2026, 3, 1).toordinal()
    pool = ReadingPool.of_days(
        [
            DayReading(1, day - 10, "nor"),
            DayReading(2, day - 20, "NOR"),
            DayReading(3, day - 700, "SWE"),
            DayReading(4, day - 181, None, ("Minister",)),  # one day past the title window
            DayReading(5, None, None, ("Envoy",)),  # undated: no titles
            DayReading(6, day + 30, None, ("Ambassador",)),
        ]
    )
    own = _reading("a", "2026-03-01")
    # Two near readings of NOR outweigh one of SWE two years away; the titles are the nearest dated ones.
    assert pool.choose(own) == ActorAttributes("NOR", ("Ambassador",), "corpus", "corpus")
    near, far = 0.5 ** (10 / 365) + 0.5 ** (20 / 365), 0.5 ** (700 / 365)
    assert pool.country(own) == ("NOR", pytest.approx(near / (near + far)), 3)
    # The article's own reading is left out of its choice.
    assert (
        ReadingPool.of_days([DayReading(6, day + 30, None, ("Ambassador",))]).titles(
            _reading(6, "2026-03-31")
        )
        == ()
    )
    # 183 days before: the reading 181 days before is 2 days away, the later one 213.
    assert pool.titles(_reading("b", "2025-08-30")) == ("Minister",)
