"""Stage: events (to be implemented)."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401


class EventsStage:
    def __init__(self, user_lexicons: tuple[Path, ...] = ()) -> None:
        self.user_lexicons = user_lexicons

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = []
        return doc


@Language.factory(
    "newsgraph_events",
    requires=["doc._.ng_entities", "doc._.ng_quotes"],
    assigns=["doc._.ng_events"],
    default_config={"user_lexicons": []},
)
def make_events_stage(nlp: Language, name: str, user_lexicons: list[str]) -> EventsStage:
    return EventsStage(tuple(Path(p) for p in user_lexicons))
