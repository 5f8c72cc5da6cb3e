"""Stage: entities (to be implemented)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class EntitiesStage:
    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_entities = []
        return doc


@Language.factory(
    "newsgraph_entities",
    requires=["doc.ents"],
    assigns=["doc._.ng_entities"],
    default_config={"user_lexicons": []},
)
def make_entities_stage(nlp: Language, name: str, user_lexicons: list[str]) -> EntitiesStage:
    return EntitiesStage(tuple(Path(p) for p in user_lexicons))
