"""``newsgraph serve``: the web interface and JSON API over a store."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web interface and JSON API (FastAPI on uvicorn)")
    p.add_argument("--db", metavar="FILE", help="SQLite store (default: the configured db, newsgraph.db)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open the store read-only and refuse every write (extraction still answers, unstored)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (default 1; one per core serves more pages at once)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..web.serving import MAX_WORKERS, serve
    from . import settings_from

    settings = settings_from(args)
    if args.read_only and not settings.db.is_file():
        print(f"newsgraph: error: {settings.db}: no such store to serve read-only", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"newsgraph: error: --port {args.port} is not a TCP port", file=sys.stderr)
        return 2
    if not 1 <= args.workers <= MAX_WORKERS:
        print(f"newsgraph: error: --workers {args.workers}: give 1 to {MAX_WORKERS}", file=sys.stderr)
        return 2
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Serving on http://{host}:{args.port}", flush=True)
    if args.read_only:
        print(f"Store {settings.db} is open read-only: nothing will be written", flush=True)
    serve(
        settings.db,
        host=args.host,
        port=args.port,
        read_only=args.read_only,
        settings=settings,
        workers=args.workers,
    )
    return 0
