"""Running the app on uvicorn, in one process or several sharing one listening socket.

Python renders pages and JSON under one lock (the GIL), so one process uses one
core however many requests wait. With ``workers`` > 1 each worker process,
forked before it opens anything, builds its own app (its own SQLite connections
and answer cache) and accepts connections from the one socket the caller bound;
the kernel spreads them. Writes from several workers queue in SQLite (one
writer at a time, busy timeout 30 s).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..settings import Settings

MAX_WORKERS = 32


def serve(
    db: str | Path,
    *,
    sock: socket.socket,
    read_only: bool = False,
    settings: Settings | None = None,
    workers: int = 1,
    log_level: str = "warning",
    announce: Callable[[], None] | None = None,
    allowed_hosts: Iterable[str] = (),
) -> None:
    """Serve the web app over the store at ``db`` on the listening ``sock`` until interrupted.

    ``announce`` is called once the store has opened, before the first request is taken. The app
    answers to the host names ``origin.answered_hosts`` gives for the socket's address: on a loopback
    address only loopback names and ``allowed_hosts`` (DNS rebinding).
    """
    import uvicorn

    from .app import create_app
    from .origin import answered_hosts

    if not 1 <= workers <= MAX_WORKERS:
        raise ValueError(f"workers must be 1 to {MAX_WORKERS}, not {workers}")
    hosts = answered_hosts(str(sock.getsockname()[0]), allowed_hosts)
    app = create_app(db, read_only=read_only, settings=settings, allowed_hosts=hosts)  # a bad path fails here
    if announce is not None:
        announce()
    if workers == 1:
        uvicorn.Server(uvicorn.Config(app, log_level=log_level)).run(sockets=[sock])
        return
    app.state.access.close()  # nothing open may cross the fork
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: its own app, connections and cache, on the shared socket
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                worker_app = create_app(db, read_only=read_only, settings=settings, allowed_hosts=hosts)
                uvicorn.Server(uvicorn.Config(worker_app, log_level=log_level)).run(sockets=[sock])
            except BaseException:  # noqa: BLE001 - a worker reports and exits, never returns to the CLI
                import traceback

                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        children.append(pid)

    def stop(signum: int, frame: Any) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for child in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)
