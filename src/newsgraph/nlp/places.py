"""Stage: places (to be implemented)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class PlacesStage:
    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_places = []
        return doc


@Language.factory(
    "newsgraph_places",
    requires=["doc._.ng_entities"],
    assigns=["doc._.ng_places"],
    default_config={"user_lexicons": []},
)
def make_places_stage(nlp: Language, name: str, user_lexicons: list[str]) -> PlacesStage:
    return PlacesStage(tuple(Path(p) for p in user_lexicons))
