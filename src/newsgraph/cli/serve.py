"""``newsgraph serve``: the web interface and JSON API over a store."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web interface and JSON API (FastAPI on uvicorn)")
    p.add_argument("--db", metavar="FILE", help="SQLite store (default: the configured db, newsgraph.db)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="answer to this host name too (repeatable). On a loopback address (the default) the "
        "server answers only to localhost and loopback addresses, so that no page of another site can "
        "reach it by rebinding its own name to this machine; on another address it answers to any "
        "name unless this option names them",
    )
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


def bind_port(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a NewsgraphError saying what to do instead.

    The server is given this very socket, so the port announced is the port
    already held: nothing can take it between the check and the start.
    """
    from ..errors import NewsgraphError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # as uvicorn does: restart at once even with connections in TIME_WAIT
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise NewsgraphError(
                f"port {port} on {host} is already in use (another `newsgraph serve`?): "
                f"serve on another port with --port {port + 1 if port < 65535 else 8000}, "
                f"or stop the program holding it (`lsof -i :{port}` names it)"
            ) from exc
        if exc.errno == errno.EACCES:
            raise NewsgraphError(
                f"no permission to listen on port {port}: ports below 1024 need administrator rights; "
                "use --port 8000"
            ) from exc
        if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(exc, socket.gaierror):
            raise NewsgraphError(
                f"cannot listen on address {host!r}: it is not an address of this machine "
                "(use 127.0.0.1, or 0.0.0.0 for every interface)"
            ) from exc
        raise NewsgraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


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
    sock = bind_port(args.host, args.port)

    def announce() -> None:
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"Serving on http://{host}:{args.port}  (Ctrl-C to stop)", flush=True)
        if args.read_only:
            print(f"Store {settings.db} is open read-only: nothing will be written", flush=True)

    try:
        serve(
            settings.db,
            sock=sock,
            read_only=args.read_only,
            settings=settings,
            workers=args.workers,
            announce=announce,
            allowed_hosts=args.allow_host,
        )
    finally:
        sock.close()
    return 0
