"""How listing commands print rows: a table on a terminal, or JSON, JSON lines, CSV or TSV.

Every listing command (``search``, ``quotes``, ``events``) takes the same
output options, like sqlite-utils and csvkit: ``--json`` (one JSON array),
``--nl`` (one JSON object a line), ``--csv``, ``--tsv``, ``--table`` and
``--no-headers``. Without one, a terminal gets a table fitted to its width
and a pipe gets TSV with a header line, so ``| cut``, ``| sort`` and
spreadsheets see one row per line rather than a box table wrapped at 80
columns.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from ..export.columns import value_at

FORMATS = ("table", "json", "nl", "csv", "tsv")

# The store's search snippets mark each match as [word]; on a terminal the
# brackets become bold, elsewhere they stay as they are.
MATCH_MARK = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Column:
    """One output column: ``path`` is a dotted key into the row (``source.name``).

    ``width`` caps the cell in the terminal table; ``in_table`` False keeps a
    column out of the table (it is still in CSV, TSV and JSON). ``marks``
    says the cell carries search match markers.
    """

    header: str
    path: str
    width: int | None = None
    in_table: bool = True
    marks: bool = False


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The shared output options, mutually exclusive; they all set ``args.output_format``."""
    group = parser.add_argument_group("output (default: a table on a terminal, TSV when piped)")
    choice = group.add_mutually_exclusive_group()
    for flag, value, text in (
        ("--table", "table", "a table fitted to the terminal"),
        ("--json", "json", "a JSON array of full records"),
        ("--nl", "nl", "newline-delimited JSON: one full record a line"),
        ("--csv", "csv", "comma-separated values with a header line"),
        ("--tsv", "tsv", "tab-separated values with a header line"),
    ):
        choice.add_argument(flag, dest="output_format", action="store_const", const=value, help=text)
    group.add_argument("--no-headers", action="store_true", help="CSV/TSV without the header line")


def output_format(args: argparse.Namespace, stream: TextIO | None = None) -> str:
    """The format asked for, or the default for where the output goes."""
    chosen = getattr(args, "output_format", None)
    if chosen:
        return str(chosen)
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "tsv"


def flat_cell(value: Any) -> str:
    """A value as one line of text: empty for None, JSON for lists and dicts."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def write_rows(
    args: argparse.Namespace,
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Print rows in the format of ``args`` (see :func:`output_format`)."""
    out = stream or sys.stdout
    fmt = output_format(args, out)
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "nl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "tsv"):
        write_delimited(rows, columns, out, tsv=fmt == "tsv", headers=not getattr(args, "no_headers", False))
    else:
        print_table(rows, [c for c in columns if c.in_table], title=title, stream=out)
    if not rows and fmt == "table":
        print("(no results)", file=sys.stderr)


def write_delimited(
    rows: Iterable[dict[str, Any]], columns: Sequence[Column], out: TextIO, *, tsv: bool, headers: bool
) -> None:
    """CSV (RFC 4180 quoting) or TSV (tabs and newlines in values become spaces)."""
    writer = csv.writer(out, dialect="excel-tab" if tsv else "excel", lineterminator="\n")
    if headers:
        writer.writerow([c.header for c in columns])
    for row in rows:
        cells = [flat_cell(value_at(row, c.path)) for c in columns]
        if tsv:
            cells = [cell.replace("\t", " ") for cell in cells]
        writer.writerow(cells)


def table_cell(value: Any, width: int | None, *, marks: bool = False):
    """A rich Text for a table cell: never parsed as markup; search marks in bold."""
    from rich.text import Text

    if isinstance(value, dict):
        value = value.get("name") or value.get("text")
    text = flat_cell(value)
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    if not marks:
        return Text(text)
    cell = Text()
    last = 0
    for match in MATCH_MARK.finditer(text):
        cell.append(text[last : match.start()])
        cell.append(match.group(1), style="bold reverse")
        last = match.end()
    cell.append(text[last:])
    return cell


def print_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Rows as a rich table fitted to the terminal; cell text is never read as markup."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for column in columns:
        table.add_column(column.header, overflow="fold", max_width=column.width)
    for row in rows:
        table.add_row(*(table_cell(value_at(row, c.path), c.width, marks=c.marks) for c in columns))
    Console(file=stream or sys.stdout, soft_wrap=False).print(table)
