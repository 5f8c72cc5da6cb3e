"""The ``newsgraph`` command: thin argument parsing over the library.

Each command lives in its own module of this package exposing
``register(subparsers)``; modules are found automatically. The handler a
command sets returns the process exit code.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ..errors import NewsgraphError


def command_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph", description=__doc__.splitlines()[0] if __doc__ else None
    )
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


def main(argv: list[str] | None = None) -> int:
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
