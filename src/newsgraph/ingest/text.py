"""Plain-text articles: decoding, normalisation, refusal of binary data."""

from __future__ import annotations

import codecs
import logging
import unicodedata

from ..articles import make_article
from ..errors import InputError
from ..records import Article

log = logging.getLogger(__name__)

_CONTROL_OK = {"\n", "\t", "\r", "\f"}

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# When several legacy code pages read the bytes equally well, the one Western news
# sites used most wins (charset-normalizer alone picks cp1250 for short English text).
_PREFERRED_LEGACY = ("cp1252", "latin_1")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, length of the mark) when ``data`` starts with a UTF-8/16/32 byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def detect_legacy_encoding(data: bytes, origin: str) -> str:
    """The codec charset-normalizer finds for bytes that are not UTF-8; logged as a warning."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(origin, "not UTF-8, and no text encoding fits its bytes (binary file?)")
    best = matches[0]
    # Language coherence is unreliable on a few sentences; the mess (chaos) measure is not.
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    encoding = best.encoding
    for preferred in _PREFERRED_LEGACY:
        if any(preferred in m.could_be_from_charset for m in tied):
            encoding = preferred
            break
    log.warning("%s: not valid UTF-8; decoded as %s (detected); check its text", origin, encoding)
    return encoding


def decode_text(data: bytes, origin: str) -> str:
    """Text by byte-order mark (UTF-8/16/32), else UTF-8, else a detected legacy encoding.

    A file read in a detected encoding is reported as a warning naming the file and
    the encoding; binary data is refused.
    """
    if not data.strip():
        raise InputError(origin, "empty file")
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            name = encoding.upper()
            reason = f"starts with a {name} byte-order mark but is not valid {name} (byte {exc.start + skip})"
            raise InputError(origin, reason) from exc
    elif b"\x00" in data[:8192]:
        raise InputError(origin, "binary file (contains NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode(detect_legacy_encoding(data, origin))
    if not text.strip():
        raise InputError(origin, "empty file")
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
