"""Plain-text articles: decoding, normalisation, refusal of binary data."""

from __future__ import annotations

import unicodedata

from ..articles import make_article
from ..errors import InputError
from ..records import Article

_CONTROL_OK = {"\n", "\t", "\r", "\f"}


def decode_text(data: bytes, origin: str) -> str:
    """UTF-8 (BOM tolerated), else Windows-1252, else Latin-1; binary data refused."""
    if not data.strip():
        raise InputError(origin, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(origin, "binary file (contains NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:8192]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _CONTROL_OK)
    if controls > max(3, len(sample) // 100):
        raise InputError(origin, "binary file (control characters), not text")
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Unix line ends and no trailing spaces on lines; the stored body everything indexes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def read_text(data: bytes, origin: str, **metadata: str | None) -> Article:
    text = decode_text(data, origin)
    if not text.strip():
        raise InputError(origin, "no text after decoding")
    return make_article(text, origin=origin, **metadata)
