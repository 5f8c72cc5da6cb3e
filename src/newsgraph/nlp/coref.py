"""Stage: coref (to be implemented)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class CorefStage:
    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_coref = []
        return doc


@Language.factory(
    "newsgraph_coref",
    requires=["doc._.ng_entities"],
    assigns=["doc._.ng_coref"],
    default_config={"user_lexicons": []},
)
def make_coref_stage(nlp: Language, name: str, user_lexicons: list[str]) -> CorefStage:
    return CorefStage(tuple(Path(p) for p in user_lexicons))
