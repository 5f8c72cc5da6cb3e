"""Titles and roles ("Foreign Minister", "Secretary of State", "spokesperson") found in a Doc.

Data: ``lexicons/titles.tsv`` (title, variants, sector, gender, country, scope) and
``lexicons/entity_title_modifiers.tsv`` (words such as "deputy" or "former" that
belong to the title after them). Matching ignores case, so "the foreign minister"
and "Foreign Minister Ana Ruiz" both find the canonical title "Foreign Minister".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from ...lexicons import load_tsv, split_field


@dataclass(frozen=True)
class TitleInfo:
    """One title of the lexicon."""

    title: str  # canonical form
    sector: str | None
    gender: str | None  # "m", "f" or None
    country: str | None  # alpha-3 of the one state whose office this bare title names
    national: bool = False  # an office of one state ("Justice", "Defense Minister"), not "Spokesperson"


@dataclass(frozen=True)
class TitleMatch:
    """A title found in a doc: tokens ``[start, end)``, modifiers such as "deputy" included."""

    start: int
    end: int
    text: str  # the title as reported, with kept modifiers ("Deputy Foreign Minister")
    info: TitleInfo


class TitleLexicon:
    """All known titles, indexed once for matching in any number of docs."""

    def __init__(self, nlp: Language, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.by_form: dict[str, TitleInfo] = {}
        for row in load_tsv("titles", user_lexicons):
            info = TitleInfo(
                title=row["title"],
                sector=row.get("sector") or None,
                gender=(row.get("gender") or "").lower() or None,
                country=(row.get("country") or "").upper() or None,
                national=(row.get("scope") or "").lower() == "national",
            )
            for form in [row["title"], *split_field(row.get("variants"))]:
                self.by_form.setdefault(" ".join(form.lower().split()), info)
        self.modifiers: dict[str, bool] = {
            row["modifier"].lower(): row.get("keep", "yes").lower() == "yes"
            for row in load_tsv("entity_title_modifiers", user_lexicons)
        }
        self.words = {word for form in self.by_form for word in form.split()}
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for form in self.by_form:
            patterns = [nlp.make_doc(form)]
            if "." in form:  # "gen." is one token before a name ("Gen. Ana Ruiz"), two at a sentence end
                patterns.append(Doc(nlp.vocab, words=form.split()))
            self._matcher.add(form, patterns)

    def find(self, doc: Doc) -> list[TitleMatch]:
        """Longest non-overlapping title matches, with the modifiers before them."""
        spans = filter_spans([doc[s:e] for _, s, e in self._matcher(doc)])
        found = []
        for span in spans:
            info = self.by_form.get(" ".join(span.text.lower().split()))  # "commander-in-chief" whole
            if info is None:
                continue
            start = span.start
            kept: list[str] = []
            while start > 0 and doc[start - 1].lower_ in self.modifiers:
                word = doc[start - 1]
                if self.modifiers[word.lower_]:
                    kept.insert(0, word.text.capitalize())
                start -= 1
            text = " ".join([*kept, info.title])
            found.append(TitleMatch(start, span.end, text, info))
        return found

    def is_title_words(self, words: list[str]) -> bool:
        """True when every word is a title word or modifier ("State", "Defence", "Deputy")."""
        return bool(words) and all(w.lower() in self.words or w.lower() in self.modifiers for w in words)

    def gender_of(self, title: str) -> str | None:
        info = self.by_form.get(title.lower())
        return info.gender if info else None


def title_closes_apposition(doc: Doc, end: int) -> bool:
    """Whether the words after a title end an apposition: "X, a doctor based in ...", "X, the
    spokesperson for ...", "X, the minister." but not "X, the minister's aide"."""
    if end >= len(doc):
        return True
    token = doc[end]
    if token.tag_ == "POS":
        return False
    return (
        token.is_punct
        or token.pos_ == "ADP"
        or token.lower_ in ("who", "that", "which")
        or (token.tag_ in ("VBN", "VBG") and token.is_lower)
    )
