"""Quantities: value, unit, kind and qualifier of numbers in news text."""

from __future__ import annotations

import pytest

from newsgraph.nlp.quantities.numbers import AmountFinder

PUBLISHED = "2025-06-14"


def _quantities(pipeline, text: str):
    record = pipeline.extract(text, published=PUBLISHED)
    for q in record.quantities:
        assert text[q.start : q.end] == q.text
    return record.quantities


def _find(quantities, text: str):
    matches = [q for q in quantities if q.text == text]
    assert matches, f"no quantity {text!r} in {[q.text for q in quantities]}"
    return matches[0]


# (sentence, quantity text, value, unit, kind, qualifier)
CASES = [
    # casualties, phrased every which way
    (
        "The blast in Eastfield killed at least seven people, the mayor said.",
        "at least seven",
        7,
        "people",
        "killed",
        "at least",
    ),
    ("Seven people were killed when the bridge collapsed.", "Seven", 7, "people", "killed", None),
    ("The death toll rose to 12 on Sunday, officials said.", "12", 12, None, "killed", None),
    ("At least 40 civilians died in the fighting.", "At least 40", 40, "civilians", "killed", "at least"),
    ("The storm left 12 dead across the region.", "12", 12, None, "killed", None),
    ("The attack killed 3 and wounded 10.", "10", 10, None, "injured", None),
    ("Nearly 200 people were injured in the clashes.", "Nearly 200", 200, "people", "injured", "nearly"),
    ("Police said 45 protesters were arrested overnight.", "45", 45, "protesters", "detained", None),
    # homes, weapons, troops
    (
        "Crews worked to restore power to approximately 100,000 homes in the province.",
        "approximately 100,000",
        100000,
        "homes",
        "homes",
        "approximately",
    ),
    ("The country wants to buy 27 Patriot systems from abroad.", "27", 27, "systems", "weapons", None),
    ("Forces launched 50 drones and three missiles at the port.", "50", 50, "drones", "weapons", None),
    ("Forces launched 50 drones and three missiles at the port.", "three", 3, "missiles", "weapons", None),
    ("About 2,000 troops were sent to the border.", "About 2,000", 2000, "troops", "troops", "about"),
    ("Around 2000 troops were sent to the border.", "Around 2000", 2000, "troops", "troops", "around"),
    # money in several currencies and scales
    (
        "The fund is worth up to €185 billion, officials said.",
        "up to €185 billion",
        185e9,
        "EUR",
        "money",
        "up to",
    ),
    ("The firm paid $3bn for the mine.", "$3bn", 3e9, "USD", "money", None),
    ("The grant of US$1.2 million was approved.", "US$1.2 million", 1.2e6, "USD", "money", None),
    ("Tickets cost £45 each.", "£45", 45, "GBP", "money", None),
    ("The deal was valued at 5 billion euros.", "5 billion euros", 5e9, "EUR", "money", None),
    ("The city spent 300 million hryvnias on repairs.", "300 million hryvnias", 3e8, "UAH", "money", None),
    ("The fine was 2.5 million yuan.", "2.5 million yuan", 2.5e6, "CNY", "money", None),
    ("Officials seized 40 million roubles in cash.", "40 million roubles", 4e7, "RUB", "money", None),
    (
        "The loan totals more than 20 million dollars.",
        "more than 20 million dollars",
        2e7,
        "USD",
        "money",
        "more than",
    ),
    # percentages, durations, word numbers, ages
    ("Prices rose 3.5 per cent in May.", "3.5 per cent", 3.5, "%", "percent", None),
    ("Turnout fell to 41% this year.", "41%", 41, "%", "percent", None),
    (
        "The ban has held for more than three decades.",
        "more than three",
        3,
        "decades",
        "duration",
        "more than",
    ),
    ("The siege lasted two and a half years.", "two and a half", 2.5, "years", "duration", None),
    ("Twenty-five volunteers joined the search.", "Twenty-five", 25, "volunteers", "count", None),
    ("Jane Roe, 43, said she would appeal.", "43", 43, "years", "age", None),
    ("A 19-year-old student was detained.", "19", 19, "years", "age", None),
    ("Aid reached 1.5 million people last month.", "1.5 million", 1.5e6, "people", "people", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "unit", "kind", "qualifier"), CASES)
def test_quantity(pipeline, sentence, text, value, unit, kind, qualifier):
    q = _find(_quantities(pipeline, sentence), text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.kind == kind
    assert q.qualifier == qualifier


VAGUE = [
    ("Forces launched hundreds of drones overnight.", "hundreds", "drones", "weapons"),
    ("Thousands of workers repaired the lines.", "Thousands", "workers", "people"),
    ("Dozens were injured in the stampede.", "Dozens", None, "injured"),
    ("Tens of thousands of people marched.", "Tens of thousands", "people", "people"),
    ("The plan will cost billions of dollars.", "billions", "USD", "money"),
]


@pytest.mark.parametrize(("sentence", "text", "unit", "kind"), VAGUE)
def test_vague_amount_has_no_value(pipeline, sentence, text, unit, kind):
    q = _find(_quantities(pipeline, sentence), text)
    assert q.value is None
    assert q.qualifier == text.lower()
    assert q.unit == unit
    assert q.kind == kind


NOT_QUANTITIES = [
    ("The war began in 2022 and has not stopped.", "2022"),
    ("He has served in the post since 2004.", "2004"),
    ("It was the first attack on the city.", "first"),
    ("It was one of the largest attacks of the war.", "one"),
    ("The vote is on March 3.", "3"),
    ("The meeting ended at 10:30 on Friday.", "10"),
    ("Two-thirds of voters backed the plan.", "Two"),
    ("The F-16 jets landed at dawn.", "16"),
    ("Three years ago the plant closed.", "Three"),
]


@pytest.mark.parametrize(("sentence", "number"), NOT_QUANTITIES)
def test_dates_ordinals_and_names_are_not_quantities(pipeline, sentence, number):
    quantities = _quantities(pipeline, sentence)
    assert all(number not in q.text for q in quantities), quantities


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("twenty-five", 25),
        ("two hundred and five", 205),
        ("a dozen", 12),
        ("two dozen", 24),
        ("three thousand four hundred", 3400),
        ("half a million", 500000),
        ("a million", 1000000),
    ],
)
def test_number_words(words, value):
    assert AmountFinder().words_value(words) == value


def test_user_lexicon_adds_a_currency(tmp_path):
    extra = tmp_path / "currencies_extra.tsv"
    extra.write_text("form\tcode\tposition\ngold crowns\tXGC\tsuffix\n", encoding="utf-8")
    finder = AmountFinder((extra,))
    [amount] = finder.find("They paid 40 gold crowns.")
    assert (amount.value, amount.currency) == (40, "XGC")
