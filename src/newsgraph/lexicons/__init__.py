"""Lexicons are data files users can extend: TSV (header line) or YAML.

Built-in files live beside this module. ``Settings.user_lexicons`` adds files
whose name starts with a built-in lexicon's name (``titles_extra.tsv`` extends
``titles.tsv``); their rows are appended after the built-in ones.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import LexiconError

LEXICON_DIR = Path(__file__).parent
# Lexicons that were renamed: user files named after the old name still extend the new one.
FORMER_NAMES = {"entity_people": "actors"}


def builtin_names() -> list[str]:
    names = {p.stem for p in LEXICON_DIR.iterdir() if p.suffix in {".tsv", ".yaml", ".yml"}}
    return sorted(names | set(FORMER_NAMES))


def _user_files(name: str, user_lexicons: Iterable[Path]) -> list[Path]:
    prefixes = tuple([name, *(old for old, new in FORMER_NAMES.items() if new == name)])
    chosen = []
    for path in user_lexicons:
        path = Path(path)
        if not path.name.startswith(prefixes):
            continue
        if not path.is_file():
            raise LexiconError(f"{path}: user lexicon file not found")
        chosen.append(path)
    return chosen


def check_user_lexicons(user_lexicons: Iterable[Path]) -> None:
    """Fail early, naming the file, when a user lexicon matches no built-in lexicon."""
    names = builtin_names()
    for path in user_lexicons:
        path = Path(path)
        if not any(path.name.startswith(n) for n in names):
            raise LexiconError(f"{path}: file name must start with a lexicon name: {', '.join(names)}")
        if not path.is_file():
            raise LexiconError(f"{path}: user lexicon file not found")


class LexiconRow(dict[str, str]):
    """One TSV row keyed by the header, knowing where it was read (``origin``: ``path:line``)."""

    origin: str = ""


def _read_tsv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            # Keep each line's number in the file: comments and blank lines count.
            numbered = [(n, ln) for n, ln in enumerate(fh, start=1) if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc
    if not numbered:
        return []
    header_line, header = numbered[0]
    fieldnames = next(csv.reader([header], delimiter="\t", quoting=csv.QUOTE_NONE))
    rows: list[dict[str, str]] = []
    for lineno, line in numbered[1:]:
        values = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(values) != len(fieldnames):
            raise LexiconError(
                f"{path}: line {lineno}: expected {len(fieldnames)} tab-separated columns "
                f"(as in the header on line {header_line}), found {len(values)}"
            )
        row = LexiconRow((k, v.strip()) for k, v in zip(fieldnames, values, strict=True))
        row.origin = f"{path}:{lineno}"
        rows.append(row)
    return rows


def load_tsv(name: str, user_lexicons: tuple[Path, ...] = ()) -> list[dict[str, str]]:
    """Rows of ``<name>.tsv`` as dicts keyed by the header, user rows appended."""
    return list(_load_tsv_cached(name, tuple(user_lexicons)))


@lru_cache(maxsize=64)
def _load_tsv_cached(name: str, user_lexicons: tuple[Path, ...]) -> tuple[dict[str, str], ...]:
    rows = _read_tsv(LEXICON_DIR / f"{name}.tsv")
    for path in _user_files(name, user_lexicons):
        rows.extend(_read_tsv(path))
    return tuple(rows)


def _read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from exc


def load_yaml_list(name: str, user_lexicons: tuple[Path, ...] = ()) -> list[Any]:
    """Entries of ``<name>.yaml`` (a YAML list), user entries appended."""
    entries = []
    for path in [LEXICON_DIR / f"{name}.yaml", *_user_files(name, user_lexicons)]:
        data = _read_yaml(path)
        if data is None:
            continue
        if not isinstance(data, list):
            raise LexiconError(f"{path}: expected a YAML list of entries at the top level")
        entries.extend(data)
    return entries


def split_field(value: str | None) -> list[str]:
    """A ``|``-separated lexicon field as a list, blanks dropped."""
    return [v.strip() for v in (value or "").split("|") if v.strip()]
