"""Title lexicon matching: canonical forms, variants, modifiers, title words."""

from __future__ import annotations

import pytest

from newsgraph.nlp.lookups.titles import TitleLexicon


@pytest.fixture(scope="module")
def lexicon(pipeline):
    return TitleLexicon(pipeline.nlp)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foreign Minister Ana Ruiz spoke.", ["Foreign Minister"]),
        ("the minister of foreign affairs said", ["Foreign Minister"]),
        (
            "Defense Secretary Jim Low and Defence Secretary Ann Lee",
            ["Defense Secretary", "Defence Secretary"],
        ),
        ("Deputy Prime Minister Eva Kral", ["Deputy Prime Minister"]),
        ("former President Max Orr", ["Former President"]),
        ("the top diplomat arrived", ["Diplomat"]),
        ("Secretary of State Dana Hill", ["Secretary of State"]),
        ("the company said on Monday", []),
    ],
)
def test_titles_found(pipeline, lexicon, text, expected):
    doc = pipeline.nlp.make_doc(text)
    assert [m.text for m in lexicon.find(doc)] == expected


def test_title_words_and_gender(lexicon):
    assert lexicon.is_title_words(["State"])
    assert lexicon.is_title_words(["Defence"])
    assert not lexicon.is_title_words(["Ministry"])
    assert lexicon.gender_of("spokeswoman") == "f"
    assert lexicon.gender_of("president") is None


def test_lexicon_errors_name_the_line_in_the_file(tmp_path):
    """Comment and blank lines count: the bad row on line 6 is reported as line 6."""
    from newsgraph.errors import LexiconError
    from newsgraph.lexicons import load_tsv

    path = tmp_path / "titles_mine.tsv"
    path.write_text(
        "# my titles\n#\ntitle\tvariants\tsector\tgender\tcountry\n\n# a comment\nHigh Envoy\tGOV\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match=r"titles_mine\.tsv: line 6: expected 5 tab-separated columns"):
        load_tsv("titles", (path,))
