"""The project's exceptions. Each message names the input and what is wrong."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class InputError(NewsgraphError):
    """An input that cannot be read as an article (missing, binary, empty...)."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ArticleTooLongError(InputError):
    """An article longer than the ``max_article_chars`` setting: refused before the model sees it."""

    def __init__(self, origin: str, length: int, limit: int) -> None:
        super().__init__(
            origin,
            f"article is {length:,} characters long, over the limit of {limit:,} (setting max_article_chars)",
        )
        self.length = length
        self.limit = limit


class ModelNotFoundError(NewsgraphError):
    """No spaCy model package of the configured name is installed."""


class LexiconError(NewsgraphError):
    """A lexicon data file is missing or malformed."""


class StoreError(NewsgraphError):
    """The database cannot be opened or written."""
