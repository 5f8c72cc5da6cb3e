"""The article body as HTML with entities, quotes and event triggers marked up.

Built server-side from character offsets. Every piece of article text passes
through ``markupsafe.escape``; the only markup added is our own ``<span>``
tags, whose attribute values are escaped too. Overlapping spans are nested:
a span that would cross the end of the one enclosing it is cut at that end,
so the HTML is always well formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Outer layers first: a quote contains names and triggers, never the reverse.
LAYER_HEADING, LAYER_QUOTE, LAYER_ENTITY, LAYER_EVENT = 0, 1, 2, 3

_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def css_token(value: object) -> str:
    """A value usable inside a class name: letters, digits, ``_`` and ``-`` only."""
    return _CLASS_UNSAFE.sub("", str(value or "")) or "none"


@dataclass(frozen=True)
class Annotation:
    """One marked stretch of the body."""

    start: int
    end: int
    layer: int
    classes: str
    key: str | None = None  # index into the page's annotation details
    label: str | None = None  # tooltip text when scripts are off


def _open_tag(annotation: Annotation) -> Markup:
    # Plain string building over escaped values: Markup.format costs ten times more, and a long
    # article has thousands of these tags.
    tag = f'<span class="{escape(annotation.classes)}"'
    if annotation.key is not None:
        tag += f' data-ann="{escape(annotation.key)}" tabindex="0"'
    if annotation.label:
        tag += f' title="{escape(annotation.label)}"'
    return Markup(tag + ">")


def render_highlighted(text: str, annotations: list[Annotation]) -> Markup:
    """``text`` as escaped HTML with ``annotations`` as properly nested spans."""
    valid = [a for a in annotations if 0 <= a.start < a.end <= len(text)]
    valid.sort(key=lambda a: (a.start, -a.end, a.layer))
    parts: list[Markup] = []
    position = 0
    open_ends: list[int] = []

    def close_through(limit: int) -> None:
        nonlocal position
        while open_ends and open_ends[-1] <= limit:
            end = open_ends.pop()
            parts.append(escape(text[position:end]))
            parts.append(Markup("</span>"))
            position = end

    for annotation in valid:
        close_through(annotation.start)
        end = min(annotation.end, open_ends[-1]) if open_ends else annotation.end
        if end <= annotation.start:
            continue
        parts.append(escape(text[position : annotation.start]))
        position = annotation.start
        parts.append(_open_tag(annotation))
        open_ends.append(end)
    close_through(len(text))
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _actor_name(actor: dict | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("entity")


def document_annotations(document: dict[str, Any]) -> tuple[list[Annotation], dict[str, dict]]:
    """Spans to mark in a stored document, and the details shown for each on hover or click."""
    annotations: list[Annotation] = []
    details: dict[str, dict] = {}
    for heading in document.get("headings") or []:
        annotations.append(Annotation(heading["start"], heading["end"], LAYER_HEADING, "hl-heading"))

    for index, entity in enumerate(document.get("entities") or []):
        key = f"e{index}"
        corpus_id = entity.get("corpus_entity")
        details[key] = {
            "kind": "entity",
            "name": entity.get("name"),
            "type": entity.get("type"),
            "titles": list(entity.get("titles") or []),
            "country": entity.get("country"),
            "mentions": len(entity.get("mentions") or []),
            "link": f"/entities/{corpus_id}" if corpus_id else None,
        }
        label = f"{entity.get('name')} ({entity.get('type')})"
        classes = f"hl hl-entity et-{css_token(entity.get('type'))}"
        for mention in entity.get("mentions") or []:
            annotations.append(
                Annotation(mention["start"], mention["end"], LAYER_ENTITY, classes, key, label)
            )

    for index, quote in enumerate(document.get("quotes") or []):
        key = f"q{index}"
        speaker = quote.get("speaker_name") or quote.get("speaker_text")
        details[key] = {
            "kind": "quote",
            "speaker": speaker,
            "quote_kind": quote.get("kind"),
            "cue": quote.get("cue"),
            "text": quote.get("text"),
        }
        label = f"{quote.get('kind')} quote by {speaker or 'unknown speaker'}"
        classes = f"hl hl-quote qk-{css_token(quote.get('kind'))}"
        annotations.append(Annotation(quote["start"], quote["end"], LAYER_QUOTE, classes, key, label))

    for index, event in enumerate(document.get("events") or []):
        key = f"v{index}"
        trigger = event.get("trigger") or {}
        if "start" not in trigger:
            continue
        location = event.get("location") or None
        time = event.get("time") or None
        details[key] = {
            "kind": "event",
            "type": event.get("type"),
            "mode": event.get("mode"),
            "modality": event.get("modality"),
            "source": _actor_name(event.get("source")),
            "target": _actor_name(event.get("target")),
            "location": location.get("name") if location else None,
            "time": (time.get("value_start") or time.get("text")) if time else None,
            "figures": [q.get("text") for q in event.get("quantities") or [] if q.get("text")],
        }
        label = f"{event.get('type')} ({event.get('modality')})"
        classes = f"hl hl-event ev-{css_token(event.get('type'))}"
        annotations.append(Annotation(trigger["start"], trigger["end"], LAYER_EVENT, classes, key, label))
    return annotations, details
