"""The loop the per-article commands share: read each path, extract, report failures."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..errors import InputError
from ..records import DocumentRecord


def extract_paths(
    args: argparse.Namespace,
    emit: Callable[[DocumentRecord], None],
    **metadata: str | None,
) -> int:
    """Extract every path of ``args.paths`` in order and hand each record to ``emit``.

    A path that cannot be read is reported in one line naming it and the reason;
    the others still run. Returns the exit code: 2 for a bad --published, 1 when
    any input failed, else 0.
    """
    from .. import get_pipeline
    from ..articles import parse_published
    from ..ingest import iter_articles
    from . import settings_from

    try:
        parse_published(args.published)
    except ValueError as exc:
        print(f"newsgraph: error: --published: {exc}", file=sys.stderr)
        return 2
    pipeline = get_pipeline(settings_from(args))
    failures = 0
    for item in iter_articles(args.paths, published=args.published, **metadata):
        if isinstance(item, InputError):
            failures += 1
            print(f"newsgraph: error: {item}", file=sys.stderr)
            continue
        emit(pipeline.extract_article(item))
        sys.stdout.flush()
    if failures:
        print(f"newsgraph: {failures} of {len(args.paths)} input(s) failed", file=sys.stderr)
    return 1 if failures else 0
