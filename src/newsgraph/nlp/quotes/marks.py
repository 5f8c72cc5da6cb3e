"""Quotation marks in raw text: which characters open and close a quotation.

Works on characters, not tokens, so that every mark style is handled the same
way: curly and straight double quotes, guillemets, and single quotes used as
quotation marks (told apart from apostrophes by what surrounds them). A
quotation never runs past its paragraph unless the next paragraph reopens it
(the convention for a quotation spanning paragraphs), and an unbalanced mark
yields at most a bounded, low-confidence span instead of swallowing the rest
of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest content we accept for one paragraph's part of a quotation; longer
# unbalanced spans are cut back to a sentence end.
MAX_PART_CHARS = 1500
MAX_PARAGRAPHS = 8

DOUBLE, SINGLE, GUILLEMET = "double", "single", "guillemet"
_OPENERS = {"“": DOUBLE, "„": DOUBLE, "«": GUILLEMET, "‹": GUILLEMET, "‘": SINGLE}
_CLOSERS = {"”": DOUBLE, "»": GUILLEMET, "›": GUILLEMET}
_AMBIGUOUS = {'"': DOUBLE, "'": SINGLE, "’": SINGLE}
_OPEN_CONTEXT = set(" \t([{—–-:;/\u00a0")  # characters after which a mark opens
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»]?(?=\s)")


@dataclass(frozen=True)
class Quotation:
    """One top-level quotation: its content per paragraph, without the marks."""

    parts: tuple[tuple[int, int], ...]  # (start, end) of the content in each paragraph
    mark_start: int  # offset of the opening mark
    mark_end: int  # offset just after the closing mark (or the bounded end when unbalanced)
    style: str  # double, single, guillemet
    balanced: bool

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _looks_opening(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before in _OPEN_CONTEXT or before in _OPENERS or before in "\"'") and not after.isspace()


def _looks_closing(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and not _is_word(after)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _bounded_end(text: str, start: int, end: int) -> int:
    """Cut an over-long content back to the last sentence end within the limit."""
    if end - start <= MAX_PART_CHARS:
        return end
    limit = start + MAX_PART_CHARS
    last = None
    for match in _SENTENCE_END.finditer(text, start, limit):
        last = match.end()
    return last or limit


class _Scanner:
    """Scans one paragraph, keeping a stack of open marks."""

    def __init__(self, text: str) -> None:
        self.text = text

    def scan(self, start: int, end: int) -> tuple[list[tuple[int, int, str]], tuple[int, str] | None]:
        """Balanced top-level ``(open, close, style)`` marks, and the top-level mark left open."""
        text = self.text
        stack: list[tuple[int, str]] = []
        closed: list[tuple[int, int, str]] = []
        for i in range(start, end):
            ch = text[i]
            if ch in _OPENERS:
                style = _OPENERS[ch]
                if style == SINGLE and i > start and _is_word(text[i - 1]):
                    continue  # a turned apostrophe inside a word
                self._open(stack, i, style)
            elif ch in _CLOSERS:
                self._close(stack, closed, i, _CLOSERS[ch])
            elif ch in _AMBIGUOUS:
                style = _AMBIGUOUS[ch]
                if style == SINGLE and i - start > 0 and i + 1 < end and _is_word(text[i - 1]):
                    if _is_word(text[i + 1]):
                        continue  # don't, Russia's
                    if not any(s == SINGLE for _, s in stack):
                        continue  # officials' (plural possessive)
                is_open = any(s == style for _, s in stack)
                if ch == "’" and not is_open:
                    continue  # a right single mark never opens: ’n’, ’90s
                if is_open and _looks_closing(text, i, start, end):
                    self._close(stack, closed, i, style)
                elif _looks_opening(text, i, start, end):
                    self._open(stack, i, style)
                elif is_open:
                    self._close(stack, closed, i, style)
        left_open = stack[0] if stack and stack[0][1] != SINGLE else None
        return closed, left_open

    @staticmethod
    def _open(stack: list[tuple[int, str]], i: int, style: str) -> None:
        # The same double style opening again while open means the earlier mark
        # was stray: restart rather than nest (nesting switches to single marks).
        if style != SINGLE and stack and any(s == style for _, s in stack):
            while stack and stack[-1][1] != style:
                stack.pop()
            stack.pop()
        stack.append((i, style))

    @staticmethod
    def _close(stack: list[tuple[int, str]], closed: list[tuple[int, int, str]], i: int, style: str) -> None:
        if not any(s == style for _, s in stack):
            return  # a stray closing mark
        while stack[-1][1] != style:
            stack.pop()
        opened, _ = stack.pop()
        if not stack and (style != SINGLE or i - opened > 2):
            closed.append((opened, i, style))  # 'n' in "rock 'n' roll" is no quotation


def find_quotations(text: str) -> list[Quotation]:
    """Top-level quotations of ``text`` in order; nested quotations stay inside their parent."""
    scanner = _Scanner(text)
    paragraphs = _paragraphs(text)
    found: list[Quotation] = []
    pending: list[tuple[int, int]] = []  # parts of a quotation running across paragraphs
    pending_start: int | None = None
    pending_style: str | None = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        scan_from = p_start
        if pending:
            first = text[p_start:p_end].lstrip()
            lead = p_start + (len(text[p_start:p_end]) - len(first))
            if first[:1] in _OPENERS or first[:1] == '"':
                scan_from = lead  # the reopening mark: scanned as an opener below
            else:
                found.append(_unbalanced(text, pending, pending_start, pending_style))
                pending, pending_start, pending_style = [], None, None
        closed, left_open = scanner.scan(scan_from, p_end)
        for k, (opened, closing, style) in enumerate(closed):
            part = _strip(text, opened + 1, closing)
            if part[0] >= part[1]:
                continue
            if pending and k == 0 and opened == scan_from:
                pending.append(part)
                # a non-empty ``pending`` always has the start and style of its opening mark
                assert pending_start is not None and pending_style is not None
                found.append(Quotation(tuple(pending), pending_start, closing + 1, pending_style, True))
                pending, pending_start, pending_style = [], None, None
                continue
            found.append(Quotation((part,), opened, closing + 1, style, True))
        if pending and not (closed and closed[0][0] == scan_from):
            if left_open is not None and left_open[0] == scan_from and len(pending) < MAX_PARAGRAPHS:
                pending.append(_strip(text, left_open[0] + 1, p_end))
                continue
            found.append(_unbalanced(text, pending, pending_start, pending_style))
            pending, pending_start, pending_style = [], None, None
        if left_open is not None and not pending:
            opened, style = left_open
            part = _strip(text, opened + 1, p_end)
            if part[0] >= part[1]:
                continue
            next_reopens = index + 1 < len(paragraphs) and (
                text[paragraphs[index + 1][0] : paragraphs[index + 1][1]].lstrip()[:1] in ("“", '"', "«", "„")
            )
            if next_reopens:
                pending, pending_start, pending_style = [part], opened, style
            else:
                found.append(_unbalanced(text, [part], opened, style))
    if pending:
        found.append(_unbalanced(text, pending, pending_start, pending_style))
    return found


def _unbalanced(text: str, parts: list[tuple[int, int]], mark_start, style) -> Quotation:
    """A quotation whose closing mark never came: each part bounded to its paragraph and length."""
    bounded = []
    for start, end in parts:
        cut = _strip(text, start, _bounded_end(text, start, end))
        if cut[0] < cut[1]:
            bounded.append(cut)
    if not bounded:
        bounded = [parts[0]]
    return Quotation(tuple(bounded), mark_start, bounded[-1][1], style or DOUBLE, False)
