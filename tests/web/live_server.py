"""A real uvicorn server on a free loopback port, in a background thread, for the browser tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(app, port: int):
    """Start ``app`` on ``port`` and wait (at most 20 s) until it answers; the server and its thread."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    return server, thread


def stop_server(server, thread) -> None:
    server.should_exit = True
    thread.join(timeout=10)


@contextmanager
def serving(app) -> Iterator[str]:
    """The base URL of ``app`` served on a free port until the block ends."""
    port = free_port()
    server, thread = start_server(app, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(server, thread)
