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
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import create_app
    from . import settings_from

    settings = settings_from(args)
    if args.read_only and not settings.db.is_file():
        print(f"newsgraph: error: {settings.db}: no such store to serve read-only", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"newsgraph: error: --port {args.port} is not a TCP port", file=sys.stderr)
        return 2
    app = create_app(settings.db, read_only=args.read_only, settings=settings)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Serving on http://{host}:{args.port}", flush=True)
    if args.read_only:
        print(f"Store {settings.db} is open read-only: nothing will be written", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
