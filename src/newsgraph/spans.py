"""Checks that a document's spans index its text: every fact points back to its characters."""

from __future__ import annotations

from typing import Any


def offset_errors(value: Any, text: str, where: str = "") -> list[str]:
    """Every span in ``value`` (a document's JSON) outside ``text`` or not slicing back to its own text.

    A span is a mapping with int ``start``/``end`` (or ``x_start``/``x_end``); a mapping
    with ``start`` and a ``text`` must have ``text[start:end] == text``, except a quote in
    parts, which quotes its joined parts (each part slices back on its own).
    """
    errors: list[str] = []
    if isinstance(value, dict):
        for key, start in value.items():
            if not key.endswith("start") or isinstance(start, bool) or not isinstance(start, int):
                continue
            end = value.get(key[: -len("start")] + "end")
            if not isinstance(end, int) or not 0 <= start <= end <= len(text):
                errors.append(f"{where}.{key}: {start}..{end} outside 0..{len(text)}")
            elif key == "start" and isinstance(value.get("text"), str) and not value.get("parts"):
                sliced = text[start:end]
                if sliced != value["text"]:
                    errors.append(f"{where}: {sliced!r} != {value['text']!r}")
        for key, item in value.items():
            errors += offset_errors(item, text, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            errors += offset_errors(item, text, f"{where}[{i}]")
    return errors
