"""Tokenising any text in linear time, with offsets into the original text intact.

spaCy's tokenizer strips prefixes and suffixes one at a time from each
whitespace-free stretch of text, and each suffix search scans the whole
stretch: a 6 KB run of ``!`` or of emoji takes seconds, and the time grows with
the square of the run's length. Two kinds of run are therefore cut before the
tokenizer sees them:

- a run of symbols (no letter or digit: punctuation, emoji, rules of dashes)
  longer than ``LONGEST_SYMBOL_RUN`` becomes tokens of that many characters
  each; one token per ``!`` would only make the model's work five times that of
  prose per kilobyte, for characters that say nothing;
- any other whitespace-free run longer than ``LONGEST_WHOLE_RUN`` (no word is
  that long) is tokenised in pieces of ``PIECE_LENGTH`` characters.

The pieces are joined back without spaces: ``doc.text`` is the original text
character for character, so every offset the pipeline reports still indexes
the stored body.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

LONGEST_SYMBOL_RUN = 32
# Runs up to this length go through the tokenizer whole (long URLs stay one token).
LONGEST_WHOLE_RUN = 200
# The tokenizer's cost on one piece is the square of its length; 50 keeps a run cheap.
PIECE_LENGTH = 50

_SYMBOL_RUN = re.compile(rf"(?:[^\s\w]|_){{{LONGEST_SYMBOL_RUN + 1},}}")
_LONG_RUN = re.compile(rf"\S{{{LONGEST_WHOLE_RUN + 1},}}")


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, except that pathological runs are tokenised as described above."""
    if not _LONG_RUN.search(text) and not _SYMBOL_RUN.search(text):
        return nlp.make_doc(text)
    parts: list[Doc] = []
    position = 0
    for run in _SYMBOL_RUN.finditer(text):
        parts.extend(_tokenise_runs(nlp, text[position : run.start()]))
        pieces = [run[0][i : i + LONGEST_SYMBOL_RUN] for i in range(0, len(run[0]), LONGEST_SYMBOL_RUN)]
        parts.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        position = run.end()
    parts.extend(_tokenise_runs(nlp, text[position:]))
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    if doc.text != text:  # the guarantee every offset relies on
        raise RuntimeError("piecewise tokenisation changed the text")
    return doc


def _tokenise_runs(nlp: Language, text: str) -> list[Doc]:
    """Docs for ``text`` in order: long whitespace-free runs in pieces, the rest whole."""
    parts: list[Doc] = []
    position = 0
    for run in _LONG_RUN.finditer(text):
        if position < run.start():
            parts.append(nlp.make_doc(text[position : run.start()]))
        for start in range(run.start(), run.end(), PIECE_LENGTH):
            parts.append(nlp.make_doc(text[start : min(start + PIECE_LENGTH, run.end())]))
        position = run.end()
    if position < len(text):
        parts.append(nlp.make_doc(text[position:]))
    return parts
