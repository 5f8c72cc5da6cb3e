"""Stage: quantities (to be implemented)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class QuantitiesStage:
    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quantities = []
        return doc


@Language.factory(
    "newsgraph_quantities",
    requires=["doc.ents"],
    assigns=["doc._.ng_quantities"],
    default_config={"user_lexicons": []},
)
def make_quantities_stage(nlp: Language, name: str, user_lexicons: list[str]) -> QuantitiesStage:
    return QuantitiesStage(tuple(Path(p) for p in user_lexicons))
