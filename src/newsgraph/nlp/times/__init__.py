"""Stage: times -- date expressions resolved to ISO ranges against the publication date.

Dates are found by the regexes of :mod:`times_patterns` (weekdays, months,
days, years, decades, "yesterday", "three weeks ago", ...), joined into ranges
("between Friday and Saturday", "from 2019 to 2021") and open ranges ("since
2004", "since the war began in 2022", "until March"). spaCy's DATE entities
that no pattern covers are kept with null values when they name a point in
time, and dropped when they are durations ("three decades").

A bare weekday names the latest such day on or before publication (the
publication day itself when it is that weekday); with a future-tense verb
("will meet on Monday") the first on or after it. "last"/"next"/"this" are
explicit: strictly before, strictly after, within the same Monday-Sunday week.
Without a publication date every relative expression resolves to null.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...lexicons import load_tsv
from ...records import TimeExpression
from .. import extensions  # noqa: F401
from .patterns import DatePatterns, DatePoint
from .resolve import DateValue

_RANGE_OPENERS = re.compile(r"(?i)(?<![\w])(?:between|from)\s+$")
_RANGE_JOINERS = re.compile(r"(?i)\s*(?:and|to|until|till|through|thru|-|–|—)\s*")
_SINCE = re.compile(r"(?i)(?<![\w])since\s+$")
# "since the war began in 2022": a short clause between "since" and "in <date>".
_SINCE_CLAUSE = re.compile(r"(?i)(?<![\w])since\s+(?:[\w'’-]+\s+){1,8}?(?:in|on)\s+$")
_UNTIL = re.compile(r"(?i)(?<![\w])(?:until|till)\s+$")
# Dependency arcs climbed from a date to the verb whose tense places it in the past or future.
TENSE_VERB_WALK = 4
# Month and weekday names inside these entities are parts of names ("April Ryan").
_NAME_ENTITY_TYPES = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"}
_WINDOW = 80
_PRESENT_AUXILIARIES = {"is", "are", "am", "'s", "'re", "do", "does"}
_PERFECT_OR_PAST_AUXILIARIES = {"has", "have", "had", "was", "were", "been", "did"}


class TimesStage:
    """Writes ``doc._.ng_times``: a list of ``records.TimeExpression`` in text order."""

    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons
        self.patterns = DatePatterns(user_lexicons)
        cues = load_tsv("time_cues", user_lexicons)
        self.future_cues = {r["word"].lower() for r in cues if r["kind"] == "future"}
        self.modal_cues = {r["word"].lower() for r in cues if r["kind"] == "modal"}
        self.vague_words = {r["word"].lower() for r in load_tsv("time_vague_words", user_lexicons)}

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.ng_article
        published = article.published if article is not None else None
        if isinstance(published, datetime):
            published = published.date()
        text = doc.text
        # A number the quantities stage counted ("2000 troops") is not a year.
        counted = [(q.start, q.end) for q in doc._.ng_quantities or [] if q.kind != "duration"]
        points = [
            p
            for p in self.patterns.find(text)
            if self._keep(doc, p) and not any(s < p.end and p.start < e for s, e in counted)
        ]
        expressions = self._combine(doc, text, points, published)
        expressions += self._unmatched_date_entities(doc, expressions)
        expressions.sort(key=lambda t: t.start)
        doc._.ng_times = expressions
        return doc

    # -- filtering and tense -----------------------------------------------------

    @staticmethod
    def _keep(doc: Doc, point: DatePoint) -> bool:
        span = doc.char_span(point.start, point.end, alignment_mode="expand")
        if span is None:
            return False
        if point.word_based and any(t.ent_type_ in _NAME_ENTITY_TYPES for t in span):
            return False
        if point.shape == "year" and len(span) == 1:
            # "2000 troops": a count, not a year.
            token = span[0]
            if (
                token.ent_type_ != "DATE"
                and token.dep_ == "nummod"
                and token.head.tag_ in ("NNS", "NNPS")
                and token.head.i == token.i + 1
            ):
                return False
        return True

    def _tense(self, doc: Doc, point: DatePoint) -> str:
        """ "future", "past" or "present": the tense of the verb governing the expression."""
        span = doc.char_span(point.start, point.end, alignment_mode="expand")
        if span is None:
            return "past"
        token = span.root
        for _ in range(TENSE_VERB_WALK):
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                break
            token = token.head
        auxiliaries = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & self.future_cues:
            return "future"
        # "is scheduled for", "are due on": a cue verb with a present auxiliary, not
        # "was originally scheduled for" nor a bare participle.
        if token.lower_ in self.future_cues and auxiliaries & _PRESENT_AUXILIARIES:
            return "future"
        if auxiliaries & self.modal_cues and "have" not in auxiliaries:
            return "future"
        if auxiliaries & _PERFECT_OR_PAST_AUXILIARIES:
            return "past"
        if token.tag_ in ("VBZ", "VBP") or auxiliaries & _PRESENT_AUXILIARIES:
            return "present"
        return "past"

    def _value(
        self, doc: Doc, point: DatePoint, published: date | None, until: bool = False
    ) -> DateValue | None:
        """The point's value; ``until``: the end of an "until ..." range, ahead unless said in the past."""
        future = False
        if point.needs_tense and published is not None:
            tense = self._tense(doc, point)
            future = tense == "future" or (until and tense == "present")
        return point.resolve(published, future)

    # -- ranges ------------------------------------------------------------------

    def _combine(
        self, doc: Doc, text: str, points: list[DatePoint], published: date | None
    ) -> list[TimeExpression]:
        out: list[TimeExpression] = []
        i = 0
        while i < len(points):
            point = points[i]
            before = text[max(0, point.start - _WINDOW) : point.start]
            value = self._value(doc, point, published)
            nxt = points[i + 1] if i + 1 < len(points) else None
            opener = _RANGE_OPENERS.search(before)
            joined = nxt is not None and _RANGE_JOINERS.fullmatch(text[point.end : nxt.start])
            if nxt is not None and joined and (opener or text[point.end : nxt.start].strip() in "-–"):
                start = point.start - len(before) + opener.start() if opener else point.start
                last = self._value(doc, nxt, published)
                if point.needs_tense and last is not None:
                    # "between January and March 2024": the first end lies on or before the second.
                    value = point.resolve(last.last, False)
                out.append(self._expression(text, start, nxt.end, value, last, open_end=False))
                i += 2
                continue
            since = _SINCE.search(before) or _SINCE_CLAUSE.search(before)
            if since is not None and value is not None:
                start = point.start - len(before) + since.start()
                out.append(TimeExpression(text[start : point.end], start, point.end, value.iso_start(), None))
            elif (until := _UNTIL.search(before)) and (value := self._value(doc, point, published, True)):
                start = point.start - len(before) + until.start()
                out.append(TimeExpression(text[start : point.end], start, point.end, None, value.iso_end()))
            else:
                out.append(self._expression(text, point.start, point.end, value, value, open_end=False))
            i += 1
        return out

    @staticmethod
    def _expression(
        text: str, start: int, end: int, first: DateValue | None, last: DateValue | None, open_end: bool
    ) -> TimeExpression:
        if first is None or last is None:
            # Half a range is not the range: both ends or neither.
            return TimeExpression(text[start:end], start, end, None, None)
        value_end = None if open_end else last.iso_end()
        return TimeExpression(text[start:end], start, end, first.iso_start(), value_end)

    # -- spaCy's leftovers -------------------------------------------------------

    def _unmatched_date_entities(self, doc: Doc, found: list[TimeExpression]) -> list[TimeExpression]:
        """DATE entities no pattern explained: kept unresolved unless they name no point in time."""
        out = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            if any(t.start < ent.end_char and ent.start_char < t.end for t in found):
                continue
            if self._is_duration_or_age(ent):
                continue
            out.append(TimeExpression(ent.text, ent.start_char, ent.end_char, None, None))
        return out

    def _is_duration_or_age(self, ent: Span) -> bool:
        """True for "three decades", "the years", "every day", an age ("43") and the like."""
        return all(
            t.like_num
            or t.is_punct
            or all(part.isdigit() or part in self.vague_words for part in t.lower_.split("-") if part)
            for t in ent
        )


@Language.factory(
    "newsgraph_times",
    # doc._.ng_article (the publication date) is set before the pipeline runs, by no stage.
    requires=["doc.ents", "doc._.ng_quantities"],
    assigns=["doc._.ng_times"],
    default_config={"user_lexicons": []},
)
def make_times_stage(nlp: Language, name: str, user_lexicons: list[str]) -> TimesStage:
    return TimesStage(tuple(Path(p) for p in user_lexicons))
