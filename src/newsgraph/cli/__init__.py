"""The ``newsgraph`` command: thin argument parsing over the library.

Each command lives in its own module of this package exposing
``register(subparsers)``; modules are found automatically. The handler a
command sets returns the process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys

from ..errors import NewsgraphError

DESCRIPTION = """\
Turn news articles into entities, quotes, PLOVER events, figures, places and
dates; store them in SQLite; search, list, export and serve them."""

EPILOG = """\
examples:
  newsgraph extract article.txt --format text        what one article says
  newsgraph ingest corpus/ --db news.db              read a folder into a database
  newsgraph events --db news.db --type ASSAULT --since 2025-01 --csv
  newsgraph search ceasefire --db news.db
  newsgraph serve --db news.db                       web interface and JSON API

Run `newsgraph COMMAND --help` for a command's options."""


def command_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", help="TOML config file with a [newsgraph] table")
    parser.add_argument("--model", help="spaCy model package (default en_core_web_sm)")
    parser.add_argument(
        "--lexicon",
        action="append",
        dest="user_lexicons",
        metavar="FILE",
        help="extra lexicon file merged into the built-in lexicon its name starts with (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in command_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def settings_from(args: argparse.Namespace):
    from ..settings import load_settings

    return load_settings(
        args.config,
        model=args.model,
        user_lexicons=args.user_lexicons,
        db=getattr(args, "db", None),
    )


class _WarningLines(logging.Handler):
    """The library's warnings (a file read in a detected encoding) as ``newsgraph: warning: ...`` lines."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"newsgraph: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def _report_warnings() -> None:
    logger = logging.getLogger("newsgraph")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        logger.addHandler(_WarningLines(logging.WARNING))


def main(argv: list[str] | None = None) -> int:
    _report_warnings()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except NewsgraphError as exc:
        print(f"newsgraph: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
