"""Stage: times (to be implemented)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class TimesStage:
    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_times = []
        return doc


@Language.factory(
    "newsgraph_times",
    requires=["doc.ents"],
    assigns=["doc._.ng_times"],
    default_config={"user_lexicons": []},
)
def make_times_stage(nlp: Language, name: str, user_lexicons: list[str]) -> TimesStage:
    return TimesStage(tuple(Path(p) for p in user_lexicons))
